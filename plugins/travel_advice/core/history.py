"""The public record: every published edition of every advisory, read from git in one pass.

An edition is a version of an advisory file as the site published it: a commit that changed
``<code>.yml`` (renames followed), or a scheduled edition (``<code>.next.yml``) from its
``publish_at``. Drafts, files that do not load and commits that change nothing an advisory
shows (a comment, the layout) are not editions. A later commit that brings back the text of an
older edition (``git revert``) withdraws the editions in between: they stay listed, marked.

One ``git log`` lists the commits of the whole advisories folder; one ``git cat-file --batch``
reads every version not summarised yet. What the site reads of every edition (the timeline, the
feeds, whether it repeats or brings back an earlier one) is its :class:`Summary`, which the build
cache keeps by blob: a build with it reads an old version's advisory from git only when a page
shown from it must be made again, one ``git cat-file`` for the versions of that destination. A
checkout without history (a shallow clone, a tarball, no git) gives :data:`NO_HISTORY`, and the
site says so.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import Any, Literal

from travel_advice.core.model import Advisory, Localized, Update
from travel_advice.core.words import destination_names
from travel_advice.core.yaml_source import MAX_FILE_BYTES, YamlError, load_data

Unavailable = Literal["", "shallow", "no-git"]
REVERT = re.compile(r"This reverts commit ([0-9a-f]{40})")
SCHEDULED = ".next"


@dataclass(frozen=True)
class Summary:
    """What the site reads of every edition, so that a build with the cache loads no old advisory."""

    code: str
    level: int
    regions: tuple[tuple[Localized, int], ...]
    """Each regional advisory's names and level."""
    change: Update | None
    """The newest change-log entry."""
    publish_at: datetime | None
    digest: str
    """SHA-256 of what the edition shows (:func:`_content`): the same digest, the same edition."""

    @classmethod
    def of(cls, advisory: Advisory) -> Summary:
        content = {key: sorted(value.items()) if isinstance(value, Mapping) else value for key, value in sorted(_content(advisory).items())}
        regions = tuple((region.name, region.level) for region in advisory.regions)
        change = advisory.updates[0] if advisory.updates else None
        digest = hashlib.sha256(repr(content).encode("utf-8")).hexdigest()
        return cls(advisory.code, advisory.level, regions, change, advisory.publish_at, digest)

    def kept(self) -> tuple[Any, ...]:
        """Its plain values (strings, numbers, tuples), for the build cache."""
        change = self.change and (self.change.date.isoformat(), self.change.note.en, self.change.note.fr, self.change.minor, _iso(self.change.time))
        regions = tuple((name.en, name.fr, level) for name, level in self.regions)
        return self.code, self.level, regions, change, _iso(self.publish_at), self.digest

    @classmethod
    def from_kept(cls, kept: Any) -> Summary | None:
        """The summary of :meth:`kept`'s values, or None when they are not such values (a damaged cache)."""
        try:
            code, level, regions, change, publish_at, digest = kept
            if not (type(code) is str and type(level) is int and type(digest) is str):
                return None
            return cls(code, level, _kept_regions(regions), _kept_change(change), _from_iso(publish_at), digest)
        except (TypeError, ValueError):
            return None


@lru_cache(maxsize=4096)
def _kept_regions(kept: tuple[tuple[str, str, int], ...]) -> tuple[tuple[Localized, int], ...]:
    """Regions from their kept values (the versions of a destination mostly share them: made once)."""
    regions = tuple((Localized(en, fr), level) for en, fr, level in kept)
    if not all(type(name.en) is str and type(name.fr) is str and type(level) is int for name, level in regions):
        raise ValueError("not a region's kept values")
    return regions


def _kept_change(kept: tuple[str, str, str, bool, str | None] | None) -> Update | None:
    """A change-log entry from its kept values."""
    if kept is None:
        return None
    day, en, fr, minor, moment = kept
    if not (type(en) is str and type(fr) is str and type(minor) is bool):
        raise ValueError("not a change's kept values")
    return Update(date.fromisoformat(day), Localized(en, fr), minor, _from_iso(moment))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _from_iso(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text is not None else None


@dataclass(frozen=True)
class Edition:
    """One published version of an advisory."""

    summary: Summary
    published: datetime
    """When it went live: its commit's time, or the ``publish_at`` of a scheduled edition."""
    commit: str
    address: str = ""
    """Its permanent folder under the history page: the day (``2026-09-16``), ``-2`` for a second one that day."""
    withdrawn: date | None = None
    """The day a later edition took it back (a revert), if one did."""
    restores: str | None = None
    """The address of the older edition this one brings back (a revert)."""
    blob: str = ""
    """The git object id of its file as committed: the same id, the same advisory."""
    load: Callable[[], Advisory] = field(kw_only=True, compare=False, repr=False)
    """Gives its advisory (read from git again when the build cache summarised it)."""

    @cached_property
    def advisory(self) -> Advisory:
        """The advisory as this edition published it, loaded when first asked for."""
        return self.load()

    @property
    def code(self) -> str:
        return self.summary.code

    @property
    def level(self) -> int:
        return self.summary.level

    @property
    def change(self) -> Update | None:
        """Its newest change-log entry."""
        return self.summary.change

    @property
    def day(self) -> date:
        return self.published.date()

    @property
    def minor(self) -> bool:
        """True when its newest change-log entry is a minor change."""
        return self.change is not None and self.change.minor


class HistoryError(RuntimeError):
    """An old version the history summarised could not be read from git again when a page needed it."""


@dataclass(frozen=True)
class History:
    """Editions of each destination, oldest first, or why the checkout has no history."""

    editions: Mapping[str, tuple[Edition, ...]] = field(default_factory=dict)
    unavailable: Unavailable = ""
    removed: Mapping[str, date] = field(default_factory=dict)
    """The day each advisory whose file was deleted (not renamed) left the site, by code."""

    @property
    def available(self) -> bool:
        return not self.unavailable

    def of(self, code: str) -> tuple[Edition, ...]:
        return self.editions.get(code, ())

    def withdrawn(self, current: Iterable[str]) -> dict[str, date]:
        """The advisories withdrawn from the site (file deleted, none of that code published now) and their day, by code."""
        live = set(current)
        return {code: day for code, day in sorted(self.removed.items()) if code not in live and self.of(code)}


NO_HISTORY = History(unavailable="no-git")


@dataclass
class _Version:
    commit: str
    time: datetime
    message: str
    blob: str
    path: str


def read_history(advisories_dir: Path, moment: datetime, summaries: dict[str, Summary | None] | None = None) -> History:
    """Every edition published up to ``moment`` of the advisories in ``advisories_dir``, each dated (its
    address, its day in the timeline) in ``moment``'s time zone, not in the offset its commit was made with.

    ``summaries`` holds the summary of committed files by git blob id (None: a file that is not a
    published advisory), from an earlier build: those are not read nor parsed again. It is left
    holding the versions of this history only, for the next build."""
    summaries = {} if summaries is None else summaries
    info = _git(advisories_dir, "rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository")
    if info is None:
        return NO_HISTORY
    top, prefix, shallow = (info.decode().split("\n") + ["", "", ""])[:3]
    if shallow == "true":
        return History(unavailable="shallow")
    log = _git(Path(top), "log", "--reverse", "--first-parent", "--diff-merges=first-parent", "-M", "--raw", "--no-abbrev", "-z", "--format=%x01%H %cI%n%B%x02", "--", prefix or ".")
    if log is None:
        return History()  # a repository without commits yet
    lineages = _lineages(log.decode("utf-8", "replace"), prefix)
    versions = _Versions(Path(top), summaries, {v.blob: v.path for lineage in lineages for v in lineage if v.blob})
    by_code: dict[str, list[Edition]] = {}
    ends: dict[str, list[datetime | None]] = {}
    for lineage in lineages:
        found = list(_editions(lineage, versions, moment))
        for edition in found:
            by_code.setdefault(edition.code, []).append(edition)
        if found and not _scheduled(lineage[-1].path):
            ends.setdefault(found[-1].code, []).append(None if lineage[-1].blob else lineage[-1].time)
    removed = {code: max(e for e in found if e).astimezone(moment.tzinfo).date() for code, found in ends.items() if all(found)}
    return History({code: _settled(editions) for code, editions in by_code.items()}, removed=removed)


class _Versions:
    """The committed versions of the history (blob -> path): the summary of each, and its advisory when asked for.

    A version ``summaries`` does not hold is read (one ``git cat-file`` for all) and summarised now, its
    advisory kept for this build; a summarised one's advisory is read from git when first asked for,
    with every other version of its destination not read yet."""

    def __init__(self, top: Path, summaries: dict[str, Summary | None], paths: dict[str, str]) -> None:
        self.top, self.summaries, self.paths = top, summaries, paths
        self.advisories: dict[str, Advisory | None] = {}
        for blob in summaries.keys() - paths.keys():
            del summaries[blob]
        self._read(paths.keys() - summaries.keys())  # a version git does not give is no edition, and is read again next time

    def advisory(self, blob: str) -> Advisory:
        if blob not in self.advisories:
            summary = self.summaries.get(blob)
            code = summary.code if summary else None
            self._read({b for b, s in self.summaries.items() if s is not None and s.code == code} - self.advisories.keys())
        found = self.advisories.get(blob)
        if found is None:
            raise HistoryError(f"{self.paths[blob]}: its version {blob} could not be read from git again (git cat-file failed); build again")
        return found

    def _read(self, blobs: set[str]) -> None:
        """Read, load and summarise ``blobs``, keeping their advisories (a version git did not give is left out)."""
        for blob, content in _read_blobs(self.top, blobs).items():
            advisory = self.advisories[blob] = _advisory(_data(content), self.paths[blob])
            self.summaries[blob] = Summary.of(advisory) if advisory else None


def _git(where: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _scheduled(path: str) -> bool:
    """Whether ``path`` is a scheduled edition's file (``advisories/pt.next.yml``)."""
    return path.rpartition("/")[2].rpartition(".")[0].endswith(SCHEDULED)


def _is_advisory(path: str, prefix: str) -> bool:
    """Whether ``path`` (from the repository's top) is an advisory file of the folder ``prefix`` (``advisories/``)."""
    folder, _, name = path.rpartition("/")
    stem, _, suffix = name.rpartition(".")
    return (f"{folder}/" if folder else "") == prefix and bool(stem) and suffix in ("yml", "yaml") and not name.startswith("_")


def _lineages(log: str, prefix: str) -> list[list[_Version]]:
    """The versions of each advisory file, oldest first, a renamed file keeping its versions."""
    open_files: dict[str, list[_Version]] = {}
    lineages: list[list[_Version]] = []
    for chunk in log.split("\x01")[1:]:
        header, _, raw = chunk.partition("\x02")
        first, _, message = header.partition("\n")
        commit, _, when = first.partition(" ")
        time = datetime.fromisoformat(when)
        fields = raw.strip("\x00\n").split("\x00")
        i = 0
        while i + 1 < len(fields):
            meta = fields[i].split()
            status, blob = meta[4], meta[3]
            paths = fields[i + 1 : i + 3] if status[0] in "RC" else fields[i + 1 : i + 2]
            i += 1 + len(paths)
            path = paths[-1]
            if status[0] == "R" and paths[0] in open_files:
                open_files[path] = open_files.pop(paths[0])
            if status[0] == "D":
                if path in open_files:
                    open_files.pop(path).append(_Version(commit, time, message, "", path))
                continue
            if not _is_advisory(path, prefix):
                continue
            if path not in open_files:
                open_files[path] = []
                lineages.append(open_files[path])
            open_files[path].append(_Version(commit, time, message, blob, path))
    return lineages


def _data(content: bytes) -> dict[str, Any] | None:
    """The loaded YAML of one version, or None for one that does not load (too big, not UTF-8, not YAML, not a mapping)."""
    if len(content) > MAX_FILE_BYTES:
        return None
    try:
        data = load_data(content.decode("utf-8"))
    except (YamlError, UnicodeDecodeError, TypeError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _read_blobs(top: Path, blobs: set[str]) -> dict[str, bytes]:
    """The content of every blob, through one ``git cat-file --batch``."""
    wanted = sorted(b for b in blobs if b)
    if not wanted:
        return {}
    try:
        done = subprocess.run(["git", "-C", str(top), "cat-file", "--batch"], input="\n".join(wanted).encode() + b"\n", capture_output=True, check=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return {}
    out, found, at = done.stdout, {}, 0
    while at < len(out):
        end = out.index(b"\n", at)
        head = out[at:end].split()
        at = end + 1
        if len(head) < 3 or head[1] == b"missing":
            continue
        size = int(head[2])
        found[head[0].decode()] = out[at : at + size]
        at += size + 1
    return found


def _editions(lineage: list[_Version], versions: _Versions, moment: datetime) -> Iterable[Edition]:
    """The editions among one file's versions: those that loaded as a published advisory, when they went live."""
    for index, version in enumerate(lineage):
        summary = versions.summaries.get(version.blob) if version.blob else None
        if summary is None:
            continue
        live = version.time.astimezone(moment.tzinfo)  # dated in the build's (the ministry's) time zone
        if summary.publish_at is not None:  # a scheduled edition: live at publish_at, if still there then
            live = max(version.time, summary.publish_at).astimezone(moment.tzinfo)
            later = lineage[index + 1].time if index + 1 < len(lineage) else None
            if live > moment or (later is not None and later <= live):
                continue
        elif _scheduled(version.path) or live.date() > moment.date():
            continue  # a scheduled file without publish_at never went live; a commit after the build's day is not yet published
        yield Edition(summary, live, version.commit + "\n" + version.message, blob=version.blob, load=partial(versions.advisory, version.blob))


def _advisory(data: dict[str, Any] | None, path: str) -> Advisory | None:
    """The advisory of one version, or None for a draft or a version that does not load."""
    if data is None or data.get("status") == "draft":
        return None
    try:
        names = destination_names(data["code"]) or Localized("", "")
        return Advisory.from_data(data, Path(path), names)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _content(advisory: Advisory) -> dict[str, Any]:
    """What an edition shows, to compare: the advisory's fields but where and when its file was."""
    return {**vars(advisory), "source": None, "publish_at": None}


def _settled(editions: list[Edition]) -> tuple[Edition, ...]:
    """Editions in time order, repeats dropped, addresses given, reverted ones marked withdrawn."""
    kept: list[Edition] = []
    for edition in sorted(editions, key=lambda e: e.published):
        if not kept or kept[-1].summary.digest != edition.summary.digest:
            kept.append(edition)
    digests = [edition.summary.digest for edition in kept]
    addresses: list[str] = []
    per_day: dict[date, int] = {}
    for edition in kept:
        count = per_day[edition.day] = per_day.get(edition.day, 0) + 1
        addresses.append(edition.day.isoformat() + (f"-{count}" if count > 1 else ""))
    withdrawn: list[date | None] = [None] * len(kept)
    restores: list[str | None] = [None] * len(kept)
    for i, edition in enumerate(kept):
        reverted = set(REVERT.findall(edition.commit))
        earlier = next((j for j in range(i - 2, -1, -1) if digests[j] == digests[i]), None)
        targets = set(range(earlier + 1, i)) if earlier is not None else set()
        targets |= {j for j in range(i) if kept[j].commit.split("\n", 1)[0] in reverted}
        for j in targets:
            withdrawn[j] = withdrawn[j] or edition.day
        if earlier is not None:
            restores[i] = addresses[earlier]
    return tuple(
        replace(e, commit=e.commit.split("\n", 1)[0], address=addresses[i], withdrawn=withdrawn[i], restores=restores[i])
        for i, e in enumerate(kept)
    )


@dataclass(frozen=True)
class Period:
    """A stretch of days with one level: ``start`` included, ``end`` excluded (None: still in force)."""

    start: date
    end: date | None
    level: int


def periods(points: Iterable[tuple[date, int | None]]) -> list[Period]:
    """The periods of a level given at points in time (oldest first; None: no level).

    The last point of a day gives that day's level, so "the level on day X" is the one period
    with ``start <= X < end``.
    """
    by_day: dict[date, int | None] = {}
    for day, level in points:
        by_day[day] = level
    found: list[Period] = []
    for day, level in by_day.items():
        if found and found[-1].end is None:
            if found[-1].level == level:
                continue
            found[-1] = replace(found[-1], end=day)
        if level is not None:
            found.append(Period(day, None, level))
    return found


def national_periods(editions: Iterable[Edition], withdrawn: date | None = None) -> list[Period]:
    """The periods of the national level, from the editions of one destination (the last one ends the day it was ``withdrawn``)."""
    return periods([*((e.day, e.level) for e in editions), *([(withdrawn, None)] if withdrawn else [])])


def regional_periods(editions: tuple[Edition, ...], withdrawn: date | None = None) -> list[tuple[Localized, list[Period]]]:
    """Each region ever named (by its English name, with its latest names) and the periods of its level (all ended
    the day the advisory was ``withdrawn``)."""
    names: dict[str, Localized] = {}
    for edition in editions:
        names |= {name.en: name for name, _ in edition.summary.regions}
    end = [(withdrawn, None)] if withdrawn else []
    return [
        (
            name,
            periods([*((e.day, next((level for name, level in e.summary.regions if name.en == key), None)) for e in editions), *end]),
        )
        for key, name in names.items()
    ]
