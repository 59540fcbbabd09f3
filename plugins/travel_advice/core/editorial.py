"""Editorial checks the ``check`` command adds to validation: stale reviews, silent or minor level changes.

Validation (:mod:`.validation`) says whether an advisory can be published. These checks say
whether it is still looked after: a still-valid date older than a number of days, and a level
changed since the last commit (git ``HEAD``) without a new change-log entry.
"""

from __future__ import annotations

import subprocess
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from travel_advice.core import yaml_source
from travel_advice.core.model import Advisory
from travel_advice.core.validation import Problem


def editorial_warnings(advisories: Iterable[Advisory], today: date, stale_days: int) -> list[Problem]:
    """Stale and level-change warnings for advisories that passed validation."""
    advisories = list(advisories)
    committed = committed_texts([a.source for a in advisories])
    problems: list[Problem] = []
    for advisory in advisories:
        problems += stale_warnings(advisory, today, stale_days)
        old = committed.get(advisory.source)
        if old is not None and old != advisory.source.read_bytes():
            problems += level_change_warnings(advisory, _data(old))
    return problems


def stale_warnings(advisory: Advisory, today: date, stale_days: int) -> list[Problem]:
    """A warning when the still-valid date is more than ``stale_days`` days before ``today``."""
    if advisory.still_valid >= today - timedelta(days=stale_days):
        return []
    age = (today - advisory.still_valid).days
    message = (
        f"{advisory.still_valid.isoformat()} is {age} days old; expected a review at least every "
        f"{stale_days} days (review the advisory, then set still_valid to the review date)"
    )
    return [Problem(advisory.source, _line(advisory.source, "still_valid"), "still_valid", message, "warning")]


def level_change_warnings(advisory: Advisory, committed: Any) -> list[Problem]:
    """A warning when the level differs from ``committed`` (HEAD's data) with no newer change-log entry;
    an error when the newer entries are all minor changes."""
    if not isinstance(committed, dict) or committed.get("level") == advisory.level:
        return []
    old_newest = _newest_update(committed)
    if old_newest is None or advisory.updates[0].date > old_newest:
        if old_newest is not None and not any(u.date > old_newest for u in advisory.major_updates):
            return [minor_level_change(advisory, committed.get("level"))]
        return []
    message = (
        f"changed from {committed.get('level')} to {advisory.level} since the last commit without a "
        f"change-log entry; expected an 'updates' entry dated after {old_newest.isoformat()}"
    )
    return [Problem(advisory.source, _line(advisory.source, "level"), "level", message, "warning")]


def scheduled_level_problems(live: Iterable[Advisory], scheduled: Iterable[Advisory]) -> list[Problem]:
    """An error when a scheduled edition changes the live level with minor change-log entries only."""
    by_code = {a.code: a for a in live}
    problems = []
    for edition in scheduled:
        current = by_code.get(edition.code)
        if current is None or current.level == edition.level:
            continue
        if not any(u.date > current.updates[0].date for u in edition.major_updates):
            problems.append(minor_level_change(edition, current.level))
    return problems


def minor_level_change(advisory: Advisory, old_level: object) -> Problem:
    """The error of a level changed in a minor edition: a level change always alerts subscribers."""
    message = (
        f"changed from {old_level} to {advisory.level} in a minor change; expected a major change-log entry "
        "(without minor: true): a new level must reach the feeds and the latest updates"
    )
    return Problem(advisory.source, _line(advisory.source, "level"), "level", message)


def committed_texts(paths: Iterable[Path]) -> dict[Path, bytes]:
    """The files' content in git ``HEAD``, by path; files outside git or not committed are left out.

    One ``git cat-file --batch`` per repository, not one process per file.
    """
    by_folder: dict[Path, list[Path]] = defaultdict(list)
    for path in paths:
        by_folder[path.parent].append(path)
    by_repository: dict[Path, list[Path]] = defaultdict(list)
    for folder, files in by_folder.items():
        root = _repository_root(folder)
        if root is not None:
            by_repository[root] += files
    found: dict[Path, bytes] = {}
    for root, files in by_repository.items():
        names = [f"HEAD:{path.resolve().relative_to(root).as_posix()}" for path in files]
        contents = _cat_files(root, names)
        found |= {path: text for path, text in zip(files, contents, strict=False) if text is not None}
    return found


def _repository_root(folder: Path) -> Path | None:
    shown = _git(folder, ["rev-parse", "--show-toplevel"])
    return Path(shown.decode("utf-8").strip()).resolve() if shown else None


def _cat_files(root: Path, names: list[str]) -> list[bytes | None]:
    """Contents of ``HEAD:<path>`` objects, None where missing (a new file, or no commit yet)."""
    output = _git(root, ["cat-file", "--batch"], "".join(f"{name}\n" for name in names).encode("utf-8")) or b""
    contents: list[bytes | None] = []
    position = 0
    for _ in names:
        end = output.find(b"\n", position)
        if end < 0:  # git failed: no output
            contents.append(None)
            continue
        header = output[position:end].split()
        position = end + 1
        if len(header) == 3 and header[1] == b"blob":  # "<sha> blob <size>", then the content
            size = int(header[2])
            contents.append(output[position : position + size])
            position += size + 1
        else:  # "<name> missing"
            contents.append(None)
    return contents


def _git(folder: Path, args: list[str], stdin: bytes | None = None) -> bytes | None:
    """Output of a git command, or None when git is missing, fails or the folder is not in git."""
    try:
        completed = subprocess.run(["git", "-C", str(folder), *args], input=stdin, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return completed.stdout if completed.returncode == 0 else None


def _data(text: bytes) -> Any:
    try:
        return yaml_source.parse(text.decode("utf-8")).data
    except (UnicodeDecodeError, yaml_source.YamlError):
        return None


def _newest_update(data: dict[str, Any]) -> date | None:
    dates = []
    for update in data.get("updates") or ():
        try:
            dates.append(date.fromisoformat(str(update.get("date"))[:10]))
        except (AttributeError, ValueError):
            continue
    return max(dates, default=None)


def _line(path: Path, key: str) -> int | None:
    """Line of a top-level field, read again only for the few files that get a warning."""
    try:
        return yaml_source.read(path).line_of([key])
    except (OSError, yaml_source.YamlError):
        return None
