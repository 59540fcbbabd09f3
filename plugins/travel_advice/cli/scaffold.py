"""The skeleton of a new advisory file, for the ``new`` command and the feed importer.

The skeleton is a draft (``status: draft``): checked for its structure, never published.
Every text an editor must write is left empty (``""``), so it cannot be published unedited. Destination names come from Babel (CLDR) through
:mod:`.labels`, with the locales the site itself uses (en_CA, fr_CA: the advice is the
Government of Canada's, and Canadian French names differ from France's, e.g. « Bélarus »,
« Libéria », « Vietnam »), so the names in the skeleton are the ones the site will show.
CLDR names countries only: the skeleton of a subdivision (ISO 3166-2, ``PT-20``, the Azores)
has its ``name`` fields, empty, for the editor to write.
"""

from __future__ import annotations

import datetime
import re

from travel_advice.core.model import CODE_PATTERN, INDICATORS, LEVELS, SECTION_KEYS, Localized, parent_code
from travel_advice.core.words import LEVEL_NAMES, destination_names

SCHEMA_COMMENT = "# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json"

# CLDR region codes of two letters that are not destinations.
NOT_DESTINATIONS = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

SECTION_HINTS = {
    "safety": "safety and security: crime, terrorism, unrest, transport",
    "entry_exit": "entry and exit requirements: passport, visa, other documents",
    "health": "health: vaccines, diseases, medical care",
    "laws_culture": "laws and culture: local laws, dual citizenship, driving",
    "disasters_climate": "natural disasters and climate",
    "help": "help and assistance; shown above the consular offices",
}

_TEMPLATE = """\
{schema}
# {heading}: new advisory scaffolded on {today}.
# A draft: checked for its structure, never published. Write every "" below in English (en)
# and French (fr), then delete the status line to publish it.
status: draft  # travel-advice check --publishable <this file> lists what is still missing
code: {code}
{name_field}
also_known_as:  # other names and spellings travellers search for; may stay empty
  en: []
  fr: []
capital:  # capital city, in both languages; delete these three lines if there is none
  en: ""
  fr: ""
level: {level}  # {level_hint}
indicators: []  # risk badges, any of: {indicators}
last_updated: {today}  # date of the last substantive change (YYYY-MM-DD)
still_valid: {today}  # date of the last review that found the advice still valid
summary:  # two or three sentences: the essentials a traveller must know
  en: ""
  fr: ""
regions: []  # parts of the destination with a level other than the national one, e.g.
#  - name: {{en: "", fr: ""}}
#    level: 4
#    reason: {{en: "", fr: ""}}
sections:  # Markdown; for several paragraphs write `en: |` and indent the text below it
{sections}offices: []  # consular offices, main office first, e.g.
#  - name: {{en: "", fr: ""}}
#    address: ""  # postal address, as written locally
#    phone: ""  # e.g. +1 613 996 8885
#    email: ""
#    hours: {{en: "", fr: ""}}
# emergency: {{phone: ""}}  # only when the 24/7 contact differs from the site-wide one
updates:  # change log, newest first: what changed, in a sentence
  - date: {today}
    en: ""
    fr: ""
"""


_COUNTRY_NAME = '# name: {en: "", fr: ""}  # only when the CLDR names above do not fit'
_SUBDIVISION_NAME = (
    "name:  # REQUIRED: CLDR names countries only, so write the subdivision's name, e.g. Azores / Açores\n"
    '  en: ""\n'
    '  fr: ""'
)


def is_known_territory(code: str) -> bool:
    """Whether ``code`` (any case) is an ISO 3166-1 alpha-2 destination that CLDR names."""
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2}", code):
        return False
    return code.upper() not in NOT_DESTINATIONS and destination_names(code) is not None


def is_known_subdivision(code: str) -> bool:
    """Whether ``code`` (any case) is an ISO 3166-2 subdivision code of a country CLDR names, e.g. PT-20."""
    if not isinstance(code, str) or not re.fullmatch(CODE_PATTERN, code.upper()):
        return False
    country = parent_code(code.upper())
    return country is not None and is_known_territory(country)


def country_names(code: str) -> Localized:
    """CLDR names of a country, or of a subdivision's country (core/words.py); ValueError if unknown."""
    names = destination_names(code[:2]) if is_known_territory(code) or is_known_subdivision(code) else None
    if names is None:
        raise ValueError(
            f"unknown destination code {code!r}: expected an ISO 3166-1 alpha-2 code known to CLDR, e.g. MX, "
            "or an ISO 3166-2 subdivision code of one, e.g. PT-20"
        )
    return names


def scaffold_heading(code: str) -> str:
    """What a new file is about: « Mexico / Mexique », or « PT-20, a subdivision of Portugal / Portugal »."""
    names = country_names(code)
    country = f"{names.en} / {names.fr}"
    return f"{code.upper()}, a subdivision of {country}" if is_known_subdivision(code) else country


def scaffold_advisory(code: str, today: datetime.date, *, level: int | None = None) -> str:
    """Text of a new advisory file for ``code``; ValueError if the code or level is invalid.

    Without ``level`` the file says ``level: null``: a forgotten level must fail
    validation rather than default to "normal security precautions".
    """
    heading, subdivision = scaffold_heading(code), is_known_subdivision(code)
    if level is not None and (isinstance(level, bool) or level not in LEVELS):
        raise ValueError(f"invalid level {level!r}: expected 1, 2, 3 or 4")
    return _TEMPLATE.format(
        schema=SCHEMA_COMMENT,
        code=code.upper(),
        heading=heading if subdivision else f"{heading} (CLDR names)",
        name_field=_SUBDIVISION_NAME if subdivision else _COUNTRY_NAME,
        today=today.isoformat(),
        level="null" if level is None else level,
        level_hint=_level_hint(level),
        indicators=", ".join(INDICATORS),
        sections="".join(_section(key) for key in SECTION_KEYS),
    )


def _level_hint(level: int | None) -> str:
    hint = ", ".join(f"{n} {LEVEL_NAMES[n].en}" for n in LEVELS)
    return hint if level is not None else f"REQUIRED, one of: {hint}"


def _section(key: str) -> str:
    return f'  {key}:  # {SECTION_HINTS[key]}\n    en: ""\n    fr: ""\n'
