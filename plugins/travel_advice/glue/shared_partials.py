"""Material's partials rendered once for the pages that show them alike, not once per page.

Material writes the site's navigation into every page: the drawer (``partials/nav.html``) and
the tabs (``partials/tabs.html``), a quarter of the time Jinja spends on a page. The pages this
plugin generates by the thousand (destinations, their histories) are not in the navigation, so
what it shows on them is the same on each, but for its links, which MkDocs' ``url`` filter makes
relative to the page.

The theme's overrides of the two partials (glue/theme/partials/) hand Material's own partial,
reached through :data:`UPSTREAM_PREFIX`, to :meth:`SharedPartials.render` as the body of a
``{% call %}``. A fragment rendered for a page outside the navigation is kept with every link its
rendering passed through the ``url`` filter; another page outside the navigation, with the same
entries active, reuses it when each of those links comes out the same for that page (the same
folder depth and the same place relative to every target). A page in the navigation (Material
marks it and writes its table of contents there) is rendered as usual. Nothing is kept from one
language's build to the next: each gets a new environment.

Material's words (``partials/language.html``: ``lang.t(key)``, some thirty a page, each a macro
that builds the language's table of words again) are looked up once per language's build: the
override (Material's, its ``t`` renamed) hands it to :meth:`SharedPartials.words`, which keeps
what it gave. Where the override is read without this plugin's globals (Material's search plugin
reads it in an environment of its own), Material's ``t`` answers as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from travel_advice.glue import upstream

UPSTREAM_PREFIX = "travel-advice-upstream"
"""Template names under this prefix are the theme's own (Material's), never the overrides of this package."""
SHARED_PARTIALS = ("nav", "tabs")
"""Material's partials (``partials/<name>.html``) that glue/theme/partials/ wraps in :meth:`SharedPartials.render`."""
SHARED_GLOBAL = "travel_advice_shared_navigation"
"""The name the overrides call :meth:`SharedPartials.render` by."""
MOST_KEPT = 32
"""Renderings kept per fragment and active entries: pages in more places than this (each link differs) render their
own, so that looking for a kept one never costs more than a rendering."""
WORDS_GLOBAL = "travel_advice_words"
"""The name the override of Material's words calls :meth:`SharedPartials.words` by."""


@dataclass(frozen=True)
class _Kept:
    """One rendered fragment and the links it was rendered with: (value given to ``url``, what it gave)."""

    links: tuple[tuple[Any, str], ...]
    html: str


class SharedPartials:
    """Navigation fragments and words kept for one language's build (one Jinja environment)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, tuple[bool, ...]], list[_Kept]] = {}
        self._recording: list[list[tuple[Any, str]]] = []
        self._url: Callable[[Any, Any], str] | None = None
        self._words: dict[Any, Any] = {}

    def attach(self, env: jinja2.Environment, upstream_dirs: list[str]) -> jinja2.Environment:
        """``env`` with the theme's own templates under :data:`UPSTREAM_PREFIX` (``upstream_dirs``, the theme's
        folders after this package's), its ``url`` filter watched, and :meth:`render` as :data:`SHARED_GLOBAL`."""
        self._kept.clear()
        self._words.clear()
        for name in SHARED_PARTIALS:
            if not any((Path(folder) / "partials" / f"{name}.html").is_file() for folder in upstream_dirs):
                upstream.missed(
                    "shared partials", f"partials/{name}.html",
                    "not found in the theme (Material); the pages are built without it: check glue/theme/partials/",
                )
        self._url = env.filters["url"]
        env.filters["url"] = jinja2.pass_context(lambda context, value: self._watched_url(context, value))
        env.globals[SHARED_GLOBAL] = self.render
        env.globals[WORDS_GLOBAL] = self.words
        env.loader = jinja2.ChoiceLoader([
            env.loader or jinja2.FileSystemLoader([]),
            jinja2.PrefixLoader({UPSTREAM_PREFIX: jinja2.FileSystemLoader(upstream_dirs)}),
        ])
        return env

    def _watched_url(self, context: jinja2.runtime.Context, value: Any) -> str:
        """MkDocs' ``url`` filter; what it gives is noted by every fragment being rendered."""
        result = self._url_of(context, value)
        for links in self._recording:
            links.append((value, result))
        return result

    @jinja2.pass_context
    def render(self, context: jinja2.runtime.Context, name: str, *, caller: Callable[[], str]) -> str:
        """The fragment ``name`` that ``caller`` renders for this page: kept from an earlier page where it is the same."""
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or page in nav.pages:
            return caller()
        key = (name, tuple(item.active for item in _entries(nav.items)))
        for kept in self._kept.get(key, ()):
            if all(self._url_of(context, value) == result for value, result in kept.links):
                return kept.html
        self._recording.append([])
        try:
            html = caller()
        finally:
            links = self._recording.pop()
        kept_here = self._kept.setdefault(key, [])
        if len(kept_here) < MOST_KEPT:
            kept_here.append(_Kept(tuple(links), html))
        return html

    def words(self, translate: Callable[[Any], Any]) -> Callable[[Any], Any]:
        """Material's ``translate(key)``, each key's word kept for the rest of the language's build."""

        def word(key: Any) -> Any:
            if key not in self._words:
                self._words[key] = translate(key)
            return self._words[key]

        return word

    def _url_of(self, context: jinja2.runtime.Context, value: Any) -> str:
        """MkDocs' own ``url`` filter, unwatched."""
        assert self._url is not None
        return self._url(context, value)


def _entries(items: Iterable[Any]) -> Iterator[Any]:
    """Every entry of the navigation, sections' children included, in order."""
    for item in items:
        yield item
        yield from _entries(getattr(item, "children", None) or ())
