"""Whole advisories from each destination's open-data feed (``travel-advice import --full``)."""

from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import pytest

from travel_advice.cli.full_advisory import to_markdown
from travel_advice.core import yaml_source
from travel_advice.core.content_rules import markdown_problems

from .conftest import FIXTURES, ROOT, run_build, run_cli, unexpected_warnings

GAC = FIXTURES / "gac"
TODAY = "2026-11-25"


def hong_kong() -> dict:
    """The 2026 Hong Kong sample as published (English only, two sections)."""
    return json.loads((GAC / "cta-cap-hk.2026-trimmed.json").read_text(encoding="utf-8"))


def complete(feed: dict) -> dict:
    """Test data: the sample with a French text, every section and a regional advisory added."""
    feed = copy.deepcopy(feed)
    eng = feed["data"]["eng"]
    eng["advisories"] += (
        '<div class="AdvisoryContainer AvoidAll"><h3>Lantau Peak - Avoid all travel</h3><p>Landslides after the typhoon.</p></div>'
    )
    for key in ("entry-exit", "health", "laws-culture", "disasters-climate"):
        eng[key] = f"<h3>{key}</h3><p>Text of {key} with <strong>emphasis</strong> and a <a href=\"https://travel.gc.ca/{key}\">link</a>.</p>"
    eng["offices-help-abroad"] = {"opening-text": "<p>Call the consulate.</p>", "closing-text": ""}
    feed["data"]["fra"] = {
        "name": "Hong Kong",
        "friendly-date": "24 septembre 2026 08:53 HAE",
        "recent-updates": "Santé – changement rédactionnel",
        "advisories": (
            '<div class="AdvisoryContainer ExHigh"><h3>Hong Kong - Faire preuve d’une grande prudence</h3>'
            "<p>Faites preuve d’une grande prudence à Hong Kong.</p></div>"
            '<div class="AdvisoryContainer AvoidAll"><h3>Pic de Lantau - Éviter tout voyage</h3><p>Glissements de terrain.</p></div>'
        ),
        **{key: f"<p>Texte de {key}, avec un <a href=\"https://voyage.gc.ca/{key}\">lien</a>.</p>" for key in (
            "security", "entry-exit", "health", "laws-culture", "disasters-climate")},
        "offices-help-abroad": {"opening-text": "<p>Appelez le consulat.</p>", "closing-text": ""},
    }  # fmt: skip
    return feed


def project(tmp_path: Path, advisories: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "advisories"
    folder.mkdir()
    for name, text in (advisories or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def imported(root: Path, httpserver, feed: dict, *extra: str, path: str = "/cta-cap-HK.json"):
    httpserver.expect_request(path).respond_with_json(feed)
    return run_cli(root, "import", "--full", "--url", httpserver.url_for(path), "--today", TODAY, *extra)


def test_the_hong_kong_sample_becomes_a_draft_saying_what_it_lacks(tmp_path, httpserver):
    root = project(tmp_path)
    result = imported(root, httpserver, hong_kong())
    assert result.returncode == 0, result.stderr
    assert "created advisories/hk.yml at level 2 as a draft: 8 things to complete, listed at its top" in result.stdout
    text = (root / "advisories" / "hk.yml").read_text(encoding="utf-8")
    assert "# A draft, not published: the feed lacks or breaks the rules for:\n#   - the French text ('fra' is absent)\n" in text
    assert "#   - sections.health.en ('health' is empty or absent)\n" in text
    data = yaml_source.parse(text).data
    assert data["status"] == "draft" and data["level"] == 2 and data["last_updated"] == "2026-09-24"
    assert data["summary"]["en"] == "Exercise a high degree of caution in Hong Kong due to the risk of arbitrary enforcement of local laws."
    safety = data["sections"]["safety"]["en"]
    assert safety.startswith("### Crime\n\n#### Petty crime\n\nPetty crime such as pickpocketing")
    assert "<" not in safety and markdown_problems(safety) == []
    assert data["updates"] == [{"date": "2026-09-24", "en": "Health – editorial change", "fr": ""}]
    check = run_cli(root, "check", "--today", TODAY)
    assert check.returncode == 0, check.stdout  # a draft: listed, never an error


def test_a_complete_feed_is_published_with_regions_sections_and_both_languages(tmp_path, httpserver):
    root = project(tmp_path)
    result = imported(root, httpserver, complete(hong_kong()))
    assert result.returncode == 0, result.stderr
    assert "created advisories/hk.yml at level 2: complete, published by the next build" in result.stdout
    data = yaml_source.read(root / "advisories" / "hk.yml").data
    assert "status" not in data
    assert data["summary"]["fr"] == "Faites preuve d’une grande prudence à Hong Kong."
    assert data["regions"] == [
        {"name": {"en": "Lantau Peak", "fr": "Pic de Lantau"}, "level": 4,
         "reason": {"en": "Landslides after the typhoon.", "fr": "Glissements de terrain."}},
    ]  # fmt: skip
    assert data["sections"]["health"]["en"].startswith("### health\n\nText of health with **emphasis** and a [link](https://travel.gc.ca/health).")
    assert data["sections"]["help"] == {"en": "Call the consulate.\n", "fr": "Appelez le consulat.\n"}
    assert run_cli(root, "check", "--today", TODAY).returncode == 0


def test_hostile_html_is_converted_or_leaves_a_draft_never_published(tmp_path, httpserver):
    feed = complete(hong_kong())
    feed["data"]["eng"]["health"] = (
        '<p onclick="alert(1)">Drink <script>alert(2)</script>bottled water. <iframe src="https://evil.example"></iframe>'
        '<a href="javascript:alert(3)">click</a> <a href="#levels">levels</a> <img src="x" onerror="alert(4)"></p>'
        "<p>&lt;script&gt;alert(5)&lt;/script&gt;</p>"
    )
    root = project(tmp_path)
    result = imported(root, httpserver, feed)
    assert result.returncode == 0, result.stderr
    text = (root / "advisories" / "hk.yml").read_text(encoding="utf-8")
    health = yaml_source.parse(text).data["sections"]["health"]["en"]
    assert "alert(1)" not in health and "alert(2)" not in health and "evil" not in health and "javascript" not in health
    assert "click" in health and "levels" in health and "alert(4)" not in health
    assert "status: draft" in text and "#   - sections.health.en: <script> is not allowed" in text  # the escaped one, as text


@pytest.mark.parametrize(("fragment", "expected"), [
    ("<h2>Big</h2><h3>Small</h3>", "### Big\n\n#### Small"),
    ("<ul><li>a</li><li>b</li></ul>", "* a\n* b"),
    ("<p>x&nbsp;y</p>", "x y"),
])  # fmt: skip
def test_to_markdown(fragment, expected):
    assert to_markdown(fragment) == expected


def test_existing_files_are_kept_unless_overwrite(tmp_path, httpserver):
    editor = "# An editor's comment\n" + (FIXTURES / "advisories" / "pt.yml").read_text(encoding="utf-8").replace("code: PT", "code: HK", 1)
    root = project(tmp_path, {"hk.yml": editor})
    feed = complete(hong_kong())
    feed["metadata"]["generated"] = {"timestamp": 0, "date": "2026-11-20 09:00:00"}
    feed["data"]["eng"]["friendly-date"] = "November 20, 2026 08:53 EST"
    first = imported(root, httpserver, feed)
    kept = (root / "advisories" / "hk.yml").read_text(encoding="utf-8")
    assert kept.startswith("# An editor's comment\n") and "Lantau" not in kept  # levels and dates only, comments kept
    assert "last_updated: 2026-11-20" in kept and first.returncode == 0
    (root / "advisories" / "hk.yml").write_text(editor, encoding="utf-8")
    second = run_cli(root, "import", "--full", "--overwrite", "--url", httpserver.url_for("/cta-cap-HK.json"), "--today", TODAY)
    assert second.returncode == 0, second.stderr
    replaced = (root / "advisories" / "hk.yml").read_text(encoding="utf-8")
    assert "Lantau" in replaced and "An editor's comment" not in replaced


def test_overwrite_never_replaces_a_newer_advisory(tmp_path, httpserver):
    root = project(tmp_path)
    imported(root, httpserver, complete(hong_kong()))
    path = root / "advisories" / "hk.yml"
    newer = re.sub(r"last_updated: '?2026-09-24'?", "last_updated: '2026-10-01'", path.read_text(encoding="utf-8"))
    newer = newer.replace("still_valid: '2026-09-24'", "still_valid: '2026-10-01'")
    path.write_text(newer, encoding="utf-8")
    result = run_cli(root, "import", "--full", "--overwrite", "--url", httpserver.url_for("/cta-cap-HK.json"), "--today", TODAY)
    assert result.returncode == 1 and "the feed was generated on 2026-09-24, before the newest advisory" in result.stderr
    result = run_cli(root, "import", "--full", "--overwrite", "--allow-older-feed", "--url", httpserver.url_for("/cta-cap-HK.json"), "--today", TODAY)
    assert result.returncode == 1
    assert "advisories/hk.yml:1: warning: (file): the feed's advisory of 2026-09-24 is not newer than this advisory (2026-10-01)" in result.stderr
    assert path.read_text(encoding="utf-8") == newer


def test_a_site_from_the_real_samples_builds_strict(tmp_path, httpserver):
    """The 2014 index and the 2026 Hong Kong sample into an empty project, plus one complete (test) feed."""
    root = tmp_path
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "advisories").mkdir()
    index = json.loads((GAC / "index-alpha-eng.2014.json").read_text(encoding="utf-8"))
    httpserver.expect_request("/travel-voyage/index-alpha-eng.json").respond_with_json(index)
    httpserver.expect_request("/travel-voyage/cta-cap-HK.json").respond_with_json(hong_kong())
    france = json.loads(json.dumps(complete(hong_kong())).replace("Hong Kong", "France"))
    france["data"]["country-iso"] = "FR"
    httpserver.expect_request("/travel-voyage/cta-cap-FR.json").respond_with_json(france)
    httpserver.expect_request(re.compile(r"/travel-voyage/cta-cap-.*")).respond_with_data("not here", status=404)
    result = run_cli(root, "import", "--full", "--url", httpserver.url_for("/travel-voyage/index-alpha-eng.json"), "--today", TODAY)
    assert result.returncode == 0, result.stderr[-2000:]
    files = sorted(p.name for p in (root / "advisories").iterdir())
    assert len(files) >= 220 and "hk.yml" in files
    statuses = {name: yaml_source.read(root / "advisories" / name).data.get("status") for name in files}
    assert statuses["fr.yml"] is None and statuses["hk.yml"] == "draft"
    assert yaml_source.read(root / "advisories" / "hk.yml").data["level"] == 2  # the 2026 feed, not the 2014 index
    check = run_cli(root, "check", "--today", TODAY)
    assert check.returncode == 0, check.stdout[-2000:]
    build = run_build(root)
    assert build.returncode == 0, build.output[-3000:]
    assert unexpected_warnings(build.output) == []
    assert (root / "site" / "destinations" / "fr" / "index.html").exists()
    assert not (root / "site" / "destinations" / "hk").exists()
