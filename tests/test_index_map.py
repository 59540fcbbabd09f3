"""Finding a destination: the index and its filter, the world map, latest updates, page layout.

Every test reads a real site built into a temporary folder, in English and in French.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from lxml import html

from travel_advice.core.collation import collation_key
from travel_advice.core.validation import load_advisories
from travel_advice.core.words import INDICATOR_LABELS, LEVEL_NAMES, format_day
from travel_advice.site.destination_list import listed_name
from travel_advice.site.world_map import MapDestination, render_world_map

from .conftest import FIXTURES, ROOT, Build, copy_project, run_build, unexpected_warnings

PREFIX = {"en": "", "fr": "fr/"}
SVG = "{http://www.w3.org/2000/svg}"
BUILD_DAY = date(2026, 11, 25)

# Destinations chosen for the alphabet: accented capitals (É, Î) must sort with their letter.
# code: (level, indicators, last update, also known as {en, fr})
FINDER_ADVISORIES: dict[str, tuple[int, list[str], str, dict[str, list[str]]]] = {
    "EG": (3, ["terrorism", "civil-unrest"], "2026-11-20", {"en": ["Misr"], "fr": ["République arabe d’Égypte"]}),
    "ES": (2, ["terrorism"], "2026-11-02", {"en": [], "fr": []}),
    "EC": (2, ["crime"], "2026-06-30", {"en": [], "fr": []}),
    "CK": (1, ["natural-disaster"], "2026-09-15", {"en": ["Kūki ʻĀirani"], "fr": []}),
    "IE": (1, [], "2026-10-01", {"en": ["Éire"], "fr": []}),
    "IS": (1, ["natural-disaster"], "2026-11-10", {"en": [], "fr": []}),
    "CO": (4, ["crime", "kidnapping"], "2026-11-20", {"en": [], "fr": []}),
    "TV": (1, [], "2026-08-01", {"en": [], "fr": []}),  # Tuvalu: no shape on the map
    "MX": (2, ["crime"], "2026-07-15", {"en": [], "fr": []}),  # the guidance pages link to Mexico
}
FRENCH_ORDER = ["Colombie", "Égypte", "Équateur", "Espagne", "Îles Cook", "Irlande", "Islande", "Mexique", "Portugal", "Tuvalu"]
ENGLISH_ORDER = ["Colombia", "Cook Islands", "Ecuador", "Egypt", "Iceland", "Ireland", "Mexico", "Portugal", "Spain", "Tuvalu"]


def write_advisory(folder: Path, code: str, level: int, indicators: list[str], updated: str, aka: dict[str, list[str]]) -> None:
    """An advisory derived from the Portugal fixture, with only what an editor must write (no name)."""
    data: dict[str, Any] = yaml.safe_load((FIXTURES / "advisories" / "pt.yml").read_text("utf-8"))
    day = date.fromisoformat(updated)
    data.update(code=code, level=level, indicators=indicators, last_updated=day, still_valid=day, also_known_as=aka)
    data["updates"] = [{"date": day, "en": f"Reviewed the {code} advisory.", "fr": f"Révision de l’avis {code}."}]
    if not indicators:
        del data["indicators"]
    if level != 3:
        del data["regions"]
    (folder / f"{code.lower()}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="session")
def finder_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("finder"), advisories=FIXTURES / "advisories")
    for code, spec in FINDER_ADVISORIES.items():
        write_advisory(project / "advisories", code, *spec)
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


def page(build: Build, lang: str, path: str) -> html.HtmlElement:
    return html.fromstring(build.page(f"{PREFIX[lang]}{path}"))


def text(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def resolve(build: Build, from_page: str, href: str) -> Path:
    """The built file a relative link of ``from_page`` (a directory URL) opens."""
    target = PurePosixPath(from_page).parent / href
    parts: list[str] = []
    for part in target.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    path = build.site.joinpath(*parts)
    return path / "index.html" if href.endswith("/") else path


def index_names(build: Build, lang: str) -> list[str]:
    rows = page(build, lang, "destinations/index.html").xpath('//table[@id="ta-index"]/tbody/tr')
    return [text(row.xpath("./th")[0]) for row in rows]


# Sorting


def test_collation_puts_accented_capitals_with_their_letter() -> None:
    names = ["Islande", "Zambie", "Îles Cook", "Espagne", "Égypte", "Irlande", "Eswatini", "Éthiopie"]
    assert sorted(names, key=collation_key) == ["Égypte", "Espagne", "Eswatini", "Éthiopie", "Îles Cook", "Irlande", "Islande", "Zambie"]


def test_collation_treats_a_non_breaking_hyphen_as_a_hyphen() -> None:
    names = ["Saint-Vincent-et-les Grenadines", "Saint\u2011Kitts\u2011et\u2011Nevis", "Saint-Marin"]
    assert sorted(names, key=collation_key) == ["Saint\u2011Kitts\u2011et\u2011Nevis", "Saint-Marin", "Saint-Vincent-et-les Grenadines"]


def test_map_labels_follow_the_language_typography() -> None:
    egypt = MapDestination("EG", "Égypte", 3, "Éviter tout voyage non essentiel", "../eg/")
    svg = ElementTree.fromstring(render_world_map([egypt], title="Carte", colon="\u00a0: "))
    (link,) = svg.iter(f"{SVG}a")
    assert link.get("aria-label") == "Égypte\u00a0: Éviter tout voyage non essentiel"


# Index


@pytest.mark.parametrize(("lang", "expected"), [("fr", FRENCH_ORDER), ("en", ENGLISH_ORDER)])
def test_index_lists_every_advisory_in_the_language_collation(finder_site: Build, lang: str, expected: list[str]) -> None:
    assert index_names(finder_site, lang) == expected


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_shipped_index_has_one_row_per_advisory(shipped_site: Build, lang: str) -> None:
    advisories = load_advisories(ROOT / "advisories", BUILD_DAY).advisories
    names = index_names(shipped_site, lang)
    assert sorted(names) == sorted(listed_name(a, lang) for a in advisories)  # a subdivision with its country
    assert names == sorted(names, key=collation_key)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_row_shows_name_link_level_regions_and_date(finder_site: Build, lang: str) -> None:
    index = page(finder_site, lang, "destinations/index.html")
    (row,) = index.xpath('//table[@id="ta-index"]/tbody/tr[@data-level="3"]')
    (link,) = row.xpath("./th/a")
    destination = resolve(finder_site, f"{PREFIX[lang]}destinations/index.html", link.get("href"))
    assert destination == finder_site.site / f"{PREFIX[lang]}destinations/eg/index.html"
    assert text(html.fromstring(destination.read_text("utf-8")).xpath("//h1")[0]).rstrip("¶") == text(link)
    cells = [text(cell) for cell in row.xpath("./td")]
    assert LEVEL_NAMES[3][lang] in cells[0] and row.xpath('./td[1]/span[contains(@class, "ta-lvl-3")]')
    assert cells[1] == ", ".join(INDICATOR_LABELS[key][lang] for key in ("terrorism", "civil-unrest"))
    assert cells[2] == {"en": "Yes", "fr": "Oui"}[lang]
    assert cells[3] == format_day(date(2026, 11, 20), lang)
    assert row.xpath("./td/time/@datetime") == ["2026-11-20"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_filter_markup_works_without_javascript(finder_site: Build, lang: str) -> None:
    index = page(finder_site, lang, "destinations/index.html")
    (form,) = index.xpath('//form[@id="ta-filter"]')
    assert form.get("hidden") is not None, "without JavaScript the controls stay hidden"
    assert not index.xpath('//table[@id="ta-index"]//tr[@hidden]'), "without JavaScript every row shows"
    (field,) = form.xpath('.//input[@type="search"]')
    (field_label,) = form.xpath(f'.//label[@for="{field.get("id")}"]')
    assert text(field_label) == {"en": "Destination name", "fr": "Nom de la destination"}[lang]
    assert form.xpath('.//input[@name="level"]/@value') == ["1", "2", "3", "4"]
    assert form.xpath('.//input[@name="indicator"]/@value') == ["crime", "terrorism", "civil-unrest", "natural-disaster", "kidnapping"]
    assert [text(label) for label in form.xpath('.//input[@name="indicator"]/..')][0] == INDICATOR_LABELS["crime"][lang]
    (status,) = index.xpath('//*[@id="ta-filter-status"]')
    assert status.get("role") == "status" and status.get("aria-live") == "polite"
    assert "{shown}" in status.get("data-one") and "{total}" in status.get("data-other")
    if lang == "fr":
        assert status.get("data-other") == "{shown}\u00a0destinations affichées sur {total}"
    assert index.xpath('//script[contains(@src, "assets/destination-filter.js")]')


def test_rows_carry_every_name_a_traveller_may_type(finder_site: Build) -> None:
    index = page(finder_site, "fr", "destinations/index.html")
    (egypt,) = index.xpath('//tr[@data-level="3"]')
    assert egypt.get("data-names").split("|") == ["Egypt", "Égypte", "Misr", "République arabe d’Égypte"]
    assert egypt.get("data-indicators") == "terrorism civil-unrest"


def test_filter_script_is_shipped_once_at_the_site_root(finder_site: Build) -> None:
    script = (finder_site.site / "assets" / "destination-filter.js").read_text("utf-8")
    assert 'getElementById("ta-filter")' in script and "Intl.PluralRules" in script
    assert not (finder_site.site / "fr" / "assets" / "destination-filter.js").exists()


# World map


def world_map(build: Build, lang: str) -> tuple[html.HtmlElement, ElementTree.Element]:
    source = build.page(f"{PREFIX[lang]}destinations/map/index.html")
    (svg_text,) = re.findall(r"<svg[^>]*\bid=\"ta-world-map\".*?</svg>", source, flags=re.S)
    return html.fromstring(source), ElementTree.fromstring(svg_text)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_mapped_destination_links_to_its_page_in_the_same_language(finder_site: Build, lang: str) -> None:
    _, svg = world_map(finder_site, lang)
    links = {a.get("href"): a.get("aria-label") for a in svg.iter(f"{SVG}a")}
    advisories = load_advisories(finder_site.project / "advisories", BUILD_DAY).advisories
    mapped = [a for a in advisories if a.code != "TV"]
    assert len(links) == len(mapped)
    colon = {"en": ": ", "fr": "\u00a0: "}[lang]
    level_of = {"en": "(level {} of 4)", "fr": "(niveau {} sur 4)"}[lang]
    for advisory in mapped:
        href = f"../{advisory.slug}/"
        name, level = advisory.name[lang], advisory.level
        expected = f"{name}{colon}{LEVEL_NAMES[level][lang]} {level_of.format(level)}"
        if advisory.regional_peak:  # the Portugal fixture: a region at level 2
            expected += {"en": ", some regions at level {}", "fr": ", certaines régions au niveau {}"}[lang].format(advisory.regional_peak)
        assert links[href] == expected
        target = resolve(finder_site, f"{PREFIX[lang]}destinations/map/index.html", href)
        assert f'<html lang="{lang}"' in target.read_text("utf-8")
        assert text(html.fromstring(target.read_text("utf-8")).xpath("//h1")[0]).rstrip("¶") == advisory.name[lang]
    classes = {a.get("href"): a.find(f"{SVG}path").get("class") for a in svg.iter(f"{SVG}a")}
    assert classes["../co/"] == "lvl-4" and classes["../eg/"] == "lvl-3"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_map_has_a_localised_name_legend_and_the_table_as_text_alternative(finder_site: Build, lang: str) -> None:
    document, svg = world_map(finder_site, lang)
    assert svg.find(f"{SVG}title").text == {"en": "World map of travel advice levels", "fr": "Carte du monde des niveaux de risque"}[lang]
    table_id = svg.get("aria-describedby")
    (table,) = document.xpath(f'//table[@id="{table_id}"]')
    assert [text(th) for th in table.xpath("./tbody/tr/th")] == (FRENCH_ORDER if lang == "fr" else ENGLISH_ORDER)
    legend = text(document.xpath('//figcaption[contains(@class, "ta-map__legend")]')[0])
    for level in (1, 2, 3, 4):
        assert LEVEL_NAMES[level][lang] in legend
    assert {"en": "No advisory published", "fr": "Aucun avis publié"}[lang] in legend
    (figure,) = document.xpath('//figure[@class="ta-map"]')
    assert not [url for url in figure.xpath(".//@href | .//@src") if "//" in url], "the map requests nothing from another site"
    assert not [url for url in document.xpath("//@src") if "//" in url]


REGIONAL_HIGHER = {
    "legend": {
        "en": "Outline in a higher level’s colour: some regions are at that level",
        "fr": "Contour de la couleur d’un niveau plus élevé\u00a0: certaines régions sont à ce niveau",
    },
    "marker": {"en": "Circle with a number: a destination too small to select", "fr": "Cercle numéroté\u00a0: une destination trop petite"},
    "cell": {"en": "Yes, some at level 4", "fr": "Oui, certains au niveau 4"},
    "label": {"en": "Mexico: Exercise a high degree of caution (level 2 of 4), some regions at level 4",
              "fr": "Mexique\u00a0: Faire preuve d’une grande prudence (niveau 2 sur 4), certaines régions au niveau 4"},
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_regions_above_the_national_level_are_outlined_and_explained(shipped_site: Build, lang: str) -> None:
    """Mexico, level 2 with states at level 4: outlined on the map, said in its name, the legend and the table."""
    document, svg = world_map(shipped_site, lang)
    links = {a.get("href"): a for a in svg.iter(f"{SVG}a")}
    assert links["../mx/"].get("class") == "up-4" and links["../mx/"].get("aria-label") == REGIONAL_HIGHER["label"][lang]
    assert links["../ht/"].get("class") is None  # level 4, no regions above it
    assert links["../co/"].get("class") == "up-3"
    legend = text(document.xpath('//figcaption[contains(@class, "ta-map__legend")]')[0])
    for key in ("legend", "marker"):
        assert " ".join(REGIONAL_HIGHER[key][lang].split()) in legend
    mexico = {"en": "Mexico", "fr": "Mexique"}[lang]
    (row,) = document.xpath(f'//table[@id="ta-map-table"]/tbody/tr[th/a="{mexico}"]')
    assert text(row.xpath("./td")[2]) == REGIONAL_HIGHER["cell"][lang]
    (haiti,) = document.xpath('//table[@id="ta-map-table"]/tbody/tr[th/a="Haïti" or th/a="Haiti"]')
    assert text(haiti.xpath("./td")[2]) == {"en": "No", "fr": "Non"}[lang]


def test_destination_without_a_shape_is_reported_and_stays_in_the_table(finder_site: Build) -> None:
    assert "TV: no shape on the world map" in finder_site.output
    _, svg = world_map(finder_site, "en")
    assert "../tv/" not in {a.get("href") for a in svg.iter(f"{SVG}a")}


def test_map_colours_come_from_the_level_variables(finder_site: Build) -> None:
    css = (finder_site.site / "assets" / "travel-advice.css").read_text("utf-8")
    for level in range(5):
        assert f".world-map .lvl-{level} {{ fill: var(--ta-lvl-{level}); }}" in css


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_links_to_the_map_and_latest_updates(finder_site: Build, lang: str) -> None:
    index = page(finder_site, lang, "destinations/index.html")
    hrefs = index.xpath('//p[@class="ta-index__links"]/a/@href')
    targets = [resolve(finder_site, f"{PREFIX[lang]}destinations/index.html", href) for href in hrefs]
    assert targets == [finder_site.site / f"{PREFIX[lang]}destinations/{name}/index.html" for name in ("map", "latest")]


# Latest updates


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_latest_updates_newest_first_with_note_and_level(finder_site: Build, lang: str) -> None:
    latest = page(finder_site, lang, "destinations/latest/index.html")
    items = latest.xpath('//ol[@class="ta-latest"]/li')
    days = [item.xpath(".//time/@datetime")[0] for item in items]
    assert days == sorted(days, reverse=True)
    assert "2026-08-01" not in days and "2026-06-30" not in days, "only the last 90 days"
    assert len(items) == 7  # EG, CO, IS, ES, PT, CK, IE
    first = text(items[0])
    assert format_day(date(2026, 11, 20), lang) in first
    assert {"en": "Reviewed the CO advisory.", "fr": "Révision de l’avis CO."}[lang] in first
    assert LEVEL_NAMES[4][lang] in first
    href = items[0].xpath(".//a/@href")[0]
    assert resolve(finder_site, f"{PREFIX[lang]}destinations/latest/index.html", href).is_file()


@pytest.fixture(scope="module")
def quiet_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The shipped site built months after its last update."""
    build = run_build(copy_project(tmp_path_factory.mktemp("quiet")), build_date="2027-06-01")
    assert build.returncode == 0, build.output
    return build


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_latest_updates_says_so_when_nothing_changed(quiet_site: Build, lang: str) -> None:
    latest = page(quiet_site, lang, "destinations/latest/index.html")
    assert not latest.xpath('//ol[@class="ta-latest"]')
    (empty,) = latest.xpath('//p[@class="ta-latest__empty"]')
    assert text(empty).startswith({"en": "No advisory has changed in the last 90 days.", "fr": "Aucun avis n’a été modifié au cours des 90 derniers jours."}[lang])


# Destination page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_page_names_come_from_cldr(finder_site: Build, lang: str) -> None:
    expected = {"en": {"eg": "Egypt", "ck": "Cook Islands"}, "fr": {"eg": "Égypte", "ck": "Îles Cook"}}[lang]
    for slug, name in expected.items():
        assert text(page(finder_site, lang, f"destinations/{slug}/index.html").xpath("//h1")[0]).rstrip("¶") == name


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_page_layout(finder_site: Build, lang: str) -> None:
    destination = page(finder_site, lang, "destinations/eg/index.html")
    content = destination.xpath('//article[contains(@class, "md-content__inner")]')[0]
    (banner,) = content.xpath('./h1/following-sibling::div[contains(@class, "ta-banner")]')
    assert not banner.xpath('preceding-sibling::*[self::h2 or contains(@class, "ta-summary")]'), "the level banner comes first"
    assert "ta-lvl-3" in banner.get("class") and LEVEL_NAMES[3][lang] in text(banner)
    (jump,) = content.xpath('.//nav[@class="ta-jump"]')
    assert jump.get("aria-label") == {"en": "On this page", "fr": "Sur cette page"}[lang]
    anchors = [href.removeprefix("#") for href in jump.xpath(".//a/@href")]
    assert anchors[:2] == ({"en": ["regional-advisories", "safety"], "fr": ["avis-regionaux", "securite"]}[lang])
    for anchor in anchors:
        assert content.xpath(f'.//*[@id="{anchor}"]'), anchor
    (regions,) = content.xpath('.//table[@class="ta-regions"]')
    assert len(regions.xpath("./tbody/tr")) == 1
    assert content.xpath('.//a[@href="tel:+351215550100"]') and content.xpath('.//a[@href="mailto:lisbon.consular@example.org"]')


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_printed_page_carries_its_address(finder_site: Build, lang: str) -> None:
    destination = page(finder_site, lang, "destinations/eg/index.html")
    (line,) = destination.xpath('//p[contains(@class, "ta-print-url")]')
    url = f"https://travel-advice.example.org/{PREFIX[lang]}destinations/eg/"
    assert text(line) == {"en": f"Page address: {url}", "fr": f"Adresse de la page : {url}"}[lang]
    assert destination.xpath('//link[@rel="canonical"]/@href') == [url]


def test_print_stylesheet_hides_navigation_and_shows_the_address(finder_site: Build) -> None:
    css = (finder_site.site / "assets" / "travel-advice.css").read_text("utf-8")
    print_rules = " ".join(re.findall(r"@media print \{(.*?)\n\}", css, flags=re.S))
    for chrome in (".md-header", ".md-tabs", ".md-sidebar", ".md-footer", ".ta-filter", ".ta-jump"):
        assert re.search(re.escape(chrome) + r"\b[^{]*\{[^}]*display: none", print_rules), chrome
    assert re.search(r"\.ta-print-url \{ display: block", print_rules)
