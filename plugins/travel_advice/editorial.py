"""Editorial warnings the ``check`` command adds to validation: stale reviews, silent level changes.

Validation (:mod:`.validation`) says whether an advisory can be published. These checks say
whether it is still looked after: a still-valid date older than a number of days, and a
level changed since the last commit (git ``HEAD``) without a new change-log entry.
"""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable

from . import yamlsource
from .model import Advisory
from .validation import Problem


def editorial_warnings(advisories: Iterable[Advisory], today: date, stale_days: int) -> list[Problem]:
    """Stale and level-change warnings for advisories that passed validation."""
    problems: list[Problem] = []
    for advisory in advisories:
        document = _document(advisory.source)
        problems += stale_warnings(advisory, document, today, stale_days)
        problems += level_change_warnings(advisory, document, committed_version(advisory.source))
    return problems


def stale_warnings(
    advisory: Advisory, document: yamlsource.YamlDocument | None, today: date, stale_days: int
) -> list[Problem]:
    """A warning when the still-valid date is more than ``stale_days`` days before ``today``."""
    if advisory.still_valid >= today - timedelta(days=stale_days):
        return []
    age = (today - advisory.still_valid).days
    message = (
        f"{advisory.still_valid.isoformat()} is {age} days old; expected a review at least every "
        f"{stale_days} days (review the advisory, then set still_valid to the review date)"
    )
    return [Problem(advisory.source, _line(document, ["still_valid"]), "still_valid", message, "warning")]


def level_change_warnings(
    advisory: Advisory, document: yamlsource.YamlDocument | None, committed: Any
) -> list[Problem]:
    """A warning when the level differs from ``committed`` (HEAD's data) with no newer change-log entry."""
    if not isinstance(committed, dict) or committed.get("level") == advisory.level:
        return []
    old_newest = _newest_update(committed)
    new_newest = advisory.updates[0].date if advisory.updates else None
    if old_newest is None or new_newest is None or new_newest > old_newest:
        return []
    message = (
        f"changed from {committed.get('level')} to {advisory.level} since the last commit without a "
        f"change-log entry; expected an 'updates' entry dated after {old_newest.isoformat()}"
    )
    return [Problem(advisory.source, _line(document, ["level"]), "level", message, "warning")]


def committed_version(path: Path) -> Any:
    """The file's data as committed in git ``HEAD`` (None outside git or for a new file)."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(path.parent), "show", f"HEAD:./{path.name}"],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):  # git missing or stuck
        return None
    if shown.returncode != 0:
        return None
    try:
        return yamlsource.parse(shown.stdout.decode("utf-8")).data
    except (UnicodeDecodeError, yamlsource.YamlError):
        return None


def _newest_update(data: dict[str, Any]) -> date | None:
    dates = []
    for update in data.get("updates") or ():
        try:
            dates.append(date.fromisoformat(str(update.get("date"))))
        except (AttributeError, ValueError):
            continue
    return max(dates, default=None)


def _document(path: Path) -> yamlsource.YamlDocument | None:
    try:
        return yamlsource.read(path)
    except (OSError, yamlsource.YamlError):
        return None


def _line(document: yamlsource.YamlDocument | None, where: list[str | int]) -> int | None:
    return document.line_of(where) if document is not None else None
