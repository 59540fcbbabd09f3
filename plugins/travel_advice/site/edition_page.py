"""Archived edition pages, made outside MkDocs: an edition never changes once published.

Each edition of each advisory has a page of its own (``destinations/mx/history/2026-09-16/``); at
250 destinations with 20 editions that is 10,000 pages, too many for MkDocs and Material's page
pipeline (about 14 ms each). Each is the destination template's Markdown (site/destination_page.py)
with its headings and editors' fields rendered by Python-Markdown once per distinct text (most
sections do not change from one edition to the next), the rest being HTML already, set in a light
page of ours (``templates/edition.html.j2``): the site's stylesheets, a header with the site's name
and a link to the same edition in each other language, the archived notice, ``noindex`` and the
site's Content-Security-Policy. They are not MkDocs pages, so neither search nor the sitemap lists them.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial

from travel_advice.core.content_rules import clean_html, render
from travel_advice.core.history import Edition, History
from travel_advice.core.model import EmergencyContact
from travel_advice.core.words import COLON, format_day, label
from travel_advice.site import content_security, html_passes, offline
from travel_advice.site.destination_page import MARKDOWN_END, MARKDOWN_START, Archived, environment, render_destination
from travel_advice.site.head_tags import language_links
from travel_advice.site.help_links import feedback_links, help_lines, language_name
from travel_advice.site.layout import DestinationView
from travel_advice.site.page_context import SiteInfo
from travel_advice.site.withdrawn import withdrawn_views


@dataclass(frozen=True)
class EditionShell:
    """What every edition page of a language shares: the site's name and look, from the glue."""

    site: SiteInfo
    stylesheets: tuple[str, ...]
    """Site paths of the stylesheets every page links (the theme's, then the site's own)."""
    favicon: str | None = None
    colours: Mapping[str, str] = field(default_factory=dict)
    """The theme's colour attributes of ``<body>`` (``data-md-color-primary``: ``indigo``)."""
    copyright: str | None = None


@dataclass(frozen=True)
class EditionFile:
    """One edition page to write: its site path, what it is made from, and how to make it."""

    path: str
    key: str | None
    """SHA-256 of everything its HTML is made from but the code (the edition's file as committed, its
    address and withdrawal, the current page's address, the site's name, addresses and look), or None
    when the edition has no git blob. With the same code, the same key gives the same HTML: a build
    may reuse the page an earlier build made."""
    make: Callable[[], str]


def edition_files(shell: EditionShell, emergency: EmergencyContact | None, history: History) -> Iterator[EditionFile]:
    """Every edition page of the shell's language (``fr/destinations/mx/history/2026-09-16/index.html``)."""
    texts, site = _Texts(), shell.site
    shared = _shared_inputs(shell, emergency)
    withdrawn = withdrawn_views(history, site.views, site.lang, site.layout, site.urls)
    for view in [*site.views.values(), *(item.view for item in withdrawn.values())]:
        editions = history.of(view.advisory.code)
        urls = site.layout.edition_links(view.advisory, (e.address for e in editions), partial(site.urls.page_url, view.lang))
        for edition in editions:
            yield edition_file(shell, view, edition, urls[edition.address], emergency, texts, shared)


def _shared_inputs(shell: EditionShell, emergency: EmergencyContact | None) -> str:
    """A digest of what every edition page of the shell's language is made from but its own edition and address: the
    site's name, addresses, look, help lines and feedback target (the URLs' scheme through a sample of them)."""
    site, sample = shell.site, "destinations/x/history/2000-01-01/"
    urls = [(lang, site.urls.language_folder(lang), site.urls.page_url(lang, sample)) for lang in site.languages]
    made_of = repr((shell.stylesheets, shell.favicon, sorted(shell.colours.items()), shell.copyright, site.lang, site.default_language, urls,
                    site.urls.absolute_url(sample), site.site_name, site.site_url, site.example_content, site.emergency, site.feedback,
                    site.offline, site.layout, site.site_feeds, emergency))
    return hashlib.sha256(made_of.encode("utf-8")).hexdigest()


def edition_file(
    shell: EditionShell, view: DestinationView, edition: Edition, url: str, emergency: EmergencyContact | None, texts: _Texts, shared: str
) -> EditionFile:
    """One edition's page in the language of ``view``, at ``url`` (from the site root), not yet rendered; ``shared``: what
    all pages of the language are made from."""
    src = shell.site.layout.edition(view.advisory, edition.address)
    made_of = repr((edition.blob, edition.address, edition.withdrawn, view.advisory.code, view.page, shared))
    key = hashlib.sha256(made_of.encode("utf-8")).hexdigest() if edition.blob else None
    return EditionFile(url + "index.html" if url.endswith("/") or not url else url, key, lambda: _edition_html(shell, view, edition, src, emergency, texts))


def _edition_html(shell: EditionShell, view: DestinationView, edition: Edition, src: str, emergency: EmergencyContact | None, texts: _Texts) -> str:
    """The HTML of one edition's page in the language of ``view``, whose source path is ``src``."""
    site, lang, advisory = shell.site, view.lang, edition.advisory
    layout, urls = site.layout, site.urls
    archived = Archived(edition.day, urls.relative_url(src, view.page), urls.relative_url(src, layout.history(view.advisory)), edition.withdrawn)
    versions = {other: urls.page_url(other, src) for other in site.languages}
    url = versions[lang]
    here = posixpath.dirname(url)
    title = label("archived_title", lang, name=advisory.name[lang], day=format_day(edition.day, lang))
    markdown = render_destination(advisory, lang, emergency, archived=archived)
    page = environment().get_template("edition.html.j2").render(
        lang=lang,
        site_name=site.site_name,
        title=title,
        description=advisory.summary[lang],
        canonical=urls.absolute_url(url),
        alternates=language_links(versions, site.site_url, site.default_language),
        feeds=site.site_feeds,
        help_lines=help_lines(None, site.emergency, lang),  # today's 24/7 line: an old edition's contacts may be out of date
        help_label=label("help_now", lang),
        colon=COLON[lang],
        feedback=feedback_links(site.feedback, title, urls.absolute_url(url), lang),
        feedback_prompt=label("feedback_prompt", lang),
        stylesheets=[_relative(path, here) for path in shell.stylesheets],
        favicon=shell.favicon and _relative(shell.favicon, here),
        manifest=site.offline and _relative(urls.language_folder(lang) + offline.MANIFEST, here),
        theme_colour=offline.THEME_COLOUR,
        colours=shell.colours,
        home=_relative(urls.language_folder(lang), here),
        languages=[(other, language_name(other)[:1].upper() + language_name(other)[1:], _relative(versions[other], here)) for other in site.languages if other != lang],
        example_notice=label("example_notice", lang) if site.example_content else None,
        body=texts.body(markdown),
        copyright=shell.copyright,
    )
    secured = content_security.with_policy(html_passes.collapse_whitespace(page))
    assert secured is not None  # the template starts with <meta charset>
    return secured


def _relative(path: str, here: str) -> str:
    """Link from a page in the site folder ``here`` to the site path ``path`` (a folder when it ends with ``/``)."""
    link = posixpath.relpath(path or ".", here or ".")
    return link + "/" if (not path or path.endswith("/")) and not link.endswith("/") else link


class _Texts:
    """The Markdown of a destination page as HTML, each heading and editors' field rendered once per distinct text."""

    def __init__(self) -> None:
        self.headings: dict[str, str] = {}
        self.fields: dict[str, str] = {}

    def body(self, markdown: str) -> str:
        """The page's content: front matter dropped, headings and fields through Markdown, the rest as written."""
        lines = html_passes.drop_search_markers(markdown.split("\n---\n", 1)[1]).split("\n")
        out: list[str] = []
        field: list[str] | None = None
        for line in lines:
            if line == MARKDOWN_START:
                field = []
            elif line == MARKDOWN_END and field is not None:
                out.append(self.field("\n".join(field)))
                field = None
            elif field is not None:
                field.append(line)
            else:
                out.append(self.heading(line) if line.startswith("#") else line)
        return "\n".join(out)

    def heading(self, line: str) -> str:
        """A heading of the template (its text escaped, its id set by ``attr_list``)."""
        if line not in self.headings:
            self.headings[line] = render(line)
        return self.headings[line]

    def field(self, text: str) -> str:
        """An editor's field, held to the allow-list: an old version in git was never checked by today's build."""
        if text not in self.fields:
            self.fields[text] = clean_html(render(text))
        return self.fields[text]
