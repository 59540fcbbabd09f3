"""Generated pages reach MkDocs with their HTML not parsed again by Markdown (glue/generated_page.py).

The shipped site is built twice: as published, and with MkDocs' own ``Page`` rendering the
generated pages' whole Markdown (the former path). Every page must read the same: visible text,
headings, ids and links.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import markdown
import yaml

from tests.conftest import BUILD_DATE, Build, copy_project, run_build, unexpected_warnings, with_example_history
from travel_advice.glue import generated_page

MARKDOWN_EVERYWHERE = (
    "import travel_advice.glue.i18n as glue; glue.GeneratedPage = lambda *args: None; "
    "from mkdocs.__main__ import cli; cli()"
)
"""``mkdocs`` with the generated pages left to MkDocs' ``Page``: all their Markdown parsed, as before."""


class _Reading(HTMLParser):
    """What a reader and a link checker see of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._heading: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._hidden += 1
        if "id" in values:
            self.ids.append(values["id"] or "")
        if tag == "a" and "href" in values:
            self.links.append(values["href"] or "")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._heading = (tag, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1
        if self._heading and tag == self._heading[0]:
            self.headings.append((tag, " ".join("".join(self._heading[1]).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.text.extend(data.split())
        if self._heading:
            self._heading[1].append(data)


def reading(page: Path) -> _Reading:
    parser = _Reading()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_generated_pages_read_as_when_markdown_parsed_them_whole(shipped_site: Build, tmp_path: Path) -> None:
    former = tmp_path / "former"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRAVEL_ADVICE_BUILD_DATE": BUILD_DATE}
    run = subprocess.run(
        [sys.executable, "-c", MARKDOWN_EVERYWHERE, "build", "--strict", "-d", str(former)],
        cwd=with_example_history(copy_project(tmp_path)),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    pages = sorted(p.relative_to(shipped_site.site) for p in shipped_site.site.rglob("*.html"))
    assert pages == sorted(p.relative_to(former) for p in former.rglob("*.html"))
    generated = [p for p in pages if p.parts[-3:-2] == ("destinations",) or p.parts[-2:-1] == ("destinations",)]
    assert len(generated) > 20
    for page in pages:
        new, old = reading(shipped_site.site / page), reading(former / page)
        assert new.headings == old.headings, page
        assert new.ids == old.ids, page
        assert new.links == old.links, page
        assert new.text == old.text, page
    mexico = "destinations/mx/index.html"
    assert "ta:markdown" in (former / mexico).read_text(encoding="utf-8"), "the former path was not taken"
    assert "ta:markdown" not in shipped_site.page(mexico)


EDGE_SECTIONS = {
    "safety": "### Petty *crime* in `Lisbon`\nPickpockets work on trams.\n### Safety\nA sub-heading named like its section.\n\n"
    "| Where | When |\n|:--|--:|\n| Tram 28 | day |\n\n> Quoted\n### Petty *crime* in `Lisbon`\n#### Fourth & last\n",
    "entry_exit": "Passports\n:   valid six months\n\n1. one\n2. two\n\nA [link](https://example.org/a?b=1&c=2) and [write](mailto:x@example.org).\n### Entry\n\n    code\n",
    "health": "See the [map](../map/) and [safety](#securite).\n",
    "laws_culture": "[TOC]\n\n1. one\n\n    code\n### Inside a list, though on a line of its own\n",
    "disasters_climate": "\tTabbed code\n   \nA line of spaces above.\n",
}
"""Editors' Markdown the check's HTML must render as the page's Markdown would, or be left to it."""


def test_fields_render_as_markdown_would_with_their_checked_html(small_project: Path, tmp_path: Path) -> None:
    """Every field rendered from its checked HTML gives the page Markdown would make of it; the others go through Markdown."""
    advisory = small_project / "advisories" / "pt.yml"
    data = yaml.safe_load(advisory.read_text(encoding="utf-8"))
    for key, text in EDGE_SECTIONS.items():
        data["sections"][key] = {"en": text, "fr": text.replace("Petty", "Petite")}
    data["sections"]["disasters_climate"]["fr"] = "Voir [la carte][carte].\n\n[carte]: https://example.org/carte\n"  # a page-wide definition
    advisory.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    reused: list[str] = []
    checked = generated_page._checked

    def counted(lines: list[str]) -> list[generated_page.Block] | None:
        found = checked(lines)
        reused.extend(lines[:1] if found is not None else [])
        return found

    with mock.patch.object(generated_page, "_checked", counted):
        build = run_build(small_project, "-d", str(tmp_path / "reused"))
    assert build.returncode == 0 and unexpected_warnings(build.output) == [], build.output
    with mock.patch.object(generated_page, "checked_html", lambda text: None):
        build = run_build(small_project, "-d", str(tmp_path / "markdown"))
    assert build.returncode == 0, build.output
    for page in ("destinations/pt/index.html", "fr/destinations/pt/index.html"):
        assert (tmp_path / "reused" / page).read_text(encoding="utf-8") == (tmp_path / "markdown" / page).read_text(encoding="utf-8"), page
    assert sorted(reused) == ["### Petty *crime* in `Lisbon`", "If you lose your passport, report it to the police, then contact the office below.", "Passports"]
    # not: links MkDocs rewrites, the toc marker, a heading inside a list, tabs and blank lines Markdown rewrote, any field of a page with a definition
    page = (tmp_path / "reused" / "destinations/pt/index.html").read_text(encoding="utf-8")
    assert 'id="safety_1"' in page and 'id="petty-crime-in-lisbon_1"' in page  # sub-heading ids stay unique in the page


def test_lines_are_those_markdown_normalizes() -> None:
    """The shortcut of ``_normalized_lines`` gives what Markdown's ``NormalizeWhitespace`` gives, whatever the text."""
    md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html"])
    normalizer = md.preprocessors["normalize_whitespace"]
    pieces = [" ", "  ", "\n", "\t", "\r", "\r\n", "a", "#", "\x02", "\x03", "<p>", "é"]
    chance = random.Random(19)
    texts = ["", "\n", " \n", "a\n \nb", "a\n\n", "x  \n", *("".join(chance.choices(pieces, k=chance.randint(0, 12))) for _ in range(20_000))]
    for text in texts:
        assert generated_page._normalized_lines(text, md) == normalizer.run(text.split("\n")), repr(text)


def test_ids_are_those_of_an_attribute_after_a_blank() -> None:
    """``_html_ids`` finds what a pattern led by ``\\s`` finds, whatever the text: not ``data-id``, not at the very start."""
    pieces = [" ", "\n", "\u00a0", "a", "-", "id=", '"', "'", "x", "y", "<p ", ">"]
    chance = random.Random(17)
    texts = ['<p id="a">', 'id="start"', '<p data-id="no">', "<p\nid='b'>", *("".join(chance.choices(pieces, k=chance.randint(0, 14))) for _ in range(20_000))]
    for text in texts:
        expected = set(re.findall(r"""\sid=["']([^"']+)["']""", text))
        assert generated_page._html_ids([("html", text)]) == expected, repr(text)
