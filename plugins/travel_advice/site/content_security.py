"""The Content-Security-Policy every page carries, as a ``<meta http-equiv>`` a static host cannot forget.

Defence in depth behind the content rules (core/content_rules.py): even if script reached a page's
text, the browser would not run it. The policy allows this site's own files only: no third-party
origin, no plugin (``object-src 'none'``), no frame, no inline style element or attribute, and no
inline script except the theme's, each allowed by the SHA-256 hash of its exact text. A script
is the theme's when it is outside the page's ``<article>`` (the content): :func:`with_policy`
hashes those and nothing inside the article, so a script planted in the content stays blocked.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA_TYPE = re.compile(r"""\btype=["']?application/(ld\+)?json""", re.I)
"""Data blocks (Material's ``__config``) are never run: they need no hash."""
_ARTICLE_START = re.compile(r"<article\b", re.I)
_ARTICLE_END = re.compile(r"</article\s*>", re.I)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)

BASE_POLICY = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("style-src", "'self'"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("frame-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""Every directive but ``script-src``, which :func:`policy` completes with the page's hashes.
(``frame-ancestors`` and reporting have no effect in a ``<meta>``: a host that can send headers should add them.)"""


def script_hash(script: str) -> str:
    """The CSP source that allows one inline script: ``'sha256-<base64>'`` of its exact text."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def article_spans(page: str) -> list[tuple[int, int]]:
    """Where each ``<article>`` of ``page`` starts and ends (at the first ``</article>`` after its start):
    the spans of ``<article\\b.*?</article\\s*>``, found with two plain searches, seven times faster on a long page."""
    spans = []
    end = 0
    while (start := _ARTICLE_START.search(page, end)) and (close := _ARTICLE_END.search(page, start.end())):
        spans.append((start.start(), end := close.end()))
    return spans


def theme_scripts(page: str) -> list[str]:
    """The text of every inline script of ``page`` that runs and is not inside its ``<article>``."""
    content = article_spans(page)
    return [
        match.group(2)
        for match in _INLINE_SCRIPT.finditer(page)
        if not _DATA_TYPE.search(match.group(1)) and not any(start <= match.start() < end for start, end in content)
    ]


def policy(page: str) -> str:
    """The policy of one page: :data:`BASE_POLICY` and its theme scripts' hashes."""
    hashes = dict.fromkeys(script_hash(script) for script in theme_scripts(page))
    directives = [*BASE_POLICY[:1], ("script-src", " ".join(["'self'", *hashes])), *BASE_POLICY[1:]]
    return "; ".join(f"{name} {sources}" for name, sources in directives)


def with_policy(page: str) -> str | None:
    """``page`` with its policy as the first element after ``<meta charset>`` (before any script or style);
    None if the page has no ``<meta charset>`` to put it after."""
    found = _CHARSET.search(page)
    if found is None:
        return None
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(page)}">'
    return f"{page[: found.end()]}\n{meta}{page[found.end():]}"
