"""What one build keeps for the next (``cache_dir``): the public record's parts that never change once published.

* **Committed advisory versions, summarised**, by git blob id (core/history.py ``Summary``): one
  ``marshal`` file of plain values (tuples, strings, numbers); an entry that does not read as a
  summary is dropped, and its version read from git again.
* **Editors' Markdown texts that passed the content rules, rendered** (core/content_rules.py ``passed``), by a
  digest of the text: a text found there is only held to the allow-list by nh3 again, not rendered and checked (one ``marshal`` file).
* **Archived edition pages and history pages**, by the key of everything each is made from
  (site/edition_page.py ``EditionFile``, site/history_page.py ``render_history``): one file each,
  an edition page linked into the output (glue/held_folder.py) when its key comes again, a history page's Markdown handed to MkDocs.

Everything is keyed by :func:`code_salt` too (this package's files and the versions of the libraries
that render pages), so a change of code or library starts afresh. Entries this build did not use
are deleted at its end: the cache holds one build's worth.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from travel_advice.core.history import Summary
from travel_advice.glue.held_folder import HELD, HeldFolders, read_in
from travel_advice.site.edition_page import EditionFile

PACKAGE = Path(__file__).resolve().parents[1]
RENDERING_LIBRARIES = ("babel", "jinja2", "markdown", "mkdocs", "mkdocs-material", "nh3", "pymdown-extensions", "pyyaml")
SUMMARIES_FILE = "history-summaries.marshal"
PASSED_FILE = "markdown-passed.marshal"
PAGES_FOLDER = "pages"
KEPT_MODE = 0o444 if HELD else 0o666
"""Kept pages and the edition pages linked to them are read-only: the site's file may be the kept one. Not where
pages are copied, not linked (Windows: a read-only file there cannot be deleted as others are)."""


@cache
def code_salt() -> str:
    """A digest of this package's files and the rendering libraries' versions."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in RENDERING_LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=none".encode())
    return digest.hexdigest()


class BuildCache:
    """The cache folder of one build, or none (``folder=None``: nothing read, nothing kept)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: set[str] = set()
        """Names of the kept pages this build used."""
        self.pages_made = self.pages_reused = 0
        """Archived edition pages made and reused."""
        self.passed_read: dict[str, str] = {}
        """The passed Markdown read from the last build."""

    def version_summaries(self) -> dict[str, Summary | None]:
        """The summaries of committed versions the last build kept (None: not a published advisory)."""
        summaries: dict[str, Summary | None] = {}
        for blob, kept in self._read(SUMMARIES_FILE).items():
            summary = None if kept is None else Summary.from_kept(kept)
            if isinstance(blob, str) and (kept is None or summary is not None):
                summaries[blob] = summary
        return summaries

    def keep_version_summaries(self, summaries: dict[str, Summary | None]) -> None:
        """Keep the summaries of this history's versions for the next build."""
        self._keep(SUMMARIES_FILE, {blob: summary and summary.kept() for blob, summary in summaries.items()})

    def passed_markdown(self) -> dict[str, str]:
        """The HTML of the editors' texts the last build checked and passed (core/content_rules.py ``passed``)."""
        passed = {key: html for key, html in self._read(PASSED_FILE).items() if isinstance(key, str) and isinstance(html, str)}
        self.passed_read = passed
        return dict(passed)

    def keep_passed_markdown(self, passed: dict[str, str]) -> None:
        """Keep the HTML of the texts this process passed, unless they are those read (:meth:`passed_markdown`)."""
        if passed != self.passed_read:
            self._keep(PASSED_FILE, passed)

    def _read(self, name: str) -> dict[Any, Any]:
        """The mapping kept in file ``name`` by this code (empty when none, unreadable, or from other code)."""
        if self.folder is None:
            return {}
        try:
            salt, kept = marshal.loads((self.folder / name).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return {}
        return kept if salt == code_salt() and isinstance(kept, dict) else {}

    def _keep(self, name: str, kept: dict[Any, Any]) -> None:
        """Keep ``kept`` in file ``name`` for the next build (not where marshal cannot write a value)."""
        if self.folder is None:
            return
        try:
            data = marshal.dumps((code_salt(), kept))
        except ValueError:  # a type marshal does not write (the safe loader gives none): not kept
            return
        _write_atomically(self.folder / name, data)

    def write_pages(self, site_dir: str, pages: Iterable[EditionFile]) -> None:
        """Write each edition page under ``site_dir``: the kept one when its key was seen, else made (and kept).

        A kept page goes in as another name of the kept file (a hard link: no data copied, 10,000 files of
        about 20 KB at 250 x 20), or as a copy where that cannot be (another file system). Kept pages are
        read-only, so that nothing edits one through the site. The folders are held open (glue/held_folder.py)."""
        kept_pages = self.folder / PAGES_FOLDER if self.folder is not None else None
        with HeldFolders(Path(site_dir), mode=KEPT_MODE) as output, _opened(kept_pages) as kept_folder:
            for page in pages:
                name = self._kept_name(page.key)
                if kept_pages is not None and name is not None and self._reuse(output, page.path, kept_folder, kept_pages, name):
                    self.pages_reused += 1
                    continue
                html = page.make().encode("utf-8")
                self.pages_made += 1
                if kept_pages is not None and name is not None:
                    _write_atomically(kept_pages / name, html, KEPT_MODE)
                    if kept_folder is not None and output.link(page.path, kept_folder, name):
                        continue
                output.write(page.path, html)

    @staticmethod
    def _reuse(output: HeldFolders, path: str, kept_folder: int | None, kept_pages: Path, name: str) -> bool:
        """Put the kept page ``name`` at ``path`` of the output, linked or copied; False if it is not kept."""
        if kept_folder is not None and output.link(path, kept_folder, name):
            return True
        copy = read_in(kept_folder, kept_pages, name)
        if copy is None:
            return False
        output.write(path, copy)
        return True

    def remember(self, key: str | None, make: Callable[[], str]) -> str:
        """The text kept for ``key``, or ``make()``'s, then kept (site/history_page.py ``Remember``)."""
        kept = self._kept(key)
        if kept is not None:
            try:
                return kept.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
        text = make()
        if kept is not None:
            _write_atomically(kept, text.encode("utf-8"))
        return text

    def drop_unused(self) -> None:
        """Delete the kept pages this build did not use, and the files an earlier version of this code kept (not one being written)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in (SUMMARIES_FILE, PASSED_FILE, PAGES_FOLDER) and not path.name.startswith(".") and path.is_file():
                path.unlink(missing_ok=True)
        pages = self.folder / PAGES_FOLDER
        if not pages.is_dir():
            return
        for path in pages.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)

    def _kept(self, key: str | None) -> Path | None:
        """Where the page of ``key`` is kept (marked used by this build), None without a cache or a key."""
        name = self._kept_name(key)
        return None if self.folder is None or name is None else self.folder / PAGES_FOLDER / name

    def _kept_name(self, key: str | None) -> str | None:
        """The name the page of ``key`` is kept under (marked used by this build), None without a cache or a key."""
        if self.folder is None or key is None:
            return None
        name = hashlib.sha256((code_salt() + key).encode()).hexdigest()
        self.used.add(name)
        return name


@contextmanager
def _opened(folder: Path | None) -> Iterator[int | None]:
    """A descriptor of ``folder`` (made if missing) while in the block, or None (no folder, or no ``dir_fd`` here)."""
    try:
        if folder is not None and HELD:
            folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY) if folder is not None and HELD else None
    except OSError:
        descriptor = None
    try:
        yield descriptor
    finally:
        if descriptor is not None:
            os.close(descriptor)


def _write_atomically(path: Path, data: bytes, mode: int = 0o666) -> None:
    """Write ``data`` to ``path`` through a new temporary file (permissions ``mode``, less the umask): a reader
    sees the old file or the new one, never half, and no other name of the old file sees a change."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.unlink(missing_ok=True)
    with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode), "wb") as out:
        out.write(data)
    os.replace(temporary, path)
