"""Dates as each language writes them (Babel, with French's ordinal first of the month)."""

from __future__ import annotations

from datetime import date

import pytest

from travel_advice.core.words import format_day


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2026, 12, 1), "fr", "1er décembre 2026"),
        (date(2026, 12, 2), "fr", "2 décembre 2026"),
        (date(2026, 11, 25), "fr", "25 novembre 2026"),
        (date(2026, 12, 1), "en", "December 1, 2026"),
    ],
)
def test_days_are_written_as_each_language_writes_them(day: date, lang: str, expected: str) -> None:
    assert format_day(day, lang) == expected
