"""The public record: editions read from git, history pages, edition pages, diffs, timeline, feeds."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Build, copy_project, run_build
from tests.conftest import git as _git

ORIGINAL = (FIXTURES / "advisories" / "pt.yml").read_text(encoding="utf-8")
NBSP = "\u00a0"


def _edition(text: str, *, level: int | None = None, safety: str | None = None, update: tuple[str, str, str] | None = None, minor: bool = False) -> str:
    if level is not None:
        text = re.sub(r"\nlevel: \d\n", f"\nlevel: {level}\n", text)
    if safety is not None:
        text = text.replace("Pickpockets work on trams and at viewpoints in Lisbon and Porto.", safety)
    if update is not None:
        day, en, fr = update
        entry = f"  - date: {day}\n    en: \"{en}\"\n    fr: \"{fr}\"\n" + ("    minor: true\n" if minor else "")
        text = text.replace("updates:\n", "updates:\n" + entry)
        if not minor:
            text = re.sub(r"\nlast_updated: .*\n", f"\nlast_updated: {day}\n", text)
    return text


def _commit(repo: Path, path: str, text: str, message: str, when: str) -> None:
    (repo / path).write_text(text, encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture(scope="module")
def history_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose advisory has five commits: first, level change, minor fix, reverted change, rename."""
    repo = copy_project(tmp_path_factory.mktemp("history"), advisories=FIXTURES / "advisories")
    (repo / "advisories" / "pt.yml").unlink()
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "advisories/portugal.yml", ORIGINAL, "Portugal: first edition", "2026-03-01T09:00:00-05:00")
    second = _edition(ORIGINAL, level=2, safety="Pickpockets and bag snatchers work on trams in Lisbon and Porto.",
                      update=("2026-11-01", "Level raised to 2: more thefts.", "Niveau relevé à 2 : plus de vols."))
    _commit(repo, "advisories/portugal.yml", second, "Portugal: level 2", "2026-04-10T09:00:00-04:00")
    third = _edition(second, safety="Pickpockets and bag snatchers work on trams in Lisbon and in Porto.",
                     update=("2026-11-02", "Fixed a typo.", "Coquille corrigée."), minor=True)
    _commit(repo, "advisories/portugal.yml", third, "Portugal: typo", "2026-04-12T09:00:00-04:00")
    fourth = _edition(third, level=3, update=("2026-11-03", "Level raised to 3.", "Niveau relevé à 3."))
    _commit(repo, "advisories/portugal.yml", fourth, "Portugal: level 3 (a mistake)", "2026-05-01T09:00:00-04:00")
    head = _git(repo, "rev-parse", "HEAD").strip()
    _git(repo, "revert", "--no-edit", head, when="2026-05-02T09:00:00-04:00")
    _git(repo, "mv", "advisories/portugal.yml", "advisories/pt.yml")
    _git(repo, "commit", "-q", "-m", "Portugal: file named by its code", when="2026-06-01T09:00:00-04:00")
    return repo


@pytest.fixture(scope="module")
def history_site(history_repo: Path) -> Build:
    build = run_build(history_repo)
    assert build.returncode == 0, build.output
    return build


def test_history_page_lists_every_edition_newest_first(history_site: Build) -> None:
    page = history_site.page("destinations/pt/history/index.html")
    days = re.findall(r'<li class="ta-edition[^"]*" id="edition-([0-9-]+)"', page)
    assert days == ["2026-05-02", "2026-05-01", "2026-04-12", "2026-04-10", "2026-03-01"]
    assert "Level changed from 1 to 2" in page and "Level changed from 2 to 3" in page and "Level changed from 3 to 2" in page
    assert "Withdrawn on May 2, 2026" in page
    assert "Restores the edition of April 12, 2026" in page
    assert page.count("<details>") == 1  # the minor fix, folded
    for html in (page, history_site.page("fr/destinations/pt/history/index.html")):  # its link inside, not in the summary (a control)
        summary = re.search(r"<summary[^>]*>(.*?)</summary>\s*<p class=\"ta-edition__link\"><a href=\"2026-04-12/\">", html, re.S)
        assert summary is not None and "<a " not in summary[1]
    assert '<link rel="alternate" hreflang="fr"' in page
    french = history_site.page("fr/destinations/pt/history/index.html")
    assert f"Niveau modifié{NBSP}: de 1 à 2" in french and "Retirée le 2 mai 2026" in french
    assert f"Portugal{NBSP}: historique de l’avis" in french


def test_diff_marks_words_added_and_removed(history_site: Build) -> None:
    page = history_site.page("destinations/pt/history/index.html")
    entry = page.split('id="edition-2026-04-10"')[1].split('id="edition-2026-03-01"')[0]
    assert re.search(r"<ins> ?and bag snatchers ?</ins>", entry)
    assert re.search(r"<del> ?and at viewpoints ?</del>", entry)
    assert "Safety and security" in entry and "Health" not in entry


def test_destination_page_links_its_history(history_site: Build) -> None:
    assert 'href="history/"' in history_site.page("destinations/pt/index.html")
    assert "Toutes les éditions de cet avis" in history_site.page("fr/destinations/pt/index.html")


def test_edition_page_is_archived_noindex_and_out_of_sitemap_and_search(history_site: Build) -> None:
    page = history_site.page("destinations/pt/history/2026-03-01/index.html")
    assert "Archived: this is the advisory as published on March 1, 2026" in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'href="../../"' in page  # the current advice
    assert "Level 1 of 4" in page
    withdrawn = history_site.page("fr/destinations/pt/history/2026-05-01/index.html")
    assert "Cette édition a été retirée le 2 mai 2026." in withdrawn and "Niveau 3 sur 4" in withdrawn
    sitemap = (history_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/history/2026-" not in sitemap
    assert "data-pagefind-body" not in page and "data-pagefind-body" in history_site.page("destinations/pt/index.html")
    fragments = [gzip.decompress(path.read_bytes()).decode("utf-8") for path in history_site.site.rglob("*.pf_fragment")]
    assert fragments and not [text for text in fragments if "/history/" in text.split('"content"')[0]]


def test_edition_page_is_ours_with_the_site_look_both_languages_and_the_policy(history_site: Build) -> None:
    """Edition pages are written outside MkDocs (site/edition_page.py): the site's stylesheets, its name,
    a link to the same edition in the other language, the Content-Security-Policy, no script."""
    page = history_site.page("destinations/pt/history/2026-04-10/index.html")
    for stylesheet in re.findall(r'<link rel="stylesheet" href="([^"]+)">', page):
        assert (history_site.site / "destinations/pt/history/2026-04-10" / stylesheet).resolve().is_file(), stylesheet
    assert re.search(r'href="[^"]*/assets/stylesheets/main\.[0-9a-f]+\.min\.css"', page) and "travel-advice.css" in page
    assert '<a class="md-header__title ta-edition-page__site" href="../../../../">Travel Advice and Advisories</a>' in page
    assert 'href="../../../../fr/destinations/pt/history/2026-04-10/" hreflang="fr" lang="fr">Français</a>' in page
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\';' in page
    assert "<script" not in page and "data-search-exclude" not in page
    assert '<h2 id="safety">Safety and security</h2>' in page and "bag snatchers" in page
    french = history_site.page("fr/destinations/pt/history/2026-04-10/index.html")
    assert '<html lang="fr">' in french and 'hreflang="en" lang="en">English</a>' in french
    assert "Conseils et avertissements aux voyageurs</a>" in french and "Niveau 2 sur 4" in french
    assert '<link rel="manifest" href="../../../../manifest.webmanifest">' in page  # offline reading: each language's manifest
    assert '<link rel="manifest" href="../../../../manifest.webmanifest">' in french and (history_site.site / "fr/manifest.webmanifest").is_file()


def test_edition_text_from_git_is_held_to_the_allow_list(tmp_path: Path) -> None:
    """A version committed without a build (never checked) cannot publish a script through its edition page."""
    repo = copy_project(tmp_path, advisories=FIXTURES / "advisories")
    _git(repo, "init", "-q", "-b", "main")
    hostile = ORIGINAL.replace("Pickpockets work on trams", 'Pickpockets <script>alert(1)</script><img src="x" onerror="alert(2)"> work on trams')
    _commit(repo, "advisories/pt.yml", hostile, "Portugal: unchecked", "2026-03-01T09:00:00-05:00")
    _commit(repo, "advisories/pt.yml", ORIGINAL, "Portugal: fixed", "2026-03-02T09:00:00-05:00")
    build = run_build(repo)
    assert build.returncode == 0, build.output
    for prefix in ("", "fr/"):
        page = build.page(f"{prefix}destinations/pt/history/2026-03-01/index.html")
        assert "<script" not in page and "onerror" not in page and "<img" not in page


@pytest.mark.slow
def test_edition_pages_are_valid_html(history_site: Build) -> None:
    from tests.test_html_valid import validate, where

    folders = [history_site.site / prefix / "destinations/pt/history" for prefix in ("", "fr")]
    assert [where(error, history_site.site) for error in validate(*folders)] == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 390])
def test_edition_page_reflows_under_its_policy(history_site: Build, tmp_path: Path, width: int) -> None:
    from tests.browser import chromium, require_chromium, serve_site

    require_chromium()
    with serve_site(history_site.site) as base, chromium(tmp_path / "chromium", bypass_csp=False, viewport={"width": width, "height": 800}) as context:
        page = context.new_page()
        console: list[str] = []
        page.on("console", lambda message: console.append(message.text))
        for path in ("destinations/pt/history/2026-05-01/", "fr/destinations/pt/history/2026-05-01/"):
            page.goto(base + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert page.locator(".md-header").evaluate("element => getComputedStyle(element).position") == "sticky"  # Material's stylesheet applies
        assert console == []
        page.click("text=English")
        assert page.url == base + "destinations/pt/history/2026-05-01/"


def test_shallow_clone_builds_and_says_history_is_unavailable(history_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history_repo}", str(clone)], check=True)
    shutil.rmtree(clone / "site", ignore_errors=True)
    build = run_build(clone)
    assert build.returncode == 0, build.output
    assert "history unavailable (shallow)" in build.output
    assert "was built without the repository’s history" in build.page("destinations/pt/history/index.html")
    assert "produite sans l’historique du dépôt" in build.page("fr/destinations/pt/history/index.html")
    assert not (build.site / "destinations" / "pt" / "history" / "2026-03-01").exists()


def test_open_data_timeline_gives_the_level_on_any_date(history_site: Build) -> None:
    document = json.loads(history_site.page("data/destinations/pt.json"))
    assert document["schema_version"] == "1.2"
    timeline = document["advisory"]["timeline"]
    assert timeline["national"] == [
        {"from": "2026-03-01", "to": "2026-04-10", "level": 1},
        {"from": "2026-04-10", "to": "2026-05-01", "level": 2},
        {"from": "2026-05-01", "to": "2026-05-02", "level": 3},
        {"from": "2026-05-02", "to": None, "level": 2},
    ]
    assert timeline["regions"] == [{"name": {"en": "Azores", "fr": "Açores"}, "periods": [{"from": "2026-03-01", "to": None, "level": 2}]}]
    french = json.loads(history_site.page("data/advisories-fr.json"))["advisories"][0]["timeline"]
    assert french["regions"][0]["name"] == "Açores"
    assert (history_site.site / "schema" / "export-1.0.schema.json").is_file()


def test_feed_entries_link_the_edition_that_published_them(history_site: Build) -> None:
    feed = history_site.page("destinations/pt/feed.xml")
    [entry] = [e for e in feed.split("<entry>") if "Level raised to 2" in e]
    assert 'href="https://travel-advice.example.org/destinations/pt/history/2026-04-10/"' in entry
    french = history_site.page("fr/destinations/pt/feed.xml")
    assert 'href="https://travel-advice.example.org/fr/destinations/pt/history/2026-04-10/"' in french
    assert "Level raised to 3" not in feed.split("/withdrawn</id>")[0].rsplit("<entry>", 1)[0]  # only its withdrawal


@pytest.mark.parametrize(
    ("lang", "title", "said"),
    [
        ("en", "Portugal: update withdrawn (“Level raised to 3.”)", "The update “Level raised to 3.” of November 3, 2026 was withdrawn on May 2, 2026"),
        ("fr", f"Portugal{NBSP}: mise à jour retirée («{NBSP}Niveau relevé à 3.{NBSP}»)",
         f"La mise à jour «{NBSP}Niveau relevé à 3.{NBSP}» du 3 novembre 2026 a été retirée le 2 mai 2026{NBSP}:"),
    ],
)
def test_feeds_tell_their_readers_a_change_was_withdrawn(history_site: Build, lang: str, title: str, said: str) -> None:
    """A reader fetched the entry of the reverted change: the revert gives it an entry of its own, linking the withdrawn edition."""
    import feedparser

    prefix = "fr/" if lang == "fr" else ""
    for path in (f"{prefix}destinations/pt/feed.xml", f"{prefix}feed.xml"):
        feed = feedparser.parse(history_site.page(path))
        assert not feed.bozo
        [entry] = [e for e in feed.entries if e.id.endswith("/withdrawn")]
        assert entry.id == f"tag:travel-advice.example.org,2026-11-03:{lang}/pt/1/withdrawn"
        assert entry.title == title and said in entry.content[0].value
        assert entry.link == f"https://travel-advice.example.org/{prefix}destinations/pt/history/2026-05-01/"
        assert entry.updated == "2026-05-02T13:00:00+00:00"  # the revert's commit, 09:00 in Ottawa
    edition = history_site.page(f"{prefix}destinations/pt/history/2026-05-01/index.html")
    assert ("withdrawn on May 2, 2026" if lang == "en" else "retirée le 2 mai 2026") in edition


def test_history_reads_up_to_the_build_moment(history_repo: Path, tmp_path: Path) -> None:
    from travel_advice.core.history import read_history

    assert read_history(tmp_path, datetime(2026, 11, 25, tzinfo=UTC)).unavailable == "no-git"
    history = read_history(history_repo / "advisories", datetime(2026, 4, 11, tzinfo=UTC))
    assert [e.address for e in history.of("PT")] == ["2026-03-01", "2026-04-10"]


def test_editions_are_dated_in_the_ministrys_time_zone_not_the_commits(tmp_path: Path) -> None:
    """Two commits made on the same UTC day fall on two Ottawa days, and one made from Paris at 01:30
    on 5 March is still 4 March in Ottawa."""
    from zoneinfo import ZoneInfo

    from travel_advice.core.history import read_history

    (tmp_path / "advisories").mkdir()
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, "advisories/pt.yml", ORIGINAL, "Portugal", "2026-03-03T02:30:00+00:00")
    _commit(tmp_path, "advisories/pt.yml", _edition(ORIGINAL, level=2), "Portugal: level 2", "2026-03-03T20:00:00+00:00")
    _commit(tmp_path, "advisories/pt.yml", _edition(ORIGINAL, level=3), "Portugal: level 3", "2026-03-05T01:30:00+01:00")
    ottawa = read_history(tmp_path / "advisories", datetime(2026, 11, 25, tzinfo=ZoneInfo("America/Toronto"))).of("PT")
    assert [e.address for e in ottawa] == ["2026-03-02", "2026-03-03", "2026-03-04"]
    assert all(e.published.tzinfo == ZoneInfo("America/Toronto") for e in ottawa)
    utc = read_history(tmp_path / "advisories", datetime(2026, 11, 25, tzinfo=UTC)).of("PT")
    assert [e.address for e in utc] == ["2026-03-03", "2026-03-03-2", "2026-03-05"]


def test_a_draft_is_not_an_edition_until_published(tmp_path: Path) -> None:
    from travel_advice.core.history import read_history

    (tmp_path / "advisories").mkdir()
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, "advisories/pt.yml", "status: draft\n" + ORIGINAL, "Portugal: draft", "2026-02-01T09:00:00-05:00")
    _commit(tmp_path, "advisories/pt.yml", "status: draft\n" + _edition(ORIGINAL, level=2), "Portugal: draft, level 2", "2026-02-02T09:00:00-05:00")
    _commit(tmp_path, "advisories/pt.yml", ORIGINAL, "Portugal: published", "2026-02-03T09:00:00-05:00")
    _commit(tmp_path, "advisories/pt.yml", ORIGINAL.replace("code: PT", "# a comment\ncode: PT"), "comment only", "2026-02-04T09:00:00-05:00")
    [edition] = read_history(tmp_path / "advisories", datetime(2026, 11, 25, tzinfo=UTC)).of("PT")
    assert (edition.address, edition.advisory.level, edition.withdrawn) == ("2026-02-03", 1, None)


def test_a_scheduled_edition_counts_from_publish_at_if_still_there_then(tmp_path: Path) -> None:
    from travel_advice.core.history import read_history

    (tmp_path / "advisories").mkdir()
    _git(tmp_path, "init", "-q", "-b", "main")
    _commit(tmp_path, "advisories/pt.yml", ORIGINAL, "Portugal", "2026-02-01T09:00:00-05:00")
    due = _edition(ORIGINAL, level=2) + "publish_at: 2026-03-01T09:00:00-05:00\n"
    _commit(tmp_path, "advisories/pt.next.yml", due, "Portugal: level 2 on March 1", "2026-02-20T09:00:00-05:00")
    cancelled = _edition(ORIGINAL, level=3) + "publish_at: 2026-05-01T09:00:00-05:00\n"
    _commit(tmp_path, "advisories/pt.next.yml", cancelled, "Portugal: level 3 on May 1", "2026-04-01T09:00:00-05:00")
    (tmp_path / "advisories" / "pt.next.yml").unlink()
    _commit(tmp_path, "advisories/pt.yml", _edition(ORIGINAL, level=2), "Portugal: level 3 cancelled, March edition made live", "2026-04-20T09:00:00-04:00")
    editions = read_history(tmp_path / "advisories", datetime(2026, 11, 25, tzinfo=UTC)).of("PT")
    assert [(e.address, e.advisory.level) for e in editions] == [("2026-02-01", 1), ("2026-03-01", 2)]
    before = read_history(tmp_path / "advisories", datetime(2026, 2, 25, tzinfo=UTC)).of("PT")
    assert [e.address for e in before] == ["2026-02-01"]


def test_edition_pages_and_timeline_are_dated_the_ottawa_day_in_both_languages(tmp_path: Path) -> None:
    """A built site (time_zone: America/Toronto): commits whose own offsets fall on another day than Ottawa
    (summer time from 8 March) give Ottawa days to the history page, the edition addresses and the timeline."""
    repo = copy_project(tmp_path, advisories=FIXTURES / "advisories")
    assert "time_zone: America/Toronto" in (repo / "mkdocs.yml").read_text(encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "advisories/pt.yml", ORIGINAL, "Portugal: first edition", "2026-03-10T22:30:00-05:00")
    _commit(repo, "advisories/pt.yml", _edition(ORIGINAL, level=2), "Portugal: level 2", "2026-03-12T02:00:00+01:00")
    _commit(repo, "advisories/pt.yml", _edition(ORIGINAL, level=3), "Portugal: level 3", "2026-03-13T03:30:00+00:00")
    build = run_build(repo)
    assert build.returncode == 0, build.output
    for language in ("", "fr/"):
        page = build.page(f"{language}destinations/pt/history/index.html")
        assert re.findall(r'id="edition-([0-9-]+)"', page) == ["2026-03-12", "2026-03-11", "2026-03-10"]
        assert (build.site / language / "destinations/pt/history/2026-03-10/index.html").is_file()
    timeline = json.loads(build.page("data/destinations/pt.json"))["advisory"]["timeline"]
    assert [(p["from"], p["to"], p["level"]) for p in timeline["national"]] == [
        ("2026-03-10", "2026-03-11", 1), ("2026-03-11", "2026-03-12", 2), ("2026-03-12", None, 3)]


@pytest.mark.browser
def test_history_and_edition_pages_pass_axe_in_both_languages_at_320_px(history_site: Build, tmp_path: Path) -> None:
    """axe (WCAG 2.1 AA and best practices) on the history page, a withdrawn and a first edition, wide and at 320 px."""
    from tests.browser import chromium, require_chromium, serve_site
    from tests.test_accessibility import serious_violations

    require_chromium()
    with serve_site(history_site.site) as base_url, chromium(tmp_path) as context:
        page = context.new_page()
        for language in ("", "fr/"):
            for path in ("destinations/pt/history/", "destinations/pt/history/2026-05-01/", "destinations/pt/history/2026-03-01/"):
                for width in (1280, 320):
                    page.set_viewport_size({"width": width, "height": 800})
                    response = page.goto(f"{base_url}/{language}{path}", wait_until="load")
                    assert response is not None and response.ok
                    assert serious_violations(page) == [], f"{language}{path} at {width} px"
                    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{language}{path} scrolls sideways at {width} px"


@pytest.mark.slow
def test_history_and_edition_pages_are_valid_html_with_no_broken_link(history_site: Build) -> None:
    """The Nu validator and the link checker on a site with history: the shipped example is copied without git."""
    from tests.linkcheck import check_site
    from tests.test_html_valid import validate, where

    folders = [history_site.site / language / "destinations/pt/history" for language in ("", "fr")]
    assert sum(1 for folder in folders for _ in folder.rglob("index.html")) == 12
    assert [where(error, history_site.site) for error in validate(*folders)] == []
    report = check_site(history_site.site)
    assert "fr/destinations/pt/history/2026-05-01/index.html" in report.pages
    assert report.broken == []


def test_search_index_written_before_the_edition_pages(history_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind reads every HTML file of the output: the archived editions, never searched, are written after it."""
    from travel_advice.glue import pagefind_index

    seen: list[list[Path]] = []
    index = pagefind_index.write_indexes

    def recording(site_dir: Path, folders: dict[str, str]) -> None:
        seen.append(sorted(site_dir.glob("**/history/*/index.html")))
        index(site_dir, folders)

    monkeypatch.setattr(pagefind_index, "write_indexes", recording)
    project = shutil.copytree(history_repo, tmp_path / "project")
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert seen == [[]]
    assert (build.site / "destinations/pt/history/2026-04-10/index.html").is_file()
    assert (build.site / "fr/destinations/pt/history/2026-04-10/index.html").is_file()
    assert "2026-04-10" not in json.dumps(sorted(p.name for p in (build.site / "pagefind").rglob("*")))
