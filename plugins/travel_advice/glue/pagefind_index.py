"""The Pagefind index of each language, written from the built pages at the end of the build.

Pagefind (PyPI ``pagefind``, its binary from ``pagefind_bin_extended``) indexes each language
into its language's folder (site/search_index.py), from that folder's pages whose ``<html lang>``
is the language and whose content is marked searchable. Each index holds one language only, so
that the search worker, which cannot read the page's ``<html lang>``, has no choice to make. The
index is cut into chunks of :data:`CHUNK_SIZE` (Pagefind's default is 20,000): a query fetches the
chunks of its words, so smaller chunks cost a traveller less (at N = 1,000, the median chunk is
8 KB compressed instead of 33 KB). Pagefind's own search interfaces, which this site does not
use, are removed from the output.

Pagefind runs as its command line, one process per language, the languages at once (no faster
than one after the other on two cores: each Pagefind uses both; BENCHMARKS.md). Not as the Python
API's service: Pagefind 1.5.2 answers the service's "write
files" before its last writes reach the disk (``tokio::fs::File`` dropped unflushed, in
``pagefind/src/output/mod.rs``), and the API then stops the service with SIGTERM, which left a
truncated ``pagefind.js`` and an empty ``pagefind-entry.json`` (a search that never answers) on a
loaded machine. The command line returns only once every write is done.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from mkdocs.exceptions import PluginError
from pagefind.service import get_executable

from travel_advice.site.search_index import BODY, IGNORED_SELECTORS, INDEX_FOLDER, KEPT_FILES

CHUNK_SIZE = 4000
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"
"""How Pagefind 1.5.2 reads the chunk size (an environment variable, marked unstable: tests/test_search.py checks it)."""
TIMEOUT_SECONDS = 1800
"""A language's index takes seconds at N = 1,000; past half an hour, Pagefind is stuck."""


def write_indexes(site_dir: Path, folders: Mapping[str, str]) -> None:
    """Index each language (``folders``: language -> its folder, ``''`` or ``'fr/'``), all at once.

    The pages of the default language's folder include the other languages' folders: only those
    whose ``<html lang>`` is the language are indexed. Raises PluginError if Pagefind fails.
    """
    executable = get_executable()
    if executable is None:
        raise PluginError("Pagefind's binary is not installed: pip install 'pagefind[extended]' (see pyproject.toml)")
    runs: dict[str, subprocess.Popen[str]] = {}
    with tempfile.TemporaryDirectory() as quiet_dir:  # no pagefind.yml of the working folder is read
        try:
            for lang, folder in folders.items():
                runs[lang] = _start(executable, site_dir / folder, lang, quiet_dir)
        except OSError as error:
            for process in runs.values():  # none left running behind the error
                process.kill()
                process.communicate()
            raise PluginError(f"The search index could not be written: Pagefind ({executable}) did not start: {error}") from error
        failures = [failure for lang, process in runs.items() if (failure := _finish(lang, process))]
    if failures:
        raise PluginError("The search index could not be written. " + " ".join(failures))
    for folder in folders.values():
        _drop_unused_files(site_dir / folder / INDEX_FOLDER)


def _start(executable: Path, pages: Path, lang: str, working_dir: str) -> subprocess.Popen[str]:
    """Pagefind indexing ``pages`` of language ``lang`` into ``pages/pagefind/``."""
    command = [
        str(executable), "--site", str(pages), "--output-path", str(pages / INDEX_FOLDER),
        "--root-selector", f'html[lang="{lang}"] [{BODY}]', "--force-language", lang, "--silent",
    ]
    for selector in IGNORED_SELECTORS:
        command += ["--exclude-selectors", selector]
    environment = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
    environment[CHUNK_SIZE_VARIABLE] = str(CHUNK_SIZE)
    return subprocess.Popen(
        command, cwd=working_dir, env=environment, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
    )


def _finish(lang: str, process: subprocess.Popen[str]) -> str:
    """Wait for one language's Pagefind; what went wrong, or ``''``."""
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return f"Pagefind ({lang}) did not finish in {TIMEOUT_SECONDS} s and was stopped."
    if process.returncode != 0:
        said = " ".join(dict.fromkeys(line.strip() for line in output.splitlines() if line.strip()))  # it repeats its error
        return f"Pagefind ({lang}) stopped with status {process.returncode}: {said[-2000:]}"
    return ""


def has_indexes(site_dir: Path) -> bool:
    """Whether the default language's index is in ``site_dir``."""
    return (site_dir / INDEX_FOLDER / "pagefind-entry.json").is_file()


def _drop_unused_files(output: Path) -> None:
    """Remove what the worker never fetches (Pagefind's interfaces, its own worker, the language-less WebAssembly)."""
    for path in sorted(output.rglob("*"), reverse=True):
        if path.is_file() and not KEPT_FILES.match(path.relative_to(output).as_posix()):
            path.unlink()
