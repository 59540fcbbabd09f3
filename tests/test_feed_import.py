"""Import from the Government of Canada open-data feed, served from a local HTTP server."""

from __future__ import annotations

import copy
import datetime
import json
import os
import shutil
import socket
import time
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from werkzeug import Response

from travel_advice.cli.fetching import fetch_json as fetch_feed
from travel_advice.cli.importer import (
    AdvisoryFileError,
    Change,
    FeedEntry,
    FeedError,
    StaleFeedError,
    apply_feed,
    import_feed,
    parse_index_feed,
)
from travel_advice.core import yaml_source

FIXTURES = Path(__file__).parent / "fixtures" / "gac"
SCHEMA_PATH = Path(__file__).parents[1] / "plugins" / "travel_advice" / "core" / "schema" / "advisory.schema.json"
TODAY = datetime.date(2026, 3, 10)
NBSP = "\u00a0"

# A valid advisory as an editor writes it: comments, block scalars, quoting, long lines.
MX_YAML = """\
# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json
# Mexico: reviewed with the regional desk, keep this comment.
code: MX
also_known_as:
  en: [United Mexican States]
  fr: ['États-Unis mexicains']
capital: {en: Mexico City, fr: Mexico}
level: 2   # national level, regions below
indicators: [crime, kidnapping]
last_updated: 2026-01-15
still_valid: "2026-02-01"
summary:
  en: >
    Exercise a high degree of caution in Mexico due to high levels of criminal activity and kidnapping; this line is deliberately far longer than any default YAML line width.
  fr: "Faites preuve d’une grande prudence au Mexique en raison du taux élevé de criminalité et d’enlèvements."
regions:
  - name: {en: Chihuahua, fr: Chihuahua}
    level: 4  # do not touch
    reason: {en: Violent crime., fr: Crimes violents.}
sections:
  safety:
    en: |
      ## Crime

      Petty crime occurs.   Trailing spaces and  double spaces stay.
    fr: |
      ## Criminalité

      Des crimes mineurs se produisent.
  entry_exit: {en: A passport is required., fr: 'Un passeport est exigé.'}
  health: {en: Get vaccinated., fr: Faites-vous vacciner.}
  laws_culture: {en: Obey local laws., fr: Respectez les lois locales.}
  disasters_climate: {en: Hurricane season runs from June to November., fr: "La saison des ouragans s’étend de juin à novembre."}
  help: {en: Contact the embassy., fr: Communiquez avec l’ambassade.}
updates:
  # newest first
  - date: 2026-01-15
    en: Editorial update.
    fr: Mise à jour rédactionnelle.
  - date: '2025-06-01'
    en: First version.
    fr: Première version.
"""

FR_YAML = """\
code: FR
level: 1
last_updated: '2025-12-01'
still_valid: '2025-12-01'
summary: {en: Take normal security precautions in France., fr: Prenez des mesures de sécurité normales en France.}
sections:
  safety: {en: a, fr: b}
  entry_exit: {en: a, fr: b}
  health: {en: a, fr: b}
  laws_culture: {en: a, fr: b}
  disasters_climate: {en: a, fr: b}
  help: {en: a, fr: b}
updates:
- date: '2025-12-01'
  en: First version.
  fr: Première version.
"""

MX_NOTE_EN = "Risk level changed from “Exercise a high degree of caution” to “Avoid non-essential travel”."
MX_NOTE_FR = (
    f"Niveau de risque modifié de «{NBSP}Faire preuve d’une grande prudence{NBSP}» "
    f"à «{NBSP}Éviter tout voyage non essentiel{NBSP}»."
)


# ---------------------------------------------------------------- helpers


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def recent_feed() -> dict:
    """The recorded index, republished: MX raised to level 3, FR re-issued, AF unchanged."""
    data = fixture("index-alpha-eng.2014-trimmed.json")
    mx, fr = data["data"]["MX"], data["data"]["FR"]
    mx["advisory-state"] = 2
    mx["recent-updates-type"] = "Advisory increase"
    mx["date-published"] = {"timestamp": 1772467200, "date": "2026-03-02 11:00:00", "asp": "2026-03-02T11:00:00"}
    fr["date-published"] = {"timestamp": 1772208000, "date": "2026-02-27 11:00:00", "asp": "2026-02-27T11:00:00"}
    data["metadata"]["generated"] = {"timestamp": 1773136800, "date": "2026-03-10 06:00:00"}
    return data


def advisories(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "advisories"
    folder.mkdir()
    for code, text in files.items():
        (folder / f"{code}.yml").write_text(text, encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}


def expected_mx() -> str:
    """MX_YAML after the recent feed: only four places differ."""
    entry = f"  - date: 2026-03-02\n    en: {MX_NOTE_EN}\n    fr: {MX_NOTE_FR}\n"
    return (
        MX_YAML.replace("level: 2   # national level", "level: 3   # national level")
        .replace("last_updated: 2026-01-15", "last_updated: 2026-03-02")
        .replace('still_valid: "2026-02-01"', 'still_valid: "2026-03-02"')
        .replace("  # newest first\n", "  # newest first\n" + entry)
    )


def requests_to(httpserver, path: str) -> int:
    return sum(request.path == path for request, _ in httpserver.log)


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/index-alpha-eng.json"


def schema_errors(text: str) -> list:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(yaml_source.parse(text).data))


@pytest.mark.parametrize("text", [MX_YAML, FR_YAML, expected_mx()])
def test_advisory_fixtures_are_valid(text):
    assert schema_errors(text) == []


# ---------------------------------------------------------------- parsing


def test_recorded_index_parses():
    entries = parse_index_feed(fixture("index-alpha-eng.2014-trimmed.json"))
    by_code = {e.code: e for e in entries}
    assert sorted(by_code) == ["AF", "FR", "MX", "PT-20", "VC", "VG"]
    assert by_code["PT-20"] == FeedEntry("PT-20", 1, datetime.date(2014, 2, 19), {"en": "Azores", "fr": "Açores"}, "Minor editorial change")
    assert by_code["AF"] == FeedEntry("AF", 4, datetime.date(2014, 8, 6), {"en": "Afghanistan", "fr": "Afghanistan"}, "Regular text update")
    assert by_code["MX"].level == 2 and by_code["MX"].update_type == "Advisory decrease"
    assert by_code["FR"].level == 1
    assert by_code["VC"].names == {"en": "Saint Vincent & the Grenadines", "fr": "Saint-Vincent-et-Grenadines"}
    assert by_code["VG"].names["fr"] == "Îles Vierges britanniques"  # entity decoded, trailing space dropped


def test_a_subdivision_is_a_destination_and_other_keys_are_skipped_and_reported():
    data = fixture("index-alpha-eng.2014-trimmed.json")
    for key in ("PT-", "PT20", "PT-2024", "metadata"):
        data["data"][key] = data["data"]["PT-20"]
    entries = parse_index_feed(data)
    assert "PT-20" in {e.code for e in entries}
    assert entries.skipped == dict.fromkeys(("PT-", "PT20", "PT-2024", "metadata"), "not an ISO 3166-1 or ISO 3166-2 code")


def test_advisory_state_as_int_or_numeric_string():
    data = fixture("index-alpha-eng.2014-trimmed.json")
    data["data"]["MX"]["advisory-state"] = "2"
    data["data"]["FR"]["advisory-state"] = " 0 "
    levels = {e.code: e.level for e in parse_index_feed(data)}
    assert levels["MX"] == 3 and levels["FR"] == 1 and levels["AF"] == 4


def test_per_destination_feed_parses():
    (entry,) = parse_index_feed(fixture("cta-cap-hk.2026-trimmed.json"))
    assert entry.code == "HK" and entry.level == 2
    assert entry.published == datetime.date(2026, 9, 24)  # no date-published: the English friendly date
    assert entry.update_type == "Editorial change"
    assert entry.names["en"] == "Hong Kong"


def test_every_malformed_entry_is_reported_at_once():
    data = fixture("index-alpha-eng.2014-trimmed.json")
    del data["data"]["MX"]["advisory-state"]
    data["data"]["AF"]["advisory-state"] = 4
    data["data"]["FR"]["date-published"]["date"] = "2014-13-45 10:00:00"
    data["data"]["VC"]["advisory-state"] = "high"
    data["data"]["VG"] = ["not", "an", "object"]
    with pytest.raises(FeedError) as caught:
        parse_index_feed(data)
    message = str(caught.value)
    assert "\n" not in message and "5 problem(s)" in message
    for expected in (
        "MX: 'advisory-state' is missing",
        "AF: 'advisory-state' 4 is out of range",
        "FR: 'date-published' '2014-13-45 10:00:00' is not a date",
        "VC: 'advisory-state' 'high' is not a number",
        "VG: expected an object",
    ):
        assert expected in message
    assert len(caught.value.problems) == 5


@pytest.mark.parametrize("data", [{}, {"data": []}, []])
def test_feed_without_data_object(data):
    with pytest.raises(FeedError, match="no 'data' object"):
        parse_index_feed(data)


def test_generated_timestamp_is_not_content(tmp_path):
    folder = advisories(tmp_path, mx=MX_YAML)
    first = recent_feed()
    again = copy.deepcopy(first)
    again["metadata"]["generated"] = {"timestamp": 1999999999, "date": "2033-05-18 03:33:19"}
    assert parse_index_feed(first) == parse_index_feed(again)
    apply_feed(parse_index_feed(first), folder, create_missing=False, today=TODAY, dry_run=False)
    report = apply_feed(parse_index_feed(again), folder, create_missing=False, today=TODAY, dry_run=False)
    assert report.changes == {} and report.diffs == {}


# ---------------------------------------------------------------- importing over HTTP


def test_import_applies_levels_and_dates_and_keeps_everything_else(httpserver, tmp_path):
    httpserver.expect_request("/index-alpha-eng.json").respond_with_json(recent_feed())
    folder = advisories(tmp_path, mx=MX_YAML, fr=FR_YAML)

    report = import_feed(httpserver.url_for("/index-alpha-eng.json"), folder, today=TODAY)

    assert (folder / "mx.yml").read_text(encoding="utf-8") == expected_mx()  # byte for byte
    assert (folder / "fr.yml").read_text(encoding="utf-8") == FR_YAML.replace(
        "last_updated: '2025-12-01'", "last_updated: '2026-02-27'"
    ).replace(
        "still_valid: '2025-12-01'", "still_valid: '2026-02-27'"
    )  # same level: dates only, quoting kept, no change-log entry
    assert report.changes == {
        "FR": [Change("last_updated", "2025-12-01", "2026-02-27"), Change("still_valid", "2025-12-01", "2026-02-27")],
        "MX": [
            Change("level", 2, 3),
            Change("updates", None, {"date": "2026-03-02", "en": MX_NOTE_EN, "fr": MX_NOTE_FR}),
            Change("last_updated", "2026-01-15", "2026-03-02"),
            Change("still_valid", "2026-02-01", "2026-03-02"),
        ],
    }
    assert report.written == [folder / "fr.yml", folder / "mx.yml"]
    assert report.skipped == {}
    assert report.missing == ["AF", "PT-20", "VC", "VG"] and report.created == []  # no file: reported, not created


def test_a_subdivision_with_a_file_is_imported_like_any_destination(httpserver, tmp_path):
    data = recent_feed()
    data["data"]["PT-20"]["advisory-state"] = 1
    data["data"]["PT-20"]["date-published"] = {"timestamp": 1772467200, "date": "2026-03-02 11:00:00", "asp": "2026-03-02T11:00:00"}
    httpserver.expect_request("/feed.json").respond_with_json(data)
    folder = advisories(tmp_path, fr=FR_YAML)
    azores = FR_YAML.replace("code: FR", "code: PT-20\nname: {en: Azores, fr: Açores}")
    (folder / "pt-20.yml").write_text(azores, encoding="utf-8")
    report = import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY)
    assert report.changes["PT-20"][0] == Change("level", 1, 2)
    assert folder / "pt-20.yml" in report.written and "PT-20" not in report.missing
    written = yaml_source.read(folder / "pt-20.yml").data
    assert written["level"] == 2 and written["last_updated"] == "2026-03-02" and written["name"]["fr"] == "Açores"
    assert written["updates"][0]["date"] == "2026-03-02"


def test_untouched_regions_are_byte_identical(httpserver, tmp_path):
    httpserver.expect_request("/feed.json").respond_with_json(recent_feed())
    folder = advisories(tmp_path, mx=MX_YAML)
    import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY)
    new = (folder / "mx.yml").read_bytes()
    old = MX_YAML.encode("utf-8")
    head_end, prose_end = old.index(b"indicators:"), old.index(b"updates:")
    prose = old[old.index(b"summary:") : prose_end]
    assert prose in new  # summary, regions, sections: same bytes, long lines not rewrapped
    assert old[:head_end].replace(b"level: 2", b"level: 3") == new[:head_end]
    assert new.endswith(old[old.index(b"  - date: 2026-01-15") :])


def test_change_log_note_uses_french_typography(httpserver, tmp_path):
    httpserver.expect_request("/feed.json").respond_with_json(recent_feed())
    folder = advisories(tmp_path, mx=MX_YAML)
    import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY)
    first = yaml_source.parse((folder / "mx.yml").read_text(encoding="utf-8")).data["updates"][0]
    assert first == {"date": "2026-03-02", "en": MX_NOTE_EN, "fr": MX_NOTE_FR}
    assert f"«{NBSP}Éviter" in first["fr"] and f"essentiel{NBSP}»" in first["fr"]
    assert "\\xA0" not in (folder / "mx.yml").read_text(encoding="utf-8")  # written as is, not escaped


def test_closed_port_raises_clear_feed_error(tmp_path):
    url = closed_port_url()
    with pytest.raises(FeedError) as caught:
        fetch_feed(url, timeout=2, retries=1, backoff=0)
    message = str(caught.value)
    assert message.startswith(f"cannot fetch {url}: connection failed")
    assert "after 2 attempt(s)" in message and "\n" not in message


def test_timeout_raises_clear_feed_error(httpserver):
    def slow(request):
        time.sleep(0.5)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow.json").respond_with_handler(slow)
    url = httpserver.url_for("/slow.json")
    with pytest.raises(FeedError, match=f"cannot fetch {url}: no complete response within 0.1 s"):
        fetch_feed(url, timeout=0.1, retries=0)
    time.sleep(0.5)  # let the server finish the slow answer before the next test


def test_http_500_is_retried_then_reported(httpserver):
    httpserver.expect_request("/feed.json").respond_with_data("oops", status=500)
    url = httpserver.url_for("/feed.json")
    with pytest.raises(FeedError) as caught:
        fetch_feed(url, retries=2, backoff=0)
    assert str(caught.value) == f"cannot fetch {url}: HTTP 500 INTERNAL SERVER ERROR (after 3 attempt(s))"
    assert requests_to(httpserver, "/feed.json") == 3


def test_back_off_doubles_between_attempts(httpserver, monkeypatch):
    waits: list[float] = []
    monkeypatch.setattr("urllib3.util.retry.time.sleep", waits.append)
    httpserver.expect_request("/feed.json").respond_with_data("busy", status=503)
    with pytest.raises(FeedError, match="HTTP 503"):
        fetch_feed(httpserver.url_for("/feed.json"), retries=3, backoff=0.5)
    assert waits == [1.0, 2.0]  # urllib3's Retry: the first retry at once, then backoff x 2, x 4


def test_http_500_then_success(httpserver):
    httpserver.expect_ordered_request("/feed.json").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/feed.json").respond_with_json(recent_feed())
    data = fetch_feed(httpserver.url_for("/feed.json"), retries=3, backoff=0)
    assert "MX" in data["data"] and requests_to(httpserver, "/feed.json") == 2


def test_http_404_is_not_retried(httpserver):
    httpserver.expect_request("/missing.json").respond_with_data("no", status=404)
    with pytest.raises(FeedError, match="HTTP 404 NOT FOUND"):
        fetch_feed(httpserver.url_for("/missing.json"), retries=3, backoff=0)
    assert requests_to(httpserver, "/missing.json") == 1


def test_non_json_feed_changes_nothing(httpserver, tmp_path):
    httpserver.expect_request("/feed.json").respond_with_data("<html>maintenance</html>", content_type="text/html")
    folder = advisories(tmp_path, mx=MX_YAML)
    before = snapshot(folder)
    url = httpserver.url_for("/feed.json")
    with pytest.raises(FeedError, match=f"invalid feed at {url}: not valid JSON"):
        import_feed(url, folder, today=TODAY)
    assert snapshot(folder) == before


def test_malformed_feed_changes_nothing(httpserver, tmp_path):
    data = recent_feed()
    del data["data"]["AF"]["advisory-state"]
    httpserver.expect_request("/feed.json").respond_with_json(data)
    folder = advisories(tmp_path, mx=MX_YAML, fr=FR_YAML)
    before = snapshot(folder)
    with pytest.raises(FeedError, match="AF: 'advisory-state' is missing"):
        import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY, create_missing=True)
    assert snapshot(folder) == before


def test_dry_run_writes_nothing_and_returns_diffs(httpserver, tmp_path):
    httpserver.expect_request("/feed.json").respond_with_json(recent_feed())
    folder = advisories(tmp_path, mx=MX_YAML)
    before = snapshot(folder)
    report = import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY, dry_run=True, create_missing=True)
    assert snapshot(folder) == before  # no file written, created or left behind
    assert report.written == []
    mx_diff = report.diffs[folder / "mx.yml"]
    assert mx_diff.startswith("--- a/mx.yml\n+++ b/mx.yml\n")
    assert "-level: 2   # national level, regions below\n+level: 3   # national level, regions below\n" in mx_diff
    assert f"+    en: {MX_NOTE_EN}\n" in mx_diff
    assert report.created == [folder / f"{code}.yml" for code in ("af", "fr", "pt-20", "vc", "vg")]
    assert report.diffs[folder / "af.yml"].startswith("--- /dev/null\n+++ b/af.yml\n")


def test_create_missing_writes_scaffolds_that_fail_only_on_empty_text(httpserver, tmp_path):
    httpserver.expect_request("/feed.json").respond_with_json(recent_feed())
    folder = advisories(tmp_path, mx=MX_YAML)
    report = import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY, create_missing=True)
    assert report.created == [folder / f"{code}.yml" for code in ("af", "fr", "pt-20", "vc", "vg")]
    assert report.changes["AF"] == [Change("level", None, 4)]
    text = (folder / "af.yml").read_text(encoding="utf-8")
    data = yaml_source.parse(text).data
    assert data["level"] == 4 and data["last_updated"] == "2026-03-10"
    errors = schema_errors(text)
    azores_errors = schema_errors((folder / "pt-20.yml").read_text(encoding="utf-8"))
    assert {tuple(e.absolute_path) for e in azores_errors} >= {("name", "en"), ("name", "fr")}  # a subdivision's name is to write
    assert errors and azores_errors
    assert all(e.instance == "" and e.validator in ("minLength", "pattern") and e.absolute_path[-1] in ("en", "fr") for e in errors + azores_errors)


# ---------------------------------------------------------------- files


def entry(code: str = "MX", level: int = 3, day: datetime.date = datetime.date(2026, 3, 2)) -> FeedEntry:
    return FeedEntry(code, level, day, {"en": "", "fr": ""}, None)


def test_writing_is_all_or_nothing(tmp_path):
    folder = advisories(tmp_path, mx=MX_YAML, fr="code: FR\nlevel: [unclosed\n")
    before = snapshot(folder)
    with pytest.raises(AdvisoryFileError, match="fr.yml: invalid YAML") as caught:
        apply_feed([entry("MX"), entry("FR", 2)], folder, create_missing=True, today=TODAY, dry_run=False)
    assert "nothing written" in str(caught.value)
    assert snapshot(folder) == before


def test_file_mode_line_ends_kept_and_no_temporary_left(tmp_path):
    folder = advisories(tmp_path)
    path = folder / "fr.yml"
    path.write_bytes(FR_YAML.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(path, 0o640)
    apply_feed([entry("FR", 2)], folder, create_missing=False, today=TODAY, dry_run=False)
    raw = path.read_bytes()
    assert b"\r\nlevel: 2\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in folder.iterdir()] == ["fr.yml"]


def test_dash_at_column_zero_is_kept(tmp_path):
    folder = advisories(tmp_path, fr=FR_YAML)
    apply_feed([entry("FR", 2)], folder, create_missing=False, today=TODAY, dry_run=False)
    text = (folder / "fr.yml").read_text(encoding="utf-8")
    assert text.endswith("updates:\n- date: '2026-03-02'\n  en: Risk level changed from “Take normal security precautions” to “Exercise a high degree of caution”.\n"
                         f"  fr: Niveau de risque modifié de «{NBSP}Prendre des mesures de sécurité normales{NBSP}» à «{NBSP}Faire preuve d’une grande prudence{NBSP}».\n"
                         "- date: '2025-12-01'\n  en: First version.\n  fr: Première version.\n")  # fmt: skip


@pytest.mark.parametrize("day", [datetime.date(2026, 1, 1), datetime.date(2026, 1, 15)])
def test_entry_not_newer_than_the_advisory_is_skipped_with_both_dates(tmp_path, day):
    folder = advisories(tmp_path, mx=MX_YAML)
    before = snapshot(folder)
    report = apply_feed([entry("MX", 1, day)], folder, create_missing=False, today=TODAY, dry_run=False)
    assert snapshot(folder) == before and report.changes == {} and report.diffs == {}
    (warning,) = report.stale
    assert warning == (
        f"{folder / 'mx.yml'}:8: warning: level: the feed's entry of {day} (level 1) is not newer than this advisory "
        "(last_updated 2026-01-15, newest change-log entry 2026-01-15); level 2 kept, entry skipped. "
        "Expected a feed entry published after the advisory's dates"
    )


def test_newest_change_log_entry_counts_as_much_as_last_updated(tmp_path):
    later_log = MX_YAML.replace("  - date: 2026-01-15", "  - date: 2026-02-20\n    en: Fixed a link.\n    fr: Lien corrigé.\n    minor: true\n  - date: 2026-01-15")
    folder = advisories(tmp_path, mx=later_log)
    report = apply_feed([entry("MX", 4, datetime.date(2026, 2, 1))], folder, create_missing=False, today=TODAY, dry_run=True)
    assert report.changes == {} and "newest change-log entry 2026-02-20" in report.stale[0]


def test_older_entry_with_the_same_level_is_nothing_to_do(tmp_path):
    folder = advisories(tmp_path, mx=MX_YAML)
    report = apply_feed([entry("MX", 2, datetime.date(2025, 1, 1))], folder, create_missing=False, today=TODAY, dry_run=False)
    assert report.changes == {} and report.stale == [] and (folder / "mx.yml").read_text(encoding="utf-8") == MX_YAML


def test_stale_entries_are_skipped_and_newer_ones_applied_in_one_run(tmp_path):
    folder = advisories(tmp_path, mx=MX_YAML, fr=FR_YAML)
    report = apply_feed(
        [entry("MX", 4, datetime.date(2025, 6, 1)), entry("FR", 2, datetime.date(2026, 3, 2))],
        folder, create_missing=False, today=TODAY, dry_run=False,
    )  # fmt: skip
    assert list(report.changes) == ["FR"] and len(report.stale) == 1 and "mx.yml" in report.stale[0]
    assert yaml_source.read(folder / "mx.yml").data["level"] == 2


def test_feed_generated_before_the_newest_advisory_is_refused_whole(httpserver, tmp_path):
    data = recent_feed()
    data["metadata"]["generated"] = {"timestamp": 1767225600, "date": "2026-01-01 00:00:00"}
    httpserver.expect_request("/feed.json").respond_with_json(data)
    folder = advisories(tmp_path, mx=MX_YAML, fr=FR_YAML)  # MX states 2026-01-15
    before = snapshot(folder)
    for dry_run in (True, False):
        with pytest.raises(StaleFeedError) as caught:
            import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY, dry_run=dry_run, create_missing=True)
        assert str(caught.value).startswith(
            f"the feed was generated on 2026-01-01, before the newest advisory ({folder / 'mx.yml'}: 2026-01-15); nothing changed."
        )
    assert snapshot(folder) == before
    report = import_feed(httpserver.url_for("/feed.json"), folder, today=TODAY, allow_older_feed=True)
    assert set(report.changes) == {"MX", "FR"}  # their entries (2026-03-02, 2026-02-27) are newer than the files


def test_the_2014_index_lowers_no_level_of_the_shipped_advisories(tmp_path):
    folder = tmp_path / "advisories"
    shutil.copytree(Path(__file__).parents[1] / "advisories", folder)
    before = snapshot(folder)
    entries = parse_index_feed(fixture("index-alpha-eng.2014.json"))
    with pytest.raises(StaleFeedError, match="generated on 2014-10-02"):
        apply_feed(entries, folder, create_missing=False, today=TODAY, dry_run=True)
    report = apply_feed(entries, folder, create_missing=False, today=TODAY, dry_run=False, allow_older_feed=True)
    assert snapshot(folder) == before and report.changes == {}
    stale = {Path(w.split(":")[0]).name for w in report.stale}
    assert {"ua.yml", "ml.yml", "ht.yml"} <= stale


def test_file_that_would_be_reformatted_is_refused(tmp_path):
    mixed = MX_YAML.replace("regions:\n  - name", "regions:\n- name").replace("\n    level: 4", "\n  level: 4")
    mixed = mixed.replace("\n    reason:", "\n  reason:")
    folder = advisories(tmp_path, mx=mixed)
    before = snapshot(folder)
    with pytest.raises(AdvisoryFileError, match="would rewrite other lines"):
        apply_feed([entry("MX")], folder, create_missing=False, today=TODAY, dry_run=False)
    assert snapshot(folder) == before


def test_code_mismatch_is_refused(tmp_path):
    folder = advisories(tmp_path, mx=FR_YAML)
    with pytest.raises(AdvisoryFileError, match="'code' is 'FR', not MX"):
        apply_feed([entry("MX")], folder, create_missing=False, today=TODAY, dry_run=True)


def test_files_not_in_feed_are_listed_and_left_alone(tmp_path):
    folder = advisories(tmp_path, mx=MX_YAML, fr=FR_YAML)
    report = apply_feed([entry("MX", 2, datetime.date(2026, 1, 15))], folder, create_missing=False, today=TODAY, dry_run=False)
    assert report.changes == {} and report.not_in_feed == ["FR"]
    assert (folder / "mx.yml").read_text(encoding="utf-8") == MX_YAML
