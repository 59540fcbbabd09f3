"""All or nothing on disk: every file of a run is replaced, or none is, even after a kill.

:func:`replace_all` writes every new text to a hidden temporary file beside its target, then
writes a journal naming each pair (the commit point), then renames each temporary over its
target and removes the journal. :func:`recover` runs first: a journal left by a killed run
is finished (its remaining temporaries renamed), and temporaries without a journal (a run
killed before its commit point) are removed, so the folder holds the old files or the new
ones, never a mix, and no temporary file.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

JOURNAL = ".import-journal.json"
TEMPORARY_SUFFIX = ".import.tmp"
LEFTOVER = re.compile(r"\..+(\.import|\.[0-9a-f]{8})\.tmp")
"""Temporary files of this module, and of the importer before it (``.mx.yml.1a2b3c4d.tmp``)."""


@dataclass(frozen=True)
class NewText:
    """The new text of one file, and what it must still hold on disk to be replaced (None: absent)."""

    path: Path
    old: str | None
    new: str
    newline: str
    mode: int | None


class ChangedOnDisk(Exception):
    """Files changed on disk during the run; nothing was replaced. ``paths`` names them."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = tuple(paths)
        super().__init__(", ".join(map(str, self.paths)))


def replace_all(directory: Path, texts: Sequence[NewText]) -> None:
    """Replace every file of ``texts`` (all in ``directory``), or none (ChangedOnDisk, OSError)."""
    if not texts:
        return
    written: list[tuple[Path, Path]] = []
    try:
        for text in texts:
            written.append((_write_temporary(text), text.path))
        changed = [t.path for t in texts if _current(t.path) != t.old]
        if changed:
            raise ChangedOnDisk(changed)
        _write_journal(directory, written)  # the commit point: from here on, recover() finishes the run
    except BaseException:
        for temporary, _ in written:
            temporary.unlink(missing_ok=True)
        raise
    _finish(directory, written)


def recover(directory: Path) -> list[str]:
    """Finish or undo a run that was killed; one line per thing done (empty: nothing was left)."""
    if not directory.is_dir():
        return []
    done: list[str] = []
    journal = directory / JOURNAL
    if journal.exists():
        pairs = _read_journal(directory)
        remaining = [(t, p) for t, p in pairs if t.exists()]
        _finish(directory, remaining)
        done.append(f"{directory}: finished an interrupted import ({len(remaining)} of {len(pairs)} file(s) were still to replace)")
    temporaries = leftovers(directory)
    for leftover in temporaries:
        leftover.unlink(missing_ok=True)
    if temporaries:
        done.append(f"{directory}: removed {len(temporaries)} temporary file(s) of an import interrupted before it replaced anything")
    return done


def leftovers(directory: Path) -> list[Path]:
    """The journal and temporary files an interrupted run left in ``directory``."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.name == JOURNAL or LEFTOVER.fullmatch(p.name))


def _finish(directory: Path, pairs: Sequence[tuple[Path, Path]]) -> None:
    for temporary, path in pairs:
        os.replace(temporary, path)
    _sync_directory(directory)
    (directory / JOURNAL).unlink(missing_ok=True)
    _sync_directory(directory)


def _write_journal(directory: Path, pairs: Sequence[tuple[Path, Path]]) -> None:
    text = json.dumps([[t.name, p.name] for t, p in pairs])
    temporary = directory / f"{JOURNAL}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}"
    _write(temporary, text, "\n", None)
    os.replace(temporary, directory / JOURNAL)
    _sync_directory(directory)


def _read_journal(directory: Path) -> list[tuple[Path, Path]]:
    """The pairs of a journal (written whole by a rename, so complete when present)."""
    names = json.loads((directory / JOURNAL).read_text(encoding="utf-8"))
    return [(directory / Path(t).name, directory / Path(p).name) for t, p in names]


def _write_temporary(text: NewText) -> Path:
    temporary = text.path.with_name(f".{text.path.name}.{secrets.token_hex(4)}{TEMPORARY_SUFFIX}")
    _write(temporary, text.new, text.newline, text.mode)
    return temporary


def _write(path: Path, text: str, newline: str, mode: int | None) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # umask applies
    try:
        with open(descriptor, "w", encoding="utf-8", newline=newline) as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(path, mode)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _sync_directory(directory: Path) -> None:
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _current(path: Path) -> str | None:
    """Text of ``path`` now, with LF line ends (None if it does not exist)."""
    try:
        return path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    except FileNotFoundError:
        return None
