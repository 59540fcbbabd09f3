"""The world map on a phone (issue 18, item 8), in Chromium on the shipped site: every destination
is a target of at least 24 × 24 CSS px that a tap at its marker reaches, and shows its focus."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from .browser import chromium, require_chromium, serve_site
from .conftest import Build

pytestmark = pytest.mark.browser

MAP = {"en": "destinations/map/", "fr": "fr/destinations/map/"}

TARGETS = """() => [...document.querySelectorAll('#ta-world-map a')].map(link => {
  const box = link.getBoundingClientRect(), marker = link.querySelector('circle');
  const spot = marker ? marker.getBoundingClientRect() : box;
  const x = spot.x + spot.width / 2, y = spot.y + spot.height / 2;
  const hit = document.elementFromPoint(x, y);
  return {href: link.getAttribute('href'), width: box.width, height: box.height,
          marker: marker ? [spot.x, spot.y, spot.width, spot.height] : null,
          tapped: !!hit && hit.closest('a') === link, hit: hit ? hit.outerHTML.slice(0, 60) + (hit.closest('a') ? hit.closest('a').getAttribute('href') : '') : null};
})"""


@pytest.fixture(scope="module")
def tab(shipped_site: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    require_chromium()
    with serve_site(shipped_site.site) as base_url, chromium(tmp_path_factory.mktemp("chromium-map")) as context:
        yield context.new_page(), base_url


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_destination_is_a_24px_target_a_tap_reaches(tab: tuple[Any, str], lang: str, width: int) -> None:
    page, base_url = tab
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(base_url + MAP[lang], wait_until="load")
    page.evaluate("document.getElementById('ta-world-map').scrollIntoView({block: 'center'})")
    targets = page.evaluate(TARGETS)
    assert len(targets) == 17  # every shipped country but the Azores (a subdivision, in the table)
    assert [t["href"] for t in targets if t["width"] < 24 or t["height"] < 24] == []
    assert [(t["href"], t["hit"]) for t in targets if not t["tapped"]] == []
    markers = [t for t in targets if t["marker"]]
    assert len(markers) >= 15 and all(min(t["marker"][2:]) >= 24 for t in markers)
    centres = [(t["href"], t["marker"][0] + t["marker"][2] / 2, t["marker"][1] + t["marker"][3] / 2, t["marker"][2]) for t in markers]
    crowded = [(a[0], b[0]) for i, a in enumerate(centres) for b in centres[i + 1 :] if math.dist(a[1:3], b[1:3]) < (a[3] + b[3]) / 2]
    assert crowded == [], "markers overlap"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_map_link_shows_its_focus(tab: tuple[Any, str], lang: str) -> None:
    """Focused by the keyboard, each destination's marker (or shape) changes its pixels: a black ring."""
    page, base_url = tab
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(base_url + MAP[lang], wait_until="load")
    page.evaluate("document.getElementById('ta-world-map').scrollIntoView({block: 'center'})")
    unchanged = []
    for target in page.evaluate(TARGETS):
        x, y, w, h = target["marker"] or [0, 0, 0, 0]
        if not target["marker"]:
            continue
        clip = {"x": max(x - 3, 0), "y": max(y - 3, 0), "width": w + 6, "height": h + 6}
        page.evaluate("document.activeElement && document.activeElement.blur()")
        before = page.screenshot(clip=clip)
        page.locator(f'#ta-world-map a[href="{target["href"]}"]').focus()
        ring = page.evaluate("getComputedStyle(document.activeElement.querySelector('circle')).stroke")
        if page.screenshot(clip=clip) == before or ring != "rgb(0, 0, 0)":
            unchanged.append((target["href"], ring))
    assert unchanged == []
