"""Validation of advisory files: the JSON Schema, then the checks a schema cannot express.

Every problem in every file is collected, each with its file, line and field, before anyone
decides to stop. The build, the ``check`` command and the tests all go through
:func:`load_advisories`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from jsonschema import Draft202012Validator, ValidationError

from travel_advice.core import content_rules, yaml_source
from travel_advice.core.fastschema import quick_check
from travel_advice.core.model import CODE_PATTERN, LANGUAGES, Advisory, Localized, parent_code, parse_when
from travel_advice.core.words import destination_names

Severity = Literal["error", "warning"]
ADVISORY_SUFFIXES = (".yml", ".yaml")
ADVISORY_SCHEMA = "advisory.schema.json"
SCHEDULED_SUFFIX = ".next"
"""A scheduled edition is ``<code>.next.yml``, beside the live ``<code>.yml``."""


@dataclass(frozen=True)
class Problem:
    """One thing an editor must fix (error) or should look at (warning)."""

    file: Path
    line: int | None
    field: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        line = self.line if self.line is not None else 1
        field = self.field or "(file)"
        return f"{self.file}:{line}: {field}: {self.message}"

    def relative_to(self, base: Path) -> Problem:
        """The same problem with its file shown relative to ``base`` when it lies inside."""
        return replace(self, file=self.file.relative_to(base)) if self.file.is_relative_to(base) else self

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file),
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity,
        }


@dataclass(frozen=True)
class DraftFile:
    """An advisory file with ``status: draft``: never published by ``mkdocs build``.

    ``lacking`` is what it still needs to be published (the errors it would have without
    ``status: draft``); ``advisory`` is its preview for ``mkdocs serve``, once nothing lacks.
    """

    source: Path
    code: str | None
    lacking: tuple[Problem, ...]
    advisory: Advisory | None = None


@dataclass(frozen=True)
class Loaded:
    """What reading one advisory file gave: an advisory to publish, its problems, or a draft."""

    advisory: Advisory | None
    problems: tuple[Problem, ...]
    draft: DraftFile | None = None


@dataclass(frozen=True)
class LoadResult:
    """Advisories that passed validation, every problem found, and the drafts."""

    advisories: tuple[Advisory, ...]
    problems: tuple[Problem, ...]
    drafts: tuple[DraftFile, ...] = ()
    scheduled: tuple[Advisory, ...] = ()
    """Scheduled editions (``<code>.next.yml``), each with its ``publish_at``."""

    @property
    def previews(self) -> tuple[Advisory, ...]:
        """The drafts complete enough to preview in ``mkdocs serve``."""
        return tuple(d.advisory for d in self.drafts if d.advisory is not None and d.advisory.publish_at is None)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


@cache
def published_schema(name: str) -> dict[str, Any]:
    """A JSON Schema published in the package's ``schema/`` folder."""
    text = resources.files(__package__).joinpath(f"schema/{name}").read_text("utf-8")
    return json.loads(text)


def advisory_schema() -> dict[str, Any]:
    """The published JSON Schema of an advisory file."""
    return published_schema(ADVISORY_SCHEMA)


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(published_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def _quick_check(name: str) -> Callable[[Any], bool]:
    """Same verdict as ``_validator``, several times faster (see fastschema)."""
    return quick_check(published_schema(name))


def field_path(parts: Iterable[object]) -> str:
    """``['regions', 0, 'level']`` -> ``regions[0].level`` (a key that is not text, such as ``null``, as YAML writes it)."""
    text = ""
    for part in parts:
        if isinstance(part, int) and not isinstance(part, bool):
            text += f"[{part}]"
        else:
            key = "null" if part is None else str(part).lower() if isinstance(part, bool) else str(part)
            text += f".{key}" if text else key
    return text


def advisory_files(directory: Path) -> list[Path]:
    """The live advisory files of a folder, sorted by name; names starting with ``_`` are not advisories,
    ``<code>.next.yml`` are scheduled editions (:func:`scheduled_files`)."""
    return [p for p in _yaml_files(directory) if not is_scheduled_file(p)]


def scheduled_files(directory: Path) -> list[Path]:
    """The scheduled editions of a folder (``mx.next.yml``), sorted by name."""
    return [p for p in _yaml_files(directory) if is_scheduled_file(p)]


def is_scheduled_file(path: Path) -> bool:
    """Whether ``path`` is a scheduled edition: ``<code>.next.yml``."""
    return path.stem.endswith(SCHEDULED_SUFFIX)


def _yaml_files(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.suffix in ADVISORY_SUFFIXES and not p.name.startswith("_") and p.is_file()
    )


def load_advisories(
    directory: Path, today: date, files: Iterable[Path] | None = None, *, reuse_unchanged: bool = False
) -> LoadResult:
    """Read and validate advisories (all of ``directory``, or only ``files``).

    With ``reuse_unchanged``, a file whose bytes (and ``today``) are those of its last load in
    this process is not parsed and checked again: ``mkdocs serve`` loads every advisory at
    each rebuild.
    """
    if not directory.is_dir():
        problem = Problem(directory, None, "", "advisories folder not found; expected a folder of <code>.yml files")
        return LoadResult((), (problem,))
    paths = advisory_files(directory) + scheduled_files(directory) if files is None else sorted(files)
    advisories: list[Advisory] = []
    scheduled: list[Advisory] = []
    problems: list[Problem] = []
    drafts: list[DraftFile] = []
    project = directory.resolve().parent
    for path in paths:
        link_problem = outside_link_problem(path, project)
        if link_problem is not None:
            problems.append(link_problem)
            continue
        load = _load_unless_unchanged if reuse_unchanged else load_advisory
        loaded = load(path, today)
        problems.extend(loaded.problems)
        if loaded.advisory is not None:
            (advisories if loaded.advisory.publish_at is None else scheduled).append(loaded.advisory)
        if loaded.draft is not None:
            drafts.append(loaded.draft)
    problems.extend(_duplicate_codes(advisories) + _duplicate_codes(scheduled))
    return LoadResult(tuple(advisories), tuple(problems), tuple(drafts), tuple(scheduled))


def outside_link_problem(path: Path, project: Path) -> Problem | None:
    """A problem if ``path`` is a symbolic link to a file outside ``project``: the build never follows one."""
    if path.is_symlink() and not path.resolve().is_relative_to(project):
        return Problem(path, None, "", f"is a link to {path.resolve()}, outside the project; expected a file inside {project}")
    return None


def read_mapping(path: Path, expected: str) -> tuple[yaml_source.YamlDocument | None, list[Problem]]:
    """Read a YAML file that must hold a mapping; ``expected`` names its fields for the message."""
    try:
        document = yaml_source.read(path)
    except yaml_source.YamlError as error:
        return None, [Problem(path, error.line, "", error.message)]
    except OSError as error:
        return None, [Problem(path, None, "", f"cannot read the file ({error.strerror})")]
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else f"a {_kind(document.data)}"
        return None, [Problem(path, document.line_of([]), "", f"expected a mapping of {expected}, found {found}")]
    return document, []


_last_loads: dict[Path, tuple[bytes, date, Loaded]] = {}
"""The last result of each file loaded with ``reuse_unchanged``, and the digest of the bytes it was read from."""


def _load_unless_unchanged(path: Path, today: date) -> Loaded:
    """:func:`load_advisory`, or its last result when the file and the date are the same."""
    try:
        digest = hashlib.blake2b(path.read_bytes()).digest()
    except OSError:
        return load_advisory(path, today)
    last = _last_loads.get(path)
    if last is not None and last[:2] == (digest, today):
        return last[2]
    loaded = load_advisory(path, today)
    _last_loads[path] = (digest, today, loaded)
    return loaded


def load_advisory(path: Path, today: date) -> Loaded:
    """Read and validate one advisory file (a draft for its structure only)."""
    document, problems = read_mapping(path, "advisory fields")
    if document is None:
        return Loaded(None, tuple(problems))
    if document.data.get("status") == "draft":
        return _load_draft(document, path, today)
    problems = schema_problems(document, path) + text_problems(document, path, MARKDOWN_FIELDS)
    problems = problems or _publish_at_problems(document, path)
    if problems:
        return Loaded(None, tuple(problems))
    if "publish_at" in document.data:  # its dates may reach the day it is published
        today = max(today, datetime.fromisoformat(document.data["publish_at"]).date())
    advisory, problems = _advisory(document, path, today)
    return Loaded(advisory, tuple(problems))


def _publish_at_problems(document: yaml_source.YamlDocument, path: Path) -> list[Problem]:
    """``publish_at`` in every scheduled edition, and only there."""
    data = document.data
    if is_scheduled_file(path) and "publish_at" not in data:
        return [Problem(path, document.line_of([]), "publish_at", "missing; expected when this edition replaces the live one, an ISO date and time with its offset, e.g. publish_at: 2026-12-10T09:00:00-05:00")]
    if not is_scheduled_file(path) and "publish_at" in data:
        return [Problem(path, document.line_of(["publish_at"]), "publish_at", f"is only for a scheduled edition; expected it in {path.stem}{SCHEDULED_SUFFIX}{path.suffix}, beside this live advisory")]
    if "publish_at" in data:
        try:
            datetime.fromisoformat(data["publish_at"])
        except ValueError:
            return [Problem(path, document.line_of(["publish_at"]), "publish_at", f"'{data['publish_at']}' is not a valid date and time; expected e.g. 2026-12-10T09:00:00-05:00")]
    return []


def _advisory(document: yaml_source.YamlDocument, path: Path, today: date) -> tuple[Advisory | None, list[Problem]]:
    """The advisory of a document that passed the schema, or None with the problems that stop it."""
    problems = semantic_problems(document, path, today)
    names = destination_names(document.data["code"])
    if names is None and "name" not in document.data:
        problems.append(Problem(path, document.line_of(["code"]), "code", _unnamed_code_message(document.data["code"])))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Advisory.from_data(document.data, path, names or Localized("", "")), problems


def _load_draft(document: yaml_source.YamlDocument, path: Path, today: date) -> Loaded:
    """A draft: its structure must hold (errors); what it lacks to be published is listed, not an error."""
    structure, lacking = draft_schema_problems(document, path)
    if structure:
        return Loaded(None, tuple(structure))
    lacking += text_problems(document, path, MARKDOWN_FIELDS)
    advisory = None
    if not lacking:
        advisory, problems = _advisory(document, path, today)
        lacking = [p for p in problems if p.severity == "error"]
    code = document.data.get("code")
    draft = DraftFile(path, code if isinstance(code, str) else None, tuple(lacking), advisory if not lacking else None)
    return Loaded(None, (), draft)


MARKDOWN_FIELDS = (("sections", "*", "*"),)
"""Where an advisory holds Markdown (``*``: any key): every other text is plain."""


def text_problems(
    document: yaml_source.YamlDocument, path: Path, markdown_fields: tuple[tuple[str, ...], ...], *, allow_headings: bool = True
) -> list[Problem]:
    """Control characters in any text, and Markdown outside the allow-list (content_rules)."""
    problems: list[Problem] = []
    for where, text in _texts(document.data, []):
        found = content_rules.check_text(text, markdown=_matches(where, markdown_fields), allow_headings=allow_headings)
        problems.extend(Problem(path, document.text_line(where, p.text_line), field_path(where), p.message) for p in found)
    return problems


def _texts(value: Any, where: list[str | int]) -> Iterable[tuple[list[str | int], str]]:
    """Every string of a document (keys included, at their mapping), with its path."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, child in value.items():
            if isinstance(key, str) and content_rules.control_character(key):
                yield where, key
            yield from _texts(child, [*where, key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _texts(child, [*where, index])


def _matches(where: list[str | int], patterns: tuple[tuple[str, ...], ...]) -> bool:
    return any(len(p) == len(where) and all(a == "*" or a == b for a, b in zip(p, where, strict=True)) for p in patterns)


def _unnamed_code_message(code: str) -> str:
    if parent_code(code):
        return f"'{code}' is a subdivision (ISO 3166-2) and CLDR names countries only; expected a 'name' in both languages, e.g. name: {{en: Azores, fr: Açores}}"
    return f"'{code}' is not an ISO 3166-1 code known to CLDR; expected a known code, or a 'name' in both languages"


def schema_problems(
    document: yaml_source.YamlDocument, path: Path, schema: str = ADVISORY_SCHEMA
) -> list[Problem]:
    """Problems a published JSON Schema finds, one per field, in file order."""
    found: dict[str, Problem] = {}
    for _, problem in _schema_errors(document, path, schema):
        found.setdefault(problem.field, problem)
    return _in_file_order(found)


def draft_schema_problems(document: yaml_source.YamlDocument, path: Path) -> tuple[list[Problem], list[Problem]]:
    """A draft's schema problems, split: structure (YAML, known keys, types: errors) and what it lacks
    (missing or empty fields, an unset level: allowed until it is published)."""
    structure: dict[str, Problem] = {}
    lacking: dict[str, Problem] = {}
    for error, problem in _schema_errors(document, path, ADVISORY_SCHEMA):
        (lacking if _is_incomplete(error) else structure).setdefault(problem.field, problem)
    return _in_file_order(structure), _in_file_order(lacking)


def _schema_errors(document: yaml_source.YamlDocument, path: Path, schema: str) -> Iterator[tuple[ValidationError, Problem]]:
    """Each error of a published schema with its problem; none at all when the fast check passes."""
    if _quick_check(schema)(document.data):
        return
    root = published_schema(schema)
    for error in _validator(schema).iter_errors(document.data):
        yield error, _schema_problem(error, document, path, root)


def _in_file_order(found: dict[str, Problem]) -> list[Problem]:
    return sorted(found.values(), key=lambda p: (p.line or 0, p.field))


def _is_incomplete(error: ValidationError) -> bool:
    """Whether a schema error says something is still to write, rather than written wrong."""
    if error.validator in ("required", "minLength", "minItems"):
        return True
    if error.validator == "pattern" and error.validator_value == r"\S":
        return True
    return error.validator == "type" and error.instance is None


def _schema_problem(error: ValidationError, document: yaml_source.YamlDocument, path: Path, root: dict[str, Any]) -> Problem:
    where = list(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        missing = str(error.message).split("'")[1]
        return Problem(path, document.line_of(where), field_path([*where, missing]), f"missing; expected {_expected(error, root, missing)}")
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(value) - set(allowed))
        key = unknown[0] if unknown else "?"
        return Problem(path, document.key_line(where, key), field_path([*where, key]), f"unknown field; expected one of: {', '.join(allowed)}")
    return Problem(path, document.line_of(where), field_path(where), _message(error, where))


def _message(error: ValidationError, where: list[str | int]) -> str:
    """What was wrong with a value, and what was expected instead."""
    value, expected = error.instance, error.validator_value
    match error.validator:
        case "type":
            return f"expected {_type_name(expected)}, found {_kind(value)}"
        case "enum":
            return f"'{value}' is not allowed; expected one of: {', '.join(map(str, expected))}"
        case "minimum" | "maximum":
            return _range_message(error)
        case "minLength":
            return "is empty; expected text"
        case "pattern":
            return _pattern_message(error, where)
        case "format":
            return _format_message(expected, value)
        case "minItems":
            return f"expected at least {expected} entr{'y' if expected == 1 else 'ies'}"
        case "uniqueItems":
            return "lists the same value twice; expected each value once"
    return str(error.message)


def _range_message(error: ValidationError) -> str:
    schema = error.schema
    described = f" ({schema['description'].rstrip('.')})" if "description" in schema else ""
    return f"{error.instance!r} is out of range; expected a whole number from {schema['minimum']} to {schema['maximum']}{described}"


def _expected(error: ValidationError, root: dict[str, Any], key: str | None = None) -> str:
    if key in LANGUAGES:
        return f"the {'English' if key == 'en' else 'French'} text ({key}: ...)"
    schema = error.schema.get("properties", {}).get(key, {}) if key else error.schema
    if "$ref" in schema and "description" not in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[-1]]
    if "description" in schema:
        return schema["description"].rstrip(".")
    if schema.get("type") == "object" and schema.get("required") == ["en", "fr"]:
        return "text in English (en) and French (fr)"
    return _type_name(schema.get("type", "value"))


def _pattern_message(error: ValidationError, where: list[str | int]) -> str:
    value, schema = error.instance, error.schema
    last = where[-1] if where else ""
    if last == "code" or schema.get("pattern") == CODE_PATTERN:
        return f"'{value}' is not a destination code; expected an ISO 3166-1 code such as MX, or an ISO 3166-2 subdivision code such as PT-20 (upper case)"
    if last in ("phone",):
        return f"'{value}' is not a phone number; expected digits with an optional leading +, e.g. +1 613 555 0100"
    if schema.get("format") == "date":
        return _format_message("date", value)
    if "description" in schema:
        return f"'{value}' is not allowed; expected {schema['description'].rstrip('.')}"
    return "is blank; expected text"


def _format_message(fmt: str, value: Any) -> str:
    if fmt == "date":
        return f"'{value}' is not a valid date; expected YYYY-MM-DD"
    if fmt == "email":
        return f"'{value}' is not an email address; expected name@domain"
    return f"'{value}' is not a valid {fmt}"


def _type_name(schema_type: Any) -> str:
    names = {"string": "text", "integer": "a whole number", "object": "a mapping", "array": "a list", "boolean": "true or false", "value": "a value"}
    if isinstance(schema_type, list):
        return " or ".join(names.get(t, t) for t in schema_type)
    return names.get(schema_type, str(schema_type))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    return {dict: "mapping", list: "list", str: "text", int: "number", float: "number", type(None): "nothing"}.get(type(value), type(value).__name__)


def semantic_problems(document: yaml_source.YamlDocument, path: Path, today: date) -> list[Problem]:
    """Checks beyond the schema: file name, dates, and language parity."""
    data = document.data
    problems: list[Problem] = []
    expected_stem = str(data["code"]).lower() + (SCHEDULED_SUFFIX if is_scheduled_file(path) else "")
    if path.stem != expected_stem:
        problems.append(Problem(path, document.line_of(["code"]), "code", f"'{data['code']}' does not match the file name; expected the file to be named {expected_stem}{path.suffix}"))
    dated = [(["last_updated"], data["last_updated"]), (["still_valid"], data["still_valid"])]
    dated += [(["updates", i, "date"], u["date"]) for i, u in enumerate(data["updates"])]
    for where, text in dated:
        try:
            day = parse_when(text)[0]
        except ValueError:
            problems.append(Problem(path, document.line_of(where), field_path(where), f"'{text}' is not a valid date or time; expected YYYY-MM-DD, or a date and time with its offset such as 2026-12-10T09:00-05:00"))
            continue
        if day > today:
            problems.append(Problem(path, document.line_of(where), field_path(where), f"{text} is in the future; expected a date on or before {today.isoformat()}"))
    if data["still_valid"] < data["last_updated"]:
        problems.append(Problem(path, document.line_of(["still_valid"]), "still_valid", f"{data['still_valid']} is before last_updated ({data['last_updated']}); expected a review date on or after the last update"))
    problems.extend(_minor_change_problems(document, path))
    problems.extend(_untranslated(document, path))
    return problems


def _minor_change_problems(document: yaml_source.YamlDocument, path: Path) -> list[Problem]:
    """A change log needs one major entry; a minor change does not move ``last_updated``."""
    data = document.data
    major = [u["date"][:10] for u in data["updates"] if not u.get("minor")]
    if not major:
        return [Problem(path, document.line_of(["updates"]), "updates", "every entry is minor (minor: true); expected at least one major entry, such as the first publication")]
    minor = {u["date"][:10] for u in data["updates"] if u.get("minor")}
    if data["last_updated"] in minor and data["last_updated"] > max(major):
        message = (
            f"{data['last_updated']} is the date of a minor change only; expected the date of the last major change "
            f"({max(major)}): a minor change does not move last_updated"
        )
        return [Problem(path, document.line_of(["last_updated"]), "last_updated", message, "warning")]
    return []


def _untranslated(document: yaml_source.YamlDocument, path: Path) -> Iterable[Problem]:
    """Warn where the French text is a copy of the English text."""
    for where, pair in _localized_pairs(document.data, []):
        if pair["en"].strip() == pair["fr"].strip() and len(pair["en"].split()) > 3:
            yield Problem(path, document.line_of([*where, "fr"]), field_path([*where, "fr"]), "French text is identical to the English text; expected a translation", "warning")


def _localized_pairs(value: Any, where: list[str | int]) -> Iterable[tuple[list[str | int], dict[str, str]]]:
    if isinstance(value, dict):
        if set(LANGUAGES) <= set(value) and all(isinstance(value[lang], str) for lang in LANGUAGES):
            yield where, value
        for key, child in value.items():
            yield from _localized_pairs(child, [*where, key])
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _localized_pairs(child, [*where, index])


def _duplicate_codes(advisories: list[Advisory]) -> list[Problem]:
    seen: dict[str, Advisory] = {}
    problems = []
    for advisory in advisories:
        first = seen.setdefault(advisory.code, advisory)
        if first is not advisory:
            problems.append(Problem(advisory.source, 1, "code", f"'{advisory.code}' is already used by {first.source}; expected one file per destination"))
    return problems


def guidance_problems(source: str | None, markdown: str) -> list[Problem]:
    """Content-rule problems of a guidance page (``docs/``), its front matter counted in the line numbers."""
    if source is None:
        return []
    problems = content_rules.check_text(markdown, markdown=True, guidance=True)
    if not problems:
        return []
    path = Path(source)
    try:  # the file is read again only to count its front matter's lines
        lines_before = len(path.read_text(encoding="utf-8").splitlines()) - len(markdown.splitlines())
    except (OSError, UnicodeDecodeError):
        lines_before = 0
    return [Problem(path, lines_before + (p.text_line or 0) + 1, "(page)", p.message) for p in problems]


def problem_report(errors: Iterable[Problem], project_dir: Path, what: str = "the advisories") -> str:
    """The message that stops a build: a count, then one line per problem, paths from ``project_dir``."""
    lines = [str(problem.relative_to(project_dir)) for problem in errors]
    count = len(lines)
    header = f"{count} problem{'s' if count != 1 else ''} in {what}; nothing was built:"
    return "\n".join([header, *lines])
