"""The theme's templates are compiled once per build process, not once per language (glue/template_cache.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import pytest

from travel_advice.glue.shared_partials import SHARED_PARTIALS
from travel_advice.glue.template_cache import SharedBytecode

from . import conftest
from .conftest import Build, run_build


@pytest.fixture
def compiled(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Each template name Jinja compiles from source, counted."""
    counts: Counter[str] = Counter()
    compile_source = jinja2.Environment.compile

    def counting(self: jinja2.Environment, source: Any, name: str | None = None, *args: Any, **kwargs: Any) -> Any:
        counts[name or "<string>"] += 1
        return compile_source(self, source, name, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return counts


def theme(folder: Path) -> Path:
    (folder / "base.html").write_text("<title>{% block title %}{% endblock %}</title>{% block body %}{% endblock %}", "utf-8")
    (folder / "main.html").write_text('{% extends "base.html" %}{% block title %}{{ page }}{% endblock %}{% block body %}<p>{{ page }}</p>{% endblock %}', "utf-8")
    return folder


def environment(folder: Path, cache: SharedBytecode, **options: Any) -> jinja2.Environment:
    return cache.attach(jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True, **options))


def test_the_second_language_loads_what_the_first_compiled(tmp_path: Path, compiled: Counter[str]) -> None:
    cache, folder = SharedBytecode(), theme(tmp_path)
    english = environment(folder, cache).get_template("main.html").render(page="Mali <en>")
    assert compiled == {"main.html": 1, "base.html": 1}
    french = environment(folder, cache).get_template("main.html").render(page="Mali <fr>")
    assert compiled == {"main.html": 1, "base.html": 1}
    assert english == "<title>Mali &lt;en&gt;</title><p>Mali &lt;en&gt;</p>"
    assert french == "<title>Mali &lt;fr&gt;</title><p>Mali &lt;fr&gt;</p>"


def test_a_template_edited_between_builds_is_compiled_again(tmp_path: Path, compiled: Counter[str]) -> None:
    """As under ``mkdocs serve``: Jinja checks the source's checksum against the kept code."""
    cache, folder = SharedBytecode(), theme(tmp_path)
    environment(folder, cache).get_template("main.html").render(page="Mali")
    (folder / "base.html").write_text("<h1>{% block title %}{% endblock %}</h1>", "utf-8")
    assert environment(folder, cache).get_template("main.html").render(page="Mali") == "<h1>Mali</h1>"
    assert compiled == {"main.html": 1, "base.html": 2}


def test_an_environment_set_up_otherwise_compiles_its_own(tmp_path: Path, compiled: Counter[str]) -> None:
    """Other delimiters or extensions make other code from the same source: it is never shared with them."""
    cache, folder = SharedBytecode(), theme(tmp_path)
    (folder / "odd.html").write_text("<% if page %>[[ page ]]<% endif %>{{ page }}", "utf-8")
    assert environment(folder, cache).get_template("odd.html").render(page="Mali") == "<% if page %>[[ page ]]<% endif %>Mali"
    odd = environment(folder, cache, block_start_string="<%", block_end_string="%>", variable_start_string="[[", variable_end_string="]]")
    assert odd.get_template("odd.html").render(page="Mali") == "Mali{{ page }}"
    with_loops = environment(folder, cache, extensions=["jinja2.ext.loopcontrols"])
    assert with_loops.get_template("odd.html").render(page="Mali") == "<% if page %>[[ page ]]<% endif %>Mali"
    assert compiled == {"odd.html": 3}


def test_an_environment_with_a_cache_of_its_own_keeps_it(tmp_path: Path) -> None:
    own = jinja2.FileSystemBytecodeCache(str(tmp_path))
    env = jinja2.Environment(bytecode_cache=own)
    assert SharedBytecode().attach(env).bytecode_cache is own


@pytest.mark.slow
def test_a_two_language_build_compiles_each_theme_template_once(small_project: Path, small_site: Build, compiled: Counter[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build, without the test suite's own template cache (conftest): the French build compiles none of the
    theme's templates again (Material's search plugin makes environments of its own for its language partials),
    and the site is the one built with the suite's cache."""
    monkeypatch.setattr(conftest, "_COMPILED_TEMPLATES", None)
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    theme_templates = {name: count for name, count in compiled.items() if name.endswith(".html") and not name.startswith("partials/language")}
    assert {"main.html", "base.html", "404.html", "partials/header.html"} <= theme_templates.keys()
    wrapped = {f"partials/{name}.html" for name in SHARED_PARTIALS}  # ours and Material's, one compilation each
    assert {name: count for name, count in theme_templates.items() if count != (2 if name in wrapped else 1)} == {}, theme_templates
    assert (build.site / "fr" / "index.html").read_bytes() == (small_site.site / "fr" / "index.html").read_bytes()
    assert (build.site / "index.html").read_bytes() == (small_site.site / "index.html").read_bytes()
