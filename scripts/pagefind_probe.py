#!/usr/bin/env python3
"""First-query cost of Pagefind on a built site: requests, gzip bytes and time in headless Chromium.

Index the site first (``pip install "pagefind[extended]==1.5.2"``, then
``python -m pagefind --site SITE``). Each query runs on a fresh page of its language (``en``:
``/destinations/``, ``fr``: ``/fr/destinations/``): ``pagefind.js`` is imported, the query
searched and the first five results' fragments loaded, as a results list would. Bytes are
counted gzipped: Pagefind's own files are already compressed, the rest is gzipped here.

Example: ``python scripts/pagefind_probe.py site en:mexico fr:mexique "fr:côte"``
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

COMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")
START_PAGE = {"en": "/destinations/", "fr": "/fr/destinations/"}
FIRST_QUERY = """async (query) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const found = await pagefind.search(query);
    const shown = await Promise.all(found.results.slice(0, 5).map((result) => result.data()));
    return shown.map((data) => data.url);
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class names it so)
        """No access log."""


def gzip_size(site: Path, url_path: str) -> int:
    """Bytes of a site file as served compressed."""
    data = (site / url_path.split("?")[0].lstrip("/")).read_bytes()
    return len(data) if url_path.endswith(COMPRESSED) else len(gzip.compress(data, 9))


def probe(site: Path, queries: list[tuple[str, str]]) -> None:
    """Print one line per query: requests, KB gzipped, milliseconds, the first results."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for lang, query in queries:
            page = browser.new_page()
            page.goto(base + START_PAGE[lang])
            fetched: list[str] = []
            page.on("requestfinished", lambda request, into=fetched: into.append(request.url.removeprefix(base)))
            start = time.perf_counter()
            urls = page.evaluate(FIRST_QUERY, query)
            elapsed = time.perf_counter() - start
            page.wait_for_timeout(200)
            size = sum(gzip_size(site, path) for path in fetched)
            print(f"{lang} {query!r}: {len(fetched)} requests, {size / 1024:.1f} KB gz, {elapsed * 1000:.0f} ms; {urls[:3]}")
            page.close()
        browser.close()
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site indexed by Pagefind")
    parser.add_argument("queries", nargs="+", help="lang:query, e.g. fr:mexique")
    args = parser.parse_args()
    probe(args.site, [tuple(q.split(":", 1)) for q in args.queries])  # type: ignore[misc]


if __name__ == "__main__":
    main()
