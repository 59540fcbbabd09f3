"""Search of one language: which pages are searched, how, and what a first query costs.

Each language gets its own Pagefind index (``pagefind/`` in the language's folder: ``pagefind/``
for the default language, ``fr/pagefind/`` for French), written after the build by
glue/pagefind_index.py from the built pages. A page is searched when its content
(``<article>``) carries :data:`BODY`; the parts of a generated page that do not help a search
(dates, offices, links, change log) carry ``data-pagefind-ignore`` in the templates, and the
destination's other names and capital carry :data:`NAMES_WEIGHT`, so that these lead to the
destination first. The search box is Material's; its worker (``assets/search-worker.js``)
answers it from this index, fetched by term: a query costs the same on a site of 250 or 10,000
destinations.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

INDEX_FOLDER = "pagefind/"
"""The Pagefind index of a language, relative to the language's home."""
BODY = "data-pagefind-body"
"""On the ``<article>`` of each page in the search: only that content is indexed."""
NAMES_WEIGHT = 7.0
"""Weight of a destination's other names and capital: as much as its name in the page title (h1)."""
IGNORED_SELECTORS = (".headerlink", ".ta-print-head", ".ta-example-notice", ".ta-saved-copy", ".ta-save", ".ta-find", ".ta-feedback")
"""Not indexed on any page: the heading permalinks (``¶``) Python-Markdown adds to headings, and what the
theme puts in every page's content (glue/theme): the printed page's head, the example-content notice,
the offline-reading notice and control, the home page's destination finder, the feedback links."""
KEPT_FILES = re.compile(r"^(pagefind\.js|pagefind-entry\.json|pagefind\.[\w-]+\.pf_meta|wasm\.(?!unknown)[\w-]+\.pagefind|(fragment|index|filter)/.*)$")
"""What the search worker fetches of a Pagefind bundle; Pagefind's own interfaces are not published."""
PRECOMPRESSED = (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".pagefind")
"""Pagefind's files that are already gzipped."""
GZIP_LEVEL = 6
"""Compression level assumed for a web server's on-the-fly gzip."""
_ARTICLE = '<article class="md-content__inner md-typeset">'
_WORD_JOINS = re.compile(r"[-'’‘ʼ]")
"""Inside a name, what joins words that Pagefind keeps as one: « d’Ivoire », « Pays-Bas »."""
NAME_TERMS_ATTRIBUTE = "data-ta-terms"
"""Attribute of a destination page whose words Pagefind indexes (``data-pagefind-index-attrs``) and keeps as the
page's ``terms`` (``data-pagefind-meta``), which the search worker ranks as it ranks titles: :func:`name_terms`."""


def name_terms(code: str, names: list[str]) -> str:
    """Words a traveller may type alone that Pagefind would not find in ``names`` (the destination's names and
    capital): the parts of a joined word (« Ivoire » of « Côte d’Ivoire », « Bas » of « Pays-Bas ») and the code (« US »)."""
    parts = (part for name in names for word in name.split() if _WORD_JOINS.search(word) for part in re.findall(r"\w{2,}", word))
    return " ".join(dict.fromkeys([*parts, code]))


def searchable(html: str) -> str | None:
    """``html`` with its content marked for the search (:data:`BODY`); None if Material's ``<article>`` is not there."""
    if _ARTICLE not in html:
        return None
    return html.replace(_ARTICLE, f'<article class="md-content__inner md-typeset" {BODY}>', 1)


def index_folders(site_dir: Path) -> dict[str, Path]:
    """Each language's Pagefind index in a built site, by language (from its ``pagefind-entry.json``)."""
    found: dict[str, Path] = {}
    for entry in [site_dir / INDEX_FOLDER / "pagefind-entry.json", *sorted(site_dir.glob(f"*/{INDEX_FOLDER}pagefind-entry.json"))]:
        if entry.is_file():
            languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
            found.setdefault("+".join(sorted(languages)), entry.parent)
    return found


def search_index_sizes(site_dir: Path | str) -> dict[str, tuple[int, int]]:
    """Bytes of each language's whole Pagefind index, as stored and as served compressed (a query fetches a small part)."""
    sizes = {}
    for lang, folder in index_folders(Path(site_dir)).items():
        files = [path for path in folder.rglob("*") if path.is_file()]
        raw = sum(path.stat().st_size for path in files)
        served = sum(
            path.stat().st_size if path.name.endswith(PRECOMPRESSED) else len(gzip.compress(path.read_bytes(), GZIP_LEVEL, mtime=0)) for path in files
        )
        sizes[lang] = (raw, served)
    return sizes
