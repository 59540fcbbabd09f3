"""Offline reading wired into the build (site/offline.py): each language's offline page and manifest, the page
script and icon, and at the end of the build the service worker at the site root, its shell gathered from what
the built pages load."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.utils import write_file

from travel_advice.core.model import EmergencyContact
from travel_advice.glue import i18n as i18n_glue
from travel_advice.glue import upstream
from travel_advice.site import offline
from travel_advice.site.layout import Layout

SITE_PACKAGE_DIR = Path(__file__).parent.parent / "site"


class OfflineBuild:
    """What one build needs for offline reading: the shell the pages load, gathered page by page."""

    def __init__(self) -> None:
        self.shell: set[str] = set()

    def add_files(self, files: Files, config: MkDocsConfig, emergency: EmergencyContact | None, layout: Layout) -> None:
        """Call from ``on_files`` after static-i18n: this language's offline page and manifest, the script and icon."""
        lang, urls = i18n_glue.current_language(config), i18n_glue.MkDocsUrls(config)
        page = offline.offline_page(lang, emergency, urls.relative_url(offline.OFFLINE_PAGE, "index.md"), urls.relative_url(offline.OFFLINE_PAGE, layout.index))
        i18n_glue.add_generated_pages(files, config, {offline.OFFLINE_PAGE: page}, sitemap=False)
        folder = i18n_glue.language_prefix(config, lang)
        i18n_glue.add_generated_files(files, config, {offline.MANIFEST: offline.manifest(lang, folder, config.site_name, config.site_description)})
        for asset in (offline.SCRIPT, offline.ICON):
            i18n_glue.add_static_file(files, config, asset, str(SITE_PACKAGE_DIR / asset))

    def collect(self, page: str, dest_uri: str) -> None:
        """Call with every built page: what it loads joins the shell."""
        self.shell |= offline.shell_assets(page, dest_uri)

    def write_worker(self, config: MkDocsConfig) -> None:
        """Call once every language is written: ``sw.js`` at the site root, precaching the shell and the offline pages."""
        site = Path(config.site_dir)
        pages = {
            i18n_glue.language_prefix(config, lang): i18n_glue.page_url(config, lang, offline.OFFLINE_PAGE)
            for lang in i18n_glue.build_languages(config)
        }
        if not any(path.startswith("assets/javascripts/") for path in self.shell):
            upstream.missed("offline-shell", offline.WORKER, "no page loads Material's scripts through <script src>; offline, pages lack them")
        shell = {path: (site / path).read_bytes() for path in self.shell | {offline.ICON} if (site / path).is_file()}
        for url in pages.values():
            shell[url] = (site / url / "index.html").read_bytes() if url.endswith("/") else (site / url).read_bytes()
        write_file(offline.service_worker(shell, pages).encode("utf-8"), str(site / offline.WORKER))
        self.shell.clear()


def write_retired_worker(config: MkDocsConfig) -> None:
    """With ``offline: false``: a ``sw.js`` that removes itself and its caches from travellers' browsers."""
    write_file(offline.RETIRED_WORKER.encode("utf-8"), str(Path(config.site_dir) / offline.WORKER))
