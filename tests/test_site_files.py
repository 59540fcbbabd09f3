"""The files written once at the site root (site/root_files.py): open data and JSON Schemas."""

from __future__ import annotations

import json
from datetime import date

from travel_advice.core.model import LANGUAGES, EmergencyContact
from travel_advice.site.layout import Layout, destination_views
from travel_advice.site.root_files import SCHEMA_DIR, published_schemas, site_files

from .test_site_urls import FakeUrls, fixture_advisories


def test_every_schema_of_the_package_is_published() -> None:
    schemas = published_schemas()
    assert sorted(schemas) == sorted(f"schema/{path.name}" for path in SCHEMA_DIR.glob("*.schema.json"))
    assert {"schema/advisory.schema.json", "schema/banner.schema.json", "schema/export.schema.json"} <= set(schemas)


def test_open_data_links_each_destination_page_in_both_languages() -> None:
    views = {lang: destination_views(fixture_advisories(), lang, Layout.of("where"), FakeUrls()) for lang in LANGUAGES}
    files = site_files(views, date(2026, 11, 25), "https://example.org/", EmergencyContact("+1 613 555 0199"))
    assert {"data/advisories.json", "data/advisories-en.json", "data/advisories-fr.json", "data/destinations/pt.json"} <= set(files)
    assert json.loads(files["data/destinations/pt.json"])["generated"] == "2026-11-25"
    assert b"https://example.org/fr/where/pt/" in files["data/destinations/pt.json"]
    assert b"https://example.org/where/pt/" in files["data/advisories-en.json"]
