"""Offline reading, from plain values: the offline page and web app manifest of each language, the service
worker with its precache list, and what the theme templates need (the "Save for offline" control, the notice
of a copy read from the device).

The worker (``assets/offline-worker.js``) is hand-written; the build fills in its settings: the shell to
precache (the stylesheets, scripts and icons the pages use, and each language's offline page), a version
hashed from those files' bytes (the name of its cache: an update never mixes old and new), and which offline
page stands in for an unsaved page of each language folder.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from travel_advice.core.model import EmergencyContact, Lang
from travel_advice.core.words import BABEL_LOCALES, COLON, label
from travel_advice.site.destination_page import environment

OFFLINE_PAGE = "offline.md"
"""Source path of each language's offline page (``offline/``, ``fr/offline/``)."""
WORKER = "sw.js"
"""The service worker, at the site root: its scope covers every language."""
MANIFEST = "manifest.webmanifest"
"""The web app manifest, at the root of each language folder."""
SCRIPT = "assets/offline.js"
ICON = "assets/travel-advice-icon.svg"
THEME_COLOUR = "#4051b5"
"""Material's indigo, the site's primary colour."""
WORKER_SOURCE = resources.files("travel_advice.site") / "assets" / "offline-worker.js"
_SETTINGS_LINE = "const SETTINGS = {};"
_TAG = re.compile(r"<(link|script)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""\b(rel|href|src)=["']([^"']*)["']""", re.I)
_SHELL_LINK = re.compile(r"""\brel=["']?(stylesheet|icon|manifest)\b""", re.I)
_NOT_RELATIVE = re.compile(r"[a-z][a-z0-9+.-]*:|/", re.I)
"""An address with a scheme, a host (``//``) or from the host's root: not a file of this site's folder."""


def locale(lang: Lang) -> str:
    """The BCP 47 tag of a language's Babel locale (``fr-CA``), for ``Intl.DateTimeFormat`` and the manifest."""
    return BABEL_LOCALES[lang].replace("_", "-")


def offline_page(lang: Lang, emergency: EmergencyContact | None, home_href: str, index_href: str) -> str:
    """Markdown of a language's offline page: what happened, the 24/7 line, links home and to every destination."""
    template = environment().get_template("offline.md.j2")
    return template.render(
        ui=lambda key, **values: label(key, lang, **values), colon=COLON[lang], emergency=emergency, home_href=home_href, index_href=index_href
    )


def shell_assets(page: str, page_path: str) -> set[str]:
    """Site paths of the stylesheets, scripts, icons and manifest ``page`` (at site path ``page_path``) loads
    from this site; addresses with a scheme or a host (other origins) are left out."""
    found = set()
    folder = posixpath.dirname(page_path)
    for tag, attributes in _TAG.findall(page):
        script = tag.lower() == "script"
        if not ("src=" in attributes if script else _SHELL_LINK.search(attributes)):
            continue
        values = dict((name.lower(), value) for name, value in _ATTRIBUTE.findall(attributes))
        address = values.get("src" if script else "href")
        if not address or _NOT_RELATIVE.match(address):
            continue
        path = posixpath.normpath(posixpath.join(folder, address.split("#")[0].split("?")[0]))
        if not path.startswith(".."):
            found.add(path)
    return found


def version(shell: Mapping[str, bytes]) -> str:
    """A short hash of every shell file's path and bytes, and of the worker itself: any change makes a new cache."""
    digest = hashlib.sha256(WORKER_SOURCE.read_bytes())
    for path in sorted(shell):
        digest.update(f"\0{path}\0{len(shell[path])}\0".encode())
        digest.update(shell[path])
    return digest.hexdigest()[:16]


def service_worker(shell: Mapping[str, bytes], offline_pages: Mapping[str, str]) -> str:
    """The worker's source with its settings: ``shell`` (site path -> bytes) precached under a cache named by
    :func:`version`; ``offline_pages`` maps a language folder (``''``, ``'fr/'``) to its offline page's URL."""
    settings = {
        "version": version(shell),
        "shell": sorted(shell),
        "offline": dict(sorted(offline_pages.items(), key=lambda item: -len(item[0]))),
    }
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    if _SETTINGS_LINE not in source:
        raise ValueError(f"{WORKER_SOURCE.name}: no '{_SETTINGS_LINE}' line for the build's settings")
    return source.replace(_SETTINGS_LINE, f"const SETTINGS = {json.dumps(settings, ensure_ascii=True)};", 1)


def manifest(lang: Lang, folder: str, name: str, description: str | None) -> str:
    """The web app manifest of a language, written at ``<folder>manifest.webmanifest``: it starts at and covers
    that language's folder; addresses are relative to the manifest."""
    icon = posixpath.relpath(ICON, folder or ".")
    content: dict[str, Any] = {
        "name": name,
        "short_name": label("app_short_name", lang),
        "description": description or "",
        "lang": locale(lang),
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [{"src": icon, "sizes": "any", "type": "image/svg+xml", "purpose": "any"}],
    }
    return json.dumps(content, ensure_ascii=False, indent=2) + "\n"


def template_context(lang: Lang, folder: str, other_folders: Iterable[str], destinations_folder: str, *, destination: bool) -> dict[str, Any]:
    """The ``offline`` part of a page's template context: its manifest, the notice of a copy read from the device
    (the date goes between ``copy_before`` and ``copy_after``) and, on a destination page, the save control.

    The save control keeps the links of this language only, outside the destinations folder (the guidance pages):
    ``within`` and ``skip`` are paths from the site root."""
    before, _, after = label("offline_copy", lang, date="\0").partition("\0")
    context: dict[str, Any] = {
        "manifest": folder + MANIFEST,
        "theme_colour": THEME_COLOUR,
        "locale": locale(lang),
        "copy_before": before,
        "copy_after": after,
        "save": None,
    }
    if destination:
        context["save"] = {
            "label": label("offline_save", lang),
            "saving": label("offline_saving", lang),
            "saved": label("offline_saved", lang),
            "failed": label("offline_save_failed", lang),
            "within": folder,
            "skip": " ".join([f"{folder}{destinations_folder}/", *(other for other in other_folders if other)]),
        }
    return context


RETIRED_WORKER = """/* Offline reading is turned off (offline: false): this worker replaces the site's earlier one,
   deletes its caches and unregisters itself; pages then load from the network as before. */
"use strict";
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  const mine = (name) => name.startsWith("travel-advice-") && name.endsWith("@" + self.registration.scope);
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter(mine).map((name) => caches.delete(name))))
      .then(() => self.registration.unregister())
  );
});
"""
