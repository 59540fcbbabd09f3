"""What editors' text may hold: the allow-list of Markdown fields and the rules of plain text.

Policy (README, "Content rules"): content outside the allow-list is **rejected** with the file,
line and field, never published and never silently removed. A Markdown field is rendered with the
site's Markdown extensions, then its HTML is read element by element (``html.parser``; when
Markdown stashed no raw HTML, its tree is read instead, and the HTML only if that finds something) against
:data:`ALLOWED_ATTRIBUTES`: only what Markdown itself writes (paragraphs, lists, emphasis, links,
tables, sub-headings, ``abbr``, code). Raw HTML, attribute lists ``{: … }`` (they would add
attributes), comments and links other than ``https:``, ``http:``, ``mailto:``, ``tel:`` and
site-relative ones are errors. Text that passed is safe to render; :func:`clean_html` (nh3, the
Rust Ammonia sanitiser) also holds rendered HTML to the same list where it is published directly
(the emergency banner, imported text).
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
from markdown.treeprocessors import InlineProcessor, Treeprocessor

MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "tables", "def_list", "abbr")
"""The extensions the site renders editors' text with (mkdocs.yml), without ``toc``: it adds the ids."""

SUBHEADINGS = ("h3", "h4", "h5", "h6")
"""The headings an editor's field may hold where headings are allowed (the page's own are ``h1`` and ``h2``)."""
_INLINE = {"a": {"href", "title"}, "abbr": {"title"}, "strong": set(), "em": set(), "code": set(), "br": set()}
_TABLE_CELL = {"style"}  # Markdown's tables write text-align as a style: only that is allowed (ALLOWED_STYLES)
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    **_INLINE,
    **{tag: set() for tag in ("p", "ul", "li", "blockquote", "pre", "hr", "table", "thead", "tbody", "tr", "dl", "dt", "dd")},
    **{tag: set() for tag in SUBHEADINGS},
    "ol": {"start"},
    "th": _TABLE_CELL,
    "td": _TABLE_CELL,
}
"""Every element editors' Markdown may produce, with the attributes each may carry."""
GUIDANCE_ATTRIBUTES: dict[str, set[str]] = {**ALLOWED_ATTRIBUTES, "h1": set(), "h2": set(), "div": {"class"}, "p": {"class"}}
"""Guidance pages (``docs/``) may also use page headings and admonitions (``!!! tip "…"``)."""
_ADMONITION_CLASS = re.compile(r"admonition(-title)?( [a-z-]+)*")
ALLOWED_STYLES = {"text-align"}
LINK_SCHEMES = ("https", "http", "mailto", "tel")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]")
"""Characters no text may hold: C0 and C1 controls but tab and newline, BOM, non-characters, lone surrogates."""
_COMMENT = re.compile(r"<!--(.*?-->|[^\n]*)", re.DOTALL)
"""An HTML comment, or the rest of the line of one left open."""
_ALIGN = re.compile(r"^text-align:\s*(left|right|center);?$")


@dataclass(frozen=True)
class ContentProblem:
    """One thing outside the rules, and the 0-based line of the field's text it was found on (if known)."""

    message: str
    text_line: int | None = None


def control_character(text: str) -> ContentProblem | None:
    """The first forbidden control character of ``text``, named by its code point."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    line = text.count("\n", 0, found.start())
    return ContentProblem(f"holds the control character U+{ord(found.group()):04X}; expected printable text (tab and newline are allowed)", line)


INLINE_PATTERNS = frozenset({
    "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref",
    "autolink", "automail", "linebreak", "html", "entity", "em_strong",
})
"""Python-Markdown's inline patterns (3.11) with these extensions: each starts with one of :data:`_INLINE_START`."""
_INLINE_START = re.compile(r"[`\\\[<&*_]|  \n")
"""Backtick, backslash escape, ``[`` of links, references and images, ``<`` of autolinks and HTML,
``&`` of entities, ``*`` and ``_`` of emphasis, two spaces before a line break."""


class _PlainTextLeftAsIs(InlineProcessor):
    """Python-Markdown's inline pass, but a text in which no inline pattern can start is left as it is
    without trying each pattern on it (most of an advisory's prose): the same HTML, in less time."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # InlineProcessor.__handleInline, as Python names it
        if _INLINE_START.search(data) is None:
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)  # type: ignore[misc]


def leave_plain_text_as_is(md: markdown.Markdown) -> markdown.Markdown:
    """``md`` with :class:`_PlainTextLeftAsIs` as its inline pass, if its inline patterns are the known ones
    (else a pattern may start otherwise: the stock pass stays)."""
    if {item.name for item in md.inlinePatterns._priority} <= INLINE_PATTERNS:
        md.treeprocessors.register(_PlainTextLeftAsIs(md), "inline", 20)
    return md


class _KeptTree(Treeprocessor):
    """The last pass: keeps the document's tree, for :func:`_tree_allowed`."""

    root: Any = None

    def run(self, root: Any) -> None:
        self.root = root


BLOCKS_NEEDING: dict[str, tuple[str, tuple[str, ...]]] = {
    "admonition": ("markdown.extensions.admonition.AdmonitionProcessor", ("!!!", "admonition")),
    "table": ("markdown.extensions.tables.TableProcessor", ("|",)),
    "hashheader": ("markdown.blockprocessors.HashHeaderProcessor", ("#",)),
    "setextheader": ("markdown.blockprocessors.SetextHeaderProcessor", ("=", "-")),
    "hr": ("markdown.blockprocessors.HRProcessor", ("-", "_", "*")),
    "deflist": ("markdown.extensions.def_list.DefListProcessor", (":",)),
    "quote": ("markdown.blockprocessors.BlockQuoteProcessor", (">",)),
    "abbr": ("markdown.extensions.abbr.AbbrBlockprocessor", ("*[",)),
    "reference": ("markdown.blockprocessors.ReferenceProcessor", ("]:",)),
}
"""Python-Markdown's (3.11) block processors that match no block of a text lacking all of these strings: each
pattern needs one of them (``!!!`` or an ``admonition`` sibling, a ``|`` to split a table row, ``*[`` of an
abbreviation, ``]:`` of a link reference…), and the blocks of a text are pieces of it (a stashed HTML placeholder
adds only ``\x02wzxhzdk:N\x03``). Each is tried on every block of every text (``abbr`` and ``reference`` run
their search on each): leaving out those that cannot match renders a third faster, the same HTML."""


def _unneeded_blocks(text: str) -> frozenset[str]:
    """The processors of :data:`BLOCKS_NEEDING` that can match no block of ``text``."""
    return frozenset(name for name, (_, needs) in BLOCKS_NEEDING.items() if not any(needed in text for needed in needs))


@cache
def _renderer(unneeded: frozenset[str] = frozenset()) -> markdown.Markdown:
    """The site's Markdown without the ``unneeded`` block processors (those of another class than
    :data:`BLOCKS_NEEDING` expects stay: another version may match otherwise)."""
    md = leave_plain_text_as_is(markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS)))
    blocks = md.parser.blockprocessors
    for name in unneeded:
        kind = type(blocks[name]) if name in blocks else None
        if kind is not None and f"{kind.__module__}.{kind.__qualname__}" == BLOCKS_NEEDING[name][0]:
            blocks.deregister(name)
    md.treeprocessors.register(_KeptTree(md), "travel_advice_kept_tree", -10)
    return md


def _tree_allowed(md: markdown.Markdown, allow_headings: bool, allowed: dict[str, set[str]]) -> bool:
    """Whether ``md``'s last conversion is inside the allow-list, read from its tree rather than its HTML: nothing
    was stashed (raw HTML, an entity, ``md_in_html``), every element and attribute is allowed, no value holds a
    placeholder. ``False`` means: read the HTML (:class:`_AllowListReader`), which says what and where."""
    if md.htmlStash.html_counter or md.htmlStash.tag_counter:
        return False
    root = md.treeprocessors["travel_advice_kept_tree"].root
    for element in root.iter():
        tag = element.tag
        if element is root:
            continue
        if not isinstance(tag, str) or tag not in allowed or (not allow_headings and tag in SUBHEADINGS):
            return False
        for name, value in element.items():
            if value is None or "\x02" in value or "\x03" in value or name not in allowed[tag]:
                return False
            if (name == "class" and not _ADMONITION_CLASS.fullmatch(value)) or (name == "style" and not _ALIGN.match(value.strip())):
                return False
            if name == "href" and not is_allowed_link(value):
                return False
    return True


def render(text: str) -> str:
    """Editors' Markdown as HTML, as the site renders it (before ids are added)."""
    return _converted(text)[1]


def _converted(text: str) -> tuple[markdown.Markdown, str]:
    """``text`` as HTML, and the renderer that made it (its tree and stash are this conversion's)."""
    renderer = _renderer(_unneeded_blocks(text))
    renderer.reset()
    return renderer, renderer.convert(text)


_CHECKED: dict[str, str] = {}
"""HTML of each Markdown text that passed :func:`markdown_problems`, by text without its first and last
line breaks (which change nothing in the HTML): the page reuses it (glue/generated_page.py)."""


_PASSED: dict[str, str] = {}
"""The same by text and check (:func:`_passed_key`), for every text this process passed (a build reusing an
unchanged advisory loaded earlier in the process, ``mkdocs serve``, does not check its texts again): what is kept
for the next build (:func:`passed`)."""
_KEPT: dict[str, str] = {}
"""What the last build passed (:func:`reuse_passed`): a text found here is not rendered nor checked again, its HTML
only held to the allow-list once more by nh3 (:func:`_still_allowed`), at a tenth of the cost."""


def checked_html(text: str) -> str | None:
    """The HTML :func:`render` made of ``text`` when it was checked and passed, if it was (this build)."""
    return _CHECKED.get(text.strip("\n"))


def forget_checked() -> None:
    """Drop the HTML kept by the checks (a new build checks its texts again, but those the last build passed)."""
    _CHECKED.clear()


def reuse_passed(kept: dict[str, str]) -> None:
    """Take what the last build passed (:func:`passed`, kept by glue/build_cache.py for this build)."""
    _KEPT.clear()
    _KEPT.update(kept)


def passed() -> dict[str, str]:
    """The HTML of each text this process checked and passed, by text and check: to keep for the next build."""
    return _PASSED


def _passed_key(text: str, allow_headings: bool, guidance: bool) -> str:
    """A digest of the text and of the check it passed (what it may hold): the kept file does not hold the texts."""
    return hashlib.blake2b(f"{allow_headings:d}{guidance:d}{text}".encode(), digest_size=16).hexdigest()


def _still_allowed(html: str, allow_headings: bool, allowed: dict[str, set[str]]) -> bool:
    """Whether nh3 leaves ``html`` as it is under the allow-list (``allowed``, headings below ``h2`` only with
    ``allow_headings``): kept HTML is published only so, whatever happened to the cache."""
    return _cleaned(html, allowed, allow_headings=allow_headings, link_rel=None).replace("&nbsp;", "\xa0") == html


def markdown_problems(text: str, *, allow_headings: bool = True, guidance: bool = False) -> list[ContentProblem]:
    """Everything in a Markdown field (or a ``guidance`` page) outside the allow-list, in order, each once."""
    allowed = GUIDANCE_ATTRIBUTES if guidance else ALLOWED_ATTRIBUTES
    key = _passed_key(text, allow_headings, guidance)
    kept = _KEPT.get(key)
    if kept is not None and _still_allowed(kept, allow_headings, allowed):
        _CHECKED[text.strip("\n")] = _PASSED[key] = kept
        return []
    problems = [
        ContentProblem("holds an HTML comment (<!-- … -->); expected text only: a comment would hide or swallow the text after it", text.count("\n", 0, found.start()))
        for found in _COMMENT.finditer(text)
    ]
    text = _COMMENT.sub(lambda found: "\n" * found.group().count("\n"), text)  # so what follows a comment is checked too
    renderer, rendered = _converted(text)
    if not _tree_allowed(renderer, allow_headings, allowed):
        problems += _rendered_problems(text, rendered, allow_headings, allowed)
    if not problems:
        _CHECKED[text.strip("\n")] = _PASSED[key] = rendered
    elif "<" in text:  # raw HTML may have swallowed Markdown after it: check that Markdown too
        escaped = text.replace("<", "&lt;")
        problems += _rendered_problems(escaped, render(escaped), allow_headings, allowed)
    unique: dict[str, ContentProblem] = {}
    for problem in problems:
        unique.setdefault(problem.message, problem)
    return list(unique.values())


def check_text(text: str, *, markdown: bool, allow_headings: bool = True, guidance: bool = False) -> list[ContentProblem]:
    """Everything wrong with one text: its first control character if any, else (for a ``markdown``
    field) what is outside the allow-list (:func:`markdown_problems`)."""
    control = control_character(text)
    if control is not None:
        return [control]
    return markdown_problems(text, allow_headings=allow_headings, guidance=guidance) if markdown else []


def _rendered_problems(text: str, rendered: str, allow_headings: bool, allowed: dict[str, set[str]]) -> list[ContentProblem]:
    reader = _AllowListReader(text, allow_headings, allowed)
    reader.feed(rendered)
    reader.close()
    return reader.problems + reader.unclosed()


def escape_text(text: str) -> str:
    """Plain text made safe to print as HTML, in an element or an attribute value."""
    return html.escape(text, quote=True)


_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
"""The characters Python-Markdown lets a backslash make literal (``<``, ``>`` and ``&`` are escaped as HTML)."""


def escape_markdown(text: str) -> str:
    """Plain text made literal where Markdown reads it (a heading): every special character backslash-escaped."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def is_allowed_link(url: str) -> bool:
    """``https:``, ``http:``, ``mailto:``, ``tel:`` or a link inside the site (no scheme, no host)."""
    cleaned = "".join(url.split())  # browsers ignore blanks and newlines inside a scheme
    parts = urlsplit(cleaned)
    if parts.scheme:
        return parts.scheme.lower() in LINK_SCHEMES
    return not cleaned.startswith("//") and not cleaned.startswith("\\")


def clean_html(html: str) -> str:
    """``html`` held to the allow-list by nh3 (what is outside it is removed)."""
    return _cleaned(html, ALLOWED_ATTRIBUTES, allow_headings=True, link_rel="noopener noreferrer")


def _cleaned(html: str, allowed: dict[str, set[str]], *, allow_headings: bool, link_rel: str | None) -> str:
    """``html`` held to ``allowed`` by nh3 (sub-headings too with ``allow_headings``), links given ``link_rel``."""
    tags = {tag for tag in allowed if allow_headings or tag not in SUBHEADINGS}
    return nh3.clean(
        html,
        tags=tags,
        attributes={tag: attributes for tag, attributes in allowed.items() if attributes and tag in tags},
        url_schemes=set(LINK_SCHEMES),
        filter_style_properties=ALLOWED_STYLES,
        link_rel=link_rel,
        strip_comments=True,
    )


_MARKDOWN_SOURCE = {"h1": "# ", "h2": "## ", "img": "!["}
"""What Markdown writes for an element the allow-list refuses (to find its line)."""


class _AllowListReader(HTMLParser):
    """Reads rendered HTML and notes every element, attribute or link outside the allow-list."""

    _VOID = frozenset({"br", "hr"})

    def __init__(self, source: str, allow_headings: bool, allowed: dict[str, set[str]]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.source_lines = source.splitlines()
        self.allow_headings = allow_headings
        self.problems: list[ContentProblem] = []
        self.open: list[str] = []

    def _line_of(self, needle: str) -> int | None:
        if needle.startswith("#"):  # a heading: the first line starting with exactly that many #
            heading = re.compile(rf"\s*{needle.strip()}(\s|$)")
            return next((i for i, line in enumerate(self.source_lines) if heading.match(line)), None)
        return _first_line("\n".join(self.source_lines), needle)

    def _add(self, message: str, needle: str) -> None:
        self.problems.append(ContentProblem(message, self._line_of(needle)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        allowed = self.allowed.get(tag)
        if allowed is None or (not self.allow_headings and tag in SUBHEADINGS):
            self._add(_tag_message(tag), _MARKDOWN_SOURCE.get(tag, f"<{tag}"))
        else:
            for name, value in attrs:
                self._check_attribute(tag, name, value or "")
        if tag not in self._VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self._VOID and self.open and self.open[-1] == tag:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in self._VOID:
            return
        if tag in self.open:
            while self.open and self.open[-1] != tag:
                self._add(f"<{self.open.pop()}> is not closed; expected a matching closing tag", "<")
            self.open.pop()
        else:
            self._add(f"</{tag}> closes an element that was not opened; expected matching HTML tags (better: Markdown)", f"</{tag}")

    def handle_comment(self, data: str) -> None:
        self._add("holds an HTML comment (<!-- … -->); expected text only: comments would be published in the page source", "<!--")

    def handle_decl(self, decl: str) -> None:
        self._add(f"holds an HTML declaration <!{decl[:20]}>; expected Markdown", "<!")

    def handle_pi(self, data: str) -> None:
        self._add("holds an HTML processing instruction (<? … >); expected Markdown", "<?")

    def unknown_decl(self, data: str) -> None:
        self._add("holds an HTML declaration (<![ … ]>); expected Markdown", "<![")

    def unclosed(self) -> list[ContentProblem]:
        problems = [ContentProblem(f"<{tag}> is not closed; expected a matching closing tag", self._line_of(f"<{tag}")) for tag in self.open]
        if self.rawdata.strip():  # text the parser could not finish: an unclosed comment or tag
            problems.append(ContentProblem("holds an unfinished HTML tag or comment; expected Markdown", self._line_of("<")))
        return problems

    def _check_attribute(self, tag: str, name: str, value: str) -> None:
        if name not in self.allowed[tag] or (name == "class" and not _ADMONITION_CLASS.fullmatch(value)):
            self._add(
                f"the attribute '{name}' on <{tag}> is not allowed; expected plain Markdown "
                "(raw HTML and attribute lists {: … } are not available in advisory text)",
                name,
            )
        elif name == "style" and not _ALIGN.match(value.strip()):
            self._add(f"the style '{value}' on <{tag}> is not allowed; expected Markdown table alignment only", "style")
        elif name == "href" and not is_allowed_link(value):
            self._add(f"the link '{value[:60]}' is not allowed; expected an https:, http:, mailto: or tel: address, or a page of this site", value[:20])


def _first_line(text: str, needle: str) -> int | None:
    """0-based line of the first line of ``text`` holding ``needle``, in the same case if any, else in any case."""
    lines = text.splitlines()
    exact = next((i for i, line in enumerate(lines) if needle in line), None)
    return exact if exact is not None else next((i for i, line in enumerate(lines) if needle.lower() in line.lower()), None)


def _tag_message(tag: str) -> str:
    if tag in ("h1", "h2"):
        return f"<{tag}> (a '{'#' * int(tag[1])}' heading) is not allowed here; expected sub-headings starting at '###' (the page writes the section headings)"
    if tag == "img":
        return "images are not allowed; expected text and links"
    return f"<{tag}> is not allowed; expected Markdown: paragraphs, lists, emphasis, links, tables, '###' sub-headings, abbreviations, code"
