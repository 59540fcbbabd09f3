"""An advisory whose file is deleted keeps its public record: history, editions, timeline, a page at its address."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import FIXTURES, Build, copy_project, run_build
from tests.test_history import ORIGINAL, _commit, _edition, _git
from travel_advice.core.words import format_day

WITHDRAWN = date(2026, 6, 1)
SPAIN = ORIGINAL.replace("code: PT", "code: ES")


def _repo(root: Path) -> Path:
    """Spain and Portugal published; Portugal's level raised, then its file deleted on 1 June."""
    repo = copy_project(root, advisories=FIXTURES / "advisories")
    (repo / "advisories" / "es.yml").write_text(SPAIN, encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "advisories/pt.yml", ORIGINAL, "Spain and Portugal: first editions", "2026-03-01T09:00:00-05:00")
    second = _edition(ORIGINAL, level=2, update=("2026-11-01", "Level raised to 2.", "Niveau relevé à 2."))
    _commit(repo, "advisories/pt.yml", second, "Portugal: level 2", "2026-04-10T09:00:00-04:00")
    _git(repo, "rm", "-q", "advisories/pt.yml")
    _git(repo, "commit", "-q", "-m", "Portugal: advisory withdrawn", when="2026-06-01T21:30:00-04:00")
    return repo


@pytest.fixture(scope="module")
def withdrawn_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    build = run_build(_repo(tmp_path_factory.mktemp("withdrawn")))
    assert build.returncode == 0, build.output
    return build


def _page(site: Build, lang: str, path: str) -> str:
    return site.page(("fr/" if lang == "fr" else "") + path)


@pytest.mark.parametrize(("lang", "notice"), [("en", "This advisory was withdrawn on"), ("fr", "Cet avis a été retiré le")])
def test_the_old_address_says_when_and_leads_to_the_record(withdrawn_site: Build, lang: str, notice: str) -> None:
    page = _page(withdrawn_site, lang, "destinations/pt/index.html")
    assert f"{notice} {format_day(WITHDRAWN, lang)}" in page  # the Ottawa day of a 21:30 commit, not the UTC one
    assert re.search(r'<a href="history/">', page)
    assert "ta-level-badge" not in page.split('<article', 1)[1]  # no level in force is shown


@pytest.mark.parametrize(("lang", "entry"), [("en", "Advisory withdrawn on"), ("fr", "Avis retiré le")])
def test_history_page_stays_with_a_last_entry_for_the_withdrawal(withdrawn_site: Build, lang: str, entry: str) -> None:
    page = _page(withdrawn_site, lang, "destinations/pt/history/index.html")
    assert f"{entry} {format_day(WITHDRAWN, lang)}" in page
    ids = re.findall(r'<li class="ta-edition[^"]*" id="([^"]+)"', page)
    assert ids == ["withdrawn", "edition-2026-04-10", "edition-2026-03-01"]
    for day in ("2026-04-10", "2026-03-01"):
        edition = _page(withdrawn_site, lang, f"destinations/pt/history/{day}/index.html")
        assert 'name="robots" content="noindex' in edition


@pytest.mark.parametrize(("lang", "heading", "said"), [("en", "Withdrawn advisories", "withdrawn on"), ("fr", "Avis retirés", "retiré le")])
def test_index_lists_the_withdrawn_destination_apart(withdrawn_site: Build, lang: str, heading: str, said: str) -> None:
    page = _page(withdrawn_site, lang, "destinations/index.html")
    table, _, rest = page.partition(f'<h2 id="{"withdrawn-advisories" if lang == "en" else "avis-retires"}">{heading}')
    assert rest, "no list of withdrawn advisories"
    assert 'href="pt/"' not in table and 'href="es/"' in table
    item = re.search(r'<ul class="ta-withdrawn-list">(.*?)</ul>', rest, re.S)
    assert item and 'href="pt/history/"' in item.group(1) and f"{said} {format_day(WITHDRAWN, lang)}" in item.group(1)


def test_open_data_keeps_the_timeline_ended_on_the_withdrawal_day(withdrawn_site: Build) -> None:
    data = json.loads((withdrawn_site.site / "data/advisories.json").read_text(encoding="utf-8"))
    assert [a["code"] for a in data["advisories"]] == ["ES"]
    (gone,) = data["withdrawn"]
    assert gone["code"] == "PT" and gone["withdrawn"] == "2026-06-01"
    assert gone["name"] == {"en": "Portugal", "fr": "Portugal"}
    assert gone["timeline"]["national"] == [
        {"from": "2026-03-01", "to": "2026-04-10", "level": 1},
        {"from": "2026-04-10", "to": "2026-06-01", "level": 2},
    ]
    assert gone["timeline"]["regions"][0]["periods"][-1]["to"] == "2026-06-01"
    assert gone["history_url"]["fr"].endswith("fr/destinations/pt/history/")
    french = json.loads((withdrawn_site.site / "data/advisories-fr.json").read_text(encoding="utf-8"))
    assert french["withdrawn"][0]["history_url"].endswith("fr/destinations/pt/history/")
    schema = json.loads((withdrawn_site.site / "schema/export.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for document in (data, french):
        assert list(validator.iter_errors(document)) == []


def test_an_advisory_published_again_continues_its_record(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    _commit(repo, "advisories/pt.yml", _edition(ORIGINAL, update=("2026-11-05", "Advice published again.", "Avis publié de nouveau.")),
            "Portugal: back", "2026-07-01T09:00:00-04:00")
    build = run_build(repo)
    assert build.returncode == 0, build.output
    page = build.page("destinations/pt/history/index.html")
    assert re.findall(r'<li class="ta-edition[^"]*" id="([^"]+)"', page) == ["edition-2026-07-01", "edition-2026-04-10", "edition-2026-03-01"]
    assert "Withdrawn advisories" not in build.page("destinations/index.html")


@pytest.mark.browser
def test_withdrawn_pages_fit_a_phone_in_both_languages(withdrawn_site: Build, tmp_path: Path) -> None:
    """The old address, the history page and the index's list: no sideways scroll at 320 px, no serious axe violation."""
    from tests.test_accessibility import on_a_phone

    opened = [address for address, _ in on_a_phone(withdrawn_site.site, ["destinations/pt/", "destinations/pt/history/", "destinations/"], tmp_path)]
    assert len(opened) == 6


@pytest.mark.parametrize(("lang", "title", "notice"), [("en", "Portugal: advisory withdrawn", "This advisory was withdrawn on"),
                                                      ("fr", "Portugal\u00a0: avis retiré", "Cet avis a été retiré le")])
def test_feeds_announce_the_withdrawal_and_its_own_feed_stays(withdrawn_site: Build, lang: str, title: str, notice: str) -> None:
    import feedparser

    prefix = "fr/" if lang == "fr" else ""
    own = feedparser.parse(_page(withdrawn_site, lang, "destinations/pt/feed.xml"))
    site = feedparser.parse(_page(withdrawn_site, lang, "feed.xml"))
    for feed in (own, site):
        assert not feed.bozo
        [entry] = [e for e in feed.entries if e.id.endswith("/withdrawn")]
        assert entry.id == f"tag:travel-advice.example.org,2026-06-01:{lang}/pt/withdrawn"
        assert entry.title == title and f"{notice} {format_day(WITHDRAWN, lang)}" in entry.content[0].value
        assert entry.link == f"https://travel-advice.example.org/{prefix}destinations/pt/history/"
    assert len(own.entries) > 1 and not any("/es/" in e.id for e in own.entries)  # the changes it had stay listed
    assert not any(e.id.endswith("/withdrawn") and "/es/" in e.id for e in site.entries)


def test_latest_updates_page_lists_the_withdrawal(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("advisories_dir: advisories", "advisories_dir: advisories\n      latest_days: 365"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "Latest updates: a year", when="2026-06-02T09:00:00-04:00")
    build = run_build(repo)
    assert build.returncode == 0, build.output
    for lang, said in (("en", "Advisory withdrawn: the site no longer publishes advice"), ("fr", "Avis retiré\u00a0: le site ne publie plus de conseils")):
        page = _page(build, lang, "destinations/latest/index.html")
        [item] = re.findall(r'<li class="ta-latest__withdrawn">.*?</li>', page, re.S)
        assert said in item and 'href="../pt/history/"' in item and 'datetime="2026-06-01"' in item
