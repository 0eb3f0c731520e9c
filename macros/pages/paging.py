"""Lists split into pages, so that no page's weight grows with the corpus (issue 14): a listing's
first page is at its own address and the rest at <address>page/N/ (urls.paged_url), each with
the same pager (render/pager.py). The following pages are outside the navigation (urls.inclusion)
and outside the search (search/policy.is_indexed); "next" reaches every row without JavaScript.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..render import pager, urls
from ..structure.page import GeneratedPage

CASES_PER_PAGE = 50  # rows of cases on a page (the browse page's first screen holds as many)
LINKS_PER_PAGE = 200  # links of an index page (the list of all agencies)


def chunks(items: list[Any], size: int) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def paged(base: str, title: str, intro: str, items: list[Any], size: int,
          body: Callable[[GeneratedPage, list[Any]], str], first: str = "", noun: str = "ผลงาน",
          description: str = "", start: int = 1) -> Iterator[GeneratedPage]:
    """The pages of the list `items` whose first page is at `base`: each page's HTML is `first`
    (on page 1 only), where the page is in the list, body(page, its items) and the pager. Pages
    before `start` are left to the caller (the browse page makes its first page itself)."""
    parts = chunks(items, size)
    count = len(parts)
    for number, part in enumerate(parts, 1):
        if number < start:
            continue
        url = urls.paged_url(base, number)
        page = GeneratedPage(urls.page_src_uri(url), title if number == 1 else f"{title} หน้า {number:,}",
                             intro if number == 1 else "", description=description if number == 1 else "")
        low = (number - 1) * size + 1
        page.html = ((first if number == 1 else "")
                     + pager.position(number, count, low, low + len(part) - 1, len(items), noun)
                     + body(page, part) + pager.pager(page.url, base, number, count))
        yield page
