"""Bounded HTTP for the feed: one deadline per request, retries with back-off, a size cap.

:func:`fetch_json` GETs a URL with urllib3: connection errors, 429 and 5xx are retried by
:class:`urllib3.util.Retry` with exponential back-off; the whole request (connecting, every
retry and the whole body) must end within ``timeout`` seconds, enforced by a watchdog that
shuts the connection down, so a server that trickles bytes cannot hold the import; the body
is decompressed here (gzip or deflate, the only encodings asked for) in bounded steps and
refused as soon as it passes ``max_bytes``, so a compression bomb costs at most the cap.
"""

from __future__ import annotations

import json
import re
import threading
import zlib
from dataclasses import dataclass, field
from typing import Any

import urllib3
from urllib3.exceptions import HTTPError, MaxRetryError
from urllib3.util import Retry, Timeout

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_BYTES = 20 * 1024 * 1024
CHUNK = 64 * 1024
ENCODINGS = {"identity": None, "gzip": 31, "x-gzip": 31, "deflate": 15}
"""Content-Encoding -> zlib window bits (None: not compressed). Accept-Encoding asks for these only."""
BACKOFF_MAX = 30.0


class FeedError(Exception):
    """The feed cannot be fetched or read. The message is one line; ``problems`` lists each one."""

    def __init__(self, message: str, problems: tuple[str, ...] | list[str] = ()) -> None:
        message = " ".join(message.split())  # one line, whatever the cause's text
        super().__init__(message)
        self.problems = tuple(problems) or (message,)


def fetch_json(
    url: str,
    *,
    timeout: float = 30,
    retries: int = 3,
    backoff: float = 0.5,
    max_bytes: int = MAX_BYTES,
    pool: urllib3.PoolManager | None = None,
) -> dict[str, Any]:
    """GET a JSON object; FeedError (one line naming the URL) on any failure.

    Retries wait ``backoff`` x 2, x 4... seconds (the first one at once, as urllib3 does).
    """
    return json_object(fetch_bytes(url, timeout=timeout, retries=retries, backoff=backoff, max_bytes=max_bytes, pool=pool), url)


def fetch_bytes(
    url: str,
    *,
    timeout: float = 30,
    retries: int = 3,
    backoff: float = 0.5,
    max_bytes: int = MAX_BYTES,
    pool: urllib3.PoolManager | None = None,
) -> bytes:
    """The decompressed body of a GET, within ``timeout`` seconds and ``max_bytes`` bytes."""
    download = _Download(url, timeout, retries, backoff, max_bytes, pool or urllib3.PoolManager(num_pools=1))
    worker = threading.Thread(target=download.run, name=f"fetch {url}", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        download.cancel()
        raise FeedError(f"cannot fetch {url}: no complete response within {timeout:g} s")
    if download.error is not None:
        raise download.error
    return bytes(download.body)


def json_object(content: bytes, url: str) -> dict[str, Any]:
    """``content`` parsed as a JSON object; FeedError otherwise."""
    try:
        data = json.loads(content)
    except ValueError as error:  # JSONDecodeError, UnicodeDecodeError
        raise FeedError(f"invalid feed at {url}: not valid JSON ({error})") from error
    if not isinstance(data, dict):
        raise FeedError(f"invalid feed at {url}: expected a JSON object, found {type(data).__name__}")
    return data


@dataclass
class _Download:
    """One GET run in a worker thread; ``cancel`` (from the caller, at the deadline) stops it."""

    url: str
    timeout: float
    retries: int
    backoff: float
    max_bytes: int
    pool: urllib3.PoolManager
    body: bytearray = field(default_factory=bytearray)
    error: FeedError | None = None
    _response: urllib3.BaseHTTPResponse | None = None
    _cancelled: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        try:
            self._read(self._request())
        except FeedError as error:
            self.error = error
        except (HTTPError, OSError) as error:
            self.error = FeedError(f"cannot fetch {self.url}: {_network_problem(error, self.timeout)}")
        finally:  # never back to a pool: a half-read answer would keep the server writing
            if self._response is not None:
                self._response.close()
            self.pool.clear()

    def cancel(self) -> None:
        self._cancelled.set()
        if self._response is not None:
            self._response.shutdown()  # a read blocked in the worker returns at once

    def _request(self) -> urllib3.BaseHTTPResponse:
        retry = Retry(
            total=self.retries, redirect=5, status_forcelist=RETRY_STATUSES, allowed_methods={"GET"},
            backoff_factor=self.backoff, backoff_max=BACKOFF_MAX, raise_on_status=False, raise_on_redirect=True,
        )  # fmt: skip
        try:
            response = self.pool.request(
                "GET",
                self.url,
                headers={"Accept": "application/json", "Accept-Encoding": ", ".join(e for e in ENCODINGS if e != "identity")},
                retries=retry,
                timeout=Timeout(self.timeout / (self.retries + 1)),  # every attempt within the deadline
                preload_content=False,
                decode_content=False,
            )
        except MaxRetryError as error:
            problem = _network_problem(error.reason or error, self.timeout)
            raise FeedError(f"cannot fetch {self.url}: {problem} (after {self.retries + 1} attempt(s))") from error
        except urllib3.exceptions.LocationValueError as error:
            raise FeedError(f"cannot fetch {self.url}: not a valid http(s) address ({error})") from error
        self._response = response
        if response.status >= 400:
            attempts = len(response.retries.history) + 1 if response.retries else 1
            retried = f" (after {attempts} attempt(s))" if response.status in RETRY_STATUSES else ""
            raise FeedError(f"cannot fetch {self.url}: HTTP {response.status} {response.reason or ''}".rstrip() + retried)
        return response

    def _read(self, response: urllib3.BaseHTTPResponse) -> None:
        encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
        if encoding not in ENCODINGS:
            raise FeedError(f"cannot fetch {self.url}: the server sent Content-Encoding {encoding!r}; expected gzip, deflate or none")
        length = response.headers.get("Content-Length", "")
        if encoding == "identity" and length.isdigit() and int(length) > self.max_bytes:
            raise self._too_large()
        wbits = ENCODINGS[encoding]
        decoder = zlib.decompressobj(wbits) if wbits is not None else None
        try:
            for chunk in response.stream(CHUNK, decode_content=False):
                if self._cancelled.is_set():
                    return
                self._add(chunk, decoder)
        except zlib.error as error:
            raise FeedError(f"cannot fetch {self.url}: the {encoding} body is corrupt ({error})") from error

    def _add(self, chunk: bytes, decoder: Any) -> None:
        """Append a chunk, decompressed CHUNK bytes at a time, up to one byte past the cap."""
        if decoder is None:
            self.body += chunk
        while decoder is not None and chunk:
            self.body += decoder.decompress(chunk, min(self.max_bytes - len(self.body) + 1, CHUNK))
            chunk = decoder.unconsumed_tail
            if len(self.body) > self.max_bytes:
                break
        if len(self.body) > self.max_bytes:
            raise self._too_large()

    def _too_large(self) -> FeedError:
        return FeedError(
            f"cannot fetch {self.url}: the response is larger than {_megabytes(self.max_bytes)} once decompressed; "
            "expected a feed under that size (--max-size)"
        )


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MB"


def _network_problem(error: BaseException, timeout: float) -> str:
    name = type(error).__name__
    if "Timeout" in name:
        return f"no complete response within {timeout:g} s"
    found = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", str(error))
    if found:
        return f"connection failed ({found.group(1).strip()})"
    if "Protocol" in name or "Connection" in name or "Response" in name:
        return f"connection failed ({name})"
    return f"{name}: {error}"

