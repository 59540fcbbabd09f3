"""The emergency banner: when and where it shows, in both languages, and how a bad file fails."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from travel_advice.cli.main import main
from travel_advice.core.banner import Banner, load_banner
from travel_advice.core.model import Localized

from .browser import chromium, require_chromium, serve_site
from .conftest import FIXTURES, ROOT, Build, copy_project, run_build
from .test_accessibility import serious_violations
from .test_build_errors import output_files, previous_output
from .test_sitemap_meta import html_pages

BANNER = """\
# yaml-language-server: $schema=../plugins/travel_advice/core/schema/banner.schema.json
title:
  en: Wildfires near Lisbon
  fr: Feux de forêt près de Lisbonne
text:
  en: Roads north of the city are closed. **Follow local authorities.**
  fr: Les routes au nord de la ville sont fermées. **Suivez les consignes des autorités locales.**
link:
  en: during/emergency/
  fr: https://example.org/fr/urgence
start: 2026-11-20
end: 2026-11-30
"""
ALERT = '<div class="ta-alert" role="alert"'
TITLE = {"en": "<strong>Wildfires near Lisbon</strong>", "fr": "<strong>Feux de forêt près de Lisbonne</strong>"}
LABEL = {"en": "Emergency: ", "fr": "Urgence\u00a0: "}


def write_banner(project: Path, text: str = BANNER) -> Path:
    path = project / "advisories" / "_banner.yml"
    path.write_text(text, encoding="utf-8")
    return path


def pages_by_language(site: Path) -> dict[str, dict[str, str]]:
    return {
        lang: {str(p.relative_to(site)): p.read_text("utf-8") for p in html_pages(site, lang)} for lang in ("en", "fr")
    }


def test_active_dates_include_start_and_end() -> None:
    banner = Banner(Localized("t", "t"), Localized("x", "x"), date(2026, 11, 20), date(2026, 11, 30))
    assert not banner.is_active(date(2026, 11, 19))
    assert banner.is_active(date(2026, 11, 20)) and banner.is_active(date(2026, 11, 30))
    assert not banner.is_active(date(2026, 12, 1))
    assert Banner(Localized("t", "t"), Localized("x", "x"), date(2026, 11, 20)).is_active(date(2030, 1, 1))


def test_the_shipped_example_is_valid_and_inactive() -> None:
    banner, problems = load_banner(ROOT / "advisories", {"MX"})
    assert problems == [] and banner is not None
    assert banner.end is not None and banner.end < date.today()


@pytest.fixture(scope="module")
def active_banner_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The small project with ``BANNER``, built on its last day."""
    project = copy_project(tmp_path_factory.mktemp("banner"), advisories=FIXTURES / "advisories")
    write_banner(project)
    build = run_build(project, build_date="2026-11-30")
    assert build.returncode == 0, build.output
    return build


def test_active_banner_shows_on_every_page_in_its_language(active_banner_site: Build) -> None:
    build = active_banner_site
    pages = pages_by_language(build.site)
    assert len(pages["en"]) == len(pages["fr"]) > 15
    for lang, other in (("en", "fr"), ("fr", "en")):
        for name, html in pages[lang].items():
            assert ALERT in html and TITLE[lang] in html and LABEL[lang] in html, name
            assert TITLE[other] not in html, name
    assert ALERT in (build.site / "404.html").read_text("utf-8")
    home = pages["fr"]["fr/index.html"]
    assert "<strong>Suivez les consignes des autorités locales.</strong>" in home
    assert '<a href="https://example.org/fr/urgence">En savoir plus</a>' in home
    assert '<a href="during/emergency/">More information</a>' in pages["en"]["index.html"]
    assert '<a href="../../during/emergency/">More information</a>' in pages["en"]["destinations/pt/index.html"]


@pytest.mark.parametrize(("start", "end"), [("2026-11-01", "2026-11-24"), ("2026-11-26", "2026-11-30")])
def test_no_banner_outside_its_dates(small_project: Path, start: str, end: str) -> None:
    write_banner(small_project, BANNER.replace("start: 2026-11-20", f"start: {start}").replace("end: 2026-11-30", f"end: {end}"))
    build = run_build(small_project, build_date="2026-11-25")
    assert build.returncode == 0, build.output
    for pages in pages_by_language(build.site).values():
        assert pages
        for name, html in pages.items():
            assert "ta-alert" not in html and 'class="md-banner"' not in html, name
    assert "ta-alert" not in (build.site / "404.html").read_text("utf-8")


def test_banner_for_some_destinations_shows_on_their_pages_and_the_home_pages(small_project: Path) -> None:
    write_banner(small_project, BANNER + "destinations: [PT]\n")
    build = run_build(small_project, build_date="2026-11-25")
    assert build.returncode == 0, build.output
    with_banner = {"index.html", "destinations/pt/index.html"}
    for lang, pages in pages_by_language(build.site).items():
        prefix = "" if lang == "en" else "fr/"
        for name, html in pages.items():
            assert (ALERT in html) == (name.removeprefix(prefix) in with_banner), name
    assert ALERT not in (build.site / "404.html").read_text("utf-8")


def test_bad_banner_fails_before_touching_the_output(small_project: Path) -> None:
    before = previous_output(small_project)
    write_banner(small_project, BANNER.replace("end: 2026-11-30", "end: 2026-11-10").replace("  en: during/emergency/", "  en: /during emergency/") + "destinations: [PT, ZZ]\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "1 problem in the advisories; nothing was built:" in build.output
    assert (
        "advisories/_banner.yml:9: link.en: '/during emergency/' is not allowed; expected a full https:// address, "
        "or a path from the site root without a leading slash, e.g. during/emergency/"
    ) in build.output
    assert "Traceback" not in build.output
    assert output_files(small_project) == before


def test_banner_dates_and_destinations_are_checked(small_project: Path) -> None:
    before = previous_output(small_project)
    write_banner(small_project, BANNER.replace("end: 2026-11-30", "end: 2026-11-10") + "destinations: [PT, ZZ]\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "2 problems in the advisories; nothing was built:" in build.output
    assert "advisories/_banner.yml:12: end: 2026-11-10 is before start (2026-11-20); expected an end date on or after the start date" in build.output
    assert "advisories/_banner.yml:13: destinations[1]: 'ZZ' has no advisory; expected the code of a published destination" in build.output
    assert output_files(small_project) == before


def test_banner_with_missing_title_and_unknown_field(small_project: Path) -> None:
    write_banner(small_project, BANNER.replace("title:\n  en: Wildfires near Lisbon\n  fr: Feux de forêt près de Lisbonne\n", "") + "colour: red\n")
    build = run_build(small_project)
    assert build.returncode == 1
    assert "advisories/_banner.yml:2: title: missing; expected A few words that name the emergency" in build.output
    assert "advisories/_banner.yml:10: colour: unknown field; expected one of: destinations, end, link, start, text, title" in build.output


def test_check_command_reports_a_bad_banner_like_the_build(small_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write_banner(small_project, BANNER.replace("end: 2026-11-30", "end: 2026-11-10"))
    monkeypatch.chdir(small_project)
    assert main(["check", "--today", "2026-11-25"]) == 1
    out = capsys.readouterr().out
    assert "advisories/_banner.yml:12: end: 2026-11-10 is before start (2026-11-20); expected an end date on or after the start date" in out


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True])
def test_banner_in_a_browser_is_visible_and_accessible(active_banner_site: Build, tmp_path: Path, javascript: bool) -> None:
    """Visible without JavaScript; with it, axe-core finds no serious violation."""
    require_chromium()
    with serve_site(active_banner_site.site) as base_url, chromium(tmp_path / "chromium", java_script_enabled=javascript) as context:
        page = context.new_page()
        for lang, path in (("en", ""), ("fr", "fr/destinations/pt/")):
            page.set_viewport_size({"width": 390, "height": 800})
            page.goto(base_url + path, wait_until="load")
            alert = page.get_by_role("alert")
            assert alert.is_visible()
            assert TITLE[lang].removeprefix("<strong>").removesuffix("</strong>") in alert.inner_text()
            if javascript:
                assert serious_violations(page) == []
