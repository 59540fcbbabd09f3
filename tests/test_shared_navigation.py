"""Material's navigation is rendered once for the pages that show it alike (glue/shared_navigation.py)."""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pytest

from travel_advice.glue import shared_navigation, upstream
from travel_advice.glue.plugin import THEME_DIR
from travel_advice.glue.shared_navigation import SharedNavigation

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
    original = shared_navigation.SharedNavigation.render

    @jinja2.pass_context
    def counting(self: SharedNavigation, context: Any, name: str, *, caller: Any) -> str:
        def counted() -> str:
            counts[context["page"].url] += 1
            return caller()

        return original(self, context, name, caller=counted)

    monkeypatch.setattr(shared_navigation.SharedNavigation, "render", counting)
    return counts


def environment(tmp_path: Path, shared: SharedNavigation | None = None) -> jinja2.Environment:
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
    return (shared or SharedNavigation()).attach(env, [str(tmp_path / "upstream")])


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
    shared, nav = SharedNavigation(), site_navigation()
    render(environment(tmp_path, shared), nav, Page("destinations/ml/"))
    render(environment(tmp_path, shared), nav, Page("destinations/cl/"))
    assert rendered == {"destinations/ml/": 2, "destinations/cl/": 2}


@pytest.mark.slow
def test_the_site_is_the_one_rendered_page_by_page(small_project: Path, small_site: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    """A real build with every navigation rendered for its own page is byte for byte the shared one, in both languages."""

    @jinja2.pass_context
    def page_by_page(self: SharedNavigation, context: Any, name: str, *, caller: Any) -> str:
        return caller()

    monkeypatch.setattr(shared_navigation.SharedNavigation, "render", page_by_page)
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
        SharedNavigation().attach(env, [str(tmp_path / "upstream")])
    assert "partials/tabs.html: not found in the theme (Material)" in caplog.text and "shared navigation" in caplog.text
    assert render(env, site_navigation(), Page("destinations/ml/")).startswith("|<nav>")
