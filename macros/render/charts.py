"""Charts as inline SVG, drawn at build time: no charting library, no script, no request.

Pure functions of what they are given (labels, counts, links); macros/pages/overview.py decides what
to count. Every text is escaped here. Colours and patterns are CSS classes (overrides/assets/css/
site.css: Material's colour variables, so light and dark schemes and print all work); the page's
Content-Security-Policy allows no style attribute. A series is told apart by a pattern as well as a
colour (series_defs), so a chart printed in black and white still reads.

Each bar or segment that has cases is a link (`href`) whose <title> and accessible name say its
label and count; every chart comes with a table of the same numbers (data_table).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .escape import e

SERIES = 6  # patterns defined by series_defs; series numbers wrap around
UNIT = "ผลงาน"


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    href: str = ""  # "" for a bar with nothing to open (a count of zero)
    series: int = 0


def name(label: str, count: int, unit: str = UNIT) -> str:
    return f"{label}: {count:,} {unit}"


def series_defs() -> str:
    """The fill patterns of the series, once per page: solid, hatched, dotted, crossed, striped."""
    shapes = (
        "",
        '<path d="M-1 1l2-2M0 6l6-6M5 7l2-2"/>',
        '<circle cx="3" cy="3" r="1.3"/>',
        '<path d="M0 0l6 6M6 0l-6 6"/>',
        '<path d="M0 1.5h6M0 4.5h6"/>',
        '<path d="M1.5 0v6M4.5 0v6"/>',
    )
    patterns = "".join(
        f'<pattern id="psea-p{i}" class="psea-pattern" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect class="psea-pattern__bg psea-c{i}" width="6" height="6"/>{shape}</pattern>'
        for i, shape in enumerate(shapes))
    return ('<svg class="psea-defs" aria-hidden="true" focusable="false" width="0" height="0">'
            f'<defs>{patterns}</defs></svg>')


def _series(i: int) -> str:
    """The fill of series i: a presentation attribute (CSP allows it, unlike style="…")."""
    return f'fill="url(#psea-p{i % SERIES})"'


def _link(href: str, label: str, inner: str) -> str:
    """An SVG link: its <title> is the tooltip, aria-label the name a screen reader announces."""
    return (f'<a href="{e(href)}" aria-label="{e(label)}"><title>{e(label)}</title>{inner}</a>' if href
            else f'<g role="img" aria-label="{e(label)}"><title>{e(label)}</title>{inner}</g>')


def nice_step(top: int, ticks: int = 4) -> int:
    """A round gridline step (1, 2, 5 × 10^k) giving at most `ticks` lines up to `top`."""
    rough = max(top, 1) / ticks
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return max(1, int(factor * power))
    return int(10 * power)


def column_chart(columns: list[tuple[str, str, list[Item]]], label: str, unit: str = UNIT) -> str:
    """Stacked columns: (column label, link of the whole column, segments bottom-up) per column."""
    bar, gap, left, top, bottom, plot = 26, 12, 36, 18, 22, 170
    width = left + len(columns) * (bar + gap) + 4
    height = top + plot + bottom
    most = max([sum(s.count for s in segments) for _, _, segments in columns] + [1])
    step = nice_step(most)
    scale = plot / max(most, step)
    parts = []
    for tick in range(0, most + 1, step):
        y = top + plot - tick * scale
        parts.append(f'<line class="psea-chart__grid" aria-hidden="true" x1="{left - 4}" x2="{width}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="psea-chart__tick" x="{left - 7}" y="{y + 4:.1f}" text-anchor="end" '
                     f'aria-hidden="true">{tick:,}</text>')
    for i, (column, href, segments) in enumerate(columns):
        x = left + gap / 2 + i * (bar + gap)
        total = 0
        base: float = top + plot
        for segment in segments:
            if not segment.count:
                continue
            h = segment.count * scale
            base -= h
            total += segment.count
            rect = (f'<rect {_series(segment.series)} x="{x:.1f}" y="{base:.2f}" '
                    f'width="{bar}" height="{h:.2f}"/>')
            parts.append(_link(segment.href, name(f"{column} · {segment.label}", segment.count, unit), rect))
        cx = x + bar / 2
        parts.append(f'<text class="psea-chart__value" x="{cx:.1f}" y="{base - 4:.1f}" text-anchor="middle" '
                     f'aria-hidden="true">{total:,}</text>')
        text = (f'<text class="psea-chart__axis" x="{cx:.1f}" y="{top + plot + 16}" text-anchor="middle">'
                f'{e(column)}</text>')
        parts.append(_link(href if total else "", name(column, total, unit), text))
    return (f'<svg class="psea-columns" role="group" aria-label="{e(label)}" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}">{"".join(parts)}</svg>')


def bar_list(items: list[Item], unit: str = UNIT, most: int | None = None) -> str:
    """Horizontal bars as a list: the label is HTML text, so long Thai names wrap on a phone, and
    each bar is a small SVG. A row with a link is one link (label, bar and count)."""
    most = max([most or 0] + [i.count for i in items] + [1])
    rows = []
    for item in items:
        width = 100 * item.count / most
        bar = (f'<svg class="psea-bars__bar" aria-hidden="true" focusable="false" viewBox="0 0 100 8" '
               f'preserveAspectRatio="none"><title>{e(name(item.label, item.count, unit))}</title>'
               f'<rect class="psea-bars__track" width="100" height="8"/>'
               f'<rect {_series(item.series)} width="{width:.2f}" height="8"/></svg>')
        inner = (f'<span class="psea-bars__label">{e(item.label)}</span>{bar}'
                 f'<span class="psea-bars__n">{item.count:,}<span class="psea-sr"> {unit}</span></span>')
        rows.append(f'<li><a href="{e(item.href)}">{inner}</a></li>' if item.href
                    else f'<li class="psea-bars__none">{inner}</li>')
    return f'<ul class="psea-bars">{"".join(rows)}</ul>'


def share_bar(items: list[Item], label: str, unit: str = UNIT) -> str:
    """One bar split into the shares of its items (such as full case studies and summaries)."""
    total = sum(i.count for i in items) or 1
    x, parts = 0.0, []
    for item in items:
        w = 100 * item.count / total
        if item.count:
            rect = f'<rect {_series(item.series)} x="{x:.2f}" width="{w:.2f}" height="10"/>'
            parts.append(_link(item.href, name(item.label, item.count, unit), rect))
        x += w
    return (f'<svg class="psea-share" role="group" aria-label="{e(label)}" viewBox="0 0 100 10" '
            f'preserveAspectRatio="none">{"".join(parts)}</svg>')


def legend(labels: list[tuple[int, str]]) -> str:
    """Series swatches: (series number, label)."""
    items = "".join(f'<li><svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 14 14">'
                    f'<rect {_series(s)} width="14" height="14"/></svg> {e(text)}</li>'
                    for s, text in labels)
    return f'<ul class="psea-legend">{items}</ul>'


def data_table(caption: str, head: list[str], rows: Sequence[Sequence[object]], open_: bool = False) -> str:
    """The chart's numbers as a table in a disclosure: readable, copyable, reachable."""
    th = "".join(f'<th scope="col">{e(h)}</th>' for h in head)
    body = "".join("<tr>" + f'<th scope="row">{e(row[0])}</th>'
                   + "".join(f"<td>{v:,}</td>" if isinstance(v, int) else f"<td>{e(v)}</td>" for v in row[1:])
                   + "</tr>" for row in rows)
    return (f'<details class="psea-chart__data"{" open" if open_ else ""}><summary>ตารางตัวเลข: {e(caption)}</summary>'
            f'<div class="psea-table-wrap"><table><caption>{e(caption)}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table></div></details>")


def figure(fig_id: str, caption: str, body: str, table: str = "", note: str = "") -> str:
    return (f'<figure class="psea-chart" id="{e(fig_id)}"><figcaption>{e(caption)}</figcaption>{body}'
            + (f'<p class="psea-muted psea-chart__note">{note}</p>' if note else "") + f"{table}</figure>")
