"""Generated pages made without Markdown (glue/direct_page.py) are byte for byte what Markdown makes of them."""

from __future__ import annotations

import filecmp
import shutil
import sys
from datetime import date
from pathlib import Path

import markdown
import pytest

from tests import test_history
from tests.conftest import ROOT, copy_project, run_build, unexpected_warnings
from travel_advice.glue import direct_page, generated_page

history_repo = test_history.history_repo


def _built(project: Path, site: str, monkeypatch: pytest.MonkeyPatch, *, direct: bool) -> Path:
    """``project`` built into ``site``, its generated pages made directly where they can be, or all through Markdown."""
    with monkeypatch.context() as patch:
        patch.setattr(generated_page, "_MARKDOWN", {})
        if not direct:
            patch.setattr(direct_page, "follows", lambda md: False)
        build = run_build(project, "-d", site)
    assert build.returncode == 0 and unexpected_warnings(build.output) == [], build.output
    return project / site


def _same_files(first: Path, second: Path) -> int:
    files = sorted(str(path.relative_to(first)) for path in first.rglob("*") if path.is_file() and "pagefind" not in path.parts)
    assert files == sorted(str(path.relative_to(second)) for path in second.rglob("*") if path.is_file() and "pagefind" not in path.parts)
    _, mismatch, errors = filecmp.cmpfiles(first, second, files, shallow=False)
    assert not mismatch and not errors, mismatch[:5]
    return len(files)


@pytest.mark.slow
def test_the_shipped_site_is_the_same_made_directly_or_through_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy_project(tmp_path)
    made: list[str] = []
    original = direct_page.render_direct
    monkeypatch.setattr(direct_page, "render_direct", lambda parts, md: (found := original(parts, md)) and (made.append("page") or found))
    direct = _built(project, "site-direct", monkeypatch, direct=True)
    assert len(made) > 20  # the destination pages, the index, the map, the latest updates, the history pages
    assert _same_files(direct, _built(project, "site-markdown", monkeypatch, direct=False)) > 100


@pytest.mark.slow
def test_a_synthetic_site_with_escaped_names_is_the_same_made_directly_or_through_markdown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The benchmark's destinations: names with hyphens and brackets, escaped in headings (``Congo - Brazzaville``)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import synthetic_corpus

    project = synthetic_corpus.write_project(tmp_path / "synthetic", 60, date(2026, 11, 25))
    direct = _built(project, "site-direct", monkeypatch, direct=True)
    assert '<h1 id="cocos-keeling-islands">Cocos (Keeling) Islands<a' in (direct / "destinations" / "cc" / "index.html").read_text("utf-8")
    assert _same_files(direct, _built(project, "site-markdown", monkeypatch, direct=False)) > 100


@pytest.mark.slow
def test_history_pages_are_the_same_made_directly_or_through_markdown(history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(history_repo, project, ignore=shutil.ignore_patterns("site", ".cache"))
    _same_files(_built(project, "site-direct", monkeypatch, direct=True), _built(project, "site-markdown", monkeypatch, direct=False))


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("## Safety and security {: #safety }", True),
        ("## Useful links {: #useful-links data-pagefind-ignore }", True),
        ("### Road safety", True),
        ("# Côte d’Ivoire", True),
        ("# Îles Malouines : historique de l’avis", True),
        ("# Saint\\-Barthélemy", True),
        ("## Cocos \\(Keeling\\) Islands\\. \\#1 \\*not\\* \\_em\\_", True),
        ("## Trinidad &amp; Tobago", False),
        ("### Crime *in* cities", False),
        ("### Fees & taxes", False),
        ("### Links [here](https://example.org)", False),
        ("### A {: .class }", False),
        ("### A {: key=value }", False),
        ("### <b>bold</b>", False),
        ("## <script>alert(1)</script>", False),
        ("## x {: onclick=alert(1) }", False),
        ("Not a heading", False),
    ],
)
def test_only_plain_headings_are_made_directly(line: str, plain: bool) -> None:
    assert (direct_page.heading(line) is not None) == plain


@pytest.mark.parametrize(
    "source",
    [
        "# Title\n\n<div>generated</div>\n\n## Safety {: #safety }\n### Crime\n\n<p>x</p>\n\n### Crime\n\n<span>inline</span>\n",
        "## Twice\n\n## Twice\n\n## Other {: #twice_1 }\n\n## Useful links {: #useful-links data-pagefind-ignore }\n",
        "<p>first</p>\n\n# Late title\n\n#### Deep heading\n",
        '## Say "hello", it\'s fine : oui !\n\n<p class="ta-note">x</p>\n',
        "# Saint\\-Barthélemy\n\n<p>x</p>\n\n## Cocos \\(Keeling\\) Islands\\. \\#1 \\*not\\* \\_em\\_ \\{x\\} \\\\ \\[y\\] \\+ \\!\n\n### Saint\\#\n",
    ],
)
def test_a_page_made_directly_is_what_markdown_makes(source: str) -> None:
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "def_list"],
                           extension_configs={"toc": {"permalink": True, "permalink_title": "Lien permanent"}})
    assert direct_page.follows(md)
    blocks = generated_page._blocks(generated_page._normalized_lines(source, md))
    parts = direct_page.parts(blocks)
    assert parts is not None
    page = direct_page.render_direct(parts, md)
    assert page is not None
    md.preprocessors.register(generated_page._StashGeneratedHtml(md, blocks), "travel_advice_generated_html", 27)
    assert page.html == md.convert(source)
    assert page.toc_tokens == md.toc_tokens  # type: ignore[attr-defined]
    assert not direct_page.follows(markdown.Markdown(extensions=["toc", "smarty"]))
