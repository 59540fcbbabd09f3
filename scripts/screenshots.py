"""Screenshots for review: home, a destination and the map, phone and desktop, English and French,
and the first printed page of the destination.

    python scripts/screenshots.py [OUTPUT_DIR] [--site BUILT_SITE] [--destination CODE] [--full-page]

Without --site, the shipped site is built first (``mkdocs build --strict``) into a temporary
folder. The site is served on 127.0.0.1 and photographed by headless Debian Chromium; files are
named ``<page>-<lang>-<device>.png`` (``destination-fr-phone.png``: the phone is 390 × 844 CSS px at
twice the pixels). The destination is also printed to PDF (Letter, as Chromium prints it) and its
page 1 rendered at 96 dpi by ``pdftoppm`` (Debian poppler-utils) into ``print-<lang>.png``; without
``pdftoppm`` those two are skipped with a message. OUTPUT_DIR defaults to ``screenshots/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, serve_site  # noqa: E402

DEVICES: dict[str, dict[str, object]] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
LANGUAGE_PREFIXES = {"en": "", "fr": "fr/"}


def build_site(destination: Path) -> Path:
    """Build the shipped site into ``destination`` and return it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(destination)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return destination


def pages(site: Path, destination_code: str) -> dict[str, str]:
    """Name -> URL path of the pages to photograph; the map only once it is built."""
    chosen = {"home": "", "destination": f"destinations/{destination_code.lower()}/", "map": "destinations/map/"}
    missing = [name for name, path in chosen.items() if not (site / path / "index.html").is_file()]
    for name in missing:
        print(f"skipped {name}: {chosen[name] or '/'} is not in the built site", file=sys.stderr)
    return {name: path for name, path in chosen.items() if name not in missing}


def stay_local(route: Any) -> None:
    """Let requests to the served site through; abort any other (the review runs offline)."""
    if urlsplit(route.request.url).hostname == "127.0.0.1":
        route.continue_()
    else:
        route.abort()


def first_printed_page(tab: Any, pdf: Path, png: Path) -> None:
    """Print the open page to ``pdf`` (Letter) and render its first page to ``png`` at 96 dpi."""
    tab.pdf(path=str(pdf), format="Letter")
    command = ["pdftoppm", "-f", "1", "-l", "1", "-r", "96", "-png", "-singlefile", str(pdf), str(png.with_suffix(""))]
    subprocess.run(command, check=True)


def take_screenshots(site: Path, output: Path, destination_code: str, full_page: bool) -> list[Path]:
    """Photograph every page in both languages at both widths; returns the files written."""
    output.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with serve_site(site) as base_url, tempfile.TemporaryDirectory() as profiles:
        for device, options in DEVICES.items():
            with chromium(Path(profiles) / device, **options) as context:
                context.route("**/*", stay_local)
                tab = context.new_page()
                for name, path in pages(site, destination_code).items():
                    for lang, prefix in LANGUAGE_PREFIXES.items():
                        tab.goto(base_url + prefix + path, wait_until="networkidle")
                        file = output / f"{name}-{lang}-{device}.png"
                        tab.screenshot(path=str(file), full_page=full_page)
                        written.append(file)
                        if device == "desktop" and name == "destination":
                            written += print_page(tab, output, lang, Path(profiles))
    return written


def print_page(tab: Any, output: Path, lang: str, scratch: Path) -> list[Path]:
    """``print-<lang>.png``: the first printed page of the destination open in ``tab``; none without pdftoppm."""
    if shutil.which("pdftoppm") is None:
        print("skipped print: pdftoppm not found (apt-get install poppler-utils)", file=sys.stderr)
        return []
    file = output / f"print-{lang}.png"
    first_printed_page(tab, scratch / f"print-{lang}.pdf", file)
    return [file]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", type=Path, default=ROOT / "screenshots", help="folder for the PNG files")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the shipped one)")
    parser.add_argument("--destination", default="MX", help="code of the destination page to photograph (default MX)")
    parser.add_argument("--full-page", action="store_true", help="the whole page, not only the first screen")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site or build_site(Path(scratch) / "site")
        for file in take_screenshots(site, args.output, args.destination, args.full_page):
            print(file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
