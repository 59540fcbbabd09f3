"""Every generated page of one language: the destinations, their index, the latest updates, the map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import partial

from travel_advice.core.history import NO_HISTORY, History
from travel_advice.core.lifecycle import REVIEW_DAYS, overdue
from travel_advice.core.model import Advisory, EmergencyContact, Lang
from travel_advice.site.destination_list import country_names, render_index, render_latest, sorted_by_name
from travel_advice.site.destination_page import RelatedDestination, render_destination
from travel_advice.site.help_links import UsefulLinkPatterns, destination_links
from travel_advice.site.history_page import Remember, made_now, render_history
from travel_advice.site.layout import DestinationView, Layout, SiteUrls, relative_links
from travel_advice.site.map_page import render_map_page
from travel_advice.site.withdrawn import render_list, render_notice, withdrawals, withdrawn_views


@dataclass(frozen=True)
class PageOptions:
    """The plugin options the generated pages show."""

    emergency: EmergencyContact | None
    useful_links: UsefulLinkPatterns
    latest_days: int
    review_days: int = REVIEW_DAYS
    """Days after ``still_valid`` before a page says its review is overdue."""


def generated_pages(
    views: Mapping[str, DestinationView],
    lang: Lang,
    today: date,
    options: PageOptions,
    layout: Layout,
    urls: SiteUrls,
    history: History = NO_HISTORY,
    remember: Remember = made_now,
) -> dict[str, str]:
    """Markdown of every generated page of ``lang``, keyed by its source path (``destinations/mx.md``).

    ``views``: every destination in ``lang`` (site/layout.py ``destination_views``). Each
    destination has a history page (its editions from ``history``); the editions' own pages are
    made outside MkDocs (site/edition_page.py). ``remember`` may give a history page an earlier build made.
    """
    advisories = [view.advisory for view in views.values()]
    late = overdue(advisories, today, options.review_days)
    parts: dict[str, list[Advisory]] = {}
    for advisory in sorted_by_name((a for a in advisories if a.parent_code), lang):
        parts.setdefault(advisory.parent_code or "", []).append(advisory)
    pages = {
        view.page: render_destination(
            view.advisory,
            lang,
            options.emergency,
            destination_links(options.useful_links, code, lang),
            feed_url=view.feed_url,
            country=_country(view, views, urls),
            parts=tuple(_related(view, views[part.code], urls) for part in parts.get(code, ())),
            review_age=late.get(code),
            history_href=urls.relative_url(view.page, layout.history(view.advisory)),
        )
        for code, view in views.items()
    }
    for code, view in views.items():
        src, editions = layout.history(view.advisory), history.of(code)
        hrefs = layout.edition_links(view.advisory, (e.address for e in editions), partial(urls.relative_url, src))
        pages[src] = render_history(view.advisory, editions, lang, hrefs, urls.relative_url(src, view.page), available=history.available, remember=remember)
    withdrawn = withdrawn_views(history, views, lang, layout, urls)
    for item in withdrawn.values():
        src, page, editions = layout.history(item.advisory), item.view.page, history.of(item.advisory.code)
        hrefs = layout.edition_links(item.advisory, (e.address for e in editions), partial(urls.relative_url, src))
        pages[src] = render_history(item.advisory, editions, lang, hrefs, urls.relative_url(src, page), available=True, withdrawn=item.day, remember=remember)
        pages[page] = render_notice(item, urls.relative_url(page, src))
    sources = {code: view.page for code, view in views.items()}
    from_index = relative_links(urls, layout.index, {**sources, "map": layout.map, "latest": layout.latest})
    pages[layout.index] = render_index(
        advisories, lang, from_index, map_href=from_index["map"], latest_href=from_index["latest"], overdue=late
    ) + render_list(withdrawn, lang, {code: urls.relative_url(layout.index, layout.history(item.advisory)) for code, item in withdrawn.items()})
    pages[layout.latest] = render_latest(
        advisories,
        lang,
        relative_links(urls, layout.latest, sources),
        today,
        options.latest_days,
        feed_url=layout.feed_url(urls, lang),
        withdrawals=[w for items in withdrawals(views, withdrawn, history, lambda path: urls.relative_url(layout.latest, path), layout).values() for w in items],
    )
    pages[layout.map] = render_map_page(advisories, lang, relative_links(urls, layout.map, sources))
    return pages


def _related(page: DestinationView, other: DestinationView, urls: SiteUrls) -> RelatedDestination:
    """``other`` as linked from the page of ``page``."""
    return RelatedDestination(other.name, urls.relative_url(page.page, other.page), other.advisory.level)


def _country(view: DestinationView, views: Mapping[str, DestinationView], urls: SiteUrls) -> RelatedDestination | None:
    """The country of a subdivision: linked when it has an advisory, else its CLDR name; None for a country."""
    parent = view.advisory.parent_code
    if parent in views:
        return _related(view, views[parent], urls)
    names = country_names(view.advisory)
    return RelatedDestination(names[view.lang]) if names else None
