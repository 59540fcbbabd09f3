"""The ``travel_advice`` context of the theme templates, from plain values.

:class:`SiteInfo` is what every page of a language shares; :class:`PageInfo` what the glue
reads from one MkDocs page. The templates (``theme/``) read the dictionaries built here.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any
from urllib.parse import quote

from travel_advice.core.banner import Banner
from travel_advice.core.model import Advisory, EmergencyContact, Lang
from travel_advice.core.words import COLON, label
from travel_advice.site import offline
from travel_advice.site.head_tags import AlternateLink, Meta, absolute, feed_links, language_links, open_graph
from travel_advice.site.help_links import FeedbackTarget, feedback_links, help_lines, tel_uri
from travel_advice.site.layout import DestinationView, Layout, SiteUrls


@dataclass(frozen=True)
class SiteInfo:
    """What every page of the language being built shares."""

    lang: Lang
    default_language: Lang
    languages: Sequence[Lang]
    """The languages built, default first."""
    site_name: str
    site_description: str | None
    site_url: str | None
    example_content: bool
    emergency: EmergencyContact | None
    feedback: FeedbackTarget
    banner: Banner | None
    now: date
    """The build's moment (a datetime in the ministry's time zone), or its day."""
    layout: Layout
    urls: SiteUrls
    views: Mapping[str, DestinationView] = field(default_factory=dict)
    """Every destination in this language, by code (site/layout.py ``destination_views``)."""
    offline: bool = False
    """Offline reading on (site/offline.py): a manifest link on every page, "Save for offline" on destination pages."""

    @cached_property
    def site_feeds(self) -> list[AlternateLink]:
        """Links to the site feed of every language, this language's first: the same on every page."""
        feeds = {other: self.urls.language_folder(other) + self.layout.feed() for other in self.languages}
        return feed_links(feeds, self.lang, self.site_url, "feed_site_title")


@dataclass(frozen=True)
class PageInfo:
    """One page, as the context needs it."""

    title: str | None
    url: str
    """URL from the site root (``fr/destinations/mx/``)."""
    address: str
    """The page's full address, for feedback messages (``''`` when unknown)."""
    meta: Mapping[str, Any]
    """The page's front matter."""
    versions: Mapping[Lang, str]
    """URL of each language version of the page (empty: only this one)."""
    advisory: Advisory | None = None
    """The advisory a destination page shows."""
    home: bool = False


def page_context(site: SiteInfo, page: PageInfo) -> dict[str, Any]:
    """The ``travel_advice`` context of a page: site-wide words and contacts, <head> data, banner, help."""
    lang = site.lang
    return {
        "lang": lang,
        "example_notice": label("example_notice", lang) if site.example_content else None,
        "emergency": site.emergency,
        "emergency_label": label("emergency_24_7", lang),
        "head": head(site, page),
        "banner": banner_on(site, page),
        "page_address_label": label("page_address", lang),
        "help_lines": help_lines(page.advisory, site.emergency, lang),
        "feedback": feedback_links(site.feedback, page.title or site.site_name, page.address, lang),
        "labels": {key: label(key, lang) for key in ("help_now", "feedback_prompt")},
        "colon": COLON[lang],
        "find": find_form(site) if page.home else None,
        "offline": offline_context(site, destination=page.advisory is not None),
    }


def offline_context(site: SiteInfo, *, destination: bool = False) -> dict[str, Any] | None:
    """The offline part of a page's context (site/offline.py), None when offline reading is off."""
    if not site.offline:
        return None
    folders = [site.urls.language_folder(other) for other in site.languages if other != site.lang]
    return offline.template_context(site.lang, site.urls.language_folder(site.lang), folders, site.layout.folder, destination=destination)


def find_form(site: SiteInfo) -> dict[str, str]:
    """The home page's form that finds a destination: a plain GET to the index, which filters by ``?q=``."""
    lang = site.lang
    return {
        "action": site.urls.page_url(lang, site.layout.index),
        "label": label("find_destination", lang),
        "button": label("find_button", lang),
    }


def not_found_context(site: SiteInfo) -> dict[str, Any]:
    """The ``travel_advice`` context of a language's 404 page, which has no page: the 24/7 help strip, the banner,
    a form that finds a destination, links to the home page, the index and the map, feedback, and the 404 page
    of the other languages. Paths are from the site root (the 404 template's ``url`` filter makes them absolute)."""
    lang, folder = site.lang, site.urls.language_folder(site.lang)
    title = label("not_found_title", lang)
    destinations = site.urls.page_url(lang, site.layout.index)
    return {
        "help_lines": help_lines(None, site.emergency, lang),
        "labels": {key: label(key, lang) for key in ("help_now", "not_found_text", "find_destination", "find_button", "feedback_prompt")},
        "colon": COLON[lang],
        "banner": banner_on(site, None),
        "title": title,
        "find_action": destinations,
        "links": [
            {"label": label("home_page", lang), "href": folder or "./"},
            {"label": label("all_destinations", lang), "href": destinations},
            {"label": label("world_map", lang), "href": site.urls.page_url(lang, site.layout.map)},
        ],
        "emergency": site.emergency and {"phone": site.emergency.phone, "email": site.emergency.email, "tel": f"tel:{tel_uri(site.emergency.phone)}"},
        "emergency_label": label("emergency_24_7", lang),
        "offline": offline_context(site),
        "feedback": feedback_links(site.feedback, f"{title} (404)", label("missing_address", lang), lang),
        "address_placeholder": quote(label("missing_address", lang), safe=""),  # as the links carry it; not-found.js fills it in
        "other_languages": [
            {"lang": other, "label": label("not_found_title", other), "href": site.urls.language_folder(other) + "404.html"}
            for other in site.languages
            if other != lang
        ],
    }


def head(site: SiteInfo, page: PageInfo) -> dict[str, Any]:
    """Language alternates, feed links and sharing tags of a page's <head> (core: site/head_tags.py)."""
    lang = site.lang
    versions = page.versions or {lang: page.url}
    feeds = site.site_feeds
    advisory = page.advisory
    if advisory is not None:
        view = site.views[advisory.code]
        feeds = feed_links({lang: view.feed_url}, lang, site.site_url, "feed_destination_title", name=view.name) + feeds
    tags = open_graph(
        title=html.unescape(str(page.meta.get("title") or page.title or site.site_name)),
        description=html.unescape(str(page.meta.get("description") or site.site_description or "")),
        url=absolute(site.site_url, versions.get(lang, page.url)),
        lang=lang,
        site_name=site.site_name,
        article=advisory is not None,
    )
    if page.meta.get("robots"):
        tags.append(Meta("name", "robots", str(page.meta["robots"])))
    return {"languages": language_links(versions, site.site_url, site.default_language), "feeds": feeds, "meta": tags}


def banner_on(site: SiteInfo, page: PageInfo | None) -> dict[str, Any] | None:
    """The emergency banner of a page (None: the 404 page), if active and concerning it."""
    banner = site.banner
    if banner is None or not banner.is_active(site.now):
        return None
    advisory = page.advisory if page else None
    if not banner.shows_on(advisory.code if advisory else None, page.home if page else False):
        return None
    return banner.view(site.lang)
