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

TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")
"""A word or a punctuation mark with the blank after it: blanks alone would repeat too often to match fast."""
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
    """``new`` against ``old``, words added in ``<ins>``, removed in ``<del>``, all text escaped.

    The common start and end are found on the texts first (an edit usually touches one place),
    so only the words between them go through difflib.
    """
    start = _word_start(old, new, _common_prefix(old, new))
    end = _word_end(old, new, _common_prefix(old[start:][::-1], new[start:][::-1]))
    a, b = TOKENS.findall(old[start : len(old) - end]), TOKENS.findall(new[start : len(new) - end])
    parts: list[Markup] = [_lead(old[:start])] if start else []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(_unchanged(a[i1:i2], first=i1 == 0 and not start, last=i2 == len(a) and not end))
            continue
        if i2 > i1:
            parts.append(Markup("<del>{}</del>").format(_text(a[i1:i2])))
        if j2 > j1:
            parts.append(Markup("<ins>{}</ins>").format(_text(b[j1:j2])))
    if end:
        parts.append(_trail(old[len(old) - end :]))
    return Markup("").join(parts)


def _common_prefix(x: str, y: str) -> int:
    """Length of the common start of two texts, by halving (slices compare in C)."""
    low, high = 0, min(len(x), len(y))
    while low < high:
        middle = (low + high + 1) // 2
        if x[:middle] == y[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _word_start(old: str, new: str, at: int) -> int:
    """``at`` moved back to the start of a word both texts have there (a blank before, none after)."""
    while at > 0 and not (old[at - 1].isspace() and at < len(old) and at < len(new) and not old[at].isspace() and not new[at].isspace()):
        at -= 1
    return at


def _word_end(old: str, new: str, length: int) -> int:
    """A common end of ``length`` characters, shortened until it starts a word in both texts."""
    while length > 0 and not (old[-length - 1 : -length].isspace() and new[-length - 1 : -length].isspace() and not old[-length].isspace()):
        length -= 1
    return length


LOOK = 40 * CONTEXT
"""Characters read around a change to find its context of :data:`CONTEXT` tokens."""


def _lead(text: str) -> Markup:
    """The unchanged text before the first change: its last words."""
    tokens = TOKENS.findall(text[-LOOK:])
    if len(text) <= LOOK:
        return _unchanged(tokens, first=True, last=False)
    return Markup("{}{}").format(ELLIPSIS.lstrip(), _text(tokens[1:][-CONTEXT:]))


def _trail(text: str) -> Markup:
    """The unchanged text after the last change: its first words."""
    tokens = TOKENS.findall(text[:LOOK])
    if len(text) <= LOOK:
        return _unchanged(tokens, first=False, last=True)
    return Markup("{}{}").format(_text(tokens[:-1][:CONTEXT]).rstrip(), ELLIPSIS.rstrip())


def _text(tokens: list[str]) -> Markup:
    """Tokens as escaped HTML, line breaks as ``<br>`` (no blank line ends the page's HTML block)."""
    return Markup("<br>").join("".join(tokens).split("\n"))


def _unchanged(tokens: list[str], *, first: bool, last: bool) -> Markup:
    head = [] if first else tokens[:CONTEXT]
    tail = [] if last else tokens[-CONTEXT:]
    if (first and last) or len(tokens) <= len(head) + len(tail) + 2:
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
    old: list[tuple[str, str]] = []
    by_address = {e.address: e for e in editions}
    for edition in editions:
        new = _parts(edition.advisory, lang)
        diffs: tuple[tuple[str, Markup], ...] = ()
        if previous is not None:
            diffs = tuple((title, word_diff(before, after)) for (title, before), (_, after) in zip(old, new, strict=True) if before != after)
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
        previous, old = edition, new
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
