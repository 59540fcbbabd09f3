"""Build into a staging folder beside ``site_dir`` and swap it in only when the whole build succeeded.

MkDocs empties ``site_dir`` before it writes, and static-i18n writes the French site after the
English one: a build that fails or is killed half-way would leave the published folder empty or
half-written. Here the build writes to ``.<site>.staging``; at the very end the previous site is
moved to ``.<site>.previous``, the staging folder takes its place, and the previous one is removed.
A start after a kill cleans both leftovers and, if the kill fell between the two moves, puts the
previous site back first.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Staging:
    """Where the build writes (``staging``), and the folder it replaces when it succeeds (``site``)."""

    site: Path
    staging: Path
    previous: Path

    @classmethod
    def beside(cls, site_dir: str | os.PathLike[str]) -> Staging:
        site = Path(site_dir).absolute()
        return cls(site, site.with_name(f".{site.name}.staging"), site.with_name(f".{site.name}.previous"))

    def prepare(self) -> None:
        """Recover from an earlier build that was killed, and start from an empty staging folder."""
        if self.previous.exists() and not self.site.exists():
            os.replace(self.previous, self.site)
        for leftover in (self.previous, self.staging):
            if leftover.exists():
                shutil.rmtree(leftover)

    def publish(self) -> None:
        """Swap the finished build in for the previous site."""
        if self.site.exists():
            os.replace(self.site, self.previous)
        os.replace(self.staging, self.site)
        shutil.rmtree(self.previous, ignore_errors=True)

    def discard(self) -> None:
        """Remove an unfinished build; the previous site stays as it was."""
        shutil.rmtree(self.staging, ignore_errors=True)
