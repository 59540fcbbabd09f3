"""Everything that touches mkdocs-static-i18n internals (pinned at 1.3.1), in one place.

static-i18n builds the default language, then re-runs the whole MkDocs build for each other
language from its ``on_post_build``. It rebuilds File objects in its ``on_files`` (priority
-100), so generated pages must be added after it, carrying the attributes its language
selector and sitemap read: ``locale``, ``alternates``, ``locale_alternate_of``,
``localization`` and ``norm_src_uri``.

For the plain-Python core it also turns MkDocs objects into plain values: :class:`MkDocsUrls`
(the URLs of the build, see ``site/layout.py``) and :func:`page_info` (a page, see ``site/page_context.py``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from travel_advice.core.model import LANGUAGES, Advisory, Lang
from travel_advice.glue import upstream
from travel_advice.glue.generated_page import GeneratedPage
from travel_advice.glue.preview import AdvisoryPage
from travel_advice.site.head_tags import absolute
from travel_advice.site.page_context import PageInfo

PLUGIN_NAME = "i18n"


def _plugin(config: MkDocsConfig) -> Any | None:
    return config.plugins.get(PLUGIN_NAME)


def current_language(config: MkDocsConfig) -> Lang:
    """The language being built now."""
    plugin = _plugin(config)
    language = (plugin.current_language if plugin else None) or default_language(config)
    return language  # type: ignore[return-value]


def default_language(config: MkDocsConfig) -> Lang:
    """The language served at the site root."""
    plugin = _plugin(config)
    return plugin.default_language if plugin else "en"  # type: ignore[return-value]


def build_languages(config: MkDocsConfig) -> list[Lang]:
    """Languages built, default first; only those the advisories are written in."""
    plugin = _plugin(config)
    built = plugin.build_languages if plugin else ["en"]
    return [lang for lang in built if lang in LANGUAGES]


def is_repeat_build(config: MkDocsConfig) -> bool:
    """True while static-i18n rebuilds the site for a further language."""
    plugin = _plugin(config)
    return bool(plugin and plugin.building)


def write_404_in_every_language(config: MkDocsConfig) -> None:
    """Render the theme's 404.html in every language build.

    Every language build renders it to the site root; :func:`not_found_path` says where the page of
    a further language goes instead (``fr/404.html``), so that the English one is not overwritten.
    """
    config.theme.static_templates.add("404.html")


def not_found_path(config: MkDocsConfig) -> str | None:
    """Where the 404 page of the language being built goes, when not at the root: ``fr/404.html``."""
    lang = current_language(config)
    return None if lang == default_language(config) else f"{language_prefix(config, lang)}404.html"


def skip_merged_search_index(config: MkDocsConfig) -> None:
    """Spare static-i18n's merged search index: each language gets its own (glue/search.py).

    At the end of its last language build, static-i18n 1.3.1 merges the search entries of every
    language, removes duplicates by comparing every default-language entry with every
    other-language one (growing with the square of the number of pages), and writes the result
    to ``search/search_index.json``, a lunr index the site does not use (glue/search.py). The merge is
    skipped: the site is the same.
    """
    plugin = _plugin(config)
    if plugin is None:
        return
    if not hasattr(plugin, "reconfigure_search_index"):
        upstream.missed("i18n-search-merge", PLUGIN_NAME, "mkdocs-static-i18n has no 'reconfigure_search_index' to skip; its merged index is made, then replaced")
    plugin.reconfigure_search_index = lambda config: None


def language_prefix(config: MkDocsConfig, lang: Lang) -> str:
    """Folder of a language in the site: '' for the default one, 'fr/' for French."""
    return "" if lang == default_language(config) else f"{lang}/"


def _dest_uri(config: MkDocsConfig, lang: Lang, src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    if config.use_directory_urls:
        stem = stem.removesuffix("index").rstrip("/")
        return f"{language_prefix(config, lang)}{stem + '/' if stem else ''}index.html"
    return f"{language_prefix(config, lang)}{stem}.html"


def add_generated_pages(
    files: Files, config: MkDocsConfig, pages: Mapping[str, str], sources: Mapping[str, Path] | None = None, *, sitemap: bool = True
) -> None:
    """Add in-memory pages of the current language, linked to their other-language twins.

    ``pages`` maps a language-neutral source path (``destinations/mx.md``) to Markdown;
    ``sources`` maps some of them to the file they show, for ``mkdocs serve --dirtyreload``.
    With ``sitemap`` False (archived editions), static-i18n's sitemap does not list them.
    Each is a :class:`GeneratedPage`: its generated HTML is not parsed again by Markdown.
    Call from ``on_files`` with a priority below -100 (after static-i18n).
    """
    lang = current_language(config)
    languages = build_languages(config)
    plugin = _plugin(config)
    for src_uri, markdown in pages.items():
        page_file = AdvisoryPage.generated(config, src_uri, content=markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        if sources and src_uri in sources:
            page_file.source_path = str(sources[src_uri])
        _place(page_file, config, lang, src_uri)
        page_file.alternates = {
            other: page_file if other == lang else _twin(config, other, src_uri) for other in languages
        }
        GeneratedPage(None, page_file, config)
        files.append(page_file)
        if plugin is not None and sitemap:
            plugin.i18n_files_per_language.setdefault(lang, []).append(page_file)


def _place(file: File, config: MkDocsConfig, lang: Lang, src_uri: str) -> None:
    file.dest_uri = _dest_uri(config, lang, src_uri)
    file.locale = lang
    file.locale_alternate_of = lang
    file.localization = lang
    file.norm_src_uri = src_uri


def _twin(config: MkDocsConfig, lang: Lang, src_uri: str) -> File:
    twin = File(src_uri, None, config.site_dir, config.use_directory_urls)
    _place(twin, config, lang, src_uri)
    return twin


def add_static_file(files: Files, config: MkDocsConfig, dest_uri: str, abs_src_path: str) -> None:
    """Add a file shipped with the package (CSS, JS) once, at the site root."""
    if files.get_file_from_path(dest_uri) is None:
        files.append(File.generated(config, dest_uri, abs_src_path=abs_src_path))


def add_site_files(files: Files, config: MkDocsConfig, contents: Mapping[str, bytes]) -> None:
    """Add in-memory files (open data) from the site root, written once; ``contents``: site path -> text.

    The default-language build writes each content. Further language builds list the file
    already written (MkDocs skips copying a file onto itself), so that their links to it resolve.
    """
    already_written = is_repeat_build(config)
    for dest_uri, content in contents.items():
        if already_written:
            files.append(File.generated(config, dest_uri, abs_src_path=os.path.join(config.site_dir, dest_uri)))
        else:
            files.append(File.generated(config, dest_uri, content=content))


def page_url(config: MkDocsConfig, lang: Lang, src_uri: str) -> str:
    """URL of a page of ``lang`` from the site root: ``destinations/mx.md`` -> ``fr/destinations/mx/``."""
    dest_uri = _dest_uri(config, lang, src_uri)
    return dest_uri.removesuffix("index.html") if config.use_directory_urls else dest_uri


def add_generated_files(files: Files, config: MkDocsConfig, contents: Mapping[str, str | bytes]) -> None:
    """Add in-memory files (feeds) of the current language, under its language folder.

    ``contents`` maps a language-neutral site path (``feed.xml``) to the content; in the French
    build it is written to ``fr/feed.xml``. Call from ``on_files`` with a priority below -100
    (after static-i18n).
    """
    prefix = language_prefix(config, current_language(config))
    for dest_uri, content in contents.items():
        files.append(File.generated(config, prefix + dest_uri, content=content))


def page_versions(file: File) -> dict[Lang, str]:
    """Site-relative URL of each language version of a page (``''`` for the English home)."""
    alternates = getattr(file, "alternates", None) or {}
    return {lang: ("" if other.url == "./" else other.url) for lang, other in alternates.items() if lang in LANGUAGES}


def is_generated(file: File) -> bool:
    """True for a page generated from our templates (``add_generated_pages``)."""
    return isinstance(file, AdvisoryPage)


def is_home(file: File) -> bool:
    """True for the home page of any language."""
    return getattr(file, "norm_src_uri", file.src_uri) == "index.md"


class MkDocsUrls:
    """The core's :class:`~travel_advice.site.layout.SiteUrls`, from MkDocs' config and static-i18n's languages."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.urls: dict[str, str] = {}
        """URL of each source path asked for (``_url``): the index, map and latest pages ask for every destination's."""

    def language_folder(self, lang: Lang) -> str:
        return language_prefix(self.config, lang)

    def page_url(self, lang: Lang, src_uri: str) -> str:
        return page_url(self.config, lang, src_uri)

    def relative_url(self, from_src: str, to_src: str) -> str:
        return get_relative_url(self._url(to_src), self._url(from_src))

    def absolute_url(self, path: str) -> str:
        return absolute(self.config.site_url, path)

    def _url(self, src_uri: str) -> str:
        if src_uri not in self.urls:
            self.urls[src_uri] = File(src_uri, None, self.config.site_dir, self.config.use_directory_urls).url
        return self.urls[src_uri]


def page_info(page: Page, advisory: Advisory | None) -> PageInfo:
    """What the template context needs of a page (``advisory``: the one a destination page shows)."""
    versions = page_versions(page.file)
    if not versions:
        upstream.missed("i18n-alternates", page.file.src_uri, "mkdocs-static-i18n gave the page no 'alternates'; it has no hreflang links to its other languages")
    return PageInfo(
        title=page.title,
        url=page.url,
        address=page.canonical_url or page.abs_url or "",
        meta=page.meta or {},
        versions=versions,
        advisory=advisory,
        home=is_home(page.file),
    )
