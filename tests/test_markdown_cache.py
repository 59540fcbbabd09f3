"""Editors' Markdown kept from the last build (core/content_rules.py ``passed``, glue/build_cache.py): a text the
last build passed is not rendered again, its HTML held to the allow-list by nh3 once more, so a damaged or
tampered cache never publishes anything outside it, and a text that failed is always checked again."""

from __future__ import annotations

import filecmp
import marshal
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import test_history, test_history_cache
from tests.conftest import run_build
from travel_advice.core import content_rules
from travel_advice.core.content_rules import checked_html, forget_checked, markdown_problems, passed, render, reuse_passed
from travel_advice.glue.build_cache import PASSED_FILE

KEPT_FILE = test_history_cache.CACHE / PASSED_FILE
TEXT = "Carry **two** copies of your [passport](https://example.org/passport).\n\n* one in your bag\n* one online"
history_repo = test_history.history_repo


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(content_rules, "_PASSED", {})
    monkeypatch.setattr(content_rules, "_KEPT", {})
    monkeypatch.setattr(content_rules, "_CHECKED", {})
    yield


def _not_rendered(text: str) -> None:
    raise AssertionError(f"rendered again: {text!r}")


def test_a_text_the_last_build_passed_is_not_rendered_again(monkeypatch: pytest.MonkeyPatch) -> None:
    assert markdown_problems(TEXT) == []
    kept = dict(passed())
    assert list(kept.values()) == [render(TEXT)]
    forget_checked()
    reuse_passed(kept)
    monkeypatch.setattr(content_rules, "_converted", _not_rendered)
    assert markdown_problems(TEXT) == []
    assert checked_html(TEXT) == next(iter(kept.values()))
    assert passed() == kept  # kept again for the build after


@pytest.mark.parametrize(
    "tampered",
    [
        "<script>alert(1)</script>",
        '<p><a href="javascript:alert(1)">passport</a></p>',
        '<p onclick="alert(1)">Carry</p>',
        '<iframe src="https://example.org/"></iframe>',
        '<p style="position:fixed">Carry</p>',
        "<p>Carry</p><!-- hidden -->",
        "<h3>Heading</h3>",
    ],
)
def test_kept_html_outside_the_allow_list_is_not_trusted(tampered: str) -> None:
    assert markdown_problems(TEXT, allow_headings=False) == []
    key = next(iter(passed()))
    forget_checked()
    reuse_passed({key: tampered})
    assert markdown_problems(TEXT, allow_headings=False) == []
    assert checked_html(TEXT) == render(TEXT) != tampered


def test_a_text_that_failed_is_not_kept_and_a_check_is_kept_apart_from_another() -> None:
    bad = "Call us <span onclick='x'>now</span>"
    assert markdown_problems(bad)
    heading = "### Entry rules\n\nA visa is needed."
    assert markdown_problems(heading) == []
    kept = dict(passed())
    assert len(kept) == 1
    forget_checked()
    reuse_passed(kept)
    assert markdown_problems(bad)  # still reported, every build
    assert [problem.message for problem in markdown_problems(heading, allow_headings=False)]  # not where headings are refused


def _pages(site: Path) -> list[str]:
    return sorted(str(path.relative_to(site)) for path in site.rglob("*.html") if "/history/20" not in str(path))


def test_a_second_build_gives_the_same_site_and_a_tampered_cache_publishes_nothing_of_it(history_repo: Path, tmp_path: Path) -> None:
    project = test_history_cache.copied_project(history_repo, tmp_path)
    assert run_build(project).returncode == 0
    shutil.copytree(project / "site", tmp_path / "first")
    salt, kept = marshal.loads((project / KEPT_FILE).read_bytes())
    assert len(kept) > 20 and all(html.startswith("<") for html in kept.values())
    assert run_build(project).returncode == 0
    pages = _pages(project / "site")
    assert pages == _pages(tmp_path / "first") and any("destinations/pt/" in page for page in pages)
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "first", project / "site", pages, shallow=False)
    assert not mismatch and not errors
    tampered = {key: f'{html}<script>alert("kept")</script><a href="javascript:alert(1)">x</a>' for key, html in kept.items()}
    (project / KEPT_FILE).write_bytes(marshal.dumps((salt, tampered)))
    build = run_build(project)
    assert build.returncode == 0, build.output
    for page in pages:
        assert 'alert("kept")' not in (project / "site" / page).read_text("utf-8")
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "first", project / "site", pages, shallow=False)
    assert not mismatch and not errors
    assert marshal.loads((project / KEPT_FILE).read_bytes())[1] == kept  # the check's own HTML kept again
