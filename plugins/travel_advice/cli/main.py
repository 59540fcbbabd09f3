"""The ``travel-advice`` command: the editors' tools around the advisory files (check, new, review, import).

``check`` validates advisories exactly as the build does (:func:`.validation.load_advisories`)
and adds the editorial warnings of :mod:`.editorial`; ``new`` writes a skeleton from
:mod:`.scaffold`; ``import`` applies the open-data feed through :mod:`.feed_import`.
User mistakes end with a one-line message and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from travel_advice.cli.review import ReviewError, review
from travel_advice.cli.scaffold import is_known_subdivision, scaffold_advisory, scaffold_heading
from travel_advice.cli.swap import leftovers
from travel_advice.core.banner import BANNER_FILE, load_banner
from travel_advice.core.editorial import editorial_warnings, scheduled_level_problems
from travel_advice.core.lifecycle import schedule_note
from travel_advice.core.today import now, parse_date, time_zone
from travel_advice.core.validation import DraftFile, Problem, advisory_files, load_advisories, scheduled_files

if TYPE_CHECKING:
    from travel_advice.cli.importer import Change, ImportReport

FEED_URL = "https://data.international.gc.ca/travel-voyage/index-updated.json"
DEFAULT_FOLDER = Path("advisories")

DESCRIPTION = """\
Tools for the people who write the travel advisories (the YAML files in advisories/).
Run them from the project folder (the one with mkdocs.yml)."""

CHECK_HELP = """\
Check advisories with the same rules as the site build, before you commit or push.
Each problem is one line that editors and CI can read:

  advisories/mx.yml:12: summary.fr: message             an error: the build would fail
  advisories/mx.yml:5: warning: still_valid: message    a warning: worth a look, not blocking

Drafts (status: draft) are checked for their structure only and listed after the problems;
--publishable lists, as errors, what a draft still lacks to be published.
The last line counts the problems. Exit code: 1 if there is any error, 0 otherwise."""

CHECK_EPILOG = """\
Warnings: French text identical to the English text; a still_valid date older than
--stale-days; a level changed since the last commit (git HEAD) without a new entry in
'updates'. Dates in the future are errors, as in the build: "today" is --today, else
$TRAVEL_ADVICE_BUILD_DATE, else the date in the ministry's time zone (time_zone
in mkdocs.yml, or --time-zone). Scheduled editions (<code>.next.yml) are checked and listed."""

NEW_HELP = """\
Write advisories/<code>.yml for a new destination: every field, in English and French,
with the destination's names filled in (from CLDR) and the text left empty for you to write.
An existing file is never overwritten."""

REVIEW_HELP = """\
Record that you reviewed advisories today and found them still valid: set 'still_valid' to
today's date (in the ministry's time zone). Nothing else in the file changes: comments,
quoting and layout are kept. Nothing is written if any code has no advisory file."""

IMPORT_HELP = """\
Update levels and dates from the Government of Canada open-data feed. Your text is never
changed: only 'level', 'last_updated' and a new change-log entry when the level changes.
Comments and layout are kept. Nothing is written if any file cannot be updated.

Never older over newer: an entry published on or before what an advisory already states
(its last_updated and newest change-log entry) changes nothing; when its level differs it is
skipped with a warning naming the file and both dates, in a dry run too. A feed generated
before the newest advisory of the folder is refused as a whole (--allow-older-feed imports it,
still skipping entries older than their advisory)."""

IMPORT_EPILOG = """\
exit codes:
  0  applied (or nothing to change)
  1  refused or partly skipped: a feed older than the advisories, an entry older than its
     advisory, a file that cannot be updated, or an updated file that fails check
  2  could not run: the feed cannot be fetched or read (nothing changed)"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: the process arguments); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return 2
    try:
        zone = time_zone(args.time_zone or project_time_zone(Path("mkdocs.yml")))
        args.now = now(zone=zone) if args.today is None else datetime.combine(args.today, time(0), tzinfo=zone)
    except ValueError as error:
        parser.error(str(error))
    args.today = args.now.date()
    return args.run(args)


def project_time_zone(config_file: Path) -> str | None:
    """The ``time_zone`` option of the project's ``mkdocs.yml``, if it has one (read as text: the file has MkDocs tags)."""
    try:
        found = re.search(r"^\s+time_zone:\s*[\"']?([\w/+-]+)", config_file.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        return None
    return found.group(1) if found else None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the three commands."""
    parser = argparse.ArgumentParser(prog="travel-advice", description=DESCRIPTION)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = _command(commands, "check", "check advisories before you commit", CHECK_HELP, CHECK_EPILOG)
    check.add_argument("files", nargs="*", type=Path, metavar="FILE", help="advisory files to check (default: every file in the advisories folder)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text", help="text (default): one line per problem; json: for programs; github: GitHub Actions annotations")
    check.add_argument("--publishable", action="store_true", help="hold drafts to the rules of a published advisory: list what each still lacks as errors")
    check.add_argument("--stale-days", type=_whole_number, default=30, metavar="N", help="warn when still_valid is more than N days old (default: 30)")
    check.set_defaults(run=run_check)

    new = _command(commands, "new", "start the advisory of a new destination", NEW_HELP)
    new.add_argument("code", metavar="CODE", help="the destination's ISO 3166-1 code, e.g. MX, or ISO 3166-2 subdivision code, e.g. PT-20")
    new.add_argument("--level", type=int, choices=(1, 2, 3, 4), help="risk level, if you know it already (1 to 4)")
    new.set_defaults(run=run_new)

    reviewed = _command(commands, "review", "record that advisories were reviewed today and are still valid", REVIEW_HELP)
    reviewed.add_argument("codes", nargs="+", metavar="CODE", help="destination codes, e.g. MX PT-20")
    reviewed.set_defaults(run=run_review)

    feed = _command(commands, "import", "update levels and dates from the open-data feed", IMPORT_HELP, IMPORT_EPILOG)
    feed.add_argument("--url", default=FEED_URL, help=f"address of the feed (default: {FEED_URL})")
    feed.add_argument("--create-missing", action="store_true", help="also write a new advisory (to complete) for each destination of the feed without a file")
    feed.add_argument("--dry-run", action="store_true", help="show what would change, as a diff, and write nothing (same warnings and exit code)")
    feed.add_argument("--full", action="store_true", help="write the whole advisory (summary, regions, sections, change note) of each destination without a file, from its own feed (cta-cap-XX.json); what the feed lacks leaves a draft")
    feed.add_argument("--overwrite", action="store_true", help="with --full: also replace existing advisories older than the feed (comments and editors' text are lost)")
    feed.add_argument("--allow-older-feed", action="store_true", help="import a feed generated before the newest advisory (entries older than their advisory are still skipped)")
    feed.add_argument("--timeout", type=_seconds, default=30, metavar="SECONDS", help="deadline of each request: connecting, retries and the whole answer (default: 30)")
    feed.add_argument("--retries", type=_whole_number, default=3, metavar="N", help="try again N times after a connection failure, HTTP 429 or 5xx, waiting longer each time (default: 3)")
    feed.add_argument("--max-size", type=_megabytes, default=20, metavar="MB", help="refuse an answer larger than this once decompressed (default: 20)")
    feed.set_defaults(run=run_import)
    return parser


def _command(commands: argparse._SubParsersAction, name: str, summary: str, description: str, epilog: str | None = None) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=description, epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    command.add_argument("--advisories", type=Path, metavar="DIR", help="folder of the advisory files (default: advisories)")
    command.add_argument("--today", type=_iso_date, metavar="YYYY-MM-DD", help="the date to treat as today (default: $TRAVEL_ADVICE_BUILD_DATE, else the date in the ministry's time zone)")
    command.add_argument("--time-zone", metavar="NAME", help="the ministry's time zone, e.g. America/Toronto (default: time_zone in mkdocs.yml, else UTC)")
    return command


# ---------------------------------------------------------------- check


def run_check(args: argparse.Namespace) -> int:
    """Validate, print one line per problem and a summary; 1 if any error."""
    files: list[Path] = [f for f in args.files if f.name != BANNER_FILE]
    directory = args.advisories or (Path(".") if args.files else DEFAULT_FOLDER)
    result = load_advisories(directory, args.today, files if args.files else None)
    problems = [*result.problems, *editorial_warnings(result.advisories, args.today, args.stale_days)]
    problems += scheduled_level_problems(result.advisories, result.scheduled)
    if args.publishable:
        problems += [problem for draft in result.drafts for problem in draft.lacking]
    if not args.files:  # the whole folder, as the build reads it: the emergency banner too
        problems += load_banner(directory, {a.code for a in result.advisories})[1]
        problems += interrupted_import(directory)
    for banner in {f.parent for f in args.files if f.name == BANNER_FILE}:  # a banner named (pre-commit)
        problems += load_banner(banner, {p.stem.upper() for p in advisory_files(banner)} if banner.is_dir() else ())[1]
    here = Path.cwd()
    problems = sorted((p.relative_to(here) for p in problems), key=lambda p: (str(p.file), p.line or 0))
    errors = sum(p.severity == "error" for p in problems)
    checked = len(args.files) if args.files else (len(advisory_files(directory) + scheduled_files(directory)) if directory.is_dir() else 0)
    drafts = sorted((replace(d, source=_relative(d.source, here)) for d in result.drafts), key=lambda d: str(d.source))
    if args.format == "json":
        document = check_document(problems, checked, drafts)
        document["scheduled"] = [
            {"file": str(_relative(a.source, here)), "code": a.code, "publish_at": a.publish_at.isoformat(), "due": a.publish_at <= args.now}
            for a in sorted(result.scheduled, key=lambda a: a.slug)
            if a.publish_at is not None
        ]
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(github_annotation(problem) if args.format == "github" else problem_line(problem))
        for draft in drafts:
            print(draft_line(draft))
        for edition in sorted(result.scheduled, key=lambda a: a.slug):
            print(f"{_relative(edition.source, here)}: {schedule_note(edition, args.now)}")
        print(check_summary(checked, errors, len(problems) - errors, len(drafts)))
    return 1 if errors else 0


def draft_line(draft: DraftFile) -> str:
    """One line per draft: not published, and what it still lacks."""
    if not draft.lacking:
        return f"{draft.source}: draft, not published: complete; delete its 'status: draft' line to publish it"
    return (
        f"{draft.source}: draft, not published: {_count(len(draft.lacking), 'field')} to complete "
        f"(travel-advice check --publishable {draft.source})"
    )


def interrupted_import(directory: Path) -> list[Problem]:
    """A warning when an import was killed before it finished (its journal or temporaries are left)."""
    left = leftovers(directory)
    if not left:
        return []
    message = f"an import was interrupted ({len(left)} file(s) of it left); expected none: run travel-advice import again, it finishes or undoes it first"
    return [Problem(left[0], None, "", message, "warning")]


def problem_line(problem: Problem) -> str:
    """``file:line: field: message`` for an error, ``file:line: warning: field: message`` for a warning."""
    if problem.severity == "error":
        return str(problem)
    return f"{problem.file}:{problem.line or 1}: warning: {problem.field or '(file)'}: {problem.message}"


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    message = f"{problem.field or '(file)'}: {problem.message}".replace("%", "%25").replace("\n", "%0A")
    return f"::{problem.severity} file={problem.file},line={problem.line or 1}::{message}"


def check_summary(checked: int, errors: int, warnings: int, drafts: int = 0) -> str:
    files = f"{checked} advisory file{'s' if checked != 1 else ''} checked"
    found = f"{_count(errors, 'error')}, {_count(warnings, 'warning')}" if errors or warnings else "no problems"
    return f"{files}: {found}" + (f"; {_count(drafts, 'draft')} (not published)" if drafts else "")


def check_document(problems: Sequence[Problem], checked: int, drafts: Sequence[DraftFile] = ()) -> dict[str, object]:
    """The ``--format json`` output: counts, every problem and the drafts."""
    errors = sum(p.severity == "error" for p in problems)
    return {
        "files_checked": checked,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [p.as_dict() for p in problems],
        "drafts": [{"file": str(d.source), "code": d.code, "lacking": len(d.lacking)} for d in drafts],
    }


# ---------------------------------------------------------------- new


def run_new(args: argparse.Namespace) -> int:
    """Write the skeleton of a new advisory; 1 if the code is unknown or the file exists."""
    folder: Path = args.advisories or DEFAULT_FOLDER
    try:
        text = scaffold_advisory(args.code, args.today, level=args.level)
    except ValueError as error:
        return _fail(str(error), 1)
    if not folder.is_dir():
        return _fail(f"{folder}: advisories folder not found; run the command in the project folder or give --advisories DIR", 1)
    path = folder / f"{args.code.lower()}.yml"
    existing = next((p for p in (path, path.with_suffix(".yaml")) if p.exists()), None)
    if existing is not None:
        return _fail(f"{existing} already exists; nothing written (edit it, or delete it first to start again)", 1)
    try:
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except OSError as error:
        return _fail(f"{path}: cannot write the file ({error.strerror})", 1)
    print(f"Created {path} for {scaffold_heading(args.code)}.")
    if is_known_subdivision(args.code):
        print("CLDR names countries only: write the subdivision's name, in English and French, first.")
    print('Write every "" in English (en) and French (fr): capital, summary, the six sections and the first change-log entry.')
    if args.level is None:
        print("Choose the level (1 to 4); add indicators, regional advisories and offices if they apply.")
    else:
        print("Add indicators, regional advisories and offices if they apply.")
    print(f"It is a draft, never published: delete its 'status: draft' line when it is ready. To see what it lacks: travel-advice check --publishable {path}")
    return 0


# ---------------------------------------------------------------- review


def run_review(args: argparse.Namespace) -> int:
    """Move ``still_valid`` of each advisory to today; 1 if a code has no file or a file cannot be updated."""
    folder: Path = args.advisories or DEFAULT_FOLDER
    try:
        done = review(args.codes, folder, args.today)
    except ReviewError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return _fail(f"{_count(len(error.problems), 'advisory')} cannot be reviewed; no file changed", 1)
    for item in done:
        if item.old == item.new:
            print(f"{item.path}: still_valid is already {item.new}")
        else:
            print(f"{item.path}: still_valid {item.old} -> {item.new}")
    return 0


# ---------------------------------------------------------------- import


def run_import(args: argparse.Namespace) -> int:
    """Apply the feed; 2 if the feed cannot be read; 1 if it is refused as older than the
    advisories, an entry is skipped, a file cannot be updated or fails check."""
    # Imported here: urllib3 and ruamel.yaml take a noticeable time to load, and check must be quick.
    from travel_advice.cli.importer import AdvisoryFileError, FeedError, StaleFeedError, import_feed

    folder: Path = args.advisories or DEFAULT_FOLDER
    try:
        report = import_feed(
            args.url,
            folder,
            today=args.today,
            create_missing=args.create_missing,
            dry_run=args.dry_run,
            allow_older_feed=args.allow_older_feed,
            timeout=args.timeout,
            retries=args.retries,
            max_bytes=int(args.max_size * 1024 * 1024),
            full=args.full,
            overwrite=args.overwrite,
        )
    except FeedError as error:
        return _fail(f"{error}; no file changed", 2)
    except StaleFeedError as error:
        return _fail(f"{args.url}: {error}", 1)
    except AdvisoryFileError as error:
        print(f"error: {len(error.problems)} advisory file(s) cannot be updated; no file changed:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for line in report.recovered:
        print(line)
    for warning in report.stale:
        print(warning, file=sys.stderr)
    if args.dry_run:
        for diff in report.diffs.values():
            sys.stdout.write(diff)
        print(f"dry run: nothing written; {_count(len(report.diffs), 'file')} would change{_skipped(report)}", file=sys.stderr)
        return 1 if report.stale else 0
    for line in import_summary(report, folder, args.url):
        print(line)
    return max(check_updated(report, args.today), 1 if report.stale else 0)


def check_updated(report: ImportReport, today: date) -> int:
    """Validate the files the import updated (not the new skeletons, empty by design); 1 if any fails."""
    updated = [path for path in report.written if path not in report.created]
    errors = load_advisories(Path("."), today, updated).errors if updated else ()
    for problem in errors:
        print(problem_line(problem.relative_to(Path.cwd())))
    if errors:
        return _fail(f"{_count(len(errors), 'problem')} in the updated files; fix them before you commit", 1)
    return 0


def import_summary(report: ImportReport, folder: Path, url: str) -> list[str]:
    """What an import did, one line per file, then skipped keys, warnings and a total."""
    created = {path.stem.upper(): path for path in report.created}
    lines = []
    for code, changes in report.changes.items():
        lacking = report.drafts.get(created.get(code) or folder / (code.lower() + ".yml"))
        if lacking:
            where = f"created {created[code]}" if code in created else f"replaced {folder / (code.lower() + '.yml')}"
            lines.append(f"{where} at level {changes[0].new} as a draft: {_count(len(lacking), 'thing')} to complete, listed at its top")
        elif lacking is not None:
            where = f"created {created[code]}" if code in created else f"replaced {folder / (code.lower() + '.yml')}"
            lines.append(f"{where} at level {changes[0].new}: complete, published by the next build")
        elif code in created:
            lines.append(f"created {created[code]} at level {changes[0].new}: write its text, then run travel-advice check")
        else:
            lines.append(f"updated {folder / (code.lower() + '.yml')}: " + "; ".join(map(_describe, changes)))
    lines += [f"skipped {key}: {reason}" for key, reason in report.skipped.items()]
    if report.missing:
        lines.append(f"{_count(len(report.missing), 'destination')} of the feed without an advisory file (--create-missing writes them)")
    updated = len(report.changes) - len(created)
    if report.changes:
        lines.append(f"Imported {url}: {_count(updated, 'advisory')} updated, {len(created)} created{_skipped(report)}")
    elif report.stale:
        lines.append(f"Imported {url}: nothing changed{_skipped(report)}")
    else:
        lines.append(f"Imported {url}: every advisory already matches the feed")
    return lines


def _skipped(report: ImportReport) -> str:
    if not report.stale:
        return ""
    return f"; {_count(len(report.stale), 'entry')} skipped as not newer than the advisory (warnings above)"


def _describe(change: Change) -> str:
    if change.field == "updates":
        return "change-log entry added"
    return f"{change.field} {change.old} -> {change.new}"


# ---------------------------------------------------------------- helpers


def _iso_date(text: str) -> date:
    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value < 86400:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds above 0")
    return value


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0
    if not 0 < value <= 1024:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size in MB above 0 and at most 1024")
    return value


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 0 or more")
    return int(text)


def _relative(path: Path, base: Path) -> Path:
    return path.relative_to(base) if path.is_absolute() and path.is_relative_to(base) else path


def _count(number: int, noun: str) -> str:
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{number} {noun if number == 1 else plural}"


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
