"""sitemap.xml, hreflang alternates and sharing metadata of the real shipped site."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from travel_advice.core.model import LANGUAGES
from travel_advice.core.validation import load_advisories

from .conftest import BUILD_DATE, ROOT, Build

SITE_URL = os.environ.get("SITE_URL", "https://travel-advice.example.org/")
LOCALES = {"en": "en_CA", "fr": "fr_CA"}
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[dict[str, str]] = []
        self.in_head = True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_head = False
        elif self.in_head and tag in ("link", "meta"):
            self.tags.append({"tag": tag, **{k: v or "" for k, v in attrs}})


def head_tags(html: str) -> list[dict[str, str]]:
    """Every <link> and <meta> of a page's head, as attribute dictionaries."""
    parser = _HeadParser()
    parser.feed(html)
    return parser.tags


def meta(html: str) -> dict[str, str]:
    """Open Graph, Twitter and description tags by name."""
    return {t.get("property") or t.get("name"): t["content"] for t in head_tags(html) if t["tag"] == "meta" and "content" in t}


def html_pages(site: Path, lang: str) -> list[Path]:
    """Every page of one language (not the 404 page)."""
    pages = sorted(site.rglob("index.html"))
    french = site / "fr"
    return [p for p in pages if p.is_relative_to(french) == (lang == "fr")]


def page_url(site: Path, page: Path) -> str:
    return SITE_URL + str(page.parent.relative_to(site)).removeprefix(".").strip("/") + ("/" if page.parent != site else "")


def test_sitemap_lists_every_page_with_both_languages(shipped_site: Build) -> None:
    root = ET.fromstring(shipped_site.page("sitemap.xml"))
    urls = {u.findtext("s:loc", namespaces=NS): u for u in root.findall("s:url", NS)}
    # noindex pages are left out: the offline pages (served in place of unsaved pages) and the archived editions
    pages = [p for lang in LANGUAGES for p in html_pages(shipped_site.site, lang)]
    unlisted = {p for p in pages if '<meta name="robots" content="noindex' in p.read_text("utf-8")}
    assert {shipped_site.site / "offline/index.html", shipped_site.site / "destinations/mx/history/2026-09-01/index.html"} <= unlisted
    expected = {page_url(shipped_site.site, p) for p in pages if p not in unlisted}
    assert set(urls) == expected
    for generated in ("", "fr/", "destinations/", "fr/destinations/", "destinations/latest/", "fr/destinations/latest/", "fr/destinations/mx/"):
        assert SITE_URL + generated in urls
    for loc, url in urls.items():
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", NS)}
        assert set(alternates) == {"en", "fr"}, loc
        assert loc in alternates.values()
        assert alternates["fr"].startswith(SITE_URL + "fr/") and not alternates["en"].startswith(SITE_URL + "fr/")
        assert set(alternates.values()) <= expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_head_has_absolute_hreflang_links(shipped_site: Build, lang: str) -> None:
    for page in html_pages(shipped_site.site, lang):
        own = page_url(shipped_site.site, page)
        absolute = {t["hreflang"]: t["href"] for t in head_tags(page.read_text("utf-8")) if t.get("hreflang") and t["href"].startswith("http") and "type" not in t}
        assert set(absolute) == {"en", "fr", "x-default"}, page
        assert absolute[lang] == own
        assert absolute["x-default"] == absolute["en"]
        other = "fr" if lang == "en" else "en"
        assert absolute[other] != own and (shipped_site.site / absolute[other].removeprefix(SITE_URL) / "index.html").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_destination_pages_have_sharing_tags_from_their_summary(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    advisories = load_advisories(shipped_site.project / "advisories", date.fromisoformat(BUILD_DATE)).advisories
    assert advisories
    for advisory in advisories:
        tags = meta(shipped_site.page(f"{prefix}destinations/{advisory.slug}/index.html"))
        summary = advisory.summary[lang]
        assert tags["description"] == tags["og:description"] == summary
        assert tags["og:title"] == advisory.name[lang]
        assert tags["og:url"] == f"{SITE_URL}{prefix}destinations/{advisory.slug}/"
        assert tags["og:locale"] == LOCALES[lang]
        assert tags["og:locale:alternate"] == LOCALES["fr" if lang == "en" else "en"]
        assert tags["og:type"] == "article"
        assert tags["twitter:card"] == "summary"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_guidance_pages_share_their_front_matter_description(shipped_site: Build, lang: str) -> None:
    prefix = "" if lang == "en" else "fr/"
    source = (ROOT / "docs" / "before" / f"health.{lang}.md").read_text("utf-8")
    description = yaml.safe_load(source.split("---")[1])["description"]
    tags = meta(shipped_site.page(f"{prefix}before/health/index.html"))
    assert tags["og:description"] == tags["description"] == description
    assert tags["og:type"] == "website"
    assert tags["og:locale"] == LOCALES[lang]
    assert tags["og:url"] == f"{SITE_URL}{prefix}before/health/"
