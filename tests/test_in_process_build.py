"""Tests build sites inside the pytest process (conftest.run_build): the same site and the same
messages as ``mkdocs build --strict`` in a new process, which is what editors and CI run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import FIXTURES, Build, copy_project, run_build, run_build_subprocess, with_example_history

pytestmark = pytest.mark.slow


def files(build: Build) -> dict[str, bytes]:
    return {path.relative_to(build.site).as_posix(): path.read_bytes() for path in sorted(build.site.rglob("*")) if path.is_file()}


def messages(build: Build) -> list[str]:
    """Log lines without the project folder and the timing, sorted: a subprocess's output is read
    as its standard output then its standard error, the runner's as they were written."""
    text = build.output.replace(str(build.project), "<project>").replace(build.project.name, "<name>")
    return sorted(re.sub(r"built in [0-9.]+ seconds", "built in … seconds", line) for line in text.splitlines())


def test_in_process_builds_equal_subprocess_builds(shipped_site: Build, tmp_path: Path) -> None:
    """The first in-process build and a later one, with the templates compiled and theme files listed by earlier builds."""
    (tmp_path / "alone").mkdir()
    (tmp_path / "again").mkdir()
    alone = run_build_subprocess(with_example_history(copy_project(tmp_path / "alone")))
    again = run_build(with_example_history(copy_project(tmp_path / "again")))
    assert alone.returncode == shipped_site.returncode == again.returncode == 0, alone.output
    assert messages(shipped_site) == messages(alone) == messages(again)
    assert files(shipped_site) == files(alone) == files(again)


def test_a_failed_build_says_the_same_in_process(tmp_path: Path) -> None:
    projects = []
    for name in ("in-process", "subprocess"):
        (tmp_path / name).mkdir()
        projects.append(copy_project(tmp_path / name, advisories=FIXTURES / "advisories"))
        advisory = projects[-1] / "advisories" / "pt.yml"
        advisory.write_text(advisory.read_text("utf-8").replace("level: 1", "level: 9"), encoding="utf-8")
    in_process, alone = run_build(projects[0]), run_build_subprocess(projects[1])
    assert in_process.returncode == alone.returncode == 1
    assert messages(in_process) == messages(alone)
    assert "level: 9 is out of range" in in_process.output
