"""The editorial lifecycle: drafts, minor changes, scheduled editions, reviews, the daily build."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Build, run_build, run_cli, unexpected_warnings
from tests.test_search import index_text

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark  # noqa: E402

DRAFT = ROOT / "advisories" / "de.yml"
LANGS = {"en": "", "fr": "fr/"}


cli = run_cli
"""``travel-advice ARGS`` in ``cwd``, without the build-date variable unless ``env`` sets it (in this process)."""


def every_output(build: Build) -> dict[str, str]:
    """Every text file of a built site, by its path in the site, and what each language's search index holds (``pagefind/``)."""
    outputs = {
        p.relative_to(build.site).as_posix(): p.read_text("utf-8")
        for p in build.site.rglob("*")
        if p.suffix in (".html", ".xml", ".json", ".txt")
    }
    return outputs | {f"{prefix}pagefind/": index_text(build.site, prefix) for prefix in LANGS.values()}


# ---------------------------------------------------------------- drafts


@pytest.fixture
def with_drafts(small_project: Path) -> Path:
    """The small project with the shipped complete draft (DE) and an unedited ``travel-advice new`` draft (JP)."""
    shutil.copy(DRAFT, small_project / "advisories" / "de.yml")
    assert cli(small_project, "new", "JP", "--today", "2026-11-25").returncode == 0
    return small_project


def test_drafts_are_absent_from_every_output_of_a_strict_build(with_drafts: Path) -> None:
    build = run_build(with_drafts)
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    assert "advisories/de.yml: draft, not published" in build.output
    assert "advisories/jp.yml: draft, not published; 19 field(s) to complete" in build.output
    outputs = every_output(build)
    assert not [p for p in outputs if "/de/" in p or "/jp/" in p or p.endswith(("de.json", "jp.json"))]
    for path, text in outputs.items():
        for word in ("Germany", "Allemagne", "Japan", "Japon", '"DE"', '"JP"', "destinations/de/", "destinations/jp/"):
            assert word not in text, (path, word)
    # and the published destination is all there: pages, feed, open data, sitemap, search index
    for prefix in LANGS.values():
        assert "/destinations/pt/" in outputs[f"{prefix}pagefind/"]
        assert "<entry>" in outputs[f"{prefix}feed.xml"]
    assert "destinations/pt/" in outputs["sitemap.xml"]
    assert [a["code"] for a in json.loads(outputs["data/advisories.json"])["advisories"]] == ["PT"]


@pytest.mark.slow
def test_serve_shows_a_complete_draft_marked_in_both_languages(with_drafts: Path, tmp_path: Path) -> None:
    port = benchmark.free_port()
    url = f"http://127.0.0.1:{port}/{{prefix}}destinations/de/"
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=with_drafts, env=benchmark.ENV, stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            marks = {"": "Draft — not published", "fr/": "Ébauche — non publiée"}
            for prefix, mark in marks.items():
                benchmark.wait_for(lambda p=prefix, m=mark: benchmark.page_contains(url.format(prefix=p), m), 120, "the draft")
        finally:
            server.terminate()
            server.wait(timeout=30)
    assert "advisories/de.yml: draft, not published; shown in this preview" in log_path.read_text()


def test_check_lists_drafts_apart_and_says_what_one_lacks(with_drafts: Path) -> None:
    result = cli(with_drafts, "check", "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "advisories/de.yml: draft, not published: complete; delete its 'status: draft' line to publish it",
        "advisories/jp.yml: draft, not published: 19 fields to complete (travel-advice check --publishable advisories/jp.yml)",
        "3 advisory files checked: no problems; 2 drafts (not published)",
    ]
    publishable = cli(with_drafts, "check", "--today", "2026-11-25", "--publishable", "advisories/jp.yml")
    assert publishable.returncode == 1
    lacking = publishable.stdout.splitlines()[:-2]
    assert len(lacking) == 19 and "advisories/jp.yml:14: level: expected a whole number, found nothing" in lacking
    assert publishable.stdout.splitlines()[-1] == "1 advisory file checked: 19 errors, 0 warnings; 1 draft (not published)"
    assert cli(with_drafts, "check", "--today", "2026-11-25", "--publishable", "advisories/de.yml").returncode == 0
    document = json.loads(cli(with_drafts, "check", "--today", "2026-11-25", "--format", "json").stdout)
    assert document["drafts"] == [
        {"file": "advisories/de.yml", "code": "DE", "lacking": 0},
        {"file": "advisories/jp.yml", "code": "JP", "lacking": 19},
    ]


def test_a_draft_is_still_checked_for_its_structure(with_drafts: Path) -> None:
    path = with_drafts / "advisories" / "de.yml"
    path.write_text(path.read_text("utf-8").replace("level: 1", "level: one\ncolour: red"), "utf-8")
    result = cli(with_drafts, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:2] == [
        "advisories/de.yml:9: level: expected a whole number, found text",
        "advisories/de.yml:10: colour: unknown field; expected one of: also_known_as, capital, code, emergency, "
        "indicators, last_updated, level, name, offices, publish_at, regions, sections, status, still_valid, summary, updates",
    ]
    build = run_build(with_drafts)
    assert build.returncode == 1 and "advisories/de.yml:9: level: expected a whole number, found text" in build.output


# ---------------------------------------------------------------- minor changes

MINOR_ENTRY = """updates:
  - date: 2026-11-24
    minor: true
    en: Fixed a typo in the wildfire section.
    fr: Correction d’une coquille dans la section sur les feux de forêt.
"""


def add_minor_entry(project: Path, level: int | None = None) -> Path:
    path = project / "advisories" / "pt.yml"
    text = path.read_text("utf-8").replace("updates:\n", MINOR_ENTRY, 1)
    if level is not None:
        text = text.replace("level: 1\n", f"level: {level}\n", 1)
    path.write_text(text, "utf-8")
    return path


def test_a_minor_change_is_on_the_page_only(small_project: Path) -> None:
    add_minor_entry(small_project)
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    outputs = every_output(build)
    for lang, prefix in LANGS.items():
        note = "Fixed a typo" if lang == "en" else "Correction d’une coquille"
        page = outputs[f"{prefix}destinations/pt/index.html"]
        assert note in page and ("(minor change)" if lang == "en" else "(modification mineure)") in page
        assert 'datetime="2026-10-14"' in page.split("ta-banner__dates")[1][:200]  # last_updated did not move
        for path in (f"{prefix}feed.xml", f"{prefix}destinations/pt/feed.xml", f"{prefix}destinations/latest/index.html"):
            assert note not in outputs[path], path
            assert ("Added the Azores" if lang == "en" else "Ajout de l’avis régional") in outputs[path], path
        assert "2026-11-24" not in outputs[f"{prefix}feed.xml"]
    assert "Fixed a typo" not in outputs["data/advisories.json"] and "2026-10-14" in outputs["data/advisories.json"]


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", *args], cwd=repo, check=True, capture_output=True)


def test_a_level_change_in_a_minor_change_is_a_check_error(small_project: Path) -> None:
    git(small_project, "init", "-q")
    git(small_project, "add", "advisories")
    git(small_project, "commit", "-q", "-m", "Portugal")
    add_minor_entry(small_project, level=2)
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "advisories/pt.yml:9: level: changed from 1 to 2 in a minor change; expected a major change-log entry "
        "(without minor: true): a new level must reach the feeds and the latest updates"
    )


def test_a_minor_change_does_not_move_last_updated(small_project: Path) -> None:
    path = add_minor_entry(small_project)
    path.write_text(path.read_text("utf-8").replace("last_updated: 2026-10-14", "last_updated: 2026-11-24").replace("still_valid: 2026-11-20", "still_valid: 2026-11-24"), "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == (
        "advisories/pt.yml:11: warning: last_updated: 2026-11-24 is the date of a minor change only; expected the date "
        "of the last major change (2026-10-14): a minor change does not move last_updated"
    )
    text = path.read_text("utf-8").replace("updates:\n", "updates:\n  - {date: 2026-07-01, minor: true, en: Typo., fr: Coquille.}\n")
    text = re.sub(r"  - date: 2026-(10-14|07-02)\n", r"  - minor: true\n    date: 2026-\1\n", text)
    path.write_text(text, "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1 and "updates: every entry is minor (minor: true); expected at least one major entry" in result.stdout


# ---------------------------------------------------------------- scheduled editions

NEXT_ENTRY = """updates:
  - date: 2026-12-10
    en: Raised to level 2 for the general strike.
    fr: Passage au niveau 2 en raison de la grève générale.
"""


def schedule_edition(project: Path, publish_at: str = "2026-12-10T09:00:00-05:00", entry: str = NEXT_ENTRY) -> Path:
    """``advisories/pt.next.yml``: level 2 and a new summary from ``publish_at``."""
    text = (project / "advisories" / "pt.yml").read_text("utf-8")
    text = text.replace("code: PT\n", f"publish_at: {publish_at}\ncode: PT\n").replace("level: 1\n", "level: 2\n", 1)
    text = text.replace("last_updated: 2026-10-14", "last_updated: 2026-12-10").replace("still_valid: 2026-11-20", "still_valid: 2026-12-10")
    text = text.replace("Portugal is generally safe.", "A general strike disrupts transport.")
    text = text.replace("Le Portugal est généralement sûr.", "Une grève générale perturbe les transports.")
    path = project / "advisories" / "pt.next.yml"
    path.write_text(text.replace("updates:\n", entry, 1), "utf-8")
    return path


def edition_shown(build: Build) -> dict[str, str]:
    """Which edition each output shows: ``live`` or ``next``, per output file."""
    assert build.returncode == 0, build.output
    outputs = every_output(build)
    shown = {}
    markers = {
        "destinations/pt/index.html": ("Portugal is generally safe", "A general strike disrupts transport"),
        "fr/destinations/pt/index.html": ("Le Portugal est généralement sûr", "Une grève générale perturbe"),
        "feed.xml": ("Added the Azores", "Raised to level 2"),
        "fr/destinations/pt/feed.xml": ("Ajout de l’avis régional", "Passage au niveau 2"),
        "destinations/latest/index.html": ("Added the Azores", "Raised to level 2"),
        "data/destinations/pt.json": ("Portugal is generally safe", "A general strike disrupts transport"),
        "pagefind/": ("Portugal is generally safe", "A general strike disrupts transport"),
        "fr/pagefind/": ("Le Portugal est généralement sûr", "Une grève générale perturbe"),
    }
    for path, (live, scheduled) in markers.items():
        text = outputs[path]
        shown[path] = "next" if scheduled in text else "live"
        if shown[path] == "next":
            assert "Raised to level 2" in text or "Passage au niveau 2" in text or scheduled in text
        else:
            assert live in text, path
    assert len(set(shown.values())) == 1, shown  # every output shows the same edition
    assert "destinations/pt/" in outputs["sitemap.xml"] and "next" not in outputs["sitemap.xml"]
    return shown


@pytest.mark.parametrize(
    ("moment", "edition"),
    [
        ("2026-12-10", "live"),  # midnight in Ottawa (time_zone: America/Toronto)
        ("2026-12-10T08:59:59-05:00", "live"),
        ("2026-12-10T13:59:59Z", "live"),  # the same moment seen from UTC
        ("2026-12-10T09:00:00-05:00", "next"),  # exactly publish_at
        ("2026-12-10T14:00:00Z", "next"),
        ("2026-12-11", "next"),
    ],
)
def test_a_scheduled_edition_replaces_the_live_one_exactly_at_its_time(small_project: Path, moment: str, edition: str) -> None:
    schedule_edition(small_project)
    build = run_build(small_project, build_date=moment)
    assert set(edition_shown(build).values()) == {edition}
    if edition == "live":
        assert "advisories/pt.next.yml: scheduled edition of PT: published from 2026-12-10T09:00:00-05:00" in build.output
    else:
        assert "advisories/pt.next.yml: scheduled edition of PT: published since 2026-12-10T09:00:00-05:00" in build.output


def test_a_scheduled_new_destination_appears_at_its_time(small_project: Path) -> None:
    text = DRAFT.read_text("utf-8").replace("status: draft  # delete this line to publish the advisory\n", "publish_at: 2026-12-01T00:00:00+01:00\n")
    (small_project / "advisories" / "de.next.yml").write_text(text, "utf-8")
    before = run_build(small_project, build_date="2026-11-30T17:59:00-05:00")
    assert before.returncode == 0, before.output
    assert not (before.site / "destinations" / "de").exists()
    after = run_build(small_project, build_date="2026-11-30T18:00:00-05:00")
    assert after.returncode == 0, after.output
    for prefix, name in (("", "Germany"), ("fr/", "Allemagne")):
        assert name in after.page(f"{prefix}destinations/de/index.html")
        assert name in after.page(f"{prefix}destinations/index.html")
        assert "/destinations/de/" in index_text(after.site, prefix)
    assert '"DE"' in after.page("data/advisories.json") and "destinations/de/" in after.page("sitemap.xml")


def test_check_validates_and_lists_scheduled_editions(small_project: Path) -> None:
    path = schedule_edition(small_project)
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines() == [
        "advisories/pt.next.yml: scheduled edition of PT: published from 2026-12-10T09:00:00-05:00 (in 15 days); the live edition stays until then",
        "2 advisory files checked: no problems",
    ]
    for today, due in (("2026-11-25", False), ("2026-12-11", True)):
        document = json.loads(cli(small_project, "check", "--today", today, "--format", "json").stdout)
        assert document["scheduled"] == [{"file": "advisories/pt.next.yml", "code": "PT", "publish_at": "2026-12-10T09:00:00-05:00", "due": due}]
    path.write_text(path.read_text("utf-8").replace("publish_at: 2026-12-10T09:00:00-05:00\n", ""), "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "advisories/pt.next.yml:2: publish_at: missing; expected when this edition replaces the live one, "
        "an ISO date and time with its offset, e.g. publish_at: 2026-12-10T09:00:00-05:00"
    )
    live = small_project / "advisories" / "pt.yml"
    live.write_text(live.read_text("utf-8").replace("code: PT\n", "publish_at: 2026-12-10T09:00:00-05:00\ncode: PT\n"), "utf-8")
    path.unlink()
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.stdout.splitlines()[0] == "advisories/pt.yml:2: publish_at: is only for a scheduled edition; expected it in pt.next.yml, beside this live advisory"


def test_a_scheduled_edition_cannot_change_the_level_in_a_minor_change(small_project: Path) -> None:
    schedule_edition(small_project, entry=NEXT_ENTRY.replace("  - date: 2026-12-10\n", "  - date: 2026-12-10\n    minor: true\n"))
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert "advisories/pt.next.yml:10: level: changed from 1 to 2 in a minor change" in result.stdout


def test_today_is_the_date_in_the_ministrys_time_zone(small_project: Path) -> None:
    """At 22:00 in Ottawa it is already tomorrow in UTC: a change dated tomorrow is still in the future."""
    path = small_project / "advisories" / "pt.yml"
    path.write_text(path.read_text("utf-8").replace("  - date: 2026-10-14", "  - date: 2026-12-11"), "utf-8")
    shutil.copy(ROOT / "mkdocs.yml", small_project / "mkdocs.yml")
    late_evening = {"TRAVEL_ADVICE_BUILD_DATE": "2026-12-11T03:00:00Z"}
    result = cli(small_project, "check", env=late_evening)
    assert result.returncode == 1
    assert "updates[0].date: 2026-12-11 is in the future; expected a date on or before 2026-12-10" in result.stdout
    assert cli(small_project, "check", "--time-zone", "UTC", env=late_evening).returncode == 0
    assert cli(small_project, "check", env={"TRAVEL_ADVICE_BUILD_DATE": "2026-12-11T05:00:00Z"}).returncode == 0
    build = run_build(small_project, build_date="2026-12-11T03:00:00Z")
    assert build.returncode == 1 and "2026-12-11 is in the future; expected a date on or before 2026-12-10" in build.output


def test_the_shipped_example_has_a_draft_and_a_pending_scheduled_edition(shipped_site: Build) -> None:
    assert "advisories/de.yml: draft, not published" in shipped_site.output
    assert "advisories/ck.next.yml: scheduled edition of CK: published from 2027-01-05T09:00:00-05:00" in shipped_site.output
    assert "Cyclone season: added advice" not in shipped_site.page("destinations/ck/index.html")
    assert not (shipped_site.site / "destinations" / "de").exists()


# ---------------------------------------------------------------- reviews


def test_review_moves_still_valid_to_today_and_nothing_else(small_project: Path) -> None:
    path = small_project / "advisories" / "pt.yml"
    original = path.read_text("utf-8").replace("still_valid: 2026-11-20", "still_valid: '2026-11-20'  # reviewed by the desk")
    path.write_text(original, "utf-8")
    result = cli(small_project, "review", "pt", "--today", "2026-12-01")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "advisories/pt.yml: still_valid 2026-11-20 -> 2026-12-01\n"
    assert path.read_text("utf-8") == original.replace("'2026-11-20'  # reviewed", "'2026-12-01'  # reviewed")
    assert cli(small_project, "review", "PT", "--today", "2026-12-01").stdout == "advisories/pt.yml: still_valid is already 2026-12-01\n"
    assert cli(small_project, "check", "--today", "2026-12-01").returncode == 0


def test_review_writes_nothing_when_a_code_has_no_advisory(small_project: Path) -> None:
    path = small_project / "advisories" / "pt.yml"
    before = path.read_bytes()
    result = cli(small_project, "review", "PT", "ZZ", "--today", "2026-12-01")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        "error: ZZ: no advisory file advisories/zz.yml; expected the code of a destination with an advisory",
        "error: 1 advisory cannot be reviewed; no file changed",
    ]
    assert path.read_bytes() == before


def test_review_uses_today_in_the_ministrys_time_zone(small_project: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", small_project / "mkdocs.yml")
    result = cli(small_project, "review", "PT", env={"TRAVEL_ADVICE_BUILD_DATE": "2026-12-02T04:00:00Z"})
    assert result.stdout == "advisories/pt.yml: still_valid 2026-11-20 -> 2026-12-01\n"  # 23:00 on Dec 1 in Ottawa


@pytest.mark.parametrize(("build_date", "overdue"), [("2026-12-20", False), ("2026-12-21", True)])
def test_pages_say_when_a_review_is_overdue(small_project: Path, build_date: str, overdue: bool) -> None:
    build = run_build(small_project, build_date=build_date)  # still_valid: 2026-11-20, review_days: 30 by default
    assert build.returncode == 0, build.output
    marks = {"": "Review overdue: last confirmed 31\u00a0days ago", "fr/": "Révision en retard\u00a0: dernière confirmation il y a 31\u00a0jours"}
    for prefix, mark in marks.items():
        page = build.page(f"{prefix}destinations/pt/index.html")
        assert (mark in page) == overdue, page.split("ta-banner__dates")[1][:400]
        assert ('class="ta-overdue"' in build.page(f"{prefix}destinations/index.html")) == overdue
    logged = "advisories/pt.yml: review overdue: still_valid 2026-11-20 is 31 days old (review_days: 30); once reviewed, run: travel-advice review PT"
    assert (logged in build.output) == overdue


def test_the_review_age_is_an_option(small_project: Path) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("      advisories_dir: advisories\n", "      advisories_dir: advisories\n      review_days: 60\n"), "utf-8")
    build = run_build(small_project, build_date="2027-01-19")
    assert build.returncode == 0, build.output
    assert "ta-overdue" not in build.page("destinations/pt/index.html")
    assert "Review overdue: last confirmed 61\u00a0days ago" in run_build(small_project, build_date="2027-01-20").page("destinations/pt/index.html")


# ---------------------------------------------------------------- hours in a crisis

CRISIS_ENTRIES = """updates:
  - date: 2026-11-24T08:00:00-05:00
    en: Lisbon airport closed by the storm.
    fr: Aéroport de Lisbonne fermé en raison de la tempête.
  - date: 2026-11-24T15:30-05:00
    en: Lisbon airport reopened.
    fr: Réouverture de l’aéroport de Lisbonne.
"""


def test_change_log_times_are_shown_and_ordered_in_both_languages(small_project: Path) -> None:
    path = small_project / "advisories" / "pt.yml"
    path.write_text(path.read_text("utf-8").replace("updates:\n", CRISIS_ENTRIES, 1), "utf-8")
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    shown = {
        "": ("November 24, 2026, 3:30\u202fp.m. (UTC\u221205:00)", "Lisbon airport reopened", "Lisbon airport closed"),
        "fr/": ("24 novembre 2026, 15 h 30 (UTC\u221205:00)", "Réouverture de l’aéroport", "Aéroport de Lisbonne fermé"),
    }
    for prefix, (when, newer, older) in shown.items():
        for page in (f"{prefix}destinations/pt/index.html", f"{prefix}destinations/latest/index.html"):
            html = build.page(page)
            assert f'<time datetime="2026-11-24T15:30:00-05:00">{when}</time>' in html, page
            assert html.index(newer) < html.index(older) < html.index("Added the Azores" if prefix == "" else "Ajout de l’avis régional"), page
        for feed in (f"{prefix}feed.xml", f"{prefix}destinations/pt/feed.xml"):
            xml = build.page(feed)
            assert xml.index(newer) < xml.index(older), feed
            assert "<published>2026-11-24T15:30:00-05:00</published>" in xml and "<updated>2026-11-24T15:30:00-05:00</updated>" in xml


def test_a_change_log_time_needs_its_offset(small_project: Path) -> None:
    path = small_project / "advisories" / "pt.yml"
    original = path.read_text("utf-8")
    path.write_text(original.replace("updates:\n", CRISIS_ENTRIES.replace("T08:00:00-05:00", "T08:00:00"), 1), "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert "updates[0].date: '2026-11-24T08:00:00' is not allowed; expected a date (YYYY-MM-DD), or a date and time with its offset" in result.stdout
    path.write_text(original.replace("updates:\n", CRISIS_ENTRIES.replace("T15:30-05:00", "T25:30-05:00"), 1), "utf-8")
    result = cli(small_project, "check", "--today", "2026-11-25")
    assert result.returncode == 1
    assert "updates[1].date: '2026-11-24T25:30-05:00' is not a valid date or time; expected YYYY-MM-DD, or a date and time with its offset" in result.stdout


@pytest.mark.parametrize(
    ("moment", "shown"),
    [("2026-11-25T08:59:00-05:00", False), ("2026-11-25T14:00:00Z", True), ("2026-11-25T17:59:00-05:00", True), ("2026-11-25T18:00:00-05:00", False)],
)
def test_the_banner_starts_and_ends_at_its_times(small_project: Path, moment: str, shown: bool) -> None:
    (small_project / "advisories" / "_banner.yml").write_text(
        "title: {en: Storm in Lisbon, fr: Tempête à Lisbonne}\n"
        "text: {en: Stay indoors., fr: Restez à l’intérieur.}\n"
        "start: 2026-11-25T09:00-05:00\nend: 2026-11-25T18:00-05:00\n",
        "utf-8",
    )
    build = run_build(small_project, build_date=moment)
    assert build.returncode == 0, build.output
    assert ("Storm in Lisbon" in build.page("index.html")) == shown
    assert ("Tempête à Lisbonne" in build.page("fr/destinations/pt/index.html")) == shown
