"""Speed work that must not change what readers get: lighter pages, fast dirty previews, quick schema check."""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.conftest import BUILD_DATE, ROOT, Build, copy_project, run_build, unexpected_warnings
from travel_advice.core.fastschema import SHARED_KEYWORDS, quick_check
from travel_advice.core.validation import advisory_schema, published_schema
from travel_advice.site.html_passes import collapse_whitespace

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark  # noqa: E402
import synthetic_corpus  # noqa: E402

PAGES = {"en": "destinations/{code}/index.html", "fr": "fr/destinations/{code}/index.html"}


def synthetic_project(folder: Path, count: int) -> Path:
    """The shipped docs with ``count`` synthetic advisories (AC, AD…), and no banner."""
    project = copy_project(folder, advisories=ROOT / "tests" / "fixtures" / "advisories")
    for path in (project / "advisories").iterdir():
        path.unlink()
    synthetic_corpus.write_advisories(project / "advisories", count, date.fromisoformat(BUILD_DATE))
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(synthetic_project(tmp_path_factory.mktemp("light"), 2))
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


def toc_links(html: str) -> list[str]:
    """Anchors listed in Material's table of contents (the secondary sidebar)."""
    sidebar = html.split('data-md-type="toc"', 1)[1].split("</nav>", 1)[0]
    return re.findall(r'href="#([^"]+)"', sidebar)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pages_carry_no_indentation_but_keep_french_spaces(built: Build, lang: str) -> None:
    html = built.page(PAGES[lang].format(code="ad"))
    assert collapse_whitespace(html) == html
    outside_kept = re.sub(r"<(pre|code|textarea|script|style)\b.*?</\1>", "", html, flags=re.S)
    assert "\n " not in outside_kept and "  \n" not in outside_kept
    if lang == "fr":
        assert "\u00a0:" in html and "Niveau 2 sur 4" in html


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_table_of_contents_lists_the_sections_only(built: Build, lang: str) -> None:
    html = built.page(PAGES[lang].format(code="ad"))
    section_ids = re.findall(r'<h2\b[^>]*\bid="([^"]+)"', html)
    sub_heading_ids = re.findall(r'<h3\b[^>]*\bid="([^"]+)"', html)
    assert sub_heading_ids, "the synthetic advisory has sub-headings"
    assert toc_links(html) == section_ids
    assert ("sante" if lang == "fr" else "health") in section_ids


def test_collapsing_keeps_preformatted_text_and_no_break_spaces() -> None:
    html = "<div>\n    <p>Bonjour\u00a0:\n\n   oui</p>\n</div><pre>a\n    b</pre><code>x\n  y</code>\n  <script>if (a\n  < b) {}</script>"
    assert collapse_whitespace(html) == (
        "<div>\n<p>Bonjour\u00a0:\noui</p>\n</div><pre>a\n    b</pre><code>x\n  y</code>\n<script>if (a\n  < b) {}</script>"
    )


def dirty_build(project: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --dirty``, what ``mkdocs serve --dirtyreload`` runs after each edit."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": BUILD_DATE}
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty"]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, check=False)


def written_at(build: Build, code: str) -> dict[str, int]:
    return {lang: (build.site / page.format(code=code)).stat().st_mtime_ns for lang, page in PAGES.items()}


@pytest.mark.slow
def test_dirty_rebuild_renders_only_the_edited_advisory_then_every_page_for_a_banner(tmp_path: Path) -> None:
    project = synthetic_project(tmp_path, 2)
    build = run_build(project)
    assert build.returncode == 0, build.output
    untouched, index_page = written_at(build, "ac"), (build.site / "fr/destinations/index.html").stat().st_mtime_ns
    time.sleep(0.05)

    edited = project / "advisories" / "ad.yml"
    data = yaml.safe_load(edited.read_text(encoding="utf-8"))
    data["summary"] = {"en": "Edited summary for the preview.", "fr": "Résumé modifié pour l’aperçu."}
    edited.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    completed = dirty_build(project)
    assert completed.returncode == 0, completed.stderr

    assert "Edited summary for the preview." in build.page(PAGES["en"].format(code="ad"))
    assert "Résumé modifié pour l’aperçu." in build.page(PAGES["fr"].format(code="ad"))
    for lang in PAGES:  # the navigation of a re-rendered page still names the pages MkDocs skipped
        assert "\nNone\n" not in build.page(PAGES[lang].format(code="ad"))
    assert "Avant de partir" in build.page(PAGES["fr"].format(code="ad"))
    assert written_at(build, "ac") == untouched
    assert (build.site / "fr/destinations/index.html").stat().st_mtime_ns > index_page

    banner = {
        "title": {"en": "Storm warning", "fr": "Avis de tempête"},
        "text": {"en": "Follow local advice.", "fr": "Suivez les consignes locales."},
        "start": "2026-11-01",
    }
    (project / "advisories" / "_banner.yml").write_text(yaml.safe_dump(banner, allow_unicode=True), encoding="utf-8")
    completed = dirty_build(project)
    assert completed.returncode == 0, completed.stderr
    assert "Storm warning" in build.page(PAGES["en"].format(code="ac"))
    assert "Avis de tempête" in build.page(PAGES["fr"].format(code="ac"))
    assert "Avis de tempête" in build.page("fr/before/index.html")


def keywords(node: object, in_names: bool = False) -> set[str]:
    """Every keyword a schema uses (names under ``properties`` and ``$defs`` are not keywords)."""
    if isinstance(node, list):
        return {k for item in node for k in keywords(item)}
    if not isinstance(node, dict):
        return set()
    found = set() if in_names else set(node)
    return found | {k for key, value in node.items() for k in keywords(value, key in ("properties", "$defs") and not in_names)}


@pytest.mark.parametrize("schema_name", ["advisory.schema.json", "banner.schema.json"])
def test_schemas_use_only_keywords_the_quick_check_reads_alike(schema_name: str) -> None:
    used = keywords(published_schema(schema_name))
    assert "$ref" in used
    assert used <= SHARED_KEYWORDS


def test_quick_check_gives_the_verdict_of_jsonschema() -> None:
    full = Draft202012Validator(advisory_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    quick = quick_check(advisory_schema())
    valid = synthetic_corpus.advisory_data("AD", True, 3, date(2026, 11, 25))
    mutations = [
        lambda a: a.update(level=9),
        lambda a: a.update(level=True),
        lambda a: a.update(last_updated="2026-11-31"),
        lambda a: a.update(last_updated="2026-02-30"),
        lambda a: a["summary"].pop("fr"),
        lambda a: a["offices"][0].update(email="nobody"),
        lambda a: a["sections"].update(extra={"en": "a", "fr": "b"}),
        lambda a: a["updates"].clear(),
        lambda a: a["summary"].update(en="   "),
        lambda a: a.update(code="ad"),
        lambda a: a["regions"][0].update(level=0),
        lambda a: a.update(indicators=["crime", "crime"]),
        lambda a: a.update(capital={"en": "Andorra la Vella"}),
        lambda a: a.update(emergency={"phone": "call us"}),
    ]
    assert full.is_valid(valid) and quick(valid)
    for mutate in mutations:
        data = copy.deepcopy(valid)
        mutate(data)
        assert not full.is_valid(data) and not quick(data)


@pytest.mark.slow
@pytest.mark.parametrize("mode", [(), ("--dirtyreload",)], ids=["serve", "dirtyreload"])
def test_serve_shows_an_edited_advisory_then_a_banner_without_restarting(tmp_path: Path, mode: tuple[str, ...]) -> None:
    project = synthetic_project(tmp_path, 2)
    port = benchmark.free_port()
    pages = {lang: f"http://127.0.0.1:{port}/{page.format(code='ac').removesuffix('index.html')}" for lang, page in PAGES.items()}
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *mode],
            cwd=project, env=benchmark.ENV, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            benchmark.wait_for(lambda: all(benchmark.page_contains(url, "<html") for url in pages.values()), 120, "the site")
            time.sleep(1)
            benchmark.edit_summary(project / "advisories" / "ac.yml", "Edited-while-serving")
            benchmark.wait_for(lambda: all(benchmark.page_contains(url, "Edited-while-serving") for url in pages.values()), 120, "the edit")
            banner = {
                "title": {"en": "Storm warning", "fr": "Avis de tempête"},
                "text": {"en": "Follow local advice.", "fr": "Suivez les consignes locales."},
                "start": "2026-11-01",
            }
            (project / "advisories" / "_banner.yml").write_text(yaml.safe_dump(banner, allow_unicode=True), encoding="utf-8")
            benchmark.wait_for(lambda: benchmark.page_contains(pages["fr"], "Avis de tempête"), 120, "the banner")
            benchmark.wait_for(lambda: benchmark.page_contains(pages["en"], "Storm warning"), 120, "the banner")
        finally:
            server.terminate()
            server.wait(timeout=30)
    output = log_path.read_text()
    assert "Traceback" not in output
    assert ("mkdocs serve --dirtyreload' (README: Previewing quickly)" in output) == (mode == ())


def test_preview_of_one_language_builds_only_that_language(tmp_path: Path) -> None:
    project = synthetic_project(tmp_path, 2)
    build = run_build(project, env={"TRAVEL_ADVICE_PREVIEW_LANGUAGE": "fr"})
    assert build.returncode == 0, build.output
    page = (project / "site" / "destinations" / "ad" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in page and "Niveau 2 sur 4" in page
    assert not (project / "site" / "fr").exists()
