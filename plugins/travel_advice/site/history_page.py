"""A destination's history page: every edition, newest first, with a word-level diff of each part.

The diff compares the text editors wrote (Markdown source, escaped), part by part: words added
are ``<ins>``, words removed ``<del>``; long unchanged stretches are shortened to their ends.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from markupsafe import Markup

from travel_advice.core.history import Edition
from travel_advice.core.model import SECTION_KEYS, Advisory, Lang
from travel_advice.core.words import COLON, INDICATOR_LABELS, SECTION_TITLES, format_day, label
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
    other_language_only: bool = False
    """Nothing changed in the page's language, but the other language's text did."""

    @property
    def level_changed(self) -> bool:
        return self.previous_level is not None and self.previous_level != self.edition.level

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


Part = tuple[str, str, str]
"""A part of an advisory compared from edition to edition: key (the same in both languages), title, text."""


def _parts(advisory: Advisory, lang: Lang) -> list[Part]:
    """Every text of an advisory a traveller sees on its page, in page order; a list (regions, offices) item by item."""
    colon = COLON[lang]
    parts: list[Part] = [
        ("name", label("destination_name", lang), advisory.name[lang]),
        ("also_known_as", label("also_known_as", lang), ", ".join(advisory.also_known_as.get(lang, ()))),
        ("capital", label("capital", lang), advisory.capital[lang] if advisory.capital else ""),
        ("still_valid", label("still_valid", lang), format_day(advisory.still_valid, lang)),
        ("summary", label("summary", lang), advisory.summary[lang]),
        ("indicators", label("risk_indicators", lang), ", ".join(INDICATOR_LABELS[key][lang] for key in advisory.indicators)),
    ]
    parts += _items(
        "region", [r.name.en for r in advisory.regions],
        [(f"{label('region_text', lang)}{colon}{r.name[lang]}", f"{label('level_of', lang, level=r.level)}. {r.reason[lang]}") for r in advisory.regions],
    )
    parts += [(key, SECTION_TITLES[key][lang], advisory.sections[key][lang]) for key in SECTION_KEYS]
    parts += _items(
        "office", [o.name.en for o in advisory.offices],
        [
            (f"{label('office', lang)}{colon}{o.name[lang]}",
             "\n".join(f"{label(key, lang)}{colon}{value}" for key, value in (("address", o.address), ("phone", o.phone), ("email", o.email), ("hours", o.hours[lang]))))
            for o in advisory.offices
        ],
    )
    if advisory.emergency:
        line = " · ".join(filter(None, (advisory.emergency.phone, advisory.emergency.email)))
        parts.append(("emergency", label("emergency_24_7", lang), line))
    return parts


def _items(kind: str, names: list[str], texts: list[tuple[str, str]]) -> list[Part]:
    """The items of a list as parts keyed by their English name (a second item of the same name gets its rank)."""
    seen: dict[str, int] = {}
    parts: list[Part] = []
    for name, (title, text) in zip(names, texts, strict=True):
        seen[name] = seen.get(name, 0) + 1
        parts.append((f"{kind}:{name}#{seen[name]}", title, text))
    return parts


def _diffs(old: list[Part], new: list[Part]) -> tuple[tuple[str, Markup], ...]:
    """Title and word diff of each part that changed, was added (every word inserted) or removed (every word deleted), in page order."""
    before, after = {key: (title, text) for key, title, text in old}, {key: (title, text) for key, title, text in new}
    old_keys, new_keys = list(before), list(after)
    keys: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_keys, new_keys, autojunk=False).get_opcodes():
        keys += ([] if op in ("equal", "insert") else old_keys[i1:i2]) + new_keys[j1:j2]
    diffs = []
    for key in dict.fromkeys(keys):
        title, old_text = before.get(key, ("", ""))
        title, new_text = after.get(key, (title, ""))
        if old_text != new_text:
            diffs.append((title, word_diff(old_text, new_text)))
    return tuple(diffs)


def changes(editions: tuple[Edition, ...], lang: Lang, hrefs: dict[str, str]) -> list[EditionChange]:
    """Each edition with what changed since the one before it, newest first; ``hrefs``: address -> link."""
    other: Lang = "fr" if lang == "en" else "en"
    listed: list[EditionChange] = []
    previous: Edition | None = None
    old: list[Part] = []
    old_other: list[Part] = []
    by_address = {e.address: e for e in editions}
    for edition in editions:
        new, new_other = _parts(edition.advisory, lang), _parts(edition.advisory, other)
        diffs: tuple[tuple[str, Markup], ...] = ()
        if previous is not None:
            diffs = _diffs(old, new)
        restored = by_address.get(edition.restores or "")
        listed.append(
            EditionChange(
                edition,
                hrefs[edition.address],
                previous.level if previous else None,
                diffs,
                format_day(restored.day, lang) if restored else None,
                other_language_only=previous is not None and not diffs and old_other != new_other,
            )
        )
        previous, old, old_other = edition, new, new_other
    return listed[::-1]


Remember = Callable[[str | None, Callable[[], str]], str]
"""Gives the text an earlier build made for a key (SHA-256 of everything the text is made from but the
code; None: not to be kept), or makes it now: ``remember(key, make)``."""


def made_now(key: str | None, make: Callable[[], str]) -> str:
    """A :data:`Remember` that keeps nothing."""
    return make()


def render_history(
    advisory: Advisory, editions: tuple[Edition, ...], lang: Lang, hrefs: dict[str, str], current_href: str, *, available: bool,
    withdrawn: date | None = None, remember: Remember = made_now,
) -> str:
    """The Markdown source of a destination's history page in ``lang`` (of an advisory ``withdrawn`` that day, if it was)."""
    name = advisory.name[lang]
    made_of = (lang, advisory.level, name, [(e.blob, e.address, e.published, e.withdrawn, e.restores) for e in editions], hrefs, current_href, available, withdrawn)
    key = hashlib.sha256(repr(made_of).encode("utf-8")).hexdigest() if all(e.blob for e in editions) else None
    return remember(key, lambda: environment().get_template("history.md.j2").render(
        a=advisory,
        title=label("history_title", lang, name=name),
        description=label("history_description", lang, name=name),
        available=available,
        changes=changes(editions, lang, hrefs),
        current_href=current_href,
        withdrawn=withdrawn,
        **template_helpers(lang),
    ))
