"""One change to Material's JavaScript bundle, made in the built site: no request for ``sitemap.xml``.

Material 9.8.1 reads every ``<link rel="alternate">`` of a page and fetches ``sitemap.xml`` next
to each address, so that its language selector can keep the reader on the same page. Our pages
carry absolute ``hreflang`` and feed alternates (site/head_tags.py), so each page asked the public
host for five or six sitemaps, most of them 404s (console errors, a request to another origin
under a local preview). The selector's links already lead to the same page in the other language
(static-i18n), so the lookup is not needed: its selector is narrowed to links that no page has.
"""

from __future__ import annotations

from pathlib import Path

BUNDLES = "assets/javascripts/bundle.*.min.js"
ALTERNATE_LOOKUP = '"link[rel=alternate]"'
NO_LOOKUP = '"link[rel=alternate][data-travel-advice-sitemap]"'
"""An attribute no page carries: the selector matches nothing."""


def stop_sitemap_lookups(site_dir: Path) -> list[str]:
    """Narrow the alternate-link lookup in each Material bundle of ``site_dir``; returns the bundles
    where Material's code was not found (a new Material version: check by hand, see tests/test_field.py)."""
    unchanged = []
    for bundle in sorted(site_dir.glob(BUNDLES)):
        script = bundle.read_text(encoding="utf-8")
        if ALTERNATE_LOOKUP in script:
            bundle.write_text(script.replace(ALTERNATE_LOOKUP, NO_LOOKUP), encoding="utf-8")
        elif NO_LOOKUP not in script:
            unchanged.append(bundle.name)
    return unchanged
