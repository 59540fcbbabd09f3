"""Lighthouse mobile on the home page, index, map and a destination of each language, served compressed.

    npm install --prefix ~/.cache/travel-advice/lighthouse lighthouse@13.5.0   # once, outside the project
    python scripts/lighthouse.py [--site BUILT_SITE] [--runs 3] [--update BENCHMARKS.md]

Without --site, the shipped site is built first (``mkdocs build --strict``). The site is served
gzip-compressed on 127.0.0.1 (scripts/serve_compressed.py) and each page measured by the npm
``lighthouse`` command (``$LIGHTHOUSE``, default the cache folder above) with Debian's Chromium
(``CHROME_PATH=/usr/bin/chromium``, headless): mobile form factor, simulated throttling, cold cache.
With --runs N, each page keeps its run of median Performance. Prints a Markdown section (four
scores per page, metrics, bytes transferred by a cold destination page, audits below full marks);
--update puts it into a file between ``<!-- lighthouse -->`` markers, replacing the last one.
A measurement, not a test: CI never downloads Lighthouse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.serve_compressed import serve_compressed  # noqa: E402

LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", Path.home() / ".cache/travel-advice/lighthouse/node_modules/.bin/lighthouse"))
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best Practices", "seo": "SEO"}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS"}
PAGES = {"home": "", "index": "destinations/", "map": "destinations/map/", "destination": "destinations/mx/"}
LANGUAGES = {"en": "", "fr": "fr/"}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking"
START, END = "<!-- lighthouse -->", "<!-- /lighthouse -->"


def run_lighthouse(url: str, output: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, the four categories); its JSON report."""
    command = [
        str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={CHROME_FLAGS}",
    ]  # fmt: skip
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")})
    return json.loads(output.read_text("utf-8"))


def scores(report: dict[str, Any]) -> dict[str, int]:
    """The four category scores out of 100."""
    return {key: round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def metrics(report: dict[str, Any]) -> dict[str, str]:
    """Lab metrics as Lighthouse displays them (``1.5 s``, ``140 ms``, ``0``)."""
    return {name: report["audits"][key].get("displayValue", "") for key, name in METRICS.items()}


def transferred(report: dict[str, Any]) -> tuple[int, dict[str, int], int]:
    """Bytes over the network (cold cache): total, per resource type, and the number of requests."""
    items = report["audits"]["network-requests"]["details"]["items"]
    by_type: dict[str, int] = {}
    for item in items:
        kind = item.get("resourceType") or "Other"
        by_type[kind] = by_type.get(kind, 0) + int(item.get("transferSize") or 0)
    return sum(by_type.values()), dict(sorted(by_type.items(), key=lambda pair: -pair[1])), len(items)


def shortfalls(report: dict[str, Any]) -> list[str]:
    """Scored audits below full marks, per category: ``performance: total-blocking-time 0.96 (140 ms)``."""
    lines = []
    for key in CATEGORIES:
        for ref in report["categories"][key]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                shown = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                lines.append(f"{key}: {ref['id']} {audit['score']:g}{shown}")
    return lines


def median_run(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median Performance (the lower middle one for an even count)."""
    ordered = sorted(reports, key=lambda report: report["categories"]["performance"]["score"])
    return ordered[(len(ordered) - 1) // 2]


def kilobytes(size: int) -> str:
    return f"{size / 1000:.1f} KB"


def render(results: dict[tuple[str, str], dict[str, Any]], runs: int, when: str) -> str:
    """The Markdown section: one row per page and language, the cold destination page's bytes, the shortfalls."""
    any_report = next(iter(results.values()))
    environment = any_report.get("environment", {})
    chrome = re.search(r"Chrome/([\d.]+)", environment.get("hostUserAgent", ""))
    lines = [
        START,
        f"## Lighthouse mobile (issue 18), {when}",
        "",
        f"`python scripts/lighthouse.py --runs {runs}`: Lighthouse {any_report.get('lighthouseVersion', '?')}, mobile (Moto G Power",
        "emulation, simulated slow 4G and 4× CPU slowdown), cold cache, headless Chromium"
        f" {chrome.group(1) if chrome else '?'}; the site served gzip-compressed by `scripts/serve_compressed.py` on 127.0.0.1;"
        f" benchmark index {environment.get('benchmarkIndex', '?')} (a shared 2-core machine)"
        + (f"; each page's run of median Performance out of {runs}." if runs > 1 else "; one run per page."),
        "",
        "| page | lang | " + " | ".join(CATEGORIES.values()) + " | " + " | ".join(METRICS.values()) + " | transferred | requests |",
        "| --- | --- | " + " | ".join("---:" for _ in [*CATEGORIES, *METRICS]) + " | ---: | ---: |",
    ]
    for (page, lang), report in results.items():
        total, _, count = transferred(report)
        row = [page, lang, *map(str, scores(report).values()), *metrics(report).values(), kilobytes(total), str(count)]
        lines.append("| " + " | ".join(row) + " |")
    for lang in LANGUAGES:
        if (report := results.get(("destination", lang))) is not None:
            total, by_type, count = transferred(report)
            parts = ", ".join(f"{kind} {kilobytes(size)}" for kind, size in by_type.items())
            lines += ["", f"Cold destination page ({lang}, `{LANGUAGES[lang]}{PAGES['destination']}`): {kilobytes(total)} in {count} requests ({parts})."]
    below = [(page, lang, line) for (page, lang), report in results.items() for line in shortfalls(report)]
    lines += ["", "Scored audits below full marks:" if below else "Every scored audit at full marks."]
    lines += [f"- {page} ({lang}): {line}" for page, lang, line in below]
    lines.append(END)
    return "\n".join(lines) + "\n"


def update_section(text: str, section: str) -> str:
    """``text`` with its last Lighthouse section replaced by ``section``, or ``section`` appended."""
    start, end = text.rfind(START), text.rfind(END)
    if start == -1 or end < start:
        return text.rstrip("\n") + "\n\n" + section
    return text[:start] + section + text[end + len(END) :].lstrip("\n")


def build_site(destination: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)], cwd=ROOT, env=env, check=True)
    return destination


def measure(site: Path, runs: int, scratch: Path) -> dict[tuple[str, str], dict[str, Any]]:
    results = {}
    with serve_compressed(site) as base_url:
        for page, path in PAGES.items():
            for lang, prefix in LANGUAGES.items():
                reports = [run_lighthouse(base_url + prefix + path, scratch / f"{page}-{lang}-{n}.json") for n in range(runs)]
                results[(page, lang)] = median_run(reports)
                print(f"{page} {lang}: {scores(results[(page, lang)])}", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build the shipped one)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median Performance run is kept")
    parser.add_argument("--update", type=Path, help="a Markdown file whose Lighthouse section to replace (or append)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        print(f"{LIGHTHOUSE} not found; install it once: npm install --prefix ~/.cache/travel-advice/lighthouse lighthouse@13.5.0", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build_site(Path(scratch) / "site")
        section = render(measure(site, args.runs, Path(scratch)), args.runs, datetime.now(UTC).strftime("%Y-%m-%d"))
    print(section, end="")
    if args.update:
        args.update.write_text(update_section(args.update.read_text("utf-8"), section), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
