"""``travel-advice review``: record that advisories were reviewed today and are still valid.

Only the value of the top-level ``still_valid`` line changes: its quoting, its comment and every
other byte of the file stay as they were. The new text is read back and must mean the same
advisory with the new date, else nothing is written. Every file is prepared before any is written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from travel_advice.core import yaml_source
from travel_advice.core.validation import ADVISORY_SUFFIXES

STILL_VALID_LINE = re.compile(r"^(still_valid:[ \t]*)(['\"]?)(\d{4}-\d{2}-\d{2})\2(?=[ \t]*(#.*)?$)", re.M)


class ReviewError(Exception):
    """Files that cannot be reviewed, one message each; nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Reviewed:
    """One advisory file and the still-valid date it had (``old``) and has now (``new``)."""

    path: Path
    old: str
    new: str
    text: str


def review(codes: list[str], folder: Path, today: date) -> list[Reviewed]:
    """Set ``still_valid`` to ``today`` in the advisories of ``codes``; ReviewError (nothing written) if any fails."""
    prepared: list[Reviewed] = []
    problems: list[str] = []
    for code in dict.fromkeys(c.upper() for c in codes):
        try:
            prepared.append(_prepare(_advisory_path(code, folder), today))
        except ReviewError as error:
            problems += error.problems
    if problems:
        raise ReviewError(problems)
    for item in prepared:
        if item.old != item.new:
            _replace(item.path, item.text)
    return prepared


def _advisory_path(code: str, folder: Path) -> Path:
    for suffix in ADVISORY_SUFFIXES:
        path = folder / f"{code.lower()}{suffix}"
        if path.is_file():
            return path
    raise ReviewError([f"{code}: no advisory file {folder / (code.lower() + '.yml')}; expected the code of a destination with an advisory"])


def _prepare(path: Path, today: date) -> Reviewed:
    try:
        text = path.read_bytes().decode("utf-8")
        before = yaml_source.parse(text).data
    except (OSError, UnicodeDecodeError, yaml_source.YamlError) as error:
        raise ReviewError([f"{path}: cannot be read ({error}); run travel-advice check {path}"]) from None
    found = list(STILL_VALID_LINE.finditer(text))
    if len(found) != 1:
        raise ReviewError([f"{path}: still_valid: expected one line 'still_valid: YYYY-MM-DD' at the top level; set it by hand"])
    match = found[0]
    new_text = text[: match.start(3)] + today.isoformat() + text[match.end(3) :]
    after = yaml_source.parse(new_text).data
    if not isinstance(before, dict) or after != {**before, "still_valid": today.isoformat()}:
        raise ReviewError([f"{path}: still_valid: the file does not read as expected; set it by hand"])
    if match.group(3) > today.isoformat():
        raise ReviewError([f"{path}: still_valid: {match.group(3)} is after today ({today.isoformat()}); set it by hand"])
    return Reviewed(path, match.group(3), today.isoformat(), new_text)


def _replace(path: Path, text: str) -> None:
    """Write ``text`` over ``path`` atomically, keeping its permissions."""
    temporary = path.with_name(f".{path.name}.review.tmp")
    temporary.write_bytes(text.encode("utf-8"))
    os.chmod(temporary, path.stat().st_mode)
    os.replace(temporary, path)
