"""The panel ``mkdocs serve`` shows at the top of every page while editors' files have problems.

A preview, never a published page: ``mkdocs build`` stops on the same problems. Every line is
escaped (it quotes the editor's own text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from travel_advice.core.content_rules import escape_text
from travel_advice.core.model import Lang
from travel_advice.core.words import label

_BODY = re.compile(r"<body\b[^>]*>", re.I)


def problem_panel(problems: Sequence[str], lang: Lang) -> str:
    """The panel listing ``problems`` (``file:line: field: message`` lines) in ``lang``."""
    items = "".join(f"<li><code>{escape_text(line)}</code></li>" for line in problems)
    return (
        f'<aside class="ta-preview-problems" role="alert"><h2>{escape_text(label("preview_problems", lang))}</h2>'
        f"<p>{escape_text(label('preview_problems_help', lang))}</p><ul>{items}</ul></aside>"
    )


def with_problem_panel(page: str, panel: str) -> str | None:
    """``page`` with ``panel`` first in its ``<body>``; None if the page has no ``<body>`` tag."""
    found = _BODY.search(page)
    return None if found is None else f"{page[: found.end()]}{panel}{page[found.end():]}"
