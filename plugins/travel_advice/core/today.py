"""The moment and the date a build or a check treats as now: one rule for ``mkdocs build`` and ``travel-advice``.

"Today" is the date in the ministry's time zone (the ``time_zone`` option, UTC by default), never
the build machine's zone: a build at 01:00 UTC is still the evening before in Ottawa.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DATE_VARIABLE = "TRAVEL_ADVICE_BUILD_DATE"
"""Environment variable that fixes "now": a date (its midnight in the ministry's time zone) or a date and
time with its offset (reproducible builds, tests, previewing a scheduled edition)."""
DEFAULT_ZONE = "UTC"


def parse_date(text: str) -> date:
    """``text`` written YYYY-MM-DD, else a ValueError an editor can read."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def parse_moment(text: str, zone: tzinfo) -> datetime:
    """A date (its midnight in ``zone``) or a date and time with its offset, else a ValueError."""
    text = text.strip()
    if "T" not in text:
        return datetime.combine(parse_date(text), time(0), tzinfo=zone)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise ValueError(f"'{text}' is not a date and time with its offset; expected e.g. 2026-12-10T09:00:00-05:00, or a date YYYY-MM-DD")
    return moment


def time_zone(name: str | None) -> ZoneInfo:
    """The IANA time zone ``name`` (``America/Toronto``; UTC when None), else a ValueError."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a time zone; expected an IANA name such as America/Toronto or UTC") from None


def now(environ: Mapping[str, str] = os.environ, zone: tzinfo = UTC) -> datetime:
    """``$TRAVEL_ADVICE_BUILD_DATE`` if set (ValueError naming it if malformed), else the clock; in ``zone``."""
    configured = environ.get(DATE_VARIABLE, "").strip()
    if not configured:
        return datetime.now(zone)
    try:
        return parse_moment(configured, zone).astimezone(zone)
    except ValueError as error:
        raise ValueError(f"${DATE_VARIABLE}: {error}") from None

