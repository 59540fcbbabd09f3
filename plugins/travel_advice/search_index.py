"""One search index per language, in the format of Material for MkDocs' search.

Material's search plugin collects one entry per page section (``location``, ``title``,
``text``). This module turns the entries of one language into that language's own index:
locations relative to the language's home (``/fr/`` for French), lunr configured for the
language with stemming on, and accent-free copies of accented words (« sécurité » is also
indexed as « securite »), so that a traveller finds the same sections with or without accents.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Mapping

INDEX_PATH = "search/search_index.json"
SEPARATOR = r"[\s\-'’‘ʼ]+"
"""Word separators: white space, hyphens and apostrophes, so that « d’Ivoire » gives « Ivoire »."""
PIPELINE = ("trimmer", "stopWordFilter", "stemmer")
"""lunr pipeline: stemming stays on (the search worker stems the query terms the same way)."""
FOLDED_FIELDS = {"title": "title_folded", "text": "text_folded", "tags": "tags_folded"}
"""Indexed field -> field holding the accent-free forms of its accented words."""
DESTINATION_BOOST = 2
"""Search boost of destination pages (front matter), so that a destination's name leads to its page."""
GZIP_LEVEL = 6
"""Compression level assumed for a web server's on-the-fly gzip."""

_TAG = re.compile(r"<[^>]*>")
_WORD_SEPARATOR = re.compile(SEPARATOR)
_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">"}


def fold(text: str) -> str:
    """``text`` without accents and with plain apostrophes: « Côte d’Ivoire » -> « Cote d'Ivoire »."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TYPOGRAPHIC))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def folded_words(html: str) -> str:
    """The accent-free forms of the accented words of an index field, each once."""
    text = _TAG.sub(" ", html)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    words: dict[str, None] = {}
    for word in _WORD_SEPARATOR.split(text):
        plain = fold(word)
        if plain != word:
            words.setdefault(plain.lower(), None)
    return " ".join(words)


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
    docs = []
    for entry in entries:
        doc = {**page_level_only(entry), "location": relocated(entry["location"], prefix)}
        for field, folded_field in FOLDED_FIELDS.items():
            value = doc.get(field, "")
            words = folded_words(" ".join(value) if isinstance(value, list) else value)
            if words:
                doc[folded_field] = words
        docs.append(doc)
    all_fields = {name: dict(spec) for name, spec in fields.items()}
    for field, folded_field in FOLDED_FIELDS.items():
        all_fields[folded_field] = dict(fields.get(field, {"boost": 1.0}))
    config = {"lang": [lang], "separator": SEPARATOR, "pipeline": list(PIPELINE), "fields": all_fields}
    return {"config": config, "docs": docs}


def dumps(index: Mapping[str, Any]) -> str:
    """Compact JSON, with accented letters written as UTF-8 rather than ``\\u`` escapes."""
    return json.dumps(index, separators=(",", ":"), ensure_ascii=False, default=str)


def index_files(site_dir: Path) -> dict[str, Path]:
    """Each language's search index in a built site, by the language lunr is set up for."""
    found: dict[str, Path] = {}
    for path in [site_dir / INDEX_PATH, *sorted(site_dir.glob(f"*/{INDEX_PATH}"))]:
        if path.is_file():
            languages = json.loads(path.read_text(encoding="utf-8"))["config"]["lang"]
            found.setdefault("+".join(languages), path)
    return found


def search_index_sizes(site_dir: Path | str) -> dict[str, tuple[int, int]]:
    """Raw and gzip size in bytes of each language's search index: what a phone downloads."""
    sizes = {}
    for lang, path in index_files(Path(site_dir)).items():
        data = path.read_bytes()
        sizes[lang] = (len(data), len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)))
    return sizes
