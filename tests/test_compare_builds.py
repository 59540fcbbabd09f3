"""scripts/compare_builds.py: the byte-for-byte comparison of two builds of the shipped site."""

from __future__ import annotations

import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import compare_builds  # noqa: E402


def test_differences_name_changed_missing_and_new_files() -> None:
    before = {"index.html": b"a", "feed.xml": b"x", "old.html": b"o"}
    after = {"index.html": b"a", "feed.xml": b"y", "new.html": b"n"}
    assert compare_builds.differences(before, after) == ["differs: feed.xml", "missing: old.html", "new: new.html"]
    assert compare_builds.differences(before, dict(before)) == []
