"""A content error fails the real build with a precise message, and leaves the output alone."""

from __future__ import annotations

import gc
from pathlib import Path

from .conftest import Build, run_build


def break_advisory(project: Path, old: str, new: str) -> int:
    """Replace text in the fixture advisory; return the line of the change."""
    path = project / "advisories" / "pt.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def previous_output(project: Path) -> dict[str, str]:
    """An output folder as a previous good build would have left it."""
    site = project / "site"
    (site / "destinations").mkdir(parents=True)
    files = {"index.html": "<p>previous build</p>", "destinations/old.html": "<p>kept</p>"}
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    return files


def output_files(project: Path) -> dict[str, str]:
    site = project / "site"
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()}


def test_small_project_builds(small_site: Build) -> None:
    assert small_site.returncode == 0, small_site.output
    assert (small_site.site / "fr" / "destinations" / "pt" / "index.html").is_file()


def test_content_error_fails_before_touching_output(small_project: Path) -> None:
    before = previous_output(small_project)
    line = break_advisory(small_project, "level: 1\n", "level: 7\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "1 problem in the advisories; nothing was built:" in build.output
    assert f"advisories/pt.yml:{line}: level: 7 is out of range; expected a whole number from 1 to 4" in build.output
    assert "Traceback" not in build.output
    assert output_files(small_project) == before


def test_every_problem_is_listed_in_one_run(small_project: Path) -> None:
    level_line = break_advisory(small_project, "level: 1\n", "level: 0\n")
    date_line = break_advisory(small_project, "still_valid: 2026-11-20", "still_valid: 2026-11-31")
    (small_project / "advisories" / "zz.yml").write_text("code: [unclosed\n", encoding="utf-8")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "3 problems in the advisories; nothing was built:" in build.output
    assert f"advisories/pt.yml:{level_line}: level: 0 is out of range" in build.output
    assert f"advisories/pt.yml:{date_line}: still_valid: '2026-11-31' is not a valid date; expected YYYY-MM-DD" in build.output
    assert "advisories/zz.yml:2: (file): invalid YAML:" in build.output
    assert "Traceback" not in build.output


def test_yaml_tags_are_refused_without_running_them(small_project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    line = break_advisory(small_project, "level: 1\n", f"level: !!python/object/apply:os.system ['touch {marker}']\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert f"advisories/pt.yml:{line}: (file): YAML tags such as !!python/object/apply:os.system are not allowed" in build.output
    assert not marker.exists()


def test_a_build_leaves_nothing_frozen_for_the_next(small_project: Path) -> None:
    """The plugin freezes what it loads (``gc.freeze``) for its build only: ``serve``'s rebuilds would pile it up."""
    assert run_build(small_project).returncode == 0
    assert gc.get_freeze_count() == 0
    for lang in ("en", "fr"):
        (small_project / "docs" / f"broken.{lang}.md").write_text("# Broken\n\n<script>alert(1)</script>\n", encoding="utf-8")
    build = run_build(small_project)  # fails once every page is read, after the advisories were loaded
    assert build.returncode == 1 and "<script> is not allowed" in build.output, build.output
    assert gc.get_freeze_count() == 0
