"""The links between the pages of a list split into pages (urls.paged_url): previous, the first,
a few around the current one, the last, next. A fixed number of links whatever the list's length,
so no page's weight grows with the corpus; "next" reaches every page without JavaScript."""
from __future__ import annotations

from .escape import e
from .urls import paged_url, rel

AROUND = 2  # page numbers linked on each side of the current one
PREV, NEXT, CURRENT = ' rel="prev"', ' rel="next"', ' aria-current="page"'


def numbers(current: int, count: int) -> list[int]:
    """The page numbers the pager links to, in order (a gap between two means "…")."""
    return sorted({1, count, *range(max(1, current - AROUND), min(count, current + AROUND) + 1)})


def pager(here: str, base: str, current: int, count: int) -> str:
    """The pager of page `current` of `count` (at `here`) of the list whose first page is `base`."""
    if count <= 1:
        return ""

    def link(number: int, text: str, extra: str = "") -> str:
        return f'<a href="{e(rel(here, paged_url(base, number)))}"{extra}>{text}</a>'

    items = []
    if current > 1:
        items.append(f"<li>{link(current - 1, '← ก่อนหน้า', PREV)}</li>")
    previous = 0
    for number in numbers(current, count):
        if number - previous > 1:
            items.append('<li aria-hidden="true">…</li>')
        items.append(f"<li>{link(number, f'{number:,}', CURRENT if number == current else '')}</li>")
        previous = number
    if current < count:
        items.append(f"<li>{link(current + 1, 'ถัดไป →', NEXT)}</li>")
    return f'<nav class="psea-pager" aria-label="หน้าของรายการ"><ul>{"".join(items)}</ul></nav>'


def position(current: int, count: int, first: int, last: int, total: int, noun: str = "ผลงาน") -> str:
    """Where the page is in the list: "หน้า 2 จาก 7 (ผลงานที่ 51–100 จาก 320)"."""
    if count <= 1:
        return ""
    return (f'<p class="psea-muted psea-pager-position">หน้า {current:,} จาก {count:,} '
            f'({noun}ที่ {first:,}–{last:,} จาก {total:,})</p>')
