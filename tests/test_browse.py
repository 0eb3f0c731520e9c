"""The browse page (/browse/): its first screen of rows and its following static pages
(/browse/page/N/) list every case file exactly once, and browse.js filters, sorts and keeps the
view in the URL, on a desktop, on a 375 px phone and by keyboard alone, over the rows' data
(browse/rows.json) that it fetches on the first interaction. With JavaScript at most one page of
matching rows (the table's data-page-size) is displayed and "แสดงเพิ่ม" adds more; the count
always tells every match. The rows browse-row.js builds are the markup Python writes.

Expectations come from the case files at test time (macros.validate reads them), never from
hard-coded counts or titles.
"""
from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import yaml

from macros.facets import FACETS
from macros.validate import CASES_DIR, validate

ROOT = Path(__file__).resolve().parent.parent
BROWSE_JS = ROOT / "overrides" / "assets" / "js" / "browse.js"
COUNT_TEXT = re.compile(r"แสดง\s*([\d,]+)\s*จาก\s*([\d,]+)\s*ผลงาน")
SPACES = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")
THAI_RUN = re.compile(r"[\u0e01-\u0e4e]{6,}")
CONSONANT = re.compile(r"[\u0e01-\u0e2e]")


# The case files ----------------------------------------------------------------------------------
def fold(text: str) -> str:
    """What browse.js does to search text: NFC, lower case, one sara am, no spaces."""
    text = unicodedata.normalize("NFC", text or "").lower().replace("\u0e4d\u0e32", "\u0e33")
    return SPACES.sub("", text)


@pytest.fixture(scope="module")
def cases() -> list[dict]:
    report = validate()
    found = []
    for parsed in report.parsed:
        meta = parsed.meta
        rel = parsed.path.resolve().relative_to(CASES_DIR.resolve())
        province = report.taxonomy.province_by_th.get(meta["province"], {})
        found.append({
            "url": f"cases/{rel.parent.as_posix()}/{rel.stem}/",
            "title": meta["title"], "agency": meta["agency"]["name"], "year": str(meta["year"]),
            "haystack": [fold(meta["title"]), fold(meta["agency"]["name"]),
                         fold(" ".join(filter(None, [meta.get("title_en"), meta["agency"].get("name_en")])))],
            "texts": [fold(meta.get(key) or "") for key in ("pain_point", "solution", "impact")],
            "tags": list(meta.get("tags") or []),
            "attrs": {"branch": meta["award"]["branch"],
                      "category": f'{meta["award"]["branch"]}/{meta["award"]["category"]}',
                      "level": meta["award"]["level"], "year": str(meta["year"]),
                      "province": province.get("key", ""), "agency_type": meta["agency"]["type"],
                      "status": meta["status"]},
        })
    assert found, f"no case files under {CASES_DIR}"
    return sorted(found, key=lambda c: c["url"])


def matches(case: dict, query: str, words: list[str] | None = None) -> bool:
    """Whether the text filter finds `case`: each word must be in one of its texts. The words are
    the query's parts as typed, or `words`: the query cut by the browser's Thai word breaker (as
    browse.js cuts it, see query_words) once its texts are loaded."""
    tokens = words if words is not None else [t for t in SPACES.split(unicodedata.normalize("NFC", query).lower()) if t]
    haystack = case["haystack"] + (case["texts"] if words is not None else [])
    return all(any(fold(t) in field for field in haystack) for t in tokens)


def query_words(page, query: str) -> list[str]:
    """The query cut into words by the page's ICU word breaker (Intl.Segmenter), as browse-core.js
    queryTokens does; the matching itself is checked against the case files here."""
    return page.evaluate("""(q) => {
        const th = new Intl.Segmenter('th', {granularity: 'word'});
        const out = [];
        for (const part of q.normalize('NFC').toLowerCase().split(/[\\s\\u200b-\\u200d\\u2060\\ufeff]+/)) {
            if (!part) continue;
            const words = [...th.segment(part)].filter((s) => s.isWordLike !== false).map((s) => s.segment.trim())
                .filter(Boolean);
            out.push(...(words.length ? words : [part]));
        }
        return out;
    }""", query)


def wait_for_texts(page):
    """browse.js fetches the rows' problem, solution and impact when the text box is first used."""
    page.wait_for_selector("#psea-browse-table[data-text-loaded]", state="attached")


def pick_filter(cases: list[dict], most: int) -> tuple[str, str]:
    """A year and a Thai piece from the middle of a title of that year, chosen so that the year
    and the text each remove rows the other keeps (so both filters and their AND are exercised),
    and that together they match at most `most` cases (one page of the table)."""
    by_year: dict[str, list] = {}
    for case in cases:
        by_year.setdefault(case["year"], []).append(case)
    years = sorted(by_year, key=lambda y: (y != "2567", -len(by_year[y]), y))
    fallback = None
    for year in years:
        for case in by_year[year]:
            title = case["title"]
            for run in THAI_RUN.finditer(title):
                for start in range(run.start() + 1, run.end() - 4):
                    for length in (5, 6, 4):
                        end = start + length
                        if not CONSONANT.match(title[start]) or end >= len(title) or end > run.end():
                            continue
                        needle = title[start:end]
                        hits = [c for c in cases if matches(c, needle)]
                        in_year = [c for c in hits if c["year"] == year]
                        if not in_year or len(in_year) == len(by_year[year]) or len(in_year) > most:
                            continue
                        if any(c["year"] != year for c in hits):
                            return year, needle
                        fallback = fallback or (year, needle)
    assert fallback, "no Thai title text to search for in the case files"
    return fallback


# The built HTML ----------------------------------------------------------------------------------
class BrowseParser(HTMLParser):
    """Rows of #psea-browse-table, its facet checkboxes and the count line."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.boxes: dict[str, list[tuple[str, str]]] = {}
        self.form_attrs: dict = {}
        self.table_attrs: dict = {}
        self.count_text = ""
        self.shown = self.total = ""
        self.scripts: list[dict] = []
        self.next: str | None = None  # the pager's link to the following page
        self._in_table = self._in_tbody = self._in_count = False
        self._cell = None
        self._capture = None
        self._box_label = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "psea-browse-filters":
            self.form_attrs = a
        elif tag == "input" and a.get("type") == "checkbox" and a.get("name"):
            self._box_label = [a["name"], a.get("value", ""), ""]
        elif tag == "span" and "data-facet-count" in a and self._box_label:
            self._capture = "facet-count"
        elif tag == "table" and (a.get("id") == "psea-browse-table" or "psea-cases" in a.get("class", "")):
            self._in_table = True  # the browse page's table, or the one table of a following page
            self.table_attrs = a
        elif tag == "tbody" and self._in_table:
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self.rows.append({"attrs": a, "href": None, "hrefs": 0})
        elif tag == "td" and self._in_tbody:
            self._cell = a.get("data-label")
        elif tag == "a" and self._in_tbody and self._cell == "ผลงาน":
            self.rows[-1]["hrefs"] += 1
            self.rows[-1]["href"] = self.rows[-1]["href"] or a.get("href")
        elif tag == "p" and a.get("id") == "psea-browse-count":
            self._in_count = True
        elif tag == "strong" and self._in_count:
            self._capture = "shown" if "data-shown" in a else "total" if "data-total" in a else None
        elif tag == "script":
            self.scripts.append(a)
        elif tag == "a" and a.get("rel") == "next":
            self.next = a.get("href")

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False
        elif tag == "table":
            self._in_table = False
        elif tag == "td":
            self._cell = None
        elif tag == "p":
            self._in_count = False
        elif tag == "label" and self._box_label:
            name, value, count = self._box_label
            self.boxes.setdefault(name, []).append((value, count))
            self._box_label = None
        elif tag in ("span", "strong"):
            self._capture = None

    def handle_data(self, data):
        if self._in_count:
            self.count_text += data
        if self._capture == "shown":
            self.shown += data
        elif self._capture == "total":
            self.total += data
        elif self._capture == "facet-count" and self._box_label:
            self._box_label[2] += data


def parse_browse(built_site: Path, url: str = "browse/") -> BrowseParser:
    parser = BrowseParser()
    parser.feed((built_site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def browse_pages(built_site: Path) -> list[tuple[str, BrowseParser]]:
    """/browse/ and the pages its pager's "next" links lead to, in order, as a visitor without
    JavaScript walks them."""
    pages = [("browse/", parse_browse(built_site))]
    while pages[-1][1].next:
        url = urljoin(pages[-1][0], pages[-1][1].next)
        assert url not in {u for u, _ in pages}, f"the pager goes round in a circle at {url}"
        pages.append((url, parse_browse(built_site, url)))
    return pages


def all_rows(built_site: Path) -> list[dict]:
    """Every row of the static browse pages, each href as a site URL."""
    rows = []
    for url, parser in browse_pages(built_site):
        for row in parser.rows:
            rows.append({**row, "href": urljoin(url, row["href"])})
    return rows


@pytest.fixture(scope="module")
def page_size(built_site) -> int:
    size = int(parse_browse(built_site).table_attrs["data-page-size"])
    assert size > 0
    return size


def site_path(href: str) -> str:
    """A link written on /browse/ as a site URL such as cases/2567/x/."""
    assert href.startswith("../"), href
    return href[len("../"):]


def test_static_pages_list_every_case_file_once_and_count_them(built_site, cases, page_size):
    """Without JavaScript: /browse/ holds the first page_size rows and "ถัดไป" leads through
    /browse/page/2/ … to every case, each page as long as the first (the last one shorter)."""
    pages = browse_pages(built_site)
    total = len(cases)
    assert len(pages) == -(-total // page_size) > 1, "the real cases fill more than one page"
    assert [url for url, _ in pages[1:]] == [f"browse/page/{n}/" for n in range(2, len(pages) + 1)]
    last = total - page_size * (len(pages) - 1)
    assert [len(parser.rows) for _, parser in pages] == [page_size] * (len(pages) - 1) + [last]
    rows = all_rows(built_site)
    urls = [row["href"] for row in rows]
    assert len(urls) == len(set(urls)), "a case appears in more than one row"
    assert sorted(urls) == [c["url"] for c in cases]
    assert all(row["hrefs"] == 1 for row in rows)
    for url in urls:  # each row links to a page that exists
        assert (built_site / url / "index.html").is_file(), url
    first = pages[0][1]
    assert COUNT_TEXT.search(" ".join(first.count_text.split())).groups() == (f"{total:,}", f"{total:,}")
    assert (first.shown, first.total) == (f"{total:,}", f"{total:,}")
    assert first.table_attrs["data-total"] == str(total)
    # The filters are in the page at their size, never hidden for a script to show (layout shift);
    # without JavaScript a stylesheet linked inside <noscript> hides them.
    assert "hidden" not in first.form_attrs and "psea-js-only" in first.form_attrs["class"].split()
    html = (built_site / "browse" / "index.html").read_text(encoding="utf-8")
    noscript = re.findall(r"<noscript>(.*?)</noscript>", html, re.S)
    css = [m for block in noscript for m in re.findall(r'<link rel="stylesheet" href="([^"]+)">', block)]
    assert len(css) == 1 and ".psea-js-only" in (built_site / "browse" / css[0]).read_text(encoding="utf-8")
    assert any("page/2/" in block for block in noscript), "the pager is for visitors without JavaScript"
    assert not any("hidden" in row["attrs"] for row in rows)


def test_following_pages_are_outside_navigation_search_and_count_their_place(built_site, cases, page_size):
    for url, _ in browse_pages(built_site)[1:]:
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        assert "data-pagefind-body" not in html, f"{url} is indexed for search"
        assert 'id="psea-browse-filters"' not in html and "browse.js" not in html
        number = int(url.rstrip("/").rsplit("/", 1)[1])
        low = (number - 1) * page_size + 1
        high = min(number * page_size, len(cases))
        assert f"หน้า {number} จาก" in html and f"ผลงานที่ {low:,}–{high:,} จาก {len(cases):,}" in html
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    assert "browse/page/" not in nav


def test_rows_carry_their_facet_values_and_every_value_has_a_checkbox(built_site, cases):
    parser = parse_browse(built_site)
    by_url = {c["url"]: c for c in cases}
    for row in all_rows(built_site):
        case = by_url[row["href"]]
        for name, _ in FACETS:
            assert row["attrs"].get("data-" + name.replace("_", "-")) == case["attrs"][name], (case["url"], name)
    for name, _ in FACETS:
        expected: dict[str, int] = {}
        for case in cases:
            expected[case["attrs"][name]] = expected.get(case["attrs"][name], 0) + 1
        boxes = {value: count.strip() for value, count in parser.boxes.get(name, [])}
        assert boxes == {value: f"({n:,})" for value, n in expected.items()}, name


def test_script_is_an_external_file_without_eval(built_site):
    parser = parse_browse(built_site)
    ours = [s for s in parser.scripts if s.get("src", "").endswith("assets/js/browse.js")]
    assert len(ours) == 1 and ours[0].get("type") == "module"  # deferred, as module scripts are
    for module in (BROWSE_JS, BROWSE_JS.with_name("browse-view.js"), BROWSE_JS.with_name("browse-core.js"),
                   BROWSE_JS.with_name("browse-row.js"), BROWSE_JS.with_name("config.js")):
        assert (built_site / "assets" / "js" / module.name).is_file()
        source = module.read_text(encoding="utf-8")
        for forbidden in ("eval(", "new Function", "innerHTML", "insertAdjacentHTML", "document.write"):
            assert forbidden not in source, (module.name, forbidden)


# In the browser ----------------------------------------------------------------------------------
VISIBLE_ROWS = """() => Array.from(document.querySelectorAll('#psea-browse-table tbody tr'))
    .filter(tr => !tr.hidden && tr.getClientRects().length > 0)
    .map(tr => ({href: tr.querySelector('td[data-label="ผลงาน"] a').getAttribute('href'),
                 year: tr.dataset.year,
                 title: tr.querySelector('td[data-label="ผลงาน"] a').textContent,
                 agency: tr.querySelector('td[data-label="หน่วยงาน"]').textContent,
                 extra: tr.dataset.searchExtra || ''}))"""


def open_browse(page, site_url: str, query: str = ""):
    page.goto(site_url + "browse/" + query)
    page.locator("#psea-browse-filters").wait_for(state="visible")
    if query:
        # The filters are in the page from the start; a view in the URL is shown once the rows'
        # data has come (browse-view.js filters in the same task as it marks the table loaded).
        page.wait_for_selector("#psea-browse-table[data-rows-loaded]", state="attached")


def visible_urls(page) -> set[str]:
    return {site_path(row["href"]) for row in page.evaluate(VISIBLE_ROWS)}


def shown_count(page) -> tuple[int, int]:
    text = " ".join(page.locator("#psea-browse-count").inner_text().split())
    found = COUNT_TEXT.search(text)
    assert found, text
    return int(found.group(1).replace(",", "")), int(found.group(2).replace(",", ""))


def url_state(page) -> dict:
    return parse_qs(urlparse(page.url).query)


def wait_for_query(page, name: str, values: list[str] | None):
    page.wait_for_function("([name, values]) => JSON.stringify(new URLSearchParams(location.search).getAll(name))"
                           " === JSON.stringify(values)", arg=[name, values or []])


def facet_summary(page, name: str):
    return page.locator(f'details:has(fieldset[data-facet="{name}"]) > summary')


def check_view(page, expected: set[str], total: int, page_size: int):
    """The rows displayed are the first page of `expected`, and the count tells all of them."""
    visible = visible_urls(page)
    assert visible <= expected, visible - expected
    assert len(visible) == min(len(expected), page_size)
    assert shown_count(page) == (len(expected), total)
    assert page.locator("#psea-browse-more").is_visible() == (len(expected) > page_size)


def show_all(page):
    more = page.locator("#psea-browse-more button")
    while more.is_visible():
        more.press("Enter")


def test_facet_and_text_filter_live_in_the_url(page, site_url, cases, page_size):
    year, needle = pick_filter(cases, page_size)
    in_year = {c["url"] for c in cases if c["year"] == year}
    every = {c["url"] for c in cases}
    problems = []  # script errors and anything the Content-Security-Policy refused
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused" in message.text else None)

    open_browse(page, site_url)
    words = query_words(page, needle)
    expected = {c["url"] for c in cases if c["year"] == year and matches(c, needle, words)}
    check_view(page, every, len(cases), page_size)
    if len(cases) > page_size:  # "แสดงเพิ่ม" displays the next page and moves focus to its first row
        page.locator("#psea-browse-more button").click()  # the rows' data comes first: wait for it
        page.wait_for_function("(n) => document.activeElement.closest('tr') === Array.from("
                               "document.querySelectorAll('#psea-browse-table tbody tr:not([hidden])'))[n]",
                               arg=page_size)
        show_all(page)
        assert visible_urls(page) == every

    facet_summary(page, "year").click()
    page.locator(f'input[name="year"][value="{year}"]').check()
    wait_for_query(page, "year", [year])
    check_view(page, in_year, len(cases), page_size)

    search = page.locator("#psea-browse-q")
    search.click()
    search.press_sequentially(needle)
    wait_for_query(page, "q", [needle])
    wait_for_texts(page)

    def check_filtered_view():
        page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-shown]').textContent == n",
                               arg=f"{len(expected):,}")
        rows = page.evaluate(VISIBLE_ROWS)
        assert {site_path(r["href"]) for r in rows} == expected
        for row in rows:  # every visible row matches the year (the text: `expected`, from the case files)
            assert row["year"] == year
        assert shown_count(page) == (len(rows), len(cases))
        state = url_state(page)
        assert state["year"] == [year] and state["q"] == [needle]
        assert page.locator(f'input[name="year"][value="{year}"]').is_checked()
        assert search.input_value() == needle

    assert 0 < len(expected) <= page_size
    check_filtered_view()
    page.reload()
    page.locator("#psea-browse-filters").wait_for(state="visible")
    wait_for_texts(page)  # a query in the address loads the texts too
    check_filtered_view()

    # Back: the search goes as a whole, then the ticked year.
    page.go_back()
    wait_for_query(page, "q", None)
    check_view(page, in_year, len(cases), page_size)
    assert search.input_value() == ""
    assert page.locator(f'input[name="year"][value="{year}"]').is_checked()
    page.go_back()
    wait_for_query(page, "year", None)
    check_view(page, every, len(cases), page_size)
    assert not page.locator(f'input[name="year"][value="{year}"]').is_checked()
    page.go_forward()
    wait_for_query(page, "year", [year])
    check_view(page, in_year, len(cases), page_size)
    assert problems == []


def test_facets_or_within_and_across_and_text_ignores_spaces(page, site_url, cases, page_size):
    """Two years (OR), a branch (AND), a query with a space the title does not have; reset clears."""
    years = sorted({c["year"] for c in cases})[-2:]
    branch = cases[0]["attrs"]["branch"]
    query = "&".join([f"year={y}" for y in years] + [f"branch={branch}"])
    open_browse(page, site_url, "?" + query)
    expected = {c["url"] for c in cases if c["year"] in years and c["attrs"]["branch"] == branch}
    check_view(page, expected, len(cases), page_size)
    for y in years:
        assert page.locator(f'input[name="year"][value="{y}"]').is_checked()

    page.locator('#psea-browse-filters button[type="reset"]').click()
    wait_for_query(page, "year", None)
    wait_for_query(page, "branch", None)
    check_view(page, {c["url"] for c in cases}, len(cases), page_size)

    title = next(c["title"] for c in cases if THAI_RUN.search(c["title"]))
    run = THAI_RUN.search(title).group()
    spaced = run[:3] + " " + run[3:]  # typed with a space the title does not have
    queries = [spaced]
    joined = next((m for c in cases for m in re.findall(r"[\u0e01-\u0e4e]{3} [\u0e01-\u0e4e]{3}", c["title"])), None)
    if joined:
        queries.append(joined.replace(" ", ""))  # typed without the space the title has
    for text in queries:
        page.locator("#psea-browse-q").fill(text)
        wait_for_texts(page)
        wanted = {c["url"] for c in cases if matches(c, text, query_words(page, text))}
        assert wanted, text
        page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-shown]').textContent == n",
                               arg=f"{len(wanted):,}")
        check_view(page, wanted, len(cases), page_size)
    assert title in {c["title"] for c in cases if matches(c, spaced, query_words(page, spaced))}
    assert not page.locator("#psea-browse-empty").is_visible()
    nothing = "ฮ" * 12
    assert not any(matches(c, nothing, query_words(page, nothing)) for c in cases)
    page.locator("#psea-browse-q").fill(nothing)
    check_view(page, set(), len(cases), page_size)
    assert page.locator("#psea-browse-empty").is_visible()


def test_phone_width_has_no_sideways_scroll_and_filters_work(browser, site_url, cases, page_size):
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 800}, has_touch=True)
    page = context.new_page()
    try:
        open_browse(page, site_url)
        width = "document.documentElement.scrollWidth"
        assert page.evaluate(width) <= 375
        # The folded facets take less than a screen: the table is reachable without scrolling past them.
        assert page.locator(".psea-facets").bounding_box()["height"] < 800 / 2
        summary = facet_summary(page, "category")
        summary.tap()
        assert page.locator('fieldset[data-facet="category"]').is_visible()
        assert page.evaluate(width) <= 375  # long category names wrap
        label = page.locator('fieldset[data-facet="category"] label').first
        value = label.locator("input").get_attribute("value")
        label.tap()
        wait_for_query(page, "category", [value])
        expected = {c["url"] for c in cases if c["attrs"]["category"] == value}
        check_view(page, expected, len(cases), page_size)
        assert page.evaluate(width) <= 375
        sort = page.locator('th[data-sort="title"] button')
        box = sort.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        sort.tap()
        wait_for_query(page, "sort", ["title"])
        assert page.evaluate(width) <= 375
    finally:
        context.close()


def focused(page) -> str:
    return page.evaluate("""() => {
        const el = document.activeElement;
        if (el.id) return '#' + el.id;
        if (el.type === 'reset') return 'reset';
        const th = el.closest('th[data-sort]');
        if (th) return 'sort:' + th.dataset.sort;
        const details = el.closest('details');
        const facet = details && details.querySelector('fieldset[data-facet]');
        if (facet) return (el.tagName === 'SUMMARY' ? 'summary:' : 'box:') + facet.dataset.facet;
        return el.tagName;
    }""")


def tab_to(page, target: str, limit: int = 200, backwards: bool = False):
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if focused(page) == target:
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{target} has no visible focus"
            return
    pytest.fail(f"Tab never reached {target}")


COLUMN = """(key) => Array.from(document.querySelectorAll('#psea-browse-table tbody tr'))
    .filter(tr => !tr.hidden).map(tr => key === 'year' ? Number(tr.dataset.year)
        : tr.querySelector('td[data-label="ผลงาน"] a').textContent)"""
IN_ORDER = """([values, dir]) => { const c = new Intl.Collator('th', {numeric: true, sensitivity: 'base'});
    const s = dir === 'desc' ? -1 : 1;
    return values.every((v, i) => i === 0 || s * (typeof v === 'number' ? v - values[i - 1]
        : c.compare(v, values[i - 1])) >= 0); }"""


def test_keyboard_alone_filters_and_sorts(page, site_url, cases, page_size):
    year, needle = pick_filter(cases, page_size)
    page.set_viewport_size({"width": 1280, "height": 900})
    open_browse(page, site_url)
    tab_to(page, "#psea-browse-q")
    page.keyboard.type(needle)
    wait_for_texts(page)
    words = query_words(page, needle)
    expected = {c["url"] for c in cases if matches(c, needle, words)}
    page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-shown]').textContent == n",
                           arg=f"{len(expected):,}")
    check_view(page, expected, len(cases), page_size)

    tab_to(page, "summary:year")
    page.keyboard.press("Enter")
    box = page.locator(f'input[name="year"][value="{year}"]')
    for _ in range(len(cases) + 1):  # Tab through the year checkboxes to the one we want
        page.keyboard.press("Tab")
        if page.evaluate("(y) => document.activeElement.name === 'year' && document.activeElement.value === y", year):
            break
    page.keyboard.press("Space")
    wait_for_query(page, "year", [year])
    assert box.is_checked()
    check_view(page, {c["url"] for c in cases if c["year"] == year and matches(c, needle, words)}, len(cases),
               page_size)

    # Back to the reset button, clear everything, then sort with Enter on the column buttons.
    tab_to(page, "reset", backwards=True)
    page.keyboard.press("Enter")
    wait_for_query(page, "year", None)
    wait_for_query(page, "q", None)
    assert not box.is_checked() and shown_count(page) == (len(cases), len(cases))
    tab_to(page, "sort:title")
    page.keyboard.press("Enter")
    wait_for_query(page, "sort", ["title"])
    assert url_state(page)["dir"] == ["asc"]
    assert page.get_attribute('th[data-sort="title"]', "aria-sort") == "ascending"
    assert page.get_attribute('th[data-sort="year"]', "aria-sort") is None
    titles = page.evaluate(COLUMN, "title")
    assert len(titles) == min(len(cases), page_size) and page.evaluate(IN_ORDER, [titles, "asc"])
    page.keyboard.press("Enter")
    wait_for_query(page, "dir", ["desc"])
    assert page.get_attribute('th[data-sort="title"]', "aria-sort") == "descending"
    show_all(page)  # the whole table is in order, not only its first page
    titles = page.evaluate(COLUMN, "title")
    assert len(titles) == len(cases) and page.evaluate(IN_ORDER, [titles, "desc"])
    page.locator('th[data-sort="title"] button').focus()

    page.keyboard.press("Shift+Tab")  # back to the year column: numeric, newest first, then oldest
    assert focused(page) == "sort:year"
    page.keyboard.press("Enter")
    wait_for_query(page, "sort", None)  # year, newest first, is the default order
    assert page.get_attribute('th[data-sort="year"]', "aria-sort") == "descending"
    page.keyboard.press("Enter")
    wait_for_query(page, "dir", ["asc"])
    show_all(page)
    years = page.evaluate(COLUMN, "year")
    assert years == sorted(int(c["year"]) for c in cases)
    page.reload()
    page.locator("#psea-browse-filters").wait_for(state="visible")
    assert page.get_attribute('th[data-sort="year"]', "aria-sort") == "ascending"
    assert page.evaluate(COLUMN, "year") == years[:page_size]


def test_5000_rows_come_on_demand_and_keep_count_filters_sort_and_url(page, built_site, site_url, cases, page_size):
    """The real page with its rows' data repeated to 5,000: the first view fetches no row data and
    shows page_size rows; typing a filter and erasing it again keeps the count right and shows one
    page of rows, never all the matches (showing them all is what made a keystroke take seconds);
    a facet and a sort go into the URL and come back from it. How long a keystroke takes is a
    figure of scripts/bench.py (browse_keystroke_ms), not a test: timings on a shared machine vary."""
    target = 5000
    fetched: list[str] = []

    def multiply(route):
        fetched.append(route.request.url)
        response = route.fetch()
        data = response.json()
        repeat = lambda column: [column[i % len(column)] for i in range(target)]  # noqa: E731
        data["columns"] = {field: [repeat(part) for part in column] if field in data["composite"] else repeat(column)
                           for field, column in data["columns"].items()}
        data["count"] = target
        route.fulfill(response=response, json=data)

    page.route("**/browse/rows.json", multiply)
    open_browse(page, site_url)
    assert page.locator("#psea-browse-table tbody tr").count() == page_size
    assert page.locator("#psea-browse-more").is_visible()
    assert not fetched, "the first view fetched the rows' data"
    _, needle = pick_filter(cases, page_size)
    hits = sum(matches(c, needle, query_words(page, needle)) for c in cases)
    assert hits, needle
    page.locator("#psea-browse-q").fill(needle)
    wait_for_texts(page)
    page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-total]').textContent == n",
                           arg=f"{target:,}")
    found, total = shown_count(page)
    # Each case's row appears target // len(cases) times, or once more.
    assert total == target and hits * (target // len(cases)) <= found <= hits * -(-target // len(cases))
    assert len(page.evaluate(VISIBLE_ROWS)) == min(found, page_size)
    page.evaluate("""(text) => {
        const input = document.getElementById('psea-browse-q');
        for (let i = text.length - 1; i >= 0; i--) {
            input.value = text.slice(0, i);
            input.dispatchEvent(new Event('input', {bubbles: true}));
        }
    }""", needle)
    assert shown_count(page) == (target, target)
    assert len(page.evaluate(VISIBLE_ROWS)) == min(target, page_size)
    # A year ticked and the titles sorted A to Z: the count of that year's repeated rows, in order.
    year = cases[0]["year"]
    in_year = sum(c["year"] == year for c in cases)
    facet_summary(page, "year").click()
    page.locator(f'input[name="year"][value="{year}"]').check()
    wait_for_query(page, "year", [year])
    page.locator('th[data-sort="title"] button').click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'title'")
    years = rows_data_years(built_site)
    expected = sum(years[i % len(years)] == year for i in range(target))
    assert shown_count(page) == (expected, target) and expected >= in_year
    titles = page.evaluate(COLUMN, "title")
    assert len(titles) == min(expected, page_size)
    assert titles == page.evaluate("(t) => [...t].sort(new Intl.Collator('th', {numeric: true, "
                                   "sensitivity: 'base'}).compare)", titles)
    assert len(fetched) == 1, "the rows' data is fetched once"
    # The view comes back from the URL alone.
    page.reload()
    page.wait_for_selector("#psea-browse-table[data-rows-loaded]", state="attached")
    page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-total]').textContent == n",
                           arg=f"{target:,}")
    assert shown_count(page) == (expected, target)
    assert page.evaluate(COLUMN, "title") == titles
    assert page.locator(f'input[name="year"][value="{year}"]').is_checked()


def rows_data_years(built_site: Path) -> list[str]:
    """The year of each row of browse/rows.json, in the page's order."""
    data = json.loads((built_site / "browse" / "rows.json").read_text(encoding="utf-8"))
    return data["columns"]["facetValues"][data["facets"].index("year")]


# Problem, solution and impact; tags (issue 13) ----------------------------------------------------------
def test_the_text_box_finds_a_word_of_the_problem_solution_or_impact(page, site_url, cases, page_size):
    """"รอคอย" (waiting) is in no title or agency name, only in what the cases tell: browse finds it
    as the header search does, and the box says what it searches."""
    word = "รอคอย"
    assert not any(fold(word) in field for c in cases for field in c["haystack"])
    wanted = {c["url"] for c in cases if any(fold(word) in text for text in c["texts"])}
    assert wanted, "no case tells of waiting (รอคอย) any more: pick another word"
    open_browse(page, site_url, "?q=" + word)
    wait_for_texts(page)
    words = query_words(page, word)
    expected = {c["url"] for c in cases if matches(c, word, words)}
    assert wanted <= expected
    page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-shown]').textContent == n",
                           arg=f"{len(expected):,}")
    check_view(page, expected, len(cases), page_size)
    label = page.locator('label[for="psea-browse-q"]').inner_text()
    for part in ("ชื่อผลงาน", "หน่วยงาน", "ปัญหา", "แนวทางแก้ไข", "ผลลัพธ์"):
        assert part in label


def test_the_pattern_and_topic_facets_filter_by_tag(page, site_url, cases, page_size):
    vocab = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))["tags"]
    patterns = [t["key"] for t in vocab if t["group"] == "pattern"]
    assert len(patterns) == 7
    used = [key for key in patterns if any(key in c["tags"] for c in cases)]  # in checkbox order
    assert used, "no case has a service-upgrade pattern tag"
    tag = used[0]
    open_browse(page, site_url)
    facet_summary(page, "pattern").click()
    page.locator(f'input[name="pattern"][value="{tag}"]').check()
    wait_for_query(page, "pattern", [tag])
    expected = {c["url"] for c in cases if tag in c["tags"]}
    check_view(page, expected, len(cases), page_size)
    # A second pattern widens (any of the ticked values), a topic narrows.
    if len(used) > 1:
        page.locator(f'input[name="pattern"][value="{used[1]}"]').check()
        wait_for_query(page, "pattern", [tag, used[1]])
        expected = {c["url"] for c in cases if tag in c["tags"] or used[1] in c["tags"]}
        check_view(page, expected, len(cases), page_size)


def test_tag_facets_list_each_tag_with_its_count(built_site, cases):
    vocab = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))["tags"]
    parser = parse_browse(built_site)
    by_url = {c["url"]: c for c in cases}
    for group in ("pattern", "topic"):
        keys = [t["key"] for t in vocab if t["group"] == group]
        counts = {k: sum(k in c["tags"] for c in cases) for k in keys}
        boxes = dict(parser.boxes.get(group, []))
        assert boxes == {k: f"({n:,})" for k, n in counts.items() if n}, group
        assert [v for v, _ in parser.boxes.get(group, [])] == [k for k in keys if counts[k]]  # vocabulary order
        for row in all_rows(built_site):
            case = by_url[row["href"]]
            got = (row["attrs"].get(f"data-{group}") or "").split()
            assert got == [t for t in case["tags"] if t in keys], (case["url"], group)


# Rows built in the browser (issue 14) -------------------------------------------------------------------
def test_rows_built_from_data_are_the_rows_python_writes(page, site_url, cases):
    """browse-row.js builds a row from rows.json; fragments.case_row (with browse.py's attributes)
    writes the same row into the pages. Every case both ways, compared as the browser reads them:
    any difference in markup, attributes, their order or text fails."""
    from macros import content
    from macros.pages import browse

    site = content.load(ROOT, ROOT / "content")
    python_rows = {browse.case_key(case): browse.browse_row(site.corpus, case, "browse/") for case in site.corpus.cases}
    assert len(python_rows) == len(cases)
    # The variety the builder must handle is in the real cases: an inferred mark, a status, a case
    # without an impact, English names and tags.
    joined = "".join(python_rows.values())
    for needed in ('class="psea-inferred"', 'class="psea-status', "data-search-extra=", "data-pattern="):
        assert needed in joined, f"no real case has {needed}: the comparison would not test it"
    # Titles A to Z and Z to A: a view in the URL is drawn from the data, and the two first pages
    # hold every case between them (no row is focused, which would add the theme's focus class).
    built = {}
    for direction in ("asc", "desc"):
        open_browse(page, site_url, f"?sort=title&dir={direction}")
        page.wait_for_selector("#psea-browse-table[data-rows-loaded]", state="attached")
        built.update(page.evaluate("""() => Object.fromEntries(Array.from(
            document.querySelectorAll('#psea-browse-table tbody tr')).map((tr) => [tr.dataset.case, tr.outerHTML]))"""))
    written = page.evaluate("""(rows) => {
        const out = {};
        for (const [key, html] of Object.entries(rows)) {
            const template = document.createElement('template');
            template.innerHTML = '<table><tbody>' + html + '</tbody></table>';
            out[key] = template.content.querySelector('tr').outerHTML;
        }
        return out;
    }""", python_rows)
    assert sorted(built) == sorted(written), "more real cases than two pages: compare more views"
    for key in written:
        assert built[key] == written[key], (key, first_difference(built[key], written[key]))


def first_difference(a: str, b: str) -> str:
    """Where two strings part, with some context each side."""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at {at}: built {a[max(0, at - 60):at + 80]!r}, written {b[max(0, at - 60):at + 80]!r}"


def test_without_javascript_the_list_is_paged_and_reaches_every_case(browser, site_url, cases, page_size):
    """JavaScript off: /browse/ shows its first page_size rows with no filters and no "แสดงเพิ่ม",
    says which page it is and how many cases there are, and "ถัดไป" walks to every case."""
    context = browser.new_context(locale="th-TH", java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "browse/")
    total = len(cases)
    pages = -(-total // page_size)
    assert not page.locator("#psea-browse-filters").is_visible()
    assert not page.locator("#psea-browse-count").is_visible()
    assert not page.locator("#psea-browse-more").is_visible()
    seen: list[str] = []
    for number in range(1, pages + 1):
        text = " ".join(page.locator("article").inner_text().split())
        first, last = (number - 1) * page_size + 1, min(number * page_size, total)
        assert f"หน้า {number} จาก {pages} (ผลงานที่ {first:,}–{last:,} จาก {total:,})" in text, text[:300]
        if number == 1:
            assert f"{total:,} ผลงาน" in text
        rows = page.locator("table.psea-cases tbody tr")
        assert rows.count() == last - first + 1
        assert all(rows.nth(i).is_visible() for i in (0, rows.count() - 1))
        hrefs = page.evaluate("""() => Array.from(document.querySelectorAll(
            'table.psea-cases tbody td[data-label="ผลงาน"] > a:first-child')).map((a) => a.href)""")
        seen += [urlparse(href).path.lstrip("/") for href in hrefs]
        following = page.locator('nav.psea-pager a[rel="next"]')
        if number == pages:
            assert following.count() == 0
            break
        following.click()
        page.wait_for_url(f"**/browse/page/{number + 1}/")
    base = urlparse(site_url).path.lstrip("/")
    assert sorted(url[len(base):] for url in seen) == [c["url"] for c in cases]
    context.close()


def test_what_is_done_while_the_view_loads_is_kept(page, site_url, cases, page_size):
    """browse.js loads the view (browse-view.js) on the first interaction: a tick, a sort and text
    typed before it arrives are all applied, in order, once it does."""
    held = []
    page.route("**/assets/js/browse-view.js", lambda route: held.append(route))
    open_browse(page, site_url)
    year = cases[0]["year"]
    facet_summary(page, "year").click()
    page.locator(f'input[name="year"][value="{year}"]').check()
    page.locator('th[data-sort="title"] button').click()
    page.locator("#psea-browse-q").fill("ZZ")
    page.locator("#psea-browse-q").fill("")
    page.wait_for_function("() => !document.querySelector('#psea-browse-table th[data-sort] button').disabled")
    assert len(held) == 1 and "year=" not in page.url  # nothing happened yet: the view is not there
    held[0].continue_()
    wait_for_query(page, "year", [year])
    page.wait_for_function("() => new URLSearchParams(location.search).get('sort') === 'title'")
    in_year = {c["url"] for c in cases if c["year"] == year}
    page.wait_for_function("(n) => document.querySelector('#psea-browse-count [data-shown]').textContent == n",
                           arg=f"{len(in_year):,}")
    check_view(page, in_year, len(cases), page_size)
    assert page.get_attribute('th[data-sort="title"]', "aria-sort") == "ascending"
    titles = page.evaluate(COLUMN, "title")
    assert titles == page.evaluate("(t) => [...t].sort(new Intl.Collator('th', {numeric: true, "
                                   "sensitivity: 'base'}).compare)", titles)
