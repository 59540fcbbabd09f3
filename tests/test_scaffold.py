"""The skeleton of a new advisory: layout, names from CLDR, and validation failing only on empty text."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from travel_advice.cli.scaffold import (
    SCHEMA_COMMENT,
    country_names,
    is_known_subdivision,
    is_known_territory,
    scaffold_advisory,
)
from travel_advice.core import yaml_source
from travel_advice.core.model import Localized

TODAY = datetime.date(2026, 3, 2)
SCHEMA_PATH = Path(__file__).parents[1] / "plugins" / "travel_advice" / "core" / "schema" / "advisory.schema.json"
DOCUMENTED_ORDER = [
    "status", "code", "also_known_as", "capital", "level", "indicators", "last_updated",
    "still_valid", "summary", "regions", "sections", "offices", "updates",
]  # fmt: skip
TEXT_FIELDS = ["capital", "summary", *(f"sections.{k}" for k in ("safety", "entry_exit", "health", "laws_culture", "disasters_climate", "help")), "updates[0]"]  # fmt: skip


def load(text: str) -> dict:
    return yaml_source.parse(text).data


def schema_errors(data: dict) -> list[tuple[str, str]]:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted({(_path(e.absolute_path), e.validator) for e in validator.iter_errors(data)})


def _path(parts) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def test_first_line_points_editors_at_the_schema():
    assert scaffold_advisory("MX", TODAY, level=2).splitlines()[0] == SCHEMA_COMMENT
    assert SCHEMA_COMMENT == "# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json"


def test_top_level_keys_in_documented_order():
    text = scaffold_advisory("MX", TODAY, level=2)
    assert re.findall(r"^(\w+):", text, flags=re.M) == DOCUMENTED_ORDER
    assert list(load(text)) == DOCUMENTED_ORDER


def test_every_schema_field_is_present_or_offered_in_a_comment():
    text = scaffold_advisory("MX", TODAY, level=2)
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    offered = set(re.findall(r"^#\s?(\w+):", text, flags=re.M))
    assert offered == {"name", "emergency"}  # optional, commented out
    assert set(schema["properties"]) == set(DOCUMENTED_ORDER) | offered | {"publish_at"}  # publish_at: scheduled editions only
    assert list(load(text)["sections"]) == list(schema["properties"]["sections"]["properties"])


def test_localized_names_and_dates():
    text = scaffold_advisory("mx", TODAY, level=2)
    assert "# Mexico / Mexique (CLDR names)" in text
    data = load(text)
    assert data["code"] == "MX"
    assert data["last_updated"] == data["still_valid"] == "2026-03-02"
    assert data["updates"] == [{"date": "2026-03-02", "en": "", "fr": ""}]


def test_unedited_scaffold_fails_only_on_the_empty_text_fields():
    errors = schema_errors(load(scaffold_advisory("MX", TODAY, level=3)))
    expected = {(f"{field}.{lang}", rule) for field in TEXT_FIELDS for lang in ("en", "fr") for rule in ("minLength", "pattern")}
    assert set(errors) == expected


def test_written_scaffold_validates():
    text = scaffold_advisory("MX", TODAY, level=3).replace('""', '"Written."')
    assert schema_errors(load(text)) == []


def test_without_a_level_the_level_must_be_chosen():
    text = scaffold_advisory("MX", TODAY)
    assert load(text)["level"] is None
    assert "REQUIRED" in text.split("\nlevel:")[1].splitlines()[0]
    assert ("level", "type") in schema_errors(load(text))


def test_level_comes_from_argument():
    assert load(scaffold_advisory("AF", TODAY, level=4))["level"] == 4


@pytest.mark.parametrize("level", [0, 5, "2", True])
def test_invalid_level_is_refused(level):
    with pytest.raises(ValueError, match="level"):
        scaffold_advisory("MX", TODAY, level=level)


@pytest.mark.parametrize("code", ["QQ", "MEX", "", "12", "EU", "ZZ", "UN", "PT-", "pt20", "PT-2024", "QQ-01", "EU-1", "PT_20"])
def test_unknown_code_is_refused_with_a_clear_message(code):
    assert not is_known_territory(code) and not is_known_subdivision(code)
    with pytest.raises(ValueError, match=f"unknown destination code {re.escape(repr(code))}"):
        scaffold_advisory(code, TODAY)
    with pytest.raises(ValueError, match="ISO 3166-1 alpha-2 code known to CLDR, e.g. MX, or an ISO 3166-2 subdivision code of one, e.g. PT-20"):
        country_names(code)


@pytest.mark.parametrize("code", ["PT-20", "pt-20", "FR-75C", "US-HI", "CA-1"])
def test_subdivisions_of_known_countries(code):
    assert is_known_subdivision(code) and not is_known_territory(code)


def test_a_subdivision_scaffold_has_empty_names_to_write():
    text = scaffold_advisory("pt-20", TODAY, level=1)
    assert "# PT-20, a subdivision of Portugal / Portugal: new advisory scaffolded on 2026-03-02." in text
    assert "name:  # REQUIRED: CLDR names countries only" in text
    data = load(text)
    assert data["code"] == "PT-20" and data["name"] == {"en": "", "fr": ""}
    assert list(data) == ["status", "code", "name", *DOCUMENTED_ORDER[2:]]
    expected = {(f"{field}.{lang}", rule) for field in ["name", *TEXT_FIELDS] for lang in ("en", "fr") for rule in ("minLength", "pattern")}
    assert set(schema_errors(data)) == expected  # an unedited scaffold cannot publish
    assert schema_errors(load(text.replace('""', '"Written."'))) == []


def test_country_names_use_canadian_french_capitalized():
    assert country_names("MX") == Localized("Mexico", "Mexique")
    assert country_names("ck") == Localized("Cook Islands", "Îles Cook")  # CLDR fr_CA: « îles Cook »
    assert country_names("BY")["fr"] == "Bélarus"  # fr_CA, as the Government of Canada writes it
    assert country_names("BA")["en"] == "Bosnia and Herzegovina"  # en_CA, not « & »
    assert country_names("PT-20") == Localized("Portugal", "Portugal")


@pytest.mark.parametrize("code", ["MX", "mx", "XK", "HK", "IC"])
def test_known_territories(code):
    assert is_known_territory(code)
