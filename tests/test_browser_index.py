"""In a real browser (headless Debian Chromium): filter the index as you type, open a destination from the map."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import chromium, require_chromium, serve_site
from .conftest import Build
from .test_index_map import FRENCH_ORDER, finder_site  # noqa: F401  (the fixture is shared)

pytestmark = pytest.mark.browser

TOTAL = len(FRENCH_ORDER)


@pytest.fixture(scope="module")
def site_url(finder_site: Build) -> Iterator[str]:  # noqa: F811
    with serve_site(finder_site.site) as url:
        yield url


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    require_chromium()
    with chromium(tmp_path / "profile") as context:
        yield context


def visible_names(page: Any) -> list[str]:
    return page.locator("#ta-index tbody tr:visible th").all_inner_texts()


def status(page: Any) -> str:
    return page.locator("#ta-filter-status").inner_text()


def test_typing_shrinks_the_list_accents_and_other_names_included(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "fr/destinations/")
    field = page.get_by_label("Nom de la destination")
    assert visible_names(page) == FRENCH_ORDER
    assert status(page) == f"{TOTAL}\u00a0destinations affichées sur {TOTAL}"

    field.press_sequentially("egyp")
    assert visible_names(page) == ["Égypte"]
    assert status(page) == f"1\u00a0destination affichée sur {TOTAL}"

    for typed, expected in [("iles", ["Îles Cook"]), ("MISR", ["Égypte"]), ("eire", ["Irlande"]), ("e", None)]:
        field.fill("")
        field.press_sequentially(typed)
        names = visible_names(page)
        if expected is None:  # one letter: every name with an « e » or « é », in any language
            assert 0 < len(names) < TOTAL and "Égypte" in names and "Tuvalu" not in names
        else:
            assert names == expected, typed

    field.fill("")
    field.press_sequentially("atlantide")
    assert visible_names(page) == []
    assert status(page) == f"0\u00a0destination affichée sur {TOTAL} Aucune destination ne correspond à ces filtres."


def test_level_and_risk_filters_combine_and_reset_shows_all(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "destinations/")
    page.get_by_text("Filter by level or risk").click()
    for level in "234":  # ticking levels shows only those levels
        page.locator(f'input[name="level"][value="{level}"]').check()
    assert "Iceland" not in visible_names(page) and "Egypt" in visible_names(page)
    page.get_by_label("Kidnapping").check()
    assert visible_names(page) == ["Colombia"]
    assert status(page) == f"1 of {TOTAL} destinations shown"
    page.get_by_role("button", name="Show all destinations").click()
    page.wait_for_function(f"document.querySelectorAll('#ta-index tbody tr:not([hidden])').length === {TOTAL}")
    assert len(visible_names(page)) == TOTAL


def test_without_javascript_the_full_table_shows_and_the_filter_stays_hidden(tmp_path: Path, site_url: str) -> None:
    require_chromium()
    with chromium(tmp_path / "profile", java_script_enabled=False) as context:
        page = context.new_page()
        page.goto(site_url + "fr/destinations/")
        assert not page.locator("#ta-filter").is_visible()
        assert visible_names(page) == FRENCH_ORDER


@pytest.mark.parametrize(("lang", "prefix", "name"), [("fr", "fr/", "Égypte"), ("en", "", "Egypt")])
def test_a_country_on_the_map_opens_its_page_in_the_same_language(browser: Any, site_url: str, lang: str, prefix: str, name: str) -> None:
    page = browser.new_page()
    page.goto(site_url + f"{prefix}destinations/map/")
    country = page.locator('#ta-world-map a[href="../eg/"]')
    assert country.get_attribute("aria-label").startswith(name)
    country.click()
    page.wait_for_url(f"{site_url}{prefix}destinations/eg/")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text().rstrip("¶").strip() == name
