"""Lighter pages (site/html_passes.py): what goes must be nothing a reader sees or uses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Build
from travel_advice.site.html_passes import (
    THEME_ICONS,
    collapse_whitespace,
    deferred_scripts,
    drop_subheading_permalinks,
    valid_material_markup,
    with_stylesheet_icons,
)

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "travel_advice"
STYLESHEET = (PACKAGE / "site" / "assets" / "travel-advice.css").read_text(encoding="utf-8")
PAGES = {"en": "destinations/mx/index.html", "fr": "fr/destinations/mx/index.html"}


@pytest.mark.parametrize(
    ("html", "collapsed"),
    [
        ("no line break  at all ", "no line break  at all "),
        ("  \n  a \t\n\n \r\n b\f\n", "\na\nb\n"),
        ("<PRE>a\n  b</Pre >\n  <Script>x\n  y</SCRIPT>", "<PRE>a\n  b</Pre >\n<Script>x\n  y</SCRIPT>"),
        ("<TextArea>\n  t</textarea><STYLE>\n  s</style>", "<TextArea>\n  t</textarea><STYLE>\n  s</style>"),
        ("<presentation>\n  a</presentation><s>\n  b</s><span>\n  c</span>", "<presentation>\na</presentation><s>\nb</s><span>\nc</span>"),
        ("<code>\n  unclosed\n  code", "<code>\nunclosed\ncode"),
        ("\u00a0\n\u00a0x\u2003\n\u2003", "\u00a0\n\u00a0x\u2003\n\u2003"),
    ],
)
def test_collapsing_keeps_kept_elements_in_any_case_and_non_ascii_spaces(html: str, collapsed: str) -> None:
    assert collapse_whitespace(html) == collapsed
    assert collapse_whitespace(collapsed) == collapsed


def test_sub_headings_lose_their_permalink_but_keep_their_id() -> None:
    link = '<a class="headerlink" href="#{0}" title="Lien permanent">&para;</a>'
    html = (
        f'<h1 id="mexique">Mexique{link.format("mexique")}</h1>'
        f'<h2 id="sante">Santé{link.format("sante")}</h2>'
        f'<h3 id="vaccins">Vaccins{link.format("vaccins")}</h3>'
        f'<h4 id="fievre">Fièvre{link.format("fievre")}</h4>'
        '<p><a class="headerlink" href="#x" title="t">&para;</a></p>'
    )
    assert drop_subheading_permalinks(html) == (
        f'<h1 id="mexique">Mexique{link.format("mexique")}</h1>'
        f'<h2 id="sante">Santé{link.format("sante")}</h2>'
        '<h3 id="vaccins">Vaccins</h3><h4 id="fievre">Fièvre</h4>'
        '<p><a class="headerlink" href="#x" title="t">&para;</a></p>'
    )


def test_a_site_keeps_the_icons_it_chose() -> None:
    icons = with_stylesheet_icons({"logo": "material/airplane", "admonition": {"note": "octicons/tag-16"}})
    assert icons == {**THEME_ICONS, "logo": "material/airplane", "admonition": {"note": "octicons/tag-16"}}
    assert with_stylesheet_icons(None) == THEME_ICONS


@pytest.mark.parametrize("name", [name.split("/")[1] for name in THEME_ICONS.values()])
def test_every_stylesheet_icon_has_its_file_and_its_shape(name: str) -> None:
    svg = (PACKAGE / "glue" / "theme" / ".icons" / "travel-advice" / f"{name}.svg").read_text(encoding="utf-8")
    assert svg == f'<svg class="ta-icon ta-icon--{name}" viewBox="0 0 24 24"></svg>\n'
    assert re.search(rf"\.ta-icon--{name} {{ --ta-icon: url\('data:image/svg\+xml;charset=utf-8,<svg [^']*<path d=\"[^\"]+\"/></svg>'\); }}", STYLESHEET)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_page_chrome_carries_no_inline_icon_paths(shipped_site: Build, lang: str) -> None:
    html = shipped_site.page(PAGES[lang])
    chrome = re.sub(r"<article\b.*?</article>", "", html, flags=re.S)
    assert "<path" not in chrome
    for name in ("library", "menu", "translate", "magnify", "arrow-left", "close", "arrow-up"):
        assert f'class="ta-icon ta-icon--{name}"' in chrome
    assert "__tabbed_" not in html, "no content-tab script on a page without content tabs"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_page_permalinks_are_on_title_and_sections_only(shipped_site: Build, lang: str) -> None:
    html = shipped_site.page(PAGES[lang])
    headings = re.findall(r'<h([1-6]) id="([^"]+)">(.*?)</h\1>', html)
    assert {level for level, _, _ in headings} >= {"1", "2", "3"}, "the example advisory has sub-headings"
    for level, anchor, content in headings:
        assert ("headerlink" in content) == (level in "12"), (level, anchor)
        if level in "12":
            assert f'href="#{anchor}"' in content



def test_materials_invalid_attributes_go_and_nothing_else() -> None:
    page = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="search" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
        '<label class="md-nav__title" for="__toc">'
    )
    assert valid_material_markup(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
        '<input type="search" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        '<label class="md-nav__title">'
    )
    with_toggle = '<input class="md-toggle" type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    assert valid_material_markup(with_toggle) == with_toggle


def test_plain_external_scripts_are_deferred_and_no_other() -> None:
    page = (
        '<script>inline()</script><script id="__config" type="application/json">{}</script>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script><script src="../assets/destination-filter.js"></script>'
        '<script src="x.js" async></script><script type="module" src="m.js"></script>'
    )
    assert deferred_scripts(page) == (
        '<script>inline()</script><script id="__config" type="application/json">{}</script>'
        '<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer></script><script src="../assets/destination-filter.js" defer></script>'
        '<script src="x.js" async></script><script type="module" src="m.js"></script>'
    )


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pages_load_their_scripts_deferred(shipped_site: Build, lang: str) -> None:
    """Every page's external scripts run once it is parsed (they never hold up its first paint)."""
    for path in (PAGES[lang], ("fr/" if lang == "fr" else "") + "404.html", ("fr/" if lang == "fr" else "") + "index.html"):
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", shipped_site.page(path))
        assert scripts and all(" defer" in tag for tag in scripts), (path, scripts)
