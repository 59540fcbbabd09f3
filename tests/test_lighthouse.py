"""scripts/lighthouse.py reads Lighthouse's JSON report and writes the BENCHMARKS.md section;
scripts/serve_compressed.py serves a site as a host does. Lighthouse itself is never run here."""

from __future__ import annotations

import gzip
import importlib.util
import urllib.error
import urllib.request
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .conftest import ROOT


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


lighthouse = script("lighthouse")
serve_compressed = script("serve_compressed")


def report(performance: float = 0.98, tbt: float = 0.96) -> dict[str, Any]:
    """A Lighthouse report cut down to what the script reads."""
    def category(*refs: tuple[str, int]) -> dict[str, Any]:
        return {"score": None, "auditRefs": [{"id": audit, "weight": weight} for audit, weight in refs]}

    categories = {
        "performance": category(("first-contentful-paint", 10), ("largest-contentful-paint", 25), ("total-blocking-time", 30), ("cumulative-layout-shift", 25)),
        "accessibility": category(("color-contrast", 7), ("tabindex", 0)),
        "best-practices": category(("errors-in-console", 1)),
        "seo": category(("document-title", 1)),
    }
    for key, score in zip(categories, (performance, 1, 1, 0.92), strict=True):
        categories[key]["score"] = score
    audits = {
        "first-contentful-paint": {"score": 1, "displayValue": "0.9 s"},
        "largest-contentful-paint": {"score": 1, "displayValue": "1.2 s"},
        "total-blocking-time": {"score": tbt, "displayValue": "140 ms"},
        "cumulative-layout-shift": {"score": 1, "displayValue": "0"},
        "color-contrast": {"score": 1},
        "tabindex": {"score": 0},  # weight 0: not counted
        "errors-in-console": {"score": 1},
        "document-title": {"score": 0},
        "network-requests": {"details": {"items": [
            {"resourceType": "Document", "transferSize": 8676},
            {"resourceType": "Script", "transferSize": 45000},
            {"resourceType": "Stylesheet", "transferSize": 30000},
            {"resourceType": "Script", "transferSize": 1000},
        ]}},
    }
    return {"lighthouseVersion": "13.5.0", "categories": categories, "audits": audits,
            "environment": {"hostUserAgent": "HeadlessChrome/156.0.0.0 Safari", "benchmarkIndex": 887}}


def test_scores_metrics_bytes_and_shortfalls_are_read_from_the_report() -> None:
    one = report()
    assert lighthouse.scores(one) == {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 92}
    assert lighthouse.metrics(one) == {"FCP": "0.9 s", "LCP": "1.2 s", "TBT": "140 ms", "CLS": "0"}
    assert lighthouse.transferred(one) == (84676, {"Script": 46000, "Stylesheet": 30000, "Document": 8676}, 4)
    assert lighthouse.shortfalls(one) == ["performance: total-blocking-time 0.96 (140 ms)", "seo: document-title 0"]


def test_the_median_run_is_kept() -> None:
    runs = [report(0.91), report(0.99), report(0.95)]
    assert lighthouse.median_run(runs) is runs[2]
    assert lighthouse.median_run(runs[:2]) is runs[0]


def test_the_section_has_a_row_per_page_and_language_and_replaces_the_last_one() -> None:
    results = {(page, lang): report() for page in lighthouse.PAGES for lang in lighthouse.LANGUAGES}
    section = lighthouse.render(results, 3, "2026-12-03")
    assert section.startswith(lighthouse.START) and section.rstrip().endswith(lighthouse.END)
    assert "| destination | fr | 98 | 100 | 100 | 92 | 0.9 s | 1.2 s | 140 ms | 0 | 84.7 KB | 4 |" in section
    assert "Cold destination page (fr, `fr/destinations/mx/`): 84.7 KB in 4 requests (Script 46.0 KB, Stylesheet 30.0 KB, Document 8.7 KB)." in section
    assert "Chromium 156.0.0.0" in section and "benchmark index 887" in section and "median Performance out of 3" in section
    assert "- map (en): seo: document-title 0" in section
    before = "# Benchmarks\n\nOlder text.\n"
    once = lighthouse.update_section(before, section)
    assert once == before + "\n" + section
    again = lighthouse.update_section(once + "\n## Later section\n", section.replace("84.7 KB", "80.0 KB"))
    assert again.count(lighthouse.START) == 1 and "80.0 KB" in again and "84.7 KB" not in again
    assert again.endswith("## Later section\n")


def test_without_lighthouse_the_script_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(lighthouse, "LIGHTHOUSE", tmp_path / "missing")
    assert lighthouse.main(["--site", str(tmp_path)]) == 2
    assert "npm install --prefix" in capsys.readouterr().err


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_the_local_host_compresses_text_and_serves_each_language_404(tmp_path: Path) -> None:
    page = "<!doctype html><title>x</title>" + "advice " * 500
    (tmp_path / "fr").mkdir()
    (tmp_path / "index.html").write_text(page, "utf-8")
    (tmp_path / "404.html").write_text("<html lang=en>missing", "utf-8")
    (tmp_path / "fr" / "404.html").write_text("<html lang=fr>introuvable", "utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(600))
    with serve_compressed.serve_compressed(tmp_path) as base:
        status, headers, body = fetch(base)
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Vary"] == "Accept-Encoding"
        assert gzip.decompress(body).decode() == page and len(body) < len(page) / 10
        assert "Content-Encoding" not in fetch(base, gzip_ok=False)[1]
        assert "Content-Encoding" not in fetch(base + "logo.png")[1]
        assert fetch(base + "fr/nulle-part/")[::2] == (404, b"<html lang=fr>introuvable")
        assert fetch(base + "nowhere/")[::2] == (404, b"<html lang=en>missing")
