"""Glue between Material's search plugin, mkdocs-static-i18n and the per-language indexes.

static-i18n 1.3.1 merges the search entries of every language into one ``search/search_index.json``
at the end of its last language build. Instead, each language gets its own index:
``search/search_index.json`` for the default language and ``fr/search/search_index.json`` for
French. Material's JavaScript fetches ``search/search_index.json`` relative to ``base`` in the
page's ``__config``, so the pages of a further language get their language folder as ``base``,
and the search worker becomes ``travel-advice-search.js``, which wraps Material's own worker.
That file is only a stub naming the full index (``search/search_index.full.json``), which the
worker fetches on the first query: a page view costs a traveller no index download.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import write_file

from travel_advice.core.model import Lang
from travel_advice.glue import i18n as i18n_glue
from travel_advice.glue import upstream
from travel_advice.site.search_index import FULL_INDEX_PATH, INDEX_PATH, dumps, language_index, stub_index

SEARCH_PLUGIN_NAMES = ("material/search", "search")
WORKER_SOURCE = "assets/search-worker.js"
WORKER_NAME = "travel-advice-search.js"
MATERIAL_WORKERS = "assets/javascripts/workers"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)


def _search_plugin(config: MkDocsConfig) -> Any | None:
    """Material's search plugin, if enabled; a warning if it no longer keeps its index in ``search_index``."""
    for name in SEARCH_PLUGIN_NAMES:
        plugin = config.plugins.get(name)
        if plugin is not None and plugin.config.enabled:
            if hasattr(plugin, "search_index"):
                return plugin
            upstream.missed("search-index", name, "the search plugin has no 'search_index'; each language keeps static-i18n's merged index")
    return None


class LanguageSearchIndexes:
    """Collects each language's index after its build and writes them all once static-i18n is done."""

    def __init__(self) -> None:
        self.indexes: dict[Lang, dict[str, Any]] = {}

    def collect(self, config: MkDocsConfig) -> None:
        """Call from ``on_post_build`` between Material's search (0) and static-i18n (-100)."""
        plugin = _search_plugin(config)
        if plugin is None:
            return
        lang = i18n_glue.current_language(config)
        prefix = i18n_glue.language_prefix(config, lang)
        self.indexes[lang] = language_index(plugin.search_index.entries, lang, prefix, plugin.config.fields)

    def write(self, config: MkDocsConfig) -> None:
        """Call from ``on_post_build`` after static-i18n (below -100): overwrite its merged index.

        Each language gets its full index and, where Material looks, a stub naming it.
        """
        if i18n_glue.is_repeat_build(config):
            return
        for lang, index in self.indexes.items():
            prefix = i18n_glue.language_prefix(config, lang)
            full_index_url = posixpath.relpath(prefix + FULL_INDEX_PATH, MATERIAL_WORKERS)  # from the worker
            write_file(dumps(index).encode("utf-8"), str(Path(config.site_dir) / prefix / FULL_INDEX_PATH))
            stub = stub_index(index, full_index_url)
            write_file(dumps(stub).encode("utf-8"), str(Path(config.site_dir) / prefix / INDEX_PATH))
        self.indexes.clear()


def add_worker(files: Files, config: MkDocsConfig, package_dir: Path) -> None:
    """Ship the search worker next to Material's, so that both load lunr from the same place."""
    i18n_glue.add_static_file(files, config, f"{MATERIAL_WORKERS}/{WORKER_NAME}", str(package_dir / WORKER_SOURCE))


def point_search_to_language(html: str, config: MkDocsConfig, name: str = "a page") -> str:
    """Make a page of the current language search its own index, through the wrapping worker.

    ``name``: the page, for the warning when Material's ``__config`` or its worker is not where expected.
    """
    rewritten = with_search_config(html, i18n_glue.language_prefix(config, i18n_glue.current_language(config)))
    if rewritten is None:
        upstream.missed("search-config", name, "no Material '__config' script in the page; its search cannot be pointed at its language's index")
        return html
    if WORKER_NAME not in rewritten:
        upstream.missed("search-worker", name, f"Material's search worker is not in {MATERIAL_WORKERS}/; search runs without accent folding and stemming")
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
        settings["search"] = f"{folder}/{WORKER_NAME}?material={material_worker}"
    return str(htmlsafe_json_dumps(settings, separators=(",", ":")))
