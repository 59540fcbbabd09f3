"""What a traveller's first search query fetches, measured in Chromium on the built shipped site (issue 19).

Each query is typed into Material's search box on a fresh page of its language (empty cache); every
request from the first keystroke until the results show and the network is quiet is listed, with
its bytes as served compressed (Pagefind's files are already gzipped; any other file is gzipped
here, level 6). Only the Pagefind index of the page's language is fetched (its code, the chunks of
the query's words, the fragments of the results shown), nothing of Material's lunr search, and
under the budget of issue 19: 160 KB compressed at N = 1,000 destinations (the benchmark,
scripts/benchmark.py with scripts/pagefind_probe.py, measures N = 250 and 1,000).
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from travel_advice.site.search_index import GZIP_LEVEL, INDEX_FOLDER, PRECOMPRESSED

from .browser import CHROMIUM, CHROMIUM_FLAGS, require_chromium, serve_site
from .conftest import Build

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "fr": "fr/"}
FIRST_QUERIES = [("en", "malaria"), ("en", "Côte d’Ivoire"), ("en", "lost passport"), ("fr", "paludisme"), ("fr", "sécurité en ligne"), ("fr", "Mexique")]
BUDGET = 160 * 1024
"""Compressed bytes a first query may fetch."""
RESULTS_SHOWN = 5
"""Pages the worker shows (``RESULTS`` in search-worker.js), each with its fragment."""


@dataclass(frozen=True)
class FirstQuery:
    lang: str
    text: str
    requests: tuple[tuple[str, int], ...]
    """Each request's site path and compressed bytes."""
    results: tuple[str, ...]

    @property
    def compressed_bytes(self) -> int:
        return sum(size for _, size in self.requests)

    def __str__(self) -> str:
        return f"{self.lang} {self.text!r}: {len(self.requests)} requests, {self.compressed_bytes / 1024:.1f} KB compressed"


def compressed_size(site: Path, url_path: str) -> int:
    path = site / unquote(url_path).lstrip("/")
    data = (path / "index.html" if path.is_dir() else path).read_bytes()
    return len(data) if path.name.endswith(PRECOMPRESSED) else len(gzip.compress(data, GZIP_LEVEL, mtime=0))


def first_query(browser: Any, base_url: str, site: Path, lang: str, text: str, *, pasted: bool = False) -> FirstQuery:
    """Type ``text`` into the search box of a fresh page of ``lang`` (Playwright ``Browser``), or paste it whole; what it fetched."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + PREFIX[lang], wait_until="networkidle")
        fetched: list[str] = []
        page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))
        box = page.locator("input.md-search__input")
        box.click()
        if pasted:
            box.fill(text)
        else:
            box.press_sequentially(text, delay=60)
        box.press("End")  # Playwright types letters such as "é" without a keyup, on which Material reads the box
        page.wait_for_selector(".md-search-result__list > li", timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # the worker searches once typing pauses: the last text's requests
        results = page.eval_on_selector_all(".md-search-result__list > li a.md-search-result__link", "links => links.map(a => a.href)")
        return FirstQuery(lang, text, tuple((path, compressed_size(site, path)) for path in fetched), tuple(results))
    finally:
        context.close()


def first_queries(site: Path, queries: list[tuple[str, str]], *, pasted: bool = False) -> list[FirstQuery]:
    """Each (lang, text) as a first query of a fresh page of the built ``site`` in Chromium (:func:`first_query`)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with serve_site(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            return [first_query(browser, base_url, site, lang, text, pasted=pasted) for lang, text in queries]
        finally:
            browser.close()


def test_a_first_query_fetches_little_of_its_own_language_only(shipped_site: Build) -> None:
    for query in first_queries(shipped_site.site, FIRST_QUERIES):
        print(query)
        paths = [path for path, _ in query.requests]
        index = f"/{PREFIX[query.lang]}{INDEX_FOLDER}"
        assert paths[0] == f"{index}pagefind.js", paths
        assert all(path.startswith(index) for path in paths), paths
        assert {f"{index}index/", f"{index}fragment/"} <= {path.rsplit("/", 1)[0] + "/" for path in paths}
        assert query.results and all(urlsplit(url).path.startswith(f"/{PREFIX[query.lang]}") for url in query.results)
        assert query.compressed_bytes <= BUDGET, f"{query}: over {BUDGET / 1024:.0f} KB"


def test_a_pasted_query_fetches_the_fragments_of_the_results_shown_only(shipped_site: Build) -> None:
    """A text that arrives whole is not waited on (no key is coming), and it is searched once: one fragment per result shown."""
    for query in first_queries(shipped_site.site, [("en", "lost passport"), ("fr", "Mexique")], pasted=True):
        print(query)
        fragments = [path for path, _ in query.requests if "/fragment/" in path]
        assert query.results and fragments, query
        assert len(fragments) == len(set(fragments)) <= RESULTS_SHOWN, fragments
        assert all(urlsplit(url).path.startswith(f"/{PREFIX[query.lang]}") for url in query.results)
        assert query.compressed_bytes <= BUDGET, f"{query}: over {BUDGET / 1024:.0f} KB"
