"""Files written from a held folder (glue/held_folder.py): the same files as by whole paths."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from travel_advice.glue import held_folder
from travel_advice.glue.held_folder import HeldFolders, read_in

PATHS = [
    "destinations/pt/history/2026-03-01/index.html",
    "destinations/pt/history/2026-04-10/index.html",
    "fr/destinations/pt/history/2026-03-01/index.html",
    "destinations/es/history/2026-03-01/index.html",
    "destinations/pt/history/2026-04-10/index.html",  # written again: replaced, not appended
    "top.html",
]


@pytest.mark.parametrize("held", [True, False])
def test_writes_every_file_in_its_folders_and_reads_them_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held: bool) -> None:
    monkeypatch.setattr(held_folder, "HELD", held)
    with HeldFolders(tmp_path) as output:
        for number, path in enumerate(PATHS):
            output.write(path, f"page {number} of {path}".encode())
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert written == sorted(set(PATHS))
    assert (tmp_path / PATHS[1]).read_text() == f"page 4 of {PATHS[1]}"
    mode = stat.S_IMODE((tmp_path / PATHS[0]).stat().st_mode)
    assert mode == 0o666 & ~_umask()
    descriptor = os.open(tmp_path / "destinations/pt/history", os.O_RDONLY | os.O_DIRECTORY)
    try:
        assert read_in(descriptor, tmp_path / "destinations/pt/history", "2026-03-01/index.html") == f"page 0 of {PATHS[0]}".encode()
        assert read_in(descriptor, tmp_path, "missing") is None
    finally:
        os.close(descriptor)
    assert read_in(None, tmp_path, "top.html") == b"page 5 of top.html"
    assert read_in(None, tmp_path, "missing") is None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_a_link_is_another_name_of_the_kept_file_and_a_write_there_replaces_it_not_the_kept_file(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    (kept / "page").write_bytes(b"kept page")
    folder = os.open(kept, os.O_RDONLY | os.O_DIRECTORY)
    try:
        with HeldFolders(tmp_path / "site") as output:
            assert output.link(PATHS[0], folder, "page")
            assert not output.link(PATHS[1], folder, "missing")
            assert not output.link("top.html", folder, "page")  # no folder to hold: the caller copies
            assert os.path.samefile(tmp_path / "site" / PATHS[0], kept / "page")
            output.write(PATHS[0], b"new page")
    finally:
        os.close(folder)
    assert (tmp_path / "site" / PATHS[0]).read_bytes() == b"new page"
    assert (kept / "page").read_bytes() == b"kept page"
    assert not (tmp_path / "site" / PATHS[1]).exists()


def test_files_take_the_mode_asked_for(tmp_path: Path) -> None:
    with HeldFolders(tmp_path, mode=0o444) as output:
        output.write(PATHS[0], b"page")
        output.write(PATHS[0], b"page again")  # read-only, still replaced
    assert (tmp_path / PATHS[0]).read_bytes() == b"page again"
    assert stat.S_IMODE((tmp_path / PATHS[0]).stat().st_mode) == 0o444 & ~_umask()
