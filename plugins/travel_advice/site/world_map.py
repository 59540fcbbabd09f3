"""World map as an inline SVG, each destination coloured by its advisory level.

The geometry is derived at development time by scripts/build_world_geometry.py
(Natural Earth via npm world-atlas, Equal Earth projection) and shipped as
package data. Colours come from CSS classes only: ``lvl-0`` (no advisory,
drawn as one grey, hidden path) and ``lvl-1`` to ``lvl-4``.

Destinations whose code has no geometry are skipped; ``missing_codes`` lists
them so the caller can warn.

Subdivisions with an advisory of their own (ISO 3166-2, ``PT-20``: the Azores) have
no shape in the geometry and are not drawn at all, not even as a marker on their
country: the country's shape carries the country's own level, and a second colour or
marker on it would mislead more than it helps at world scale. They stay listed in the
index table, the map's text alternative, named with their country (« Açores (Portugal) »).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from html import escape
from importlib import resources

from travel_advice.core.model import LEVELS


@dataclass(frozen=True)
class MapDestination:
    """One destination with an advisory, as shown on the map."""

    code: str  # ISO 3166-1 alpha-2, e.g. "MX" (subdivisions such as "PT-20" have no shape)
    name: str  # localized name
    level: int  # 1..4
    level_label: str  # localized level name
    href: str  # destination page, relative to the page holding the map


@dataclass(frozen=True)
class Geometry:
    """Projected country shapes as SVG path data."""

    view_box: str
    countries: dict[str, str]  # code -> path data, in drawing order
    unassigned: str  # land without an ISO code of its own


@cache
def load_geometry() -> Geometry:
    """Read data/world-geometry.json from the package, once."""
    text = resources.files(__package__).joinpath("data", "world-geometry.json").read_text("utf-8")
    data = json.loads(text)
    return Geometry(data["viewBox"], data["countries"], data.get("unassigned", ""))


def missing_codes(codes: Iterable[str]) -> list[str]:
    """Codes that have no shape on the map, sorted."""
    countries = load_geometry().countries
    return sorted({code for code in codes if code not in countries})


def _link(destination: MapDestination, path: str, colon: str) -> str:
    """An advisory country: a link holding its coloured shape."""
    if destination.level not in LEVELS:
        raise ValueError(f"{destination.code}: level {destination.level} is not 1 to 4")
    label = escape(f"{destination.name}{colon}{destination.level_label}")
    return (
        f'<a href="{escape(destination.href)}" aria-label="{label}">'
        f"<title>{label}</title>"
        f'<path class="lvl-{destination.level}" d="{escape(path)}"/></a>'
    )


def render_world_map(
    destinations: Iterable[MapDestination],
    *,
    title: str,
    description_id: str | None = None,
    map_id: str = "world-map",
    colon: str = ": ",
) -> str:
    """Inline SVG: countries without advisory in grey, the others as links.

    ``description_id`` names the element (the index table) that is the text
    alternative; ``map_id`` must be unique in the page. Unknown codes are skipped
    (see ``missing_codes``); for a repeated code the last one wins. ``colon`` joins a
    name and its level in the language's typography (French: ``"\u00a0: "``).
    """
    geometry = load_geometry()
    by_code = {d.code: d for d in destinations}
    grey = "".join(path for code, path in geometry.countries.items() if code not in by_code)
    links = "".join(
        _link(by_code[code], path, colon) for code, path in geometry.countries.items() if code in by_code
    )
    title_id = f"{map_id}-title"
    described = f' aria-describedby="{escape(description_id)}"' if description_id else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(map_id)}" class="world-map" '
        f'viewBox="{geometry.view_box}" role="group" '
        f'aria-labelledby="{escape(title_id)}"{described}>'
        f'<title id="{escape(title_id)}">{escape(title)}</title>'
        f'<path class="lvl-0" aria-hidden="true" d="{escape(grey + geometry.unassigned)}"/>'
        f"{links}</svg>"
    )
