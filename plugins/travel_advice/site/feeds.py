"""Atom feeds of advisory updates: one for the whole site and one per destination, per language.

The site feed carries the newest changes (50 by default); a destination's feed its whole change log.

Every change-log entry becomes one feed entry whose id stays the same from build to build,
so feed readers show each change once. Dates are those of the change log, never the build
time, so an unchanged site produces byte-identical feeds.

A change taken back by a revert (core/history.py: its edition withdrawn) drops out of the change
log, but readers keep the entry they fetched: a withdrawal entry tells them, linked to the
withdrawn edition's page. An advisory withdrawn from the site (its file deleted) gets one too, in
the site feed and in its own feed, which stays published for those subscribed to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from markupsafe import escape

from travel_advice.core.history import NO_HISTORY, History
from travel_advice.core.model import Advisory, Lang, Update
from travel_advice.core.words import COLON, format_day, label, level_name
from travel_advice.site.destination_list import latest_entries
from travel_advice.site.withdrawn import Withdrawal, newest_first, withdrawals, withdrawn_views

if TYPE_CHECKING:
    from travel_advice.site.layout import DestinationView, Layout, SiteUrls

ATOM_TYPE = "application/atom+xml"
SITE_FEED_ENTRIES = 50
"""Changes the site-wide feed carries by default: a feed reader needs the news, not the archive
(all changes of 250 destinations made a 0.7 MB feed, fetched again at every poll)."""


@dataclass(frozen=True)
class FeedContext:
    """What a feed needs to know about the site it belongs to, in one language."""

    lang: Lang
    site_name: str
    page_url: Callable[[Advisory], str]
    """Absolute URL of a destination page in ``lang``."""
    today: date
    """Date of the build: the feed's own date when it has no entry yet."""
    edition_urls: Mapping[tuple[str, Update], str] = field(default_factory=dict)
    """Absolute URL of the edition that published each change (code, entry): the entry's permanent link."""
    made: dict[tuple[str, Update], FeedEntry] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Entries already made: a change appears in the site feed and in its destination's feed."""

    def entry(self, advisory: Advisory, update: Update) -> FeedEntry:
        """The feed entry of one change-log entry, made once per language."""
        key = (advisory.code, update)
        if key not in self.made:
            self.made[key] = _entry(advisory, update, self)
        return self.made[key]


def site_feed(
    advisories: Iterable[Advisory],
    context: FeedContext,
    feed_url: str,
    page_url: str,
    entries: int = SITE_FEED_ENTRIES,
    withdrawals: Iterable[Withdrawal] = (),
) -> bytes:
    """The site-wide feed: the newest ``entries`` change-log entries and withdrawals of all advisories, newest first.

    ``page_url`` is the HTML page that lists the recent changes (the latest-updates page).
    """
    lang = context.lang
    feed = _feed(context, feed_url, page_url, label("feed_site_title", lang), label("feed_site_subtitle", lang))
    _add_entries(feed, newest_first(latest_entries(advisories, date.min), withdrawals)[:entries], context)
    return feed.atom_str(pretty=True)


def destination_feed(advisory: Advisory, context: FeedContext, feed_url: str, withdrawals: Iterable[Withdrawal] = ()) -> bytes:
    """The feed of one destination: its change log but minor changes, and what was taken back, newest first."""
    lang = context.lang
    title = label("feed_destination_title", lang, name=advisory.name[lang])
    feed = _feed(context, feed_url, context.page_url(advisory), title, label("feed_destination_subtitle", lang))
    _add_entries(feed, newest_first(((advisory, update) for update in advisory.major_updates), withdrawals), context)
    return feed.atom_str(pretty=True)


def feed_files(
    views: Mapping[str, DestinationView],
    lang: Lang,
    site_name: str,
    today: date,
    layout: Layout,
    urls: SiteUrls,
    site_feed_entries: int = SITE_FEED_ENTRIES,
    history: History = NO_HISTORY,
) -> dict[str, bytes]:
    """Every feed of ``lang``, keyed by its site path inside the language (``feed.xml``, ``destinations/mx/feed.xml``).

    ``views``: every destination in ``lang`` (site/layout.py ``destination_views``). An entry links
    the page of the edition that published its change (from ``history``), else the destination page.
    """
    edition_urls: dict[tuple[str, Update], str] = {}
    for code, view in views.items():
        published = [edition for edition in history.of(code) if edition.change and not edition.withdrawn]
        links = layout.edition_links(view.advisory, (e.address for e in published), lambda path: urls.absolute_url(urls.page_url(lang, path)))
        for edition in published:
            edition_urls.setdefault((code, edition.change), links[edition.address])
    gone = withdrawn_views(history, views, lang, layout, urls)
    taken_back = withdrawals(views, gone, history, lambda path: urls.absolute_url(urls.page_url(lang, path)), layout)
    every_view = {**views, **{code: item.view for code, item in gone.items()}}
    context = FeedContext(lang, site_name, lambda advisory: every_view[advisory.code].address, today, edition_urls)
    latest = urls.absolute_url(urls.page_url(lang, layout.latest))
    advisories = [view.advisory for view in views.values()]
    everything_taken_back = [item for items in taken_back.values() for item in items]
    files = {layout.feed(): site_feed(advisories, context, layout.feed_url(urls, lang), latest, site_feed_entries, everything_taken_back)}
    for code, view in every_view.items():
        files[view.feed] = destination_feed(view.advisory, context, view.feed_url, taken_back.get(code, ()))
    return files


def _feed(context: FeedContext, feed_url: str, page_url: str, title: str, subtitle: str) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.subtitle(subtitle)
    feed.language(context.lang)
    feed.author({"name": context.site_name})
    feed.link(href=feed_url, rel="self", type=ATOM_TYPE)
    feed.link(href=page_url, rel="alternate", type="text/html", hreflang=context.lang)
    feed.generator("travel-advice-site")
    feed.updated(_moment(context.today))
    return feed


def _add_entries(feed: FeedGenerator, entries: list[tuple[Advisory, Update] | Withdrawal], context: FeedContext) -> None:
    if entries:
        newest = entries[0]
        feed.updated(_withdrawal_moment(newest) if isinstance(newest, Withdrawal) else _moment(newest[1]))
    for item in entries:
        feed.add_entry(_withdrawal_entry(item, context) if isinstance(item, Withdrawal) else context.entry(*item), order="append")


def _withdrawal_moment(item: Withdrawal) -> datetime:
    """When it was taken back: the reverting edition's time, else the day at midnight UTC (as a change without a time)."""
    return item.time.astimezone(UTC) if item.time else _moment(item.day)


def _withdrawal_entry(item: Withdrawal, context: FeedContext) -> FeedEntry:
    lang, advisory, change = context.lang, item.advisory, item.change
    name, day, page = advisory.name[lang], format_day(item.day, lang), context.page_url(advisory)
    entry = FeedEntry()
    if change is None:
        entry.id(f"tag:{urlsplit(page).hostname or 'localhost'},{item.day.isoformat()}:{lang}/{advisory.slug}/withdrawn")
        entry.title(label("withdrawn_title", lang, name=name))
        text = escape(label("withdrawn_notice", lang, day=day))
    else:
        entry.id(f"{entry_id(page, advisory, change, lang)}/withdrawn")
        entry.title(label("feed_change_withdrawn_title", lang, name=name, note=change.note[lang]))
        text = label("feed_change_withdrawn", lang, note=escape(change.note[lang]), published=format_day(change.date, lang), day=day)
    entry.link(href=item.link, rel="alternate", type="text/html", hreflang=lang)
    entry.published(_withdrawal_moment(item))
    entry.updated(_withdrawal_moment(item))
    entry.content(f"<p>{text}</p>", type="html")
    return entry


def _entry(advisory: Advisory, update: Update, context: FeedContext) -> FeedEntry:
    lang = context.lang
    level = f"{label('level_of', lang, level=advisory.level)}{COLON[lang]}{level_name(advisory.level, lang)}"
    page = context.page_url(advisory)
    entry = FeedEntry()
    entry.id(entry_id(page, advisory, update, lang))
    entry.title(f"{advisory.name[lang]}{COLON[lang]}{update.note[lang]}")
    entry.link(href=context.edition_urls.get((advisory.code, update), page), rel="alternate", type="text/html", hreflang=lang)
    entry.published(_moment(update))
    entry.updated(_moment(update))
    entry.category(term=f"level-{advisory.level}", label=level)
    entry.content(f"<p>{escape(level)}</p><p>{escape(update.note[lang])}</p>", type="html")
    return entry


def entry_id(page_url: str, advisory: Advisory, update: Update, lang: Lang) -> str:
    """A tag URI (RFC 4151) that names one change-log entry in one language for good.

    Changes of the same day are numbered from the oldest, so adding a newer one keeps the
    numbers of those already published.
    """
    same_day = [u for u in advisory.updates if u.date == update.date]
    number = len(same_day) - same_day.index(update)
    host = urlsplit(page_url).hostname or "localhost"
    return f"tag:{host},{update.date.isoformat()}:{lang}/{advisory.slug}/{number}"


def _moment(when: date | Update) -> datetime:
    """A change's time with its offset, else its day at midnight UTC; a day at midnight UTC."""
    if isinstance(when, Update):
        return when.time or datetime.combine(when.date, time(0), tzinfo=UTC)
    return datetime.combine(when, time(0), tzinfo=UTC)
