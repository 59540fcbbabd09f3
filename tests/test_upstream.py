"""Guarded seams (glue/upstream.py): untested versions of MkDocs, Material, static-i18n or Pagefind are named
at on_config, and a rewrite of their markup or data that finds nothing says so, once per build."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from travel_advice.glue import i18n as i18n_glue
from travel_advice.glue import search as search_glue
from travel_advice.glue import upstream
from travel_advice.site import html_passes

from .conftest import Build, run_build

CONFIG = SimpleNamespace(plugins={})
"""What the seams read of an MkDocs config without static-i18n: one language, at the site root."""


class Warnings:
    """The warnings the seams logged, without the plugin's prefix."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog

    def __len__(self) -> int:
        return len(self.caplog.messages)

    def __getitem__(self, index: int) -> str:
        return self.caplog.messages[index].removeprefix("travel_advice: ")


@pytest.fixture
def warnings(caplog: pytest.LogCaptureFixture) -> Warnings:
    """The warnings the seams log during the test, from a fresh build's point of view."""
    upstream.start_build()
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.travel_advice")
    return Warnings(caplog)


def test_the_tested_versions_are_the_pins() -> None:
    pyproject = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text("utf-8")
    assert '"mkdocs-material==9.8.1"' in pyproject and '"mkdocs-static-i18n==1.3.1"' in pyproject and '"mkdocs>=1.6.1,<2"' in pyproject
    assert '"pagefind[extended]==1.5.2"' in pyproject and '"pagefind_bin_extended==1.5.2"' in pyproject
    assert '"Markdown==3.11.3"' in pyproject
    assert upstream.untested_versions() == {}, "the suite runs with the tested versions"


def test_an_untested_version_is_named_with_the_tested_one() -> None:
    installed = {"mkdocs": "1.6.1", "mkdocs-material": "9.9.0", "mkdocs-static-i18n": None, "pagefind": "1.5.2", "markdown": "3.11.3"}
    untested = upstream.untested_versions(version=installed.get)
    assert untested == {"mkdocs-material": "9.9.0", "mkdocs-static-i18n": None}
    assert upstream.version_warning(untested).startswith(
        "untested versions: mkdocs-material 9.9.0 (tested: 9.8.1), mkdocs-static-i18n not installed (tested: 1.3.1). "
        "travel-advice reaches into these packages' internals"
    )
    assert upstream.version_warning({}) is None


def test_a_build_with_an_untested_version_says_so_once(small_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upstream, "installed_version", lambda name: "9.9.0" if name == "mkdocs-material" else upstream.TESTED_VERSIONS[name])
    build = run_build(small_project)
    warnings = [line for line in build.output.splitlines() if "untested versions" in line]
    assert warnings == [
        "WARNING -  travel_advice: untested versions: mkdocs-material 9.9.0 (tested: 9.8.1). travel-advice reaches into these "
        "packages' internals; check the built site (search, language selector, 404 page) or install the tested versions (README: Upstream seams)"
    ]
    assert build.returncode == 1  # a warning fails a --strict build


def test_the_shipped_build_passes_every_seam(shipped_site: Build) -> None:
    assert "upstream seam" not in shipped_site.output and "untested versions" not in shipped_site.output


def test_a_page_without_materials_config_is_reported_once_per_build(warnings: Warnings) -> None:
    page = "<html><head></head><body>no config</body></html>"
    assert search_glue.point_search_to_language(page, CONFIG, "about/index.md") == page
    search_glue.point_search_to_language(page, CONFIG, "other.md")
    assert len(warnings) == 1 and warnings[0].startswith("about/index.md: no Material '__config' script in the page")
    assert "upstream seam 'search-config'" in warnings[0]
    upstream.start_build()
    search_glue.point_search_to_language(page, CONFIG, "other.md")
    assert len(warnings) == 2


def test_a_search_worker_elsewhere_is_reported(warnings: Warnings) -> None:
    page = '<script id="__config" type="application/json">{"base": ".", "search": "assets/search/worker.js"}</script>'
    search_glue.point_search_to_language(page, CONFIG, "index.md")
    assert len(warnings) == 1 and "Material's search worker is not in assets/javascripts/workers/" in warnings[0]


def test_a_site_without_materials_search_plugin_is_reported(warnings: Warnings) -> None:
    search_glue.skip_material_indexing(SimpleNamespace(plugins={}))
    assert len(warnings) == 1 and warnings[0].startswith("mkdocs.yml: Material's search plugin is not enabled; the site has no search box")


def test_materials_search_plugin_keeps_its_box_but_indexes_nothing(shipped_site: Build) -> None:
    assert not list(shipped_site.site.rglob("search_index.json"))
    assert 'class="md-search__input"' in shipped_site.page("fr/index.html")


def test_static_i18n_without_its_search_merge_is_reported(warnings: Warnings) -> None:
    i18n_glue.skip_merged_search_index(SimpleNamespace(plugins={"i18n": SimpleNamespace()}))
    assert len(warnings) == 1 and "mkdocs-static-i18n has no 'reconfigure_search_index'" in warnings[0]


def test_a_page_without_alternates_is_reported(warnings: Warnings) -> None:
    page = SimpleNamespace(title="T", url="t/", canonical_url=None, abs_url="/t/", meta={}, file=SimpleNamespace(src_uri="t.md"))
    assert i18n_glue.page_info(page, None).versions == {}
    assert len(warnings) == 1 and warnings[0].startswith("t.md: mkdocs-static-i18n gave the page no 'alternates'")


def test_a_subheading_permalink_in_another_form_is_found() -> None:
    written = '<h3 id="a">A<a class="headerlink" href="#a" title="Permanent link">&para;</a></h3><h2 id="b">B<a class="headerlink" href="#b" title="x">&para;</a></h2>'
    assert html_passes.has_subheading_permalink(written)
    assert not html_passes.has_subheading_permalink(html_passes.drop_subheading_permalinks(written))
    reordered = '<h4 id="a">A<a href="#a" class="headerlink" title="Permanent link">¶</a></h4>'
    assert html_passes.drop_subheading_permalinks(reordered) == reordered
    assert html_passes.has_subheading_permalink(reordered)
