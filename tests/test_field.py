"""The traveller in the field (issue 18), in Chromium on the shipped site, built and served once:
every page reflows on a phone, every control shows its focus, filters mean what they say."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from travel_advice.core.model import LANGUAGES
from travel_advice.core.words import label
from travel_advice.glue.material_bundle import NO_LOOKUP, stop_sitemap_lookups

from .browser import chromium, require, require_chromium, serve_site
from .conftest import Build
from .test_accessibility import DESTINATIONS, PAGES, PREFIX

pytestmark = pytest.mark.browser

PHONE_WIDTHS = (320, 360, 390)
RING = 6
"""Pixels around a control where its focus indicator may be drawn."""


def every_page(site: Path) -> list[str]:
    """URL path of every HTML page of the site, both languages (``''`` is the English home)."""
    return sorted(path.relative_to(site).as_posix().removesuffix("index.html") for path in site.rglob("index.html"))


@pytest.fixture(scope="module")
def served(shipped_site: Build) -> Iterator[str]:
    with serve_site(shipped_site.site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def tab(served: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One Chromium tab for the module."""
    require_chromium()
    with chromium(tmp_path_factory.mktemp("chromium-field")) as context:
        yield context.new_page()


def test_every_page_reflows_on_a_phone(tab: Any, served: str, shipped_site: Build) -> None:
    """WCAG 1.4.10: no page of either language scrolls sideways at 320, 360 or 390 px."""
    pages = every_page(shipped_site.site)
    assert len(pages) > 40 and "fr/destinations/map/" in pages
    wide = {}
    for path in pages:
        tab.set_viewport_size({"width": PHONE_WIDTHS[-1], "height": 800})
        tab.goto(served + path, wait_until="load")
        for width in PHONE_WIDTHS:
            tab.set_viewport_size({"width": width, "height": 800})
            scroll_width = tab.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide[f"{path} at {width} px"] = scroll_width
    assert wide == {}


FOCUSABLE_BOX = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  return {tag: element.tagName, text: (element.getAttribute('aria-label') || element.textContent || element.value || element.type || '').trim().slice(0, 40),
          x: box.x, y: box.y, width: box.width, height: box.height};
}"""


def focus_ring_missing(page: Any, limit: int = 400) -> tuple[list[str], int]:
    """Tab through the page; for each control, compare its pixels (and a ring around it) focused and not focused.

    Returns the controls whose pixels do not change, and how many controls were checked."""
    page.evaluate("window.scrollTo(0, 0)")
    missing, seen, checked = [], set(), 0
    viewport = page.viewport_size
    for _ in range(limit):
        page.keyboard.press("Tab")
        box = page.evaluate(FOCUSABLE_BOX)
        if box is None:
            break
        key = (box["tag"], box["text"], round(box["x"]), round(box["y"] + page.evaluate("scrollY")))
        if key in seen:
            break
        seen.add(key)
        if box["width"] < 1 or box["height"] < 1:
            continue
        clip = {
            "x": max(box["x"] - RING, 0),
            "y": max(box["y"] - RING, 0),
            "width": min(box["width"] + 2 * RING, viewport["width"] - max(box["x"] - RING, 0)),
            "height": min(box["height"] + 2 * RING, viewport["height"] - max(box["y"] - RING, 0)),
        }
        if clip["width"] < 1 or clip["height"] < 1:
            continue
        focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate("window.__ta_last = document.activeElement; document.activeElement.blur()")
        unfocused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate("window.__ta_last.focus()")
        checked += 1
        if focused == unfocused:
            missing.append(f"{box['tag']} {box['text']!r}")
    return missing, checked


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", ["destinations/", "destinations/map/", DESTINATIONS[4]])
def test_every_control_shows_its_focus(tab: Any, served: str, lang: str, path: str) -> None:
    """WCAG 2.4.7: the pixels of every control reached by Tab change when it gets focus (filter boxes included)."""
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(served + PREFIX[lang] + path, wait_until="load")
    details = tab.locator(".ta-filter__more")
    if details.count():
        details.evaluate("element => element.open = true")
    missing, checked = focus_ring_missing(tab)
    assert checked > 20
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ticking_a_level_shows_that_level(tab: Any, served: str, lang: str) -> None:
    """Level boxes work as risk boxes: none ticked shows every destination, a ticked level shows only it."""
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.goto(served + PREFIX[lang] + "destinations/", wait_until="load")
    rows = tab.locator("#ta-index tbody tr")
    total = rows.count()
    assert tab.locator('input[name="level"]:checked').count() == 0
    assert tab.locator("#ta-index tbody tr:visible").count() == total
    tab.locator(".ta-filter__more summary").click()
    tab.locator('input[name="level"][value="4"]').check()
    levels = tab.locator("#ta-index tbody tr:visible").evaluate_all("rows => rows.map(row => row.dataset.level)")
    assert levels and set(levels) == {"4"}
    tab.locator('input[name="level"][value="1"]').check()
    levels = tab.locator("#ta-index tbody tr:visible").evaluate_all("rows => rows.map(row => row.dataset.level)")
    assert set(levels) == {"1", "4"}
    assert str(len(levels)) in tab.locator("#ta-filter-status").inner_text()


class RequestLog:
    """What one page asks for: every request with its status, failures and console errors."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.responses: list[tuple[str, int]] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        page.on("response", lambda response: self.responses.append((response.url, response.status)))
        page.on("requestfailed", lambda request: self.failed.append(request.url))
        page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)

    def open(self, url: str) -> None:
        self.responses.clear(), self.failed.clear(), self.errors.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_timeout(300)  # Material's bundle and the search stub start after load


@pytest.fixture(scope="module")
def request_log(tab: Any) -> RequestLog:
    return RequestLog(tab.context.new_page())


@pytest.mark.parametrize("path", [*(PREFIX[lang] + path for lang in LANGUAGES for path in PAGES), "404.html", "fr/404.html"])
def test_a_page_asks_only_for_what_it_needs(request_log: RequestLog, served: str, path: str) -> None:
    """No sitemap.xml, nothing from another origin, no 404, no console error, on every page type of both languages."""
    request_log.open(served + path)
    asked = [url for url, _ in request_log.responses]
    assert [url for url in asked if not url.startswith(served)] == []
    assert [url for url in asked if "sitemap" in url] == []
    assert [(url, status) for url, status in request_log.responses[1:] if status >= 400] == []
    assert request_log.failed == []
    assert request_log.errors == []


def test_the_sitemap_lookup_is_narrowed_in_materials_bundle(shipped_site: Build, tmp_path: Path) -> None:
    """The shipped bundle carries the narrowed selector; a bundle without Material's code is reported, not changed."""
    bundles = list((shipped_site.site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundles and all(NO_LOOKUP in bundle.read_text(encoding="utf-8") for bundle in bundles)
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "bundle.a.min.js").write_text('M("link[rel=alternate]").pipe()', encoding="utf-8")
    (scripts / "bundle.b.min.js").write_text("other()", encoding="utf-8")
    assert stop_sitemap_lookups(tmp_path) == ["bundle.b.min.js"]
    assert NO_LOOKUP in (scripts / "bundle.a.min.js").read_text(encoding="utf-8")
    assert stop_sitemap_lookups(tmp_path) == ["bundle.b.min.js"]


@pytest.mark.parametrize(("lang", "other"), [("fr", "en"), ("en", "fr")])
def test_the_404_page_of_each_language_finds_a_destination(tab: Any, served: str, lang: str, other: str) -> None:
    """fr/404.html in French, 404.html in English: a form that finds a destination, the main pages, the 24/7 line,
    feedback, the other language's 404; links from the site root, so they work at any depth."""
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(served + PREFIX[lang] + "404.html", wait_until="load")
    assert tab.evaluate("document.documentElement.lang") == lang
    assert tab.locator("h1").inner_text() == label("not_found_title", lang)
    assert tab.locator('article a[href^="tel:"]').count() == 1 and tab.locator('article a[href^="mailto:emergency"]').count() == 1
    assert tab.locator(".ta-feedback a").count() >= 1
    hrefs = tab.locator("article a:not([href^='tel:']):not([href^='mailto:']):not([href^='http'])").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(href.startswith("/") for href in hrefs), hrefs
    assert tab.locator(f'article [lang="{other}"] a').get_attribute("href") == "/" + PREFIX[other] + "404.html"
    tab.get_by_role("searchbox", name=label("find_destination", lang)).fill("mexi")
    tab.get_by_role("button", name=label("find_button", lang)).click()
    tab.wait_for_url(f"{served}{PREFIX[lang]}destinations/?q=mexi")
    assert tab.locator("#ta-filter-text").input_value() == "mexi"
    names = tab.locator("#ta-index tbody tr:visible th").all_inner_texts()
    assert names == [{"en": "Mexico", "fr": "Mexique"}[lang]]


SITE_NAMES = {"en": "Travel Advice and Advisories", "fr": "Conseils et avertissements aux voyageurs"}


def first_printed_page(page: Any, pdf: Path) -> str:
    """Text of the first page of the page printed to PDF (Chromium), whitespace collapsed."""
    require(shutil.which("pdftotext") is not None, "pdftotext not found (apt-get install poppler-utils)")
    page.pdf(path=str(pdf), format="Letter")
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_first_printed_page_says_whose_advice_where_and_whom_to_call(tab: Any, served: str, lang: str, tmp_path: Path) -> None:
    """On paper, page 1 of a destination: site name, example-content notice, level, dates, 24/7 line, page address;
    titles in black."""
    path = PREFIX[lang] + DESTINATIONS[4]
    tab.goto(served + path, wait_until="load")
    text = first_printed_page(tab, tmp_path / "page.pdf")
    level = tab.locator(".ta-banner__level").inner_text().replace("\u00a0", " ")
    for expected in (
        SITE_NAMES[lang],
        label("example_notice", lang).replace("\u00a0", " "),
        re.sub(r"\s+", " ", level).strip(),
        label("last_updated", lang),
        label("still_valid", lang),
        label("emergency_24_7", lang),
        "+1 613 555 0199",
        f"https://travel-advice.example.org/{path}",
    ):
        assert expected in text, f"{expected!r} not in {text[:700]!r}"
    tab.emulate_media(media="print")
    try:
        colours = tab.evaluate("[...document.querySelectorAll('.md-typeset :is(h1, h2, h3)')].map(h => getComputedStyle(h).color)")
    finally:
        tab.emulate_media(media="no-override")
    assert colours and set(colours) == {"rgb(0, 0, 0)"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_first_screen_finds_a_destination_and_the_24_7_line(tab: Any, served: str, lang: str) -> None:
    """On a 390 × 844 phone: a destination can be typed and found (a plain GET form), the 24/7 line shows, one disclaimer."""
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(served + PREFIX[lang], wait_until="load")
    box = tab.get_by_role("searchbox", name=label("find_destination", lang))
    bottom = box.evaluate("element => element.getBoundingClientRect().bottom")
    assert bottom <= 844, bottom
    phone = tab.locator('.ta-help a[href="tel:+16135550199"]')
    assert phone.evaluate("element => element.getBoundingClientRect().bottom") <= 844
    assert tab.locator(".ta-example-notice").count() == 1 and tab.locator("article .admonition").count() == 0
    box.fill("mexi")
    box.press("Enter")
    tab.wait_for_url(f"{served}{PREFIX[lang]}destinations/?q=mexi")
    assert tab.locator("#ta-index tbody tr:visible th").all_inner_texts() == [{"en": "Mexico", "fr": "Mexique"}[lang]]
