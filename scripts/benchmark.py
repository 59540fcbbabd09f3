#!/usr/bin/env python3
"""Measure what the site costs to build, to serve and to download, and print one table.

For each size N it writes a synthetic corpus of N destinations (about 1,600 words a language
each) into a temporary folder, then measures:

* the build with our plugin, and the same content as plain Markdown pages built with the same
  theme and static-i18n but without our plugin (the baseline, also with static-i18n's quadratic
  search deduplication off), and the same Markdown built by Hugo with minimal layouts of our own
  (``hugo_peer.py``): wall time, CPU time and peak memory;
* loading and validating the advisories alone;
* the search index of each language, the median and largest destination page, the whole site;
* the first search query in headless Chromium, through the site's own search box and through
  stock Pagefind on the same pages (``pagefind_probe.py``): bytes fetched (gzip) and time to results (from the last key; from the click into the box too), the median of three turns;
* at the first size only, how long an edited advisory takes to show in ``mkdocs serve``, plain,
  with ``--dirtyreload``, and for one language;
* at the first size only, what the history costs: the same corpus as a git repository with
  ``--history-editions`` editions of every advisory (one commit each), built with its history
  (with no cache, then with the cache that build left) and as a plain folder (no git: the history
  pages say it is unavailable), the last two in turn five times, the least CPU of each compared.

Example: ``python scripts/benchmark.py --sizes 250,1000``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import requests
import yaml

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
from hugo_peer import hugo_command, write_hugo_project  # noqa: E402
from pagefind_probe import QueryCost, first_queries, index_peer  # noqa: E402
from plugin_costs import WHOLE_BUILD  # noqa: E402
from synthetic_corpus import MAX_DESTINATIONS, write_baseline, write_history, write_project  # noqa: E402
from travel_advice.core.content_rules import reuse_passed  # noqa: E402
from travel_advice.core.validation import load_advisories  # noqa: E402
from travel_advice.glue.build_cache import BuildCache  # noqa: E402
from travel_advice.glue.config import TravelAdviceConfig  # noqa: E402

DEFAULT_SIZES = [250, 1000]
HISTORY_EDITIONS = 20
SEARCH_QUERIES = [("en", "mexico"), ("fr", "mexique"), ("en", "malaria"), ("fr", "paludisme")]
"""A destination's name and a word on many pages, in each language."""
FIRST_QUERY_KB, FIRST_QUERY_AT, FIRST_QUERY_TIME = 160, 1000, 1.5
"""Issue 19: a first query fetches at most 160 KB gz at N = 1,000, and shows results within 1.5× Pagefind's time."""
LINEAR_BASELINE_TARGET = 0.75
"""Most our build's CPU may be of the plain-Markdown baseline's, static-i18n's dedupe off (issue 19)."""
HISTORY_TARGET = 0.15
"""Most the history may add to the build's CPU time."""
HISTORY_RUNS = 8
"""Builds with the cache and without git, in turn: the least CPU of each is compared (eight: on this shared machine one
build's CPU varies by up to a third from one run to the next, and the history's share is a tenth)."""
MEMORY_FOLDER = Path("/dev/shm")
"""A folder in memory (tmpfs) where the history's builds are measured again (``--memory-folder``): there, making the
10,000 folders of the editions' addresses does not depend on what was deleted in the minutes before, as it does on
this machine's ext4 without a journal (BENCHMARKS.md, issue 17)."""
BUILD_TURNS = 5
"""Builds of ours (with no cache, then with the cache) and of the baseline (dedupe off), in turn: the least CPU of each
is compared (one build moves by a fifth on this shared machine)."""
CACHE_DIR = TravelAdviceConfig.cache_dir.default
"""Our plugin's ``cache_dir``, which the synthetic projects leave as it is by default."""
BUILD_DATE = date(2026, 11, 25)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": BUILD_DATE.isoformat()}
KB, MB = 1024, 1024 * 1024
SERVE_TIMEOUT = 180.0
SERVE_MODES = (
    ("`mkdocs serve`: edit → shows in EN and FR", (), None),
    ("`mkdocs serve --dirtyreload`: edit → shows in EN and FR", ("--dirtyreload",), None),
    ("`TRAVEL_ADVICE_PREVIEW_LANGUAGE=en mkdocs serve --dirtyreload`: edit → shows", ("--dirtyreload",), "en"),
)


@dataclass(frozen=True)
class BuildRun:
    """One ``mkdocs build`` subprocess: wall time, CPU time (user + system), peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float

    def __str__(self) -> str:
        return f"{self.seconds:.1f} s ({self.cpu_seconds:.1f} s CPU)"


@dataclass(frozen=True)
class HistoryCost:
    """The build with a history of ``editions`` per advisory, first with no cache (``cold``), then with the cache the
    first left (glue/build_cache.py, ``warm``) in turn with the same files without git (``without``)."""

    editions: int
    cold: BuildRun | None
    """None for builds whose cache was copied from a first build elsewhere (:func:`history_in_memory`)."""
    warm: tuple[BuildRun, ...]
    without: tuple[BuildRun, ...]
    place: str = ""
    """Where the builds were made, if not in the benchmark's folder: ``, in memory (/dev/shm)``."""

    def extra(self, run: BuildRun) -> float:
        """What the history adds to the least CPU of the builds without git, as a fraction."""
        return run.cpu_seconds / least_cpu(self.without).cpu_seconds - 1


def least_cpu(runs: Iterable[BuildRun]) -> BuildRun:
    """The run of ``runs`` that took the least CPU time."""
    return min(runs, key=lambda run: run.cpu_seconds)


@dataclass(frozen=True)
class Sizes:
    """Raw and gzip byte counts."""

    raw: int
    gz: int


@dataclass(frozen=True)
class ServeRun:
    """An edit seen through ``mkdocs serve``: wall time, and CPU time the server spent on it."""

    seconds: float
    cpu_seconds: float


@dataclass
class Measures:
    """Everything measured at one size N."""

    n: int
    ours: BuildRun
    baseline: BuildRun | None
    """None when skipped (``--no-stock-baseline``: its search dedupe grows with N², hours at N = 5,000)."""
    baseline_linear_search: BuildRun
    hugo: BuildRun
    validation_seconds: float
    search: dict[str, Sizes]
    search_on_load: dict[str, Sizes]
    """What Material fetches for search when any page loads, by language folder ('en', 'fr')."""
    page_median: Sizes
    page_largest: Sizes
    site_bytes: int
    plugin_costs: dict[str, float] = field(default_factory=dict)
    """CPU seconds of each part of our plugin's work in one more build (``plugin_costs.py``)."""
    serve: dict[str, ServeRun] = field(default_factory=dict)
    queries: dict[tuple[str, str, str], QueryCost] = field(default_factory=dict)
    """First search queries, keyed (``site`` or ``pagefind``, language, query) (``pagefind_probe.py``)."""
    history: HistoryCost | None = None
    history_in_memory: HistoryCost | None = None
    """The same builds with the same cache, their projects and sites in memory (``--memory-folder``)."""
    turns: tuple[tuple[BuildRun, BuildRun], ...] = ()
    """Every build of ours and of the baseline (dedupe off), in turn: ``ours`` and ``baseline_linear_search`` are the least.
    Ours with the cache the build before left (glue/build_cache.py), as the publishing workflow restores it."""
    ours_no_cache: tuple[BuildRun, ...] = ()
    """Ours with no cache (a clean checkout's first build), in each turn before the two of ``turns``."""
    validation_kept_seconds: float | None = None
    """Load + validate with the editors' Markdown the builds kept (its HTML held to the allow-list, not rendered again)."""


def gzip_size(data: bytes) -> int:
    """Size after gzip at level 6, what web servers use by default."""
    return len(gzip.compress(data, compresslevel=6))


def timed_run(command: list[str], cwd: Path, log_path: Path, env: dict[str, str] = ENV) -> BuildRun:
    """Run a build command; measure its wall time, CPU time (user + system, all threads) and peak memory."""
    with log_path.open("w") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed in {cwd}:\n{log_path.read_text()}")
    return BuildRun(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml") -> BuildRun:
    """``mkdocs build --strict`` in a subprocess, measured."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(site)]
    return timed_run(command, project, project / f"{config}.log")


def hugo_build(project: Path) -> BuildRun:
    """Hugo's build of the same Markdown (``hugo_peer.py``), measured."""
    return timed_run(hugo_command(project, project / "public"), project, project / "hugo.log", dict(os.environ))


def with_linear_search_merge(project: Path) -> str:
    """A copy of the project's mkdocs.yml with static-i18n's quadratic search deduplication off.

    ``reconfigure_search: false`` skips it (our plugin replaces it by a linear one instead).
    """
    text = (project / "mkdocs.yml").read_text("utf-8")
    option = "      docs_structure: suffix\n"
    if option not in text:
        raise RuntimeError("mkdocs.yml no longer sets i18n docs_structure; update with_linear_search_merge")
    (project / "mkdocs-linear-search.yml").write_text(text.replace(option, option + "      reconfigure_search: false\n"), "utf-8")
    return "mkdocs-linear-search.yml"


def export_generated_pages(project: Path, target: Path) -> Path:
    """Build once with a hook that saves our generated pages as Markdown (also warms caches)."""
    config = project / "mkdocs-export.yml"
    config.write_text(f"INHERIT: mkdocs.yml\nhooks:\n  - {SCRIPTS / 'export_generated_pages.py'}\n", "utf-8")
    env = {**ENV, "TRAVEL_ADVICE_EXPORT_DIR": str(target)}
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(project / "site-export")]
    subprocess.run(command, cwd=project, env=env, check=True, capture_output=True)
    shutil.rmtree(project / "site-export")
    return target


def best_cpu_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    """The least CPU time of ``repeat`` runs, in seconds (steady on a busy machine)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return min(times)


def validation_seconds(advisories_dir: Path, kept: dict[str, str] | None = None) -> float:
    """CPU time to load and validate every advisory of the folder (best of five), with the Markdown a build ``kept``
    (glue/build_cache.py) or none."""
    reuse_passed(kept or {})
    try:
        result = load_advisories(advisories_dir, BUILD_DATE)
        if result.errors:
            raise RuntimeError("\n".join(map(str, result.errors)))
        return best_cpu_seconds(lambda: load_advisories(advisories_dir, BUILD_DATE))
    finally:
        reuse_passed({})


def search_index_sizes(site: Path) -> dict[str, Sizes]:
    """Each language's search index (Pagefind's, whole), keyed by language: 'en', 'fr', or 'en+fr' if shared."""
    try:
        from travel_advice.site.search_index import search_index_sizes as measured
    except ImportError:  # before per-language indexes: static-i18n's one shared index
        shared = site / "search" / "search_index.json"
        return {"en+fr": Sizes(len(data := shared.read_bytes()), gzip_size(data))} if shared.is_file() else {}
    return {lang: Sizes(raw, gz) for lang, (raw, gz) in measured(site).items()}


def search_on_load_sizes(site: Path) -> dict[str, Sizes]:
    """The search file every page fetched as it loaded (Material's ``search/search_index.json``), per language: none since issue 19."""
    files = {"en": site / "search/search_index.json", "fr": site / "fr/search/search_index.json"}
    return {lang: Sizes(len(data := path.read_bytes()), gzip_size(data)) for lang, path in files.items() if path.is_file()}


def destination_pages(site: Path) -> Iterator[Path]:
    """Every destination page of both languages (folders named by a code: ``mx``, ``pt-20``)."""
    for folder in (site / "destinations", site / "fr" / "destinations"):
        yield from (p / "index.html" for p in folder.iterdir() if re.fullmatch(r"[a-z]{2}(-[a-z0-9]{1,3})?", p.name))


def page_sizes(site: Path) -> tuple[Sizes, Sizes]:
    """Median and largest destination page (HTML), by raw size."""
    sizes = sorted((Sizes(len(data), gzip_size(data)) for data in map(Path.read_bytes, destination_pages(site))), key=lambda s: s.raw)
    median = sizes[len(sizes) // 2]
    return median, sizes[-1]


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file())


def measure_size(n: int, workdir: Path, stock_baseline: bool = True, costs: bool = True, search: bool = True) -> Measures:
    """Generate a corpus of ``n`` destinations, build it with our plugin, as plain Markdown and with Hugo; measure."""
    ours_project = write_project(workdir / f"n{n}" / "ours", n, BUILD_DATE)
    generated = export_generated_pages(ours_project, workdir / f"n{n}" / "generated")
    baseline_project = write_baseline(workdir / f"n{n}" / "baseline", generated)
    hugo_project = write_hugo_project(workdir / f"n{n}" / "hugo", [baseline_project / "docs"])
    validation = validation_seconds(ours_project / "advisories")
    baseline = mkdocs_build(baseline_project, baseline_project / "site") if stock_baseline else None
    linear_config = with_linear_search_merge(baseline_project)
    hugo = hugo_build(hugo_project)
    no_cache: list[BuildRun] = []
    turns: list[tuple[BuildRun, BuildRun]] = []
    for turn in range(BUILD_TURNS):
        shutil.rmtree(ours_project / CACHE_DIR, ignore_errors=True)  # as a clean checkout has it (the export's build left one)
        no_cache.append(mkdocs_build(ours_project, ours_project / f"site-no-cache-{turn}"))
        turns.append((mkdocs_build(ours_project, ours_project / _turn_folder(turn)), mkdocs_build(baseline_project, baseline_project / _turn_folder(turn), linear_config)))
    ours, baseline_linear = map(least_cpu, zip(*turns, strict=True))
    validation_kept = validation_seconds(ours_project / "advisories", BuildCache(ours_project / CACHE_DIR).passed_markdown())
    site = ours_project / "site"
    median, largest = page_sizes(site)
    measures = Measures(
        n, ours, baseline, baseline_linear, hugo, validation, search_index_sizes(site), search_on_load_sizes(site), median, largest,
        site_bytes(site), plugin_costs(ours_project) if costs else {}, turns=tuple(turns), ours_no_cache=tuple(no_cache), validation_kept_seconds=validation_kept,
    )
    if search:
        index_peer(site)
        measures.queries = first_queries(site, SEARCH_QUERIES)
    return measures


def _turn_folder(turn: int) -> str:
    """The site folder of a build turn: each build writes a new one (the first is the site measured), and none is deleted
    while the benchmark runs: on this machine's ext4 without a journal, making files soon after many were deleted
    costs the kernel more (BENCHMARKS.md, issue 17), which would weigh on the history's builds that follow."""
    return "site" if turn == 0 else f"site-turn-{turn}"


def plugin_costs(project: Path) -> dict[str, float]:
    """Where our plugin's CPU time goes in one build of ``project`` (``scripts/plugin_costs.py``)."""
    command = [sys.executable, str(SCRIPTS / "plugin_costs.py")]
    completed = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, check=False)
    shutil.rmtree(project / "site-costs", ignore_errors=True)
    if completed.returncode != 0:
        raise RuntimeError(f"plugin_costs.py failed in {project}:\n{completed.stderr}")
    return json.loads(completed.stdout.splitlines()[-1])


def history_cost(n: int, editions: int, workdir: Path) -> HistoryCost:
    """Build ``n`` destinations with ``editions`` editions each in git with no cache, then, :data:`HISTORY_RUNS`
    times in turn, again with the cache the first build left and the same files without git.

    Each build writes a new output folder, as the publishing workflow does (a clean checkout, its cache restored):
    a build over an existing site also deletes the old one when it swaps the new one in (glue/staging.py), which at
    250 x 20 is 20,000 files more to delete than the build without git has. Turns, not one build each: on this
    shared machine the same build's CPU time varies by a tenth from one run to the next.
    """
    project, plain = _history_projects(n, workdir)
    write_history(project, n, editions, BUILD_DATE)
    shutil.copytree(project, plain, ignore=shutil.ignore_patterns(".git"))
    cold = mkdocs_build(project, project / "site")
    return HistoryCost(editions, cold, *_history_turns(project, plain))


def history_in_memory(n: int, editions: int, workdir: Path, memory: Path) -> HistoryCost:
    """:func:`history_cost`'s builds with the cache its first build left, :data:`HISTORY_RUNS` times in turn, from copies of
    both projects (git history and cache included) in the folder ``memory``, where their sites are written; deleted after."""
    folder = Path(tempfile.mkdtemp(prefix="travel-advice-history-", dir=memory))
    try:
        copies = [
            shutil.copytree(project, folder / project.name, symlinks=True, ignore=shutil.ignore_patterns("site", "site-*", "*.log"))
            for project in _history_projects(n, workdir)
        ]
        return HistoryCost(editions, None, *_history_turns(*copies), place=f", in memory ({memory})")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _history_projects(n: int, workdir: Path) -> tuple[Path, Path]:
    """The history's project of ``n`` destinations (with git) and its copy without git, in ``workdir``."""
    return workdir / f"n{n}" / "history", workdir / f"n{n}" / "history-plain"


def _history_turns(project: Path, plain: Path) -> tuple[tuple[BuildRun, ...], tuple[BuildRun, ...]]:
    """:data:`HISTORY_RUNS` builds of ``project`` (with git, and the cache it has) in turn with ``plain`` (without git)."""
    warm: list[BuildRun] = []
    without: list[BuildRun] = []
    for turn in range(HISTORY_RUNS):
        warm.append(mkdocs_build(project, project / f"site-warm-{turn}"))
        without.append(mkdocs_build(plain, plain / f"site-{turn}"))
    return tuple(warm), tuple(without)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edit_summary(advisory: Path, marker: str) -> None:
    """Prepend ``marker`` to both summaries of an advisory file, as an editor would."""
    data = yaml.safe_load(advisory.read_text("utf-8"))
    data["summary"] = {lang: f"{marker} {text}" for lang, text in data["summary"].items()}
    advisory.write_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False), "utf-8")


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def page_contains(url: str, text: str) -> bool:
    try:
        response = requests.get(url, timeout=5)
    except requests.RequestException:
        return False
    return response.status_code == 200 and text in response.content.decode("utf-8", "replace")


def process_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve_edit(project: Path, *serve_args: str, language: str | None = None) -> ServeRun:
    """Time from saving an advisory to its pages showing it, browsers reloaded.

    Both language pages, or with ``language`` only that one (``TRAVEL_ADVICE_PREVIEW_LANGUAGE``).
    """
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = project / f"serve-{port}.log"
    advisory = sorted((project / "advisories").glob("[a-z][a-z].yml"))[0]
    pages = [f"{base}/destinations/{advisory.stem}/"] + ([] if language else [f"{base}/fr/destinations/{advisory.stem}/"])
    env = {**ENV, "TRAVEL_ADVICE_PREVIEW_LANGUAGE": language} if language else ENV
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *serve_args],
            cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            wait_for(lambda: "Serving on" in log_path.read_text(), SERVE_TIMEOUT, "mkdocs serve to start")
            wait_for(lambda: all(page_contains(url, "<html") for url in pages), SERVE_TIMEOUT, "the pages")
            time.sleep(1)  # let the file watcher settle
            reloads_before = log_path.read_text().count("Reloading browsers")
            marker = f"Edited-{time.time_ns()}"
            cpu_before, start = process_cpu_seconds(server.pid), time.monotonic()
            edit_summary(advisory, marker)
            wait_for(lambda: log_path.read_text().count("Reloading browsers") > reloads_before, SERVE_TIMEOUT, "the rebuild")
            wait_for(lambda: all(page_contains(url, marker) for url in pages), SERVE_TIMEOUT, "the edited text")
            return ServeRun(time.monotonic() - start, process_cpu_seconds(server.pid) - cpu_before)
        finally:
            server.terminate()
            server.wait(timeout=30)


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def kb(size: int) -> str:
    return f"{size / KB:,.1f} KB"


def sizes_text(sizes: Sizes) -> str:
    return f"{kb(sizes.raw)} ({kb(sizes.gz)} gz)"


def table(results: list[Measures]) -> str:
    """The one table the benchmark prints (Markdown). Ratios compare CPU time: steady on a busy machine."""
    first = results[0]
    per_destination = [r.ours.cpu_seconds / r.n for r in results]
    rows: list[tuple[str, ...]] = [("Measure", *(f"N = {r.n}" for r in results), "Target", "Met")]

    def row(name: str, values: list[str], target: str = "", met: str = "") -> None:
        rows.append((name, *values, target, met))

    row("Build with our plugin: wall (CPU)", [str(r.ours) for r in results])
    row("Baseline: same content as Markdown, same theme, no plugin", [str(r.baseline or "skipped") for r in results])
    stock = [r for r in results if r.baseline is not None]
    row("Ratio ours / baseline (CPU)", [f"{r.ours.cpu_seconds / r.baseline.cpu_seconds:.2f}×" if r.baseline else "" for r in results],
        "≤ 1.05×", mark(all(r.ours.cpu_seconds <= 1.05 * r.baseline.cpu_seconds for r in stock)) if stock else "")
    row("Baseline with static-i18n's quadratic search dedupe off", [str(r.baseline_linear_search) for r in results])
    row(f"Ratio ours, the last build's cache / that baseline (CPU; least of {max(len(r.turns) for r in results)} builds each in turn)",
        [f"{r.ours.cpu_seconds / r.baseline_linear_search.cpu_seconds:.2f}× (turns: {_turns_text(r.turns)} s)" for r in results],
        f"≤ {LINEAR_BASELINE_TARGET:.2f}×",
        mark(all(r.ours.cpu_seconds <= LINEAR_BASELINE_TARGET * r.baseline_linear_search.cpu_seconds for r in results)))
    row(f"Ratio ours, no cache (a clean checkout's first build) / that baseline (CPU; least of {max(len(r.ours_no_cache) for r in results)} builds each in turn)",
        [f"{least_cpu(r.ours_no_cache).cpu_seconds / r.baseline_linear_search.cpu_seconds:.2f}× (turns: {_turns_text(zip(r.ours_no_cache, [b for _, b in r.turns], strict=True))} s)"
         if r.ours_no_cache else "" for r in results],
        f"≤ {LINEAR_BASELINE_TARGET:.2f}×",
        mark(all(least_cpu(r.ours_no_cache).cpu_seconds <= LINEAR_BASELINE_TARGET * r.baseline_linear_search.cpu_seconds for r in results if r.ours_no_cache)))
    row("Hugo: same Markdown, minimal two-language layouts, no search", [str(r.hugo) for r in results])
    row("Ratio ours / Hugo (CPU)", [f"{r.ours.cpu_seconds / r.hugo.cpu_seconds:.1f}×" for r in results])
    row("Ratio that baseline / Hugo (CPU)", [f"{r.baseline_linear_search.cpu_seconds / r.hugo.cpu_seconds:.1f}×" for r in results])
    row("Our build, CPU per destination", [f"{1000 * c:.1f} ms" for c in per_destination], "linear growth",
        mark(all(cost <= per_destination[0] * 1.15 for cost in per_destination)))
    row("Peak memory, ours / baseline (dedupe off) / Hugo",
        [f"{r.ours.peak_mb:,.0f} / {r.baseline_linear_search.peak_mb:,.0f} / {r.hugo.peak_mb:,.0f} MB" for r in results])
    row("Peak memory per destination, ours / baseline (dedupe off) / Hugo",
        [" / ".join(f"{1024 * run.peak_mb / r.n:,.0f}" for run in (r.ours, r.baseline_linear_search, r.hugo)) + " KB" for r in results])
    row("Load + validate advisories (CPU)", [f"{r.validation_seconds:.3f} s" for r in results],
        f"< 0.3 s at N = {first.n}", mark(first.validation_seconds < 0.3))
    row("Load + validate advisories, the Markdown the last build kept (CPU)",
        [f"{r.validation_kept_seconds:.3f} s" if r.validation_kept_seconds is not None else "" for r in results])
    for lang in sorted({lang for r in results for lang in r.search}):
        values = [sizes_text(r.search[lang]) if lang in r.search else "none" for r in results]
        row(f"Search index on the server, {lang} (Pagefind's: a query fetches only its chunks, rows below)", values)
    for lang in sorted({lang for r in results for lang in r.search_on_load}):
        values = [sizes_text(r.search_on_load[lang]) if lang in r.search_on_load else "none" for r in results]
        row(f"Search data fetched as any page loads, {lang} (the index waits for a query)", values)
    search_rows(results, row)
    row("Destination page HTML, median", [sizes_text(r.page_median) for r in results], "≤ 40 KB, ≤ 8 KB gz",
        mark(all(r.page_median.raw <= 40 * KB and r.page_median.gz <= 8 * KB for r in results)))
    row("Destination page HTML, largest", [sizes_text(r.page_largest) for r in results], "≤ 40 KB, ≤ 8 KB gz",
        mark(all(r.page_largest.raw <= 40 * KB and r.page_largest.gz <= 8 * KB for r in results)))
    row("Whole site", [f"{r.site_bytes / MB:,.1f} MB" for r in results])
    for history in (first.history, first.history_in_memory):
        if history is not None:
            history_rows(history, first.n, len(results), row)
    for mode, run in first.serve.items():
        values = [f"{run.seconds:.1f} s ({run.cpu_seconds:.1f} s CPU)"] + [""] * (len(results) - 1)
        row(mode, values, f"≤ 3 s at N = {first.n}", mark(run.seconds <= 3))
    return markdown_table(rows)


def history_rows(history: HistoryCost, n: int, columns: int, row: Callable[..., None]) -> None:
    """The rows of the history's cost: with no cache (if measured) and with the last build's cache."""
    target, padding = f"< +{100 * HISTORY_TARGET:.0f} % at N = {n}", [""] * (columns - 1)
    warm, without = least_cpu(history.warm), least_cpu(history.without)
    name = f"History, {history.editions} editions per destination"
    if history.cold is not None:
        extra = history.extra(history.cold)
        row(f"{name}, no cache: build with / least without git (CPU){history.place}",
            [f"{history.cold} / {without.cpu_seconds:.1f} s CPU: +{100 * extra:.0f} %", *padding], target, mark(extra < HISTORY_TARGET))
    extra = history.extra(warm)
    pairs = list(zip(history.warm, history.without, strict=True))
    typical = statistics.median(a.cpu_seconds / b.cpu_seconds - 1 for a, b in pairs)
    row(f"{name}, the last build's cache: least CPU with / without git, of {len(history.warm)} builds each in turn{history.place}",
        [f"{warm.cpu_seconds:.1f} / {without.cpu_seconds:.1f} s CPU: +{100 * extra:.0f} % (median of the turns: +{100 * typical:.0f} %; "
         f"turns: {_turns_text(pairs)} s)", *padding],
        target, mark(extra < HISTORY_TARGET))


def _turns_text(turns: Iterable[tuple[BuildRun, BuildRun]]) -> str:
    """Each pair of builds made in turn, as ``CPU / CPU`` seconds."""
    return ", ".join(f"{a.cpu_seconds:.1f} / {b.cpu_seconds:.1f}" for a, b in turns)


def search_rows(results: list[Measures], row: Callable[..., None]) -> None:
    """First queries side by side (the site's search / Pagefind), then the issue's targets on the worst query."""
    measured = [r for r in results if r.queries]
    if not measured:
        return
    for lang, query in sorted({key[1:] for r in measured for key in r.queries}):
        row(f"First search query, {lang} “{query}”: the site's search / Pagefind (gz bytes, median time to results of 3 once the query is typed)",
            [f"{r.queries['site', lang, query]} / {r.queries['pagefind', lang, query]}" if r.queries else "" for r in results])
    most = {r.n: max(cost.gz_bytes for (engine, *_), cost in r.queries.items() if engine == "site") for r in measured}
    at_target = [most[n] for n in most if n >= FIRST_QUERY_AT]
    met = bool(at_target) and max(at_target) <= FIRST_QUERY_KB * KB and all(most[n] <= 1.1 * min(at_target) for n in most if n < FIRST_QUERY_AT)
    row("First search query, most fetched by the site's search", [f"{most[r.n] / KB:,.1f} KB gz" if r.n in most else "" for r in results],
        f"≤ {FIRST_QUERY_KB} KB gz at N = {FIRST_QUERY_AT:,}, no more than 110 % of that below", mark(met) if at_target else "")
    slowest = {r.n: max(cost.seconds / r.queries["pagefind", *key[1:]].seconds for key, cost in r.queries.items() if key[0] == "site") for r in measured}
    row("First search results, the site's search / Pagefind, slowest query", [f"{slowest[r.n]:.1f}×" if r.n in slowest else "" for r in results],
        f"≤ {FIRST_QUERY_TIME}×", mark(all(ratio <= FIRST_QUERY_TIME for ratio in slowest.values())))


def costs_table(results: list[Measures]) -> str:
    """The second table: each part of our plugin's CPU time, and its share of the same build."""
    rows: list[tuple[str, ...]] = [("Part of our plugin's work (CPU, one more build)", *(f"N = {r.n}" for r in results))]
    for part in results[0].plugin_costs:
        rows.append((part, *(
            f"{r.plugin_costs[part]:.2f} s ({100 * r.plugin_costs[part] / r.plugin_costs[WHOLE_BUILD]:.1f} %)"
            for r in results
        )))
    return markdown_table(rows)


def markdown_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=False)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def parse_sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or any(not 1 <= n <= MAX_DESTINATIONS for n in sizes):
        raise argparse.ArgumentTypeError(f"expected sizes from 1 to {MAX_DESTINATIONS:,} separated by commas, e.g. 250,1000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Build a synthetic site of N destinations with and without the travel-advice plugin, "
        "and print one table of build time, memory, validation time, search index and page sizes, "
        "and how fast an edit shows in mkdocs serve.",
    )
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES,
                        help="numbers of destinations to measure, separated by commas (default: "
                        f"{','.join(map(str, DEFAULT_SIZES))}; at most {MAX_DESTINATIONS:,}: the countries CLDR names, "
                        "then subdivisions such as AD-01)")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--no-search", action="store_true", help="skip the first search queries in Chromium")
    parser.add_argument("--no-plugin-costs", action="store_true", help="skip the build that times each part of our plugin (the second table)")
    parser.add_argument("--no-stock-baseline", action="store_true",
                        help="skip the baseline with static-i18n's quadratic search dedupe (hours of CPU at N = 5,000)")
    parser.add_argument("--history-editions", type=int, default=HISTORY_EDITIONS, metavar="K",
                        help=f"editions per advisory of the synthetic git history measured at the first size (default: {HISTORY_EDITIONS}; 0 skips it)")
    parser.add_argument("--memory-folder", metavar="FOLDER", type=lambda text: Path(text) if text else None, default=MEMORY_FOLDER,
                        help=f"a folder in memory (tmpfs) where the history's builds with the cache are measured again (default: {MEMORY_FOLDER}, "
                        "if it exists; '' skips it)")
    parser.add_argument("--keep", metavar="FOLDER", type=Path,
                        help="write the corpora and built sites into FOLDER and keep them (default: a temporary folder, deleted)")
    args = parser.parse_args(argv)
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="travel-advice-benchmark-"))
    try:
        results = []
        for n in args.sizes:
            print(f"N = {n}: generating, validating and building…", file=sys.stderr, flush=True)
            results.append(measure_size(n, workdir, stock_baseline=not args.no_stock_baseline, costs=not args.no_plugin_costs, search=not args.no_search))
        if args.history_editions > 0:
            print(f"N = {args.sizes[0]}: history of {args.history_editions} editions each, with and without git…", file=sys.stderr, flush=True)
            results[0].history = history_cost(args.sizes[0], args.history_editions, workdir)
            if args.memory_folder and args.memory_folder.is_dir():
                print(f"N = {args.sizes[0]}: the same with the cache, in {args.memory_folder}…", file=sys.stderr, flush=True)
                results[0].history_in_memory = history_in_memory(args.sizes[0], args.history_editions, workdir, args.memory_folder)
        if not args.no_serve:
            project = workdir / f"n{args.sizes[0]}" / "ours"
            for label, serve_args, language in SERVE_MODES:
                print(f"N = {args.sizes[0]}: {label}", file=sys.stderr, flush=True)
                results[0].serve[label] = serve_edit(project, *serve_args, language=language)
        print(table(results))
        if results[0].plugin_costs:
            print()
            print(costs_table(results))
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
