"""Open data: every advisory as JSON, in a stable, versioned shape described by ``schema/export.schema.json``.

Files (paths from the site root):

- ``data/advisories.json``: all advisories, every text in English and French (``{"en": ..., "fr": ...}``);
- ``data/advisories-en.json``, ``data/advisories-fr.json``: the same in one language, texts as strings
  (not ``advisories.en.json``: with static-i18n's suffix structure, a link to ``advisories.json``
  from an English page would lead to ``advisories.en.json``);
- ``data/destinations/<code>.json``: one destination, both languages.

Each advisory carries its ``timeline``: the periods (``from`` included, ``to`` excluded or null)
of its national level and of each regional advisory, from every published edition (null when
the site was built without history). ``generated`` is the build date, so an unchanged site gives byte-identical files. A change of
``SCHEMA_VERSION``'s major number means a field was removed or changed meaning; a new minor
number only adds fields.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from travel_advice.core.history import NO_HISTORY, Edition, History, Period, national_periods, regional_periods
from travel_advice.core.model import LANGUAGES, LEVELS, SECTION_KEYS, Advisory, EmergencyContact, Lang, Localized
from travel_advice.core.words import INDICATOR_LABELS, LEVEL_NAMES, SECTION_TITLES
from travel_advice.site.head_tags import absolute

SCHEMA_VERSION = "1.2"
"""1.1 added ``timeline``: the periods of each level, read from the history; 1.2 ``withdrawn``: advisories taken off the site."""
EXPORT_SCHEMA = "schema/export.schema.json"
COMBINED = "data/advisories.json"

Text = Callable[[Localized], Any]
"""How a text is written: both languages (a mapping) or one language (a string)."""


@dataclass(frozen=True)
class ExportSite:
    """What the export needs to know about the site it is published with."""

    generated: date
    site_url: str
    page_path: Callable[[Advisory, Lang], str]
    """Path of an advisory's page in a language, from the site root (``fr/destinations/mx/``)."""
    emergency: EmergencyContact | None = None
    history: History = NO_HISTORY
    history_path: Callable[[Advisory, Lang], str] | None = None
    """Path of an advisory's history page in a language, from the site root (``fr/destinations/mx/history/``)."""

    def url(self, path: str) -> str:
        """Absolute URL of a site path when the site has a ``site_url``; else the path itself."""
        return absolute(self.site_url, path) if self.site_url else path


def destination_path(advisory: Advisory) -> str:
    """Site path of one destination's JSON file."""
    return f"data/destinations/{advisory.slug}.json"


def language_path(lang: Lang) -> str:
    """Site path of the one-language export."""
    return f"data/advisories-{lang}.json"


def export_files(advisories: Iterable[Advisory], site: ExportSite) -> dict[str, bytes]:
    """Every open-data file: site path -> JSON (UTF-8)."""
    ordered = sorted(advisories, key=lambda a: a.code)
    withdrawn = site.history.withdrawn(a.code for a in ordered)
    both = [advisory_entry(a, site, None) for a in ordered]
    files = {COMBINED: to_json(collection(both, site, None) | {"withdrawn": withdrawn_entries(withdrawn, site, None)})}
    files |= {
        language_path(lang): to_json(
            collection([advisory_entry(a, site, lang) for a in ordered], site, lang) | {"withdrawn": withdrawn_entries(withdrawn, site, lang)}
        )
        for lang in LANGUAGES
    }
    files |= {destination_path(a): to_json(destination(entry, site)) for a, entry in zip(ordered, both, strict=False)}
    return files


def to_json(document: Mapping[str, Any]) -> bytes:
    """JSON as published: compact UTF-8 (no \\u escapes), keys in a fixed order.

    Compact, not indented: the files are for programs, and Python's JSON encoder is about
    five times slower with ``indent`` (it falls back to pure Python). Bytes, not text: the
    files stay in memory until the build ends, and French text (’, «) makes a Python string
    take two bytes a character.
    """
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def collection(entries: list[dict[str, Any]], site: ExportSite, lang: Lang | None) -> dict[str, Any]:
    """All advisories in one document: both languages (``lang`` None) or one language.

    ``entries`` are the advisories' :func:`advisory_entry` in that language.
    """
    text = _text(lang)
    head = _head(site)
    head |= {"languages": list(LANGUAGES)} if lang is None else {"language": lang}
    return head | {
        "levels": [{"level": level, "name": text(LEVEL_NAMES[level])} for level in LEVELS],
        "emergency": _contact(site.emergency),
        "advisories": entries,
    }


def destination(entry: dict[str, Any], site: ExportSite) -> dict[str, Any]:
    """One destination's document, both languages: ``entry`` is its :func:`advisory_entry` in both."""
    return _head(site) | {"languages": list(LANGUAGES), "advisory": entry}


def advisory_entry(advisory: Advisory, site: ExportSite, lang: Lang | None) -> dict[str, Any]:
    """One advisory: every field of the file, level names, section titles and page URLs."""
    text = _text(lang)
    aka = advisory.also_known_as
    return {
        "code": advisory.code,
        "name": text(advisory.name),
        "also_known_as": {k: list(aka.get(k, ())) for k in LANGUAGES} if lang is None else list(aka.get(lang, ())),
        "capital": text(advisory.capital) if advisory.capital else None,
        "level": advisory.level,
        "level_name": text(LEVEL_NAMES[advisory.level]),
        "indicators": [{"id": key, "label": text(INDICATOR_LABELS[key])} for key in advisory.indicators],
        "last_updated": advisory.last_updated.isoformat(),
        "still_valid": advisory.still_valid.isoformat(),
        "summary": text(advisory.summary),
        "regions": [
            {"name": text(r.name), "level": r.level, "level_name": text(LEVEL_NAMES[r.level]), "reason": text(r.reason)}
            for r in advisory.regions
        ],
        "sections": {
            key: {"title": text(SECTION_TITLES[key]), "markdown": text(advisory.sections[key])} for key in SECTION_KEYS
        },
        "offices": [
            {"name": text(o.name), "address": o.address, "phone": o.phone, "email": o.email, "hours": text(o.hours)}
            for o in advisory.offices
        ],
        "emergency": _contact(advisory.emergency),
        "updates": [{"date": u.date.isoformat(), "note": text(u.note)} for u in advisory.major_updates],
        "timeline": _timeline(site.history.of(advisory.code), text) if site.history.available else None,
        "url": text(Localized(*(site.url(site.page_path(advisory, k)) for k in LANGUAGES))),
        "data_url": site.url(destination_path(advisory)),
    }


def withdrawn_entries(withdrawn: Mapping[str, date], site: ExportSite, lang: Lang | None) -> list[dict[str, Any]]:
    """Each advisory withdrawn from the site (``withdrawn``: code -> day), as its last edition named it, and its ended timeline."""
    text = _text(lang)
    entries = []
    for code, day in withdrawn.items():
        editions = site.history.of(code)
        advisory = editions[-1].advisory
        history = Localized(*(site.url(site.history_path(advisory, k)) if site.history_path else "" for k in LANGUAGES))
        entries.append(
            {"code": code, "name": text(advisory.name), "withdrawn": day.isoformat(), "timeline": _timeline(editions, text, day), "history_url": text(history)}
        )
    return entries


def _timeline(editions: tuple[Edition, ...], text: Text, withdrawn: date | None = None) -> dict[str, Any]:
    """The periods of the national level and of each regional advisory (ended the day the advisory was ``withdrawn``)."""
    return {
        "national": _periods(national_periods(editions, withdrawn)),
        "regions": [{"name": text(name), "periods": _periods(found)} for name, found in regional_periods(editions, withdrawn)],
    }


def _periods(found: list[Period]) -> list[dict[str, Any]]:
    return [{"from": p.start.isoformat(), "to": p.end.isoformat() if p.end else None, "level": p.level} for p in found]


def _head(site: ExportSite) -> dict[str, Any]:
    return {
        "$schema": site.url(EXPORT_SCHEMA),
        "schema_version": SCHEMA_VERSION,
        "generated": site.generated.isoformat(),
    }


def _text(lang: Lang | None) -> Text:
    if lang is None:
        return lambda value: {k: value[k] for k in LANGUAGES}
    return lambda value: value[lang]


def _contact(contact: EmergencyContact | None) -> dict[str, str | None] | None:
    return {"phone": contact.phone, "email": contact.email} if contact else None
