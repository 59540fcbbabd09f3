"""scripts/screenshots.py photographs the shipped site at phone and desktop widths, in both languages."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path

import pytest

from .browser import require_chromium
from .conftest import ROOT, Build

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_each_page_language_and_width(shipped_site: Build, tmp_path: Path) -> None:
    require_chromium()
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)

    assert screenshots.main([str(tmp_path), "--site", str(shipped_site.site), "--destination", "MX"]) == 0

    pages = ("home", "destination", "map")
    names = {f"{page}-{lang}-{device}.png" for page in pages for lang in ("en", "fr") for device in ("phone", "desktop")}
    assert {path.name for path in tmp_path.glob("*.png")} == names
    for name in names:
        width, height = png_size(tmp_path / name)
        assert (width, height) == ((780, 1688) if "phone" in name else (1366, 900)), name
