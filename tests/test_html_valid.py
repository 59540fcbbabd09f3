"""Valid HTML: the W3C Nu validator (npm ``vnu-jar``, run on the machine's Java) on the whole built site.

Every error must be explained by ``UPSTREAM_ERRORS``: markup of Material for MkDocs 9.8.1 that
our templates do not control. An error in the HTML our templates and plugins produce fails.
The validator is found at ``$VNU_JAR``, else where ``.ci/run`` installs it (``VNU_JAR_DEFAULT``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .browser import require
from .conftest import Build

pytestmark = pytest.mark.slow

VNU_JAR_DEFAULT = Path.home() / ".cache/travel-advice/vnu/node_modules/vnu-jar/build/dist/vnu.jar"
CANARY = '<!doctype html><html lang="en"><head><title>Canary</title></head><body><p id="twin"></p><p id="twin"></p></body></html>'


@dataclass(frozen=True)
class UpstreamError:
    """A validator error that comes from Material's own markup, and why we leave it."""

    message: str
    extract: str
    reason: str

    def matches(self, error: dict[str, Any]) -> bool:
        return re.search(self.message, error["message"]) is not None and re.search(self.extract, error.get("extract", "")) is not None


UPSTREAM_ERRORS: tuple[UpstreamError, ...] = ()
"""None left: the three errors of Material 9.8.1's markup (``autocomplete`` on its checkbox toggles, an empty
``tabindex``, ``label for="__toc"``) are removed by ``html_passes.valid_material_markup``."""


def vnu_jar() -> Path:
    return Path(os.environ.get("VNU_JAR", VNU_JAR_DEFAULT))


def validate(*folders: Path) -> list[dict[str, Any]]:
    """Errors the Nu validator reports for every HTML file under ``folders``."""
    require(shutil.which("java") is not None, "Java is not installed (apt-get install default-jre-headless)")
    jar = vnu_jar()
    require(jar.is_file(), f"vnu.jar not found at {jar} (.ci/run installs npm vnu-jar there; or set VNU_JAR)")
    command = ["java", "-jar", str(jar), "--skip-non-html", "--errors-only", "--format", "json", *map(str, folders)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, timeout=600)
    assert completed.returncode in (0, 1), completed.stderr
    return [m for m in json.loads(completed.stderr)["messages"] if m["type"] in ("error", "non-document-error")]


@pytest.fixture(scope="module")
def errors(shipped_site: Build, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """One validator run over the shipped site and a canary page with a known error."""
    canary = tmp_path_factory.mktemp("canary")
    (canary / "canary.html").write_text(CANARY, encoding="utf-8")
    return validate(shipped_site.site, canary)


def where(error: dict[str, Any], site: Path) -> str:
    path = error.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
    return f"{path}:{error.get('lastLine', '?')}: {error['message']}"


def test_the_validator_reports_errors(errors: list[dict[str, Any]]) -> None:
    assert any(e.get("url", "").endswith("/canary.html") and "Duplicate ID" in e["message"] for e in errors)


def test_no_html_error_from_our_templates(errors: list[dict[str, Any]], shipped_site: Build) -> None:
    ours = [
        where(error, shipped_site.site)
        for error in errors
        if not error.get("url", "").endswith("/canary.html") and not any(u.matches(error) for u in UPSTREAM_ERRORS)
    ]
    assert ours == []


def test_every_upstream_exception_is_still_needed(errors: list[dict[str, Any]]) -> None:
    """An exception no longer matched (Material fixed it) must leave the list."""
    assert [u.message for u in UPSTREAM_ERRORS if not any(u.matches(e) for e in errors)] == []


def test_french_pages_are_validated(errors: list[dict[str, Any]], shipped_site: Build, tmp_path: Path) -> None:
    """Both languages are checked: a French page with an error planted in it is reported."""
    planted = tmp_path / "fr"
    planted.mkdir()
    page = shipped_site.page("fr/index.html").replace("</article>", '<p id="twin"></p><p id="twin"></p></article>', 1)
    (planted / "index.html").write_text(page, encoding="utf-8")
    assert any("Duplicate ID" in e["message"] for e in validate(planted))
