"""No broken internal link or anchor in the built site, in either language; outside links not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Build
from .linkcheck import Report, check_site


@pytest.fixture(scope="module")
def report(shipped_site: Build) -> Report:
    return check_site(shipped_site.site)


def in_language(page: str, lang: str) -> bool:
    return page.startswith("fr/") == (lang == "fr")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_broken_internal_link_or_anchor(report: Report, lang: str) -> None:
    pages = [page for page in report.pages if in_language(page, lang)]
    assert f"{'fr/' if lang == 'fr' else ''}destinations/index.html" in pages
    assert [str(link) for link in report.broken if in_language(link.page, lang)] == []


def test_every_page_is_reached_by_links(report: Report) -> None:
    assert report.internal_links > 20 * len(report.pages)
    assert report.outside_links > 0


def write(site: Path, page: str, body: str) -> None:
    path = site / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"<!doctype html><html><body>\n{body}\n</body></html>", encoding="utf-8")


def test_the_checker_finds_missing_files_and_anchors(tmp_path: Path) -> None:
    write(tmp_path, "index.html", '<h2 id="top">Top</h2><a href="fr/">fr</a>\n<a href="#top">ok</a> <a href="#nowhere">bad</a>')
    write(
        tmp_path,
        "fr/index.html",
        '<a href="../#top">ok</a> <a href="../#gone">bad anchor</a>\n'
        '<img src="missing.png" alt=""> <a href="https://example.org/x">outside</a> <a href="mailto:a@example.org">mail</a>\n'
        '<a href="../../../etc/passwd">escapes</a> <a href="/index.html">root</a>',
    )
    report = check_site(tmp_path)
    assert [str(link) for link in report.broken] == [
        "fr/index.html:2: ../#gone: no id 'gone' in index.html",
        "fr/index.html:3: missing.png: no such file in the site",
        "fr/index.html:4: ../../../etc/passwd: no such file in the site",
        "index.html:3: #nowhere: no id 'nowhere' in index.html",
    ]
    assert report.outside_links == 2
