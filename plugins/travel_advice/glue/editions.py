"""The archived edition pages (site/edition_page.py): the site's look read from Material, the pages written to the output.

They do not go through MkDocs: each language build writes its own into ``site_dir`` (the
staging folder, glue/staging.py) at ``on_post_build`` (glue/build_cache.py, which reuses those an
earlier build made), so a failed build leaves the last good site.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from travel_advice.glue import upstream
from travel_advice.site.edition_page import EditionShell
from travel_advice.site.page_context import SiteInfo

_THEME_STYLESHEET = re.compile(r"""['"](assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css)['"]""")
"""The stylesheets Material's ``base.html`` links (Material 9.8.1: ``main.<hash>.min.css``, ``palette.<hash>.min.css``)."""


def shell(config: MkDocsConfig, site: SiteInfo) -> EditionShell:
    """What every edition page of the language being built shares: the theme's stylesheets and colours, the site's own."""
    theme = config.theme
    palette = theme.get("palette") or {}
    if isinstance(palette, list):
        palette = palette[0] if palette else {}
    colours = {key: str(palette[key]).lower().replace(" ", "-") for key in ("scheme", "primary", "accent") if palette.get(key)}
    return EditionShell(
        site,
        (*theme_stylesheets(config, palette=bool(palette)), *(str(css) for css in config.extra_css)),
        favicon=theme.get("favicon"),
        colours={"scheme": "default", **colours},
        copyright=config.copyright,
    )


def theme_stylesheets(config: MkDocsConfig, *, palette: bool) -> list[str]:
    """The theme's stylesheets, as its ``base.html`` links them (the palette's only with a palette set)."""
    base = next((Path(folder) / "base.html" for folder in config.theme.dirs if (Path(folder) / "base.html").is_file()), None)
    found = _THEME_STYLESHEET.findall(base.read_text(encoding="utf-8")) if base else []
    if not any("/main." in path for path in found):
        upstream.missed("theme-stylesheets", str(base or "base.html"), "no main stylesheet found in the theme's base.html; archived edition pages have the site's stylesheet only")
    return [path for path in dict.fromkeys(found) if palette or "/palette." not in path]
