"""The shipped example site, built for real: destination pages in both languages."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import pytest
from lxml import html

from travel_advice.core.model import Advisory
from travel_advice.core.validation import load_advisories
from travel_advice.core.words import LEVEL_NAMES, SECTION_TITLES, format_day

from .conftest import ROOT, Build

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
ADVISORIES = load_advisories(ROOT / "advisories", date(2026, 11, 25)).advisories
PREFIX = {"en": "", "fr": "fr/"}


def page_of(build: Build, advisory: Advisory, lang: str) -> html.HtmlElement:
    return html.fromstring(build.page(f"{PREFIX[lang]}destinations/{advisory.slug}/index.html"))


def text(element: html.HtmlElement) -> str:
    """Visible text of an element, without heading permalinks."""
    return re.sub(r"[ \t\r\n]+", " ", element.text_content().replace("¶", "")).strip()


def test_example_corpus_covers_every_level_and_regions() -> None:
    assert len(ADVISORIES) >= 12
    assert {a.level for a in ADVISORIES} == {1, 2, 3, 4}
    assert sum(1 for a in ADVISORIES if a.regions) >= 3


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("advisory", ADVISORIES, ids=lambda a: a.code)
def test_destination_page(shipped_site: Build, advisory: Advisory, lang: str) -> None:
    page = page_of(shipped_site, advisory, lang)
    assert page.get("lang") == lang
    assert text(page.cssselect("h1")[0]) == advisory.name[lang]
    banner = text(page.cssselect(".ta-banner")[0])
    assert LEVEL_NAMES[advisory.level][lang] in banner
    assert format_day(advisory.last_updated, lang) in banner
    assert format_day(advisory.still_valid, lang) in banner
    headings = [text(h) for h in page.cssselect(".md-content h2")]
    assert [h for h in headings if h in {t[lang] for t in SECTION_TITLES.values()}] == [t[lang] for t in SECTION_TITLES.values()]
    rows = page.cssselect("table.ta-regions tbody tr")
    assert [text(r.cssselect("th")[0]) for r in rows] == [r.name[lang] for r in advisory.regions]
    for row, region in zip(rows, advisory.regions, strict=False):
        assert LEVEL_NAMES[region.level][lang] in text(row)


def test_french_labels_and_dates(shipped_site: Build) -> None:
    advisory = next(a for a in ADVISORIES if a.regions)
    page = page_of(shipped_site, advisory, "fr")
    banner = text(page.cssselect(".ta-banner")[0])
    assert "Dernière mise à jour\u00a0:" in page.cssselect(".ta-banner")[0].text_content()
    month = format_day(advisory.last_updated, "fr").split()[1]
    assert month in {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
    assert "Toujours valide" in banner
    assert "Avis régionaux" in text(page)


@pytest.mark.parametrize(("lang", "other"), [("en", "fr"), ("fr", "en")])
def test_language_selector_leads_to_the_same_destination(shipped_site: Build, lang: str, other: str) -> None:
    for advisory in ADVISORIES:
        page = page_of(shipped_site, advisory, lang)
        (link,) = page.cssselect(f'a.md-select__link[hreflang="{other}"]')
        here = shipped_site.site / f"{PREFIX[lang]}destinations/{advisory.slug}/index.html"
        target = (here.parent / link.get("href")).resolve() / "index.html"
        assert target == (shipped_site.site / f"{PREFIX[other]}destinations/{advisory.slug}/index.html").resolve()


def test_sitemap_lists_both_languages_with_alternates(shipped_site: Build) -> None:
    tree = ElementTree.parse(shipped_site.site / "sitemap.xml")
    urls = {u.findtext("s:loc", namespaces=SITEMAP_NS): u for u in tree.getroot().findall("s:url", SITEMAP_NS)}
    for advisory in ADVISORIES:
        for lang in ("en", "fr"):
            loc = f"https://travel-advice.example.org/{PREFIX[lang]}destinations/{advisory.slug}/"
            assert loc in urls
            alternates = {link.get("hreflang"): link.get("href") for link in urls[loc].findall("x:link", SITEMAP_NS)}
            assert alternates == {
                "en": f"https://travel-advice.example.org/destinations/{advisory.slug}/",
                "fr": f"https://travel-advice.example.org/fr/destinations/{advisory.slug}/",
            }


def test_destination_pages_stay_out_of_the_sidebar(shipped_site: Build) -> None:
    home = shipped_site.page("index.html")
    for advisory in ADVISORIES:
        assert f"destinations/{advisory.slug}/" not in home


def test_contacts_are_tappable(shipped_site: Build) -> None:
    advisory = next(a for a in ADVISORIES if a.offices)
    page = page_of(shipped_site, advisory, "fr")
    hrefs = [a.get("href") for a in page.cssselect(".ta-office a")]
    assert any(h.startswith("tel:+") for h in hrefs)
    assert f"mailto:{advisory.offices[0].email}" in hrefs


def test_every_page_says_it_is_example_content(shipped_site: Build) -> None:
    pages = list(shipped_site.site.rglob("index.html"))
    assert len(pages) > 2 * len(ADVISORIES)
    for path in pages:
        french = path.relative_to(shipped_site.site).parts[0] == "fr"
        notice = "pas de conseils officiels" if french else "not official travel advice"
        assert notice in path.read_text(encoding="utf-8"), path


def test_nothing_generated_is_left_in_docs(shipped_site: Build) -> None:
    generated = [p for p in (shipped_site.project / "docs").rglob("*") if "destinations" in p.parts]
    assert generated == []
    assert sorted(p.name for p in (ROOT / "docs").rglob("*.md")) == sorted(p.name for p in (shipped_site.project / "docs").rglob("*.md"))


def test_guidance_pages_exist_in_both_languages() -> None:
    english = {p.name.removesuffix(".en.md") for p in (ROOT / "docs").rglob("*.en.md")}
    french = {p.name.removesuffix(".fr.md") for p in (ROOT / "docs").rglob("*.fr.md")}
    assert english == french
    assert len(english) >= 12


def test_strict_build_is_clean(shipped_site: Build) -> None:
    assert "WARNING" not in shipped_site.output
    assert Path(shipped_site.site / "fr" / "index.html").is_file()


def test_site_wide_404_stays_in_the_default_language(shipped_site: Build) -> None:
    page = html.fromstring(shipped_site.page("404.html"))
    assert page.get("lang") == "en"


@pytest.mark.parametrize(("lang", "title"), [("en", "Permanent link"), ("fr", "Lien permanent")])
def test_heading_links_are_titled_in_the_page_language(shipped_site: Build, lang: str, title: str) -> None:
    page = page_of(shipped_site, ADVISORIES[0], lang)
    titles = {link.get("title") for link in page.cssselect("a.headerlink")}
    assert titles == {title}
