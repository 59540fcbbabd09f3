"""Validation as plain functions: every problem names its file, line and field."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from travel_advice.core import validation
from travel_advice.core.model import CODE_PATTERN
from travel_advice.core.validation import Problem, advisory_files, load_advisories, problem_report, published_schema

from .conftest import BUILD_DATE, FIXTURES

TODAY = date(2026, 11, 25)
GOOD = (FIXTURES / "advisories" / "pt.yml").read_text(encoding="utf-8")


def problems_for(tmp_path: Path, text: str, name: str = "pt.yml") -> list[str]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = load_advisories(tmp_path, TODAY)
    return [str(p).removeprefix(f"{tmp_path}/") for p in result.errors]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_fixture_is_valid(tmp_path: Path) -> None:
    assert problems_for(tmp_path, GOOD) == []
    advisory = load_advisories(tmp_path, TODAY).advisories[0]
    assert advisory.name.fr == "Portugal"
    assert advisory.regions[0].name.fr == "Açores"
    assert [u.date for u in advisory.updates] == [date(2026, 10, 14), date(2026, 7, 2)]


def test_bad_level(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: 5\n")
    assert problems_for(tmp_path, text) == [
        f"pt.yml:{line_of(text, 'level: 5')}: level: 5 is out of range; expected a whole number from 1 to 4 "
        "(1 Take normal security precautions, 2 Exercise a high degree of caution, "
        "3 Avoid non-essential travel, 4 Avoid all travel)"
    ]


def test_level_as_text(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: high\n")
    assert problems_for(tmp_path, text) == [f"pt.yml:{line_of(text, 'level: high')}: level: expected a whole number, found text"]


def test_missing_french(tmp_path: Path) -> None:
    text = GOOD.replace("  fr: Le Portugal est généralement sûr. Prenez les précautions habituelles contre les vols à la tire dans les lieux achalandés.\n", "")
    assert problems_for(tmp_path, text) == [
        f"pt.yml:{line_of(text, '  en: Portugal is generally safe')}: summary.fr: missing; expected the French text (fr: ...)"
    ]


def test_empty_english(tmp_path: Path) -> None:
    blank = '    en: "  "'
    text = GOOD.replace("    en: Wildfire smoke can affect air quality in summer.", blank)
    assert problems_for(tmp_path, text) == [f"pt.yml:{line_of(text, blank)}: sections.health.en: is blank; expected text"]


def test_unknown_key(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: 1\ncolour: red\n")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith(f"pt.yml:{line_of(text, 'colour')}: colour: unknown field; expected one of: also_known_as, capital, code,")


def test_malformed_yaml(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: [1\n")
    (problem,) = problems_for(tmp_path, text)
    assert problem.startswith("pt.yml:") and ": (file): invalid YAML:" in problem


def test_python_tag_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: !!python/object/apply:os.system ['echo hacked']\n")
    assert problems_for(tmp_path, text) == [
        f"pt.yml:{line_of(text, 'python/object')}: (file): YAML tags such as !!python/object/apply:os.system are not "
        "allowed; expected plain YAML values (text, numbers, lists, mappings)"
    ]


def test_duplicate_key(tmp_path: Path) -> None:
    text = GOOD.replace("level: 1\n", "level: 1\nlevel: 2\n")
    assert problems_for(tmp_path, text) == [f"pt.yml:{line_of(text, 'level: 2')}: (file): the key 'level' appears twice; expected each key once"]


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("2026-02-30", "'2026-02-30' is not a valid date; expected YYYY-MM-DD"),
        ("14/10/2026", "'14/10/2026' is not a valid date; expected YYYY-MM-DD"),
        ("2027-01-01", "2027-01-01 is in the future; expected a date on or before 2026-11-25"),
    ],
)
def test_bad_dates(tmp_path: Path, bad: str, message: str) -> None:
    text = GOOD.replace("last_updated: 2026-10-14", f"last_updated: {bad}")
    problems = problems_for(tmp_path, text)
    assert f"pt.yml:{line_of(text, 'last_updated')}: last_updated: {message}" in problems


def test_file_name_must_match_code(tmp_path: Path) -> None:
    assert problems_for(tmp_path, GOOD, name="es.yml") == [
        f"es.yml:{line_of(GOOD, 'code: PT')}: code: 'PT' does not match the file name; expected the file to be named pt.yml"
    ]


def test_duplicate_code(tmp_path: Path) -> None:
    (tmp_path / "pt.yaml").write_text(GOOD, encoding="utf-8")
    assert problems_for(tmp_path, GOOD) == ["pt.yml:1: code: 'PT' is already used by " f"{tmp_path}/pt.yaml; expected one file per destination"]


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    broken = GOOD.replace("level: 1\n", "level: 9\n").replace("email: lisbon.consular@example.org", "email: not-an-address")
    (tmp_path / "es.yml").write_text(GOOD.replace("code: PT", "code: ES").replace("level: 1\n", "level: 0\n"), encoding="utf-8")
    problems = problems_for(tmp_path, broken)
    assert [p.split(":")[0] for p in problems] == ["es.yml", "pt.yml", "pt.yml"]
    assert any("offices[0].email: 'not-an-address' is not an email address" in p for p in problems)


def test_identical_french_is_a_warning(tmp_path: Path) -> None:
    text = GOOD.replace("    fr: La fumée des feux de forêt peut nuire à la qualité de l’air en été.", "    fr: Wildfire smoke can affect air quality in summer.")
    (tmp_path / "pt.yml").write_text(text, encoding="utf-8")
    result = load_advisories(tmp_path, TODAY)
    assert result.errors == ()
    assert [str(w).removeprefix(f"{tmp_path}/") for w in result.warnings] == [
        f"pt.yml:{line_of(text, 'fr: Wildfire smoke')}: sections.health.fr: French text is identical to the English text; expected a translation"
    ]


def test_problem_report_counts_then_lists_paths_from_the_project() -> None:
    project = Path("/project")
    one = Problem(project / "advisories" / "mx.yml", 9, "level", "9 is out of range")
    assert problem_report([one], project) == "1 problem in the advisories; nothing was built:\nadvisories/mx.yml:9: level: 9 is out of range"
    outside = Problem(Path("/elsewhere/_banner.yml"), None, "", "not a mapping")
    assert problem_report([one, outside], project).splitlines() == [
        "2 problems in the advisories; nothing was built:",
        "advisories/mx.yml:9: level: 9 is out of range",
        "/elsewhere/_banner.yml:1: (file): not a mapping",
    ]


AZORES = GOOD.replace("code: PT\n", "code: PT-20\nname: {en: Azores, fr: Açores}\n")


def test_a_subdivision_with_its_names_is_valid(tmp_path: Path) -> None:
    assert problems_for(tmp_path, AZORES, name="pt-20.yml") == []
    advisory = load_advisories(tmp_path, TODAY).advisories[0]
    assert (advisory.code, advisory.slug, advisory.parent_code, advisory.name.fr) == ("PT-20", "pt-20", "PT", "Açores")


def test_a_subdivision_without_names_says_to_write_them(tmp_path: Path) -> None:
    text = GOOD.replace("code: PT\n", "code: PT-20\n")
    assert problems_for(tmp_path, text, name="pt-20.yml") == [
        f"pt-20.yml:{line_of(text, 'code: PT-20')}: code: 'PT-20' is a subdivision (ISO 3166-2) and CLDR names countries only; "
        "expected a 'name' in both languages, e.g. name: {en: Azores, fr: Açores}"
    ]


def test_a_subdivision_file_is_named_after_its_code(tmp_path: Path) -> None:
    assert problems_for(tmp_path, AZORES, name="pt20.yml") == [
        f"pt20.yml:{line_of(AZORES, 'code: PT-20')}: code: 'PT-20' does not match the file name; expected the file to be named pt-20.yml"
    ]


@pytest.mark.parametrize("code", ["PT-", "pt20", "pt-20", "PT20", "PT-2024", "PT_20", "P"])
def test_a_malformed_code_names_both_forms(tmp_path: Path, code: str) -> None:
    text = AZORES.replace("code: PT-20\n", f"code: {code}\n")
    assert problems_for(tmp_path, text, name="pt-20.yml") == [
        f"pt-20.yml:{line_of(text, 'code: ')}: code: '{code}' is not a destination code; "
        "expected an ISO 3166-1 code such as MX, or an ISO 3166-2 subdivision code such as PT-20 (upper case)"
    ]


def test_every_published_schema_uses_the_one_code_pattern() -> None:
    schemas = {name: published_schema(name) for name in ("advisory.schema.json", "banner.schema.json", "export.schema.json")}
    patterns = {
        "advisory.schema.json": schemas["advisory.schema.json"]["properties"]["code"]["pattern"],
        "banner.schema.json": schemas["banner.schema.json"]["properties"]["destinations"]["items"]["pattern"],
        "export.schema.json": schemas["export.schema.json"]["$defs"]["code"]["pattern"],
    }
    assert set(patterns.values()) == {CODE_PATTERN}
    assert sum(text.count('"pattern": "^[A-Z]{2}') for text in map(json.dumps, schemas.values())) == 3


def test_an_unchanged_file_is_not_read_again_but_an_edit_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``mkdocs serve`` reloads every advisory at each rebuild: only edited files are parsed again."""
    folder = tmp_path / "advisories"
    shutil.copytree(FIXTURES / "advisories", folder)
    today = date.fromisoformat(BUILD_DATE)
    parsed: list[Path] = []
    real_load = validation.load_advisory
    monkeypatch.setattr(validation, "load_advisory", lambda path, day: parsed.append(path) or real_load(path, day))
    first = load_advisories(folder, today, reuse_unchanged=True)
    assert first.errors == () and len(parsed) == len(first.advisories)
    parsed.clear()
    assert load_advisories(folder, today, reuse_unchanged=True) == first and parsed == []
    assert load_advisories(folder, today) == first and len(parsed) == len(first.advisories)  # the default reads again
    parsed.clear()
    [path] = advisory_files(folder)
    path.write_text(path.read_text(encoding="utf-8").replace("level: 1", "level: 9", 1), encoding="utf-8")
    edited = load_advisories(folder, today, reuse_unchanged=True)
    assert parsed == [path] and [p.field for p in edited.errors] == ["level"]
    assert load_advisories(folder, date(2026, 11, 26), reuse_unchanged=True).errors and parsed == [path, path]
