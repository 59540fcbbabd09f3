"""Every generated page of one language: the destinations, their index, the latest updates, the map."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Sequence

from .index import render_index, render_latest
from .map_page import render_map_page
from .model import Advisory, EmergencyContact, Lang
from .rendering import render_destination
from .service import UsefulLinkPatterns, destination_links
from .site_urls import Layout, SiteUrls, relative_links


@dataclass(frozen=True)
class PageOptions:
    """The plugin options the generated pages show."""

    emergency: EmergencyContact | None
    useful_links: UsefulLinkPatterns
    latest_days: int


def generated_pages(
    advisories: Sequence[Advisory], lang: Lang, today: date, options: PageOptions, layout: Layout, urls: SiteUrls
) -> dict[str, str]:
    """Markdown of every generated page of ``lang``, keyed by its source path (``destinations/mx.md``)."""
    pages = {
        layout.page(a): render_destination(
            a,
            lang,
            options.emergency,
            destination_links(options.useful_links, a.code, lang),
            feed_url=layout.feed_url(urls, lang, a),
        )
        for a in advisories
    }
    sources = {a.code: layout.page(a) for a in advisories}
    from_index = relative_links(urls, layout.index, {**sources, "map": layout.map, "latest": layout.latest})
    pages[layout.index] = render_index(
        advisories, lang, from_index, map_href=from_index["map"], latest_href=from_index["latest"]
    )
    pages[layout.latest] = render_latest(
        advisories,
        lang,
        relative_links(urls, layout.latest, sources),
        today,
        options.latest_days,
        feed_url=layout.feed_url(urls, lang),
    )
    pages[layout.map] = render_map_page(advisories, lang, relative_links(urls, layout.map, sources))
    return pages
