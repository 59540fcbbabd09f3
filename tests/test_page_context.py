"""The ``travel_advice`` template context (site/page_context.py), from plain values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from travel_advice.core.banner import Banner
from travel_advice.core.model import EmergencyContact, Localized
from travel_advice.site.help_links import FeedbackTarget
from travel_advice.site.layout import Layout, destination_views
from travel_advice.site.page_context import PageInfo, SiteInfo, banner_on, head, not_found_context, page_context

from .test_site_urls import FakeUrls, fixture_advisories

SITE = SiteInfo(
    lang="fr",
    default_language="en",
    languages=["en", "fr"],
    site_name="Conseils",
    site_description="Conseils aux voyageurs",
    site_url="https://example.org/",
    example_content=True,
    emergency=EmergencyContact("+1 613 555 0199", "urgence@example.org"),
    feedback=FeedbackTarget(email="feedback@example.org"),
    banner=None,
    now=date(2026, 11, 25),
    layout=Layout.of("destinations"),
    urls=FakeUrls(),
    views=destination_views(fixture_advisories(), "fr", Layout.of("destinations"), FakeUrls()),
)
BANNER = Banner(Localized("Storm", "Tempête"), Localized("Take care.", "Prudence."), start=date(2026, 11, 20), destinations=("PT",))


def destination_page() -> PageInfo:
    [pt] = fixture_advisories()
    return PageInfo(
        title="Portugal",
        url="fr/destinations/pt/",
        address="https://example.org/fr/destinations/pt/",
        meta={"description": "Le Portugal est sûr."},
        versions={"en": "destinations/pt/", "fr": "fr/destinations/pt/"},
        advisory=pt,
    )


def test_destination_page_head_links_its_versions_and_feeds_first_its_own() -> None:
    data = head(SITE, destination_page())
    assert [(link.hreflang, link.href) for link in data["languages"]] == [
        ("en", "https://example.org/destinations/pt/"),
        ("fr", "https://example.org/fr/destinations/pt/"),
        ("x-default", "https://example.org/destinations/pt/"),
    ]
    assert [link.href for link in data["feeds"]] == [
        "https://example.org/fr/destinations/pt/feed.xml",
        "https://example.org/fr/feed.xml",
        "https://example.org/feed.xml",
    ]
    meta = {tag.key: tag.content for tag in data["meta"]}
    assert meta["og:type"] == "article"
    assert meta["og:title"] == "Portugal"
    assert meta["og:description"] == "Le Portugal est sûr."
    assert meta["og:url"] == "https://example.org/fr/destinations/pt/"


def test_a_page_without_versions_or_front_matter_falls_back_on_the_site() -> None:
    page = PageInfo(title=None, url="fr/about/", address="", meta={}, versions={})
    data = head(SITE, page)
    assert [(link.hreflang, link.href) for link in data["languages"]] == [("fr", "https://example.org/fr/about/")]
    meta = {tag.key: tag.content for tag in data["meta"]}
    assert (meta["og:type"], meta["og:title"], meta["og:description"]) == ("website", "Conseils", "Conseils aux voyageurs")
    assert "Conseils" in page_context(SITE, page)["feedback"][0].url


def test_page_context_has_the_help_of_the_destination_then_the_24_7_line() -> None:
    context = page_context(SITE, destination_page())
    assert context["lang"] == "fr"
    assert context["example_notice"]
    assert [line.phone for line in context["help_lines"]] == ["+351 21 555 0100", "+1 613 555 0199"]
    assert context["banner"] is None
    assert context["colon"] == "\u00a0: "
    assert page_context(replace(SITE, example_content=False), destination_page())["example_notice"] is None


def test_banner_shows_while_active_on_its_destinations_and_home_pages_only() -> None:
    site = replace(SITE, banner=BANNER)
    other = PageInfo(title="À propos", url="fr/about/", address="", meta={}, versions={})
    assert banner_on(site, destination_page())["title"] == "Tempête"  # type: ignore[index]
    assert banner_on(site, replace(other, home=True)) is not None
    assert banner_on(site, other) is None
    assert banner_on(site, None) is None
    assert banner_on(replace(site, now=date(2026, 11, 19)), destination_page()) is None
    everywhere = replace(site, banner=replace(BANNER, destinations=()))
    assert banner_on(everywhere, other) is not None
    assert not_found_context(everywhere)["banner"] is not None


def test_not_found_context_has_the_24_7_help_strip() -> None:
    context = not_found_context(SITE)
    assert [line.phone for line in context["help_lines"]] == ["+1 613 555 0199"]
    assert context["labels"]["help_now"]
    assert context["banner"] is None


def test_not_found_context_finds_a_destination_and_links_the_other_language() -> None:
    context = not_found_context(SITE)
    assert context["title"] == "Page introuvable"
    assert [link["label"] for link in context["links"]] == ["Page d’accueil", "Toutes les destinations", "Carte du monde"]
    assert context["emergency"]["tel"] == "tel:+16135550199"
    assert context["feedback"] and "Page%20introuvable" in context["feedback"][0].url
    assert context["other_languages"] == [{"lang": "en", "label": "Page not found", "href": "404.html"}]
