"""The fast lane (``-m "not browser and not slow"``) stays free of Chromium: every test that starts
it, itself or through a fixture of its module, is marked ``browser`` (read from the source)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
STARTS_CHROMIUM = {"require_chromium", "chromium"}
"""The helpers of tests/browser.py every browser test goes through."""


def _called_names(function: ast.AST) -> set[str]:
    return {node.func.id for node in ast.walk(function) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}


def _is_browser_mark(node: ast.expr) -> bool:
    return ast.unparse(node).startswith("pytest.mark.browser")


def unmarked_browser_tests(source: str) -> list[str]:
    """Names of the tests of a module that start Chromium without the ``browser`` mark."""
    module = ast.parse(source)
    if any(isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in n.targets) and _is_browser_mark(n.value) for n in module.body):
        return []
    functions = {n.name: n for n in module.body if isinstance(n, ast.FunctionDef)}
    browser_functions = set(STARTS_CHROMIUM)
    changed = True
    while changed:  # a fixture that takes a browser fixture starts Chromium too
        changed = False
        for name, function in functions.items():
            uses = _called_names(function) | {arg.arg for arg in function.args.args}
            if name not in browser_functions and uses & browser_functions:
                browser_functions.add(name)
                changed = True
    return [
        name
        for name, function in functions.items()
        if name.startswith("test_") and name in browser_functions and not any(_is_browser_mark(d) for d in function.decorator_list)
    ]


def test_every_chromium_test_is_marked_browser() -> None:
    unmarked = {path.name: names for path in sorted(TESTS.glob("test_*.py")) if (names := unmarked_browser_tests(path.read_text("utf-8")))}
    assert unmarked == {}


def test_the_check_finds_an_unmarked_test_and_one_through_a_fixture() -> None:
    source = '''
import pytest

@pytest.fixture
def browser(tmp_path):
    require_chromium()
    yield

def test_direct():
    with chromium(path) as context: ...

def test_through_fixture(browser): ...

@pytest.mark.browser
def test_marked(browser): ...

def test_no_browser(tmp_path): ...
'''
    assert unmarked_browser_tests(source) == ["test_direct", "test_through_fixture"]
    assert unmarked_browser_tests("import pytest\npytestmark = pytest.mark.browser\n" + source) == []
