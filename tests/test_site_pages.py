"""The generated pages as built: every case on its year, category, agency and province pages with
counts that agree, and criteria pages that show the rubric points from data/awards.yaml."""
from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from html import unescape

import pytest

from macros.slugs import slugify
from macros.taxonomy import Taxonomy
from macros.validate import validate

TAX = Taxonomy.load()
CASES = [p.meta for p in validate().parsed]
CASE_LINK = re.compile(r'href="([^"]*cases/\d{4}/[^"/]+/)"')
COUNT = re.compile(r'<p class="psea-count"><strong>([\d,]+)</strong> ผลงาน</p>')


def page_html(site, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def linked_cases(html: str, url: str) -> set[str]:
    """Case ids linked from a page (links resolved against the page's own URL)."""
    found = set()
    for href in CASE_LINK.findall(html):
        path = posixpath.normpath(posixpath.join("/" + url, unescape(href)))
        found.add(path.rstrip("/").rsplit("/", 1)[1])
    return found


def content(html: str) -> str:
    """The page's article, without the navigation and the search box."""
    return html[html.index('<article'):html.index('</article>')]


def groups() -> dict[str, set[str]]:
    expected = defaultdict(set)
    for case in CASES:
        award = case["award"]
        province = TAX.province_by_th[case["province"]]["key"]
        for url in (f"years/{case['year']}/", f"awards/{award['branch']}/{award['category']}/",
                    f"awards/{award['branch']}/", f"agencies/{slugify(case['agency']['name'])}/",
                    f"provinces/{province}/"):
            expected[url].add(case["id"])
        for tag in case.get("tags") or []:
            expected[f"tags/{tag}/"].add(case["id"])
        for sdg in case.get("sdgs") or []:
            expected[f"sdgs/{sdg}/"].add(case["id"])
    return expected


GROUPS = groups()


@pytest.mark.parametrize("url", sorted(GROUPS))
def test_every_case_is_on_its_index_pages_and_the_count_agrees(built_site, url):
    html = content(page_html(built_site, url))
    assert linked_cases(html, url) == GROUPS[url]
    if not url.startswith("awards/"):  # criteria pages group winners by year instead of one count
        assert [int(n.replace(",", "")) for n in COUNT.findall(html)] == [len(GROUPS[url])]


@pytest.mark.parametrize("index, prefix", [("years/", "years/"), ("agencies/", "agencies/"),
                                           ("provinces/", "provinces/"), ("tags/", "tags/"), ("sdgs/", "sdgs/")])
def test_index_pages_list_every_non_empty_group_with_its_count(built_site, index, prefix):
    html = content(page_html(built_site, index))
    listed = dict((posixpath.normpath(posixpath.join(index, unescape(href))) + "/", int(count.replace(",", "")))
                  for href, count in re.findall(
                      r'<li><a href="([^"]+)">[^<]*</a> <span class="psea-muted">\(([\d,]+)\)', html))
    expected = {url: len(ids) for url, ids in GROUPS.items() if url.startswith(prefix)}
    assert listed == expected
    for url in expected:  # and no page for an empty combination
        assert (built_site / url / "index.html").exists()


def test_no_page_for_an_empty_group(built_site):
    for folder in ("years", "provinces", "tags", "sdgs", "agencies"):
        for page in (built_site / folder).iterdir():
            if page.is_dir():
                assert f"{folder}/{page.name}/" in GROUPS, page


def test_criteria_pages_show_the_rubric_points_from_the_data(built_site):
    rubrics = {r["key"]: r for r in TAX.awards["rubrics"]}
    checked = 0
    for bkey, branch in TAX.branches.items():
        for category in branch["categories"]:
            for edition in category["editions"]:
                rubric = rubrics.get(edition.get("rubric"))
                if rubric is None:
                    continue
                html = content(page_html(built_site, f"awards/{bkey}/{category['key']}/"))
                table = html[html.index('<table class="psea-rubric">'):]
                table = table[:table.index("</table>")]
                points = [int(p) for p in re.findall(r'<td class="psea-points">(\d+)</td>', table)]
                assert points == [d["points"] for d in rubric["dimensions"]] + [rubric["total"]]
                for dimension in rubric["dimensions"]:
                    assert dimension["th"] in unescape(table)
                checked += 1
    assert checked >= 8


def test_overview_shows_the_pmqa_scoring_table_and_the_ladder(built_site):
    html = unescape(content(page_html(built_site, "awards/")))
    table = TAX.awards["pmqa"]["scoring_table"]
    for row in table["rows"]:
        cells = "".join(f"<td>{cell}</td>" for cell in row)
        assert cells in html, row
    for step in TAX.awards["participation_ladder"]:
        assert step["th"] in html and step["en"] in html


def test_a_case_prints_as_a_handout(page, site_url):
    case = next(c for c in CASES if c["status"] == "full")
    page.goto(f"{site_url}cases/{case['year']}/{case['id']}/")
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-search',
        '.md-footer', '.md-content__button'].map(s => [...document.querySelectorAll(s)]
        .every(el => getComputedStyle(el).display === 'none'))""")
    assert all(hidden), hidden
    shown = page.evaluate("""() => ['.psea-case-header', '.psea-narrative', '.psea-case-footer']
        .map(s => getComputedStyle(document.querySelector(s)).display !== 'none')""")
    assert all(shown), shown
    avoid = page.evaluate("() => getComputedStyle(document.querySelector('.psea-case-header')).breakInside")
    assert avoid == "avoid"
    assert page.pdf(format="A4")[:4] == b"%PDF"
