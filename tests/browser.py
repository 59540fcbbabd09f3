"""Real-browser helpers: serve a built site on 127.0.0.1 and drive Debian's headless Chromium.

Browser and validator tests call ``require`` first: on a machine without the tool they skip
with the reason, unless the ``CI`` environment variable is set, where a missing tool fails.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Headless, offline, as root: no sandbox, no GPU, no call home of any kind.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def in_ci() -> bool:
    """True in continuous integration, where every browser and validator test must run."""
    return bool(os.environ.get("CI"))


def require(available: bool, reason: str) -> None:
    """Skip the calling test with ``reason`` if a tool is missing; in CI, fail instead."""
    if available:
        return
    if in_ci():
        pytest.fail(f"{reason} (required because CI is set)")
    pytest.skip(reason)


def require_chromium() -> None:
    """Chromium and Python Playwright must both be there."""
    require(shutil.which(CHROMIUM) is not None, f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        require(False, 'Python Playwright is not installed (pip install -e ".[test]")')


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean: no line per request."""


def keep_local(route: Any, outside: list[str]) -> None:
    """A Playwright route handler's body: requests to 127.0.0.1 (and data:/blob:) go on; any other is
    recorded in ``outside`` and aborted."""
    url = route.request.url
    if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
        route.continue_()
        return
    outside.append(url)
    route.abort()


@contextmanager
def serve_site(path: Path) -> Iterator[str]:
    """Serve the folder ``path`` on a free port of 127.0.0.1; yields its base URL (ends with /)."""
    handler = functools.partial(_QuietHandler, directory=str(path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium(user_data_dir: Path, **context_options: Any) -> Iterator[Any]:
    """A headless Chromium browser context (Playwright ``BrowserContext``) with a fresh profile.

    The pages' Content-Security-Policy is bypassed (Playwright's waits evaluate strings, which it
    forbids) unless ``bypass_csp=False``: tests/test_content_security.py checks the policy itself.
    """
    context_options.setdefault("bypass_csp", True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(user_data_dir),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            **context_options,
        )
        try:
            yield context
        finally:
            context.close()


def until(page: Any, script: str, timeout: float = 15) -> Any:
    """Poll ``script`` through Playwright (no string evaluation by the page, which the policy forbids, nor by its
    own script, which may be off) until it is truthy; its last value."""
    end = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value or time.monotonic() > end:
            return value
        time.sleep(0.1)
