"""The Pagefind index of each language, written from the built pages at the end of the build.

Pagefind (PyPI ``pagefind``, its binary from ``pagefind_bin_extended``) runs as a service beside
the build: one index per language, each in its language's folder (site/search_index.py), made
from that folder's pages whose ``<html lang>`` is the language and whose content is marked
searchable. Each index holds one language only, so that the search worker, which cannot read the
page's ``<html lang>``, has no choice to make. The index is cut into chunks of :data:`CHUNK_SIZE`
(Pagefind's default is 20,000): a query fetches the chunks of its words, so smaller chunks cost a
traveller less (at N = 1,000, the median chunk is 8 KB compressed instead of 33 KB). Pagefind's
own search interfaces, which this site does not use, are removed from the output.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from travel_advice.site.search_index import BODY, IGNORED_SELECTORS, INDEX_FOLDER, KEPT_FILES

CHUNK_SIZE = 4000
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
"""How Pagefind 1.5.2 reads the chunk size (an environment variable of its service, marked unstable: tests/test_search.py checks it)."""


def write_indexes(site_dir: Path, folders: Mapping[str, str]) -> dict[str, int]:
    """Index each language (``folders``: language -> its folder, ``''`` or ``'fr/'``); the pages read per language.

    The pages of the default language's folder include the other languages' folders: only those
    whose ``<html lang>`` is the language are indexed.
    """
    with _environment(CHUNK_SIZE_VARIABLE, str(CHUNK_SIZE)):
        return asyncio.run(_write_indexes(site_dir, folders))


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """``name`` set to ``value`` in the environment the Pagefind service inherits, then as it was."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


async def _write_indexes(site_dir: Path, folders: Mapping[str, str]) -> dict[str, int]:
    read = {}
    for lang, folder in folders.items():
        output = site_dir / folder / INDEX_FOLDER
        config: IndexConfig = {
            "root_selector": f'html[lang="{lang}"] [{BODY}]',
            "exclude_selectors": list(IGNORED_SELECTORS),
            "force_language": lang,
            "output_path": str(output),
        }
        async with PagefindIndex(config) as index:
            read[lang] = (await index.add_directory(str(site_dir / folder)))["page_count"]
        _drop_unused_files(output)
    return read


def has_indexes(site_dir: Path) -> bool:
    """Whether the default language's index is in ``site_dir``."""
    return (site_dir / INDEX_FOLDER / "pagefind-entry.json").is_file()


def _drop_unused_files(output: Path) -> None:
    """Remove what the worker never fetches (Pagefind's interfaces, its own worker, the language-less WebAssembly)."""
    for path in sorted(output.rglob("*"), reverse=True):
        if path.is_file() and not KEPT_FILES.match(path.relative_to(output).as_posix()):
            path.unlink()
