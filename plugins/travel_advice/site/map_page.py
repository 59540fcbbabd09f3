"""The world map page: every country coloured by its level, with the index table as its text.

Subdivisions with their own advisory are not drawn (see :mod:`.worldmap`); the table lists them.
"""

from __future__ import annotations

from collections.abc import Iterable

from travel_advice.core.model import LEVELS, Advisory, Lang
from travel_advice.core.words import COLON, MAP_TEXT, label, level_name
from travel_advice.site.destination_list import index_rows
from travel_advice.site.destination_page import environment, template_helpers
from travel_advice.site.world_map import MapDestination, missing_codes, render_world_map

MAP_TABLE_ID = "ta-map-table"


def map_destinations(advisories: Iterable[Advisory], lang: Lang, href: dict[str, str]) -> list[MapDestination]:
    """The advisories as the map draws them, named in ``lang``: « Mexique : Faire preuve … (niveau 2 sur 4) »."""
    return [
        MapDestination(a.code, a.name[lang], a.level, _level_words(a, lang), href[a.code], a.regional_peak)
        for a in advisories
    ]


def _level_words(advisory: Advisory, lang: Lang) -> str:
    """« Faire preuve … (niveau 2 sur 4) », then « , certaines régions au niveau 4 » if some are higher."""
    level = advisory.level
    words = f"{level_name(level, lang)} ({label('level_of', lang, level=level).lower()})"
    if advisory.regional_peak:
        words += ", " + label("regional_higher_map", lang, level=advisory.regional_peak)
    return words


def unmapped_codes(advisories: Iterable[Advisory]) -> list[str]:
    """Country codes that have no shape on the map (they stay in the table).

    Subdivisions (``PT-20``) are left out: they are never drawn, by design (see :mod:`.worldmap`).
    """
    return missing_codes(a.code for a in advisories if a.parent_code is None)


def render_map_page(advisories: Iterable[Advisory], lang: Lang, href: dict[str, str]) -> str:
    """Markdown of the map page; ``href`` maps a code to its link from the map page."""
    advisories = tuple(advisories)
    text = {key: value[lang] for key, value in MAP_TEXT.items()}
    svg = render_world_map(
        map_destinations(advisories, lang, href),
        title=text["map_name"],
        description_id=MAP_TABLE_ID,
        map_id="ta-world-map",
        colon=COLON[lang],
    )
    return environment().get_template("map.md.j2").render(
        svg=svg,
        levels=LEVELS,
        rows=index_rows(advisories, lang, href),
        table_id=MAP_TABLE_ID,
        **text,
        **template_helpers(lang),
    )
