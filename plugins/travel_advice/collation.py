"""Alphabetical order of destination names with the Unicode Collation Algorithm.

pyuca (pure Python, DUCET tables) orders « Égypte » with E, « Îles Cook » with I and
« Œ », « ß », « Å » as a reader expects, where folding accents by hand misplaces
ligatures and typographic hyphens. No MkDocs import: plain functions.
"""

from __future__ import annotations

from functools import cache

from pyuca import Collator

# CLDR writes some names with a non-breaking hyphen (« Saint‑Kitts‑et‑Nevis »): the
# reader sees an ordinary hyphen, so the name sorts like one.
_SAME_AS_HYPHEN = str.maketrans({"\u2010": "-", "\u2011": "-"})


@cache
def _collator() -> Collator:
    return Collator()


def collation_key(text: str) -> tuple[int, ...]:
    """Sort key of ``text`` in alphabetical order (the same for English and French)."""
    return _collator().sort_key(text.translate(_SAME_AS_HYPHEN))
