"""Offline reading (issue 18), read from built sites: the worker and its precache list, the offline page and
manifest of each language, the "Save for offline" control, and ``offline: false``."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

from travel_advice.core.model import LANGUAGES
from travel_advice.core.words import label
from travel_advice.site import offline

from .conftest import Build, run_build
from .test_search import index_text

FOLDERS = {"en": "", "fr": "fr/"}


def settings(site: Path) -> dict:
    """The settings the build wrote into ``sw.js``."""
    found = re.search(r"^const SETTINGS = (\{.*\});$", (site / "sw.js").read_text(encoding="utf-8"), re.M)
    assert found, "sw.js has no settings line"
    return json.loads(found.group(1))


def built_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or url == "" else site / url


def linked(page: str, page_path: str, pattern: str) -> str:
    """Site path of the first address matching ``pattern`` (an attribute regex with one group) in ``page``."""
    found = re.search(pattern, page)
    assert found, pattern
    return posixpath.normpath(posixpath.join(posixpath.dirname(page_path), found.group(1)))


def test_worker_precaches_the_shell_the_pages_load(shipped_site: Build) -> None:
    site = shipped_site.site
    worker = settings(site)
    shell = worker["shell"]
    assert all(built_file(site, url).is_file() for url in shell), shell
    assert not [url for url in shell if re.match(r"[a-z]+:|/", url)], "addresses from the site root only, no other origin"
    for lang, folder in FOLDERS.items():
        assert f"{folder}offline/" in shell and f"{folder}manifest.webmanifest" in shell
        page_path = f"{folder}destinations/mx/index.html"
        page = shipped_site.page(page_path)
        for address in re.findall(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"', page):
            assert posixpath.normpath(posixpath.join(posixpath.dirname(page_path), address)) in shell, (lang, address)
    assert {"assets/offline.js", "assets/travel-advice.css", offline.ICON, "assets/images/favicon.png"} <= set(shell)
    assert [name for name in shell if name.startswith("assets/javascripts/bundle.")], "Material's bundle"
    assert worker["offline"] == {"fr/": "fr/offline/", "": "offline/"}
    assert list(worker["offline"]) == ["fr/", ""], "the longest language folder is tried first"
    files = {url: built_file(site, url).read_bytes() for url in shell}
    assert worker["version"] == offline.version(files), "the version is the hash of the very files precached"


def test_version_changes_with_any_shell_byte() -> None:
    shell = {"assets/a.css": b"body{}", "offline/": b"<html>"}
    assert offline.version(shell) == offline.version(dict(shell))
    assert offline.version(shell) != offline.version({**shell, "assets/a.css": b"body{ }"})
    assert offline.version(shell) != offline.version({**shell, "assets/b.js": b""})
    worker = offline.service_worker(shell, {"": "offline/"})
    assert f'"version": "{offline.version(shell)}"' in worker and "const SETTINGS = {};" not in worker


def test_shell_assets_are_this_sites_files_only() -> None:
    page = (
        '<link rel="stylesheet" href="../../assets/a.css?v=1"><link rel="icon" href="../../icon.png">'
        '<link rel="alternate" href="../../fr/"><link rel="stylesheet" href="https://cdn.example.org/x.css">'
        '<script src="//cdn.example.org/y.js"></script><script src="../../b.js"></script><script>inline()</script>'
        '<link rel="manifest" href="../../manifest.webmanifest"><script src="/abs.js"></script>'
    )
    assert offline.shell_assets(page, "destinations/mx/index.html") == {"assets/a.css", "icon.png", "b.js", "manifest.webmanifest"}


def test_offline_page_of_each_language(shipped_site: Build) -> None:
    site, sitemap = shipped_site.site, shipped_site.page("sitemap.xml")
    for lang, folder in FOLDERS.items():
        path = f"{folder}offline/index.html"
        page = shipped_site.page(path)
        assert f'<html lang="{lang}"' in page
        assert re.search(rf"<h1 id=[^>]*>{label('offline_title', lang)}", page)
        assert label("offline_text", lang) in page
        assert 'href="tel:+16135550199"' in page and label("emergency_24_7", lang) in page
        home = linked(page, path, rf'<a href="([^"]*)">{label("home_page", lang)}</a>')
        index = linked(page, path, rf'<a href="([^"]*)">{label("all_destinations", lang)}</a>')
        assert (site / home / "index.html").is_file() and home == (folder.rstrip("/") or ".")
        assert (site / index / "index.html").is_file() and index == f"{folder}destinations"
        assert '<meta name="robots" content="noindex">' in page
        assert f"{folder}offline/" not in sitemap
        assert '"url":"/offline/"' not in index_text(site, folder) and "data-pagefind-body" not in page


def test_manifest_of_each_language_linked_from_its_pages(shipped_site: Build) -> None:
    site = shipped_site.site
    for lang, folder in FOLDERS.items():
        manifest_path = f"{folder}manifest.webmanifest"
        manifest = json.loads(shipped_site.page(manifest_path))
        home = shipped_site.page(f"{folder}index.html")
        site_name = re.search(r'<meta property="og:site_name" content="([^"]+)"', home).group(1)
        assert manifest["name"] == site_name.replace("&#39;", "'")
        assert manifest["short_name"] == label("app_short_name", lang) and manifest["lang"] == {"en": "en-CA", "fr": "fr-CA"}[lang]
        assert manifest["start_url"] == manifest["scope"] == "./" and manifest["theme_color"] == offline.THEME_COLOUR
        [icon] = manifest["icons"]
        assert (site / posixpath.normpath(posixpath.join(folder, icon["src"]))).is_file()
        for path in (f"{folder}index.html", f"{folder}destinations/mx/index.html", f"{folder}destinations/index.html", f"{folder}offline/index.html"):
            assert linked(shipped_site.page(path), path, r'<link rel="manifest" href="([^"]+)">') == manifest_path, path
        assert f'<link rel="manifest" href="/{manifest_path}">' in shipped_site.page(f"{folder}404.html")
    assert manifest["name"] == "Conseils et avertissements aux voyageurs"


def test_manifest_text_is_json_whatever_the_site_name() -> None:
    hostile = 'Conseils "aux" voyageurs </script><img src=x onerror=alert(1)> \\ \u2028'
    manifest = json.loads(offline.manifest("fr", "fr/", hostile, None))
    assert manifest["name"] == hostile and manifest["description"] == "" and manifest["icons"][0]["src"] == "../assets/travel-advice-icon.svg"


def test_save_control_on_destination_pages_only(shipped_site: Build) -> None:
    for lang, folder in FOLDERS.items():
        page = shipped_site.page(f"{folder}destinations/mx/index.html")
        control = re.search(r'<div class="ta-save" id="ta-save"([^>]*)>(.*?)</div>', page, re.S)
        assert control, lang
        attributes, inside = control.groups()
        assert attributes.rstrip().endswith("hidden"), "hidden until the worker is active"
        assert f'data-within="{folder}"' in attributes
        assert re.search(r'data-skip="([^"]*)"', attributes).group(1) == {"en": "destinations/ fr/", "fr": "fr/destinations/"}[lang]
        assert f'<button type="button" class="md-button">{label("offline_save", lang)}</button>' in inside
        assert '<p class="ta-save__status" aria-live="polite"></p>' in inside
        for key in ("offline_saving", "offline_saved", "offline_save_failed"):
            assert label(key, lang) in attributes
        notice = re.search(r'<p class="ta-saved-copy" id="ta-saved-copy" role="status" data-locale="([^"]+)" hidden>(.*?)</p>', page)
        assert notice and notice.group(1) == {"en": "en-CA", "fr": "fr-CA"}[lang]
        assert notice.group(2) == label("offline_copy", lang, date='<span class="ta-saved-copy__date"></span>')
        for other in ("destinations/index.html", "during/index.html", "destinations/mx/history/index.html", "index.html"):
            other_page = shipped_site.page(folder + other)
            assert 'id="ta-save"' not in other_page and 'id="ta-saved-copy"' in other_page, other


def test_offline_script_is_a_file_and_the_policy_allows_worker_and_manifest(shipped_site: Build) -> None:
    page = shipped_site.page("fr/destinations/mx/index.html")
    assert '<script src="../../../assets/offline.js" defer></script>' in page  # deferred, as every external script (html_passes)
    assert "worker-src 'self'" in page and "manifest-src 'self'" in page
    assert "serviceWorker" not in re.sub(r"<script src=[^>]*></script>", "", page), "no inline script of ours"


def test_offline_false_publishes_a_worker_that_removes_itself(small_project: Path) -> None:
    config = small_project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - travel-advice:\n", "  - travel-advice:\n      offline: false\n"), encoding="utf-8")
    build = run_build(small_project)
    assert build.returncode == 0, build.output
    site = build.site
    assert (site / "sw.js").read_text(encoding="utf-8") == offline.RETIRED_WORKER
    assert not (site / "offline").exists() and not (site / "fr/offline").exists()
    assert not (site / "manifest.webmanifest").exists() and not (site / "assets/offline.js").exists()
    for lang in LANGUAGES:
        page = build.page(f"{FOLDERS[lang]}destinations/pt/index.html")
        assert "offline.js" not in page and 'rel="manifest"' not in page and "ta-save" not in page and "ta-saved-copy" not in page
