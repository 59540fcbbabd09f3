"""Material's search worker protocol, which our worker (site/assets/search-worker.js) answers, compared with a recorded copy.

Material 9.8.1 starts the worker named in each page's ``__config`` and speaks to it in the messages of
``integrations/search/worker/message``; it renders the RESULT items as ``templates/search`` and
``components/search/result`` read them, sends SETUP only once its lunr index is fetched
(``integrations/search/worker/_``), and fetches that index only for a form named "search"
(``bundle.ts``; our ``partials/search.html`` names it otherwise). These sources are read from the
installed bundle's source map. When an upgrade of Material changes one of them, this test fails with
the diff: check the worker against it, then record the new sources with
``python -m tests.test_upstream_search_worker --record``.
"""

from __future__ import annotations

import difflib
import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from .conftest import ROOT

BASELINE = Path(__file__).resolve().parent / "upstream" / "material" / "javascripts"
SOURCES = (
    "src/templates/assets/javascripts/integrations/search/worker/message/index.ts",
    "src/templates/assets/javascripts/integrations/search/worker/_/index.ts",
    "src/templates/assets/javascripts/templates/search/index.tsx",
    "src/templates/assets/javascripts/components/search/result/index.ts",
    "src/templates/assets/javascripts/bundle.ts",
)


def installed_sources() -> dict[str, str]:
    """The installed Material's TypeScript sources of :data:`SOURCES`, from its bundle's source map."""
    scripts = Path(str(resources.files("material") / "templates" / "assets" / "javascripts"))
    (source_map,) = scripts.glob("bundle.*.min.js.map")
    data = json.loads(source_map.read_text(encoding="utf-8"))
    found = dict(zip(data["sources"], data["sourcesContent"], strict=True))
    return {source: found.get(source, "") for source in SOURCES}


def baseline_path(source: str) -> Path:
    return BASELINE / source.removeprefix("src/templates/assets/javascripts/")


@pytest.mark.parametrize("source", SOURCES)
def test_materials_search_worker_protocol_is_unchanged(source: str) -> None:
    recorded, installed = baseline_path(source).read_text(encoding="utf-8"), installed_sources()[source]
    diff = "".join(difflib.unified_diff(recorded.splitlines(True), installed.splitlines(True), f"recorded/{source}", f"installed/{source}"))
    assert not diff, (
        f"Material's {source} changed: check site/assets/search-worker.js and partials/search.html against this diff, "
        f"then run python -m tests.test_upstream_search_worker --record\n{diff}"
    )


def test_materials_script_fetches_its_index_only_for_a_form_named_search() -> None:
    assert 'document.forms.namedItem("search")\n  ? fetchSearchIndex()' in installed_sources()["src/templates/assets/javascripts/bundle.ts"]
    ours = (ROOT / "plugins/travel_advice/glue/theme/partials/search.html").read_text(encoding="utf-8")
    assert 'name="search"' not in ours


def record() -> None:
    """Write the installed sources as the new baseline."""
    for source, text in installed_sources().items():
        path = baseline_path(source)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"recorded {path.relative_to(ROOT)}")


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    record()
