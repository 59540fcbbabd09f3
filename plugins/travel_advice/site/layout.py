"""Where the generated pages and feeds live, and the URLs the core asks the glue for.

:class:`Layout` names the source paths of the generated pages (``destinations/mx.md``) and the
site paths of the feeds inside a language (``destinations/mx/feed.xml``): plain text. Turning
them into URLs depends on MkDocs (``use_directory_urls``) and on static-i18n (language folders):
the glue implements :class:`SiteUrls`, and tests can use any object with the same methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from travel_advice.core.model import Advisory, Lang

_ADDRESS = "0000-00-00-address"
"""An edition address no edition has (:meth:`Layout.edition_links`)."""
SITE_FEED = "feed.xml"
"""The site-wide feed, at the root of each language: ``/feed.xml``, ``/fr/feed.xml``."""


class SiteUrls(Protocol):
    """URLs of the site being built."""

    def language_folder(self, lang: Lang) -> str:
        """Folder of a language in the site: ``''`` for the default one, ``'fr/'`` for French."""
        ...

    def page_url(self, lang: Lang, src_uri: str) -> str:
        """URL of a generated page of ``lang`` from the site root: ``fr/destinations/mx/``."""
        ...

    def relative_url(self, from_src: str, to_src: str) -> str:
        """Link from one generated page to another of the same language, as the browser needs it."""
        ...

    def absolute_url(self, path: str) -> str:
        """Absolute URL of a site path (root-relative when the site URL is unknown)."""
        ...


@dataclass(frozen=True)
class Layout:
    """Source paths of the generated pages and site paths of the feeds, in the destinations folder."""

    folder: str
    """URL folder of the destination pages, without slashes around it: ``destinations``."""

    @classmethod
    def of(cls, destinations_path: str) -> Layout:
        """The layout of the ``destinations_path`` option (``/destinations/`` and ``destinations`` alike)."""
        return cls(destinations_path.strip("/"))

    def page(self, advisory: Advisory) -> str:
        """Source path of a destination page: ``destinations/mx.md``."""
        return f"{self.folder}/{advisory.slug}.md"

    def history(self, advisory: Advisory) -> str:
        """Source path of a destination's history page: ``destinations/mx/history.md``."""
        return f"{self.folder}/{advisory.slug}/history.md"

    def edition(self, advisory: Advisory, address: str) -> str:
        """Source path of one edition's page: ``destinations/mx/history/2026-09-16.md``."""
        return f"{self.folder}/{advisory.slug}/history/{address}.md"

    def edition_links(self, advisory: Advisory, addresses: Iterable[str], link: Callable[[str], str]) -> dict[str, str]:
        """``link(self.edition(advisory, address))`` for each address (a URL, a relative link), worked out once.

        An edition's address is one segment of its path and of its URL: the link of one address gives
        the others by putting theirs in its place (20 editions, 250 destinations, 2 languages: 10,000
        links, each tens of microseconds through MkDocs' URL code). Checked on the first address;
        where that does not hold, each is worked out in full.
        """
        wanted = list(dict.fromkeys(addresses))
        if not wanted:
            return {}
        pattern, first = link(self.edition(advisory, _ADDRESS)), link(self.edition(advisory, wanted[0]))
        if pattern.count(_ADDRESS) != 1 or pattern.replace(_ADDRESS, wanted[0]) != first:
            return {address: link(self.edition(advisory, address)) for address in wanted}
        return {address: pattern.replace(_ADDRESS, address) for address in wanted}

    @property
    def index(self) -> str:
        return f"{self.folder}/index.md"

    @property
    def latest(self) -> str:
        return f"{self.folder}/latest.md"

    @property
    def map(self) -> str:
        return f"{self.folder}/map.md"

    def by_page(self, advisories: Iterable[Advisory]) -> dict[str, Advisory]:
        """Advisories keyed by the source path of their page."""
        return {self.page(a): a for a in advisories}

    def feed(self, advisory: Advisory | None = None) -> str:
        """Site path of the site feed, or of a destination's, inside a language."""
        return f"{self.folder}/{advisory.slug}/feed.xml" if advisory else SITE_FEED

    def feed_url(self, urls: SiteUrls, lang: Lang, advisory: Advisory | None = None) -> str:
        """Absolute URL of the site feed, or of a destination's, in ``lang``."""
        return urls.absolute_url(urls.language_folder(lang) + self.feed(advisory))


@dataclass(frozen=True)
class DestinationView:
    """One destination in one language, as pages, feeds, open data and the template context name and link it.

    Made once per language and build by :func:`destination_views`.
    """

    advisory: Advisory
    lang: Lang
    page: str
    """Source path of its page, the same in every language: ``destinations/mx.md``."""
    url: str
    """URL of its page from the site root: ``fr/destinations/mx/``."""
    address: str
    """Absolute URL of its page."""
    feed: str
    """Site path of its feed inside the language: ``destinations/mx/feed.xml``."""
    feed_url: str
    """Absolute URL of its feed: ``https://…/fr/destinations/mx/feed.xml``."""

    @property
    def name(self) -> str:
        return self.advisory.name[self.lang]


def destination_views(advisories: Iterable[Advisory], lang: Lang, layout: Layout, urls: SiteUrls) -> dict[str, DestinationView]:
    """The view of every destination in ``lang``, keyed by code, in the order of ``advisories``."""
    folder = urls.language_folder(lang)
    views = {}
    for advisory in advisories:
        page, feed = layout.page(advisory), layout.feed(advisory)
        url = urls.page_url(lang, page)
        views[advisory.code] = DestinationView(advisory, lang, page, url, urls.absolute_url(url), feed, urls.absolute_url(folder + feed))
    return views


def relative_links(urls: SiteUrls, from_src: str, targets: Mapping[str, str]) -> dict[str, str]:
    """Links from one generated page to others (``targets``: key -> source path).

    MkDocs rewrites ``.md`` links in Markdown only, not inside raw HTML such as tables and SVG.
    """
    return {key: urls.relative_url(from_src, src) for key, src in targets.items()}
