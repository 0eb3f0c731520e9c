"""What the search indexes and how: which pages (is_indexed), which part of them (body, the marks
and EXCLUDE_SELECTORS), the copy Pagefind reads (shadow_document) and the filters' labels."""
from __future__ import annotations

import re

from .. import facets
from ..render import urls
from ..taxonomy import Taxonomy
from .thai import IcuWordBreaker, segment_html

BUNDLE_DIR = "pagefind"  # under the site root; the scripts get the path from the page config (scriptconfig.py)
FACETS_FILE = "search/facets.json"  # filter labels for the search page
# Written by body() around the indexed content of a page.
BODY_START = "<!--psea:search-body-->"
BODY_END = "<!--/psea:search-body-->"
# Parts of indexed pages that are not that page's own content.
EXCLUDE_SELECTORS = (
    ".headerlink",            # the "#" permalink after each heading
    ".psea-related",          # a case page's lists of other cases
    ".psea-cite-this",        # how to cite the case (its own title and agency again)
    ".psea-print-only",       # the printed page's address and date
    ".psea-summary-note",     # the same note on every summary case
    ".psea-case-footer code",  # source document file names
    "table.psea-cases",       # the winners tables on criteria pages (each case is its own result)
    "ul.psea-index",          # link lists to other pages
    "ul.psea-metrics",        # metric cards: the same figures as the summary and the narrative
)
# Cut out of the copy before Pagefind reads it (the selectors above would skip them too, but Pagefind
# would still parse them: the lists of related cases are half of a case page's content):
# a case's related cases, metric cards, data notes and source locators (macros/casepage, render),
# and the winners tables of the criteria pages. None of these elements nests another of its kind.
_NOT_INDEXED = re.compile(
    r'<section class="psea-(?:related|cite-this)".*?</section>'
    r'|<p class="psea-print-only[^"]*">.*?</p>'
    r'|<section class="psea-(?:data-notes|sources)"><h2 id="(?:หมายเหตุด้านข้อมูล|แหล่งข้อมูล)">.*?</section>'
    r'|<ul class="psea-metrics">.*?</ul>'
    r'|<table class="psea-cases">.*?</table>', re.S)
_NOT_INDEXED_MARKS = ('<section class="psea-related"', '<section class="psea-cite-this"', '<p class="psea-print-only',
                      '<section class="psea-data-notes"',
                      '<section class="psea-sources"', '<ul class="psea-metrics">',
                      '<table class="psea-cases">')
# What is indexed --------------------------------------------------------------------------------
def is_indexed(url: str) -> bool:
    """Whether the search finds the page at `url`: case pages, the award criteria pages and the
    guides. Pages that list cases (browse, years, provinces, agencies, tags, SDGs, home) would bury
    each case under every list that mentions it; the search page finds nothing of itself. The
    following pages of a paged list and a category's list of every case hold nothing but rows of
    cases (urls.is_list_only)."""
    if urls.is_list_only(url):
        return False
    return url.startswith(("cases/", "awards/")) or url in ("contribute/", "open-data/")


def body(content: str, title: str) -> str:
    """A page's content marked for the index, with the page title as its heading when the content
    has none (as the theme's partials/content.html would add it, outside the marks)."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return f"<div data-pagefind-body>{BODY_START}{heading}{content}{BODY_END}</div>"


# The shadow copy ---------------------------------------------------------------------------------
def indexed_content(html: str) -> str | None:
    """The parts of a built page marked for the index, or None if the page is not indexed."""
    start = html.find(BODY_START)
    if start < 0:
        return None
    parts = []
    while start >= 0:
        end = html.find(BODY_END, start)
        if end < 0:
            end = len(html)
        parts.append(html[start + len(BODY_START):end])
        start = html.find(BODY_START, end)
    return "".join(parts)


def shadow_document(content: str, breaker: IcuWordBreaker | None) -> str:
    """The page Pagefind reads: the indexed content, cut into words."""
    content = segment_html(content, breaker)  # without ICU too: search.js reads the marks either way
    return ('<!doctype html><html lang="th"><head><meta charset="utf-8"></head>'
            f"<body><div data-pagefind-body>{content}</div></body></html>")


def page_content(html: str) -> str | None:
    """What of a built page is indexed (None: the page is not)."""
    content = indexed_content(html)
    if content is None or not any(mark in content for mark in _NOT_INDEXED_MARKS):
        return content
    return _NOT_INDEXED.sub("", content)


def facet_labels(taxonomy: Taxonomy, years: list[int]) -> dict[str, list[list[str]]]:
    """[value, Thai label] pairs of each filter, in taxonomy order, for the search page's filter
    controls: the browse page's facets (macros.facets)."""
    ordered = facets.order(taxonomy, years)
    return {name: [[value, facets.label(taxonomy, name, value)] for value in ordered[name]]
            for name in facets.SEARCH_FACETS}


