"""A subdivision with its own advisory (ISO 3166-2 ``PT-20``, the Azores), through a real build.

Its pages, index rows, map table, feeds, open data and sitemap, in English and in French.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
from jsonschema import Draft202012Validator
from lxml import html

from travel_advice.core.validation import load_advisories
from travel_advice.site.destination_list import listed_name

from .conftest import FIXTURES, ROOT, Build, copy_project, run_build, unexpected_warnings
from .linkcheck import check_site

PORTUGAL = (FIXTURES / "advisories" / "pt.yml").read_text(encoding="utf-8")
AZORES = PORTUGAL.replace("code: PT\n", "code: PT-20\nname: {en: Azores, fr: Açores}\n")
PREFIX = {"en": "", "fr": "fr/"}
NAME = {"en": "Azores", "fr": "Açores"}
LISTED = {"en": "Azores (Portugal)", "fr": "Açores (Portugal)"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = copy_project(tmp_path_factory.mktemp("subdivision"), advisories=FIXTURES / "advisories")
    (project / "advisories" / "pt-20.yml").write_text(AZORES, encoding="utf-8")
    build = run_build(project)
    assert build.returncode == 0, build.output
    assert unexpected_warnings(build.output) == []
    return build


def rows(build: Build, page: str) -> dict[str, tuple[str, str]]:
    """Index-table rows by link target: (shown name, searchable names)."""
    tree = html.fromstring(build.page(page))
    return {
        row.xpath(".//th/a/@href")[0]: (row.xpath("string(.//th/a)"), row.get("data-names"))
        for row in tree.xpath("//table//tr[@data-names]")
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_page_is_built_at_the_lower_case_code(site: Build, lang: str) -> None:
    page = html.fromstring(site.page(f"{PREFIX[lang]}destinations/pt-20/index.html"))
    assert page.xpath("string(//h1/text())").strip() == NAME[lang]
    assert page.xpath("/html/@lang")[0].startswith(lang)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_index_and_map_table_name_the_country(site: Build, lang: str) -> None:
    for page in ("destinations/index.html", "destinations/map/index.html"):
        found = rows(site, f"{PREFIX[lang]}{page}")
        link = next(href for href in found if href.rstrip("/").endswith("pt-20"))
        shown, searchable = found[link]
        assert shown == LISTED[lang]
        assert {"Azores", "Açores", "Portugal"} <= set(searchable.split("|"))  # searching « Portugal » finds it


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_map_draws_no_shape_for_it_and_the_build_says_nothing(site: Build, lang: str) -> None:
    page = site.page(f"{PREFIX[lang]}destinations/map/index.html")
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg" id="ta-world-map"')
    svg = page[start : page.index("</svg>", start)]
    assert "pt-20" not in svg and 'href="../pt/"' in svg
    assert "PT-20" not in site.output  # not drawn by design: no "no shape on the world map" line


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_feeds_carry_its_changes(site: Build, lang: str) -> None:
    base = "https://travel-advice.example.org/"
    page_url = f"{base}{PREFIX[lang]}destinations/pt-20/"
    site_feed = feedparser.parse(site.page(f"{PREFIX[lang]}feed.xml"))
    assert page_url in {entry.link for entry in site_feed.entries}
    own = feedparser.parse(site.page(f"{PREFIX[lang]}destinations/pt-20/feed.xml"))
    assert own.entries and {entry.link for entry in own.entries} == {page_url}
    assert NAME[lang] in own.feed.title


def test_open_data_validates_against_the_export_schema(site: Build) -> None:
    schema = json.loads((ROOT / "plugins" / "travel_advice" / "core" / "schema" / "export.schema.json").read_text("utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    files = sorted((site.site / "data").rglob("*.json"))
    assert site.site / "data" / "destinations" / "pt-20.json" in files
    for path in files:
        assert list(validator.iter_errors(json.loads(path.read_text("utf-8")))) == [], path
    combined = json.loads(site.page("data/advisories.json"))
    azores = next(entry for entry in combined["advisories"] if entry["code"] == "PT-20")
    assert azores["name"] == NAME
    assert azores["data_url"].endswith("data/destinations/pt-20.json")


def test_sitemap_lists_both_pages_and_no_link_is_broken(site: Build) -> None:
    sitemap = ElementTree.fromstring(site.page("sitemap.xml"))
    urls = {element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert {"https://travel-advice.example.org/destinations/pt-20/", "https://travel-advice.example.org/fr/destinations/pt-20/"} <= urls
    report = check_site(site.site)
    assert [str(link) for link in report.broken] == []
    assert any(re.search(r"destinations/pt-20/index\.html$", page) for page in report.pages)


@pytest.mark.parametrize(("code", "file"), [("PT-", "pt-.yml"), ("pt20", "pt20.yml")])
def test_a_malformed_code_stops_the_build_with_a_clear_line(tmp_path: Path, code: str, file: str) -> None:
    project = copy_project(tmp_path, advisories=FIXTURES / "advisories")
    (project / "advisories" / file).write_text(AZORES.replace("code: PT-20\n", f"code: {code}\n"), encoding="utf-8")
    build = run_build(project)
    assert build.returncode != 0 and "Traceback" not in build.output
    assert (
        f"advisories/{file}:2: code: '{code}' is not a destination code; expected an ISO 3166-1 code such as MX, "
        "or an ISO 3166-2 subdivision code such as PT-20 (upper case)"
    ) in build.output


def test_listed_names_add_only_a_country_cldr_knows_and_the_name_does_not_say(tmp_path: Path) -> None:
    names = {"pt-20": "{en: Azores, fr: Açores}", "pt-30": "{en: Madeira (Portugal), fr: Madère (Portugal)}", "qq-1": "{en: Qland, fr: Qlande}"}
    for stem, name in names.items():
        text = AZORES.replace("code: PT-20\n", f"code: {stem.upper()}\n").replace("name: {en: Azores, fr: Açores}", f"name: {name}")
        (tmp_path / f"{stem}.yml").write_text(text, encoding="utf-8")
    result = load_advisories(tmp_path, date(2026, 11, 25))
    assert result.problems == ()
    assert [listed_name(a, "fr") for a in result.advisories] == ["Açores (Portugal)", "Madère (Portugal)", "Qlande"]
    assert [listed_name(a, "en") for a in result.advisories] == ["Azores (Portugal)", "Madeira (Portugal)", "Qland"]


RELATED = {
    "en": ("Part of: ", "Parts with their own advisory: "),
    "fr": ("Fait partie de\u00a0: ", "Parties visées par un avis distinct\u00a0: "),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_country_and_subdivision_pages_lead_to_each_other(site: Build, lang: str) -> None:
    azores = html.fromstring(site.page(f"{PREFIX[lang]}destinations/pt-20/index.html"))
    [part_of] = azores.xpath("//p[@class='ta-related']")
    assert part_of.text_content().startswith(f"{RELATED[lang][0]}Portugal")
    assert part_of.xpath("a/@href") == ["../pt/"] and part_of.xpath(".//*[contains(@class, 'ta-lvl-1')]")
    portugal = html.fromstring(site.page(f"{PREFIX[lang]}destinations/pt/index.html"))
    [parts] = portugal.xpath("//p[@class='ta-related']")
    assert parts.text_content().startswith(f"{RELATED[lang][1]}{NAME[lang]}")
    assert parts.xpath("a/@href") == ["../pt-20/"]
