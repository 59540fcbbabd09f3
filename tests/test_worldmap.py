"""World map: derived geometry and the inline SVG renderer."""

from __future__ import annotations

import importlib.util
import itertools
import json
import math
import re
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import pytest

from travel_advice.site.world_map import (
    MARKER_RADIUS,
    MapDestination,
    load_geometry,
    main_box,
    missing_codes,
    needs_marker,
    place_markers,
    render_world_map,
)

SVG = "{http://www.w3.org/2000/svg}"
ROOT = Path(__file__).resolve().parent.parent
NUMBER = r"-?(?:\d+\.?\d*|\.\d+)"

Ring = list[tuple[float, float]]


def build_script():
    """The geometry build script, for its projection formula."""
    path = ROOT / "scripts" / "build_world_geometry.py"
    spec = importlib.util.spec_from_file_location("build_world_geometry", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rings(path: str) -> list[Ring]:
    """Absolute points of each polygon subpath (M x,y l dx,dy ... z); markers skipped."""
    out = []
    for subpath in re.findall(r"M[^M]*", path):
        if "a" in subpath:
            continue
        numbers = [float(n) for n in re.findall(NUMBER, subpath)]
        x, y = numbers[0], numbers[1]
        points = [(x, y)]
        for dx, dy in zip(numbers[2::2], numbers[3::2], strict=False):
            x, y = x + dx, y + dy
            points.append((x, y))
        out.append(points)
    return out


def signed_area(ring: Ring) -> float:
    """Shoelace area, positive when clockwise on screen (y down)."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False)) / 2


def contains(ring: Ring, x: float, y: float) -> bool:
    """Even-odd point in polygon."""
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def raw_geometry() -> dict:
    """The geometry file as shipped in the package."""
    data = resources.files("travel_advice.site").joinpath("data", "world-geometry.json")
    return json.loads(data.read_text("utf-8"))


def width() -> float:
    return float(load_geometry().view_box.split()[2])


def mexico(**changes) -> MapDestination:
    fields = dict(code="MX", name="Mexico", level=2, level_label="High caution", href="../mx/")
    return MapDestination(**(fields | changes))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


# Geometry


def test_geometry_has_all_countries_including_small_states():
    countries = load_geometry().countries
    assert len(countries) > 200
    for code in ("SG", "MT", "CK", "VA", "MC", "KI", "MV", "XK", "RU", "FJ", "US"):
        assert countries[code].startswith("M"), code
    assert "AQ" not in countries


def test_geometry_records_sources_and_licences():
    data = raw_geometry()
    assert re.search(r"world-atlas \d+\.\d+\.\d+", data["source"])
    assert re.search(r"i18n-iso-countries \d+\.\d+\.\d+", data["source"])
    assert "public domain" in data["licence"] and "ISC" in data["licence"] and "MIT" in data["licence"]
    assert data["viewBox"].startswith("0 0 1000 ")


def test_geometry_file_stays_small():
    path = ROOT / "plugins" / "travel_advice" / "site" / "data" / "world-geometry.json"
    assert path.stat().st_size <= 160_000


def test_small_states_are_clickable_markers():
    for code in ("SG", "MT", "VA"):
        marker = rf"M{NUMBER},{NUMBER}a3,3 0 1,1 6,0a3,3 0 1,1 -6,0z"
        assert re.fullmatch(marker, load_geometry().countries[code])


@pytest.mark.parametrize("code", ["RU", "FJ", "US", "KI", "NZ"])
def test_no_segment_streaks_across_the_map(code):
    for ring in rings(load_geometry().countries[code]):
        for (x0, _), (x1, _) in zip(ring, ring[1:] + ring[:1], strict=False):
            assert abs(x1 - x0) < width() / 10


@pytest.mark.parametrize("code", ["RU", "FJ", "US", "KI"])
def test_shapes_at_the_antimeridian_stay_inside_the_map_outline(code):
    projection, equal_earth = raw_geometry()["projection"], build_script().equal_earth
    (left, top), scale = projection["translate"], projection["scale"]

    def half_width_at(y: float) -> float:
        south, north = -90.0, 90.0
        for _ in range(40):  # bisection on the latitude of screen row y
            lat = (south + north) / 2
            south, north = (lat, north) if top + scale * equal_earth(0, lat)[1] > y else (south, lat)
        return scale * equal_earth(180, lat)[0]

    for ring in rings(load_geometry().countries[code]):
        assert all(abs(x - left) <= half_width_at(y) + 0.3 for x, y in ring)


def test_all_points_inside_view_box():
    _, _, w, h = map(float, load_geometry().view_box.split())
    for path in load_geometry().countries.values():
        for ring in rings(path):
            assert all(-0.5 <= x <= w + 0.5 and -0.5 <= y <= h + 0.5 for x, y in ring)


def test_outer_rings_run_clockwise_so_paths_can_be_merged():
    for code, path in load_geometry().countries.items():
        polygons = rings(path)
        if polygons:
            assert signed_area(max(polygons, key=lambda r: abs(signed_area(r)))) > 0, code


def test_crimea_is_drawn_as_part_of_ukraine():
    data = raw_geometry()
    projection = data["projection"]
    big_x, big_y = build_script().equal_earth(34.1, 45.0)  # Simferopol
    x = projection["translate"][0] + projection["scale"] * big_x
    y = projection["translate"][1] + projection["scale"] * big_y
    assert any(contains(ring, x, y) for ring in rings(data["countries"]["UA"]))
    assert not any(contains(ring, x, y) for ring in rings(data["countries"]["RU"]))


# Renderer


def test_destination_is_a_labelled_link_with_level_class():
    svg = parse(render_world_map([mexico()], title="Advisories"))
    (link,) = svg.iter(f"{SVG}a")
    assert link.get("href") == "../mx/"
    assert link.get("aria-label") == "Mexico: High caution"
    assert link.find(f"{SVG}title").text == "Mexico: High caution"
    assert link.find(f"{SVG}path").get("class") == "lvl-2"


def test_countries_without_advisory_form_one_hidden_grey_path():
    svg = parse(render_world_map([mexico()], title="Advisories"))
    grey = [p for p in svg.iter(f"{SVG}path") if p.get("class") == "lvl-0"]
    assert len(grey) == 1
    assert grey[0].get("aria-hidden") == "true"
    assert load_geometry().countries["US"] in grey[0].get("d")
    assert load_geometry().countries["MX"] not in grey[0].get("d")


def test_svg_is_accessible_and_scales():
    svg = parse(render_world_map([mexico()], title="Travel advisories", description_id="index-table"))
    assert svg.get("role") == "group"
    assert svg.get("viewBox") == load_geometry().view_box
    assert svg.get("width") is None and svg.get("height") is None
    title = svg.find(f"{SVG}title")
    assert title.text == "Travel advisories"
    assert svg.get("aria-labelledby") == title.get("id")
    assert svg.get("aria-describedby") == "index-table"


def test_no_description_no_describedby():
    assert "aria-describedby" not in render_world_map([], title="Map")


def test_classes_only_no_inline_colours_or_external_requests():
    svg = render_world_map([mexico()], title="Map")
    assert not re.search(r"\b(style|fill|stroke)=", svg)
    assert "<image" not in svg and "url(" not in svg and "xlink" not in svg
    assert re.findall(r'href="([^"]*)"', svg) == ["../mx/"]


def test_text_is_escaped():
    evil = mexico(name='A&B <"x">', level_label="<b>4</b>", href='../a"b/?q=1&r=2')
    svg = render_world_map([evil], title="<Map & co>", description_id='t"x')
    assert "<b>" not in svg and '<"x">' not in svg
    root = parse(svg)
    (link,) = root.iter(f"{SVG}a")
    assert link.get("aria-label") == 'A&B <"x">: <b>4</b>'
    assert link.get("href") == '../a"b/?q=1&r=2'
    assert root.find(f"{SVG}title").text == "<Map & co>"
    assert root.get("aria-describedby") == 't"x'


def test_codes_without_geometry_are_skipped_and_reported():
    destinations = [mexico(), mexico(code="TV", name="Tuvalu"), mexico(code="ZZ", name="Nowhere")]
    svg = parse(render_world_map(destinations, title="Map"))
    assert [a.get("aria-label") for a in svg.iter(f"{SVG}a")] == ["Mexico: High caution"]
    assert missing_codes(d.code for d in destinations) == ["TV", "ZZ"]


def test_small_destinations_are_drawn_after_large_ones():
    destinations = [
        mexico(code="SG", name="Singapore", href="sg/"),
        mexico(code="MY", name="Malaysia", href="my/"),
    ]
    svg = parse(render_world_map(destinations, title="Map"))
    assert [a.get("href") for a in svg.iter(f"{SVG}a")] == ["my/", "sg/"]


@pytest.mark.parametrize("level", [0, 5])
def test_level_out_of_range_is_an_error(level):
    with pytest.raises(ValueError, match="MX"):
        render_world_map([mexico(level=level)], title="Map")


def test_geometry_is_loaded_once():
    assert load_geometry() is load_geometry()


# Small destinations: markers; regions above the national level: outline


def test_a_small_destination_gets_a_marker_in_the_same_link():
    svg = parse(render_world_map([mexico(code="NL", name="Netherlands", href="../nl/")], title="Map"))
    (link,) = svg.iter(f"{SVG}a")
    (circle,) = link.iter(f"{SVG}circle")
    assert circle.get("class") == "ta-marker lvl-2" and float(circle.get("r")) == MARKER_RADIUS
    assert link.find(f"{SVG}text").text == "2"
    assert 2 * MARKER_RADIUS * 288 / width() > 25  # over 24 CSS px across where the map is narrowest
    x, y, w, h = main_box("NL")
    assert (float(circle.get("cx")), float(circle.get("cy"))) == (round(x + w / 2, 1), round(y + h / 2, 1))
    assert link.find(f"{SVG}line") is None  # alone, it stays on its country


def test_large_shapes_need_no_marker_small_ones_do():
    assert not needs_marker("BR") and not needs_marker("RU")
    assert all(needs_marker(code) for code in ("NL", "HT", "CK", "FR", "MX"))  # France: its European part
    assert parse(render_world_map([mexico(code="BR", href="br/")], title="Map")).find(f".//{SVG}circle") is None


def test_crowded_markers_are_spread_apart_inside_the_map_with_a_line_home():
    codes = ["NL", "BE", "LU", "FR", "DE", "CH", "HT", "DO", "JM", "CK"]
    svg = parse(render_world_map([mexico(code=c, name=c, href=f"{c}/") for c in codes], title="Map"))
    circles = list(svg.iter(f"{SVG}circle"))
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in circles]
    assert len(centres) == len(codes)
    assert min(math.dist(a, b) for a, b in itertools.combinations(centres, 2)) >= 2 * MARKER_RADIUS
    assert all(MARKER_RADIUS <= x <= width() - MARKER_RADIUS for x, _ in centres)
    assert len(list(svg.iter(f"{SVG}line"))) >= 6


def test_place_markers_leaves_separate_markers_alone_and_is_deterministic():
    anchors = [(100.0, 100.0), (300.0, 100.0), (300.0, 100.0)]
    first = place_markers(anchors, 45, (1000, 443))
    assert first[0] == (100.0, 100.0) and first[1] == (300.0, 100.0) and math.dist(first[1], first[2]) >= 90
    assert place_markers(anchors, 45, (1000, 443)) == first


def test_a_crowded_world_keeps_markers_apart_and_every_destination_linked():
    """Every country of the geometry as a destination: far more small shapes than room on the map."""
    codes = list(load_geometry().countries)
    svg = parse(render_world_map([mexico(code=c, name=c, href=f"{c}/") for c in codes], title="Map"))
    links = list(svg.iter(f"{SVG}a"))
    assert len(links) == len(codes)  # every destination keeps its link
    centres = [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{SVG}circle")]
    assert 20 < len(centres) < len(codes)  # as many markers as fit, not one on top of another
    assert min(math.dist(a, b) for a, b in itertools.combinations(centres, 2)) >= 2 * MARKER_RADIUS
    assert all(MARKER_RADIUS <= x <= width() - MARKER_RADIUS for x, _ in centres)


def test_regions_above_the_national_level_mark_the_link():
    svg = parse(render_world_map([mexico(regional_level=4)], title="Map"))
    assert next(svg.iter(f"{SVG}a")).get("class") == "up-4"
    assert next(parse(render_world_map([mexico()], title="Map")).iter(f"{SVG}a")).get("class") is None
