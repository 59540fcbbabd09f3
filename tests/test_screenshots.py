"""scripts/screenshots.py photographs the shipped site at phone and desktop widths, in both languages,
and the first printed page of a destination."""

from __future__ import annotations

import importlib.util
import shutil
import struct
from pathlib import Path

import pytest

from .browser import require, require_chromium
from .conftest import ROOT, Build

pytestmark = pytest.mark.browser


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_screenshots_of_each_page_language_and_width(shipped_site: Build, tmp_path: Path) -> None:
    require_chromium()
    require(shutil.which("pdftoppm") is not None, "pdftoppm not found (apt-get install poppler-utils)")
    spec = importlib.util.spec_from_file_location("screenshots", ROOT / "scripts" / "screenshots.py")
    screenshots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(screenshots)

    assert screenshots.main([str(tmp_path), "--site", str(shipped_site.site), "--destination", "MX"]) == 0

    pages = ("home", "destination", "map")
    names = {f"{page}-{lang}-{device}.png" for page in pages for lang in ("en", "fr") for device in ("phone", "desktop")}
    prints = {f"print-{lang}.png" for lang in ("en", "fr")}
    assert {path.name for path in tmp_path.glob("*.png")} == names | prints
    for name in names:  # the phone home page among them: 390 × 844 CSS px at twice the pixels
        width, height = png_size(tmp_path / name)
        assert (width, height) == ((780, 1688) if "phone" in name else (1366, 900)), name
    for name in prints:  # US Letter at 96 dpi; each language's page differs
        assert png_size(tmp_path / name) == (816, 1056), name
    assert (tmp_path / "print-en.png").read_bytes() != (tmp_path / "print-fr.png").read_bytes()
