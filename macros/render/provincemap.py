"""The map of Thailand's 77 provinces as inline SVG: a choropleth of winners per province, or a
locator with one province marked.

The shapes are data/thailand_provinces.json (Natural Earth admin-1, made by
scripts/make_province_map.py; its header names the source and licence). Each province is one
shape: a link to its page when it has one, else a named image; either way its accessible name and
<title> are its Thai name and count. Shades are CSS classes (site.css), as the page's
Content-Security-Policy allows no style attribute.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Any

from .charts import name
from .escape import e

SHAPES = Path(__file__).resolve().parents[2] / "data" / "thailand_provinces.json"
SHADES = 4  # classes psea-m1 .. psea-m4; psea-m0 is "no winners"


@functools.lru_cache(maxsize=4)
def load_shapes(path: Path = SHAPES) -> dict[str, Any]:
    shapes: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return shapes


def breaks(most: int, shades: int = SHADES) -> list[tuple[int, int]]:
    """(low, high) counts of each shade: equal steps up to the largest count, no empty step."""
    if most <= 0:
        return []
    edges = sorted({math.ceil(most * k / shades) for k in range(1, shades + 1)})
    return list(zip([1] + [edge + 1 for edge in edges[:-1]], edges, strict=True))


def shade(count: int, steps: list[tuple[int, int]]) -> int:
    for i, (low, high) in enumerate(steps, 1):
        if low <= count <= high:
            return i
    return 0


def province_map(shapes: dict[str, Any], provinces: list[dict[str, Any]], counts: dict[str, int], links: dict[str, str],
                 label: str, highlight: str = "", css_class: str = "") -> str:
    """provinces: data/provinces.yaml rows (key, th); counts: key -> winners; links: key -> href of
    the province's page (only the provinces that have one); highlight: the key to mark."""
    steps = breaks(max(counts.values(), default=0))
    parts = []
    for province in provinces:
        key = province["key"]
        d = shapes["provinces"].get(key)
        if d is None:
            continue
        title = name(province["th"], counts.get(key, 0))
        level = "psea-here" if key == highlight else f"psea-m{shade(counts.get(key, 0), steps)}"
        path = f'<path d="{d}"/>'
        attrs = f'class="{level}" data-province="{e(key)}" aria-label="{e(title)}"'
        if key in links:
            parts.append(f'<a href="{e(links[key])}" {attrs}><title>{e(title)}</title>{path}</a>')
        else:
            parts.append(f'<g role="img" {attrs}><title>{e(title)}</title>{path}</g>')
    w, h = shapes["width"], shapes["height"]
    return (f'<svg class="psea-map {e(css_class)}" role="group" aria-label="{e(label)}" width="{w}" height="{h}" '
            f'viewBox="0 0 {w} {h}">{"".join(parts)}</svg>')


def map_legend(counts: dict[str, int]) -> str:
    steps = breaks(max(counts.values(), default=0))
    swatch = ('<svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 14 14">'
              '<rect class="psea-m{}" width="14" height="14"/></svg>')
    items = [f"<li>{swatch.format(0)} ไม่มีผลงาน</li>"]
    for i, (low, high) in enumerate(steps, 1):
        text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
        items.append(f"<li>{swatch.format(i)} {text} ผลงาน</li>")
    return f'<ul class="psea-legend psea-map__legend">{"".join(items)}</ul>'
