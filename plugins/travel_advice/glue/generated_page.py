"""Generated pages rendered with their HTML parsed once: only headings and editors' Markdown go through Markdown.

A generated page (site/pages.py) is mostly HTML that our templates already made: tables, badges,
lists. MkDocs would hand all of it to Python-Markdown, whose ``md_in_html`` parses every HTML block
again, then its inline patterns and ``toc`` walk the result. :class:`GeneratedPage` renders the
page like ``Page.render`` with one more preprocessor: each run of generated HTML between headings
goes straight into Markdown's stash (written out as is, the way ``md_in_html`` writes an HTML block
without ``markdown`` attribute), so only the heading lines and the editors' fields, which the
templates mark with :data:`MARKDOWN_START` / :data:`MARKDOWN_END`, are parsed. Headings stay Markdown,
so the table of contents, heading ids and permalinks are made exactly as before.
"""

from __future__ import annotations

import logging
import re

import markdown
from markdown.preprocessors import Preprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import (
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.structure.toc import get_toc

from travel_advice.site.destination_page import MARKDOWN_END, MARKDOWN_START

_ID = re.compile(r"""\sid=["']([^"']+)["']""")
_log = logging.getLogger("mkdocs.structure.pages")


class GeneratedPage(Page):
    """A page of ours: Markdown only where the template marks it (headings, editors' fields)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        """``Page.render`` (MkDocs 1.6) with the generated HTML stashed before Markdown parses anything."""
        if self.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        stash = _StashGeneratedHtml(md)
        md.preprocessors.register(stash, "travel_advice_generated_html", priority=25)
        anchors = _ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        links = _RelativePathTreeprocessor(self.file, files, config)
        links._register(md)
        title = _ExtractTitleTreeprocessor()
        title._register(md)
        self.content = md.convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = title.title
        self.present_anchor_ids = anchors.present_anchor_ids | stash.anchor_ids
        if _log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = links.links_to_anchors


class _StashGeneratedHtml(Preprocessor):
    """Priority 25, after whitespace is normalised (30), before MkDocs' and ``md_in_html``'s HTML passes (21, 20)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.anchor_ids: set[str] = set()

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        html: list[str] = []
        in_markdown = False
        for line in lines:
            if line == MARKDOWN_START or line == MARKDOWN_END:
                self._flush(html, out)
                in_markdown = line == MARKDOWN_START
            elif in_markdown or line.startswith("#"):
                self._flush(html, out)
                out.append(line)
            else:
                html.append(line)
        self._flush(html, out)
        while out and not out[-1]:
            out.pop()  # a last block ending with a line break would not be taken for the stashed HTML alone
        return out

    def _flush(self, html: list[str], out: list[str]) -> None:
        block = "\n".join(html).strip()
        html.clear()
        if block:
            self.anchor_ids.update(_ID.findall(block))
            out.extend(("", self.md.htmlStash.store(block), ""))
