"""The emergency banner: one YAML file that puts a notice at the top of every page.

Editors write ``advisories/_banner.yml`` (schema: ``schema/banner.schema.json``). The banner
shows from ``start`` to ``end`` included, judged against the build date, so it appears and
disappears at the next build. With ``destinations``, it shows only on those destinations'
pages and on the home pages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from markupsafe import Markup

from travel_advice.core import content_rules, yaml_source
from travel_advice.core.model import Lang, Localized, parse_when
from travel_advice.core.validation import Problem, field_path, outside_link_problem, read_mapping, schema_problems, text_problems
from travel_advice.core.words import COLON, label

BANNER_FILE = "_banner.yml"
BANNER_SCHEMA = "banner.schema.json"


@dataclass(frozen=True)
class Banner:
    """An emergency notice in both languages, and when and where it shows."""

    title: Localized
    text: Localized
    start: date
    """The first day, or the moment it starts (a datetime)."""
    end: date | None = None
    """The last day, or the moment it ends (a datetime)."""
    link: Localized | None = None
    destinations: tuple[str, ...] = ()

    def is_active(self, now: date) -> bool:
        """True from ``start`` to ``end`` included (for good when there is no end), at ``now``: the build's
        moment (a datetime in the ministry's time zone) or its day. A start or end without a time is a whole day."""
        if isinstance(now, datetime) and isinstance(self.start, datetime):
            started = now >= self.start
        else:
            started = _day(now) >= _day(self.start)
        if self.end is None:
            return started
        if isinstance(now, datetime) and isinstance(self.end, datetime):
            return started and now < self.end
        return started and _day(now) <= _day(self.end)

    def shows_on(self, code: str | None, is_home: bool) -> bool:
        """Whether a page (a destination's, by ``code``, or another) carries the banner."""
        return not self.destinations or is_home or code in self.destinations

    def view(self, lang: Lang) -> dict[str, str | Markup | None]:
        """What the theme shows in ``lang``: label, title, text (Markdown made HTML, held to the allow-list) and link."""
        return {
            "label": label("emergency_banner", lang) + COLON[lang],
            "title": self.title[lang],
            "text": Markup(content_rules.clean_html(content_rules.render(self.text[lang]))),
            "link": self.link[lang] if self.link else None,
            "more": label("more_information", lang),
        }


def load_banner(directory: Path, codes: Collection[str]) -> tuple[Banner | None, list[Problem]]:
    """Read and validate the banner file of an advisories folder, if there is one.

    ``codes`` are the destinations that have an advisory: the only ones a banner may name.
    """
    path = directory / BANNER_FILE
    link_problem = outside_link_problem(path, directory.resolve().parent)
    if link_problem is not None:
        return None, [link_problem]
    if not path.is_file():
        return None, []
    document, problems = read_mapping(path, "banner fields (title, text, start…)")
    if document is None:
        return None, problems
    problems = schema_problems(document, path, BANNER_SCHEMA) + text_problems(document, path, (("text", "*"),), allow_headings=False)
    problems = problems or _semantic_problems(document, path, codes)
    if problems:
        return None, problems
    return _banner(document.data), []


def _day(when: date) -> date:
    return when.date() if isinstance(when, datetime) else when


def _when(text: str) -> date:
    """A banner's start or end: the moment when it has a time, else the day."""
    day, moment = parse_when(text)
    return moment or day


def _semantic_problems(document: yaml_source.YamlDocument, path: Path, codes: Collection[str]) -> list[Problem]:
    data = document.data
    problems = []
    found: dict[str, date] = {}
    for key in ("start", "end"):
        try:
            found[key] = _when(data[key]) if key in data else None
        except ValueError:
            problems.append(Problem(path, document.line_of([key]), key, f"'{data[key]}' is not a valid date or time; expected YYYY-MM-DD, or a date and time with its offset such as 2026-12-10T09:00-05:00"))
    if problems:
        return problems
    start, end = found["start"], found["end"]
    both_moments = isinstance(start, datetime) and isinstance(end, datetime)
    if end is not None and (end <= start if both_moments else _day(end) < _day(start)):
        problems.append(Problem(path, document.line_of(["end"]), "end", f"{data['end']} is before start ({data['start']}); expected an end date on or after the start date"))
    for index, code in enumerate(data.get("destinations", ())):
        if code not in codes:
            where = ["destinations", index]
            problems.append(Problem(path, document.line_of(where), field_path(where), f"'{code}' has no advisory; expected the code of a published destination"))
    return problems


def _banner(data: dict) -> Banner:
    return Banner(
        title=Localized.from_data(data["title"]),
        text=Localized.from_data(data["text"]),
        start=_when(data["start"]),
        end=_when(data["end"]) if "end" in data else None,
        link=Localized.from_data(data["link"]) if "link" in data else None,
        destinations=tuple(data.get("destinations", ())),
    )
