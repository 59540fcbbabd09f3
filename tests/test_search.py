"""Search: one Pagefind index per language, behind Material's search box (issues 6 and 19).

The browser test (test_search_browser.py) types queries into the real search box; these tests
check the indexes and pages the build writes, and the plain-Python code behind them.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from travel_advice.glue.search import MATERIAL_WORKERS, WORKER_NAME, with_search_config
from travel_advice.site.search_index import BODY, INDEX_FOLDER, KEPT_FILES, index_folders, searchable

from .conftest import Build

PREFIX = {"en": "", "fr": "fr/"}


def indexed(build: Build, lang: str) -> dict[str, dict[str, Any]]:
    """The pages in a language's Pagefind index, by URL: what each fragment holds (content, anchors, title)."""
    pages = {}
    for fragment in (build.site / PREFIX[lang] / INDEX_FOLDER / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data.removeprefix(b"pagefind_dcd"))
        pages[page["url"]] = page
    return pages


def index_text(site: Path, folder: str) -> str:
    """Everything the Pagefind index of the language in ``folder`` (``''``, ``'fr/'``) holds of its pages, as text."""
    fragments = sorted((site / folder / INDEX_FOLDER / "fragment").glob("*.pf_fragment"))
    return "\n".join(gzip.decompress(path.read_bytes()).decode("utf-8").removeprefix("pagefind_dcd") for path in fragments)


def page_config(build: Build, path: str) -> dict[str, Any]:
    """The ``__config`` Material's JavaScript reads on a built page."""
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', build.page(path), re.DOTALL)
    assert match, f"no __config in {path}"
    return json.loads(match.group(1))


# --- plain code ----------------------------------------------------------------------------


def test_with_search_config_points_each_language_at_its_index_through_the_worker() -> None:
    page = (
        '<head></head><script id="__config" type="application/json">'
        '{"base": "../../..", "search": "../../../assets/javascripts/workers/search.0123abcd.min.js"}</script>'
    )
    french = json.loads(re.search(r"json\">(.*?)</script>", with_search_config(page, "fr/")).group(1))
    assert french["base"] == "../../../fr/"
    assert french["search"] == f"../../../assets/javascripts/workers/{WORKER_NAME}?index=../../../fr/pagefind/"
    english = json.loads(re.search(r"json\">(.*?)</script>", with_search_config(page, "")).group(1))
    assert english["base"] == "../../.."
    assert english["search"] == f"../../../assets/javascripts/workers/{WORKER_NAME}?index=../../../pagefind/"
    assert with_search_config("<head></head>", "fr/") is None


def test_searchable_marks_materials_article_only() -> None:
    page = '<article class="md-content__inner md-typeset"><h1>T</h1></article>'
    assert searchable(page) == f'<article class="md-content__inner md-typeset" {BODY}><h1>T</h1></article>'
    assert searchable("<article><h1>T</h1></article>") is None


# --- built site ----------------------------------------------------------------------------


def test_each_language_has_its_own_index_of_its_own_pages(shipped_site: Build) -> None:
    assert set(index_folders(shipped_site.site)) == {"en", "fr"}
    for lang in ("en", "fr"):
        folder = shipped_site.site / PREFIX[lang]
        entry = json.loads((folder / INDEX_FOLDER / "pagefind-entry.json").read_text("utf-8"))
        assert set(entry["languages"]) == {lang}
        pages = indexed(shipped_site, lang)
        assert pages, f"nothing indexed in {lang}"
        for url in pages:
            page = folder / url.lstrip("/") / "index.html"
            assert page.is_file(), f"{lang}: {url} is not a page of this language"
            assert f'<html lang="{lang}"' in page.read_text("utf-8"), f"{lang}: {url} is not in {lang}"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_is_searched_but_the_map_history_and_editions(shipped_site: Build, lang: str) -> None:
    folder = shipped_site.site / PREFIX[lang]
    pages = {
        "/" + (page.parent.relative_to(folder).as_posix() + "/").removeprefix("./")
        for page in folder.rglob("index.html")
        if (lang != "en" or page.relative_to(folder).parts[0] != "fr") and "history" not in page.parts
    }
    pages = {"/" if url == "/./" else url for url in pages}
    assert set(indexed(shipped_site, lang)) == pages - {"/destinations/map/", "/offline/"}  # the world map, offline, history pages and archived editions
    history = folder / "destinations/mx/history/index.html"
    assert BODY not in history.read_text("utf-8")
    assert BODY in (folder / "destinations/mx/index.html").read_text("utf-8")


def test_materials_lunr_search_is_not_built_nor_fetched(shipped_site: Build) -> None:
    site = shipped_site.site
    assert not list(site.rglob("search_index*.json"))
    for lang in ("en", "fr"):
        page = shipped_site.page(f"{PREFIX[lang]}destinations/mx/index.html")
        settings = page_config(shipped_site, f"{PREFIX[lang]}destinations/mx/index.html")
        worker, _, index = settings["search"].partition(f"{WORKER_NAME}?index=")
        assert worker.endswith(f"{MATERIAL_WORKERS}/") and (site / PREFIX[lang] / "destinations/mx" / worker / WORKER_NAME).resolve().is_file()
        assert (site / MATERIAL_WORKERS / index / "pagefind.js").resolve() == (site / PREFIX[lang] / INDEX_FOLDER / "pagefind.js").resolve()
        # Material's script fetches its lunr index only for a form named "search".
        assert 'name="search"' not in page and 'class="md-search__form"' in page


def test_only_the_files_the_worker_fetches_are_published(shipped_site: Build) -> None:
    for folder in index_folders(shipped_site.site).values():
        files = [path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()]
        assert files and all(KEPT_FILES.match(name) for name in files), sorted(files)
        assert {"pagefind.js", "pagefind-entry.json"} <= set(files)


def test_every_index_is_written_whole(shipped_site: Build) -> None:
    """Pagefind's service API once answered before its last writes landed: an empty entry file, a cut pagefind.js."""
    folders = index_folders(shipped_site.site)
    assert set(folders) == {"en", "fr"}
    scripts = {(folder / "pagefind.js").read_bytes() for folder in folders.values()}
    assert len(scripts) == 1 and len(next(iter(scripts))) > 40_000
    for lang, folder in folders.items():
        entry = json.loads((folder / "pagefind-entry.json").read_text("utf-8"))
        assert list(entry["languages"]) == [lang]
        meta = folder / f"pagefind.{entry['languages'][lang]['hash']}.pf_meta"
        assert gzip.decompress(meta.read_bytes()).startswith(b"pagefind_dcd")


def test_a_failing_pagefind_is_a_clear_error_for_each_language(tmp_path: Path) -> None:
    from mkdocs.exceptions import PluginError

    from travel_advice.glue.pagefind_index import write_indexes

    with pytest.raises(PluginError, match=r"(?s)search index could not be written.*Pagefind \(en\).*Pagefind \(fr\).*html files"):
        write_indexes(tmp_path, {"en": "", "fr": "fr/"})


@pytest.mark.parametrize(
    ("lang", "path", "expected"),
    [
        ("en", "destinations/mm/index.html", "Also known as: Burma, Republic of the Union of Myanmar · Capital: Naypyidaw"),
        ("fr", "fr/destinations/mm/index.html", "Autres noms\u00a0: Birmanie, République de l’Union du Myanmar · Capitale\u00a0: Naypyidaw"),
        ("en", "destinations/nl/index.html", "Also known as: Holland, The Netherlands, Kingdom of the Netherlands · Capital: Amsterdam"),
        ("fr", "fr/destinations/nl/index.html", "Autres noms\u00a0: Hollande, Royaume des Pays-Bas · Capitale\u00a0: Amsterdam"),
    ],
)
def test_destination_pages_show_other_names_and_capital_weighted(shipped_site: Build, lang: str, path: str, expected: str) -> None:
    names = re.search(r'<p class="ta-names" data-pagefind-weight="7.0">(.*?)</p>', shipped_site.page(path))
    assert names, f"no weighted names line on {path}"
    text = html.unescape(re.sub(r"<[^>]+>", "", names.group(1)))
    assert text.replace("’", "'") == expected.replace("’", "'")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_destination_entries_carry_names_and_sections(shipped_site: Build, lang: str) -> None:
    page = indexed(shipped_site, lang)["/destinations/ci/"]
    assert page["meta"]["title"].replace("’", "'") == "Côte d'Ivoire"
    assert "Yamoussoukro" in page["content"]
    anchors = {anchor["id"]: anchor["text"] for anchor in page["anchors"]}
    assert anchors["health" if lang == "en" else "sante"] == ("Health" if lang == "en" else "Santé")
    assert anchors["malaria" if lang == "en" else "paludisme"] == ("Malaria" if lang == "en" else "Paludisme")
    assert not [text for text in anchors.values() if "¶" in text]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_what_does_not_help_searching_is_left_out(shipped_site: Build, lang: str) -> None:
    text = json.dumps(indexed(shipped_site, lang), ensure_ascii=False)
    assert "abidjan.consular@example.org" not in text  # the offices
    assert "emergency@example.org" not in text  # the 24/7 line
    assert ("Revised the regional advisory" if lang == "en" else "Révision de l'avertissement régional") not in text
    assert ("Still valid" if lang == "en" else "Toujours valide") not in text
    assert not re.search(("Page address" if lang == "en" else "Adresse de la page") + r"\W+https:", text)  # the printed page's head
    assert ("Example content for demonstration only" if lang == "en" else "Contenu d’exemple présenté") not in text  # on every page
    assert "¶" not in text


def test_index_folders_finds_each_language(tmp_path: Path) -> None:
    for folder, languages in (("pagefind", {"en": {}}), ("fr/pagefind", {"fr": {}})):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "pagefind-entry.json").write_text(json.dumps({"languages": languages}), "utf-8")
    assert index_folders(tmp_path) == {"en": tmp_path / "pagefind", "fr": tmp_path / "fr" / "pagefind"}


def test_the_index_is_cut_in_small_chunks(shipped_site: Build) -> None:
    """A query fetches the chunks of its words: Pagefind cuts them at our chunk size (pagefind_index.CHUNK_SIZE), not its own 20,000."""
    for folder in index_folders(shipped_site.site).values():
        chunks = [path.stat().st_size for path in (folder / "index").glob("*.pf_index")]
        assert len(chunks) >= 3 and max(chunks) < 16 * 1024, chunks


def test_name_terms_are_the_parts_of_joined_words_and_the_code() -> None:
    from travel_advice.site.search_index import name_terms

    assert name_terms("CI", ["Côte d’Ivoire", "Ivory Coast", "Yamoussoukro"]) == "Ivoire CI"
    assert name_terms("NL", ["Pays-Bas", "Hollande"]) == "Pays Bas NL"
    assert name_terms("GW", ["Guinea-Bissau, Republic of", "Bissau"]) == "Guinea Bissau GW"
    assert name_terms("US", ["United States"]) == "US"


def test_a_pagefind_that_does_not_start_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.exceptions import PluginError

    from travel_advice.glue import pagefind_index

    not_a_program = tmp_path / "pagefind"
    not_a_program.write_text("not a program", encoding="utf-8")  # not executable
    monkeypatch.setattr(pagefind_index, "get_executable", lambda: not_a_program)
    with pytest.raises(PluginError, match="Pagefind .* did not start"):
        pagefind_index.write_indexes(tmp_path, {"en": "", "fr": "fr/"})
