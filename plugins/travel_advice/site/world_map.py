"""World map as an inline SVG, each destination coloured by its advisory level.

The geometry is derived at development time by scripts/build_world_geometry.py
(Natural Earth via npm world-atlas, Equal Earth projection) and shipped as
package data. Colours come from CSS classes only: ``lvl-0`` (no advisory,
drawn as one grey, hidden path) and ``lvl-1`` to ``lvl-4``.

Destinations whose code has no geometry are skipped; ``missing_codes`` lists
them so the caller can warn.

On a phone the map is 288 CSS px wide (320 px screen), so most countries are smaller than a
24 × 24 px target. A destination whose main shape is that small also gets a round marker
holding its level number, inside the same link (one target, one focus stop): 13 CSS px in
radius at every width (the stylesheet sets ``r`` per screen width). The smallest shapes are
served first; a marker that would overlap another moves to the nearest free spot, a line joining
it to its country (``place_markers``). When the map is too crowded for all (a world of
destinations on a phone), the rest keep their shape's link, and the text table under the map is
the full-size target for every destination (WCAG 2.5.8's "equivalent" case). A destination
with a regional advisory above its national level is outlined (shape and marker) in that
higher level's colour (class ``up-3`` / ``up-4`` on the link).

Subdivisions with an advisory of their own (ISO 3166-2, ``PT-20``: the Azores) have
no shape in the geometry and are not drawn at all, not even as a marker on their
country: the country's shape carries the country's own level, and a second colour or
marker on it would mislead more than it helps at world scale. They stay listed in the
index table, the map's text alternative, named with their country (« Açores (Portugal) »).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
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
    regional_level: int | None = None  # highest regional advisory level, if above ``level``


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


MARKER_RADIUS = 45.0
"""Map units: 13 CSS px where the map is narrowest (288 px wide on a 320 px screen)."""
SMALL = 24 * 1000 / 288
"""Map units: a shape narrower or shorter than this is under 24 CSS px on a 320 px screen."""

Point = tuple[float, float]
_TOKEN = re.compile(r"[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?")
_ARITY = {"a": 7}


def _subpath_points(path: str) -> list[list[Point]]:
    """Absolute points of each subpath of the geometry's path data (``M x,y l dx,dy … a … z``)."""
    subpaths: list[list[Point]] = []
    command, numbers, x, y = "", [], 0.0, 0.0
    for token in _TOKEN.findall(path):
        if token.isalpha():
            command, numbers = token, []
            continue
        numbers.append(float(token))
        if len(numbers) < _ARITY.get(command, 2):
            continue
        if command in "ML":
            x, y = numbers
            subpaths.append([(x, y)]) if command == "M" else subpaths[-1].append((x, y))
            command = "L"  # further pairs after an M are absolute lines
        elif command == "l":
            x, y = x + numbers[0], y + numbers[1]
            subpaths[-1].append((x, y))
        elif command == "a":  # the geometry's own tiny markers: two half circles
            x, y = x + numbers[5], y + numbers[6]
            subpaths[-1] += [(x, y - numbers[1]), (x, y + numbers[1])]
        numbers = []
    return subpaths


@cache
def main_box(code: str) -> tuple[float, float, float, float]:
    """``(x, y, width, height)`` of the largest (by bounding box) subpath of a country's shape."""
    boxes = []
    for points in _subpath_points(load_geometry().countries[code]):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    return max(boxes, key=lambda box: box[2] * box[3])


def needs_marker(code: str) -> bool:
    """True if the country's main shape is under 24 × 24 CSS px on a 320 px screen."""
    _, _, width, height = main_box(code)
    return min(width, height) < SMALL


REACH = 4 * MARKER_RADIUS
"""Map units: how far a marker may move from its country to find room (a line joins them)."""


def _candidates(anchor: Point, step: float, reach: float) -> Iterator[Point]:
    """The anchor, then rings of points around it every ``step``, out to ``reach``."""
    yield anchor
    for ring in range(1, int(reach // step) + 1):
        count = 8 * ring
        for i in range(count):
            angle = 2 * math.pi * i / count
            yield anchor[0] + ring * step * math.cos(angle), anchor[1] + ring * step * math.sin(angle)


def place_markers(anchors: Sequence[Point], radius: float, bounds: Point, reach: float = REACH) -> list[Point | None]:
    """Marker centres near ``anchors``, at least ``2 * radius`` apart and inside ``bounds``.

    Anchors are placed in order, each at the first free point of ``_candidates``; one with no room
    within ``reach`` gets ``None``: on a crowded phone map a marker for every small country would
    cover the map, so those countries keep their shape's link and their row in the text table, the
    equivalent full-size target. A grid of cells ``2 * radius`` wide makes each check local."""
    gap = 2 * radius + 2
    grid: dict[tuple[int, int], list[Point]] = {}

    def free(x: float, y: float) -> bool:
        if not (radius <= x <= bounds[0] - radius and radius <= y <= bounds[1] - radius):
            return False
        cx, cy = int(x // gap), int(y // gap)
        near = (p for i in (-1, 0, 1) for j in (-1, 0, 1) for p in grid.get((cx + i, cy + j), ()))
        return all(math.hypot(x - px, y - py) >= gap for px, py in near)

    placed: list[Point | None] = []
    for anchor in anchors:
        spot = next((p for p in _candidates(anchor, radius, reach) if free(*p)), None)
        if spot is not None:
            spot = (round(spot[0], 1), round(spot[1], 1))
            grid.setdefault((int(spot[0] // gap), int(spot[1] // gap)), []).append(spot)
        placed.append(spot)
    return placed


def _marker(destination: MapDestination, anchor: Point, centre: Point) -> str:
    """A round target with the level number, and a line to the country if it had to move."""
    (ax, ay), (x, y) = anchor, centre
    leader = f'<line class="ta-leader" x1="{ax:g}" y1="{ay:g}" x2="{x:g}" y2="{y:g}"/>' if math.dist(anchor, centre) > 1 else ""
    return (
        f'{leader}<circle class="ta-marker lvl-{destination.level}" cx="{x:g}" cy="{y:g}" r="{MARKER_RADIUS:g}"/>'
        f'<text class="ta-marker__level" x="{x:g}" y="{y:g}">{destination.level}</text>'
    )


def _link(destination: MapDestination, path: str, colon: str, marker: str = "") -> str:
    """An advisory country: a link holding its coloured shape (and its marker, if small)."""
    if destination.level not in LEVELS:
        raise ValueError(f"{destination.code}: level {destination.level} is not 1 to 4")
    label = escape(f"{destination.name}{colon}{destination.level_label}")
    up = f' class="up-{destination.regional_level}"' if destination.regional_level else ""
    return (
        f'<a href="{escape(destination.href)}"{up} aria-label="{label}">'
        f"<title>{label}</title>"
        f'<path class="lvl-{destination.level}" d="{escape(path)}"/>{marker}</a>'
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
    shown = [code for code in geometry.countries if code in by_code]
    small = sorted((code for code in shown if needs_marker(code)), key=lambda code: main_box(code)[2] * main_box(code)[3])
    anchors = [(x + w / 2, y + h / 2) for x, y, w, h in map(main_box, small)]
    _, _, width, height = (float(n) for n in geometry.view_box.split())
    centres = place_markers(anchors, MARKER_RADIUS, (width, height))
    markers = {
        code: _marker(by_code[code], anchor, centre)
        for code, anchor, centre in zip(small, anchors, centres, strict=True)
        if centre is not None
    }
    links = "".join(_link(by_code[code], geometry.countries[code], colon) for code in shown if code not in markers)
    links += "".join(_link(by_code[code], geometry.countries[code], colon, markers[code]) for code in reversed(markers))  # smallest on top
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
