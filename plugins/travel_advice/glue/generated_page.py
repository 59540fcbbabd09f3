"""Generated pages rendered with their HTML parsed once: only headings and editors' Markdown go through Markdown.

A generated page (site/pages.py) is mostly HTML that our templates already made: tables, badges,
lists. MkDocs would hand all of it to Python-Markdown, whose ``md_in_html`` parses every HTML block
again, then its inline patterns and ``toc`` walk the result. :class:`GeneratedPage` renders the
page like ``Page.render`` with one more preprocessor: each run of generated HTML between headings
goes straight into Markdown's stash (written out as is, the way ``md_in_html`` writes an HTML block
without ``markdown`` attribute), so only the heading lines and the editors' fields, which the
templates mark with :data:`MARKDOWN_START` / :data:`MARKDOWN_END`, are parsed. Headings stay Markdown,
so the table of contents, heading ids and permalinks are made exactly as before.

An editor's field was rendered once already, when its content rules were checked
(``content_rules.checked_html``): its HTML between headings is stashed as well and only its
heading lines are parsed, unless Markdown would make something else of the field within the
page: a link MkDocs rewrites (anything but an ``https:``, ``http:``, ``mailto:`` or ``tel:``
address), a ``[TOC]`` marker, a fenced block, a heading inside a list or quote, or a reference
or abbreviation definition, which applies to the whole page (then no field of it is reused).
What remains, headings and the stash's placeholders, skips the inline patterns where none can
start (``content_rules.leave_plain_text_as_is``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Literal

import markdown
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from travel_advice.core.content_rules import checked_html, leave_plain_text_as_is
from travel_advice.glue import direct_page
from travel_advice.site.destination_page import MARKDOWN_END, MARKDOWN_START

_ID_NAME = re.compile("id=")
_ID_VALUE = re.compile(r"""["']([^"']+)["']""")
"""An ``id`` attribute is its name after a blank, then this: found from the name, whose literal start the search skips to in C
(4x one pattern led by ``\\s``)."""
_HEADING = re.compile(r"<h([1-6])>.*?</h\1>", re.S)
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)[^>]*?(/?)>")
_VOID = frozenset({"br", "hr"})
_PAGE_WIDE = re.compile(r"^(?: {0,3}\[|\*\[)[^\]\n]*\] ?:", re.M)
"""A reference or abbreviation definition: Markdown applies it to the whole page."""
_NOT_NORMAL_CHARACTERS = "\x02\x03\r\t"
_BLANK_LINE = re.compile("\n +\n")
"""What Markdown's ``NormalizeWhitespace`` changes (3.11: ``STX``, ``ETX``, carriage returns, tabs, a line of blanks after another),
looked for one by one: each a search in C, 13x one pattern of all (whose alternation tries every character)."""
_REWRITTEN = re.compile(r"""href="(?!(?:https?|mailto|tel):)|\[TOC\]""", re.I)
"""What the page's Markdown makes differently from the check's: a link MkDocs rewrites, the toc marker."""
_log = logging.getLogger("mkdocs.structure.pages")


class GeneratedPage(Page):
    """A page of ours: Markdown only where the template marks it (headings, editors' fields), or none at all
    when its headings are plain (glue/direct_page.py)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` (MkDocs 1.6) with the generated HTML stashed before Markdown parses anything."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md, follows = _markdown(config)
        blocks = _blocks(_normalized_lines(self.markdown, md))
        parts = direct_page.parts(blocks) if follows else None
        direct = direct_page.render_direct(parts, md) if parts is not None else None
        if direct is not None:
            self.content, self.toc, self._title_from_render = direct.html, get_toc(direct.toc_tokens), direct.title
            self.present_anchor_ids = direct.anchor_ids | _html_ids(blocks)
            if _log.getEffectiveLevel() > logging.DEBUG:
                self.links_to_anchors = {self.file: direct.self_links} if direct.self_links else {}
            return
        stash = _StashGeneratedHtml(md, blocks)
        md.preprocessors.register(stash, "travel_advice_generated_html", priority=27)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        links = _RelativePathTreeprocessor(self.file, files, config)
        links._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | _html_ids(blocks)
        if _log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links.links_to_anchors


_MARKDOWN: dict[str, tuple[markdown.Markdown, bool]] = {}


def _markdown(config: MkDocsConfig) -> tuple[markdown.Markdown, bool]:
    """One Markdown instance per set of extensions and their options (per language: the permalinks' title),
    reset for each page, instead of a new one loading every extension again; the page's own processors replace
    the last page's. With it, whether its processors are those glue/direct_page.py follows."""
    key = repr((config["markdown_extensions"], config["mdx_configs"]))
    if key not in _MARKDOWN:
        md = leave_plain_text_as_is(markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {}))
        _MARKDOWN[key] = md, direct_page.follows(md)
    md, follows = _MARKDOWN[key]
    md.reset()
    return md, follows


def _normalized_lines(text: str, md: markdown.Markdown) -> list[str]:
    """The lines of ``text`` as Markdown's first preprocessor (``NormalizeWhitespace``, priority 30) leaves them:
    when ``text`` holds nothing it changes (Markdown's markers, a carriage return, a tab, a line of blanks),
    its lines and the two empty ones it adds, found at a thirtieth of the cost (its lookbehind on every character)."""
    normalizer = md.preprocessors["normalize_whitespace"]
    if type(normalizer) is NormalizeWhitespace and not any(c in text for c in _NOT_NORMAL_CHARACTERS) and not _BLANK_LINE.search(text + "\n"):
        return (text + "\n\n").split("\n")
    return normalizer.run(text.split("\n"))


Block = tuple[Literal["html", "field", "heading", "line"], str]
"""A piece of a generated page: a run of generated HTML, a part of an editor's field as HTML checked already, a
heading line of such a field, or a line for Markdown to parse (the template's headings, a field not reused)."""


def _blocks(lines: list[str]) -> list[Block]:
    """The page's lines as blocks: generated HTML between headings and fields, fields as their checked HTML where
    Markdown would make the same of them on this page (:func:`_checked`), else as their lines."""
    out: list[Block] = []
    html: list[str] = []
    field: list[str] | None = None
    fields: list[tuple[int, list[str]]] = []

    def flush() -> None:
        if block := "\n".join(html).strip():
            out.append(("html", block))
        html.clear()

    for line in lines:
        if line == MARKDOWN_START or line == MARKDOWN_END:
            flush()
            if field is not None:
                fields.append((len(out), field))
            field = [] if line == MARKDOWN_START else None
        elif field is not None:
            field.append(line)
        elif line.startswith("#"):
            flush()
            out.append(("line", line))
        else:
            html.append(line)
    flush()
    if field is not None:
        fields.append((len(out), field))
    reuse = not any(_PAGE_WIDE.search("\n".join(source)) for _, source in fields)
    for at, source in reversed(fields):
        out[at:at] = (_checked(source) if reuse else None) or [("line", line) for line in source]
    while out and out[-1] == ("line", ""):
        out.pop()  # a last block ending with a line break would not be taken for the stashed HTML alone
    return out


def _checked(lines: list[str]) -> list[Block] | None:
    """An editor's field as its checked HTML between its heading lines, if Markdown would make the same of it here."""
    rendered = checked_html("\n".join(lines).strip("\n"))
    if rendered is None or _REWRITTEN.search(rendered):
        return None
    headings = [line for line in lines if line.startswith("#")]
    found = list(_HEADING.finditer(rendered))
    if [min(len(h) - len(h.lstrip("#")), 6) for h in headings] != [int(m.group(1)) for m in found]:
        return None
    parts = [rendered[start:end] for start, end in zip([0] + [m.end() for m in found], [m.start() for m in found] + [len(rendered)], strict=True)]
    if not all(map(_balanced, parts)):
        return None  # a heading inside a list or a quote
    out: list[Block] = []
    for part, heading in zip(parts, [*headings, None], strict=True):
        if block := part.strip():
            out.append(("field", block))
        if heading:
            out.append(("heading", heading))
    return out


def _html_ids(blocks: list[Block]) -> set[str]:
    """The ids in the page's generated HTML (not the fields'), which Markdown's tree does not see."""
    return {found for kind, text in blocks if kind == "html" for found in _ids(text)}


def _ids(html: str) -> Iterator[str]:
    """The values of ``\\sid=["']([^"']+)["']`` in ``html``, matched left to right without overlapping, as ``re.findall`` would."""
    end = 0
    for name in _ID_NAME.finditer(html):
        start = name.start()
        if start > end and html[start - 1].isspace() and (value := _ID_VALUE.match(html, name.end())):
            end = value.end()
            yield value.group(1)


class _StashGeneratedHtml(Preprocessor):
    """Priority 27, after whitespace is normalised (30), before fenced code (25) and MkDocs' and ``md_in_html``'s HTML
    passes (21, 20): the page's lines replaced by its blocks (:func:`_blocks`), each block of HTML in Markdown's stash."""

    def __init__(self, md: markdown.Markdown, blocks: list[Block]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for kind, text in self.blocks:
            if kind in ("html", "field"):
                out.extend(("", self.md.htmlStash.store(text), ""))
            elif kind == "heading":
                out.extend(("", text, ""))
            else:
                out.append(text)
        while out and not out[-1]:
            out.pop()
        return out


def _balanced(html: str) -> bool:
    """Whether every element opened in ``html`` is closed in it, and none closed that it did not open."""
    open_tags: list[str] = []
    for closing, tag, self_closing in _TAG.findall(html):
        if tag in _VOID or self_closing:
            continue
        if not closing:
            open_tags.append(tag)
        elif not open_tags or open_tags.pop() != tag:
            return False
    return not open_tags
