"""Material's navigation is rendered once for the pages that show it alike, its words looked up once (glue/shared_partials.py)."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pytest

from travel_advice.glue import shared_partials, upstream
from travel_advice.glue.plugin import THEME_DIR
from travel_advice.glue.shared_partials import SharedPartials

from .conftest import Build, run_build


@dataclass(eq=False)
class Entry:
    """A navigation entry as MkDocs gives it: a page (``url``) or a section (``children``)."""

    title: str
    url: str = ""
    children: list[Entry] = field(default_factory=list)
    active: bool = False


@dataclass
class Navigation:
    items: list[Entry]

    @property
    def pages(self) -> list[Entry]:
        return [entry for item in self.items for entry in [item, *item.children] if entry.url]


@jinja2.pass_context
def relative_url(context: Any, value: str) -> str:
    """MkDocs' ``url`` filter, in short: ``value`` relative to the page's folder."""
    url = context["page"].url
    folder = url if url.endswith("/") else posixpath.dirname(url)
    return posixpath.relpath(value, folder or ".") + ("/" if value.endswith("/") else "")


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How many times the theme's own navigation was rendered, by page."""
    counts: Counter[str] = Counter()
    original = shared_partials.SharedPartials.render

    @jinja2.pass_context
    def counting(self: SharedPartials, context: Any, name: str, *, caller: Any) -> str:
        def counted() -> str:
            counts[context["page"].url] += 1
            return caller()

        return original(self, context, name, caller=counted)

    monkeypatch.setattr(shared_partials.SharedPartials, "render", counting)
    return counts


def environment(tmp_path: Path, shared: SharedPartials | None = None) -> jinja2.Environment:
    """Material's part of a theme (``upstream/``: a navigation whose links go through ``url``, marking the
    active entries) and this package's overrides of it, as the plugin sets them up."""
    upstream = tmp_path / "upstream" / "partials"
    upstream.mkdir(parents=True, exist_ok=True)
    (upstream / "nav.html").write_text(
        "<nav>{% for item in nav.items %}<a href=\"{{ item.url | url }}\"{% if item.active %} class=active{% endif %}>{{ item.title }}</a>"
        "{% if item == page %}<ol>{{ page.toc }}</ol>{% endif %}{% endfor %}</nav>",
        "utf-8",
    )
    (upstream / "tabs.html").write_text("<ul>{% for item in nav.items %}<li>{{ item.url | url }}</li>{% endfor %}</ul>", "utf-8")
    (tmp_path / "upstream" / "page.html").write_text('{% include "partials/tabs.html" %}|{% include "partials/nav.html" %}', "utf-8")
    loader = jinja2.FileSystemLoader([str(THEME_DIR), str(tmp_path / "upstream")])
    env = jinja2.Environment(loader=loader)
    env.filters["url"] = relative_url
    return (shared or SharedPartials()).attach(env, [str(tmp_path / "upstream")])


@dataclass(eq=False)
class Page:
    url: str
    toc: str = ""


def render(env: jinja2.Environment, nav: Navigation, page: Any) -> str:
    return env.get_template("page.html").render(nav=nav, page=page)


def site_navigation() -> Navigation:
    return Navigation([Entry("Home", "index.html"), Entry("Destinations", "destinations/"), Entry("Before you go", "before/")])


def test_pages_outside_the_navigation_in_alike_folders_share_one_rendering(tmp_path: Path, rendered: Counter[str]) -> None:
    env, nav = environment(tmp_path), site_navigation()
    mali, chile = render(env, nav, Page("destinations/ml/")), render(env, nav, Page("destinations/cl/"))
    assert mali == chile == (
        "<ul><li>../../index.html</li><li>../</li><li>../../before/</li></ul>|"
        '<nav><a href="../../index.html">Home</a><a href="../">Destinations</a><a href="../../before/">Before you go</a></nav>'
    )
    assert rendered == {"destinations/ml/": 2}  # the tabs and the drawer, once


def test_a_page_whose_links_differ_gets_its_own_rendering(tmp_path: Path, rendered: Counter[str]) -> None:
    """Deeper (a history page), or at the same depth but in another folder than the first: each link is
    checked as this page would get it."""
    env, nav = environment(tmp_path), site_navigation()
    render(env, nav, Page("destinations/ml/"))
    deeper = render(env, nav, Page("destinations/ml/history/"))
    elsewhere = render(env, nav, Page("before/health/"))
    assert '<a href="../../../before/">' in deeper
    assert '<a href="../">Before you go</a>' in elsewhere and '<a href="../../destinations/">' in elsewhere
    assert rendered == {"destinations/ml/": 2, "destinations/ml/history/": 2, "before/health/": 2}
    assert render(env, nav, Page("destinations/cl/history/")) == deeper
    assert rendered["destinations/cl/history/"] == 0


def test_a_page_in_the_navigation_is_rendered_as_itself(tmp_path: Path, rendered: Counter[str]) -> None:
    """Material marks the page in the navigation and writes its table of contents there."""
    env = environment(tmp_path)
    nav = Navigation([Entry("Home", "index.html"), before := Entry("Before you go", "before/")])
    before.toc = "<li>Documents</li>"  # type: ignore[attr-defined]
    before.active = True
    page = render(env, nav, before)
    assert "<a href=\"./\" class=active>Before you go</a><ol><li>Documents</li></ol>" in page
    render(env, nav, before)
    assert rendered == {"before/": 4}


def test_other_active_entries_render_anew(tmp_path: Path, rendered: Counter[str]) -> None:
    env, nav = environment(tmp_path), site_navigation()
    plain = render(env, nav, Page("destinations/ml/"))
    nav.items[1].active = True
    marked = render(env, nav, Page("destinations/cl/"))
    assert '<a href="../" class=active>Destinations</a>' in marked and "class=active" not in plain
    assert rendered == {"destinations/ml/": 2, "destinations/cl/": 2}


def test_a_new_environment_starts_empty(tmp_path: Path, rendered: Counter[str]) -> None:
    """Each language's build: what one kept is never shown in the other."""
    shared, nav = SharedPartials(), site_navigation()
    render(environment(tmp_path, shared), nav, Page("destinations/ml/"))
    render(environment(tmp_path, shared), nav, Page("destinations/cl/"))
    assert rendered == {"destinations/ml/": 2, "destinations/cl/": 2}


@pytest.mark.slow
def test_the_site_is_the_one_rendered_page_by_page(small_project: Path, small_site: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build with every navigation rendered and every word looked up for its own page is byte for byte the
    shared one, in both languages."""

    @jinja2.pass_context
    def page_by_page(self: SharedPartials, context: Any, name: str, *, caller: Any) -> str:
        return caller()

    monkeypatch.setattr(shared_partials.SharedPartials, "render", page_by_page)
    monkeypatch.setattr(shared_partials.SharedPartials, "words", lambda self, translate: translate)
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    pages = sorted(path.relative_to(small_site.site) for path in small_site.site.rglob("*.html"))
    assert len(pages) > 40 and Path("fr/destinations/pt/index.html") in pages
    different = [page for page in pages if (build.site / page).read_bytes() != (small_site.site / page).read_bytes()]
    assert different == []


def test_a_theme_without_the_partial_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """An upgrade of Material that moves its navigation: a warning (it fails ``--strict``), never a crash."""
    env = environment(tmp_path)
    (tmp_path / "upstream" / "partials" / "tabs.html").unlink()
    upstream.start_build()
    with caplog.at_level("WARNING"):
        SharedPartials().attach(env, [str(tmp_path / "upstream")])
    assert "partials/tabs.html: not found in the theme (Material)" in caplog.text and "shared partials" in caplog.text
    assert render(env, site_navigation(), Page("destinations/ml/")).startswith("|<nav>")


def language_partial(tmp_path: Path) -> jinja2.Environment:
    """Material's words for French (``partials/languages/``, one word missing) and this package's override of
    ``partials/language.html``."""
    languages = tmp_path / "upstream" / "partials" / "languages"
    languages.mkdir(parents=True)
    (languages / "fr.html").write_text('{% macro t(key) %}{{ {"search": "Rechercher", "top": ""}[key] }}{% endmacro %}', "utf-8")
    (languages / "en.html").write_text('{% macro t(key) %}{{ {"search": "Search", "top": "Back to top"}[key] }}{% endmacro %}', "utf-8")
    (tmp_path / "upstream" / "page.html").write_text(
        '{% import "partials/language.html" as lang with context %}{{ lang.t("search") }}|{{ lang.t("top") }}|{{ lang.t("nav") }}', "utf-8"
    )
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME_DIR), str(tmp_path / "upstream")]))
    env.filters["url"] = relative_url
    return env


def test_each_word_is_looked_up_once_per_language(tmp_path: Path) -> None:
    env, asked = language_partial(tmp_path), Counter[str]()
    shared = SharedPartials()

    def counting(translate: Any) -> Any:
        def asking(key: str) -> Any:
            asked[key] += 1
            return translate(key)

        return SharedPartials.words(shared, asking)

    shared.attach(env, [str(tmp_path / "upstream")])
    env.globals["travel_advice_words"] = counting
    pages = [env.get_template("page.html").render(config={"theme": {"language": "fr"}}) for _ in range(3)]
    assert pages == ["Rechercher|Back to top|nav"] * 3  # French, else English, else the key: as Material
    assert asked == {"search": 1, "top": 1, "nav": 1}
    shared.attach(env, [str(tmp_path / "upstream")])
    env.globals["travel_advice_words"] = counting
    env.get_template("page.html").render(config={"theme": {"language": "fr"}})
    assert asked == {"search": 2, "top": 2, "nav": 2}


def test_without_the_plugin_the_words_are_materials(tmp_path: Path) -> None:
    """Material's search plugin reads ``partials/language.html`` in an environment of its own."""
    env = language_partial(tmp_path)
    assert env.get_template("page.html").render(config={"theme": {"language": "fr"}}) == "Rechercher|Back to top|nav"
    module = env.get_template("partials/language.html", None, {"config": {"theme": {"language": "fr"}}}).module
    assert module.t("search") == "Rechercher"  # type: ignore[attr-defined]


def test_pages_in_many_places_stop_being_kept(tmp_path: Path, rendered: Counter[str]) -> None:
    """Looking for a kept rendering stays cheaper than rendering: past MOST_KEPT places, a page renders its own."""
    env, nav = environment(tmp_path), site_navigation()
    depths = range(1, shared_partials.MOST_KEPT + 5)  # each depth, other links
    for depth in depths:
        render(env, nav, Page("guides/" * depth))
    assert all(rendered["guides/" * depth] == 2 for depth in depths)
    render(env, nav, Page("other/" * depths[0]))
    render(env, nav, Page("other/" * depths[-1]))
    assert rendered["other/" * depths[0]] == 0 and rendered["other/" * depths[-1]] == 2
