"""Advisories withdrawn from the site: their record stays published.

When an advisory's file is deleted (core/history.py ``History.removed``), its destination has
no current advice, but what was advised stays on record: its history page with a last entry
saying when it was withdrawn, its editions' pages, its timeline in the open data (ended that
day), a short page at the old destination address pointing to the record, and a list on the
destinations index.

What was taken back is announced where changes are (:func:`withdrawals`): a change whose edition a
revert withdrew, and an advisory withdrawn, each get an entry in the feeds (site/feeds.py) and on
the latest-updates page (site/destination_list.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

from travel_advice.core.history import History
from travel_advice.core.model import Advisory, Lang, Update
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


@dataclass(frozen=True)
class Withdrawal:
    """A published change taken back by a revert, or a whole advisory withdrawn from the site."""

    advisory: Advisory
    """The advisory as it stood before it was taken back."""
    day: date
    """The day it was taken back."""
    link: str
    """Link to what it took back: the withdrawn edition's page, or the withdrawn advisory's history page."""
    change: Update | None = None
    """The change taken back; None when the whole advisory was withdrawn."""
    time: datetime | None = None
    """When it was taken back (the reverting edition's commit), if known."""

    @property
    def sort_key(self) -> tuple[date, float]:
        """Its place among the change log's entries (``Update.sort_key``): after that day's changes when its time is unknown."""
        return self.day, self.time.timestamp() if self.time else float("inf")


def newest_first(changes: Iterable[tuple[Advisory, Update]], taken_back: Iterable[Withdrawal]) -> list[tuple[Advisory, Update] | Withdrawal]:
    """Change-log entries and withdrawals in one list, newest first; of the same moment, in the order given, changes first."""
    items: list[tuple[Advisory, Update] | Withdrawal] = [*changes, *taken_back]
    return sorted(items, key=lambda item: item.sort_key if isinstance(item, Withdrawal) else item[1].sort_key, reverse=True)


def withdrawals(
    views: Mapping[str, DestinationView],
    gone: Mapping[str, Withdrawn],
    history: History,
    link_to: Callable[[str], str],
    layout: Layout,
) -> dict[str, list[Withdrawal]]:
    """What was taken back, by code: each change whose edition a revert withdrew (and that the current change log
    no longer has), and each advisory withdrawn from the site (``gone``).

    ``link_to(source_path)``: the link to a page of the language (absolute in a feed, relative on a page).
    """
    found: dict[str, list[Withdrawal]] = {}
    for code, view in views.items():
        editions, current = history.of(code), set(view.advisory.updates)
        changes: dict[Update, Withdrawal] = {}
        for number, edition in enumerate(editions):
            if edition.withdrawn is None:
                continue
            change = edition.advisory.updates[0] if edition.advisory.updates else None  # the edition's own, not its summary's
            if change is None or change.minor or change in current or change in changes:
                continue
            reverting = next((later for later in editions[number + 1:] if later.day == edition.withdrawn), None)
            link = link_to(layout.edition(view.advisory, edition.address))
            changes[change] = Withdrawal(edition.advisory, edition.withdrawn, link, change, reverting.published if reverting else None)
        if changes:
            found[code] = list(changes.values())
    for code, item in gone.items():
        link = link_to(layout.history(item.advisory))
        found.setdefault(code, []).append(Withdrawal(item.advisory, item.day, link))
    return found
