"""All or nothing on disk: an import killed between two file replacements, in a process of its own."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from travel_advice.cli.swap import NewText, recover, replace_all

from .conftest import run_cli
from .test_feed_import import FR_YAML, MX_YAML, advisories, recent_feed

# Runs apply_feed on the folder and feed given; every rename announces itself and waits to be killed.
IMPORT = """\
import json, os, sys, time, datetime
from pathlib import Path
from travel_advice.cli.importer import apply_feed, parse_index_feed
real = os.replace
def announced(source, target):
    real(source, target)
    print("replaced", Path(target).name, flush=True)
    if sys.argv[3] == "replaced" and Path(target).name.endswith(".yml"):
        time.sleep(60)
os.replace = announced
write = __import__("travel_advice.cli.swap", fromlist=["_write"])._write
def announced_write(path, *args):
    write(path, *args)
    print("wrote", Path(path).name, flush=True)
    if sys.argv[3] == "wrote" and Path(path).name.startswith(".mx.yml"):
        time.sleep(60)
__import__("travel_advice.cli.swap", fromlist=["_write"])._write = announced_write
entries = parse_index_feed(json.loads(Path(sys.argv[2]).read_text()))
apply_feed(entries, Path(sys.argv[1]), create_missing=False, today=datetime.date(2026, 3, 10), dry_run=False)
"""


def killed_import(folder: Path, feed: Path, stop_after: str) -> list[str]:
    """Run the import until its output has a line starting with ``stop_after``, then SIGKILL it."""
    process = subprocess.Popen([sys.executable, "-c", IMPORT, str(folder), str(feed), stop_after.split()[0]], stdout=subprocess.PIPE, text=True)
    seen = []
    try:
        for line in process.stdout:
            seen.append(line.strip())
            if line.startswith(stop_after):
                break
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert seen and seen[-1].startswith(stop_after), seen
    return seen


@pytest.fixture
def project(tmp_path: Path) -> tuple[Path, Path]:
    folder = advisories(tmp_path, mx=MX_YAML.replace("## ", "### "), fr=FR_YAML)
    feed = tmp_path / "feed.json"
    feed.write_text(json.dumps(recent_feed()), encoding="utf-8")
    return folder, feed


def texts(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def check_passes(folder: Path) -> str:
    result = run_cli(folder.parent, "check", "--today", "2026-03-10")
    assert result.returncode == 0 and result.stdout.splitlines()[-1].startswith("2 advisory files checked: "), result.stdout
    return result.stdout


@pytest.mark.slow
def test_killed_after_the_first_replacement_the_next_start_finishes_it(project):
    folder, feed = project
    seen = killed_import(folder, feed, "replaced fr.yml")
    assert "replaced .import-journal.json" in seen  # the commit point was passed
    warned = check_passes(folder)  # fr.yml new, mx.yml old: each a valid advisory
    assert "advisories/.import-journal.json:1: warning: (file): an import was interrupted (2 file(s) of it left); expected none: run travel-advice import again" in warned
    assert recover(folder) == [f"{folder}: finished an interrupted import (1 of 2 file(s) were still to replace)"]
    assert "interrupted" not in check_passes(folder)
    after = texts(folder)
    assert sorted(after) == ["fr.yml", "mx.yml"]  # no temporary file, no journal
    assert "level: 3" in after["mx.yml"] and "last_updated: '2026-02-27'" in after["fr.yml"]


@pytest.mark.slow
def test_killed_before_the_commit_point_the_next_start_removes_the_temporaries(project):
    folder, feed = project
    before = texts(folder)
    killed_import(folder, feed, "wrote .mx.yml")
    assert len(list(folder.iterdir())) == 4  # two temporaries beside the two advisories
    assert "warning: (file): an import was interrupted (2 file(s) of it left)" in check_passes(folder)  # temporaries are not advisories
    assert recover(folder) == [f"{folder}: removed 2 temporary file(s) of an import interrupted before it replaced anything"]
    assert texts(folder) == before


@pytest.mark.slow
def test_the_import_command_recovers_on_start(project, httpserver):
    folder, feed = project
    killed_import(folder, feed, "replaced fr.yml")
    httpserver.expect_request("/feed.json").respond_with_data(feed.read_bytes(), content_type="application/json")
    result = run_cli(folder.parent, "import", "--url", httpserver.url_for("/feed.json"), "--today", "2026-03-10")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("advisories: finished an interrupted import (1 of 2 file(s) were still to replace)\n")
    assert sorted(texts(folder)) == ["fr.yml", "mx.yml"]


def test_leftovers_of_the_former_importer_are_removed(tmp_path):
    folder = advisories(tmp_path, fr=FR_YAML)
    (folder / ".fr.yml.1a2b3c4d.tmp").write_text("partial", encoding="utf-8")
    (folder / ".keep-me.txt").write_text("an editor's file", encoding="utf-8")
    assert recover(folder) == [f"{folder}: removed 1 temporary file(s) of an import interrupted before it replaced anything"]
    assert sorted(p.name for p in folder.iterdir()) == [".keep-me.txt", "fr.yml"]


def test_a_file_changed_during_the_run_stops_every_replacement(tmp_path):
    folder = advisories(tmp_path, fr=FR_YAML, mx=MX_YAML)
    texts_ = [NewText(folder / "fr.yml", FR_YAML, "new fr", "\n", None), NewText(folder / "mx.yml", "something else", "new mx", "\n", None)]
    with pytest.raises(Exception, match="mx.yml"):
        replace_all(folder, texts_)
    assert texts(folder) == {"fr.yml": FR_YAML, "mx.yml": MX_YAML}
