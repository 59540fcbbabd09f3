"""Smoke test of the benchmark (scripts/benchmark.py): its corpus stays valid and its table prints."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from travel_advice.core.model import CODE_PATTERN
from travel_advice.core.validation import load_advisories

sys.path.insert(0, str(ROOT / "scripts"))
import benchmark  # noqa: E402
import synthetic_corpus  # noqa: E402

TODAY = date(2026, 11, 25)


def words(text: str) -> int:
    return len(text.split())


def test_generated_corpus_loads_without_any_problem(tmp_path: Path) -> None:
    paths = synthetic_corpus.write_advisories(tmp_path, 5, TODAY)
    result = load_advisories(tmp_path, TODAY)
    assert result.problems == ()
    assert [a.code for a in result.advisories] == [p.stem.upper() for p in paths]
    assert [a.level for a in result.advisories] == [1, 2, 3, 4, 1]
    for advisory in result.advisories:
        for lang in ("en", "fr"):
            text = " ".join(
                [advisory.summary[lang], *(s[lang] for s in advisory.sections.values())]
                + [f"{r.name[lang]} {r.reason[lang]}" for r in advisory.regions]
                + [u.note[lang] for u in advisory.updates]
            )
            assert 1300 <= words(text) <= 2500, (advisory.code, lang, words(text))
        assert advisory.offices and advisory.updates
    assert [len(a.regions) for a in result.advisories] == [0, 1, 2, 3, 0]


def test_codes_beyond_cldr_are_subdivisions_with_their_own_names(tmp_path: Path) -> None:
    codes = synthetic_corpus.destination_codes(synthetic_corpus.MAX_DESTINATIONS)
    assert len({code for code, _ in codes}) == synthetic_corpus.MAX_DESTINATIONS
    assert all(re.fullmatch(CODE_PATTERN, code) for code, _ in codes)
    countries = [code for code, named_by_cldr in codes if named_by_cldr]
    assert len(countries) > 200 and codes[: len(countries)] == [(code, True) for code in countries]  # countries first
    assert codes[len(countries)] == (f"{countries[0]}-01", False)  # then subdivisions, country by country
    picked = [codes[index] for index in (len(countries), 999, len(codes) - 1)]
    for index, (code, named_by_cldr) in zip((len(countries), 999, len(codes) - 1), picked, strict=False):
        data = synthetic_corpus.advisory_data(code, named_by_cldr, index, TODAY)
        (tmp_path / f"{code.lower()}.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = load_advisories(tmp_path, TODAY)
    assert result.problems == ()
    assert {a.code: a.name.fr for a in result.advisories} == {code: f"Synthlande {code}" for code, _ in picked}


@pytest.mark.parametrize(("text", "sizes"), [("250,1000", [250, 1000]), ("5", [5]), (f"{synthetic_corpus.MAX_DESTINATIONS}", [synthetic_corpus.MAX_DESTINATIONS])])
def test_sizes_go_beyond_every_two_letter_code(text: str, sizes: list[int]) -> None:
    assert benchmark.parse_sizes(text) == sizes
    assert benchmark.DEFAULT_SIZES == [250, 1000]


@pytest.mark.parametrize("text", ["0", f"{synthetic_corpus.MAX_DESTINATIONS + 1}", ""])
def test_sizes_out_of_range_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="expected sizes from 1 to 10,000"):
        benchmark.parse_sizes(text)


def test_destination_pages_include_subdivisions(tmp_path: Path) -> None:
    for folder in ("destinations/mx", "destinations/pt-20", "destinations/map", "fr/destinations/pt-20", "fr/destinations/latest"):
        (tmp_path / folder).mkdir(parents=True)
    pages = sorted(str(p.relative_to(tmp_path)) for p in benchmark.destination_pages(tmp_path))
    assert pages == ["destinations/mx/index.html", "destinations/pt-20/index.html", "fr/destinations/pt-20/index.html"]


def test_baseline_configuration_drops_only_our_plugin() -> None:
    shipped = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    baseline = synthetic_corpus.without_our_plugins(shipped)
    assert "  - travel-advice:" in shipped and "  - travel-advice" not in baseline
    assert "  - i18n:" in baseline and "  - search" in baseline and "nav:" in baseline
    assert "advisories_dir" not in baseline and "docs_structure: suffix" in baseline


def test_table_marks_each_target() -> None:
    run = benchmark.BuildRun(10.0, 9.0, 200.0)
    sizes = benchmark.Sizes(40_000, 7_000)
    measures = benchmark.Measures(
        n=250, ours=run, baseline=benchmark.BuildRun(10.0, 9.5, 120.0), baseline_linear_search=benchmark.BuildRun(12.0, 12.5, 125.0),
        hugo=benchmark.BuildRun(1.0, 1.5, 50.0),
        validation_seconds=0.2, search={"en": sizes, "fr": sizes}, search_on_load={"en": benchmark.Sizes(257, 196)}, page_median=sizes,
        page_largest=benchmark.Sizes(50_000, 9_000), site_bytes=30_000_000,
        serve={benchmark.SERVE_MODES[1][0]: benchmark.ServeRun(2.0, 1.5), benchmark.SERVE_MODES[0][0]: benchmark.ServeRun(9.0, 8.5)},
        history=benchmark.HistoryCost(
            20, benchmark.BuildRun(12.0, 11.0, 300.0), (benchmark.BuildRun(10.0, 10.5, 300.0), benchmark.BuildRun(10.0, 10.0, 300.0)),
            (run, benchmark.BuildRun(10.0, 9.5, 200.0)),
        ),
        history_in_memory=benchmark.HistoryCost(
            20, None, (benchmark.BuildRun(10.0, 10.6, 300.0), benchmark.BuildRun(10.0, 10.2, 300.0)), (benchmark.BuildRun(10.0, 9.0, 200.0), run),
            place=", in memory (/dev/shm)",
        ),
        turns=((benchmark.BuildRun(10.0, 9.6, 200.0), benchmark.BuildRun(12.0, 13.0, 125.0)), (run, benchmark.BuildRun(12.0, 12.5, 125.0))),
        ours_no_cache=(benchmark.BuildRun(11.0, 10.0, 210.0), benchmark.BuildRun(11.0, 10.2, 210.0)), validation_kept_seconds=0.05,
    )
    lines = benchmark.table([measures]).splitlines()
    assert lines[0].startswith("| Measure") and set(lines[1]) <= {"|", "-"}
    marks = {line.split("|")[1].strip(): line.split("|")[-2].strip() for line in lines[2:]}
    assert marks["Ratio ours / baseline (CPU)"] == "✓"
    cells = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in lines[2:]}
    linear = "Ratio ours, the last build's cache / that baseline (CPU; least of 2 builds each in turn)"  # as many as were measured
    assert marks[linear] == "✓"  # 9 s against 12.5 s: 0.72×
    assert cells[linear] == "0.72× (turns: 9.6 / 13.0, 9.0 / 12.5 s)"
    no_cache = "Ratio ours, no cache (a clean checkout's first build) / that baseline (CPU; least of 2 builds each in turn)"
    assert cells[no_cache] == "0.80× (turns: 10.0 / 13.0, 10.2 / 12.5 s)" and marks[no_cache] == "✗"  # 10 s against 12.5 s
    assert cells["Hugo: same Markdown, minimal two-language layouts, no search"] == "1.0 s (1.5 s CPU)"
    assert cells["Ratio ours / Hugo (CPU)"] == "6.0×" and cells["Ratio that baseline / Hugo (CPU)"] == "8.3×"
    assert cells["Peak memory per destination, ours / baseline (dedupe off) / Hugo"] == "819 / 512 / 205 KB"
    assert marks["Load + validate advisories (CPU)"] == "✓"
    assert cells["Load + validate advisories, the Markdown the last build kept (CPU)"] == "0.050 s"
    assert marks["Destination page HTML, median"] == "✓"
    assert marks["Destination page HTML, largest"] == "✗"
    assert marks["`mkdocs serve --dirtyreload`: edit → shows in EN and FR"] == "✓"
    assert marks["`mkdocs serve`: edit → shows in EN and FR"] == "✗"
    assert marks["History, 20 editions per destination, no cache: build with / least without git (CPU)"] == "✗"  # 11 s against 9 s: +22 %
    history = "History, 20 editions per destination, the last build's cache: least CPU with / without git, of 2 builds each in turn"
    assert marks[history] == "✓"  # the least of each: 10 s against 9 s, +11 %
    assert cells[history] == "10.0 / 9.0 s CPU: +11 % (median of the turns: +11 %; turns: 10.5 / 9.0, 10.0 / 9.5 s)"  # +17 % and +5 %
    in_memory = f"{history}, in memory (/dev/shm)"
    assert cells[in_memory] == "10.2 / 9.0 s CPU: +13 % (median of the turns: +16 %; turns: 10.6 / 9.0, 10.2 / 9.0 s)" and marks[in_memory] == "✓"
    assert not any("no cache" in line and "in memory" in line for line in lines)  # its cache is the first build's, copied
    assert any(line.startswith("| Search data fetched as any page loads, en") and "0.2 KB gz" in line for line in lines)


@pytest.mark.slow
def test_plugin_costs_time_every_part_inside_the_hooks(tmp_path: Path) -> None:
    """Each part named in plugin_costs.py still exists and is called by a build, within the hooks' time."""
    import plugin_costs

    project = synthetic_corpus.write_project(tmp_path / "ours", 3, TODAY)
    costs = benchmark.plugin_costs(project)
    parts = list(plugin_costs.PARTS)
    assert list(costs) == [*parts, plugin_costs.ALL_HOOKS, plugin_costs.GARBAGE_COLLECTION, plugin_costs.WHOLE_BUILD]
    assert all(costs[part] > 0 for part in parts), costs
    assert sum(costs[part] for part in parts) <= costs[plugin_costs.ALL_HOOKS] < costs[plugin_costs.WHOLE_BUILD]
    assert not (project / "site-costs").exists()
    table = benchmark.costs_table([measures_with_costs(costs)])
    assert "| Load and validate the advisories" in table and "(100.0 %)" in table


def measures_with_costs(costs: dict[str, float]) -> benchmark.Measures:
    run, sizes = benchmark.BuildRun(1.0, 1.0, 100.0), benchmark.Sizes(1, 1)
    return benchmark.Measures(3, run, run, run, run, 0.1, {}, {}, sizes, sizes, 1, costs)


def test_table_without_the_stock_baseline() -> None:
    run, sizes = benchmark.BuildRun(1.0, 1.0, 100.0), benchmark.Sizes(1, 1)
    measures = benchmark.Measures(5000, run, None, run, run, 0.1, {}, {}, sizes, sizes, 1)
    cells = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in benchmark.table([measures]).splitlines()[2:]}
    assert cells["Baseline: same content as Markdown, same theme, no plugin"] == "skipped"
    assert cells["Ratio ours / baseline (CPU)"] == ""


def test_hugo_builds_the_same_markdown_in_both_languages(tmp_path: Path) -> None:
    """The Hugo peer: suffix-named translations, section pages, heading ids and raw HTML as Python-Markdown makes them."""
    import subprocess

    import hugo_peer

    pages = tmp_path / "docs"
    (pages / "destinations").mkdir(parents=True)
    for lang, title, heading in (("en", "Mexico", "Safety"), ("fr", "Mexique", "Sécurité")):
        (pages / f"index.{lang}.md").write_text(f"# {lang}\n", "utf-8")
        (pages / "destinations" / f"index.{lang}.md").write_text(f"---\ntitle: Destinations\n---\n# {lang}\n", "utf-8")
        (pages / "destinations" / f"mx.{lang}.md").write_text(
            f'---\ntitle: "{title}"\nsearch:\n  boost: 2\n---\n\n# {title}\n\n<p class="ta-summary">*{lang}*</p>\n\n## {heading} {{: #safety }}\n\nText *{lang}*.\n', "utf-8")
    project = hugo_peer.write_hugo_project(tmp_path / "hugo", [pages])
    subprocess.run(hugo_peer.hugo_command(project, project / "public"), check=True, capture_output=True)
    for lang, prefix, heading in (("en", "", "Safety"), ("fr", "fr/", "Sécurité")):
        page = (project / "public" / prefix / "destinations/mx/index.html").read_text("utf-8")
        assert f'<html lang="{lang}">' in page and f'<h2 id="safety">{heading}</h2>' in page
        assert f'<p class="ta-summary">*{lang}*</p>' in page and f"<em>{lang}</em>" in page and 'href="#safety"' in page
        listing = (project / "public" / prefix / "destinations/index.html").read_text("utf-8")
        assert f'href="/{prefix}destinations/mx/"' in listing


def test_synthetic_history_has_every_edition_in_git(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from travel_advice.core.history import read_history

    project = synthetic_corpus.write_history(tmp_path / "history", 3, 4, TODAY)
    history = read_history(project / "advisories", datetime(2026, 11, 26, tzinfo=UTC))
    assert sorted(history.editions) == ["AC", "AD", "AE"]
    assert [e.day.isoformat() for e in history.of("AD")] == ["2026-11-04", "2026-11-11", "2026-11-18", "2026-11-25"]
    assert load_advisories(project / "advisories", TODAY).errors == ()


def test_search_rows_compare_the_site_with_pagefind() -> None:
    from pagefind_probe import QueryCost

    def measures(n: int, site_kb: int, site_seconds: float) -> benchmark.Measures:
        run, sizes = benchmark.BuildRun(1.0, 1.0, 100.0), benchmark.Sizes(1, 1)
        result = benchmark.Measures(n, run, None, run, run, 0.1, {}, {}, sizes, sizes, 1)
        for lang, query in (("en", "mexico"), ("fr", "mexique")):
            result.queries["site", lang, query] = QueryCost(1, site_kb * 1024, site_seconds)
            result.queries["pagefind", lang, query] = QueryCost(11, 140 * 1024, 0.5)
        return result

    lines = benchmark.table([measures(250, 150, 0.6), measures(1000, 155, 0.8)]).splitlines()
    cells = {line.split("|")[1].strip(): [cell.strip() for cell in line.split("|")[2:-1]] for line in lines[2:]}
    assert cells["First search query, en “mexico”: the site's search / Pagefind (gz bytes, median time to results of 3 once the query is typed)"][:2] == [
        "150.0 KB gz, 0.60 s / 140.0 KB gz, 0.50 s", "155.0 KB gz, 0.80 s / 140.0 KB gz, 0.50 s"]
    assert cells["First search query, most fetched by the site's search"] == ["150.0 KB gz", "155.0 KB gz", "≤ 160 KB gz at N = 1,000, no more than 110 % of that below", "✓"]
    assert cells["First search results, the site's search / Pagefind, slowest query"] == ["1.2×", "1.6×", "≤ 1.5×", "✗"]
    lines = benchmark.table([measures(250, 180, 0.6), measures(1000, 155, 0.6)]).splitlines()  # 180 KB at 250: more than 110 % of 155
    assert any(line.startswith("| First search query, most fetched") and line.rstrip(" |").endswith("✗") for line in lines)


@pytest.mark.browser
@pytest.mark.slow
def test_first_queries_measure_the_site_search_and_pagefind(shipped_site, tmp_path: Path) -> None:
    """The probe on the shipped site: each language's query through Material's box and through stock Pagefind."""
    import shutil

    import pagefind_probe
    from tests.browser import require_chromium

    require_chromium()
    site = shutil.copytree(shipped_site.site, tmp_path / "site")
    pagefind_probe.index_peer(site)
    costs = pagefind_probe.first_queries(site, [("en", "mexico"), ("fr", "mexique")])
    assert sorted(costs) == [("pagefind", "en", "mexico"), ("pagefind", "fr", "mexique"), ("site", "en", "mexico"), ("site", "fr", "mexique")]
    assert all(cost.requests >= 1 and cost.gz_bytes > 1024 and cost.seconds > 0 for cost in costs.values())
    assert costs["pagefind", "fr", "mexique"].requests > 3  # its script, WebAssembly, metadata, index chunks, fragments


def test_a_first_query_is_the_median_of_its_turns() -> None:
    """One slow or fast turn does not make the row; the bytes are the most any turn fetched."""
    import pagefind_probe
    from pagefind_probe import QueryCost

    turns = [QueryCost(6, 90_000, 0.21, 0.6), QueryCost(7, 95_000, 0.64, 1.1), QueryCost(6, 90_000, 0.19, 0.5)]
    assert pagefind_probe._median_turn(turns) == QueryCost(7, 95_000, 0.21, 0.6)
    assert pagefind_probe._median_turn([QueryCost(9, 140_000, 0.3), QueryCost(9, 140_000, 0.2)]) == QueryCost(9, 140_000, 0.25, None)
