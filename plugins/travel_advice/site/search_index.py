"""One search index per language, in the format of Material for MkDocs' search.

Material's search plugin collects one entry per page section (``location``, ``title``,
``text``). This module turns the entries of one language into that language's own index:
locations relative to the language's home (``/fr/`` for French) and lunr set up for the
language with stemming on. Accents are folded on the traveller's device by the search worker
(``assets/search-worker.js``), so the download carries no accent-free copies of the text.

Material fetches ``search/search_index.json`` on every page load; that file is a stub (the
language's lunr setup, no documents), and the full index beside it is fetched by the search
worker only when the traveller types a query.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

INDEX_PATH = "search/search_index.json"
"""The stub Material fetches on every page load, relative to the language's home."""
FULL_INDEX_PATH = "search/search_index.full.json"
"""The full index, fetched by the search worker on the first query."""
FULL_INDEX_KEY = "full_index"
"""Key of the stub's ``config`` giving the full index's URL, relative to the search worker."""
SEPARATOR = r"[\s\-'’‘ʼ]+"
"""Word separators: white space, hyphens and apostrophes, so that « d’Ivoire » gives « Ivoire »."""
PIPELINE = ("trimmer", "stopWordFilter", "stemmer")
"""lunr pipeline: stemming stays on (the search worker stems the query terms the same way)."""
DESTINATION_BOOST = 2
"""Search boost of destination pages (front matter), so that a destination's name leads to its page."""
GZIP_LEVEL = 6
"""Compression level assumed for a web server's on-the-fly gzip."""


def relocated(location: str, prefix: str) -> str:
    """A location relative to the language's home: ``fr/sante/#vaccins`` -> ``sante/#vaccins``."""
    return location[len(prefix):] if prefix and location.startswith(prefix) else location


def page_level_only(entry: Mapping[str, Any]) -> dict[str, Any]:
    """An entry whose page's search boost and tags apply to the page's own entry, not its sections.

    Material gives a page's front-matter boost and tags to every section of the page. A
    destination page is boosted, and tagged with its other names and capital, so that these
    lead to the page itself; its sections get the inverse boost and no tags, so a worry
    (« paludisme ») leads to the general guidance first, then to each destination's section.
    """
    if "#" not in entry["location"]:
        return dict(entry)
    section = {key: value for key, value in entry.items() if key != "tags"}
    if entry.get("boost"):
        section["boost"] = round(1 / float(entry["boost"]), 3)
    return section


def language_index(
    entries: Iterable[Mapping[str, Any]], lang: str, prefix: str, fields: Mapping[str, Mapping[str, float]]
) -> dict[str, Any]:
    """The search index of one language, from the entries Material's plugin made for it.

    ``prefix`` is the language's folder in the site (``''`` or ``'fr/'``); ``fields`` are the
    search plugin's indexed fields with their boosts.
    """
    docs = [{**page_level_only(entry), "location": relocated(entry["location"], prefix)} for entry in entries]
    config = {
        "lang": [lang],
        "separator": SEPARATOR,
        "pipeline": list(PIPELINE),
        "fields": {name: dict(spec) for name, spec in fields.items()},
    }
    return {"config": config, "docs": docs}


def stub_index(index: Mapping[str, Any], full_index_url: str) -> dict[str, Any]:
    """What Material fetches at page load: the index's ``config`` and where the full index is, no documents."""
    return {"config": {**index["config"], FULL_INDEX_KEY: full_index_url}, "docs": []}


def dumps(index: Mapping[str, Any]) -> str:
    """Compact JSON, with accented letters written as UTF-8 rather than ``\\u`` escapes."""
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False, default=str)


def index_files(site_dir: Path) -> dict[str, Path]:
    """Each language's full search index in a built site, by the language lunr is set up for."""
    found: dict[str, Path] = {}
    for path in [site_dir / FULL_INDEX_PATH, *sorted(site_dir.glob(f"*/{FULL_INDEX_PATH}"))]:
        if path.is_file():
            languages = json.loads(path.read_text(encoding="utf-8"))["config"]["lang"]
            found.setdefault("+".join(languages), path)
    return found


def search_index_sizes(site_dir: Path | str) -> dict[str, tuple[int, int]]:
    """Raw and gzip size in bytes of each language's full search index: what a phone downloads to search."""
    sizes = {}
    for lang, path in index_files(Path(site_dir)).items():
        data = path.read_bytes()
        sizes[lang] = (len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)))
    return sizes
