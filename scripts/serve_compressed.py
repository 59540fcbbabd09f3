"""Serve a built site on 127.0.0.1 the way a real host does: gzip for text, 404.html of the language for a missing page.

    python scripts/serve_compressed.py SITE_FOLDER [--port 8000]

Text files (HTML, CSS, JavaScript, JSON, SVG, XML, web manifests) go out gzip-compressed (level 6,
kept in memory per file and modification time) when the request accepts gzip, with ``Vary:
Accept-Encoding``; other files as they are. A missing address under ``/fr/`` gets ``fr/404.html``,
any other the root ``404.html``, with status 404. For measurements (scripts/lighthouse.py), not for
production.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml", "application/manifest+json")


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class CompressingHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler with gzip for text and the language's 404 page, over keep-alive HTTP/1.1."""

    protocol_version = "HTTP/1.1"
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".webmanifest": "application/manifest+json", ".js": "application/javascript"}

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # redirects to the address with its slash
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "") or not kind.startswith(COMPRESSED_TYPES):
            return super().send_head()
        body = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind if "charset" in kind or not kind.startswith("text/") else f"{kind}; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        root = Path(self.directory)
        page = root / ("fr/404.html" if self.path.startswith("/fr/") else "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: no line per request."""


class _QuietServer(ThreadingHTTPServer):
    """A browser that drops a connection (a page left mid-load) is no error worth a traceback."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Bytes:
    """The file-like object ``send_head`` returns, for bytes already in memory."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        """Nothing to release."""


@contextmanager
def serve_compressed(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a free port unless given); yields the base URL, ending with /."""
    server = _QuietServer(("127.0.0.1", port), functools.partial(CompressingHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    with serve_compressed(args.site, args.port) as url:
        print(f"serving {args.site} on {url} (Ctrl-C stops)")
        threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
