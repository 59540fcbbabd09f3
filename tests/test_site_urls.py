"""Where generated pages and feeds live (site/layout.py), with a plain stand-in for the glue's URLs."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

import pytest

from travel_advice.core.model import Advisory, Lang
from travel_advice.core.validation import load_advisories
from travel_advice.site.layout import Layout, destination_views, relative_links

from .conftest import BUILD_DATE, FIXTURES


class FakeUrls:
    """Directory URLs, French under ``fr/``; a relative link names both ends, so tests see which were asked."""

    site_url = "https://example.org/"

    def language_folder(self, lang: Lang) -> str:
        return "" if lang == "en" else f"{lang}/"

    def page_url(self, lang: Lang, src_uri: str) -> str:
        stem = src_uri.removesuffix(".md").removesuffix("index").rstrip("/")
        return self.language_folder(lang) + (f"{stem}/" if stem else "")

    def relative_url(self, from_src: str, to_src: str) -> str:
        return f"{from_src.removesuffix('.md')}--{to_src.removesuffix('.md')}"

    def absolute_url(self, path: str) -> str:
        return urljoin(self.site_url, path)


def fixture_advisories() -> tuple[Advisory, ...]:
    result = load_advisories(FIXTURES / "advisories", date.fromisoformat(BUILD_DATE))
    assert result.errors == ()
    return result.advisories


def test_layout_names_the_generated_pages_whatever_slashes_the_option_has() -> None:
    [pt] = fixture_advisories()
    for option in ("destinations", "/destinations/", "destinations/"):
        layout = Layout.of(option)
        assert layout.folder == "destinations"
        assert layout.page(pt) == "destinations/pt.md"
        assert (layout.index, layout.latest, layout.map) == ("destinations/index.md", "destinations/latest.md", "destinations/map.md")
        assert layout.by_page([pt]) == {"destinations/pt.md": pt}


def test_feeds_live_inside_each_language() -> None:
    [pt] = fixture_advisories()
    layout, urls = Layout.of("where"), FakeUrls()
    assert layout.feed() == "feed.xml"
    assert layout.feed(pt) == "where/pt/feed.xml"
    assert layout.feed_url(urls, "en") == "https://example.org/feed.xml"
    assert layout.feed_url(urls, "fr", pt) == "https://example.org/fr/where/pt/feed.xml"


def test_relative_links_keep_their_keys() -> None:
    links = relative_links(FakeUrls(), "d/index.md", {"PT": "d/pt.md", "map": "d/map.md"})
    assert links == {"PT": "d/index--d/pt", "map": "d/index--d/map"}


def test_one_view_of_each_destination_per_language() -> None:
    [pt] = fixture_advisories()
    layout, urls = Layout.of("where"), FakeUrls()
    view = destination_views([pt], "fr", layout, urls)["PT"]
    assert (view.name, view.page, view.url, view.address) == ("Portugal", "where/pt.md", "fr/where/pt/", "https://example.org/fr/where/pt/")
    assert (view.feed, view.feed_url) == ("where/pt/feed.xml", "https://example.org/fr/where/pt/feed.xml")
    assert view.feed_url == layout.feed_url(urls, "fr", pt)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_edition_links_are_those_worked_out_one_by_one(directory_urls: bool) -> None:
    """Layout.edition_links puts each address into the link of one: the same links as MkDocs gives one by one."""
    from mkdocs.config.defaults import MkDocsConfig

    from travel_advice.glue.i18n import MkDocsUrls

    [pt] = fixture_advisories()
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "site_url": "https://example.org/", "use_directory_urls": directory_urls})
    assert config.validate() == ([], [])
    urls, layout = MkDocsUrls(config), Layout.of("destinations")
    addresses = ["2026-03-01", "2026-04-10", "2026-04-10-2", "2026-03-01"]
    history = layout.history(pt)
    for link in (lambda path: urls.absolute_url(urls.page_url("fr", path)), lambda path: urls.relative_url(history, path)):
        assert layout.edition_links(pt, addresses, link) == {address: link(layout.edition(pt, address)) for address in addresses}
    assert layout.edition_links(pt, [], urls.absolute_url) == {}


def test_edition_links_work_each_out_when_a_link_changes_the_address() -> None:
    [pt] = fixture_advisories()
    layout = Layout.of("destinations")
    shouting = str.upper  # the address does not come through as it went in
    assert layout.edition_links(pt, ["2026-03-01", "2026-04-10"], shouting) == {
        "2026-03-01": "DESTINATIONS/PT/HISTORY/2026-03-01.MD", "2026-04-10": "DESTINATIONS/PT/HISTORY/2026-04-10.MD"}
