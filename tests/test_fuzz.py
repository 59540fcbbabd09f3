"""Fuzzing with Hypothesis: whatever an advisory file holds, ``check`` and the build answer with an
exit code (0 or 1) and a message, never a traceback or a crash, and a failed build leaves the last
good site exactly as it was.

``check`` runs in-process (an exception escaping it fails the test) on many generated files; the
build, a subprocess, on a few (marked slow).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from travel_advice.cli.main import main as travel_advice

from .conftest import FIXTURES, run_build, small_project  # noqa: F401  (small_project: fixture)

ADVISORY = FIXTURES / "advisories" / "pt.yml"
FIELDS: list[tuple[Any, ...]] = [
    ("code",), ("level",), ("last_updated",), ("still_valid",), ("summary", "en"), ("summary", "fr"),
    ("sections", "safety", "en"), ("sections", "safety", "fr"), ("sections", "health", "fr"),
    ("updates", 0, "en"), ("updates", 0, "date"), ("also_known_as",), ("regions",), ("indicators",), ("name",),
]
"""Where a generated value replaces the fixture's (a key the schema does not know is added)."""
TRICKY_TEXT = st.sampled_from([
    "<script>alert(1)</script>", "<div>", "</p>", "<!--", "{: onclick=x }", "[x](javascript:alert(1))", "\x00", "\x0b",
    "\ufffe", "\ud800", "&", '"><img src=x onerror=alert(1)>', "## Heading", "*" * 5000, "[" * 500, "é’«»\u202f", "\t", "",
])
TEXT = st.one_of(st.text(max_size=200), TRICKY_TEXT, st.lists(TRICKY_TEXT, max_size=5).map("\n".join))
VALUES = st.recursive(
    st.one_of(TEXT, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(), st.dates()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=12,
)


def _fixture() -> dict[str, Any]:
    return yaml.safe_load(ADVISORY.read_text(encoding="utf-8"))


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


@st.composite
def advisory_files(draw: st.DrawFn) -> str:
    """An advisory file: the fixture with one field changed, the fixture's text with bytes spliced in, or any text."""
    kind = draw(st.sampled_from(["field", "splice", "text"]))
    if kind == "field":
        data = _fixture()
        _replace(data, draw(st.sampled_from(FIELDS)), draw(VALUES))
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    if kind == "splice":
        text = ADVISORY.read_text(encoding="utf-8")
        at = draw(st.integers(0, len(text)))
        return text[:at] + draw(st.one_of(TEXT, st.sampled_from([": ", "- ", "\n  ", "&a ", "*a", "!!python/object:os.system", "{", "'", "|\n"]))) + text[at:]
    return draw(st.text(max_size=500))


@contextlib.contextmanager
def _in(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=advisory_files())
def test_check_answers_every_file_with_an_exit_code_and_a_message(small_project: Path, content: str) -> None:  # noqa: F811
    (small_project / "advisories" / "pt.yml").write_text(content, encoding="utf-8", errors="surrogatepass")
    out, err = io.StringIO(), io.StringIO()
    with _in(small_project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = travel_advice(["check", "--today", date(2026, 11, 25).isoformat()])
    assert code in (0, 1), out.getvalue() + err.getvalue()
    if code == 1:
        assert "advisories/pt.yml" in out.getvalue(), out.getvalue()


def _tree(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def last_good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a built site: each fuzzed build starts from a copy of it."""
    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("fuzz"), advisories=FIXTURES / "advisories")
    build = run_build(project)
    assert build.returncode == 0, build.output
    return project


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(content=advisory_files())
def test_the_build_fails_cleanly_and_keeps_the_last_site(last_good_site: Path, tmp_path_factory: pytest.TempPathFactory, content: str) -> None:
    project = tmp_path_factory.mktemp("fuzzed")
    shutil.copytree(last_good_site, project, dirs_exist_ok=True)
    before = _tree(project / "site")
    (project / "advisories" / "pt.yml").write_text(content, encoding="utf-8", errors="surrogatepass")
    build = run_build(project)
    assert build.returncode in (0, 1), build.output
    assert "Traceback" not in build.output
    if build.returncode == 1:
        assert _tree(project / "site") == before
        assert not (project / ".site.staging").exists()
    shutil.rmtree(project)


BLOCK_PIECES = [
    "\n\n", "\n!!! note\n", "\n!!! tip \"Title\"\n", "admonition", '<div class="admonition" markdown="1">', "</div>", "\n    ",
    "\n===\n", "\n---\n", "\n* * *\n", "\n___\n", "\n> ", "\n: ", "\n*[HTML]: Hyper Text\n", "\n[a]: http://x.org\n", "[a]",
    "\n| a | b |\n|---|:-:|\n| c | d |\n", "\n1. ", "\n- ", "\n## ", "\t",
]
"""Pieces of the block syntax (admonitions, tables, headings, rules, definitions, quotes, abbreviations, references)."""
MARKDOWN_TEXT = st.one_of(
    st.lists(st.sampled_from(list("ab é`\\[]()<>&*_!#:;-=|\n") + ["  \n", "http://x.org", "a@b.org", "&amp;", "&#35;", "<b>", "    "]), max_size=60).map("".join),
    st.lists(st.sampled_from(BLOCK_PIECES + ["Mali", "a b", "é", "*", "|", ":", "-", ">", "#", "!"]), max_size=30).map("".join),
    TEXT,
)


@settings(max_examples=400, deadline=None)
@given(MARKDOWN_TEXT)
@example("*a*")
@example("a _b_")
@example("`a`")
@example("\\*a*")
@example("[a](https://b.org)")
@example("![a](b.png)")
@example("<https://a.org>")
@example("<a@b.org>")
@example("a  \nb")
@example("a <b>c</b>")
@example("&copy; A&B")
@example("Title\n===\n\n!!! note\n    Body\n\n: not a definition\nTerm\n: definition")
@example("*[EU]: European Union\n\nThe EU.\n\n[a]: https://b.org\n\nSee [a].")
@example('<div class="admonition" markdown="1">\nText\n</div>\n\n    indented')
@example("| a | b |\n|---|---|\n| c | d |\n\n> quoted\n\n---")
def test_editors_markdown_renders_as_stock_python_markdown(text: str) -> None:
    """content_rules' renderer leaves text without any inline pattern's first character as is, and leaves out the
    block processors that cannot match the text (BLOCKS_NEEDING): the HTML stays stock Python-Markdown's."""
    import markdown

    from travel_advice.core import content_rules

    assert content_rules.render(text) == markdown.Markdown(extensions=list(content_rules.MARKDOWN_EXTENSIONS)).convert(text)


def test_the_inline_patterns_are_the_ones_whose_first_characters_are_known() -> None:
    """A Markdown upgrade that adds an inline pattern must add its first character to content_rules (else the stock pass runs)."""
    import markdown

    from travel_advice.core import content_rules

    stock = markdown.Markdown(extensions=list(content_rules.MARKDOWN_EXTENSIONS))
    assert {item.name for item in stock.inlinePatterns._priority} == content_rules.INLINE_PATTERNS
    assert type(content_rules._renderer().treeprocessors["inline"]).__name__ == "_PlainTextLeftAsIs"
    changed = content_rules.leave_plain_text_as_is(markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "def_list"]))
    assert type(changed.treeprocessors["inline"]).__name__ == "_PlainTextLeftAsIs"  # the site's extensions (mkdocs.yml and MkDocs' own)


@settings(max_examples=400, deadline=None)
@given(MARKDOWN_TEXT, st.booleans(), st.booleans())
@example("[x](javascript:alert(1))", True, False)
@example("[x](java\\script:alert(1))", True, False)
@example("<a@b.org> and <https://a.org>", True, False)
@example("### Sub\n\n| a |\n|:-:|\n| b |", False, False)
@example("Term\n:   Definition\n\n*[HTML]: Hypertext", True, False)
@example('!!! note "Title"\n    Text', True, True)
@example("x {: .cls }\n\n[y](https://a.org){: onclick=z }", True, False)
def test_a_tree_inside_the_allow_list_is_html_inside_it(text: str, allow_headings: bool, guidance: bool) -> None:
    """Wherever the rendered tree passes the allow-list (no HTML read), reading the HTML finds nothing either."""
    from travel_advice.core import content_rules

    allowed = content_rules.GUIDANCE_ATTRIBUTES if guidance else content_rules.ALLOWED_ATTRIBUTES
    renderer, rendered = content_rules._converted(text)
    if content_rules._tree_allowed(renderer, allow_headings, allowed):
        assert content_rules._rendered_problems(text, rendered, allow_headings, allowed) == []


@pytest.mark.parametrize(("text", "from_tree"), [
    ("### Sub\n\nText with [a link](https://example.org) and *emphasis*.\n\n- one\n- two\n\n| a | b |\n|:--|--:|\n| 1 | 2 |", True),
    ("Term\n:   Definition `code`", True),
    ("Raw <b>HTML</b>", False),
    ("An entity &copy;", False),
    ("[x](javascript:alert(1))", False),
    ("Text\n{: .cls }", False),
    ("<a@b.org>", False),
])
def test_the_allow_list_reads_the_tree_unless_something_was_stashed_or_refused(text: str, from_tree: bool) -> None:
    from travel_advice.core import content_rules

    renderer, _ = content_rules._converted(text)
    assert content_rules._tree_allowed(renderer, True, content_rules.ALLOWED_ATTRIBUTES) is from_tree
