"""Shared fixtures: build real sites into temporary folders and read what they produce."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUILD_DATE = "2026-11-25"


@dataclass
class Build:
    """A finished ``mkdocs build`` run."""

    project: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.project / "site"

    def page(self, path: str) -> str:
        """Text of a built file, e.g. ``page('fr/destinations/mx/index.html')``."""
        return (self.site / path).read_text(encoding="utf-8")


def run_build(project: Path, *args: str, build_date: str = BUILD_DATE) -> Build:
    """Run ``mkdocs build --strict`` on a project folder, as an editor would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": build_date}
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    return Build(project, completed.returncode, completed.stdout + completed.stderr)


def copy_project(destination: Path, advisories: Path | None = None) -> Path:
    """Copy the shipped site sources (or other advisories) into ``destination``."""
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", destination / "docs")
    shutil.copytree(advisories or ROOT / "advisories", destination / "advisories")
    return destination


def unexpected_warnings(output: str) -> list[str]:
    """Log lines at WARNING or above: a clean build has none."""
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped example content, built once for the whole session."""
    build = run_build(copy_project(tmp_path_factory.mktemp("shipped")))
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The shipped docs with one small fixture advisory, ready to be broken by a test."""
    return copy_project(tmp_path, advisories=FIXTURES / "advisories")
