"""A destination's history page: every edition, newest first, with a word-level diff of each part.

The diff compares the text editors wrote (Markdown source, escaped), part by part: words added
are ``<ins>``, words removed ``<del>``; long unchanged stretches are shortened to their ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from markupsafe import Markup

from travel_advice.core.history import Edition
from travel_advice.core.model import SECTION_KEYS, Advisory, Lang
from travel_advice.core.words import COLON, SECTION_TITLES, format_day, label
from travel_advice.site.destination_page import environment, template_helpers

TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
CONTEXT = 16
"""Tokens (words, spaces, punctuation) of unchanged text kept on each side of a change."""
ELLIPSIS = " … "


@dataclass(frozen=True)
class EditionChange:
    """One edition as its history lists it."""

    edition: Edition
    href: str
    """Link to the edition's own page."""
    previous_level: int | None
    """The level of the edition before it (None: the first edition)."""
    diffs: tuple[tuple[str, Markup], ...]
    """Title and word diff of each part that changed."""
    restores_day: str | None = None

    @property
    def level_changed(self) -> bool:
        return self.previous_level is not None and self.previous_level != self.edition.advisory.level

    @property
    def folded(self) -> bool:
        """A minor change is listed folded; never one that changes the level or restores an edition."""
        return self.edition.minor and not self.level_changed and not self.restores_day


def word_diff(old: str, new: str) -> Markup:
    """``new`` against ``old``, words added in ``<ins>``, removed in ``<del>``, all text escaped."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts: list[Markup] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(_unchanged(a[i1:i2], first=i1 == 0, last=i2 == len(a)))
            continue
        if i2 > i1:
            parts.append(Markup("<del>{}</del>").format(_text(a[i1:i2])))
        if j2 > j1:
            parts.append(Markup("<ins>{}</ins>").format(_text(b[j1:j2])))
    return Markup("").join(parts)


def _text(tokens: list[str]) -> Markup:
    """Tokens as escaped HTML, line breaks as ``<br>`` (no blank line ends the page's HTML block)."""
    return Markup("<br>").join("".join(tokens).split("\n"))


def _unchanged(tokens: list[str], *, first: bool, last: bool) -> Markup:
    head = [] if first else tokens[:CONTEXT]
    tail = [] if last else tokens[-CONTEXT:]
    if len(tokens) <= len(head) + len(tail) + 2:
        return _text(tokens)
    return Markup("{}{}{}").format(_text(head).rstrip(), ELLIPSIS, _text(tail).lstrip())


def _parts(advisory: Advisory, lang: Lang) -> list[tuple[str, str]]:
    """The texts of an advisory compared from edition to edition, with their titles."""
    regions = "\n".join(
        f"{r.name[lang]}{COLON[lang]}{label('level_of', lang, level=r.level)}. {r.reason[lang]}" for r in advisory.regions
    )
    return [
        (label("summary", lang), advisory.summary[lang]),
        (label("regions_text", lang), regions),
        *((SECTION_TITLES[key][lang], advisory.sections[key][lang]) for key in SECTION_KEYS),
    ]


def changes(editions: tuple[Edition, ...], lang: Lang, hrefs: dict[str, str]) -> list[EditionChange]:
    """Each edition with what changed since the one before it, newest first; ``hrefs``: address -> link."""
    listed: list[EditionChange] = []
    previous: Edition | None = None
    by_address = {e.address: e for e in editions}
    for edition in editions:
        diffs: tuple[tuple[str, Markup], ...] = ()
        if previous is not None:
            old = _parts(previous.advisory, lang)
            diffs = tuple(
                (title, word_diff(before, after))
                for (title, before), (_, after) in zip(old, _parts(edition.advisory, lang), strict=True)
                if before != after
            )
        restored = by_address.get(edition.restores or "")
        listed.append(
            EditionChange(
                edition,
                hrefs[edition.address],
                previous.advisory.level if previous else None,
                diffs,
                format_day(restored.day, lang) if restored else None,
            )
        )
        previous = edition
    return listed[::-1]


def render_history(
    advisory: Advisory, editions: tuple[Edition, ...], lang: Lang, hrefs: dict[str, str], current_href: str, *, available: bool
) -> str:
    """The Markdown source of a destination's history page in ``lang``."""
    name = advisory.name[lang]
    return environment().get_template("history.md.j2").render(
        a=advisory,
        title=label("history_title", lang, name=name),
        description=label("history_description", lang, name=name),
        available=available,
        changes=changes(editions, lang, hrefs),
        current_href=current_href,
        **template_helpers(lang),
    )
