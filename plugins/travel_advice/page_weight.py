"""Lighter pages for phones on roaming data, without changing what a reader sees.

Material's templates indent every line: about a fifth of a destination page is blank space.
:func:`collapse_whitespace` turns each run of white space that spans lines into one line break
(HTML renders both the same), except where white space shows: ``pre``, ``code``, ``textarea``,
and in ``script`` and ``style``. Only ASCII white space is touched, never the no-break spaces
of French typography. :func:`keep_sections_only` keeps a destination page's table of contents
to its sections (Safety, Entry and exit…): the editors' sub-headings stay in the text.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

_KEPT_AS_WRITTEN = re.compile(r"<(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
_LINE_SPANNING_BLANKS = re.compile(r"[ \t\r\f\v]*\n[ \t\n\r\f\v]*")
SECTION_LEVEL = 2


def collapse_whitespace(html: str) -> str:
    """``html`` with every line-spanning run of blanks made one line break, outside kept elements."""
    pieces: list[str] = []
    end = 0
    for kept in _KEPT_AS_WRITTEN.finditer(html):
        pieces.append(_LINE_SPANNING_BLANKS.sub("\n", html[end : kept.start()]))
        pieces.append(kept.group(0))
        end = kept.end()
    pieces.append(_LINE_SPANNING_BLANKS.sub("\n", html[end:]))
    return "".join(pieces)


def keep_sections_only(toc: Iterable[Any]) -> None:
    """Drop the entries below the section headings (h2) from a table of contents, in place.

    ``toc`` holds MkDocs' ``AnchorLink`` items (``level``, ``children``).
    """
    for item in toc:
        if item.level >= SECTION_LEVEL:
            item.children = []
        else:
            keep_sections_only(item.children)
