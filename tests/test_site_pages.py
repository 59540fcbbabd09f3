"""Every generated page of a language (site/pages.py), as plain functions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from travel_advice.core.model import LANGUAGES, Advisory, EmergencyContact, Lang, Localized
from travel_advice.site.help_links import UsefulLinkPatterns
from travel_advice.site.layout import DestinationView, Layout, destination_views
from travel_advice.site.pages import PageOptions, generated_pages

from .test_site_urls import FakeUrls, fixture_advisories


def views(advisories: list[Advisory], lang: Lang) -> dict[str, DestinationView]:
    return destination_views(advisories, lang, Layout.of("destinations"), FakeUrls())

OPTIONS = PageOptions(
    emergency=EmergencyContact("+1 613 555 0199"),
    useful_links=UsefulLinkPatterns({"health": Localized("https://example.org/health/{code_lower}", "https://example.org/sante/{code_lower}")}),
    latest_days=90,
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_of_a_language_link_each_other_and_the_feeds(lang: str) -> None:
    [pt] = fixture_advisories()
    pages = generated_pages(views([pt], lang), lang, date(2026, 11, 25), OPTIONS, Layout.of("destinations"), FakeUrls())  # type: ignore[arg-type]
    assert list(pages) == ["destinations/pt.md", "destinations/pt/history.md", "destinations/index.md", "destinations/latest.md", "destinations/map.md"]
    folder = "" if lang == "en" else "fr/"
    assert f"https://example.org/{folder}destinations/pt/feed.xml" in pages["destinations/pt.md"]
    assert ("https://example.org/health/pt" if lang == "en" else "https://example.org/sante/pt") in pages["destinations/pt.md"]
    index = pages["destinations/index.md"]
    for target in ("pt", "map", "latest"):
        assert f'href="destinations/index--destinations/{target}"' in index
    assert 'href="destinations/latest--destinations/pt"' in pages["destinations/latest.md"]
    assert f"https://example.org/{folder}feed.xml" in pages["destinations/latest.md"]
    assert 'href="destinations/map--destinations/pt"' in pages["destinations/map.md"]


def test_latest_page_reaches_back_latest_days() -> None:
    [pt] = fixture_advisories()  # updates of 2026-10-14 (42 days before) and 2026-07-02
    short = PageOptions(None, UsefulLinkPatterns({}), latest_days=60)
    latest = generated_pages(views([pt], "en"), "en", date(2026, 11, 25), short, Layout.of("destinations"), FakeUrls())["destinations/latest.md"]
    assert "Added the Azores regional advisory." in latest
    assert "Reviewed the wildfire section." not in latest


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_subdivision_without_its_country_names_the_country_unlinked(lang: str) -> None:
    [pt] = fixture_advisories()
    azores = replace(pt, code="PT-20", name=Localized("Azores", "Açores"))
    pages = generated_pages(views([azores], lang), lang, date(2026, 11, 25), OPTIONS, Layout.of("destinations"), FakeUrls())  # type: ignore[arg-type]
    part_of = {"en": "Part of: Portugal</p>", "fr": "Fait partie de\u00a0: Portugal</p>"}
    assert part_of[lang] in pages["destinations/pt-20.md"]
