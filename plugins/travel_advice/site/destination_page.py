"""Destination pages: an advisory rendered as Markdown (with HTML blocks) in one language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

from travel_advice.core.content_rules import escape_markdown
from travel_advice.core.model import SECTION_KEYS, Advisory, EmergencyContact, Lang
from travel_advice.core.words import (
    COLON,
    INDICATOR_EXPLANATIONS,
    INDICATOR_LABELS,
    PAGE_ANCHORS,
    SECTION_ANCHORS,
    SECTION_TITLES,
    format_age,
    format_day,
    format_update_date,
    label,
    level_name,
)
from travel_advice.site.help_links import DestinationLinks, tel_uri
from travel_advice.site.search_index import NAME_TERMS_ATTRIBUTE, NAMES_WEIGHT, name_terms

MARKDOWN_START = "<!-- ta:markdown -->"
MARKDOWN_END = "<!-- /ta:markdown -->"
"""Lines around an editor's Markdown in a generated page: everything else but headings is HTML already (glue/generated_page.py)."""


def _yaml_text(value: str) -> str:
    """A front-matter value, quoted so that any text stays a plain string."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


@cache
def environment() -> jinja2.Environment:
    """The Jinja environment of the page templates (HTML escaping on)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader(__package__, "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["tel"] = tel_uri
    env.filters["md_text"] = escape_markdown
    env.filters["yaml_text"] = lambda value: Markup(_yaml_text(str(value)))
    return env


@cache
def level_badge(level: int, lang: Lang) -> Markup:
    """A level shown by number, shape, colour and words: never colour alone (cached: 8 in all)."""
    return Markup(
        '<span class="ta-badge ta-lvl-{level}"><span class="ta-badge__icon" aria-hidden="true" data-pagefind-ignore>{level}</span>'
        '<span class="ta-badge__text"><span class="ta-badge__num">{num}{colon}</span>{name}</span></span>'
    ).format(level=level, num=label("level_of", lang, level=level), colon=COLON[lang], name=level_name(level, lang))


def template_helpers(lang: Lang) -> dict[str, Any]:
    """Functions and words every page template of ``lang`` uses."""
    return {
        "lang": lang,
        "ui": lambda key, **values: label(key, lang, **values),
        "day": lambda day: format_day(day, lang),
        "when": lambda update: format_update_date(update, lang),
        "when_iso": lambda update: (update.time or update.date).isoformat(),
        "badge": lambda level: level_badge(level, lang),
        "colon": COLON[lang],
        "indicator": lambda key: INDICATOR_LABELS[key][lang],
        "indicator_explanation": lambda key: INDICATOR_EXPLANATIONS[key][lang],
    }


@dataclass(frozen=True)
class RelatedDestination:
    """A destination a page points a traveller to: a subdivision's country, or a country's subdivisions."""

    name: str
    href: str | None = None
    """Link to its page; None for a country without an advisory of its own."""
    level: int | None = None


@dataclass(frozen=True)
class Archived:
    """What an edition's own page says above the advisory as it was published."""

    day: date
    current_href: str
    history_href: str
    withdrawn: date | None = None


def render_destination(
    advisory: Advisory,
    lang: Lang,
    emergency: EmergencyContact | None,
    links: DestinationLinks | None = None,
    *,
    feed_url: str = "",
    country: RelatedDestination | None = None,
    parts: tuple[RelatedDestination, ...] = (),
    review_age: int | None = None,
    history_href: str = "",
    archived: Archived | None = None,
) -> str:
    """The Markdown source of a destination page in ``lang``, with its useful ``links`` if any.

    A subdivision's page names its ``country``; a country's page lists the ``parts`` of it that
    have an advisory of their own (the Azores on Portugal's page). ``review_age`` (days), given when
    the advisory is overdue for review, is said next to its dates. ``history_href`` links its
    history page; an edition's own page is ``archived`` (marked, out of search, ``noindex``).
    """
    sections = [(key, SECTION_TITLES[key][lang], SECTION_ANCHORS[key][lang]) for key in SECTION_KEYS]
    return environment().get_template("destination.md.j2").render(
        a=advisory,
        name=advisory.name[lang],
        title=label("archived_title", lang, name=advisory.name[lang], day=format_day(archived.day, lang)) if archived else advisory.name[lang],
        description=advisory.summary[lang],
        sections=sections,
        emergency=advisory.emergency or emergency,
        regional_anchor=PAGE_ANCHORS["regional"][lang],
        offices_anchor=PAGE_ANCHORS["offices"][lang],
        updates_anchor=PAGE_ANCHORS["updates"][lang],
        feed_url=feed_url,
        names_weight=NAMES_WEIGHT,
        name_terms=name_terms(advisory.code, [advisory.name[lang], *advisory.also_known_as.get(lang, ()), *([advisory.capital[lang]] if advisory.capital else [])]),
        name_terms_attribute=NAME_TERMS_ATTRIBUTE,
        links=links,
        links_anchor=PAGE_ANCHORS["links"][lang],
        country=country,
        parts=parts,
        review_age=review_age,
        history_href=history_href,
        archived=archived,
        age=lambda days: format_age(days, lang),
        markdown_start=Markup(MARKDOWN_START),
        markdown_end=Markup(MARKDOWN_END),
        **template_helpers(lang),
    )
