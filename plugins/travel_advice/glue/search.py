"""Glue between Material's search box, Pagefind and mkdocs-static-i18n.

Material's search box stays; what answers it changes. Material starts the worker its page
``__config`` names (``search``); each page names ours instead, ``travel-advice-search.js``
(site/assets/search-worker.js), with the folder of its language's Pagefind index, and gets its
language's folder as ``base`` so that result links resolve in its language. Material's own
search is switched off where it costs: its plugin no longer reads every page nor writes a lunr
index (:func:`skip_material_indexing`), and our ``partials/search.html`` names its form so that
Material's script does not fetch that index on every page load. The Pagefind index of each
language is written once every language is built (glue/pagefind_index.py).
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from travel_advice.glue import i18n as i18n_glue
from travel_advice.glue import upstream
from travel_advice.site.search_index import INDEX_FOLDER, searchable

SEARCH_PLUGIN_NAMES = ("material/search", "search")
MATERIAL_INDEXING_EVENTS = ("page_context", "post_build")
"""The search plugin's events that read every page and write its lunr index (Material 9.8.1)."""
WORKER_SOURCE = "assets/search-worker.js"
WORKER_NAME = "travel-advice-search.js"
MATERIAL_WORKERS = "assets/javascripts/workers"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def skip_material_indexing(config: MkDocsConfig) -> None:
    """Unregister the search plugin's indexing events: its box stays (Material's templates show it when the
    plugin is enabled), its lunr index is never made. Call from ``on_config``; a warning if the plugin is not there."""
    plugin = next((config.plugins[name] for name in SEARCH_PLUGIN_NAMES if name in config.plugins), None)
    if plugin is None or not plugin.config.enabled:
        upstream.missed("search-plugin", "mkdocs.yml", "Material's search plugin is not enabled; the site has no search box")
        return
    for event in MATERIAL_INDEXING_EVENTS:
        handlers = config.plugins.events[event]
        handlers[:] = [handler for handler in handlers if getattr(handler, "__self__", None) is not plugin]


def add_worker(files: Files, config: MkDocsConfig, package_dir: Path) -> None:
    """Ship the search worker where Material keeps its own."""
    i18n_glue.add_static_file(files, config, f"{MATERIAL_WORKERS}/{WORKER_NAME}", str(package_dir / WORKER_SOURCE))


def in_search(page: Page) -> bool:
    """Whether a page is searched: not when its front matter says ``search: exclude: true`` (map, history, editions)."""
    options = page.meta.get("search")
    return not (isinstance(options, dict) and options.get("exclude"))


def mark_searchable(html: str, name: str) -> str:
    """The page with its content marked for the search index; a warning if Material's ``<article>`` moved."""
    marked = searchable(html)
    if marked is None:
        upstream.missed("search-article", name, "no Material '<article class=\"md-content__inner md-typeset\">' in the page; it is not searched")
        return html
    return marked


def point_search_to_language(html: str, config: MkDocsConfig, name: str = "a page") -> str:
    """Make a page of the current language search its own index, through our worker.

    ``name``: the page, for the warning when Material's ``__config`` or its worker is not where expected.
    """
    rewritten = with_search_config(html, i18n_glue.language_prefix(config, i18n_glue.current_language(config)))
    if rewritten is None:
        upstream.missed("search-config", name, "no Material '__config' script in the page; its search cannot be pointed at its language's index")
        return html
    if WORKER_NAME not in rewritten:
        upstream.missed("search-worker", name, f"Material's search worker is not in {MATERIAL_WORKERS}/; the search box finds nothing")
    return rewritten


def with_search_config(html: str, language_folder: str) -> str | None:
    """Rewrite ``__config`` in a page built by Material: ``base`` and ``search`` (the worker URL).

    ``language_folder`` is ``''`` for the default language, ``'fr/'`` for French. None when the
    page has no ``__config``.
    """
    match = _CONFIG_SCRIPT.search(html)
    if match is None:
        return None
    rewritten = match.group(1) + _search_settings(match.group(2), language_folder) + match.group(3)
    return html[: match.start()] + rewritten + html[match.end() :]


@lru_cache(maxsize=256)
def _search_settings(settings_json: str, language_folder: str) -> str:
    """The rewritten ``__config`` JSON, compact; cached, as the pages of a language at the same depth share it."""
    settings = json.loads(settings_json)
    if language_folder:
        settings["base"] = f"{settings['base'].rstrip('/')}/{language_folder}"
    folder, material_worker = posixpath.split(settings["search"])
    if material_worker != WORKER_NAME and folder.endswith(MATERIAL_WORKERS):
        index = posixpath.relpath(language_folder + INDEX_FOLDER, MATERIAL_WORKERS) + "/"  # from the worker
        settings["search"] = f"{folder}/{WORKER_NAME}?index={index}"
    return str(htmlsafe_json_dumps(settings, separators=(",", ":")))
