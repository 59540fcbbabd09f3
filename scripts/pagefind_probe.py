#!/usr/bin/env python3
"""First-query cost of a built site's search and of Pagefind on the same pages: bytes and time in headless Chromium.

* **The site's search**, whatever it ships (Material's lunr worker and ``search/search_index*.json``,
  or a Pagefind bundle behind Material's box): on the start page of the language, once it has
  loaded, the query is typed into Material's search box (no delay between keys); measured are the requests made from the
  first key until the first result shows, and the time from the last key (the query complete) until
  the result list holds the query's results, by the page's own clock (Playwright's polling for a
  selector lags by up to 0.4 s). The time from the click into the box, which counts how fast Playwright types,
  is given too.
* **Pagefind as peer**: the same built pages indexed by stock Pagefind (``pagefind[extended]``,
  ``python -m pagefind``) into ``pagefind-peer/``; ``pagefind.js`` is imported, the query
  searched and the first five results' fragments loaded, as a results list would, timed by the
  page's clock from the import to the fragments.

Each query runs in a fresh browser context (cold cache), three times per engine in turn: its time is
the median of the three, its bytes the most any turn fetched. Bytes are counted gzipped: Pagefind's
own files are already compressed, the rest is gzipped here (level 9). The pages' Content-Security-Policy
is bypassed (the peer bundle is not in it; Playwright evaluates scripts).

Example: ``python scripts/pagefind_probe.py site en:mexico fr:mexique "fr:côte"``
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import statistics
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from playwright.sync_api import sync_playwright

PEER_DIR = "pagefind-peer"
COMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")
START_PAGE = {"en": "/destinations/", "fr": "/fr/destinations/"}
SEARCH_BOX = "input.md-search__input"
FIRST_RESULT = ".md-search-result__list > li"
TIMEOUT_MS = 120_000
PEER_QUERY = """async (query) => {
    const start = performance.now();
    const pagefind = await import('/PEER/pagefind.js');
    const found = await pagefind.search(query);
    const shown = await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
    return {urls: shown.map((data) => data.url), ms: performance.now() - start};
}""".replace("PEER", PEER_DIR)
WATCH_SITE = """() => {
    const probe = window.__probe = {start: performance.now(), lastInput: 0, shown: []};
    document.querySelector('SEARCH_BOX').addEventListener('input', () => { probe.lastInput = performance.now() });
    const list = document.querySelector('FIRST_RESULT'.split(' > ')[0]);
    new MutationObserver(() => { if (list.querySelector('li')) probe.shown.push(performance.now()) }).observe(list, {childList: true});
}""".replace("SEARCH_BOX", SEARCH_BOX).replace("FIRST_RESULT", FIRST_RESULT)
"""Records, by the page's clock, when the probe starts, the box's last input, and each time results show."""
SHOWN_AFTER_LAST_INPUT = "() => window.__probe.shown.find(time => time >= window.__probe.lastInput)"


@dataclass(frozen=True)
class QueryCost:
    """What a first query fetched (requests, gzip bytes) and how long until results showed once it was complete."""

    requests: int
    gz_bytes: int
    seconds: float
    from_first_key: float | None = None
    """The site's search: the time from the click into the box, typing included (the peer has no box)."""

    def __str__(self) -> str:
        typed = f" ({self.from_first_key:.2f} s from the click into the box)" if self.from_first_key is not None else ""
        return f"{self.gz_bytes / 1024:,.1f} KB gz, {self.seconds:.2f} s{typed}"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class names it so)
        """No access log."""


def index_peer(site: Path) -> None:
    """Index the built pages with stock Pagefind into ``site/pagefind-peer/``."""
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", PEER_DIR, "--quiet"], check=True)


def gzip_size(site: Path, url_path: str) -> int:
    """Bytes of a site file as served compressed."""
    path = site / unquote(url_path).lstrip("/")
    data = (path / "index.html" if path.is_dir() else path).read_bytes()
    return len(data) if url_path.endswith(COMPRESSED) else len(gzip.compress(data, 9))


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` on a free port of 127.0.0.1; yields its base URL (no trailing slash)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


QUERY_TURNS = 3
"""Each first query is made this many times per engine, in turn, each in a new browser context (nothing cached):
its time is the median of the turns (one query takes a few tenths of a second, and one turn can be twice another)."""


def first_queries(site: Path, queries: list[tuple[str, str]], turns: int = QUERY_TURNS) -> dict[tuple[str, str, str], QueryCost]:
    """Each (lang, query) through the site's own search box and through the peer index, keyed (engine, lang, query):
    the median time of ``turns`` made in turn, and the most requests and bytes any turn fetched."""
    made: dict[tuple[str, str, str], list[QueryCost]] = {}
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        try:
            for _ in range(turns):
                for lang, query in queries:
                    for engine in ("site", "pagefind"):
                        context = browser.new_context(bypass_csp=True)
                        try:
                            made.setdefault((engine, lang, query), []).append(_first_query(context.new_page(), site, base, lang, query, engine))
                        finally:
                            context.close()
        finally:
            browser.close()
    return {key: _median_turn(costs) for key, costs in made.items()}


def _median_turn(costs: list[QueryCost]) -> QueryCost:
    """The median time of the turns (from the first key too), with the most requests and bytes of any."""
    typed = [cost.from_first_key for cost in costs if cost.from_first_key is not None]
    return QueryCost(
        max(cost.requests for cost in costs), max(cost.gz_bytes for cost in costs),
        statistics.median(cost.seconds for cost in costs), statistics.median(typed) if typed else None,
    )


SETTLED = """() => Promise.race([
    "serviceWorker" in navigator ? navigator.serviceWorker.ready : Promise.resolve(),
    new Promise(resolve => setTimeout(resolve, 5000)),
]).then(() => true)"""
"""Until the page's service worker (offline reading) is active, its copies of the site's shell made: at most 5 s."""


def _first_query(page: object, site: Path, base: str, lang: str, query: str, engine: str) -> QueryCost:
    page.goto(base + START_PAGE[lang], wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate(SETTLED)  # type: ignore[attr-defined]  # the offline worker's first downloads are not the query's
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(urlsplit(request.url).path))  # type: ignore[attr-defined]
    from_first_key = None
    if engine == "site":
        page.evaluate(WATCH_SITE)  # type: ignore[attr-defined]
        page.click(SEARCH_BOX)  # type: ignore[attr-defined]
        page.keyboard.type(query)  # type: ignore[attr-defined]
        shown = page.wait_for_function(SHOWN_AFTER_LAST_INPUT, timeout=TIMEOUT_MS).json_value()  # type: ignore[attr-defined]
        times = page.evaluate("() => window.__probe")  # type: ignore[attr-defined]
        seconds, from_first_key = (shown - times["lastInput"]) / 1000, (shown - times["start"]) / 1000
    else:
        found = page.evaluate(PEER_QUERY, query)  # type: ignore[attr-defined]
        if not found["urls"]:
            raise RuntimeError(f"Pagefind found nothing for {lang}:{query}")
        seconds = found["ms"] / 1000
    page.wait_for_timeout(300)  # type: ignore[attr-defined]  # requests still finishing
    local = [path for path in fetched if not path.startswith("/data:")]
    return QueryCost(len(local), sum(gzip_size(site, path) for path in local), seconds, from_first_key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site")
    parser.add_argument("queries", nargs="+", help="lang:query, e.g. fr:mexique")
    args = parser.parse_args()
    index_peer(args.site)
    for (engine, lang, query), cost in first_queries(args.site, [tuple(q.split(":", 1)) for q in args.queries]).items():  # type: ignore[misc]
        print(f"{engine} {lang} {query!r}: {cost.requests} requests, {cost}")


if __name__ == "__main__":
    main()
