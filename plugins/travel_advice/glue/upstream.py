"""The seams with MkDocs, Material for MkDocs, mkdocs-static-i18n and Python-Markdown, guarded so that none breaks silently.

The plugin reaches into parts of these packages that are not public API (README: Upstream seams).
The pins of ``pyproject.toml`` catch a break in this repository; on a site installed with other
versions, :func:`version_warning` names them (one warning at ``on_config``), and each rewrite of
their markup or data that finds nothing to rewrite says so through :func:`missed`: one warning per
seam and build, naming the first page, instead of a site that quietly lost its search or links.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import metadata

from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger(__name__)

TESTED_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1", "pagefind": "1.5.2", "markdown": "3.11.3"}
"""The versions the test suite ran with (the pins of ``pyproject.toml``)."""
_missed: set[str] = set()


def installed_version(distribution: str) -> str | None:
    """The installed version of a distribution, None when it is not installed."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def untested_versions(tested: Mapping[str, str] = TESTED_VERSIONS, version: Callable[[str], str | None] | None = None) -> dict[str, str | None]:
    """Each distribution installed in another version than the tested one (None: not installed).

    ``version``: how to read an installed version (default :func:`installed_version`).
    """
    version = version or installed_version
    return {name: found for name in tested if (found := version(name)) != tested[name]}


def version_warning(untested: Mapping[str, str | None], tested: Mapping[str, str] = TESTED_VERSIONS) -> str | None:
    """One line naming the untested versions and what to do, or None when every version is the tested one."""
    if not untested:
        return None
    found = ", ".join(f"{name} {version or 'not installed'} (tested: {tested[name]})" for name, version in untested.items())
    return (
        f"untested versions: {found}. travel-advice reaches into these packages' internals; check the "
        "built site (search, language selector, 404 page) or install the tested versions (README: Upstream seams)"
    )


def check_versions() -> None:
    """Log :func:`version_warning` for the installed packages, if any differs; call once per build."""
    warning = version_warning(untested_versions())
    if warning:
        log.warning(warning)


def start_build() -> None:
    """Forget the seams reported by the previous build (``mkdocs serve`` rebuilds in one process)."""
    _missed.clear()


def missed(seam: str, where: str, what: str) -> None:
    """Say once per build that a rewrite of upstream markup or data found nothing at ``seam``.

    ``where``: the first page or file concerned; ``what``: what was expected and what is lost.
    """
    if seam not in _missed:
        _missed.add(seam)
        log.warning(f"{where}: {what} (upstream seam '{seam}': an update of MkDocs, Material or mkdocs-static-i18n may have moved it; README: Upstream seams)")
