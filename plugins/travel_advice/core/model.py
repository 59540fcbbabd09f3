"""The advisory model: plain, immutable data built from a validated YAML mapping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Lang = Literal["en", "fr"]
LANGUAGES: tuple[Lang, ...] = ("en", "fr")
LEVELS = (1, 2, 3, 4)
# A destination code: ISO 3166-1 alpha-2 (MX) or ISO 3166-2 subdivision (PT-20, the Azores).
# The published schemas (advisory, banner, export) use this same pattern; a test keeps them in step.
CODE_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
SECTION_KEYS = ("safety", "entry_exit", "health", "laws_culture", "disasters_climate", "help")
SHARED_PARTS = 4096
"""Texts and change-log entries made once and shared by the advisories that hold them (the most recent
this many): the editions of an advisory in its history repeat most of them (core/history.py)."""
INDICATORS = (
    "crime",
    "terrorism",
    "civil-unrest",
    "health",
    "natural-disaster",
    "kidnapping",
    "wrongful-detention",
    "time-limited-event",
    "other",
)


@dataclass(frozen=True)
class Localized:
    """A text in English and in French."""

    en: str
    fr: str

    def __getitem__(self, lang: Lang) -> str:
        return self.en if lang == "en" else self.fr

    @classmethod
    def from_data(cls, data: Mapping[str, str]) -> Localized:
        return _localized(data["en"], data["fr"])


@dataclass(frozen=True)
class Region:
    """A part of the destination whose level differs from the national one."""

    name: Localized
    level: int
    reason: Localized


@dataclass(frozen=True)
class Office:
    """A consular office serving travellers in the destination."""

    name: Localized
    address: str
    phone: str
    email: str
    hours: Localized


@dataclass(frozen=True)
class EmergencyContact:
    """A 24/7 emergency line."""

    phone: str
    email: str | None = None


@dataclass(frozen=True)
class Update:
    """One dated entry of the change log."""

    date: date
    note: Localized
    minor: bool = False
    """A minor change (a typo, a broken link): not in the feeds or the latest updates."""
    time: datetime | None = None
    """The moment of the change with its offset, when the editor gave one (several changes a day in a crisis)."""

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Update:
        return _update(data["date"], data["en"], data["fr"], bool(data.get("minor")))

    @property
    def sort_key(self) -> tuple[date, float]:
        """Order of the change log: by day, then by time (a change without a time first in its day)."""
        return self.date, self.time.timestamp() if self.time else float("-inf")


@dataclass(frozen=True)
class Advisory:
    """One destination's advisory in both languages."""

    code: str
    name: Localized
    level: int
    last_updated: date
    still_valid: date
    summary: Localized
    sections: Mapping[str, Localized]
    updates: tuple[Update, ...]
    source: Path
    regions: tuple[Region, ...] = ()
    offices: tuple[Office, ...] = ()
    indicators: tuple[str, ...] = ()
    also_known_as: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    capital: Localized | None = None
    emergency: EmergencyContact | None = None
    draft: bool = False
    """Never published by ``mkdocs build``; ``mkdocs serve`` shows it marked as a draft."""
    publish_at: datetime | None = None
    """A scheduled edition (``<code>.next.yml``): when it replaces the live one."""

    @property
    def major_updates(self) -> tuple[Update, ...]:
        """The change-log entries that are not minor: what feeds and the latest updates carry."""
        return tuple(u for u in self.updates if not u.minor)

    @property
    def regional_peak(self) -> int | None:
        """The highest level of a regional advisory if it is above the national level, else None."""
        peak = max((region.level for region in self.regions), default=0)
        return peak if peak > self.level else None

    @property
    def slug(self) -> str:
        """URL-safe identifier: the lower-case code (``pt-20``)."""
        return self.code.lower()

    @property
    def parent_code(self) -> str | None:
        """The country of a subdivision (``PT`` for ``PT-20``); None for a country."""
        return parent_code(self.code)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], source: Path, name: Localized) -> Advisory:
        """Build an advisory from a mapping that passed validation."""
        aka = data.get("also_known_as") or {}
        return cls(
            code=data["code"],
            name=Localized.from_data(data["name"]) if "name" in data else name,
            level=data["level"],
            last_updated=date.fromisoformat(data["last_updated"]),
            still_valid=date.fromisoformat(data["still_valid"]),
            summary=Localized.from_data(data["summary"]),
            sections={key: Localized.from_data(data["sections"][key]) for key in SECTION_KEYS},
            updates=tuple(
                sorted(
                    (
                        Update.from_data(u) for u in data["updates"]
                    ),
                    key=lambda u: u.sort_key,
                    reverse=True,
                )
            ),
            source=source,
            regions=tuple(
                Region(Localized.from_data(r["name"]), r["level"], Localized.from_data(r["reason"]))
                for r in data.get("regions") or ()
            ),
            offices=tuple(
                Office(
                    name=Localized.from_data(o["name"]),
                    address=o["address"].strip(),
                    phone=o["phone"].strip(),
                    email=o["email"].strip(),
                    hours=Localized.from_data(o["hours"]),
                )
                for o in data.get("offices") or ()
            ),
            indicators=tuple(data.get("indicators") or ()),
            also_known_as={lang: tuple(aka.get(lang, ())) for lang in LANGUAGES},
            capital=Localized.from_data(data["capital"]) if "capital" in data else None,
            emergency=EmergencyContact(**data["emergency"]) if "emergency" in data else None,
            draft=data.get("status") == "draft",
            publish_at=datetime.fromisoformat(data["publish_at"]) if "publish_at" in data else None,
        )


@lru_cache(maxsize=SHARED_PARTS)
def _localized(en: str, fr: str) -> Localized:
    return Localized(en.strip(), fr.strip())


@lru_cache(maxsize=SHARED_PARTS)
def _update(when: str, en: str, fr: str, minor: bool) -> Update:
    day, moment = parse_when(when)
    return Update(day, _localized(en, fr), minor, moment)


def parent_code(code: str) -> str | None:
    """The country part of an ISO 3166-2 subdivision code (``PT-20`` -> ``PT``); None for alpha-2."""
    return code[:2] if "-" in code else None


def parse_when(text: str) -> tuple[date, datetime | None]:
    """``2026-12-10`` -> (the day, None); ``2026-12-10T09:00-05:00`` -> (its day at its offset, the moment).

    ValueError for an impossible date or time, or a time without its offset.
    """
    if "T" not in text:
        return date.fromisoformat(text), None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"'{text}' has no offset")
    return moment.date(), moment
