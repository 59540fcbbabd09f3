"""Advisories withdrawn from the site: their record stays published.

When an advisory's file is deleted (core/history.py ``History.removed``), its destination has
no current advice, but what was advised stays on record: its history page with a last entry
saying when it was withdrawn, its editions' pages, its timeline in the open data (ended that
day), a short page at the old destination address pointing to the record, and a list on the
destinations index.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from travel_advice.core.history import History
from travel_advice.core.model import Advisory, Lang
from travel_advice.core.words import PAGE_ANCHORS, label
from travel_advice.site.destination_page import environment, template_helpers
from travel_advice.site.layout import DestinationView, Layout, SiteUrls, destination_views


@dataclass(frozen=True)
class Withdrawn:
    """A withdrawn destination in one language: its last edition's view and the day it left the site."""

    view: DestinationView
    day: date

    @property
    def advisory(self) -> Advisory:
        return self.view.advisory


def withdrawn_views(history: History, current: Mapping[str, object], lang: Lang, layout: Layout, urls: SiteUrls) -> dict[str, Withdrawn]:
    """Every withdrawn destination (none of its code in ``current``), by code, as its last edition shows it."""
    days = history.withdrawn(current)
    views = destination_views((history.of(code)[-1].advisory for code in days), lang, layout, urls)
    return {code: Withdrawn(view, days[code]) for code, view in views.items()}


def render_notice(item: Withdrawn, history_href: str) -> str:
    """Markdown of the page left at a withdrawn destination's address: when, and a link to its record."""
    lang, name = item.view.lang, item.view.name
    return environment().get_template("withdrawn.md.j2").render(
        title=label("withdrawn_title", lang, name=name),
        description=label("withdrawn_description", lang, name=name),
        withdrawn_day=item.day,
        history_href=history_href,
        **template_helpers(lang),
    )


def render_list(items: Mapping[str, Withdrawn], lang: Lang, history_hrefs: Mapping[str, str]) -> str:
    """Markdown of the destinations index's list of withdrawn advisories ('' when there is none)."""
    if not items:
        return ""
    return environment().get_template("withdrawn-list.md.j2").render(
        items=sorted(items.items(), key=lambda pair: pair[1].view.name),
        hrefs=history_hrefs,
        anchor=PAGE_ANCHORS["withdrawn"][lang],
        **template_helpers(lang),
    )
