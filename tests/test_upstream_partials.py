"""Each Material template our theme overrides, compared with a recorded copy of the original.

``glue/theme`` overrides some of Material's templates with a changed copy (each says what it
changes). When an upgrade of Material changes one of those originals, this test fails with the
diff between the original the copy was made from (``tests/upstream/material/``) and the
installed one: apply what matters to our copy, then record the new original with
``python -m tests.test_upstream_partials --record``.
"""

from __future__ import annotations

import difflib
import re
import sys
from importlib import resources
from pathlib import Path

import pytest

from .conftest import ROOT

THEME = ROOT / "plugins" / "travel_advice" / "glue" / "theme"
BASELINE = Path(__file__).resolve().parent / "upstream" / "material"
UPSTREAM_OF = {
    "404.html": ("404.html",),
    "main.html": ("main.html", "base.html#site_meta"),
    "partials/search.html": ("partials/search.html",),
    "partials/source.html": ("partials/source.html",),
    "partials/feedback.html": ("partials/feedback.html",),
    "partials/javascripts/content.html": ("partials/javascripts/content.html",),
    "partials/language.html": ("partials/language.html",),
    "partials/nav.html": ("partials/nav.html", "partials/nav-item.html", "partials/logo.html"),
    "partials/tabs.html": ("partials/tabs.html", "partials/tabs-item.html"),
}
"""Our template -> the Material originals it copies or replaces (``file#block``: one block of it). The navigation's
two are wrappers (glue/shared_partials.py), listed with the partials they render: check that the navigation
still depends on the page only through MkDocs' ``url`` filter, the active entries and the page's own entry."""


def material_templates() -> Path:
    return Path(str(resources.files("material") / "templates"))


def original(source: str) -> str:
    """The installed Material's text of ``partials/x.html``, or of one block: ``base.html#site_meta``."""
    path, _, block = source.partition("#")
    text = (material_templates() / path).read_text(encoding="utf-8")
    if not block:
        return text
    match = re.search(rf"^( *){{% block {block} %}}\n.*?^\1{{% endblock %}}\n", text, re.S | re.M)
    assert match is not None, f"no block {block} in Material's {path}"
    return match.group(0)


def baseline_path(source: str) -> Path:
    return BASELINE / source.replace("#", ".block-")


def upstream_diff(source: str) -> str:
    """What changed in Material's ``source`` since it was recorded, as a unified diff ('' if nothing)."""
    recorded, installed = baseline_path(source).read_text(encoding="utf-8"), original(source)
    return "".join(difflib.unified_diff(recorded.splitlines(True), installed.splitlines(True), f"recorded/{source}", f"installed/{source}"))


@pytest.mark.parametrize(("ours", "source"), [(ours, source) for ours, sources in UPSTREAM_OF.items() for source in sources])
def test_the_material_original_of_each_override_is_unchanged(ours: str, source: str) -> None:
    diff = upstream_diff(source)
    assert not diff, (
        f"Material's {source} changed since glue/theme/{ours} was made from it: review our copy against "
        f"this diff, then run python -m tests.test_upstream_partials --record\n{diff}"
    )


def test_every_template_that_shadows_material_is_listed() -> None:
    shadowing = {p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html") if (material_templates() / p.relative_to(THEME)).is_file()}
    assert shadowing == set(UPSTREAM_OF)


def test_an_upgrade_of_material_shows_the_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for source in ("partials/search.html", "base.html"):
        (tmp_path / source).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / source).write_text((material_templates() / source).read_text("utf-8").replace('role="dialog"', 'role="search"').replace("initial-scale=1", "initial-scale=2"), "utf-8")
    monkeypatch.setattr(sys.modules[__name__], "material_templates", lambda: tmp_path)
    assert '-<div class="md-search" data-md-component="search" role="dialog">\n+<div class="md-search" data-md-component="search" role="search">' in upstream_diff("partials/search.html")
    assert '+      <meta name="viewport" content="width=device-width,initial-scale=2">' in upstream_diff("base.html#site_meta")


def record() -> None:
    """Write the installed originals as the new baseline."""
    for sources in UPSTREAM_OF.values():
        for source in sources:
            path = baseline_path(source)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(original(source), encoding="utf-8")
            print(f"recorded {path.relative_to(ROOT)}")


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    record()
