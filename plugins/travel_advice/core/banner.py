"""The emergency banner: one YAML file that puts a notice at the top of every page.

Editors write ``advisories/_banner.yml`` (schema: ``schema/banner.schema.json``). The banner
shows from ``start`` to ``end`` included, judged against the build date, so it appears and
disappears at the next build. With ``destinations``, it shows only on those destinations'
pages and on the home pages.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from markupsafe import Markup

from travel_advice.core import content_rules, yaml_source
from travel_advice.core.model import Lang, Localized
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
    end: date | None = None
    link: Localized | None = None
    destinations: tuple[str, ...] = ()

    def is_active(self, today: date) -> bool:
        """True from ``start`` to ``end`` included (for good when there is no end)."""
        return self.start <= today and (self.end is None or today <= self.end)

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


def _semantic_problems(document: yaml_source.YamlDocument, path: Path, codes: Collection[str]) -> list[Problem]:
    data = document.data
    problems = []
    if "end" in data and data["end"] < data["start"]:
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
        start=date.fromisoformat(data["start"]),
        end=date.fromisoformat(data["end"]) if "end" in data else None,
        link=Localized.from_data(data["link"]) if "link" in data else None,
        destinations=tuple(data.get("destinations", ())),
    )
