"""The files written once at the site root, for every language: the open data and the JSON Schemas."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from importlib import resources
from pathlib import Path

from travel_advice.core.model import Advisory, EmergencyContact
from travel_advice.site.layout import Layout, SiteUrls
from travel_advice.site.open_data import ExportSite, export_files

SCHEMA_DIR = Path(str(resources.files("travel_advice.core"))) / "schema"


def published_schemas() -> dict[str, bytes]:
    """The package's JSON Schemas, published under ``schema/``: site path -> content."""
    return {f"schema/{path.name}": path.read_bytes() for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def site_files(
    advisories: Sequence[Advisory],
    today: date,
    site_url: str | None,
    emergency: EmergencyContact | None,
    layout: Layout,
    urls: SiteUrls,
) -> dict[str, bytes]:
    """The open-data files (core: site/open_data.py) and the JSON Schemas: site path -> content."""
    site = ExportSite(
        generated=today,
        site_url=site_url or "",
        page_path=lambda advisory, lang: urls.page_url(lang, layout.page(advisory)),
        emergency=emergency,
    )
    return export_files(advisories, site) | published_schemas()
