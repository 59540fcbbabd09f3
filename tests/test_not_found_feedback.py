"""The 404 page's feedback message names the missing address (issue 18): the build cannot know it,
so assets/not-found.js puts in ``location.href``; without JavaScript the message asks for it."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import html

from .browser import chromium, require_chromium
from .conftest import Build

ADDRESS_LINE = {"en": "Address: ", "fr": "Adresse\u00a0: "}
PLACEHOLDER = {"en": "(paste here the address you tried)", "fr": "(collez ici l’adresse demandée)"}


class _NotFoundHandler(SimpleHTTPRequestHandler):
    """A host like Netlify: a missing address under /fr/ gets fr/404.html, any other the root 404.html."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / ("fr/404.html" if self.path.startswith("/fr/") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """No line per request."""


@pytest.fixture(scope="module")
def host(shipped_site: Build) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NotFoundHandler, directory=str(shipped_site.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def mail_body(href: str) -> str:
    assert href.startswith("mailto:feedback@example.org?")
    return parse_qs(urlsplit(href).query)["body"][0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_javascript_the_message_asks_for_the_address(shipped_site: Build, lang: str) -> None:
    page = html.fromstring(shipped_site.page(("fr/" if lang == "fr" else "") + "404.html"))
    (link,) = page.xpath('//div[@class="ta-feedback"]//a[starts-with(@href, "mailto:")]')
    assert ADDRESS_LINE[lang] + PLACEHOLDER[lang] + "\r\n" in mail_body(link.get("href"))
    (script,) = page.xpath('//script[contains(@src, "not-found.js")]')
    assert script.get("src") == "/assets/not-found.js"


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_feedback_message_names_the_missing_address(host: str, tmp_path: Path, lang: str) -> None:
    require_chromium()
    missing = f"{'fr/' if lang == 'fr' else ''}destinations/atlantide/?q=<script>alert(1)</script>&x=\"'#frag"
    with chromium(tmp_path, bypass_csp=False) as context:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" and "404" not in message.text else None)
        response = page.goto(host + missing, wait_until="load")
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == lang
        hrefs = page.locator(".ta-feedback a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        address = page.evaluate("location.href")
        assert "%3Cscript%3E" in address and "<" not in address
        body = mail_body(hrefs[0])
        assert ADDRESS_LINE[lang] + address + "\r\n" in body
        assert PLACEHOLDER[lang] not in body
        assert errors == []
