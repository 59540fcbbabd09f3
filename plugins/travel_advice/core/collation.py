"""Alphabetical order of destination names with the Unicode Collation Algorithm.

pyuca (pure Python, DUCET tables) orders « Égypte » with E, « Îles Cook » with I and
« Œ », « ß », « Å » as a reader expects, where folding accents by hand misplaces
ligatures and typographic hyphens. No MkDocs import: plain functions.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache

from pyuca import Collator
from pyuca.collator import COLL_ELEMENT_PATTERN
from pyuca.utils import hexstrings2int

# CLDR writes some names with a non-breaking hyphen (« Saint‑Kitts‑et‑Nevis »): the
# reader sees an ordinary hyphen, so the name sorts like one.
_SAME_AS_HYPHEN = str.maketrans({"\u2010": "-", "\u2011": "-"})
_IMPLICIT_WEIGHTS = "@implicitweights"


class _LazyCollator(Collator):
    """pyuca's collator that parses the lines of its table only for the characters it meets.

    The names of a site use a hundred of the table's 30,000 lines; parsing them all took 80 ms
    of every build. Every line that starts with a character met is parsed, contractions
    included, so a sort key is the one the whole table gives.
    """

    def load(self, filename: str) -> None:
        """Index the table's lines by their first character (hex code point); parse none yet."""
        self._unparsed: dict[str, list[str]] = defaultdict(list)
        with open(filename, encoding="utf-8") as table:
            for line in table:
                if line.startswith(_IMPLICIT_WEIGHTS):
                    code_points, base = line[len(_IMPLICIT_WEIGHTS) :].split("#", 1)[0].split(";")
                    start, end = code_points.split("..")
                    self.implicit_weights.append([int(start, 16), int(end, 16), int(base, 16)])
                elif line[:1].isalnum() and not line.startswith("@"):
                    self._unparsed[line[: line.index(" ")]].append(line)

    def sort_key(self, string: str) -> tuple[int, ...]:
        for character in set(unicodedata.normalize("NFD", string)):
            for line in self._unparsed.pop(f"{ord(character):04X}", ()):
                characters, elements = line.split("#", 1)[0].split(";", 1)
                weights = [hexstrings2int(element.groups()) for element in COLL_ELEMENT_PATTERN.finditer(elements)]
                self.table.add(hexstrings2int(characters.split()), weights)
        return super().sort_key(string)


@cache
def _collator() -> Collator:
    return _LazyCollator()


def collation_key(text: str) -> tuple[int, ...]:
    """Sort key of ``text`` in alphabetical order (the same for English and French)."""
    return _collator().sort_key(text.translate(_SAME_AS_HYPHEN))
