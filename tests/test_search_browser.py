"""Search as a traveller uses it: typing into Material's real search box in headless Chromium.

The built shipped site is served on 127.0.0.1; each query is typed key by key on the home page
of its language, answered by our worker from the language's Pagefind index, and the first result
(page, and section when it matters) is compared with the expected one. The test prints the hit
rate and fails below 100 %. What a first query fetches: test_search_budget.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from travel_advice.site.search_index import INDEX_FOLDER

from .browser import chromium, require_chromium, serve_site
from .conftest import Build

pytestmark = pytest.mark.browser

PREFIX = {"en": "", "fr": "fr/"}
SITE_HOST = "travel-advice.example.org"  # site_url in mkdocs.yml


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    expected: str
    """Expected first result, relative to the language's home: a page (``destinations/mm/``),
    or a page and section (``before/health/#malaria``) when the best section matters."""


QUERIES = [
    # Destinations by name, other names and spellings, and capital.
    Query("en", "Myanmar", "destinations/mm/"),
    Query("en", "Burma", "destinations/mm/"),
    Query("en", "Naypyidaw", "destinations/mm/"),
    Query("en", "Netherlands", "destinations/nl/"),
    Query("en", "Holland", "destinations/nl/"),
    Query("en", "United States", "destinations/us/"),
    Query("en", "USA", "destinations/us/"),
    Query("en", "Washington", "destinations/us/"),
    Query("en", "Ivory Coast", "destinations/ci/"),
    Query("en", "Cote d'Ivoire", "destinations/ci/"),
    Query("en", "Côte d’Ivoire", "destinations/ci/"),
    Query("en", "Yamoussoukro", "destinations/ci/"),
    Query("en", "Ivoire", "destinations/ci/"),  # a part of a name Pagefind keeps as one word (« d’Ivoire »)
    Query("en", "US", "destinations/us/"),  # two letters: a destination's code
    Query("en", "Reykjavik", "destinations/is/"),
    Query("en", "Bogota", "destinations/co/"),
    Query("en", "Cairo", "destinations/eg/"),
    Query("en", "Mexico City", "destinations/mx/"),
    Query("en", "Kuki Airani", "destinations/ck/"),
    Query("fr", "Myanmar", "destinations/mm/"),
    Query("fr", "Birmanie", "destinations/mm/"),
    Query("fr", "Pays-Bas", "destinations/nl/"),
    Query("fr", "Hollande", "destinations/nl/"),
    Query("fr", "États-Unis", "destinations/us/"),
    Query("fr", "etats unis", "destinations/us/"),
    Query("fr", "USA", "destinations/us/"),
    Query("fr", "Côte d’Ivoire", "destinations/ci/"),
    Query("fr", "cote d'ivoire", "destinations/ci/"),
    Query("fr", "Ivoire", "destinations/ci/"),
    Query("fr", "US", "destinations/us/"),
    Query("fr", "Bas", "destinations/nl/"),
    Query("fr", "Egypte", "destinations/eg/"),
    Query("fr", "Le Caire", "destinations/eg/"),
    Query("fr", "Mexique", "destinations/mx/"),
    Query("fr", "Iles Cook", "destinations/ck/"),
    Query("fr", "Reykjavik", "destinations/is/"),
    Query("fr", "Bogota", "destinations/co/"),
    # Worries: the general guidance first, at the right section.
    Query("en", "malaria", "before/health/#malaria"),
    Query("en", "lost passport", "during/lost-passport/"),
    Query("en", "passports", "before/documents/"),
    Query("en", "vaccines", "before/health/#vaccines"),
    Query("en", "roaming", "before/staying-connected/#roaming"),
    Query("en", "duty free", "after/returning-home/#duty-free-allowances"),
    Query("en", "arrested", "during/arrest-detention/"),
    Query("fr", "paludisme", "before/health/#paludisme"),
    Query("fr", "passeport perdu", "during/lost-passport/"),
    Query("fr", "vaccins", "before/health/#vaccins"),
    Query("fr", "sécurité en ligne", "before/staying-connected/#securite-en-ligne"),
    Query("fr", "securite en ligne", "before/staying-connected/#securite-en-ligne"),
    Query("fr", "santé mentale", "after/illness/#votre-sante-mentale-apres-un-voyage-difficile"),
    Query("fr", "sante mentale", "after/illness/#votre-sante-mentale-apres-un-voyage-difficile"),
    Query("fr", "arrestation", "during/arrest-detention/"),
]
SAME_RESULTS = [
    ("fr", "securite", "sécurité"),
    ("fr", "Cote d'Ivoire", "côte d’ivoire"),
    ("en", "Cote d'Ivoire", "Côte d’Ivoire"),
    ("fr", "seisme", "séisme"),
]


@dataclass(frozen=True)
class Result:
    """One group of Material's result list: a page and its sections, with their scores."""

    links: tuple[tuple[str, float], ...]

    @property
    def page(self) -> str:
        return self.links[0][0].split("#")[0]

    @property
    def best(self) -> str:
        """The page or section with the highest score (where Enter in the search box goes)."""
        return max(self.links, key=lambda link: link[1])[0]


class SearchBox:
    """Material's search box on the home page of each language, in one Chromium tab."""

    def __init__(self, context: Any, base_url: str) -> None:
        self.base_url = base_url
        self.outside_requests: list[str] = []
        self.index_requests: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.lang: str | None = None

    def _route(self, route: Any) -> None:
        url = route.request.url
        path = urlsplit(url).path
        if "search_index" in path or f"/{INDEX_FOLDER}" in path or "/workers/search." in path:
            self.index_requests.append(urlsplit(url).path)
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside_requests.append(url)
            route.abort()

    def results(self, lang: str, text: str) -> list[Result]:
        """Type ``text`` key by key on the home page of ``lang``; the result groups, best first."""
        if self.lang != lang:
            self.page.goto(self.base_url + PREFIX[lang], wait_until="load")
            self.lang = lang
        box = self.page.locator("input.md-search__input")
        box.click()
        box.fill("")
        box.press_sequentially(text, delay=20)
        box.press("End")  # Playwright types letters such as "é" without a keyup, on which Material reads the box
        self.page.wait_for_function(
            """text => document.querySelector('input.md-search__input').value === text
                && document.querySelector('.md-search-result__list > li')""",
            arg=text,
            timeout=10_000,
        )
        return self._settled_results()

    def _settled_results(self) -> list[Result]:
        """The result list once it stopped changing for half a second (the worker searches once typing
        pauses for 200 ms, so an earlier text's results may show until then)."""
        previous: list[Result] | None = None
        unchanged = 0
        for _ in range(100):
            current = self._read_results()
            unchanged = unchanged + 1 if current and current == previous else 0
            if unchanged == 5:
                return current
            previous = current
            self.page.wait_for_timeout(100)
        return previous or []

    def _read_results(self) -> list[Result]:
        groups = self.page.eval_on_selector_all(
            ".md-search-result__list > li",
            """items => items.map(item => [...item.querySelectorAll('a.md-search-result__link')].map(a => [
                a.href, parseFloat(a.querySelector('[data-md-score]').getAttribute('data-md-score'))]))""",
        )
        return [Result(tuple((self._relative(href), score) for href, score in group)) for group in groups]

    def _relative(self, href: str) -> str:
        """``http://127.0.0.1:…/fr/before/health/?h=palud#paludisme`` -> ``before/health/#paludisme``."""
        parts = urlsplit(href)
        path = parts.path.removeprefix("/").removeprefix(PREFIX[self.lang or "en"])
        return path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.fixture(scope="module")
def search_box(shipped_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchBox]:
    require_chromium()
    site: Path = shipped_site.site
    with serve_site(site) as base_url, chromium(tmp_path_factory.mktemp("chromium-search")) as context:
        yield SearchBox(context, base_url)


def test_travellers_find_the_right_page_and_section(search_box: SearchBox) -> None:
    assert len(QUERIES) >= 30
    misses = []
    hits = {"en": 0, "fr": 0}
    for query in QUERIES:
        results = search_box.results(query.lang, query.text)
        found = (results[0].best if "#" in query.expected else results[0].page) if results else "(nothing)"
        if found == query.expected:
            hits[query.lang] += 1
        else:
            misses.append(f"{query.lang} {query.text!r}: expected {query.expected}, first result {found}")
    for lang in ("en", "fr"):
        total = sum(1 for query in QUERIES if query.lang == lang)
        print(f"search hit rate ({lang}): {hits[lang]}/{total} = {100 * hits[lang] / total:.1f} %")
    rate = 100 * sum(hits.values()) / len(QUERIES)
    print(f"search hit rate (both languages): {sum(hits.values())}/{len(QUERIES)} = {rate:.1f} %")
    assert not misses, "\n".join(misses)
    # Material fetches the sitemap of each <link rel="alternate">: the site's own address, not a third party.
    third_parties = [url for url in search_box.outside_requests if urlsplit(url).hostname != SITE_HOST]
    assert third_parties == []


@pytest.mark.parametrize(("lang", "plain", "accented"), SAME_RESULTS)
def test_accents_do_not_matter(search_box: SearchBox, lang: str, plain: str, accented: str) -> None:
    plain_results = [result.links for result in search_box.results(lang, plain)[:5]]
    accented_results = [result.links for result in search_box.results(lang, accented)[:5]]
    assert plain_results, f"nothing found for {plain!r}"
    assert [[link for link, _ in group] for group in plain_results] == [
        [link for link, _ in group] for group in accented_results
    ]


def test_each_language_downloads_only_its_own_index(search_box: SearchBox) -> None:
    """Nothing of Material's lunr search (index, worker) and nothing of the other language's index is fetched."""
    for lang in ("fr", "en"):
        search_box.index_requests.clear()
        search_box.lang = None  # reload the home page
        search_box.results(lang, "passeport" if lang == "fr" else "passport")
        assert search_box.index_requests, "no index fetched"
        assert all(path.startswith(f"/{PREFIX[lang]}{INDEX_FOLDER}") for path in search_box.index_requests), search_box.index_requests


def test_the_index_is_fetched_only_to_search_and_again_after_a_failure(search_box: SearchBox) -> None:
    """A page view and an open, empty search box fetch nothing of the index; offline, a query finds
    nothing (Material says so) and the next one, online, fetches the index and finds."""
    page = search_box.page
    index_requests: list[str] = []
    offline = False
    errors: list[str] = []

    def route(route: Any) -> None:
        if f"/{INDEX_FOLDER}" in urlsplit(route.request.url).path:
            index_requests.append(urlsplit(route.request.url).path)
            if offline:
                route.abort("internetdisconnected")
                return
        route.fallback()  # to the search box's routing: this site only

    def on_console(message: Any) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            errors.append(message.text)

    def open_search(lang: str, placeholder: str) -> Any:
        """Load the home page of ``lang`` and open its search box, until Material shows ``placeholder``."""
        page.goto(search_box.base_url + PREFIX[lang], wait_until="load")
        search_box.lang = lang
        box = page.locator("input.md-search__input")
        box.click()
        page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent === text", arg=placeholder)
        return box

    page.route("**/*", route)  # routing turns Chromium's HTTP cache off: each page load fetches anew
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", on_console)
    try:
        open_search("fr", "Taper pour démarrer la recherche")
        assert index_requests == []
        assert search_box.results("fr", "paludisme")[0].best == "before/health/#paludisme"
        assert "/fr/pagefind/pagefind.js" in index_requests

        offline = True
        index_requests.clear()
        box = open_search("en", "Type to start searching")
        box.fill("malari")
        box.press("a")  # one keystroke, one query (Material reads the box on keyup)
        page.wait_for_function("document.querySelector('.md-search-result__meta').textContent === 'No matching documents'")
        assert set(index_requests) == {"/pagefind/pagefind.js"}  # tried from the first keystroke, and for the query
        offline = False
        tried = len(index_requests)
        assert search_box.results("en", "malaria")[0].best == "before/health/#malaria"
        assert index_requests[tried] == "/pagefind/pagefind.js"
    finally:
        page.unroute("**/*", route)
        page.remove_listener("console", on_console)
    assert errors == []


@pytest.mark.parametrize(("lang", "typed", "marked"), [("en", "malaria", "malaria"), ("fr", "securite en ligne", "sécurité")])
def test_the_opened_result_marks_the_searched_words(search_box: SearchBox, lang: str, typed: str, marked: str) -> None:
    """Material links each result with the query in ``?h=``; the page opened shows the words marked, accents aside."""
    search_box.results(lang, typed)
    page = search_box.page
    page.locator("a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    search_box.lang = None  # the next query starts from the home page again
    assert "h=" in page.url
    page.wait_for_function("document.querySelectorAll('article mark').length > 0", timeout=5_000)
    words = {text.lower() for text in page.locator("article mark").all_inner_texts()}
    assert marked in words
    assert page.locator("article script mark, article .headerlink mark").count() == 0
