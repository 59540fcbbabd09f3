"""Open data: the JSON export of a real build validates against its schema and round-trips every advisory."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from jsonschema import Draft202012Validator

from travel_advice.core.model import LANGUAGES, Advisory, EmergencyContact, Localized, Office, Region, Update
from travel_advice.core.validation import load_advisories
from travel_advice.core.words import LEVEL_NAMES
from travel_advice.site.open_data import SCHEMA_VERSION, ExportSite, export_files

from .conftest import BUILD_DATE, ROOT, Build

SCHEMA_DIR = ROOT / "plugins" / "travel_advice" / "core" / "schema"


@pytest.fixture(scope="module")
def site_url(shipped_site: Build) -> str:
    """The site_url the build used, from the home page's canonical link."""
    found = re.search(r'<link rel="canonical" href="([^"]+)"', shipped_site.page("index.html"))
    assert found
    return found.group(1)


def read_json(build: Build, path: str) -> Any:
    return json.loads(build.page(path))


@pytest.fixture(scope="module")
def model(shipped_site: Build) -> dict[str, Advisory]:
    """The shipped advisories as the build read them."""
    result = load_advisories(shipped_site.project / "advisories", date.fromisoformat(BUILD_DATE))
    assert not result.errors
    return {a.code: a for a in result.advisories}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / "export.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export_paths(build: Build) -> list[Path]:
    return sorted((build.site / "data").rglob("*.json"))


def test_every_file_is_written_once_at_the_site_root(shipped_site, model):
    names = {p.relative_to(shipped_site.site).as_posix() for p in export_paths(shipped_site)}
    expected = {"data/advisories.json", "data/advisories-en.json", "data/advisories-fr.json"}
    expected |= {f"data/destinations/{code.lower()}.json" for code in model}
    assert names == expected
    assert not (shipped_site.site / "fr" / "data").exists()
    assert not (shipped_site.site / "fr" / "schema").exists()


def test_every_file_validates_against_the_export_schema(shipped_site, validator):
    for path in export_paths(shipped_site):
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(json.loads(path.read_text("utf-8")))]
        assert errors == [], path


def test_the_schema_rejects_a_wrong_shape(shipped_site, validator):
    document = read_json(shipped_site, "data/advisories.json")
    document["advisories"][0]["level"] = 5
    document["advisories"][0]["name"] = "no longer bilingual"
    assert len(list(validator.iter_errors(document))) > 0
    localized = read_json(shipped_site, "data/advisories-fr.json")
    localized["advisories"][0]["summary"] = {"en": "a", "fr": "b"}  # per-language files hold plain text
    assert len(list(validator.iter_errors(localized))) > 0


def test_schemas_are_published_with_the_site(shipped_site):
    shipped = sorted(path.name for path in SCHEMA_DIR.glob("*.schema.json"))
    assert {"advisory.schema.json", "banner.schema.json", "export.schema.json"} <= set(shipped)
    for name in shipped:
        assert (shipped_site.site / "schema" / name).read_bytes() == (SCHEMA_DIR / name).read_bytes()


def test_head_is_versioned_and_dated_by_the_build(shipped_site, site_url):
    for path in export_paths(shipped_site):
        document = json.loads(path.read_text("utf-8"))
        assert document["schema_version"] == SCHEMA_VERSION == "1.2"
        assert document["generated"] == BUILD_DATE  # the build date, not a timestamp of the run
        assert document["$schema"] == urljoin(site_url, "schema/export.schema.json")


def as_localized(value: dict[str, str]) -> Localized:
    assert list(value) == list(LANGUAGES)
    return Localized(value["en"], value["fr"])


def advisory_from_export(entry: dict[str, Any], source: Path) -> Advisory:
    """Rebuild the model from a bilingual export entry: the round trip."""
    return Advisory(
        code=entry["code"],
        name=as_localized(entry["name"]),
        level=entry["level"],
        last_updated=date.fromisoformat(entry["last_updated"]),
        still_valid=date.fromisoformat(entry["still_valid"]),
        summary=as_localized(entry["summary"]),
        sections={key: as_localized(section["markdown"]) for key, section in entry["sections"].items()},
        updates=tuple(Update(date.fromisoformat(u["date"]), as_localized(u["note"])) for u in entry["updates"]),
        source=source,
        regions=tuple(Region(as_localized(r["name"]), r["level"], as_localized(r["reason"])) for r in entry["regions"]),
        offices=tuple(
            Office(as_localized(o["name"]), o["address"], o["phone"], o["email"], as_localized(o["hours"]))
            for o in entry["offices"]
        ),
        indicators=tuple(i["id"] for i in entry["indicators"]),
        also_known_as={lang: tuple(entry["also_known_as"][lang]) for lang in LANGUAGES},
        capital=as_localized(entry["capital"]) if entry["capital"] else None,
        emergency=EmergencyContact(**entry["emergency"]) if entry["emergency"] else None,
    )


def test_combined_export_round_trips_every_advisory(shipped_site, model):
    document = read_json(shipped_site, "data/advisories.json")
    assert document["languages"] == ["en", "fr"]
    entries = {entry["code"]: entry for entry in document["advisories"]}
    assert list(entries) == sorted(model)
    for code, advisory in model.items():
        assert advisory_from_export(entries[code], advisory.source) == advisory, code
        assert entries[code]["level_name"] == {"en": LEVEL_NAMES[advisory.level].en, "fr": LEVEL_NAMES[advisory.level].fr}


def test_destination_files_hold_the_same_entry(shipped_site, model, site_url):
    combined = {entry["code"]: entry for entry in read_json(shipped_site, "data/advisories.json")["advisories"]}
    for code, advisory in model.items():
        document = read_json(shipped_site, f"data/destinations/{advisory.slug}.json")
        assert document["advisory"] == combined[code]
        assert advisory_from_export(document["advisory"], advisory.source) == advisory
        assert document["advisory"]["data_url"] == urljoin(site_url, f"data/destinations/{advisory.slug}.json")


def in_one_language(value: Any, lang: str) -> Any:
    """A bilingual value with every ``{"en": ..., "fr": ...}`` replaced by its ``lang`` text."""
    if isinstance(value, dict):
        if list(value) == list(LANGUAGES):
            return value[lang]
        return {key: in_one_language(child, lang) for key, child in value.items()}
    if isinstance(value, list):
        return [in_one_language(child, lang) for child in value]
    return value


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_files_are_the_combined_file_in_one_language(shipped_site, lang):
    combined = read_json(shipped_site, "data/advisories.json")
    document = read_json(shipped_site, f"data/advisories-{lang}.json")
    assert document["language"] == lang
    assert document["levels"] == [{"level": n, "name": LEVEL_NAMES[n][lang]} for n in (1, 2, 3, 4)]
    assert document["emergency"] == combined["emergency"]
    assert document["advisories"] == in_one_language(combined["advisories"], lang)


def test_french_texts_are_french(shipped_site, model, site_url):
    document = read_json(shipped_site, "data/advisories-fr.json")
    for entry in document["advisories"]:
        advisory = model[entry["code"]]
        assert entry["name"] == advisory.name.fr and entry["summary"] == advisory.summary.fr
        assert entry["sections"]["health"]["title"] == "Santé"
        assert entry["url"] == urljoin(site_url, f"fr/destinations/{advisory.slug}/")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_page_urls_lead_to_built_pages(shipped_site, lang, site_url):
    for entry in read_json(shipped_site, f"data/advisories-{lang}.json")["advisories"]:
        path = urlsplit(entry["url"]).path.removeprefix(urlsplit(site_url).path)
        assert (shipped_site.site / path / "index.html").is_file(), entry["url"]
        page = (shipped_site.site / path / "index.html").read_text(encoding="utf-8")
        assert f'lang="{lang}"' in page


@pytest.mark.parametrize(("page", "lang"), [("about/open-data/index.html", "en"), ("fr/about/open-data/index.html", "fr")])
def test_open_data_page_links_to_every_file(shipped_site, page, lang):
    html = shipped_site.page(page)
    folder = (shipped_site.site / page).parent
    targets = {
        (folder / href).resolve().relative_to(shipped_site.site.resolve()).as_posix()
        for href in re.findall(r'href="([^"#:]+\.json)"', html)
    }
    assert targets == {
        "data/advisories.json",
        "data/advisories-en.json",
        "data/advisories-fr.json",
        "schema/export.schema.json",
        "schema/export-1.0.schema.json",
        "schema/export-1.1.schema.json",
        "schema/advisory.schema.json",
    }
    assert all((shipped_site.site / target).is_file() for target in targets)
    assert "schema_version" in html and "1.2" in html


@pytest.mark.parametrize(("page", "title"), [("about/index.html", "Open data"), ("fr/about/index.html", "Données ouvertes")])
def test_about_page_leads_to_the_open_data_page(shipped_site, page, title):
    assert re.search(rf'<a href="open-data/">{title}</a>', shipped_site.page(page))


def test_core_export_without_site_url_uses_site_paths(model):
    site = ExportSite(date(2026, 11, 25), "", lambda a, lang: f"{'' if lang == 'en' else 'fr/'}destinations/{a.slug}/")
    files = export_files(model.values(), site)
    combined = json.loads(files["data/advisories.json"])
    assert combined["$schema"] == "schema/export.schema.json"
    assert combined["emergency"] is None
    mx = json.loads(files["data/destinations/mx.json"])["advisory"]
    assert mx["url"] == {"en": "destinations/mx/", "fr": "fr/destinations/mx/"}
    assert mx["data_url"] == "data/destinations/mx.json"
    assert export_files(reversed(list(model.values())), site) == files  # same content, same bytes
