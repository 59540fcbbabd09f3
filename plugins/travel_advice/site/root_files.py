"""The files written once at the site root, for every language: the open data and the JSON Schemas."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from importlib import resources
from pathlib import Path

from travel_advice.core.history import NO_HISTORY, History
from travel_advice.core.model import LANGUAGES, Advisory, EmergencyContact, Lang
from travel_advice.site.layout import DestinationView
from travel_advice.site.open_data import ExportSite, export_files

SCHEMA_DIR = Path(str(resources.files("travel_advice.core"))) / "schema"


def published_schemas() -> dict[str, bytes]:
    """The package's JSON Schemas, published under ``schema/``: site path -> content."""
    return {f"schema/{path.name}": path.read_bytes() for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def site_files(
    views: Mapping[Lang, Mapping[str, DestinationView]],
    today: date,
    site_url: str | None,
    emergency: EmergencyContact | None,
    history: History = NO_HISTORY,
    history_path: Callable[[Advisory, Lang], str] | None = None,
) -> dict[str, bytes]:
    """The open-data files (site/open_data.py) and the JSON Schemas: site path -> content.

    ``views``: every destination in every language (site/layout.py ``destination_views``).
    """
    site = ExportSite(
        generated=today,
        site_url=site_url or "",
        page_path=lambda advisory, lang: views[lang][advisory.code].url,
        emergency=emergency,
        history=history,
        history_path=history_path,
    )
    advisories = [view.advisory for view in views[LANGUAGES[0]].values()]
    return export_files(advisories, site) | published_schemas()
