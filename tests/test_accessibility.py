"""Accessibility in a real browser: axe-core (WCAG 2.1 AA rules) in headless Chromium, both languages.

The shipped site is built once per session and served on 127.0.0.1; one Chromium instance
visits every page below. The pages are listed explicitly: home, destination index, map,
latest updates, one destination of each level, and every guidance page in docs/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from travel_advice.core.model import LANGUAGES, LEVELS
from travel_advice.core.validation import load_advisories
from travel_advice.core.words import LEVEL_NAMES

from .browser import chromium, keep_local, require_chromium, serve_site, until
from .conftest import BUILD_DATE, ROOT, Build

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "fr": "fr/"}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = {"serious", "critical"}


def guidance_pages() -> list[str]:
    """URL paths of every guidance page written in docs/ (the home page excluded)."""
    paths = []
    for source in sorted((ROOT / "docs").rglob("*.en.md")):
        stem = source.relative_to(ROOT / "docs").as_posix().removesuffix(".en.md")
        stem = stem.removesuffix("index").rstrip("/")
        if stem:
            paths.append(f"{stem}/")
    return paths


def destination_of_each_level() -> dict[int, str]:
    """URL path of one shipped destination per level (the first by code)."""
    advisories = load_advisories(ROOT / "advisories", date.fromisoformat(BUILD_DATE)).advisories
    chosen: dict[int, str] = {}
    for advisory in sorted(advisories, key=lambda a: a.code):
        chosen.setdefault(advisory.level, f"destinations/{advisory.slug}/")
    return chosen


DESTINATIONS = destination_of_each_level()
PAGES = [
    "",
    "destinations/",
    "destinations/map/",
    "destinations/latest/",
    "destinations/mx/history/",  # the shipped site is built with a short history (conftest.with_example_history)
    "destinations/mx/history/2026-09-01/",
    *(DESTINATIONS[level] for level in sorted(DESTINATIONS)),
    *guidance_pages(),
]
PHONE_PAGES = ["", "destinations/", "destinations/map/", "destinations/mx/history/", "destinations/mx/history/2026-09-01/",
               *(DESTINATIONS[level] for level in sorted(DESTINATIONS))]


def public_host(site: Path) -> str | None:
    """Host of the site's public address (``site_url``), read from the home page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    return urlsplit(found.group(1)).hostname if found else None


class SiteBrowser:
    """One Chromium tab on the served site that records (and aborts) every request leaving 127.0.0.1,
    the site's own public address (``site_url``) included: a page needs nothing from it."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.base_url = base_url
        self.outside_requests: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()

    def _route(self, route: Any) -> None:
        keep_local(route, self.outside_requests)

    def open(self, lang: str, path: str, viewport: dict[str, int] | None = None) -> Any:
        """Load a page of the site in ``lang`` until fully loaded; fail on a bad status."""
        url_path = PREFIX[lang] + path
        self.outside_requests.clear()
        self.page.set_viewport_size(viewport or {"width": 1280, "height": 800})
        response = self.page.goto(self.base_url + url_path, wait_until="load")
        assert response is not None and response.ok, f"{url_path}: HTTP {response and response.status}"
        return self.page


@pytest.fixture(scope="module")
def browser(shipped_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteBrowser]:
    require_chromium()
    with serve_site(shipped_site.site) as base_url, chromium(tmp_path_factory.mktemp("chromium")) as context:
        yield SiteBrowser(context, base_url)


def on_a_phone(site: Path, paths: list[str], tmp_path: Path) -> Iterator[tuple[str, Any]]:
    """Open each of ``paths`` of the built ``site`` in both languages at 320 px: it loads, does not scroll
    sideways and has no serious axe violation; yields its address and the Chromium page for more checks."""
    require_chromium()
    with serve_site(site) as base_url, chromium(tmp_path) as context:
        page = context.new_page()
        page.set_viewport_size({"width": 320, "height": 800})
        for language in ("", "fr/"):
            for path in paths:
                response = page.goto(f"{base_url.rstrip('/')}/{language}{path}", wait_until="load")
                assert response is not None and response.ok, f"{language}{path}"
                assert page.evaluate("document.documentElement.scrollWidth") <= 320, f"{language}{path} scrolls sideways"
                assert serious_violations(page) == [], f"{language}{path}"
                yield language + path, page


def serious_violations(page: Any) -> list[str]:
    """axe-core violations of impact serious or critical, one readable line per element."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    return [
        f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
        for node in violation["nodes"]
    ]


def test_every_level_has_a_page_to_check() -> None:
    assert sorted(DESTINATIONS) == list(LEVELS), "the shipped advisories must include a destination of each level"


def test_axe_reports_what_it_should(browser: SiteBrowser) -> None:
    """A canary page with faint text and an unnamed link: the check is really running."""
    browser.page.set_content(
        '<!doctype html><html lang="en"><title>Canary</title><body style="background:#fff">'
        '<p style="color:#bbb">Faint text</p><a href="/x"><img src="data:,"></a></body></html>'
    )
    found = serious_violations(browser.page)
    assert any(line.startswith("color-contrast (serious)") for line in found), found
    assert any(line.startswith(("link-name (serious)", "image-alt (critical)")) for line in found), found


def test_a_request_to_the_public_address_is_caught(browser: SiteBrowser, shipped_site: Build) -> None:
    """The request check is really running: even the site's own public host counts as leaving the page."""
    host = public_host(shipped_site.site)
    assert host and host != "127.0.0.1"
    browser.outside_requests.clear()
    browser.page.goto(browser.base_url, wait_until="load")
    browser.page.evaluate("host => fetch(`https://${host}/sitemap.xml`).catch(() => null)", host)
    browser.page.wait_for_timeout(200)
    assert browser.outside_requests == [f"https://{host}/sitemap.xml"]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation(browser: SiteBrowser, lang: str, path: str) -> None:
    page = browser.open(lang, path)
    assert page.evaluate("document.documentElement.lang") == lang
    assert serious_violations(page) == []
    assert browser.outside_requests == [], "the site must not call any third party"


@pytest.mark.parametrize("path", PHONE_PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation_on_a_phone(browser: SiteBrowser, lang: str, path: str) -> None:
    page = browser.open(lang, path, viewport=PHONE)
    assert serious_violations(page) == []


LANGUAGE_LIST = """() => {
  const list = document.querySelector('.md-header .md-select__inner');
  const box = list.getBoundingClientRect();
  const hidden = [...list.querySelectorAll('a')].filter(link => {
    const at = link.getBoundingClientRect();
    return document.elementFromPoint(at.left + at.width / 2, at.top + at.height / 2)?.closest('a') !== link;
  });
  return {left: box.left, right: box.right, hidden: hidden.map(link => link.textContent.trim()),
          scrollWidth: document.documentElement.scrollWidth};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_open_language_list_stays_on_a_phone_screen(browser: SiteBrowser, javascript: bool) -> None:
    """At 320 and 390 px, in both languages, with Material's script or without (as before it arrives on a
    slow network): the page does not scroll sideways, and the language list opened from the keyboard lies
    within the screen with both languages' links in view."""
    page = browser.page.context.new_page()
    try:
        page.context.new_cdp_session(page).send("Emulation.setScriptExecutionDisabled", {"value": not javascript})
        for width in (320, 390):
            page.set_viewport_size({"width": width, "height": 640})
            for lang in LANGUAGES:
                address = f"{PREFIX[lang]}destinations/mx/"
                page.goto(browser.base_url + address, wait_until="load")
                assert page.evaluate("document.documentElement.classList.contains('no-js')") != javascript, "script as asked"
                assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{address} at {width} px"
                page.focus(".md-header .md-select__link")
                until(page, "!document.getAnimations().length", 2.5)  # the list has opened
                shown = page.evaluate(LANGUAGE_LIST)
                assert shown["scrollWidth"] <= width and 0 <= shown["left"] and shown["right"] <= width, (address, width, shown)
                assert shown["hidden"] == [], (address, width, shown)
    finally:
        page.close()


# Badges on screen (not those inside a closed <details>): shape, digit and words as rendered.
BADGES_SCRIPT = """() => [...document.querySelectorAll('.md-content .ta-badge')]
  .filter(badge => badge.checkVisibility())
  .map(badge => {
    const icon = badge.querySelector('.ta-badge__icon');
    const style = getComputedStyle(icon);
    const text = badge.querySelector('.ta-badge__text');
    const box = text.getBoundingClientRect();
    return {
      level: [...badge.classList].find(c => c.startsWith('ta-lvl-')).slice(7),
      shape: style.clipPath + ' ' + style.borderRadius,
      digit: icon.innerText.trim(),
      text: text.innerText.trim(),
      shown: box.width > 0 && box.height > 0 && text.checkVisibility({visibilityProperty: true}),
    };
  })"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_level_badges_do_not_rely_on_colour_alone(browser: SiteBrowser, lang: str) -> None:
    """Each level has its own shape, its number, and its words shown on screen."""
    page = browser.open(lang, "destinations/")
    badges = page.evaluate(BADGES_SCRIPT)
    assert {badge["level"] for badge in badges} == {str(level) for level in LEVELS}
    shapes: dict[str, set[str]] = {}
    for badge in badges:
        level = int(badge["level"])
        assert badge["digit"] == str(level)
        assert badge["shown"], f"level {level}: the words are hidden"
        assert LEVEL_NAMES[level][lang] in badge["text"]
        shapes.setdefault(badge["shape"], set()).add(badge["level"])
    assert all(len(levels) == 1 for levels in shapes.values()), f"levels share a shape: {shapes}"
    assert len(shapes) == len(LEVELS)
