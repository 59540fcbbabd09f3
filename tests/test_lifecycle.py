"""The editorial lifecycle: drafts, minor changes, scheduled editions, reviews, the daily build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Build, run_build, unexpected_warnings

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark  # noqa: E402

DRAFT = ROOT / "advisories" / "de.yml"
LANGS = {"en": "", "fr": "fr/"}


def cli(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``travel-advice ARGS`` in ``cwd``, without the build-date variable."""
    environ = {k: v for k, v in os.environ.items() if k != "TRAVEL_ADVICE_BUILD_DATE"} | (env or {})
    command = [sys.executable, "-m", "travel_advice.cli.main", *args]
    return subprocess.run(command, cwd=cwd, env=environ, capture_output=True, text=True, check=False)


def every_output(build: Build) -> dict[str, str]:
    """Every text file of a built site, by its path in the site."""
    return {
        p.relative_to(build.site).as_posix(): p.read_text("utf-8")
        for p in build.site.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".txt")
    }


# ---------------------------------------------------------------- drafts


@pytest.fixture
def with_drafts(small_project: Path) -> Path:
    """The small project with the shipped complete draft (DE) and an unedited ``travel-advice new`` draft (JP)."""
    shutil.copy(DRAFT, small_project / "advisories" / "de.yml")
    assert cli(small_project, "new", "JP", "--today", "2026-11-25").returncode == 0
    return small_project


def test_drafts_are_absent_from_every_output_of_a_strict_build(with_drafts: Path) -> None:
    build = run_build(with_drafts)
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    assert "advisories/de.yml: draft, not published" in build.output
    assert "advisories/jp.yml: draft, not published; 19 field(s) to complete" in build.output
    outputs = every_output(build)
    assert not [p for p in outputs if "/de/" in p or "/jp/" in p or p.endswith(("de.json", "jp.json"))]
    for path, text in outputs.items():
        for word in ("Germany", "Allemagne", "Japan", "Japon", '"DE"', '"JP"', "destinations/de/", "destinations/jp/"):
            assert word not in text, (path, word)
    # and the published destination is all there: pages, feed, open data, sitemap, search index
    for prefix in LANGS.values():
        assert "destinations/pt/" in outputs[f"{prefix}search/search_index.full.json"]
        assert "<entry>" in outputs[f"{prefix}feed.xml"]
    assert "destinations/pt/" in outputs["sitemap.xml"]
    assert [a["code"] for a in json.loads(outputs["data/advisories.json"])["advisories"]] == ["PT"]


def test_serve_shows_a_complete_draft_marked_in_both_languages(with_drafts: Path, tmp_path: Path) -> None:
    port = benchmark.free_port()
    url = f"http://127.0.0.1:{port}/{{prefix}}destinations/de/"
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=with_drafts, env=benchmark.ENV, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            marks = {"": "Draft — not published", "fr/": "Ébauche — non publiée"}
            for prefix, mark in marks.items():
                benchmark.wait_for(lambda p=prefix, m=mark: benchmark.page_contains(url.format(prefix=p), m), 120, "the draft")
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "advisories/de.yml: draft, not published; shown in this preview" in log_path.read_text()


def test_check_lists_drafts_apart_and_says_what_one_lacks(with_drafts: Path) -> None:
    result = cli(with_drafts, "check", "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "advisories/de.yml: draft, not published: complete; delete its 'status: draft' line to publish it",
        "advisories/jp.yml: draft, not published: 19 fields to complete (travel-advice check --publishable advisories/jp.yml)",
        "3 advisory files checked: no problems; 2 drafts (not published)",
    ]
    publishable = cli(with_drafts, "check", "--today", "2026-11-25", "--publishable", "advisories/jp.yml")
    assert publishable.returncode == 1
    lacking = publishable.stdout.splitlines()[:-2]
    assert len(lacking) == 19 and "advisories/jp.yml:14: level: expected a whole number, found nothing" in lacking
    assert publishable.stdout.splitlines()[-1] == "1 advisory file checked: 19 errors, 0 warnings; 1 draft (not published)"
    assert cli(with_drafts, "check", "--today", "2026-11-25", "--publishable", "advisories/de.yml").returncode == 0
    document = json.loads(cli(with_drafts, "check", "--today", "2026-11-25", "--format", "json").stdout)
    assert document["drafts"] == [
        {"file": "advisories/de.yml", "code": "DE", "lacking": 0},
        {"file": "advisories/jp.yml", "code": "JP", "lacking": 19},
    ]


def test_a_draft_is_still_checked_for_its_structure(with_drafts: Path) -> None:
    path = with_drafts / "advisories" / "de.yml"
    path.write_text(path.read_text("utf-8").replace("level: 1", "level: one\ncolour: red"), "utf-8")
    result = cli(with_drafts, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "advisories/de.yml:9: level: expected a whole number, found text",
        "advisories/de.yml:10: colour: unknown field; expected one of: also_known_as, capital, code, emergency, "
        "indicators, last_updated, level, name, offices, publish_at, regions, sections, status, still_valid, summary, updates",
    ]
    build = run_build(with_drafts)
    assert build.returncode == 1 and "advisories/de.yml:9: level: expected a whole number, found text" in build.output


# ---------------------------------------------------------------- minor changes

MINOR_ENTRY = """updates:
  - date: 2026-11-24
    minor: true
    en: Fixed a typo in the wildfire section.
    fr: Correction d’une coquille dans la section sur les feux de forêt.
"""


def add_minor_entry(project: Path, level: int | None = None) -> Path:
    path = project / "advisories" / "pt.yml"
    text = path.read_text("utf-8").replace("updates:\n", MINOR_ENTRY, 1)
    if level is not None:
        text = text.replace("level: 1\n", f"level: {level}\n", 1)
    path.write_text(text, "utf-8")
    return path


def test_a_minor_change_is_on_the_page_only(small_project: Path) -> None:
    add_minor_entry(small_project)
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    outputs = every_output(build)
    for lang, prefix in LANGS.items():
        note = "Fixed a typo" if lang == "en" else "Correction d’une coquille"
        page = outputs[f"{prefix}destinations/pt/index.html"]
        assert note in page and ("(minor change)" if lang == "en" else "(modification mineure)") in page
        assert 'datetime="2026-10-14"' in page.split("ta-banner__dates")[1][:200]  # last_updated did not move
        for path in (f"{prefix}feed.xml", f"{prefix}destinations/pt/feed.xml", f"{prefix}destinations/latest/index.html"):
            assert note not in outputs[path], path
            assert ("Added the Azores" if lang == "en" else "Ajout de l’avis régional") in outputs[path], path
        assert "2026-11-24" not in outputs[f"{prefix}feed.xml"]
    assert "Fixed a typo" not in outputs["data/advisories.json"] and "2026-10-14" in outputs["data/advisories.json"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args], cwd=repo, check=True, capture_output=True)


def test_a_level_change_in_a_minor_change_is_a_check_error(small_project: Path) -> None:
    git(small_project, "init", "-q")
    git(small_project, "add", "advisories")
    git(small_project, "commit", "-q", "-m", "Portugal")
    add_minor_entry(small_project, level=2)
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "advisories/pt.yml:9: level: changed from 1 to 2 in a minor change; expected a major change-log entry "
        "(without minor: true): a new level must reach the feeds and the latest updates"
    )


def test_a_minor_change_does_not_move_last_updated(small_project: Path) -> None:
    path = add_minor_entry(small_project)
    path.write_text(path.read_text("utf-8").replace("last_updated: 2026-10-14", "last_updated: 2026-11-24").replace("still_valid: 2026-11-20", "still_valid: 2026-11-24"), "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "advisories/pt.yml:11: warning: last_updated: 2026-11-24 is the date of a minor change only; expected the date "
        "of the last major change (2026-10-14): a minor change does not move last_updated"
    )
    text = path.read_text("utf-8").replace("updates:\n", "updates:\n  - {date: 2026-07-01, minor: true, en: Typo., fr: Coquille.}\n")
    text = re.sub(r"  - date: 2026-(10-14|07-02)\n", r"  - minor: true\n    date: 2026-\1\n", text)
    path.write_text(text, "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1 and "updates: every entry is minor (minor: true); expected at least one major entry" in result.stdout
