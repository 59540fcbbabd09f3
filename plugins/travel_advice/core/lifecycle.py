"""Which edition of each advisory a build publishes at a given moment, and how fresh each one is.

A scheduled edition (``<code>.next.yml``) replaces the live advisory (or adds a destination)
from its ``publish_at``; until then the live one stays published.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from travel_advice.core.model import Advisory


def editions_at(live: Iterable[Advisory], scheduled: Iterable[Advisory], moment: datetime) -> tuple[tuple[Advisory, ...], tuple[Advisory, ...]]:
    """The advisories published at ``moment`` (by code), and the scheduled editions still pending."""
    scheduled = list(scheduled)
    due = {a.code: a for a in scheduled if a.publish_at is not None and a.publish_at <= moment}
    published = {a.code: a for a in live} | due
    pending = tuple(a for a in scheduled if a.code not in due)
    return tuple(sorted(published.values(), key=lambda a: a.slug)), pending


def schedule_note(edition: Advisory, moment: datetime) -> str:
    """What a scheduled edition waits for, as ``check`` and the build say it."""
    assert edition.publish_at is not None
    when = edition.publish_at.isoformat()
    if edition.publish_at <= moment:
        return f"scheduled edition of {edition.code}: published since {when}"
    wait = edition.publish_at - moment
    left = f"{wait.days} day{'s' if wait.days != 1 else ''}" if wait.days else f"{wait.seconds // 3600} h {wait.seconds % 3600 // 60:02d} min"
    return f"scheduled edition of {edition.code}: published from {when} (in {left}); the live edition stays until then"


REVIEW_DAYS = 30
"""Days after ``still_valid`` before an advisory is overdue for review (the ``review_days`` option)."""


def review_age(advisory: Advisory, today: date) -> int:
    """Days since the advisory was last confirmed still valid."""
    return (today - advisory.still_valid).days


def overdue(advisories: Iterable[Advisory], today: date, review_days: int = REVIEW_DAYS) -> dict[str, int]:
    """The advisories overdue for review (``still_valid`` more than ``review_days`` days ago): code -> age in days."""
    return {a.code: age for a in advisories if (age := review_age(a, today)) > review_days}
