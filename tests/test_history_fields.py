"""The history page shows every change a traveller would notice: names, lists item by item, one language only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Build, copy_project, run_build
from tests.test_history import ORIGINAL, _commit, _edition, _git

NBSP = "\u00a0"
PORTO_OFFICE = """  - name: {en: Example consular office in Porto, fr: Bureau consulaire d’exemple à Porto}
    address: Rua de Santa Catarina 2, 4000-442 Porto
    phone: "+351 22 555 0100"
    email: porto.consular@example.org
    hours: {en: "<img src=x onerror=alert(1)> Tuesdays, 9:00 to 12:00", fr: "Le mardi, de 9 h à 12 h"}
"""


def _second(text: str) -> str:
    """An office's phone changed and an office added, a risk added, the Azores advisory replaced by Madeira's."""
    text = text.replace('phone: "+351 21 555 0100"', 'phone: "+351 21 555 0199"')
    text = text.replace("updates:\n", PORTO_OFFICE + "updates:\n")
    text = text.replace("indicators: [natural-disaster]", "indicators: [crime, natural-disaster]")
    text = text.replace("{en: Azores, fr: Açores}", "{en: Madeira, fr: Madère}")
    return _edition(text, update=("2026-11-01", "Porto office opened.", "Ouverture du bureau de Porto."))


@pytest.fixture(scope="module")
def fields_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    repo = copy_project(tmp_path_factory.mktemp("fields"), advisories=FIXTURES / "advisories")
    _git(repo, "init", "-q", "-b", "main")
    _commit(repo, "advisories/pt.yml", ORIGINAL, "Portugal: first edition", "2026-03-01T09:00:00-05:00")
    second = _second(ORIGINAL)
    _commit(repo, "advisories/pt.yml", second, "Portugal: offices, risks, regions", "2026-04-01T09:00:00-04:00")
    third = _edition(second.replace("Le Portugal est généralement sûr.", "Le Portugal est un pays généralement sûr."),
                     update=("2026-11-02", "French summary reworded.", "Résumé français reformulé."))
    _commit(repo, "advisories/pt.yml", third, "Portugal: French wording", "2026-05-01T09:00:00-04:00")
    fourth = _edition(third, update=("2026-11-03", "Reviewed, nothing changed.", "Révisé, rien n’a changé."))
    _commit(repo, "advisories/pt.yml", fourth, "Portugal: reviewed", "2026-06-01T09:00:00-04:00")
    build = run_build(repo)
    assert build.returncode == 0, build.output
    return build


def _edition_entry(site: Build, lang: str, day: str) -> str:
    page = site.page(("fr/" if lang == "fr" else "") + "destinations/pt/history/index.html")
    found = re.search(rf'<li class="ta-edition[^"]*" id="edition-{day}">(.*?)</li>\s*(?:<li class="ta-edition|</ol>)', page, re.S)
    assert found, f"no entry for {day} in {lang}"
    return found.group(1)


def _diff_titled(entry: str, title: str) -> str:
    found = re.search(rf'<p class="ta-diff__title"><strong>{re.escape(title)}</strong></p>\s*<p class="ta-diff">(.*?)</p>', entry, re.S)
    assert found, f"no diff titled {title!r} in {entry}"
    return found.group(1)


@pytest.mark.parametrize(
    ("lang", "phone", "added_office", "risks", "removed_region", "added_region"),
    [
        ("en", "Consular office: Example consular office in Lisbon", "Consular office: Example consular office in Porto",
         ("Risk indicators", "Crime"), "Regional advisory: Azores", "Regional advisory: Madeira"),
        ("fr", f"Bureau consulaire{NBSP}: Bureau consulaire d’exemple à Lisbonne", f"Bureau consulaire{NBSP}: Bureau consulaire d’exemple à Porto",
         ("Indicateurs de risque", "Criminalité"), f"Avis régional{NBSP}: Açores", f"Avis régional{NBSP}: Madère"),
    ],
)
def test_lists_are_compared_item_by_item(fields_site: Build, lang: str, phone: str, added_office: str,
                                        risks: tuple[str, str], removed_region: str, added_region: str) -> None:
    entry = _edition_entry(fields_site, lang, "2026-04-01")
    assert re.search(r"555 <del>0100(<br>)?</del><ins>0199(<br>)?</ins>", _diff_titled(entry, phone))
    office = _diff_titled(entry, added_office)
    assert office.startswith("<ins>") and office.endswith("</ins>") and "<del>" not in office
    assert "porto.consular@example.org" in office
    assert f"<ins>{risks[1]}, </ins>" in _diff_titled(entry, risks[0])
    removed, added = _diff_titled(entry, removed_region), _diff_titled(entry, added_region)
    assert removed.startswith("<del>") and "<ins>" not in removed
    assert added.startswith("<ins>") and "<del>" not in added
    assert entry.index(removed_region) < entry.index(added_region) < entry.index(phone) < entry.index(added_office)


def test_an_editors_text_in_a_new_field_is_escaped(fields_site: Build) -> None:
    entry = _edition_entry(fields_site, "en", "2026-04-01")
    assert "&lt;img src=x onerror=alert(1)&gt; Tuesdays" in entry
    assert "<img" not in entry


@pytest.mark.parametrize(("lang", "says"), [("en", "Only the French text changed."), ("fr", "Seul le texte anglais a changé.")])
def test_an_edition_that_changed_one_language_says_so_in_the_other(fields_site: Build, lang: str, says: str) -> None:
    entry = _edition_entry(fields_site, lang, "2026-05-01")
    if lang == "en":
        assert says in entry and "ta-diff" not in entry
    else:
        assert "Seul le texte" not in entry
        assert "<ins>un pays </ins>" in _diff_titled(entry, "En bref")


@pytest.mark.parametrize(("lang", "says"), [("en", "No change to the text."), ("fr", "Aucune modification du texte.")])
def test_an_edition_with_nothing_visible_changed_says_so(fields_site: Build, lang: str, says: str) -> None:
    entry = _edition_entry(fields_site, lang, "2026-06-01")
    assert says in entry and "ta-diff" not in entry


@pytest.mark.browser
def test_field_diffs_fit_a_phone_in_both_languages(fields_site: Build, tmp_path: Path) -> None:
    """Offices, regions and risks diffed on the history page: no sideways scroll at 320 px, no serious axe violation."""
    from tests.test_accessibility import on_a_phone

    for _, page in on_a_phone(fields_site.site, ["destinations/pt/history/"], tmp_path):
        assert page.locator(".ta-diff ins").count() >= 4
