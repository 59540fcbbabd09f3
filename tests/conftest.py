"""Shared fixtures: build real sites into temporary folders and read what they produce."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import subprocess
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import jinja2
import pytest
from click.testing import CliRunner
from mkdocs.theme import Theme

from travel_advice.glue.template_cache import SharedBytecode

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


_COMPILED_TEMPLATES: SharedBytecode | None = SharedBytecode()
"""The plugin's own cache of compiled templates (glue/template_cache.py), here shared by every in-process build."""
_THEME_GET_ENV = Theme.get_env


def _theme_env_with_compiled_templates(theme: Any) -> jinja2.Environment:
    """MkDocs' ``Theme.get_env``, with the compiled templates shared between builds (a third of a small build's CPU)."""
    env = _THEME_GET_ENV(theme)
    env.bytecode_cache = _COMPILED_TEMPLATES
    return env


_THEME_FILES: dict[tuple[str, ...], list[str]] = {}
_LIST_TEMPLATES = jinja2.FileSystemLoader.list_templates


def _theme_files_listed_once(loader: jinja2.FileSystemLoader) -> list[str]:
    """Jinja's list of a theme's files (Material ships thousands of icons), listed once per set of theme
    folders outside the project being built; a project's own theme folder is listed at every build."""
    folders = tuple(map(str, loader.searchpath))
    if any(Path(folder).resolve().is_relative_to(Path.cwd().resolve()) for folder in folders):
        return _LIST_TEMPLATES(loader)
    if folders not in _THEME_FILES:
        _THEME_FILES[folders] = _LIST_TEMPLATES(loader)
    return list(_THEME_FILES[folders])


def run_build(project: Path, *args: str, build_date: str = BUILD_DATE, env: Mapping[str, str] | None = None) -> Build:
    """Run ``mkdocs build --strict`` on a project folder, as an editor would, inside this process.

    MkDocs' own command line (``mkdocs.__main__.cli``) runs through Click's test runner in the
    project folder (``sys.argv`` as typed: static-i18n reads it): same options, log lines, messages and exit code as the subprocess
    (:func:`run_build_subprocess`), without starting Python and importing MkDocs again (about
    a second of CPU per build), and with the theme's templates compiled and its files listed once for all builds. An exception the command line would print as a traceback is
    added to the output. ``test_in_process_builds_equal_subprocess_builds`` keeps the two equal.
    ``env``: more environment variables for the build.
    """
    from mkdocs.__main__ import cli

    variables = {"NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": build_date, **(env or {})}
    command = ["build", "--strict", *args]
    with (
        contextlib.chdir(project),
        mock.patch.object(sys, "argv", ["mkdocs", *command]),
        mock.patch.object(Theme, "get_env", _theme_env_with_compiled_templates),
        mock.patch.object(jinja2.FileSystemLoader, "list_templates", _theme_files_listed_once),
        _mkdocs_logging_restored(),
    ):
        result = CliRunner().invoke(cli, command, env=variables, catch_exceptions=True)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += "".join(traceback.format_exception(result.exception))
    return Build(project, result.exit_code, output)


@contextlib.contextmanager
def _mkdocs_logging_restored() -> Iterator[None]:
    """Undo what MkDocs' command line sets up for its process: its log handler and level, the
    duplicate filter of the build log (it would hide a message seen in an earlier build), and
    ``warnings.showwarning``. Log lines are not wrapped, as in a subprocess whose output is a pipe."""
    from mkdocs.__main__ import ColorFormatter

    mkdocs_log, build_log = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    saved = (mkdocs_log.level, mkdocs_log.propagate, list(mkdocs_log.handlers), list(build_log.filters), warnings.showwarning)
    width, ColorFormatter.text_wrapper.width = ColorFormatter.text_wrapper.width, 0
    try:
        yield
    finally:
        ColorFormatter.text_wrapper.width = width
        mkdocs_log.setLevel(saved[0])
        mkdocs_log.propagate = saved[1]
        mkdocs_log.handlers[:] = saved[2]
        build_log.filters[:] = saved[3]
        warnings.showwarning = saved[4]


def run_build_subprocess(project: Path, *args: str, build_date: str = BUILD_DATE) -> Build:
    """Run ``mkdocs build --strict`` in a new Python process, exactly as an editor types it."""
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


def run_cli(cwd: Path, *args: str, env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``travel-advice ARGS`` in ``cwd``, without ``$TRAVEL_ADVICE_BUILD_DATE`` unless ``env`` sets it, inside this process.

    Runs ``travel_advice.cli.main.main`` as the console script does, with its output captured
    (help wrapped at 80 columns, as in a pipe); an exception becomes exit code 1 and its traceback
    is added to stderr, as Python would print it. ``tests/test_cli.py`` also runs the installed command.
    """
    from travel_advice.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), mock.patch.dict(os.environ, {"COLUMNS": "80"}), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        os.environ.pop("TRAVEL_ADVICE_BUILD_DATE", None)
        os.environ.update(env or {})
        try:
            code = main(list(args))
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
        except Exception:
            traceback.print_exc(file=err)
            code = 1
    return subprocess.CompletedProcess(["travel-advice", *args], code, out.getvalue(), err.getvalue())


def copy_project(destination: Path, advisories: Path | None = None) -> Path:
    """Copy the shipped site sources (or other advisories) into ``destination``."""
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", destination / "docs")
    shutil.copytree(advisories or ROOT / "advisories", destination / "advisories")
    return destination


def unexpected_warnings(output: str) -> list[str]:
    """Log lines at WARNING or above: a clean build has none."""
    return [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]


def git(repo: Path, *args: str, when: str = "2026-01-01T10:00:00+00:00") -> str:
    """Run git in ``repo`` as an editor, at the moment ``when`` (author and committer dates)."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "Editor",
           "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True).stdout


def with_example_history(project: Path) -> Path:
    """``project`` as a git repository with two editions of Mexico (level 1, then the shipped level 2), so that
    the site-wide tests (HTML validity, links, accessibility) see history and edition pages too."""
    shipped = (project / "advisories" / "mx.yml").read_text(encoding="utf-8")
    earlier = shipped.replace("level: 2\n", "level: 1\n", 1).replace("indicators: [crime, kidnapping, civil-unrest, natural-disaster]", "indicators: [crime, natural-disaster]")
    assert earlier != shipped
    (project / "advisories" / "mx.yml").write_text(earlier, encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Example content", when="2026-09-01T10:00:00-04:00")
    (project / "advisories" / "mx.yml").write_text(shipped, encoding="utf-8")
    git(project, "commit", "-q", "-am", "Mexico: level 2", when="2026-11-02T10:00:00-05:00")
    return project


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped example content with a short git history (:func:`with_example_history`), built once for the whole session."""
    build = run_build(with_example_history(copy_project(tmp_path_factory.mktemp("shipped"))))
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    """The shipped docs with one small fixture advisory, ready to be broken by a test."""
    return copy_project(tmp_path, advisories=FIXTURES / "advisories")


@pytest.fixture(scope="session")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """``small_project`` built once for the whole session: the last good site of tests that break it."""
    build = run_build(copy_project(tmp_path_factory.mktemp("small"), advisories=FIXTURES / "advisories"))
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


@pytest.fixture
def built_small_project(small_site: Build, tmp_path: Path) -> Path:
    """A copy of ``small_project`` with its good site already built (``site/``), ready to be broken."""
    shutil.copytree(small_site.project, tmp_path, dirs_exist_ok=True)
    return tmp_path
