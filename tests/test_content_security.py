"""The Content-Security-Policy in a real browser: every page type of both languages runs without a
single violation, and script planted in a built page is blocked (no dialog, no global set)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from travel_advice.core.model import LANGUAGES
from travel_advice.site.content_security import article_spans, policy, script_hash, theme_scripts, with_policy

from .browser import chromium, keep_local, require_chromium, serve_site
from .conftest import Build
from .test_accessibility import PAGES, PREFIX

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`));
"""
PAYLOADS = (
    '<script>window.__planted = "inline"; alert("inline")</script>',
    '<img src="data:," onerror="window.__planted = \'handler\'; alert(\'handler\')" alt="">',
    '<a id="planted-link" href="javascript:window.__planted = \'link\'">planted</a>',
    '<iframe src="data:text/html,<script>parent.__planted = \'frame\'</script>"></iframe>',
    '<style>body { display: none }</style>',
)


class PolicyBrowser:
    """One Chromium tab that records CSP violations, dialogs, console errors and every request leaving
    127.0.0.1 (aborted; the site's public address, ``site_url``, counts as leaving) of each page it opens."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.context, self.base_url = context, base_url
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.outside_requests: list[str] = []
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("dialog", self._dismiss)
        self.page.on("console", lambda message: self.console.append(message.text) if message.type == "error" else None)

    def _route(self, route: Any) -> None:
        keep_local(route, self.outside_requests)

    def _dismiss(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url_path: str) -> Any:
        self.dialogs.clear()
        self.console.clear()
        self.outside_requests.clear()
        response = self.page.goto(self.base_url + url_path, wait_until="load")
        assert response is not None and response.status in (200, 404), url_path
        self.page.wait_for_timeout(150)  # let Material's bundle and the filter script start
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")


@pytest.fixture(scope="module")
def policy_browser(shipped_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[PolicyBrowser]:
    require_chromium()
    with serve_site(shipped_site.site) as base_url, chromium(tmp_path_factory.mktemp("chromium-csp"), bypass_csp=False) as context:
        yield PolicyBrowser(context, base_url)


@pytest.mark.parametrize(("lang", "path"), [(lang, path) for lang in LANGUAGES for path in [*PAGES, "destinations/mx/history/", "404.html"]])
def test_no_policy_violation_on_any_page_type(policy_browser: PolicyBrowser, lang: str, path: str) -> None:
    page = policy_browser.open(PREFIX[lang] + path)
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert policy_browser.violations() == []
    assert not [line for line in policy_browser.console if "Content Security Policy" in line]
    assert policy_browser.outside_requests == []


def test_a_page_leaving_for_the_public_address_is_caught(policy_browser: PolicyBrowser, shipped_site: Build, tmp_path: Path) -> None:
    """The request check is really running: a navigation to ``site_url`` (which no CSP directive stops) is recorded."""
    site = tmp_path / "site"
    shutil.copytree(shipped_site.site, site)
    public = re.search(r'<link rel="canonical" href="(https://[^/"]+/)', (site / "index.html").read_text("utf-8")).group(1)
    target = site / "fr" / "index.html"
    target.write_text(target.read_text("utf-8").replace("</head>", f'<meta http-equiv="refresh" content="0;url={public}"></head>', 1), "utf-8")
    with serve_site(site) as base_url:
        browser = PolicyBrowser(policy_browser.context, base_url)
        browser.open("fr/")
        browser.page.wait_for_timeout(500)
        assert public in browser.outside_requests


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_and_filter_run_under_the_policy(policy_browser: PolicyBrowser, lang: str) -> None:
    """The search worker and the destination filter are this site's own scripts: allowed."""
    page = policy_browser.open(PREFIX[lang] + "destinations/")
    page.locator("#ta-filter-text, input[type=search]").first.fill("mex")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("mexi", delay=20)
    page.wait_for_selector(".md-search-result__list > li", timeout=15_000)
    assert policy_browser.violations() == []


def test_script_planted_in_a_built_page_is_blocked(policy_browser: PolicyBrowser, shipped_site: Build, tmp_path: Path) -> None:
    """Defence in depth: even if script reached a page's content, the browser does not run it."""
    site = tmp_path / "site"
    shutil.copytree(shipped_site.site, site)
    target = site / "fr" / "destinations" / "index.html"
    html = target.read_text(encoding="utf-8")
    assert "<article" in html
    target.write_text(html.replace("</article>", "".join(PAYLOADS) + "</article>", 1), encoding="utf-8")
    with serve_site(site) as base_url:
        browser = PolicyBrowser(policy_browser.context, base_url)
        page = browser.open("fr/destinations/")
        page.locator("#planted-link").click()
        page.wait_for_timeout(300)
        assert page.evaluate("window.__planted") is None
        assert browser.dialogs == []
        assert page.locator("body").is_visible()
        blocked = " ".join(browser.violations())
        for directive in ("script-src", "frame-src", "style-src"):
            assert directive in blocked, blocked


def test_theme_scripts_are_hashed_and_content_scripts_are_not() -> None:
    page = (
        '<html><head><meta charset="utf-8"><script>theme()</script>'
        '<script id="__config" type="application/json">{}</script></head>'
        "<body><article><script>content()</script></article><script src='x.js'></script></body></html>"
    )
    assert theme_scripts(page) == ["theme()"]
    assert script_hash("theme()") in policy(page)
    assert script_hash("content()") not in policy(page)
    secured = with_policy(page)
    assert secured is not None and secured.index("Content-Security-Policy") < secured.index("<script>")
    assert with_policy("<html><head><title>x</title></head></html>") is None


@pytest.mark.parametrize("page", [
    "<article>a</article><script>x()</script><ARTICLE class=b><script>y()</script></Article  ><script>z()</script>",
    "<article><article><script>x()</script></article><script>y()</script></article><script>z()</script>",
    "<articles><script>x()</script></articles><article><script>y()</script>",
    "<article\n><script>x()</script></article\t\n><script>y()</script></article>",
    "<script>x()</script>",
])
def test_articles_are_found_as_the_pattern_they_replace_finds_them(page: str) -> None:
    """Content is where ``<article\\b.*?</article\\s*>`` says; an unclosed or nested article changes nothing of that."""
    expected = [match.span() for match in re.finditer(r"<article\b.*?</article\s*>", page, re.S | re.I)]
    assert article_spans(page) == expected
    inside = [script for script in ("x()", "y()", "z()") if any(start <= page.find(script) < end for start, end in expected)]
    assert not set(inside) & set(theme_scripts(page))
