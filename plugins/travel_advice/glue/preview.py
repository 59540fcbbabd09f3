"""Fast preview with ``mkdocs serve --dirtyreload``: re-render only the pages an edit touches.

In a dirty build MkDocs re-renders a page only when ``File.is_modified()`` is true, that is when
the page's source is newer than the page already written. A page generated in memory has no
source file, so MkDocs would re-render every destination page after every edit. An
:class:`AdvisoryPage` knows the advisory it was generated from, and counts as modified only when
that file changed. A file every page shows (the emergency banner) makes the pages written before
its last change stale: :func:`forget_outputs_older_than` removes them so that they are rebuilt.
A page MkDocs skipped has no title yet, and the navigation of the pages it re-renders would show
"None": :func:`read_skipped_titles` reads those pages' sources (not their Markdown rendering).

While an advisory has problems, ``mkdocs serve`` keeps running: :func:`with_last_good` shows the
last version of each broken file that passed the checks in this process (the build would stop),
and every page carries the list of problems (site/problem_panel.py) as well as the terminal.

Under plain ``mkdocs serve`` every edit rebuilds both languages: :data:`FAST_PREVIEW_HINT` says
once how to preview faster.

``mkdocs build`` and plain ``mkdocs serve`` never ask ``is_modified()`` of a page and start from
an empty folder, so the published site does not depend on any of this.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from travel_advice.core.model import Advisory
from travel_advice.core.validation import Problem

FAST_PREVIEW_HINT = (
    "each saved change rebuilds every page of both languages; to re-render only what a change "
    "touches, run 'mkdocs serve --dirtyreload' (README: Previewing quickly)"
)


_last_good: dict[Path, Advisory] = {}
"""The last version of each advisory file that passed the checks in this ``mkdocs serve`` process."""


def with_last_good(advisories: Sequence[Advisory], problems: Sequence[Problem]) -> tuple[Advisory, ...]:
    """``advisories`` that passed, and the last good version of each file that has a problem now (if any)."""
    _last_good.update((advisory.source, advisory) for advisory in advisories)
    passed = {advisory.source for advisory in advisories}
    broken = {problem.file for problem in problems} - passed
    return (*advisories, *(_last_good[path] for path in sorted(broken) if path in _last_good))


class AdvisoryPage(File):
    """A generated page that remembers the advisory file it shows."""

    source_path: str | None = None

    def is_modified(self) -> bool:
        """True unless the page was written after the last change of its advisory file."""
        if self.source_path is None or not os.path.isfile(self.abs_dest_path):
            return True
        return os.path.getmtime(self.abs_dest_path) < os.path.getmtime(self.source_path)


def forget_outputs_older_than(files: Files, source: Path) -> None:
    """Delete the written pages older than ``source``, so that a dirty build re-renders them.

    Call from ``on_files``; it does nothing when ``source`` does not exist or no page was written.
    """
    try:
        changed = source.stat().st_mtime
    except FileNotFoundError:
        return
    for file in files.documentation_pages():
        try:
            if os.path.getmtime(file.abs_dest_path) < changed:
                os.remove(file.abs_dest_path)
        except FileNotFoundError:
            continue


def read_skipped_titles(files: Files, config: MkDocsConfig) -> None:
    """Read the source of every navigation page a dirty build skipped, so that it has a title.

    Call from ``on_env`` (after MkDocs read the pages, before it writes them).
    """
    for file in files.documentation_pages():
        if file.page is not None and file.page.markdown is None and file.inclusion.is_in_nav():
            file.page.read_source(config)
