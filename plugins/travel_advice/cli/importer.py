"""Import risk levels from the Government of Canada's open-data travel-advisory feed.

Three steps, usable apart: :func:`.fetching.fetch_json` (bounded HTTP), :func:`parse_index_feed`
(the index feed or one destination's feed, to :class:`FeedEntry` objects) and
:func:`apply_feed` (update ``level``, ``last_updated`` and ``updates`` of the advisory files,
in ruamel.yaml round-trip mode so that comments, key order, quoting and prose stay as
written). :func:`import_feed` chains the three. Nothing is written unless every file could
be updated.

Never older over newer: an entry not newer than what its advisory states (``last_updated``
and the newest change-log entry) changes nothing and, when its level differs, is reported in
:attr:`ImportReport.stale`; a feed generated before the newest advisory of the folder is
refused as a whole (:class:`StaleFeedError`) unless ``allow_older_feed``. The day of
``metadata.generated`` is read for that refusal only: it changes on every request and is
never taken as a change of content.
"""

from __future__ import annotations

import datetime
import difflib
import functools
import html
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import ScalarString

from travel_advice.cli.fetching import MAX_BYTES, FeedError, fetch_json
from travel_advice.cli.full_advisory import advisory_from_feed, checked_text
from travel_advice.cli.scaffold import is_known_subdivision, is_known_territory, scaffold_advisory
from travel_advice.cli.swap import ChangedOnDisk, NewText, recover, replace_all
from travel_advice.core import yaml_source
from travel_advice.core.model import CODE_PATTERN, LEVELS
from travel_advice.core.validation import advisory_files
from travel_advice.core.words import LEVEL_NAMES

KEY_ORDER = (
    "code", "name", "also_known_as", "capital", "level", "indicators", "last_updated",
    "still_valid", "summary", "regions", "sections", "offices", "emergency", "updates",
)  # fmt: skip
MONTHS = ("January February March April May June July August September October November December").split()
NBSP = "\u00a0"


class AdvisoryFileError(Exception):
    """Advisory files cannot be updated; nothing was written. ``problems`` lists each one."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} advisory file(s) cannot be updated, nothing written: " + "; ".join(self.problems))


@dataclass(frozen=True)
class FeedEntry:
    """One destination as the feed publishes it, with our level (1-4)."""

    code: str
    level: int
    published: datetime.date
    names: dict[str, str]
    update_type: str | None


class StaleFeedError(Exception):
    """The feed was generated before the newest advisory of the folder: refused, nothing written."""


class FeedEntries(list[FeedEntry]):
    """Entries of a feed, the feed keys skipped (key -> reason: not destination codes) and the
    day the feed was generated (``metadata.generated``, None if absent)."""

    def __init__(
        self,
        entries: Iterable[FeedEntry] = (),
        skipped: Mapping[str, str] | None = None,
        generated: datetime.date | None = None,
    ) -> None:
        super().__init__(entries)
        self.skipped: dict[str, str] = dict(skipped or {})
        self.generated = generated


@dataclass(frozen=True)
class Change:
    """One field of an advisory changed by the import (dates as ISO text)."""

    field: str
    old: Any
    new: Any


@dataclass
class ImportReport:
    """What an import changed, or would change with ``dry_run``."""

    dry_run: bool
    changes: dict[str, list[Change]] = field(default_factory=dict)
    created: list[Path] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    not_in_feed: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    """One warning per entry skipped as not newer than its advisory (``file:line: warning: level: ...``)."""
    diffs: dict[Path, str] = field(default_factory=dict)
    drafts: dict[Path, list[str]] = field(default_factory=dict)
    """Whole advisories written (``full``), and what each lacks: written as a draft if anything."""
    recovered: list[str] = field(default_factory=list)
    """What was found of an interrupted import, and finished or undone (:func:`.swap.recover`)."""

    @property
    def written(self) -> list[Path]:
        """Files written (none in a dry run)."""
        return [] if self.dry_run else list(self.diffs)



# ---------------------------------------------------------------- parsing


def parse_index_feed(data: Mapping[str, Any]) -> FeedEntries:
    """Entries of an index feed, or of one destination's feed (``data`` has "country-iso").

    Keys are ISO 3166-1 alpha-2 codes or ISO 3166-2 subdivision codes ("PT-20", the Azores);
    other keys are skipped and listed in ``.skipped``. Every malformed entry is collected, then one FeedError names them all.
    """
    body = data.get("data") if isinstance(data, Mapping) else None
    if not isinstance(body, Mapping):
        raise FeedError("invalid feed: no 'data' object; expected the index or a per-destination feed")
    items = [(body.get("country-iso"), body)] if "country-iso" in body else list(body.items())
    entries, problems = FeedEntries(generated=_generated(data)), []
    for key, raw in items:
        if not isinstance(key, str) or not re.fullmatch(CODE_PATTERN, key.upper()):
            entries.skipped[str(key)] = "not an ISO 3166-1 or ISO 3166-2 code"
            continue
        entry, entry_problems = _entry(key.upper(), raw)
        problems += entry_problems
        if entry is not None:
            entries.append(entry)
    if problems:
        raise FeedError(f"invalid feed: {len(problems)} problem(s): " + "; ".join(problems), problems)
    return entries


def _generated(data: Mapping[str, Any]) -> datetime.date | None:
    """The day of ``metadata.generated`` (its ``date``, else its Unix ``timestamp``), None if absent."""
    stamp = data.get("metadata", {}).get("generated") if isinstance(data.get("metadata"), Mapping) else None
    if not isinstance(stamp, Mapping):
        return None
    try:
        return datetime.datetime.fromisoformat(str(stamp.get("date"))).date()
    except ValueError:
        pass
    timestamp = stamp.get("timestamp")
    if isinstance(timestamp, int) and not isinstance(timestamp, bool):
        return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
    return None


def _entry(key: str, raw: Any) -> tuple[FeedEntry | None, list[str]]:
    if not isinstance(raw, Mapping):
        return None, [f"{key}: expected an object, found {type(raw).__name__}"]
    problems: list[str] = []
    level = _level(key, raw, problems)
    published = _published(key, raw, problems)
    names = {lang: _name(key, raw, feed_lang, problems) for lang, feed_lang in (("en", "eng"), ("fr", "fra"))}
    iso = raw.get("country-iso")
    if iso is not None and str(iso).upper() != key:
        problems.append(f"{key}: 'country-iso' {iso!r} differs from the key")
    if problems or level is None or published is None:
        return None, problems
    return FeedEntry(key, level, published, names, _update_type(raw)), []


def _level(key: str, raw: Mapping[str, Any], problems: list[str]) -> int | None:
    """Feed advisory-state 0-3 (int or numeric string) -> our level 1-4."""
    if "advisory-state" not in raw:
        problems.append(f"{key}: 'advisory-state' is missing")
        return None
    state = raw["advisory-state"]
    if isinstance(state, str) and re.fullmatch(r"\s*\d+\s*", state):
        state = int(state)
    if isinstance(state, bool) or not isinstance(state, int):
        problems.append(f"{key}: 'advisory-state' {state!r} is not a number from 0 to 3")
        return None
    if not 0 <= state <= 3:
        problems.append(f"{key}: 'advisory-state' {state} is out of range (expected 0 to 3)")
        return None
    return state + 1


def _published(key: str, raw: Mapping[str, Any], problems: list[str]) -> datetime.date | None:
    """Day of publication (Ottawa time): date-published, else the English friendly-date."""
    stamp = raw.get("date-published")
    if stamp is None:
        return _friendly_date(key, raw, problems)
    text = (stamp.get("date") or stamp.get("asp")) if isinstance(stamp, Mapping) else stamp
    try:
        return datetime.datetime.fromisoformat(text).date()
    except (TypeError, ValueError):
        problems.append(f"{key}: 'date-published' {text!r} is not a date (expected YYYY-MM-DD HH:MM:SS)")
        return None


def _friendly_date(key: str, raw: Mapping[str, Any], problems: list[str]) -> datetime.date | None:
    eng = raw.get("eng")
    text = eng.get("friendly-date") if isinstance(eng, Mapping) else None
    found = re.match(r"([A-Z][a-z]+) (\d{1,2}), (\d{4})", text) if isinstance(text, str) else None
    try:
        if found is not None:
            return datetime.date(int(found[3]), MONTHS.index(found[1]) + 1, int(found[2]))
    except ValueError:  # unknown month, day out of range
        pass
    problems.append(f"{key}: 'date-published' is missing and 'eng.friendly-date' {text!r} is not a date")
    return None


def _name(key: str, raw: Mapping[str, Any], feed_lang: str, problems: list[str]) -> str:
    block = raw.get(feed_lang, {})
    if not isinstance(block, Mapping):
        problems.append(f"{key}: '{feed_lang}' is not an object")
        return ""
    name = block.get("name") or raw.get(f"country-{feed_lang}") or ""
    return html.unescape(str(name)).strip()


def _update_type(raw: Mapping[str, Any]) -> str | None:
    value = raw.get("recent-updates-type") or raw.get("update-metadata")
    return (html.unescape(value).strip() or None) if isinstance(value, str) else None


# ---------------------------------------------------------------- applying


def apply_feed(
    entries: Iterable[FeedEntry],
    advisories_dir: Path,
    *,
    create_missing: bool,
    today: datetime.date,
    dry_run: bool,
    allow_older_feed: bool = False,
    whole: Mapping[str, WholeAdvisory] | None = None,
) -> ImportReport:
    """Update ``level``, ``last_updated`` and ``updates`` of each advisory from the feed.

    Every new text is computed first; AdvisoryFileError (nothing written) if any file
    cannot be updated. StaleFeedError (nothing written) if the feed was generated before the
    newest advisory of the folder, unless ``allow_older_feed``. An entry not newer than its
    advisory changes nothing (see :attr:`ImportReport.stale`). With ``create_missing``,
    destinations without a file get a :func:`scaffold_advisory` skeleton. ``dry_run`` writes nothing.
    """
    report = ImportReport(dry_run=dry_run, skipped=dict(getattr(entries, "skipped", {})))
    if not dry_run:
        report.recovered = recover(advisories_dir)
    feed = _by_code(entries)
    files, problems = _advisory_files(advisories_dir)
    generated = getattr(entries, "generated", None)
    if generated is not None and not allow_older_feed:
        _refuse_older_feed(generated, files.values())
    writes: list[NewText] = []
    for code, entry in sorted(feed.items()):
        try:
            if whole is not None and code in whole:
                write = _plan_whole(whole[code], code, files.get(code), advisories_dir, report)
            else:
                write = _plan(code, entry, files.get(code), advisories_dir, create_missing, today, report)
        except AdvisoryFileError as error:
            problems += error.problems
            continue
        if write is not None:
            writes.append(write)
            report.diffs[write.path] = _diff(write)
    report.not_in_feed = sorted(set(files) - set(feed))
    if problems:
        raise AdvisoryFileError(problems)
    if not dry_run:
        try:
            replace_all(advisories_dir, writes)
        except ChangedOnDisk as error:
            raise AdvisoryFileError([f"{path}: changed on disk during the import" for path in error.paths]) from error
    return report


def import_feed(
    url: str,
    advisories_dir: Path,
    *,
    today: datetime.date,
    create_missing: bool = False,
    dry_run: bool = False,
    allow_older_feed: bool = False,
    timeout: float = 30,
    retries: int = 3,
    max_bytes: int = MAX_BYTES,
    full: bool = False,
    overwrite: bool = False,
) -> ImportReport:
    """Fetch, parse and apply a feed: :func:`.fetching.fetch_json`, :func:`parse_index_feed`, :func:`apply_feed`.

    With ``full``, each destination without a file (every destination, with ``overwrite``) gets
    the whole advisory of its own feed (:func:`whole_advisories`)."""
    fetch = functools.partial(fetch_json, timeout=timeout, retries=retries, max_bytes=max_bytes)
    data = fetch(url)
    entries = parse_index_feed(data)
    whole = None
    if full:
        if entries.generated is not None and not allow_older_feed:
            _refuse_older_feed(entries.generated, _advisory_files(advisories_dir)[0].values())
        whole = whole_advisories(url, data, entries, advisories_dir, overwrite=overwrite, today=today, fetch=fetch)
    return apply_feed(
        entries, advisories_dir, create_missing=create_missing, today=today, dry_run=dry_run,
        allow_older_feed=allow_older_feed, whole=whole,
    )  # fmt: skip


@dataclass(frozen=True)
class WholeAdvisory:
    """The file a destination's own feed gives, with its date and what it lacks (a draft if anything)."""

    text: str
    level: int
    published: datetime.date
    missing: tuple[str, ...]


def whole_advisories(
    url: str,
    data: Mapping[str, Any],
    entries: Iterable[FeedEntry],
    directory: Path,
    *,
    overwrite: bool,
    today: datetime.date,
    fetch: Callable[[str], dict[str, Any]],
) -> dict[str, WholeAdvisory]:
    """For each destination without a file (every one with ``overwrite``): its advisory from its own
    feed (``full-info-url`` of the index, e.g. ``cta-cap-HK.json``); a feed that cannot be fetched
    leaves a draft from the index entry, saying why."""
    files = _advisory_files(directory)[0]
    body = data["data"]
    single = "country-iso" in body
    raw_by_code = {str(key).upper(): raw for key, raw in body.items()} if not single else {}
    found: dict[str, WholeAdvisory] = {}
    for entry in entries:
        if entry.code in files and not overwrite:
            continue
        level, published, missing = entry.level, entry.published, []
        if single:
            raw, source = body, url
        else:
            index_raw = raw_by_code.get(entry.code, {})
            source = urljoin(url, str(index_raw.get("full-info-url") or f"cta-cap-{entry.code}.json"))
            raw, own = _destination_feed(entry.code, source, fetch, missing)
            raw = raw if raw is not None else index_raw
            if own is not None:
                level, published = own.level, own.published
        advisory = advisory_from_feed(entry.code, raw, level, published, missing)
        found[entry.code] = WholeAdvisory(checked_text(advisory, source, today), level, published, tuple(advisory.missing))
    return found


def _destination_feed(
    code: str, source: str, fetch: Callable[[str], dict[str, Any]], missing: list[str]
) -> tuple[Mapping[str, Any] | None, FeedEntry | None]:
    """The ``data`` of a destination's feed and its entry, or (None, None) with the reason in ``missing``."""
    try:
        raw = fetch(source).get("data")
        if not isinstance(raw, Mapping):
            raise FeedError(f"invalid feed at {source}: no 'data' object")
        own, problems = _entry(code, raw)
        if own is None:
            raise FeedError(f"invalid feed at {source}: " + "; ".join(problems))
    except FeedError as error:
        missing.append(f"the destination's own feed ({error})")
        return None, None
    return raw, own


def _refuse_older_feed(generated: datetime.date, paths: Iterable[Path]) -> None:
    """StaleFeedError if the feed was generated before the newest date an advisory states."""
    newest = max(((day, path) for path in paths if (day := _stated_date(path)) is not None), default=None)
    if newest is not None and generated < newest[0]:
        raise StaleFeedError(
            f"the feed was generated on {generated}, before the newest advisory ({newest[1]}: {newest[0]}); "
            "nothing changed. Expected a feed at least as recent as the advisories; "
            "give --allow-older-feed to import it anyway (entries older than their advisory are still skipped)"
        )


def _stated_date(path: Path) -> datetime.date | None:
    """The newest of ``last_updated`` and the change-log dates of an advisory file (None if unreadable)."""
    try:
        data = yaml_source.read(path).data
    except (yaml_source.YamlError, OSError):
        return None
    return _newest_date(data) if isinstance(data, Mapping) else None


def _newest_date(doc: Mapping[str, Any]) -> datetime.date | None:
    updates = doc.get("updates")
    dates = [_as_date(doc.get("last_updated"))]
    dates += [_as_date(item.get("date")) for item in updates if isinstance(item, Mapping)] if isinstance(updates, list) else []
    return max((day for day in dates if day is not None), default=None)


def _by_code(entries: Iterable[FeedEntry]) -> dict[str, FeedEntry]:
    feed: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry.code in feed:
            raise FeedError(f"invalid feed: two entries for {entry.code}")
        feed[entry.code] = entry
    return feed


def _advisory_files(directory: Path) -> tuple[dict[str, Path], list[str]]:
    """Advisory files by upper-case code, and problems (missing folder, two files for a code)."""
    if not directory.is_dir():
        return {}, [f"{directory}: advisories folder not found"]
    files: dict[str, Path] = {}
    problems = []
    for path in advisory_files(directory):
        if re.fullmatch(CODE_PATTERN, path.stem.upper()):
            code = path.stem.upper()
            if code in files:
                problems.append(f"{path}: a second file for {code}, besides {files[code].name}")
            files[code] = path
    return files, problems


def _plan(
    code: str,
    entry: FeedEntry,
    path: Path | None,
    directory: Path,
    create_missing: bool,
    today: datetime.date,
    report: ImportReport,
) -> NewText | None:
    """The write one destination needs (None: nothing to do); records it in ``report``."""
    if path is not None:
        return _plan_update(path, entry, report)
    if not create_missing:
        report.missing.append(code)
        return None
    if not (is_known_territory(code) or is_known_subdivision(code)):
        report.skipped[code] = "no advisory file, and CLDR does not know the code: cannot scaffold one"
        return None
    path = directory / f"{code.lower()}.yml"
    report.created.append(path)
    report.changes[code] = [Change("level", None, entry.level)]
    return NewText(path, None, scaffold_advisory(code, today, level=entry.level), "\n", None)


def _plan_whole(advisory: WholeAdvisory, code: str, path: Path | None, directory: Path, report: ImportReport) -> NewText | None:
    """A whole advisory: a new file, or (``overwrite``) one replacing an older advisory."""
    if path is None:
        path = directory / f"{code.lower()}.yml"
        report.created.append(path)
        report.drafts[path] = list(advisory.missing)
        report.changes[code] = [Change("level", None, advisory.level)]
        return NewText(path, None, advisory.text, "\n", None)
    stated = _stated_date(path)
    if stated is not None and advisory.published <= stated:
        report.stale.append(
            f"{path}:1: warning: (file): the feed's advisory of {advisory.published} is not newer than this advisory "
            f"({stated}); kept, not overwritten. Expected a feed published after the advisory's dates"
        )
        return None
    old = path.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
    report.changes[code] = [Change("level", None, advisory.level)]
    report.drafts[path] = list(advisory.missing)
    return NewText(path, old, advisory.text, "\n", path.stat().st_mode & 0o7777)


def _plan_update(path: Path, entry: FeedEntry, report: ImportReport) -> NewText | None:
    try:
        raw = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AdvisoryFileError([f"{path}: cannot read the file ({error})"]) from error
    text = raw.replace("\r\n", "\n")
    try:
        new, changes = updated_text(text, entry, path)
    except _StaleEntry as stale:
        report.stale.append(str(stale))
        return None
    if not changes:
        return None
    report.changes[entry.code] = changes
    newline = "\r\n" if "\r\n" in raw else "\n"
    return NewText(path, text, new, newline, path.stat().st_mode & 0o7777)


def updated_text(text: str, entry: FeedEntry, path: Path) -> tuple[str, list[Change]]:
    """New text of one advisory file and the changes; AdvisoryFileError if impossible,
    _StaleEntry if the entry is older than the file and would change its level."""
    round_trip = _round_trip_yaml()
    doc = _load(round_trip, text, path)
    round_trip.indent(**_indentation(doc))
    if str(doc.get("code", entry.code)).upper() != entry.code:
        raise AdvisoryFileError([f"{path}: 'code' is {doc.get('code')!r}, not {entry.code}"])
    changes = _apply_entry(doc, entry, path)
    if not changes:
        return text, []
    new = _dump(round_trip, doc)
    _check_result(round_trip, text, new, doc, path)
    return new, changes


def _round_trip_yaml() -> YAML:
    round_trip = YAML()  # ruamel round-trip mode: safe, keeps comments and order
    round_trip.preserve_quotes = True
    round_trip.width = 4096  # never rewrap long lines
    return round_trip


def _indentation(doc: CommentedMap) -> dict[str, int]:
    """The indentation of the file's block mappings and sequences (that of ``updates`` first)."""
    indent = {"mapping": 2, "sequence": 4, "offset": 2}  # the scaffold's, if the file shows none
    seen: set[type] = set()
    for key in sorted(doc, key=lambda k: k != "updates"):
        value, column = doc[key], doc.lc.key(key)[1]
        kind = type(value)
        if kind not in (CommentedMap, CommentedSeq) or kind in seen or not value or value.fa.flow_style():
            continue
        seen.add(kind)
        if kind is CommentedMap:
            indent["mapping"] = value.lc.col - column
        else:
            indent.update(offset=value.lc.col - column, sequence=value.lc.item(0)[1] - column)
    return indent


def _load(round_trip: YAML, text: str, path: Path) -> CommentedMap:
    try:
        doc = round_trip.load(text)
    except YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise AdvisoryFileError([f"{path}: invalid YAML ({first})"]) from error
    if not isinstance(doc, CommentedMap):
        raise AdvisoryFileError([f"{path}: expected a mapping of advisory fields"])
    return doc


def _apply_entry(doc: CommentedMap, entry: FeedEntry, path: Path) -> list[Change]:
    """The changes an entry makes: none if it is not newer than the advisory."""
    changes: list[Change] = []
    old_level = doc.get("level")
    stated = _newest_date(doc)
    if stated is not None and entry.published <= stated:
        if isinstance(old_level, bool) or old_level != entry.level:
            raise _StaleEntry(_stale_message(doc, entry, path))
        return []
    if isinstance(old_level, bool) or old_level != entry.level:
        _set(doc, "level", entry.level)
        note = _insert_update(doc, _level_note(old_level, entry.level, entry.published), path)
        changes += [Change("level", old_level, entry.level), Change("updates", None, note)]
    old_date = doc.get("last_updated")
    if _as_date(old_date) is None or entry.published > _as_date(old_date):  # type: ignore[operator]
        _set(doc, "last_updated", _like(old_date, entry.published))
        changes.append(Change("last_updated", _iso(old_date), entry.published.isoformat()))
    old_review = doc.get("still_valid")
    if _as_date(old_review) is None or entry.published > _as_date(old_review):  # type: ignore[operator]
        # A publication is also a review: keep still_valid on or after last_updated.
        _set(doc, "still_valid", _like(old_review, entry.published))
        changes.append(Change("still_valid", _iso(old_review), entry.published.isoformat()))
    return changes


class _StaleEntry(Exception):
    """An entry older than its advisory that would change the level: skipped, with this message."""


def _stale_message(doc: CommentedMap, entry: FeedEntry, path: Path) -> str:
    line = doc.lc.key("level")[0] + 1 if "level" in doc else 1
    return (
        f"{path}:{line}: warning: level: the feed's entry of {entry.published} (level {entry.level}) is not newer "
        f"than this advisory (last_updated {_iso(doc.get('last_updated'))}, newest change-log entry "
        f"{_iso(_newest_update(doc))}); level {doc.get('level')} kept, entry skipped. Expected a feed entry "
        "published after the advisory's dates"
    )


def _newest_update(doc: Mapping[str, Any]) -> Any:
    updates = doc.get("updates")
    dates = [d for item in updates if isinstance(item, Mapping) and (d := _as_date(item.get("date")))] if isinstance(updates, list) else []
    return max(dates, default=None)


def _level_note(old: Any, new: int, day: datetime.date) -> dict[str, Any]:
    """Neutral bilingual change-log entry, with the official level names."""
    en_new, fr_new = LEVEL_NAMES[new].en, f"«{NBSP}{LEVEL_NAMES[new].fr}{NBSP}»"
    if isinstance(old, int) and old in LEVELS:
        en = f"Risk level changed from “{LEVEL_NAMES[old].en}” to “{en_new}”."
        fr = f"Niveau de risque modifié de «{NBSP}{LEVEL_NAMES[old].fr}{NBSP}» à {fr_new}."
    else:
        en, fr = f"Risk level set to “{en_new}”.", f"Niveau de risque fixé à {fr_new}."
    return {"date": day, "en": en, "fr": fr}


def _insert_update(doc: CommentedMap, note: dict[str, Any], path: Path) -> dict[str, str]:
    """Insert ``note`` first in the change log (newest first); return it as plain text."""
    updates = doc.get("updates")
    if updates is None:
        updates = CommentedSeq()
        _set(doc, "updates", updates)
    if not isinstance(updates, CommentedSeq):
        raise AdvisoryFileError([f"{path}: 'updates' is not a list; cannot add the level change"])
    day = note["date"]  # newer than every entry: the entry is skipped otherwise (_apply_entry)
    first = updates[0] if updates and isinstance(updates[0], Mapping) else {}
    updates.insert(0, CommentedMap([("date", _like(first.get("date"), day)), ("en", note["en"]), ("fr", note["fr"])]))
    return {"date": day.isoformat(), "en": note["en"], "fr": note["fr"]}


def _set(doc: CommentedMap, key: str, value: Any) -> None:
    """Set ``key``, inserting a missing key at its place in the documented key order."""
    if key in doc:
        doc[key] = value
        return
    before = KEY_ORDER[: KEY_ORDER.index(key)]
    position = max((i + 1 for i, k in enumerate(doc) if k in before), default=0)
    doc.insert(position, key, value)


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def _like(old: Any, day: datetime.date) -> Any:
    """``day`` written as ``old`` was: same quoting if text, else a YAML date."""
    if isinstance(old, ScalarString):
        return type(old)(day.isoformat())
    # a new date object each time: one object in two places would be written as a YAML alias
    return day.isoformat() if isinstance(old, str) else datetime.date.fromordinal(day.toordinal())


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _dump(round_trip: YAML, doc: CommentedMap) -> str:
    stream = io.StringIO()
    round_trip.dump(doc, stream)
    return stream.getvalue()


def _check_result(round_trip: YAML, old: str, new: str, doc: CommentedMap, path: Path) -> None:
    """Refuse a text that means something else, or that rewrites lines it should not touch."""
    if _plain(round_trip.load(new)) != _plain(doc):
        raise AdvisoryFileError([f"{path}: the YAML library would change the content; update it by hand"])
    touched = _touched_lines(old, new)
    if touched:
        raise AdvisoryFileError([f"{path}: the update would rewrite other lines (e.g. {touched[0]!r}); update it by hand"])


def _touched_lines(old: str, new: str) -> list[str]:
    """Lines removed or added other than level, last_updated and a change-log entry."""
    removed_ok = re.compile(r"(level|last_updated|still_valid|updates)\s*:")
    added_ok = re.compile(r"(level|last_updated|still_valid|updates)\s*:|\s*(-\s+)?(date|en|fr)\s*:")
    a, b = old.splitlines(), new.splitlines()
    bad = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            bad += [line for line in a[i1:i2] if not removed_ok.match(line)]
            bad += [line for line in b[j1:j2] if not added_ok.match(line)]
    return bad


def _plain(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return str(node) if isinstance(node, str) else node


def _diff(write: NewText) -> str:
    old = (write.old or "").splitlines(keepends=True)
    source = "/dev/null" if write.old is None else f"a/{write.path.name}"
    return "".join(difflib.unified_diff(old, write.new.splitlines(keepends=True), source, f"b/{write.path.name}"))
