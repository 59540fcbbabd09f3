"""The history's cache (glue/build_cache.py): a second build reuses the first one's archived pages and version
summaries, gives the same site, and a changed input, a damaged cache or ``cache: false`` never shows a stale page."""

from __future__ import annotations

import errno
import filecmp
import os
import re
import shutil
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests import test_history
from tests.conftest import Build, run_build, run_build_subprocess

CACHE = Path(".cache") / "travel-advice"
history_repo = test_history.history_repo
"""The fixture: a project with five editions of an advisory, a revert and a rename."""


def copied_project(history_repo: Path, tmp_path: Path) -> Path:
    """The history fixture's project, copied without its site and cache."""
    project = tmp_path / "project"
    shutil.copytree(history_repo, project, ignore=shutil.ignore_patterns("site", ".cache"))
    return project


def _counts(build: Build) -> tuple[int, int]:
    assert build.returncode == 0, build.output
    made, reused = re.search(r"Archived edition pages: (\d+) made, (\d+) reused", build.output).groups()
    return int(made), int(reused)


def _edition_pages(site: Path) -> list[Path]:
    return sorted(path.relative_to(site) for path in site.glob("**/history/20*/index.html"))


def _same_site(first: Path, second: Path) -> None:
    pages = _edition_pages(first)
    assert pages == _edition_pages(second) and len(pages) == 10  # five editions, two languages
    _, mismatch, errors = filecmp.cmpfiles(first, second, [str(page) for page in pages], shallow=False)
    assert not mismatch and not errors


def test_second_build_reuses_every_edition_page_and_gives_the_same_site(history_repo: Path, tmp_path: Path) -> None:
    project = copied_project(history_repo, tmp_path)
    assert _counts(run_build(project)) == (10, 0)
    shutil.copytree(project / "site", tmp_path / "first")
    assert (project / CACHE / "history-summaries.marshal").is_file()
    (project / CACHE / "history-versions.marshal").write_bytes(b"kept by an earlier version of the plugin")
    assert _counts(run_build_subprocess(project)) == (0, 10)  # another process: keys hold no object's address
    _same_site(tmp_path / "first", project / "site")
    assert not (project / CACHE / "history-versions.marshal").exists()
    history_pages = ["destinations/pt/history/index.html", "fr/destinations/pt/history/index.html"]  # their Markdown kept, not made again
    assert filecmp.cmpfiles(tmp_path / "first", project / "site", history_pages, shallow=False)[0] == history_pages


def test_reused_pages_are_the_kept_files_read_only_and_a_rebuild_never_writes_into_them(history_repo: Path, tmp_path: Path) -> None:
    project = copied_project(history_repo, tmp_path)
    run_build(project)
    assert _counts(run_build(project)) == (0, 10)
    kept = {path.read_bytes(): path for path in (project / CACHE / "pages").iterdir()}
    site = project / "site"
    for page in _edition_pages(site):
        published = site / page
        assert os.path.samefile(published, kept[published.read_bytes()])  # one file, two names: no copy
        assert stat.S_IMODE(published.stat().st_mode) & 0o222 == 0
    config = project / "mkdocs.yml"  # the English pages made again, under new keys: no old file written into
    config.write_text(config.read_text("utf-8").replace("site_name: Travel Advice and Advisories", "site_name: Another name"), "utf-8")
    old = {page: (site / page).read_bytes() for page in _edition_pages(site)}
    assert _counts(run_build(project)) == (5, 5)
    assert all(not path.exists() or path.read_bytes() == content for content, path in kept.items())
    assert sum((site / page).read_bytes() != content for page, content in old.items()) == 5
    assert _counts(run_build(project)) == (0, 10)


def test_a_cache_on_another_file_system_is_copied_from(history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copied_project(history_repo, tmp_path)
    run_build(project)
    shutil.copytree(project / "site", tmp_path / "first")

    def cross_device(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", cross_device)
    assert _counts(run_build(project)) == (0, 10)
    _same_site(tmp_path / "first", project / "site")
    page = project / "site" / _edition_pages(project / "site")[0]
    assert page.stat().st_nlink == 1


def test_a_changed_site_name_remakes_every_edition_page(history_repo: Path, tmp_path: Path) -> None:
    project = copied_project(history_repo, tmp_path)
    run_build(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: Travel Advice and Advisories", "site_name: Advice <b>renamed</b>"), "utf-8")
    assert _counts(run_build(project)) == (5, 5)  # the English pages: the French site's name did not change
    page = (project / "site" / "destinations" / "pt" / "history" / "2026-03-01" / "index.html").read_text("utf-8")
    assert "Advice &lt;b&gt;renamed&lt;/b&gt;" in page and "Travel Advice and Advisories" not in page
    assert len(list((project / CACHE / "pages").iterdir())) == 10 + 2  # the replaced pages dropped; a history page each language


def test_a_damaged_cache_is_rebuilt_not_trusted(history_repo: Path, tmp_path: Path) -> None:
    project = copied_project(history_repo, tmp_path)
    run_build(project)
    shutil.copytree(project / "site", tmp_path / "first")
    (project / CACHE / "history-summaries.marshal").write_bytes(b"\x00not marshal")
    kept = [path for path in (project / CACHE / "pages").iterdir() if path.read_text("utf-8").startswith("<!doctype html>")]
    kept[0].unlink()
    assert _counts(run_build(project)) == (1, 9)
    _same_site(tmp_path / "first", project / "site")
    (project / CACHE / "history-summaries.marshal").write_bytes(b"")
    assert _counts(run_build(project)) == (0, 10)


def test_cache_false_keeps_nothing(history_repo: Path, tmp_path: Path) -> None:
    project = copied_project(history_repo, tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - travel-advice:\n", "  - travel-advice:\n      cache: false\n"), "utf-8")
    assert _counts(run_build(project)) == (10, 0)
    assert _counts(run_build(project)) == (10, 0)
    assert not (project / ".cache").exists()


def test_summarised_versions_are_read_from_git_only_for_an_advisory_asked_for(history_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from travel_advice.core import history

    moment = datetime(2026, 11, 25, tzinfo=UTC)
    summaries: dict = {}
    first = history.read_history(history_repo / "advisories", moment, summaries)
    assert len(summaries) == 4  # five editions: the revert brings back the third one's file (and the rename keeps it)
    read: list[set[str]] = []
    original = history._read_blobs
    monkeypatch.setattr(history, "_read_blobs", lambda top, blobs: read.append(set(blobs)) or original(top, blobs))
    again = history.read_history(history_repo / "advisories", moment, summaries)
    assert again == first and not any(read)  # the timeline, feeds and settling read the summaries only
    assert history.national_periods(again.of("PT")) == history.national_periods(first.of("PT"))
    assert [e.advisory for e in again.of("PT")] == [e.advisory for e in first.of("PT")]
    assert [blobs for blobs in read if blobs] == [set(summaries)]  # every version of the destination, in one read
    summaries["0" * 40] = None  # a version no longer in the history is dropped
    kept = {blob: summary.kept() for blob, summary in summaries.items() if summary}
    history.read_history(history_repo / "advisories", moment, summaries)
    assert "0" * 40 not in summaries and len(summaries) == 4
    assert all(history.Summary.from_kept(value) == summaries[blob] for blob, value in kept.items())
    damaged = [
        ("PT", "4", (), None, None, "x"), ("PT", True, (), None, None, "x"), ("PT", 4, [["a", "b", 1]], None, None, "x"),
        ("PT", 4, (("a", "b", "1"),), None, None, "x"), ("PT", 4, (), ("2026-01-01", "a", "b", 1, None), None, "x"),
        ("PT", 4, (), ("2026-01-01", "a", "b", False), None, "x"), ("PT", 4, (), None, 20260101, "x"), ("PT", 4, (), None), None, "PT",
    ]
    assert [history.Summary.from_kept(value) for value in damaged] == [None] * len(damaged)  # not kept values: read from git again


def test_an_old_version_git_no_longer_gives_stops_the_build_with_a_clear_error(
    history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from travel_advice.core import history

    project = copied_project(history_repo, tmp_path)
    assert _counts(run_build(project)) == (10, 0)
    shutil.copytree(project / "site", tmp_path / "first")
    shutil.rmtree(project / CACHE / "pages")  # the pages must be made again, from the old versions' advisories
    monkeypatch.setattr(history, "_read_blobs", lambda top, blobs: {})
    build = run_build(project)
    assert build.returncode == 1 and "Traceback" not in build.output, build.output
    assert "could not be read from git again (git cat-file failed); build again" in build.output
    _same_site(tmp_path / "first", project / "site")  # the last good site stays


def test_a_tampered_summary_changes_no_text_and_breaks_no_build(history_repo: Path, tmp_path: Path) -> None:
    """A summary's change note only finds an edition's link: what a page or feed says of a change is the edition's own."""
    import marshal

    project = copied_project(history_repo, tmp_path)
    assert run_build(project).returncode == 0
    feeds = {path: re.findall(r"<title>(.*?)</title>", (project / "site" / path).read_text("utf-8")) for path in ("feed.xml", "fr/feed.xml")}
    kept_file = project / CACHE / "history-summaries.marshal"
    salt, kept = marshal.loads(kept_file.read_bytes())
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    kept = {blob: value and (*value[:3], value[3] and (value[3][0], hostile, hostile, False, value[3][4]), *value[4:]) for blob, value in kept.items()}
    kept_file.write_bytes(marshal.dumps((salt, kept)))
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert any("withdrawn" in title.lower() or "retir" in title.lower() for titles in feeds.values() for title in titles)
    assert {path: re.findall(r"<title>(.*?)</title>", (project / "site" / path).read_text("utf-8")) for path in feeds} == feeds
    for path in (project / "site").rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert "alert(" not in path.read_text("utf-8"), path
