"""Lighter pages for phones on roaming data, without changing what a reader sees.

Material's templates indent every line: about a fifth of a destination page is blank space.
:func:`collapse_whitespace` turns each run of white space that spans lines into one line break
(HTML renders both the same), except where white space shows: ``pre``, ``code``, ``textarea``,
and in ``script`` and ``style``. Only ASCII white space is touched, never the no-break spaces
of French typography. :func:`keep_sections_only` keeps a destination page's table of contents
to its sections (Safety, Entry and exit…): the editors' sub-headings stay in the text, and
:func:`drop_subheading_permalinks` keeps its heading permalinks to the page title and sections
(every heading keeps its ``id``). :data:`THEME_ICONS` has Material draw its icons as empty
``<svg>`` elements painted by our stylesheet (a mask per icon), loaded once for the whole site
instead of about 2 KB of inline paths in every page.
:func:`drop_search_markers` removes the search index's markers from pages never searched.
:func:`valid_material_markup` removes three errors of Material 9.8.1's markup that the Nu validator
reports (``autocomplete`` on its checkbox toggles, an empty ``tabindex``, a ``label for="__toc"``
on a page without that toggle); browsers ignored each of them, so nothing changes for a reader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat
from typing import Any

_KEPT_AS_WRITTEN = re.compile(r"<(?=[pcstPCST])(pre|code|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
"""The look-ahead changes no match; it lets the many other tags fail at their first letter (a third faster)."""
_SEARCH_MARKER = re.compile(r' data-pagefind-(?:ignore|weight="[^"]*")(?=[\s>}])')
_SUBHEADING_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">&para;</a>(?=</h[3-6]>)')
_ANY_SUBHEADING_PERMALINK = re.compile(r'<h([3-6])\b[^>]*>(?:(?!</h\1>).)*?\bclass="headerlink"', re.S)
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?type="checkbox"[^>]*?) autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')
_TOC_LABEL = '<label class="md-nav__title" for="__toc">'
_PLAIN_EXTERNAL_SCRIPT = re.compile(r'<script src="([^"<>]+)"></script>')
_BLANKS = " \t\r\f\v"
"""ASCII white space other than the line break."""
SECTION_LEVEL = 2
THEME_ICONS = {
    key: f"travel-advice/{name}"
    for key, name in (
        ("logo", "library"), ("menu", "menu"), ("alternate", "translate"), ("search", "magnify"),
        ("previous", "arrow-left"), ("next", "arrow-right"), ("close", "close"), ("top", "arrow-up"),
    )
}
"""Material's ``theme.icon`` settings for the icons of its page chrome: Material's own icons,
as ``theme/.icons/travel-advice/*.svg`` (empty) and ``.ta-icon--*`` masks in ``travel-advice.css``."""


def collapse_whitespace(html: str) -> str:
    """``html`` with every line-spanning run of blanks made one line break, outside kept elements."""
    pieces: list[str] = []
    end = 0
    for kept in _KEPT_AS_WRITTEN.finditer(html):
        pieces.append(_collapse_line_spanning_blanks(html[end : kept.start()]))
        pieces.append(kept.group(0))
        end = kept.end()
    pieces.append(_collapse_line_spanning_blanks(html[end:]))
    return "".join(pieces)


def _collapse_line_spanning_blanks(text: str) -> str:
    """Each run of white space that holds a line break made one line break.

    Line by line with string methods, two to three times faster than a regular expression
    (one starting with optional blanks is tried at every character): a run is the blanks ending
    a line, the lines that hold nothing else, and the blanks starting the next line. ``map`` and
    ``filter`` keep the per-line work in C.
    """
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    last = lines.pop().lstrip(_BLANKS)
    first = lines[0].rstrip(_BLANKS)
    lines[0] = ""
    return "\n".join([first, *filter(None, map(str.strip, lines, repeat(_BLANKS))), last])


def drop_search_markers(html: str) -> str:
    """``html`` without the search index's markers our page templates set (``data-pagefind-ignore``, ``-weight``):
    for pages that are never searched, such as archived editions."""
    return _SEARCH_MARKER.sub("", html)


def with_stylesheet_icons(icons: dict[str, Any] | None) -> dict[str, Any]:
    """Material's ``theme.icon`` settings with :data:`THEME_ICONS` for the icons a site does not set."""
    return {**THEME_ICONS, **(icons or {})}


def drop_subheading_permalinks(html: str) -> str:
    """``html`` without the permalinks (``¶``) of its h3 to h6 headings; their ``id`` stays."""
    return _SUBHEADING_PERMALINK.sub("", html)


def has_subheading_permalink(html: str) -> bool:
    """True if an h3 to h6 heading of ``html`` holds a permalink of any form (``class="headerlink"``):
    after :func:`drop_subheading_permalinks`, one that its pattern no longer matches."""
    return _ANY_SUBHEADING_PERMALINK.search(html) is not None


def keep_sections_only(toc: Iterable[Any]) -> None:
    """Drop the entries below the section headings (h2) from a table of contents, in place.

    ``toc`` holds MkDocs' ``AnchorLink`` items (``level``, ``children``).
    """
    for item in toc:
        if item.level >= SECTION_LEVEL:
            item.children = []
        else:
            keep_sections_only(item.children)


def valid_material_markup(html: str) -> str:
    """``html`` without Material's three invalid attributes: ``autocomplete`` on checkbox toggles, an empty
    ``tabindex`` on navigation labels, ``for="__toc"`` when the page has no ``#__toc`` toggle."""
    html = _EMPTY_TABINDEX.sub(r"\1", _TOGGLE_AUTOCOMPLETE.sub(r"\1", html))
    if 'id="__toc"' not in html:
        html = html.replace(_TOC_LABEL, '<label class="md-nav__title">')
    return html


def deferred_scripts(html: str) -> str:
    """``html`` with its plain external scripts (Material's bundle, ``extra_javascript``) marked ``defer``.

    They sit at the end of ``<body>`` and read only the parsed page, so running them once it is parsed
    changes nothing for them, but the page no longer waits for them before its first paint (Lighthouse
    counted Material's bundle as render-blocking: about 0.5 s of first paint on a slow phone). Scripts with
    any other attribute (``async``, ``type``, ``defer`` already) and inline scripts are left as they are."""
    return _PLAIN_EXTERNAL_SCRIPT.sub(r'<script src="\1" defer></script>', html)
