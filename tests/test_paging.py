"""Listings that stay small (issue 14): every listing of cases (year, province, agency, tag, SDG,
branch, category) and every index of links is split into pages of a fixed size, page 1 at the
listing's own address and the rest at <address>page/N/; "ถัดไป" walks from the first page to
every case of the listing, once each, without JavaScript. The pages are generated from a corpus
of synthetic cases (scripts/bench.py) large enough that every kind of listing has several pages.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.structure.files import InclusionLevel

from macros.pages import generated_pages
from macros.pages.paging import CASES_PER_PAGE, LINKS_PER_PAGE
from macros.render import pager, urls
from macros.search import policy

ROOT = Path(__file__).resolve().parent.parent
CASES = 1200  # about 90 a year, 300 a branch and 300 agencies: each kind of listing has several pages
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
ROW_LINK = re.compile(r'<td data-label="ผลงาน"><a href="([^"]+)">')
INDEX_LINK = re.compile(r'<li><a href="([^"]+)">')


@pytest.fixture(scope="module")
def corpus():
    sys.path.insert(0, str(ROOT / "scripts"))
    import frontmatter
    from bench import synthetic_cases

    from macros.structure.case import Case
    from macros.structure.corpus import Corpus
    from macros.taxonomy import Taxonomy

    tax = Taxonomy.load()
    metas = [dict(frontmatter.loads(text).metadata) for _, text in synthetic_cases(CASES)]
    # Synthetic cases spread over 78 provinces, an agency every four cases and few SDGs: gather some
    # into one province, one agency and one SDG, so that those listings have several pages too.
    province = next(p["th"] for p in tax.provinces if not p.get("scope"))
    sdg = next(iter(tax.vocabulary("sdgs")))
    for i, meta in enumerate(metas[:3 * CASES_PER_PAGE]):
        meta["province"] = province
        meta["sdgs"] = sorted({*(meta.get("sdgs") or []), sdg})
        if i < 2 * CASES_PER_PAGE:
            meta["agency"] = {**meta["agency"], "name": metas[0]["agency"]["name"]}
    return Corpus([Case.from_meta(meta, "") for meta in metas], tax)


@pytest.fixture(scope="module")
def pages(corpus) -> dict[str, str]:
    """url -> the generated HTML of every generated page."""
    return {page.url: page.html for page in generated_pages(corpus).values()}


def walk(pages: dict[str, str], base: str) -> list[str]:
    """The URLs of a paged list, from its first page along the "next" links."""
    found = [base]
    while match := NEXT.search(pages[found[-1]]):
        found.append(urljoin(found[-1], match.group(1)))
        assert found[-1] in pages, f"{found[-2]} links to {found[-1]}, which is not generated"
    return found


def listings(corpus) -> dict[str, list[tuple[str, list]]]:
    """Per kind of listing, (its first page's URL, its cases in order)."""
    tax = corpus.taxonomy
    return {
        "year": [(urls.year_url(y), corpus.group("year", y)) for y in corpus.years],
        "province": [(urls.province_key_url(p["key"]), corpus.group("province", p["th"])) for p in tax.provinces
                     if corpus.group("province", p["th"])],
        "agency": [(urls.agency_url(slug), corpus.group("agency", slug)) for slug, _ in corpus.agencies],
        "tag": [(urls.tag_url(k), corpus.group("tag", k)) for k in tax.vocabulary("tags") if corpus.group("tag", k)],
        "sdg": [(urls.sdg_url(k), corpus.group("sdg", k)) for k in tax.vocabulary("sdgs") if corpus.group("sdg", k)],
        "branch": [(urls.branch_url(b), corpus.group("branch", b)) for b in tax.branches if corpus.group("branch", b)],
        "category": [(urls.category_cases_url(b, c), corpus.group("category", b, c))
                     for b in tax.branches for c in tax.categories(b)
                     if len(corpus.group("category", b, c)) > CASES_PER_PAGE],
    }


def test_every_listing_walks_to_each_of_its_cases_once_in_pages_of_one_size(corpus, pages):
    for kind, lists in listings(corpus).items():
        assert any(len(cases) > CASES_PER_PAGE for _, cases in lists), f"no {kind} listing has a second page"
        for base, cases in lists:
            if kind == "category" and base not in pages:
                continue  # only categories with an edition of more winners than the criteria page shows
            walked = walk(pages, base)
            assert walked == [urls.paged_url(base, n) for n in range(1, -(-len(cases) // CASES_PER_PAGE) + 1)]
            rows = [ROW_LINK.findall(pages[url]) for url in walked]
            assert all(len(r) == CASES_PER_PAGE for r in rows[:-1]) and 0 < len(rows[-1]) <= CASES_PER_PAGE
            found = [urljoin(url, href) for url, part in zip(walked, rows, strict=True) for href in part]
            assert found == [urls.case_url(c) for c in cases], f"{base}: not every case, once, in order"
            for number, url in enumerate(walked, 1):
                if len(walked) > 1:
                    assert f"หน้า {number:,} จาก {len(walked):,}" in pages[url], url
                    assert f"จาก {len(cases):,})" in pages[url], url


def test_the_criteria_page_shows_one_page_of_winners_an_edition_and_links_to_all(corpus, pages):
    category_lists = listings(corpus)["category"]
    assert category_lists
    for base, _ in category_lists:
        criteria = urls.category_url(*base.split("/")[1:3])
        html = pages[criteria]
        for table in re.findall(r"<tbody>.*?</tbody>", html, re.S):
            assert len(ROW_LINK.findall(table)) <= CASES_PER_PAGE
        if base in pages:
            assert '<a href="cases/">ดูผลงานทั้งหมดของประเภทนี้</a>' in html


def test_index_pages_are_paged_and_list_every_agency(corpus, pages):
    walked = walk(pages, urls.AGENCIES_URL)
    assert len(walked) == -(-len(corpus.agencies) // LINKS_PER_PAGE) > 1
    lists = {url: pages[url].split('<ul class="psea-index">', 1)[1].split("</ul>", 1)[0] for url in walked}
    links = [urljoin(url, href) for url in walked for href in INDEX_LINK.findall(lists[url])]
    assert links == [urls.agency_url(slug) for slug, _ in corpus.agencies]


def test_no_generated_page_holds_more_than_one_page_of_rows_or_links(pages):
    """What makes a page's weight follow the corpus: a table of cases or a list of links (the
    overview's tables have a row per province or category: the taxonomy's size)."""
    for url, html in pages.items():
        for table in re.findall(r'<table class="psea-cases".*?<tbody>(.*?)</tbody>', html, re.S):
            assert table.count("<tr") <= CASES_PER_PAGE, url
        for index in re.findall(r'<ul class="psea-index">.*?</ul>', html, re.S):
            assert index.count("<li>") <= LINKS_PER_PAGE, url


def test_following_pages_are_outside_the_navigation_and_the_search(pages):
    following = [url for url in pages if urls.is_paged(url)]
    assert following
    for url in following:
        assert not policy.is_indexed(url), url
        assert urls.inclusion(urls.page_src_uri(url), {"index.md", "browse/index.md"}) == InclusionLevel.NOT_IN_NAV
    assert not urls.is_paged("awards/") and not urls.is_paged("years/2567/")
    assert policy.is_indexed("awards/service/") and not policy.is_indexed("awards/service/page/2/")
    assert policy.is_indexed("awards/service/innovation/")
    assert not policy.is_indexed(urls.category_cases_url("service", "innovation"))


def test_the_pager_links_a_few_pages_around_the_current_one_whatever_the_length():
    assert pager.numbers(1, 1) == [1]
    assert pager.numbers(1, 100) == [1, 2, 3, 100]
    assert pager.numbers(50, 100) == [1, 48, 49, 50, 51, 52, 100]
    html = pager.pager("years/2567/page/3/", "years/2567/", 3, 9)
    assert '<a href="../2/" rel="prev">' in html and '<a href="../4/" rel="next">' in html
    assert '<a href="../../">1</a>' in html and '<a href="./" aria-current="page">3</a>' in html
    assert html.count("<li>") == len(pager.numbers(3, 9)) + 2
    assert pager.pager("years/2567/", "years/2567/", 1, 1) == ""
    # The number of links does not grow with the number of pages.
    assert len(pager.pager("x/", "x/", 1, 10)) == len(pager.pager("x/", "x/", 1, 90))
