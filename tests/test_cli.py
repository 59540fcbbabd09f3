"""The ``travel-advice`` command, run as editors run it on a copy of the content (in this process, but for two tests)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from travel_advice.cli.main import FEED_URL
from travel_advice.cli.scaffold import scaffold_advisory
from travel_advice.core import yaml_source

from .conftest import BUILD_DATE, FIXTURES, ROOT, run_build, run_cli

TODAY = BUILD_DATE  # the shipped content is valid on the date the test builds use
GAC = FIXTURES / "gac"
FEED_PATH = "/travel-voyage/index-updated.json"


cli = run_cli
"""``travel-advice ARGS`` in ``cwd``, without the build-date variable, in this process; the installed
command and ``python -m travel_advice.cli.main`` run as subprocesses in two tests below."""


def lines(text: str) -> list[str]:
    return text.splitlines()


def no_traceback(result: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in result.stdout + result.stderr


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A folder holding a copy of the shipped advisories."""
    shutil.copytree(ROOT / "advisories", tmp_path / "advisories")
    return tmp_path


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A folder holding one fixture advisory, advisories/pt.yml."""
    shutil.copytree(FIXTURES / "advisories", tmp_path / "advisories")
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


# ---------------------------------------------------------------- help and entry points


def test_help_names_the_three_commands_in_plain_words(tmp_path):
    result = cli(tmp_path, "--help")
    assert result.returncode == 0
    for expected in ("check advisories before you commit", "start the advisory of a new destination", "update levels and dates from the open-data feed"):
        assert expected in result.stdout
    check_help = cli(tmp_path, "check", "--help").stdout
    assert "same rules as the site build" in check_help and "--stale-days N" in check_help


def test_without_a_command_help_is_shown_and_exit_is_2(tmp_path):
    result = cli(tmp_path)
    assert result.returncode == 2 and "check" in result.stderr and no_traceback(result)


def test_installed_console_script_runs_check(shipped):
    script = shutil.which("travel-advice")
    assert script is not None, "pip install -e . installs the travel-advice command"
    result = subprocess.run([script, "check", "--today", TODAY], cwd=shipped, capture_output=True, text=True, check=False)
    count = len(list((shipped / "advisories").glob("[!_]*.yml")))
    assert result.returncode == 0, result.stdout
    assert lines(result.stdout)[-1].startswith(f"{count} advisory files checked: ")
    assert " 0 errors" in lines(result.stdout)[-1] or "checked: no problems" in lines(result.stdout)[-1]


# ---------------------------------------------------------------- check


def test_check_of_valid_content_exits_0(small):
    result = cli(small, "check", "--today", TODAY)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1 advisory file checked: no problems\n", "")


def test_check_reports_the_same_errors_as_the_build(small):
    project = small
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    pt = project / "advisories" / "pt.yml"
    edit(pt, "level: 1\n", "level: 9\n")
    edit(pt, "still_valid: 2026-11-20", "still_valid: 2026-11-31")

    result = cli(project, "check", "--today", TODAY)
    build = run_build(project)

    assert result.returncode == 1 and build.returncode != 0
    errors = lines(result.stdout)[:-1]
    assert errors == [
        "advisories/pt.yml:9: level: 9 is out of range; expected a whole number from 1 to 4 (1 Take normal security precautions, 2 Exercise a high degree of caution, 3 Avoid non-essential travel, 4 Avoid all travel)",
        "advisories/pt.yml:12: still_valid: '2026-11-31' is not a valid date; expected YYYY-MM-DD",
    ]
    assert [line for line in lines(build.output) if line.startswith("advisories/")] == errors
    assert lines(result.stdout)[-1] == "1 advisory file checked: 2 errors, 0 warnings"


def test_check_only_the_files_named(small):
    folder = small / "advisories"
    (folder / "xx.yml").write_text("code: [broken\n", encoding="utf-8")
    assert cli(small, "check", "--today", TODAY, "advisories/pt.yml").returncode == 0
    everything = cli(small, "check", "--today", TODAY)
    assert everything.returncode == 1
    assert lines(everything.stdout)[0].startswith("advisories/xx.yml:2: (file): invalid YAML")


def test_absolute_paths_are_shown_relative_to_the_current_folder(small):
    result = cli(small, "check", "--today", TODAY, str(small / "advisories" / "pt.yml"), "--today", "2026-10-01")
    assert result.returncode == 1
    assert lines(result.stdout)[0] == "advisories/pt.yml:11: last_updated: 2026-10-14 is in the future; expected a date on or before 2026-10-01"


def test_missing_file_or_folder_is_a_clear_error(small):
    missing_file = cli(small, "check", "--today", TODAY, "advisories/zz.yml")
    assert missing_file.returncode == 1 and no_traceback(missing_file)
    assert lines(missing_file.stdout) == [
        "advisories/zz.yml:1: (file): cannot read the file (No such file or directory)",
        "1 advisory file checked: 1 error, 0 warnings",
    ]
    missing_folder = cli(small, "check", "--today", TODAY, "--advisories", "nowhere")
    assert missing_folder.returncode == 1 and no_traceback(missing_folder)
    assert lines(missing_folder.stdout)[0] == "nowhere:1: (file): advisories folder not found; expected a folder of <code>.yml files"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--today", "2026-13-01"], "argument --today: '2026-13-01' is not a date; expected YYYY-MM-DD"),
        (["check", "--stale-days", "-3"], "argument --stale-days: '-3' is not a whole number of 0 or more"),
        (["check", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    ],
)
def test_bad_options_exit_2_with_one_clear_line(small, args, message):
    result = cli(small, *args)
    assert result.returncode == 2 and no_traceback(result)
    assert message in lines(result.stderr)[-1]


def test_bad_build_date_variable_is_a_clear_error(small):
    env = {**os.environ, "TRAVEL_ADVICE_BUILD_DATE": "soon"}
    result = subprocess.run([sys.executable, "-m", "travel_advice.cli.main", "check"], cwd=small, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 2 and no_traceback(result)
    assert lines(result.stderr)[-1].endswith("$TRAVEL_ADVICE_BUILD_DATE: 'soon' is not a date; expected YYYY-MM-DD")


def test_stale_review_is_a_warning_that_does_not_fail(small):
    result = cli(small, "check", "--today", "2027-01-15")
    assert result.returncode == 0
    assert lines(result.stdout) == [
        "advisories/pt.yml:12: warning: still_valid: 2026-11-20 is 56 days old; expected a review at least every 30 days (review the advisory, then set still_valid to the review date)",
        "1 advisory file checked: 0 errors, 1 warning",
    ]
    assert cli(small, "check", "--today", "2027-01-15", "--stale-days", "60").stdout == "1 advisory file checked: no problems\n"


def test_french_identical_to_english_is_a_warning(small):
    edit(
        small / "advisories" / "pt.yml",
        "fr: Le Portugal est généralement sûr. Prenez les précautions habituelles contre les vols à la tire dans les lieux achalandés.",
        "fr: Portugal is generally safe. Take normal precautions against petty theft in busy places.",
    )
    result = cli(small, "check", "--today", TODAY)
    assert result.returncode == 0
    assert lines(result.stdout)[0] == "advisories/pt.yml:15: warning: summary.fr: French text is identical to the English text; expected a translation"


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args], cwd=repo, check=True, capture_output=True)


def test_level_change_without_change_log_entry_is_a_warning(small):
    git(small, "init", "-q")
    git(small, "add", "advisories")
    git(small, "commit", "-q", "-m", "Portugal")
    pt = small / "advisories" / "pt.yml"
    edit(pt, "level: 1\n", "level: 2\n")

    result = cli(small, "check", "--today", TODAY)
    assert result.returncode == 0
    assert lines(result.stdout) == [
        "advisories/pt.yml:9: warning: level: changed from 1 to 2 since the last commit without a change-log entry; expected an 'updates' entry dated after 2026-10-14",
        "1 advisory file checked: 0 errors, 1 warning",
    ]

    edit(pt, "updates:\n", "updates:\n  - date: 2026-11-24\n    en: Level raised after wildfires.\n    fr: Niveau relevé après des feux de forêt.\n")
    assert cli(small, "check", "--today", TODAY).stdout == "1 advisory file checked: no problems\n"


def test_no_level_warning_outside_git_or_for_a_new_file(small):
    edit(small / "advisories" / "pt.yml", "level: 1\n", "level: 2\n")
    assert cli(small, "check", "--today", TODAY).stdout == "1 advisory file checked: no problems\n"  # not a git repository
    git(small, "init", "-q")
    assert cli(small, "check", "--today", TODAY).stdout == "1 advisory file checked: no problems\n"  # not committed yet


def test_json_format_for_programs(small):
    pt = small / "advisories" / "pt.yml"
    edit(pt, "level: 1\n", "level: 9\n")
    result = cli(small, "check", "--today", "2027-01-15", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert {k: document[k] for k in ("files_checked", "errors", "warnings")} == {"files_checked": 1, "errors": 1, "warnings": 0}
    (problem,) = document["problems"]
    assert problem["file"] == "advisories/pt.yml" and problem["line"] == 9
    assert problem["field"] == "level" and problem["severity"] == "error"
    assert problem["message"].startswith("9 is out of range")

    edit(pt, "level: 9\n", "level: 1\n")
    warning = json.loads(cli(small, "check", "--today", "2027-01-15", "--format", "json").stdout)
    assert warning["warnings"] == 1 and warning["problems"][0]["severity"] == "warning"


def test_github_format_annotates_lines(small):
    warning = cli(small, "check", "--today", "2027-01-15", "--format", "github")
    assert warning.returncode == 0
    assert lines(warning.stdout)[0].startswith("::warning file=advisories/pt.yml,line=12::still_valid: 2026-11-20 is 56 days old")
    edit(small / "advisories" / "pt.yml", "level: 1\n", "level: 9\n")
    error = cli(small, "check", "--today", "2027-01-15", "--format", "github")
    assert error.returncode == 1
    assert lines(error.stdout)[0].startswith("::error file=advisories/pt.yml,line=9::level: 9 is out of range")


def test_a_named_banner_is_checked_as_a_banner(small):
    banner = small / "advisories" / "_banner.yml"
    banner.write_text(
        "title: {en: Wildfires, fr: Feux de forêt}\ntext: {en: Roads are closed., fr: Les routes sont fermées.}\n"
        "start: 2026-11-20\nend: 2026-11-10\ndestinations: [PT, MX]\n",
        encoding="utf-8",
    )
    result = cli(small, "check", "--today", TODAY, "advisories/_banner.yml", "advisories/pt.yml")
    assert result.returncode == 1
    assert lines(result.stdout) == [
        "advisories/_banner.yml:4: end: 2026-11-10 is before start (2026-11-20); expected an end date on or after the start date",
        "advisories/_banner.yml:5: destinations[1]: 'MX' has no advisory; expected the code of a published destination",
        "2 advisory files checked: 2 errors, 0 warnings",
    ]


def test_shipped_content_passes_check(shipped):
    result = cli(shipped, "check", "--today", TODAY)
    assert result.returncode == 0, result.stdout
    assert no_traceback(result)


# ---------------------------------------------------------------- new


def test_new_writes_the_scaffold_and_says_what_to_fill(small):
    result = cli(small, "new", "mx", "--today", "2026-11-24")
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [
        "Created advisories/mx.yml for Mexico / Mexique.",
        'Write every "" in English (en) and French (fr): capital, summary, the six sections and the first change-log entry.',
        "Choose the level (1 to 4); add indicators, regional advisories and offices if they apply.",
        "It is a draft, never published: delete its 'status: draft' line when it is ready. "
        "To see what it lacks: travel-advice check --publishable advisories/mx.yml",
    ]
    path = small / "advisories" / "mx.yml"
    assert path.read_text(encoding="utf-8") == scaffold_advisory("MX", date(2026, 11, 24))
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json\n")

    assert cli(small, "check", "--today", "2026-11-24", "advisories/mx.yml").returncode == 0  # a draft
    check = cli(small, "check", "--today", "2026-11-24", "--publishable", "advisories/mx.yml")
    assert check.returncode == 1  # an unedited skeleton is never published
    errors = lines(check.stdout)[:-2]
    assert "advisories/mx.yml:14: level: expected a whole number, found nothing" in errors
    assert all(line.endswith(("is empty; expected text", "found nothing")) for line in errors)


def test_new_with_a_level(small):
    assert cli(small, "new", "JP", "--level", "2", "--today", TODAY).returncode == 0
    data = yaml_source.read(small / "advisories" / "jp.yml").data
    assert data["level"] == 2 and data["code"] == "JP"


def test_new_refuses_to_overwrite(small):
    pt = small / "advisories" / "pt.yml"
    before = pt.read_bytes()
    result = cli(small, "new", "PT", "--today", TODAY)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr == "error: advisories/pt.yml already exists; nothing written (edit it, or delete it first to start again)\n"
    assert pt.read_bytes() == before


def test_new_subdivision_leaves_its_name_to_write(small):
    result = cli(small, "new", "PT-20", "--level", "1", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[:2] == [
        "Created advisories/pt-20.yml for PT-20, a subdivision of Portugal / Portugal.",
        "CLDR names countries only: write the subdivision's name, in English and French, first.",
    ]
    path = small / "advisories" / "pt-20.yml"
    assert yaml_source.read(path).data["name"] == {"en": "", "fr": ""}
    check = cli(small, "check", "--today", TODAY, "--publishable", "advisories/pt-20.yml")
    assert check.returncode == 1  # an unedited skeleton is never published
    assert "advisories/pt-20.yml:8: name.en: is empty; expected text" in lines(check.stdout)


@pytest.mark.parametrize("code", ["ZZ", "EU", "MEX", "1A", "PT-", "pt20", "ZZ-01"])
def test_new_rejects_an_unknown_code(small, code):
    result = cli(small, "new", code, "--today", TODAY)
    assert result.returncode == 1 and no_traceback(result)
    assert result.stderr == (
        f"error: unknown destination code '{code}': expected an ISO 3166-1 alpha-2 code known to CLDR, e.g. MX, "
        "or an ISO 3166-2 subdivision code of one, e.g. PT-20\n"
    )
    assert sorted(p.name for p in (small / "advisories").iterdir()) == ["pt.yml"]


def test_new_without_the_advisories_folder(tmp_path):
    result = cli(tmp_path, "new", "MX", "--today", TODAY)
    assert result.returncode == 1
    assert result.stderr == "error: advisories: advisories folder not found; run the command in the project folder or give --advisories DIR\n"


# ---------------------------------------------------------------- import


def recorded_feed() -> dict:
    return json.loads((GAC / "index-alpha-eng.2014-trimmed.json").read_text(encoding="utf-8"))


@pytest.fixture
def two_advisories(tmp_path: Path) -> Path:
    """Copies of the shipped Mexico and France advisories, as editors wrote them."""
    (tmp_path / "advisories").mkdir()
    for name in ("mx.yml", "fr.yml"):
        shutil.copy(ROOT / "advisories" / name, tmp_path / "advisories" / name)
    return tmp_path


def level_of(path: Path) -> int:
    return yaml_source.read(path).data["level"]


def republished(folder: Path, day: str | None = None) -> tuple[dict, int]:
    """The recorded feed republished on ``day`` (default: Mexico's still-valid date): Mexico one level up, France unchanged."""
    feed = recorded_feed()
    mx = yaml_source.read(folder / "mx.yml").data
    mx_level = mx["level"] % 4 + 1
    feed["data"]["MX"]["advisory-state"] = mx_level - 1
    day = day or mx["still_valid"]
    feed["data"]["MX"]["date-published"] = {"timestamp": 0, "date": f"{day} 10:00:00", "asp": f"{day}T10:00:00"}
    feed["data"]["FR"]["advisory-state"] = level_of(folder / "fr.yml") - 1
    feed["metadata"]["generated"] = {"timestamp": 0, "date": f"{day} 11:00:00"}
    return feed, mx_level


def test_import_updates_levels_and_dates_and_keeps_the_prose(httpserver, two_advisories):
    folder = two_advisories / "advisories"
    feed, new_level = republished(folder)
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    url = httpserver.url_for(FEED_PATH)
    mx = folder / "mx.yml"
    old_text, old_level = mx.read_text(encoding="utf-8"), level_of(mx)
    old_date, day = (yaml_source.read(mx).data[key] for key in ("last_updated", "still_valid"))
    fr_before = (folder / "fr.yml").read_bytes()

    result = cli(two_advisories, "import", "--url", url, "--today", TODAY)

    assert result.returncode == 0, result.stderr
    assert lines(result.stdout) == [
        f"updated advisories/mx.yml: level {old_level} -> {new_level}; change-log entry added; last_updated {old_date} -> {day}",
        "4 destinations of the feed without an advisory file (--create-missing writes them)",
        f"Imported {url}: 1 advisory updated, 0 created",
    ]
    new_text = mx.read_text(encoding="utf-8")
    data = yaml_source.parse(new_text).data
    assert data["level"] == new_level and data["last_updated"] == day
    assert data["updates"][0]["date"] == day and "Risk level changed from" in data["updates"][0]["en"]
    removed = set(old_text.splitlines()) - set(new_text.splitlines())
    assert removed == {f"level: {old_level}", f"last_updated: {old_date}"}  # prose, comments and layout untouched
    assert (folder / "fr.yml").read_bytes() == fr_before  # same level, older feed date: nothing to do
    assert cli(two_advisories, "check", "--today", TODAY).returncode == 0


def test_import_keeps_still_valid_on_or_after_last_updated(httpserver, two_advisories):
    """A feed date after still_valid moves both dates: the imported file passes check at once."""
    folder = two_advisories / "advisories"
    feed, _ = republished(folder, "2026-11-24")
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    result = cli(two_advisories, "import", "--url", httpserver.url_for(FEED_PATH), "--today", TODAY)
    assert result.returncode == 0 and no_traceback(result)
    data = yaml_source.read(folder / "mx.yml").data
    assert data["last_updated"] == data["still_valid"] == "2026-11-24"
    assert cli(two_advisories, "check", "--today", TODAY).returncode == 0


def test_import_dry_run_prints_the_diff_only(httpserver, two_advisories):
    folder = two_advisories / "advisories"
    feed, new_level = republished(folder)
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    old_level = level_of(folder / "mx.yml")
    before = snapshot(folder)

    result = cli(two_advisories, "import", "--url", httpserver.url_for(FEED_PATH), "--dry-run", "--today", TODAY)

    assert result.returncode == 0
    assert result.stdout.startswith("--- a/mx.yml\n+++ b/mx.yml\n@@ ")
    assert f"\n-level: {old_level}\n+level: {new_level}\n" in result.stdout
    assert all(line[:1] in "-+@ " for line in lines(result.stdout))  # a diff and nothing else
    assert result.stderr == "dry run: nothing written; 1 file would change\n"
    assert snapshot(folder) == before


def test_import_can_create_the_missing_destinations(httpserver, two_advisories):
    folder = two_advisories / "advisories"
    feed, _ = republished(folder)
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    result = cli(two_advisories, "import", "--url", httpserver.url_for(FEED_PATH), "--create-missing", "--today", TODAY)
    assert result.returncode == 0, result.stderr
    assert "created advisories/af.yml at level 4: write its text, then run travel-advice check" in lines(result.stdout)
    assert "created advisories/pt-20.yml at level 1: write its text, then run travel-advice check" in lines(result.stdout)
    assert lines(result.stdout)[-1].endswith(": 1 advisory updated, 4 created")
    assert sorted(p.name for p in folder.iterdir()) == ["af.yml", "fr.yml", "mx.yml", "pt-20.yml", "vc.yml", "vg.yml"]


def test_the_2014_index_is_refused_over_the_shipped_advisories(httpserver, shipped):
    """The 2014 feed would lower Ukraine, Mali and Haiti from level 4: refused, in a dry run too."""
    feed = json.loads((GAC / "index-alpha-eng.2014.json").read_text(encoding="utf-8"))
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    url = httpserver.url_for(FEED_PATH)
    before = snapshot(shipped / "advisories")
    for extra in ((), ("--dry-run",)):
        result = cli(shipped, "import", "--url", url, "--today", TODAY, *extra)
        assert (result.returncode, result.stdout) == (1, "") and no_traceback(result)
        assert result.stderr.startswith(f"error: {url}: the feed was generated on 2014-10-02, before the newest advisory (advisories/")
    assert snapshot(shipped / "advisories") == before


def test_entries_older_than_their_advisory_are_skipped_with_warnings_in_dry_run_too(httpserver, shipped):
    feed = json.loads((GAC / "index-alpha-eng.2014.json").read_text(encoding="utf-8"))
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    url = httpserver.url_for(FEED_PATH)
    folder = shipped / "advisories"
    before = snapshot(folder)
    runs = [cli(shipped, "import", "--url", url, "--today", TODAY, "--allow-older-feed", *extra) for extra in (("--dry-run",), ())]
    for result in runs:
        assert result.returncode == 1 and no_traceback(result)
        warnings = [line for line in lines(result.stderr) if ": warning: level: " in line]
        ukraine = next(line for line in warnings if line.startswith("advisories/ua.yml:"))
        assert "the feed's entry of 2014-07-03 (level 2) is not newer than this advisory (last_updated 2026-11-24" in ukraine
        assert "level 4 kept, entry skipped" in ukraine
        assert {line.split(":")[0] for line in warnings} >= {"advisories/ml.yml", "advisories/ht.yml"}
    assert snapshot(folder) == before  # no level lowered, no date moved
    assert "1 file would change" not in runs[0].stderr and runs[0].stderr.rstrip().endswith("(warnings above)")
    assert lines(runs[1].stdout)[-1] == f"Imported {url}: nothing changed; {len([1 for line in lines(runs[1].stderr) if ': warning: level: ' in line])} entries skipped as not newer than the advisory (warnings above)"


def test_import_help_documents_the_exit_codes():
    result = cli(ROOT, "import", "--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    assert "0 applied" in text and "1 refused or partly skipped" in text and "2 could not run" in text
    assert "--allow-older-feed" in text


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}{FEED_PATH}"


def test_network_failure_is_one_clear_line_and_changes_nothing(two_advisories):
    folder = two_advisories / "advisories"
    before = snapshot(folder)
    url = closed_port_url()
    result = cli(two_advisories, "import", "--url", url, "--retries", "0", "--today", TODAY)
    assert result.returncode == 2 and result.stdout == "" and no_traceback(result)
    (line,) = lines(result.stderr)
    assert line.startswith(f"error: cannot fetch {url}: connection failed")
    assert line.endswith("(after 1 attempt(s)); no file changed")
    assert snapshot(folder) == before


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda feed: feed["data"]["AF"].pop("advisory-state"), "error: invalid feed: 1 problem(s): AF: 'advisory-state' is missing; no file changed"),
        (lambda feed: feed.pop("data"), "error: invalid feed: no 'data' object; expected the index or a per-destination feed; no file changed"),
    ],
)
def test_malformed_feed_is_one_clear_line_and_changes_nothing(httpserver, two_advisories, breakage, message):
    folder = two_advisories / "advisories"
    feed, _ = republished(folder)
    breakage(feed)
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    before = snapshot(folder)
    result = cli(two_advisories, "import", "--url", httpserver.url_for(FEED_PATH), "--create-missing", "--today", TODAY)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message + "\n")
    assert snapshot(folder) == before


def test_feed_that_is_not_json(httpserver, two_advisories):
    httpserver.expect_request(FEED_PATH).respond_with_data("<html>maintenance</html>", content_type="text/html")
    before = snapshot(two_advisories / "advisories")
    url = httpserver.url_for(FEED_PATH)
    result = cli(two_advisories, "import", "--url", url, "--today", TODAY)
    assert result.returncode == 2 and no_traceback(result)
    assert result.stderr.startswith(f"error: invalid feed at {url}: not valid JSON")
    assert snapshot(two_advisories / "advisories") == before


def test_advisory_that_cannot_be_updated_stops_the_whole_import(httpserver, two_advisories):
    folder = two_advisories / "advisories"
    feed, _ = republished(folder)
    httpserver.expect_request(FEED_PATH).respond_with_json(feed)
    (folder / "fr.yml").write_text("code: FR\nlevel: [unclosed\n", encoding="utf-8")
    before = snapshot(folder)
    result = cli(two_advisories, "import", "--url", httpserver.url_for(FEED_PATH), "--today", TODAY)
    assert result.returncode == 1 and no_traceback(result)
    assert lines(result.stderr)[0] == "error: 1 advisory file(s) cannot be updated; no file changed:"
    assert lines(result.stderr)[1].startswith("  advisories/fr.yml: invalid YAML")
    assert snapshot(folder) == before


def test_default_feed_is_the_government_of_canada_index():
    assert FEED_URL == "https://data.international.gc.ca/travel-voyage/index-updated.json"
