"""What a page's <head> tells search engines, feed readers and link previews.

Language alternates (``hreflang``, with English as ``x-default``), Atom feed links and Open
Graph / Twitter card tags, all with absolute URLs so that they work wherever they are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urljoin

from travel_advice.core.model import LANGUAGES, Lang
from travel_advice.core.words import BABEL_LOCALES, label


@dataclass(frozen=True)
class AlternateLink:
    """A ``<link rel="alternate">`` of the page's head."""

    href: str
    hreflang: str
    type: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Meta:
    """A ``<meta>`` tag: ``attribute`` is ``property`` (Open Graph) or ``name``."""

    attribute: str
    key: str
    content: str


@cache
def absolute(site_url: str | None, path: str) -> str:
    """An absolute URL for a site-relative path (root-relative when the site URL is unknown).

    Cached: a build asks for the same few thousand URLs again and again (pages, feeds, tags).
    """
    return urljoin(site_url or "/", path)


def language_links(versions: Mapping[Lang, str], site_url: str | None, default: Lang) -> list[AlternateLink]:
    """One link per language version of the page, then ``x-default`` for the default language."""
    links = [AlternateLink(absolute(site_url, versions[lang]), lang) for lang in LANGUAGES if lang in versions]
    if default in versions:
        links.append(AlternateLink(absolute(site_url, versions[default]), "x-default"))
    return links


def feed_links(feeds: Mapping[Lang, str], lang: Lang, site_url: str | None, title_key: str, **values: str) -> list[AlternateLink]:
    """Atom feed links, the page's language first; ``feeds`` maps a language to a feed path."""
    ordered = sorted(feeds, key=lambda feed_lang: feed_lang != lang)
    return [
        AlternateLink(absolute(site_url, feeds[feed_lang]), feed_lang, "application/atom+xml", label(title_key, feed_lang, **values))
        for feed_lang in ordered
    ]


def open_graph(*, title: str, description: str, url: str, lang: Lang, site_name: str, article: bool) -> list[Meta]:
    """Open Graph tags and the Twitter card type that make a shared link show its title and summary.

    No ``twitter:title`` or ``twitter:description``: Twitter (X) reads ``og:title`` and
    ``og:description`` when they are missing, so they would only repeat them.
    """
    tags = [
        Meta("property", "og:type", "article" if article else "website"),
        Meta("property", "og:site_name", site_name),
        Meta("property", "og:title", title),
        Meta("property", "og:description", description),
        Meta("property", "og:url", url),
        Meta("property", "og:locale", BABEL_LOCALES[lang]),
    ]
    tags += [Meta("property", "og:locale:alternate", BABEL_LOCALES[other]) for other in LANGUAGES if other != lang]
    tags.append(Meta("name", "twitter:card", "summary"))
    return tags
