"""Search: one index per language, accent-free matching, names on destination pages (issue 6).

The browser test (test_search_browser.py) types queries into the real search box; these tests
check the indexes and pages the build writes, and the plain-Python core behind them.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from travel_advice.glue.search import MATERIAL_WORKERS, WORKER_NAME, with_search_config
from travel_advice.site.search_index import (
    FULL_INDEX_KEY,
    FULL_INDEX_PATH,
    INDEX_PATH,
    language_index,
    page_level_only,
    search_index_sizes,
    stub_index,
)

from .conftest import Build

FIELDS = {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}


def index_of(build: Build, lang: str) -> dict[str, Any]:
    """The full index of a language (what the search worker fetches on the first query)."""
    folder = "" if lang == "en" else f"{lang}/"
    return json.loads(build.page(f"{folder}{FULL_INDEX_PATH}"))


def page_config(build: Build, path: str) -> dict[str, Any]:
    """The ``__config`` Material's JavaScript reads on a built page."""
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', build.page(path), re.DOTALL)
    assert match, f"no __config in {path}"
    return json.loads(match.group(1))


# --- core --------------------------------------------------------------------------------


def test_language_index_relocates_entries_and_sets_up_the_language() -> None:
    entries = [
        {"location": "fr/destinations/ci/", "title": "Côte d’Ivoire", "text": "<p>Capitale : Yamoussoukro</p>", "boost": 2, "tags": ["République de Côte d’Ivoire"]},
        {"location": "fr/destinations/ci/#sante", "title": "Santé", "text": "<p>Paludisme</p>", "boost": 2, "tags": ["République de Côte d’Ivoire"]},
    ]
    index = language_index(entries, "fr", "fr/", FIELDS)
    assert index["config"]["lang"] == ["fr"]
    assert "stemmer" in index["config"]["pipeline"]
    assert index["config"]["fields"] == FIELDS
    page, section = index["docs"]
    assert page == {
        "location": "destinations/ci/",
        "title": "Côte d’Ivoire",
        "text": "<p>Capitale : Yamoussoukro</p>",
        "boost": 2,
        "tags": ["République de Côte d’Ivoire"],
    }
    assert section["location"] == "destinations/ci/#sante"
    assert "tags" not in section
    assert section["boost"] == 0.5


def test_page_boost_and_tags_lift_the_page_entry_only() -> None:
    page = {"location": "destinations/mx/", "boost": 2, "tags": ["Mexico City"]}
    assert page_level_only(page) == page
    section = page_level_only({"location": "destinations/mx/#health", "boost": 2, "tags": ["Mexico City"]})
    assert section == {"location": "destinations/mx/#health", "boost": 0.5}
    assert page_level_only({"location": "before/health/#malaria"}) == {"location": "before/health/#malaria"}


def test_stub_index_keeps_the_setup_and_names_the_full_index() -> None:
    index = language_index([{"location": "fr/sante/", "title": "Santé", "text": "Paludisme"}], "fr", "fr/", FIELDS)
    stub = stub_index(index, "../../../fr/search/search_index.full.json")
    assert stub == {"config": {**index["config"], FULL_INDEX_KEY: "../../../fr/search/search_index.full.json"}, "docs": []}
    assert FULL_INDEX_KEY not in index["config"]


def test_with_search_config_points_french_pages_at_the_french_index() -> None:
    html = (
        '<head></head><script id="__config" type="application/json">'
        '{"base": "../../..", "search": "../../../assets/javascripts/workers/search.0123abcd.min.js"}</script>'
    )
    settings = json.loads(re.search(r"json\">(.*?)</script>", with_search_config(html, "fr/")).group(1))
    assert settings["base"] == "../../../fr/"
    assert settings["search"] == f"../../../assets/javascripts/workers/{WORKER_NAME}?material=search.0123abcd.min.js"
    english = json.loads(re.search(r"json\">(.*?)</script>", with_search_config(html, "")).group(1))
    assert english["base"] == "../../.."
    assert with_search_config("<head></head>", "fr/") is None


# --- built site --------------------------------------------------------------------------


def test_each_language_has_its_own_index_of_its_own_pages(shipped_site: Build) -> None:
    english, french = index_of(shipped_site, "en"), index_of(shipped_site, "fr")
    assert english["config"]["lang"] == ["en"]
    assert french["config"]["lang"] == ["fr"]
    assert "stemmer" in french["config"]["pipeline"]
    assert not [d["location"] for d in english["docs"] if d["location"].startswith("fr/")]
    for lang, index in (("en", english), ("fr", french)):
        folder = shipped_site.site / ("" if lang == "en" else lang)
        for doc in index["docs"]:
            page = doc["location"].split("#")[0]
            assert (folder / page / "index.html").is_file(), f"{lang}: {doc['location']} is not a page of this language"
            html = (folder / page / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html, f"{lang}: {doc['location']} is not in {lang}"


def test_french_pages_search_the_french_index_through_the_worker(shipped_site: Build) -> None:
    site = shipped_site.site
    french = page_config(shipped_site, "fr/destinations/mx/index.html")
    english = page_config(shipped_site, "destinations/mx/index.html")
    french_index = (site / "fr/destinations/mx" / french["base"] / INDEX_PATH).resolve()
    english_index = (site / "destinations/mx" / english["base"] / INDEX_PATH).resolve()
    assert french_index == (site / "fr" / INDEX_PATH).resolve()
    assert english_index == (site / INDEX_PATH).resolve()
    for settings, folder, lang in ((french, "fr/destinations/mx", "fr"), (english, "destinations/mx", "en")):
        worker = (site / folder / settings["search"].split("?")[0]).resolve()
        assert worker.name == WORKER_NAME
        assert worker.is_file()
        material = settings["search"].split("material=")[1]
        assert (site / MATERIAL_WORKERS / material).is_file()
        # The stub Material fetches names the full index of the same language, relative to the worker.
        stub = json.loads((site / folder / settings["base"] / INDEX_PATH).read_text(encoding="utf-8"))
        full_index = (worker.parent / stub["config"][FULL_INDEX_KEY]).resolve()
        assert full_index == (site / ("fr" if lang == "fr" else "") / FULL_INDEX_PATH).resolve()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_page_loads_fetch_a_small_stub_the_full_index_holds_every_page(shipped_site: Build, lang: str) -> None:
    folder = shipped_site.site / ("" if lang == "en" else lang)
    stub_file = folder / INDEX_PATH
    stub = json.loads(stub_file.read_text(encoding="utf-8"))
    full = index_of(shipped_site, lang)
    assert stub_file.stat().st_size < 2000, f"stub is {stub_file.stat().st_size} bytes"
    assert stub["docs"] == []
    assert stub["config"] == {**full["config"], FULL_INDEX_KEY: stub["config"][FULL_INDEX_KEY]}
    indexed = {doc["location"].split("#")[0] for doc in full["docs"]}
    pages = {
        "" if page.parent == folder else f"{page.parent.relative_to(folder).as_posix()}/"
        for page in folder.rglob("index.html")
        if (lang != "en" or page.relative_to(folder).parts[0] != "fr") and "history" not in page.parts
    }
    assert indexed == pages - {"destinations/map/", "offline/"}  # the world map, offline, history pages and archived editions are never in the index
    print(f"{lang}: stub {stub_file.stat().st_size} bytes, full index {len(full['docs'])} entries, {len(indexed)} pages")


@pytest.mark.parametrize(
    ("lang", "path", "expected"),
    [
        ("en", "destinations/mm/index.html", "Also known as: Burma, Republic of the Union of Myanmar · Capital: Naypyidaw"),
        ("fr", "fr/destinations/mm/index.html", "Autres noms\u00a0: Birmanie, République de l’Union du Myanmar · Capitale\u00a0: Naypyidaw"),
        ("en", "destinations/nl/index.html", "Also known as: Holland, The Netherlands, Kingdom of the Netherlands · Capital: Amsterdam"),
        ("fr", "fr/destinations/nl/index.html", "Autres noms\u00a0: Hollande, Royaume des Pays-Bas · Capitale\u00a0: Amsterdam"),
    ],
)
def test_destination_pages_show_other_names_and_capital(shipped_site: Build, lang: str, path: str, expected: str) -> None:
    names = re.search(r'<p class="ta-names">(.*?)</p>', shipped_site.page(path))
    assert names, f"no names line on {path}"
    text = html.unescape(re.sub(r"<[^>]+>", "", names.group(1)))
    assert text.replace("’", "'") == expected.replace("’", "'")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_entries_carry_names_and_section_headings(shipped_site: Build, lang: str) -> None:
    docs = {d["location"]: d for d in index_of(shipped_site, lang)["docs"]}
    page = docs["destinations/ci/"]
    assert page["boost"] > 1
    assert "Yamoussoukro" in page["tags"]
    assert "Yamoussoukro" in page["text"] and "Cote d'Ivoire" in html.unescape(page["text"]).replace("’", "'")
    health = "destinations/ci/#health" if lang == "en" else "destinations/ci/#sante"
    assert docs[health]["title"] == ("Health" if lang == "en" else "Santé")
    assert docs[health]["boost"] < 1
    malaria = "destinations/ci/#malaria" if lang == "en" else "destinations/ci/#paludisme"
    assert docs[malaria]["title"] == ("Malaria" if lang == "en" else "Paludisme")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_does_not_help_searching_is_left_out(shipped_site: Build, lang: str) -> None:
    text = json.dumps(index_of(shipped_site, lang), ensure_ascii=False)
    assert "abidjan.consular@example.org" not in text  # the offices
    assert "emergency@example.org" not in text  # the 24/7 line
    assert ("Revised the regional advisory" if lang == "en" else "Révision de l'avertissement régional") not in text
    assert ("Still valid" if lang == "en" else "Toujours valide") not in text
    assert "_folded" not in text  # accent-free forms are made by the worker, on the device
    sections = [d["location"] for d in index_of(shipped_site, lang)["docs"]]
    updates = "#latest-updates" if lang == "en" else "#dernieres-mises-a-jour"
    assert not [location for location in sections if location.endswith(updates)]


def test_search_index_sizes_reports_both_languages(shipped_site: Build) -> None:
    sizes = search_index_sizes(shipped_site.site)
    assert set(sizes) == {"en", "fr"}
    for lang, (raw, compressed) in sizes.items():
        assert raw == (shipped_site.site / ("" if lang == "en" else "fr/") / FULL_INDEX_PATH).stat().st_size
        assert 0 < compressed < raw / 2
    print(f"search index sizes (raw, gzip bytes): {sizes}")


def test_index_files_are_plain_utf8(shipped_site: Build) -> None:
    raw = (Path(shipped_site.site) / "fr" / FULL_INDEX_PATH).read_text(encoding="utf-8")
    assert "Santé" in raw and "\\u00e9" not in raw
