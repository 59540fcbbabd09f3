"""The date a build or a check treats as today: one rule for ``mkdocs build`` and ``travel-advice``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

DATE_VARIABLE = "TRAVEL_ADVICE_BUILD_DATE"
"""Environment variable that fixes "today" (reproducible builds, tests, previewing a scheduled day)."""


def parse_date(text: str) -> date:
    """``text`` written YYYY-MM-DD, else a ValueError an editor can read."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date; expected YYYY-MM-DD") from None


def today(environ: Mapping[str, str] = os.environ) -> date:
    """``$TRAVEL_ADVICE_BUILD_DATE`` if set (ValueError naming it if malformed), else the computer's date."""
    configured = environ.get(DATE_VARIABLE, "").strip()
    if not configured:
        return date.today()
    try:
        return parse_date(configured)
    except ValueError as error:
        raise ValueError(f"${DATE_VARIABLE}: {error}") from None
