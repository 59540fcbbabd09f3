"""A whole advisory from one destination's open-data feed (``cta-cap-XX.json``).

:func:`advisory_from_feed` reads both languages' summary and regional advisories (the
``AdvisoryContainer`` blocks), the six sections (HTML converted to Markdown by markdownify,
headings moved to ``###`` and below, links other than http(s)/mailto/tel kept as their text),
the change note and the date, and holds every Markdown text to the content rules. What the
feed lacks, or what breaks the rules, is listed in ``missing``: the advisory is then written as
a draft (``status: draft``) with a comment saying what to complete, never published broken.
"""

from __future__ import annotations

import datetime
import html
import io
import re
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from markdownify import markdownify
from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from travel_advice.cli.scaffold import is_known_territory
from travel_advice.core import yaml_source
from travel_advice.core.content_rules import check_text, is_allowed_link
from travel_advice.core.validation import load_advisory
from travel_advice.core.words import LEVEL_NAMES

SECTIONS = {
    "safety": "security",
    "entry_exit": "entry-exit",
    "health": "health",
    "laws_culture": "laws-culture",
    "disasters_climate": "disasters-climate",
    "help": "offices-help-abroad",
}
"""Our section -> the feed's key."""
LANGUAGES = {"en": "eng", "fr": "fra"}
SCHEMA_LINE = "# yaml-language-server: $schema=../plugins/travel_advice/core/schema/advisory.schema.json\n"


@dataclass
class FullAdvisory:
    """The advisory a destination's feed gives, as data for the YAML file, and what it lacks."""

    code: str
    data: dict[str, Any]
    missing: list[str] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        return bool(self.missing)

    def text(self, source: str) -> str:
        """The YAML file: schema line, a note of where it came from (and what to complete), the fields."""
        note = f"# Imported from {source}.\n"
        if self.missing:
            note += "# A draft, not published: the feed lacks or breaks the rules for:\n"
            note += "".join(f"#   - {item}\n" for item in self.missing)
            note += "# Complete it, then delete the 'status: draft' line.\n"
        yaml = YAML()
        yaml.width = 4096
        yaml.indent(mapping=2, sequence=4, offset=2)
        stream = io.StringIO()
        yaml.dump(_quoted(self.data), stream)
        return SCHEMA_LINE + note + stream.getvalue()


def _quoted(value: Any) -> Any:
    """Strings the build's YAML 1.1 reader would take for something else (``NO``, ``on``, ``1.5``) quoted."""
    if isinstance(value, dict):
        return {key: _quoted(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_quoted(item) for item in value]
    if isinstance(value, str) and not isinstance(value, LiteralScalarString) and not _reads_as_itself(value):
        return SingleQuotedScalarString(value)
    return value


def _reads_as_itself(text: str) -> bool:
    try:
        return yaml_source.load_data(text) == text
    except yaml_source.YamlError:
        return False


def advisory_from_feed(
    code: str, raw: Mapping[str, Any], level: int, published: datetime.date, missing: list[str] | None = None
) -> FullAdvisory:
    """The advisory of ``raw`` (the ``data`` of a cta-cap feed, or an index entry: then mostly missing);
    ``missing`` starts the list of what it lacks."""
    missing = list(missing or [])
    blocks = {lang: raw.get(feed) if isinstance(raw.get(feed), Mapping) else {} for lang, feed in LANGUAGES.items()}
    for lang, block in blocks.items():
        if not block:
            missing.append(f"the {_language(lang)} text ('{LANGUAGES[lang]}' is absent)")
    containers = {lang: _containers(block.get("advisories")) for lang, block in blocks.items()}
    data: dict[str, Any] = {"code": code}
    if not (is_known_territory(code) and "-" not in code):
        data["name"] = {lang: _plain(block.get("name")) for lang, block in blocks.items()}
    data["level"] = level
    data["last_updated"] = published.isoformat()
    data["still_valid"] = published.isoformat()
    data["summary"] = {lang: (containers[lang][0][1] if containers[lang] else "") for lang in LANGUAGES}
    _require(data["summary"], "summary", missing)
    regions = _regions(containers, missing)
    if regions:
        data["regions"] = regions
    data["sections"] = {ours: _section(ours, feed, blocks, missing) for ours, feed in SECTIONS.items()}
    note = {lang: _plain(block.get("recent-updates")) for lang, block in blocks.items()}
    _require(note, "updates[0] (the change note, 'recent-updates')", missing)
    data["updates"] = [{"date": published.isoformat(), **note}]
    if "name" in data:
        _require(data["name"], "name", missing)
    return _as_draft_if_lacking(FullAdvisory(code, data, missing))


def _as_draft_if_lacking(advisory: FullAdvisory) -> FullAdvisory:
    if advisory.draft and advisory.data.get("status") != "draft":
        advisory.data = {"status": "draft", **advisory.data}
    return advisory


def checked_text(advisory: FullAdvisory, source: str, today: datetime.date) -> str:
    """The file's text; an advisory the build would refuse (validation.load_advisory) becomes a draft listing why."""
    if not advisory.draft:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"{advisory.code.lower()}.yml"
            path.write_text(advisory.text(source), encoding="utf-8")
            loaded = load_advisory(path, today)
        if loaded.advisory is None:
            advisory.missing += [f"{p.field or '(file)'}: {p.message}" for p in loaded.problems if p.severity == "error"]
            _as_draft_if_lacking(advisory)
    return advisory.text(source)


def _language(lang: str) -> str:
    return "English" if lang == "en" else "French"


def _require(texts: Mapping[str, str], where: str, missing: list[str]) -> None:
    for lang, text in texts.items():
        if not text.strip():
            missing.append(f"{where}.{lang}")
        else:
            missing += [f"{where}.{lang}: {problem.message}" for problem in check_text(text, markdown=False)]


def _plain(value: Any) -> str:
    """HTML or entity-encoded text of the feed as plain text on one line."""
    if not isinstance(value, str):
        return ""
    text = BeautifulSoup(value, "html.parser").get_text(" ")
    return " ".join(html.unescape(text).split())


def _containers(value: Any) -> list[tuple[str, str, str | None]]:
    """(heading, text, class) of each ``AdvisoryContainer`` block, national first."""
    if not isinstance(value, str):
        return []
    soup = BeautifulSoup(value, "html.parser")
    found = []
    for block in soup.select("div.AdvisoryContainer"):
        heading = block.find(["h2", "h3", "h4"])
        title = " ".join(heading.get_text(" ").split()) if heading else ""
        if heading:
            heading.extract()
        found.append((title, " ".join(block.get_text(" ").split()), " ".join(block.get("class", []))))
    return found


LEVEL_WORDS = {
    **{LEVEL_NAMES[level].en.lower(): level for level in LEVEL_NAMES},
    **{LEVEL_NAMES[level].fr.lower(): level for level in LEVEL_NAMES},
    "exercise normal security precautions": 1,
}


def _region_level(title: str) -> tuple[str, int | None]:
    """``"Xinjiang - Avoid all travel"`` -> ("Xinjiang", 4)."""
    name, _, words = title.rpartition(" - ")
    level = LEVEL_WORDS.get(words.strip().lower().replace("'", "’"))
    if level is None:
        level = LEVEL_WORDS.get(words.strip().lower())
    return name.strip(), level


def _regions(containers: Mapping[str, list[tuple[str, str, str | None]]], missing: list[str]) -> list[dict[str, Any]]:
    regional = {lang: found[1:] for lang, found in containers.items()}
    count = max(len(found) for found in regional.values())
    regions = []
    for index in range(count):
        name: dict[str, str] = {}
        reason: dict[str, str] = {}
        level = None
        for lang, found in regional.items():
            if index < len(found):
                name[lang], region_level = _region_level(found[index][0])
                reason[lang] = found[index][1]
                level = level or region_level
            else:
                name[lang] = reason[lang] = ""
        where = f"regions[{index}]"
        _require(name, f"{where}.name", missing)
        _require(reason, f"{where}.reason", missing)
        if level is None:
            missing.append(f"{where}.level (no level words in the heading)")
        regions.append({"name": name, "level": level or 1, "reason": reason})
    return regions


def _section(ours: str, feed: str, blocks: Mapping[str, Mapping[str, Any]], missing: list[str]) -> dict[str, str]:
    texts = {}
    for lang, block in blocks.items():
        value = block.get(feed)
        if isinstance(value, Mapping):  # offices-help-abroad: opening and closing text around the offices
            value = "".join(v for v in value.values() if isinstance(v, str))
        text = to_markdown(value) if isinstance(value, str) else ""
        where = f"sections.{ours}.{lang}"
        if not text:
            if block:
                missing.append(f"{where} ('{feed}' is empty or absent)")
            texts[lang] = ""
            continue
        missing += [f"{where}: {problem.message}" for problem in check_text(text, markdown=True)]
        texts[lang] = LiteralScalarString(text + "\n")
    return texts


def to_markdown(fragment: str) -> str:
    """Feed HTML as Markdown: headings from ``###``, only http(s)/mailto/tel links, no raw HTML."""
    soup = BeautifulSoup(fragment, "html.parser")
    for element in soup.find_all(["script", "style", "iframe", "object", "embed", "img", "noscript", "template"]):
        element.decompose()  # never text: markdownify would keep their content
    for link in soup.find_all("a"):
        href = link.get("href") or ""
        if not (is_allowed_link(href) and re.match(r"(https?|mailto|tel):", href)):
            link.unwrap()
    headings = [int(tag.name[1]) for tag in soup.find_all(re.compile(r"^h[1-6]$"))]
    shift = max(0, 3 - min(headings)) if headings else 0
    for tag in soup.find_all(re.compile(r"^h[1-6]$")):
        tag.name = f"h{min(int(tag.name[1]) + shift, 6)}"
    text = markdownify(str(soup), heading_style="ATX", bullets="*")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip().replace("\u00a0", " ")
