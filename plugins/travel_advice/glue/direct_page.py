"""A generated page's HTML made without running Python-Markdown, where its Markdown holds nothing but plain headings.

A generated page (glue/generated_page.py) is HTML between heading lines, and editors' fields whose HTML
was made when they were checked. What Markdown still did for such a page was the headings: their ids
(``attr_list``'s ``{: #id }`` or ``toc``'s slug, made unique), their permalinks and the table of
contents, at about 5 ms a page (the tree, its serialisation, ``toc``'s own HTML and the postprocessors
run over it). :func:`render_direct` makes the same from the lines, as Python-Markdown 3.11's ``toc``
(``TocTreeprocessor.run``) and ``attr_list`` do, when every heading is plain text (no character an
inline pattern, an entity or the serialiser would act on) and the ``toc`` options are the ones it
knows; else it returns None and the page goes through Markdown. ``tests/test_direct_page.py`` holds it
to Markdown's output for every generated page of the shipped site and of a synthetic one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import markdown
from markdown.extensions.toc import TocTreeprocessor, nest_toc_tokens, unique
from markdown.serializers import _escape_attrib_html  # type: ignore[attr-defined]

MARKDOWN_VERSIONS = ("3.11.",)
"""Python-Markdown versions whose ``toc`` and ``attr_list`` this module follows (tests/test_direct_page.py)."""
KNOWN_PROCESSORS = {
    "preprocessors": {"normalize_whitespace", "fenced_code_block", "html_block"},
    "treeprocessors": {"inline", "prettify", "attr_list", "toc", "unescape"},
    "postprocessors": {"raw_html", "amp_substitute"},
}
"""Markdown's processors with MkDocs' default extensions and this site's (``toc``, ``tables``, ``fenced_code``,
``attr_list``, ``md_in_html``, ``admonition``, ``def_list``): none acts on a plain heading but ``attr_list`` and ``toc``."""
_HEADING = re.compile(r"(#{1,6})((?:\\.|[^\\])*?)#*")
"""Python-Markdown's hash heading (``HashHeaderProcessor``), on one whole line."""
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
"""A backslash escape of a character that then stands for itself (``escape_markdown`` writes them in names)."""
_ATTRIBUTES = re.compile(r"[ ]+\{:?([^}\n]*)\}[ ]*$")
"""``attr_list``'s list at the end of a heading (``HEADER_RE``)."""
_ATTRIBUTE = re.compile(r"#([\w:-]+)|([a-zA-Z][\w-]*)")
"""An ``#id`` or a bare ``word`` of the list, the only kinds handled here."""
_NOT_PLAIN = re.compile(r"[`\\\[\]<>&*_{}]")
"""What an inline pattern, an entity, ``attr_list`` or the serialiser could act on, in a heading's text."""
_TAG = re.compile(r"^</?([^ >]+)")


@dataclass(frozen=True)
class DirectPage:
    """What :meth:`GeneratedPage.render` takes from Markdown: the HTML, the toc tokens, the title, the ids, the self-links."""

    html: str
    toc_tokens: list[dict[str, object]]
    title: str | None
    anchor_ids: set[str]
    self_links: dict[str, str]


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    attributes: tuple[tuple[str, str | None], ...]
    """``attr_list``'s, in order: ``("id", "safety")``, a bare word with no value (``("data-pagefind-ignore", None)``)."""


def follows(md: markdown.Markdown) -> bool:
    """Whether ``md`` (before a page's own processors are added) runs only the processors this module follows."""
    registered = {registry: {item.name for item in getattr(md, registry)._priority} for registry in KNOWN_PROCESSORS}
    return markdown.__version__.startswith(MARKDOWN_VERSIONS) and all(registered[name] <= KNOWN_PROCESSORS[name] for name in KNOWN_PROCESSORS)


def parts(blocks: Iterable[tuple[str, str]]) -> list[str | _Heading] | None:
    """A page's blocks (glue/generated_page.py) as HTML and headings, or None if a line is not a plain heading."""
    out: list[str | _Heading] = []
    for kind, text in blocks:
        if kind in ("html", "field"):
            out.append(text)
        elif (found := heading(text)) is not None:
            out.append(found)
        else:
            return None
    return out


def render_direct(parts: list[str | _Heading], md: markdown.Markdown) -> DirectPage | None:
    """The page made of ``parts`` (HTML blocks and headings, from :func:`heading`) as Markdown would make it, or None
    when ``md``'s ``toc`` has options this does not follow."""
    toc = md.treeprocessors["toc"] if "toc" in md.treeprocessors else None
    if not isinstance(toc, TocTreeprocessor) or not _plain_toc(toc):
        return None
    headings = [part for part in parts if isinstance(part, _Heading)]
    # attr_list's ids; ``unique`` adds each one it makes: every heading's id once the loop is done
    used = {value for heading in headings for name, value in heading.attributes if name == "id" and value}
    counters: dict[str, int] = {}
    tokens: list[dict[str, object]] = []
    out: list[str] = []
    self_links: dict[str, str] = {}
    for part in parts:
        if isinstance(part, str):
            out.append(part if _block_level(part, md) else f"<p>{part}</p>")
            continue
        attributes = dict(part.attributes)
        anchor = attributes.get("id") or unique(toc.slugify(part.text, toc.sep), used, counters)
        attributes["id"] = anchor
        if toc.toc_top <= part.level <= toc.toc_bottom:
            tokens.append({"level": part.level, "id": anchor, "name": part.text, "html": part.text, "data-toc-label": ""})
        attrs = "".join(f" {name}" if value is None else f' {name}="{_escape_attrib_html(value)}"' for name, value in sorted(attributes.items()))
        link = ""
        if toc.use_permalinks not in (False, None):
            symbol = "&para;" if toc.use_permalinks is True else toc.use_permalinks
            title = f' title="{_escape_attrib_html(toc.permalink_title)}"' if toc.permalink_title else ""
            link = f'<a class="{_escape_attrib_html(toc.permalink_class)}" href="#{_escape_attrib_html(anchor)}"{title}>{symbol}</a>'
            self_links.setdefault(anchor, f"#{anchor}")
        out.append(f"<h{part.level}{attrs}>{part.text}{link}</h{part.level}>")
    first = parts[0] if parts else None
    title = first.text if isinstance(first, _Heading) and first.level == 1 else None
    return DirectPage("\n".join(out), nest_toc_tokens(tokens), title, used, self_links)


def heading(line: str) -> _Heading | None:
    """The heading of one Markdown line, if it is one this module makes as Markdown would (plain text, backslash
    escapes of Markdown's characters, ``{: #id word }``), its text as the page shows it."""
    found = _HEADING.fullmatch(line)
    if found is None:
        return None
    text, attributes = found.group(2), ()
    listed = _ATTRIBUTES.search(text)
    if listed is not None:
        text = text[: listed.start()]
        pairs = _ATTRIBUTE.findall(listed.group(1))
        if "".join(f"#{i}" if i else w for i, w in pairs) != "".join(listed.group(1).split()):
            return None  # a class, a key=value, a quote: not handled here
        attributes = tuple(("id", i) if i else (w, None) for i, w in pairs)
    text = text.strip()
    if not text or _NOT_PLAIN.search(_ESCAPE.sub("x", text)) or text.startswith("#"):
        return None
    return _Heading(len(found.group(1)), _ESCAPE.sub(r"\1", text), attributes)


def _plain_toc(toc: TocTreeprocessor) -> bool:
    """Whether ``toc``'s options are those :func:`render_direct` follows."""
    return toc.base_level == 0 and not toc.use_anchors and not toc.permalink_leading and toc.toc_top == 1


def _block_level(html: str, md: markdown.Markdown) -> bool:
    """Whether ``html`` starts with a block-level tag (``RawHtmlPostprocessor.isblocklevel``): else Markdown wraps it in ``<p>``."""
    found = _TAG.match(html)
    return found is not None and (found.group(1)[0] in "!?@%" or md.is_block_level(found.group(1)))
