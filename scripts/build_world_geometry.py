#!/usr/bin/env python3
"""Build plugins/travel_advice/site/data/world-geometry.json from npm packages.

Sources (install outside the repository, never commit them):

    npm install --prefix /tmp/wa world-atlas i18n-iso-countries
    python scripts/build_world_geometry.py /tmp/wa/node_modules

* world-atlas (ISC licence): Natural Earth 1:50m country shapes (public domain)
  as TopoJSON with ISO 3166-1 numeric ids.
* i18n-iso-countries (MIT licence): its codes.json maps numeric ids to alpha-2.

The script decodes the TopoJSON arcs, simplifies each shared arc once
(Douglas-Peucker in projected pixels, so neighbouring borders stay matched),
drops Antarctica, merges shapes that share a code (dissolving their common
borders), unwraps and clips rings that cross the 180th meridian, projects with
Equal Earth onto a 1000 px wide viewBox and writes SVG path data with relative
commands and one decimal.

Islands smaller than MIN_RING_AREA are left out. Countries whose remaining
shapes cover less than MIN_COUNTRY_AREA (too small to see or click: Singapore,
Malta, Vatican, most island states) get instead a circle marker of radius
MARKER_RADIUS, as path data too, at the centroid of their largest island.
Countries are written largest first, so markers and small shapes are drawn on
top. Outer rings and markers run clockwise on screen and holes the other way,
so paths can be concatenated and filled with the default nonzero rule.

"projection" places any point: x = translate[0] + scale * X and
y = translate[1] + scale * Y, where (X, Y) = equal_earth(lon, lat).

Shapes without a numeric id: Kosovo becomes XK; Somaliland and Northern
Cyprus are merged into SO and CY; Siachen Glacier is land without a code of
its own, written to "unassigned" (drawn grey, never linked); Indian Ocean
Territories too (too small to be kept). Crimea is given to Ukraine (CRIMEA).
"""

from __future__ import annotations

import argparse
import json
import math
from collections import Counter, defaultdict
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]

WIDTH = 1000.0
MARGIN = 4.0
TOLERANCE = 0.2  # Douglas-Peucker tolerance, px
MIN_RING_AREA = 0.5  # px²; smaller islands are dropped...
MIN_COUNTRY_AREA = 3.0  # px²; ...and countries smaller than this get a marker
MARKER_RADIUS = 3.0  # px
DROPPED = {"010"}  # Antarctica: not a destination
# Shapes without a numeric id in Natural Earth: alpha-2 code, or None for
# land without a code of its own (drawn grey, never linked).
UNNUMBERED = {
    "Kosovo": "XK",
    "Somaliland": "SO",
    "N. Cyprus": "CY",
    "Siachen Glacier": None,
    "Indian Ocean Ter.": None,
}
# Natural Earth draws Crimea as Russian (de facto); travel advisories treat it
# as part of Ukraine. Polygons of the first code lying wholly inside the
# lon/lat box go to the second.
CRIMEA = ("RU", "UA", (32.0, 44.0, 37.0, 46.5))
REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO / "plugins" / "travel_advice" / "data" / "world-geometry.json"

# Equal Earth projection (Šavrič, Patterson & Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> Point:
    """Project degrees to Equal Earth units, y pointing down."""
    theta = math.asin(M * math.sin(math.radians(lat)))
    t2, t6 = theta**2, theta**6
    x = math.radians(lon) * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y


def decode_arcs(topology: dict) -> list[list[Point]]:
    """Decode delta-encoded, quantized arcs to (lon, lat) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def unwrap(points: list[Point]) -> list[Point]:
    """Shift longitudes by 360° so no step between neighbours exceeds 180°."""
    out = points[:1]
    for lon, lat in points[1:]:
        prev = out[-1][0]
        lon += 360 * round((prev - lon) / 360)
        out.append((lon, lat))
    return out


def douglas_peucker(points: list[Point], tolerance: float) -> list[int]:
    """Indices of the points kept by Douglas-Peucker (ends always kept)."""
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, best_i = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            else:
                d = math.hypot(px - ax, py - ay)
            if d > best:
                best, best_i = d, i
        if best > tolerance:
            keep.add(best_i)
            stack += [(first, best_i), (best_i, last)]
    return sorted(keep)


def simplify_arc(arc: list[Point], to_px: float) -> list[Point]:
    """Simplify one arc in pixel space; returns unwrapped (lon, lat) points."""
    lonlat = unwrap(arc)
    projected = [equal_earth(lon, lat) for lon, lat in lonlat]
    scaled = [(x * to_px, y * to_px) for x, y in projected]
    return [lonlat[i] for i in douglas_peucker(scaled, TOLERANCE)]


def arc_points(arcs: list[list[Point]], index: int) -> list[Point]:
    """Points of a TopoJSON arc reference (negative index: reversed arc)."""
    return arcs[index] if index >= 0 else arcs[~index][::-1]


def ring_lonlat(arcs: list[list[Point]], ring: list[int]) -> Ring:
    """Concatenate a ring's arcs; the closing point is dropped."""
    points: Ring = []
    for index in ring:
        part = arc_points(arcs, index)
        points += part if not points else part[1:]
    return points[:-1]


def directed_ends(ends: list[tuple[Point, Point]], index: int) -> tuple[Point, Point]:
    """First and last point of an arc reference."""
    return ends[index] if index >= 0 else (ends[~index][1], ends[~index][0])


def dissolve(rings: list[list[int]], ends: list[tuple[Point, Point]]) -> list[list[int]]:
    """Merge one country's rings: drop arcs used both ways (inner borders), relink the rest."""
    used = Counter(i if i >= 0 else ~i for ring in rings for i in ring)
    outer = [i for ring in rings for i in ring if used[i if i >= 0 else ~i] == 1]
    by_start: dict[Point, list[int]] = defaultdict(list)
    for i in outer:
        by_start[directed_ends(ends, i)[0]].append(i)
    merged = []
    for first in outer:
        if first not in by_start[directed_ends(ends, first)[0]]:
            continue  # already linked into a ring
        ring: list[int] = []
        following = [first]
        while following:
            current = following[0]
            start, end = directed_ends(ends, current)
            by_start[start].remove(current)
            ring.append(current)
            following = by_start[end]
        merged.append(ring)
    return merged


def clip(ring: Ring, limit: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman clip of a ring against the meridian lon = limit."""
    inside = (lambda p: p[0] <= limit) if keep_below else (lambda p: p[0] >= limit)
    out: Ring = []
    for i, current in enumerate(ring):
        previous = ring[i - 1]
        if inside(current) != inside(previous):
            t = (limit - previous[0]) / (current[0] - previous[0])
            out.append((limit, previous[1] + t * (current[1] - previous[1])))
        if inside(current):
            out.append(current)
    return out


def split_at_antimeridian(ring: Ring) -> list[Ring]:
    """Unwrap a ring and cut what lies beyond ±180° back onto the other side."""
    ring = unwrap(ring)
    pieces = [clip(clip(ring, 180, True), -180, False)]
    for shift in (360, -360):
        moved = [(lon - shift, lat) for lon, lat in ring]
        pieces.append(clip(clip(moved, 180, True), -180, False))
    return [piece for piece in pieces if len(piece) >= 3]


def area(ring: Ring) -> float:
    """Unsigned shoelace area."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False))) / 2


def centroid(ring: Ring) -> Point:
    """Centroid of a simple polygon (vertex mean when degenerate)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=False):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if not a:
        return sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring)
    return cx / (3 * a), cy / (3 * a)


def fmt(value: float) -> str:
    """Shortest one-decimal number: 0.5 -> .5, -2.0 -> -2."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    if text in ("", "-0", "-"):
        return "0"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def pair(x: float, y: float) -> str:
    """Coordinate pair; the comma is dropped before a minus sign."""
    ys = fmt(y)
    return fmt(x) + ("" if ys.startswith("-") else ",") + ys


def ring_path(ring: Ring) -> str:
    """Absolute move, then relative lines between points rounded to 0.1 px."""
    tenths = [(round(x * 10), round(y * 10)) for x, y in ring]
    deduped = [p for i, p in enumerate(tenths) if p != tenths[i - 1]] or tenths[:1]
    (x0, y0), steps = deduped[0], []
    for (xa, ya), (xb, yb) in zip(deduped, deduped[1:], strict=False):
        step = pair((xb - xa) / 10, (yb - ya) / 10)
        steps.append(step if step.startswith("-") or not steps else " " + step)
    return f"M{pair(x0 / 10, y0 / 10)}l{''.join(steps)}z"


def marker_path(x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """A circle drawn clockwise, like outer rings, as two arcs."""
    return (
        f"M{pair(x - r, y)}a{fmt(r)},{fmt(r)} 0 1,1 {fmt(2 * r)},0"
        f"a{fmt(r)},{fmt(r)} 0 1,1 {fmt(-2 * r)},0z"
    )


def country_path(simplified: list[Ring], exact: list[Ring]) -> tuple[str, float]:
    """Path data and drawn area; a marker at the largest island when too small."""
    visible = [ring for ring in simplified if area(ring) >= MIN_RING_AREA]
    total = sum(area(ring) for ring in visible)
    if total < MIN_COUNTRY_AREA:
        return marker_path(*centroid(max(exact, key=area))), total
    return "".join(ring_path(ring) for ring in visible), total


def load_codes(node_modules: Path) -> dict[str, str]:
    """ISO 3166-1 numeric -> alpha-2, from i18n-iso-countries."""
    rows = json.loads((node_modules / "i18n-iso-countries" / "codes.json").read_text())
    return {numeric: alpha2 for alpha2, _alpha3, numeric, *_ in rows}


def group_polygons(geometries: list[dict], codes: dict[str, str]) -> dict[str | None, list]:
    """Polygons (lists of arc-index rings) per alpha-2 code; None: land without a code."""
    grouped: dict[str | None, list] = defaultdict(list)
    for geometry in geometries:
        numeric = geometry.get("id")
        if numeric in DROPPED or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        code = codes[numeric] if numeric else UNNUMBERED[geometry["properties"]["name"]]
        grouped[code] += geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return grouped


def move_crimea(grouped: dict[str | None, list], arcs: list[list[Point]]) -> None:
    """Give the polygons inside the CRIMEA box to Ukraine."""
    source, target, (west, south, east, north) = CRIMEA

    def inside(polygon: list[list[int]]) -> bool:
        outline = ring_lonlat(arcs, polygon[0])
        return all(west <= lon <= east and south <= lat <= north for lon, lat in outline)

    grouped[target] += [polygon for polygon in grouped[source] if inside(polygon)]
    grouped[source] = [polygon for polygon in grouped[source] if not inside(polygon)]


def version(node_modules: Path, package: str) -> str:
    """Installed npm package version."""
    return json.loads((node_modules / package / "package.json").read_text())["version"]


def project_rings(arcs: list[list[Point]], rings: list[list[int]]) -> list[Ring]:
    """Rings of arc indices -> projected rings, cut at the antimeridian."""
    pieces = [piece for ring in rings for piece in split_at_antimeridian(ring_lonlat(arcs, ring))]
    return [[equal_earth(lon, lat) for lon, lat in piece] for piece in pieces]


def fit(rings: list[Ring], to_px: float) -> tuple[Point, int]:
    """Pixel offset and viewBox height fitting all rings, full width."""
    ys = [y for ring in rings for _, y in ring]
    height = math.ceil((max(ys) - min(ys)) * to_px + 2 * MARGIN)
    return (WIDTH / 2, MARGIN - min(ys) * to_px), height


def source_note(node_modules: Path, resolution: str) -> str:
    """Provenance, with the npm package versions."""
    return (
        f"world-atlas {version(node_modules, 'world-atlas')} countries-{resolution}.json "
        f"(Natural Earth 1:{resolution}); ISO 3166-1 alpha-2 codes from "
        f"i18n-iso-countries {version(node_modules, 'i18n-iso-countries')}; "
        "Equal Earth projection, simplified by scripts/build_world_geometry.py"
    )


def country_rings(topology: dict, codes: dict[str, str], to_px: float) -> tuple[dict, dict]:
    """Exact and simplified projected rings per code (None: land without a code)."""
    exact_arcs = decode_arcs(topology)
    ends = [(arc[0], arc[-1]) for arc in exact_arcs]
    simple_arcs = [simplify_arc(arc, to_px) for arc in exact_arcs]
    grouped = group_polygons(topology["objects"]["countries"]["geometries"], codes)
    move_crimea(grouped, exact_arcs)
    merged = {
        code: dissolve([ring for polygon in polygons for ring in polygon], ends)
        for code, polygons in grouped.items()
    }
    exact = {code: project_rings(exact_arcs, rings) for code, rings in merged.items()}
    simple = {code: project_rings(simple_arcs, rings) for code, rings in merged.items()}
    return exact, simple


def build(node_modules: Path, resolution: str = "50m") -> dict:
    """The geometry document written to world-geometry.json."""
    topology = json.loads((node_modules / "world-atlas" / f"countries-{resolution}.json").read_text())
    to_px = (WIDTH - 2 * MARGIN) / (2 * equal_earth(180, 0)[0])
    exact, simple = country_rings(topology, load_codes(node_modules), to_px)
    (dx, dy), height = fit([ring for rings in exact.values() for ring in rings], to_px)

    def to_view(rings: list[Ring]) -> list[Ring]:
        return [[(dx + x * to_px, dy + y * to_px) for x, y in ring] for ring in rings]

    unassigned = to_view(simple.pop(None, []))
    exact.pop(None, None)
    paths = {code: country_path(to_view(simple[code]), to_view(exact[code])) for code in simple}
    ordered = sorted(paths.items(), key=lambda item: (-item[1][1], item[0]))
    return {
        "source": source_note(node_modules, resolution),
        "licence": (
            "Natural Earth data: public domain. world-atlas: ISC licence (Mike Bostock). "
            "i18n-iso-countries: MIT licence."
        ),
        "viewBox": f"0 0 {int(WIDTH)} {height}",
        "projection": {"name": "Equal Earth", "scale": round(to_px, 4), "translate": [dx, round(dy, 4)]},
        "unassigned": "".join(ring_path(ring) for ring in unassigned if area(ring) >= MIN_RING_AREA),
        "countries": {code: path for code, (path, _area) in ordered},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("node_modules", type=Path, help="folder holding world-atlas and i18n-iso-countries")
    parser.add_argument("--resolution", choices=("110m", "50m"), default="50m")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    document = build(args.node_modules, args.resolution)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{args.output}: {len(document['countries'])} countries, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
