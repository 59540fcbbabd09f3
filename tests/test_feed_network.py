"""Bounded network of the import: one deadline per request, a size cap after decompression."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
import time
import zlib

import pytest
from werkzeug import Response

from travel_advice.cli.fetching import FeedError, fetch_bytes, fetch_json

from .conftest import ROOT, run_cli

MB = 1024 * 1024


@pytest.fixture(scope="module")
def gzip_bomb() -> bytes:
    """1 GB of zeros, gzipped: about 4.5 MB on the wire."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    block = bytes(MB)
    return b"".join(packer.compress(block) for _ in range(1024)) + packer.flush()


def trickle(request) -> Response:
    """Headers at once, then one byte every 0.2 s (for 10 s at most): each read is quick, the whole never ends."""

    def body():
        yield b"{"
        for _ in range(50):
            time.sleep(0.2)
            yield b" "

    return Response(body(), content_type="application/json")


def test_a_trickling_server_ends_within_the_deadline(httpserver):
    httpserver.expect_request("/feed.json").respond_with_handler(trickle)
    url = httpserver.url_for("/feed.json")
    start = time.monotonic()
    with pytest.raises(FeedError) as caught:
        fetch_json(url, timeout=1.5, retries=2)
    elapsed = time.monotonic() - start
    assert str(caught.value) == f"cannot fetch {url}: no complete response within 1.5 s"
    assert 1.4 < elapsed < 2.0


def test_a_silent_server_ends_within_the_deadline_across_retries(httpserver):
    def silent(request):
        time.sleep(1.2)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/feed.json").respond_with_handler(silent)
    start = time.monotonic()
    with pytest.raises(FeedError, match="no complete response within 1 s"):
        fetch_json(httpserver.url_for("/feed.json"), timeout=1, retries=1, backoff=0)
    assert time.monotonic() - start < 1.5
    time.sleep(2.5)  # let the server (one thread) answer both attempts before the next test


CLIENT = """\
import sys, tracemalloc
from travel_advice.cli.fetching import FeedError, fetch_json
tracemalloc.start()
try:
    fetch_json(sys.argv[1], timeout=20, max_bytes=8 * 1024 * 1024)
except FeedError as error:
    print(error)
print(tracemalloc.get_traced_memory()[1])
"""


@pytest.mark.slow
def test_a_gzip_bomb_stops_at_the_cap_with_one_line(httpserver, gzip_bomb):
    """The client runs in a process of its own, so that its memory is measured without the server's."""
    httpserver.expect_request("/feed.json").respond_with_data(gzip_bomb, headers={"Content-Encoding": "gzip"}, content_type="application/json")
    url = httpserver.url_for("/feed.json")
    result = subprocess.run([sys.executable, "-c", CLIENT, url], capture_output=True, text=True, timeout=60, check=True)
    message, peak = result.stdout.splitlines()
    assert message == f"cannot fetch {url}: the response is larger than 8 MB once decompressed; expected a feed under that size (--max-size)"
    assert int(peak) < 10 * MB, f"peak {int(peak) / MB:.1f} MB for a cap of 8 MB"


def test_gzip_and_deflate_are_asked_for_and_decoded(httpserver):
    data = {"data": {"MX": {"advisory-state": 1}}}
    raw = json.dumps(data).encode()
    httpserver.expect_request("/gzip.json").respond_with_data(gzip.compress(raw), headers={"Content-Encoding": "gzip"})
    httpserver.expect_request("/deflate.json").respond_with_data(zlib.compress(raw), headers={"Content-Encoding": "deflate"})
    assert fetch_json(httpserver.url_for("/gzip.json")) == data
    assert fetch_json(httpserver.url_for("/deflate.json")) == data
    request = next(request for request, _ in httpserver.log if request.path == "/gzip.json")
    assert request.headers["Accept-Encoding"] == "gzip, x-gzip, deflate"


def test_an_encoding_not_asked_for_is_refused(httpserver):
    httpserver.expect_request("/feed.json").respond_with_data(b"\x00\x01", headers={"Content-Encoding": "br"})
    url = httpserver.url_for("/feed.json")
    with pytest.raises(FeedError, match=f"^cannot fetch {url}: the server sent Content-Encoding 'br'; expected gzip, deflate or none$"):
        fetch_bytes(url)


@pytest.mark.parametrize("chunked", [False, True])
def test_an_uncompressed_answer_over_the_cap_is_refused(httpserver, chunked):
    body = b" " * (2 * MB)
    answer = Response(iter([body]), content_type="application/json") if chunked else Response(body, content_type="application/json")
    httpserver.expect_request("/feed.json").respond_with_response(answer)
    with pytest.raises(FeedError, match="larger than 1 MB once decompressed"):
        fetch_bytes(httpserver.url_for("/feed.json"), max_bytes=MB)


def test_the_command_says_it_in_one_line_and_changes_nothing(httpserver, gzip_bomb, tmp_path):
    shutil.copytree(ROOT / "advisories", tmp_path / "advisories")
    httpserver.expect_request("/feed.json").respond_with_data(gzip_bomb, headers={"Content-Encoding": "gzip"})
    url = httpserver.url_for("/feed.json")
    result = run_cli(tmp_path, "import", "--url", url, "--max-size", "2")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"error: cannot fetch {url}: the response is larger than 2 MB once decompressed; expected a feed under that size (--max-size); no file changed\n"
