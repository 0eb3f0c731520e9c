"""Thai search with Pagefind (macros/search/, overrides/assets/js/search.js, /search/).

The real site is built once (conftest.built_site) with its Pagefind index and searched in Debian's
Chromium, as a visitor would: through the search page's URL (/search/?q=…) and the header search
box. Every query below is checked against its expected case file first (the file must contain the
query text), so a test cannot pass because a query or a case went missing.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from macros.search import policy, thai
from macros.validate import CASES_DIR, validate

ROOT = Path(__file__).resolve().parent.parent
THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
LISTING_PREFIXES = ("/browse/", "/years/", "/provinces/", "/agencies/", "/tags/", "/sdgs/", "/search/",
                    "/help-wanted/")
MARKS = (thai.SPACE.strip(), thai.JOIN.strip())
# What Pagefind leaves out of a page besides EXCLUDE_SELECTORS (its own list).
PAGEFIND_REMOVES = ("head", "style", "script", "noscript", "label", "form", "svg", "footer", "nav", "iframe",
                    "template")

# (query, expected case id, kind). "middle": words from inside a sentence of the case (the query
# starts right after another Thai letter); the others are agency names, places and technical terms.
QUERIES = [
    ("ระดมทุนจากประชาชน", "dan-makham-tia-hospital", "middle"),
    ("ครัวเรือนยากจนเป้าหมาย", "kalasin-happiness-model", "middle"),
    ("เชื่อมโยงวิสัยทัศน์", "khon-kaen-pmqa-4-0", "middle"),
    ("ระบายน้ำหลักบางบาล", "ayutthaya-water-management", "middle"),
    ("ประโยชน์จากภูมิทัศน์", "satun-geopark", "middle"),
    ("กระบวนการสู่ระดับหน่วยงาน", "amnat-charoen-pmqa-category-6", "middle"),
    ("เสียงของผู้รับบริการ", "cdd-pmqa-category-6", "middle"),
    ("หนังสือรับรองนิติบุคคล", "dbd-e-service", "middle"),
    ("กลิ่นอายของชุมชน", "oh-poi-market-ratchaburi", "middle"),
    ("รับฟังความคิดเห็น", "trade-index-participation", "middle"),
    ("บรรจุภัณฑ์ปิดสนิท", "smart-fda", "middle"),
    ("ตัวแรกของไทย", "chemotherapy-mixing-robot", "middle"),
    ("สำนักงานคณะกรรมการอาหารและยา", "smart-fda", "agency"),
    ("กรมสอบสวนคดีพิเศษ", "dsi-chain-share-investigation", "agency"),
    ("องค์การบริหารส่วนจังหวัดสงขลา", "songkhla-pao-emergency-network", "agency"),
    ("โรงพยาบาลมะเร็งอุดรธานี", "chemotherapy-mixing-robot", "agency"),
    ("กรมพัฒนาธุรกิจการค้า", "dbd-e-service", "agency"),
    ("ปางมะผ้า", "pang-mapha-smart-hospital", "place"),
    ("พระนครศรีอยุธยา", "ayutthaya-water-management", "place"),
    ("ราชบุรี", "oh-poi-market-ratchaburi", "place"),
    ("ด่านมะขามเตี้ย", "dan-makham-tia-hospital", "place"),
    ("SIPOC", "amnat-charoen-pmqa-category-6", "term"),
    ("แชร์ลูกโซ่", "dsi-chain-share-investigation", "term"),
    ("เคมีบำบัด", "chemotherapy-mixing-robot", "term"),
    ("Smart Licensing", "smart-fda", "term"),
    ("อุบัติเหตุทางถนน", "road-accident-data-integration", "term"),
    ("สวัสดิการสังคม", "highland-community-welfare", "term"),
]


@pytest.fixture(scope="module")
def cases() -> dict[str, dict]:
    """id -> {text, url, year, branch} from the case files."""
    report = validate()
    found = {}
    for parsed in report.parsed:
        meta = parsed.meta
        found[meta["id"]] = {
            "text": parsed.path.read_text(encoding="utf-8"),
            "url": f"/cases/{meta['year']}/{meta['id']}/",
            "year": meta["year"],
            "branch": meta["award"]["branch"],
            "agency_type": meta["agency"]["type"],
        }
    assert found, f"no case files under {CASES_DIR}"
    return found


def search_page(page, site_url: str, query: str = "", **params) -> list[str]:
    """Open /search/ with the given query string and return the result paths shown, in order."""
    qs = "&".join(f"{k}={quote(str(v))}" for k, v in {"q": query, **params}.items() if v)
    page.goto(f"{site_url}search/?{qs}")
    page.wait_for_selector("#psea-search-results[data-state]", timeout=15000)
    state = page.get_attribute("#psea-search-results", "data-state")
    assert state == "done", f"search ended in state {state!r} for {qs}"
    hrefs = page.eval_on_selector_all("#psea-search-results li h2 a", "els => els.map(a => a.href)")
    return [urlparse(h).path for h in hrefs]


def all_results(page) -> list[str]:
    """Every result of the current search, pressing "แสดงผลเพิ่ม" until it is gone."""
    while page.is_visible("#psea-search-more"):
        before = page.locator("#psea-search-results li").count()
        page.click("#psea-search-more")
        page.wait_for_function("(n) => document.querySelectorAll('#psea-search-results li').length > n", arg=before)
    hrefs = page.eval_on_selector_all("#psea-search-results li h2 a", "els => els.map(a => a.href)")
    return [urlparse(h).path for h in hrefs]


def result_count(page) -> int:
    return int(page.get_attribute("#psea-search-status", "data-result-count"))


# The built site ----------------------------------------------------------------------------------
def test_index_holds_cases_and_criteria_but_no_listing_pages(built_site, cases):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    marked = [p for p in built_site.rglob("*.html") if policy.BODY_START in p.read_text(encoding="utf-8")]
    rel = {"/" + p.parent.relative_to(built_site).as_posix() + "/" for p in marked}
    assert {c["url"] for c in cases.values()} <= rel
    assert "/awards/" in rel and any(r.startswith("/awards/service/") for r in rel)
    assert not [r for r in rel if r.startswith(LISTING_PREFIXES) or r == "/./"]
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(marked)
    # The Material search plugin is gone: no lunr index, no theme search component.
    assert not (built_site / "search" / "search_index.json").exists()
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home and "data-psea-search" in home
    # Every page loads only the small boot module; the search's own code comes when it is used,
    # except on the search page, which needs it at once (issue 14: the first view stays small).
    assert "assets/js/search-boot.js" in home and "assets/js/search.js" not in home
    search_page = (built_site / "search" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="modulepreload" href="../assets/js/search.js">' in search_page


def test_case_pages_carry_filters_sort_and_metadata(built_site, cases):
    smart_page = built_site / "cases" / str(cases["smart-fda"]["year"]) / "smart-fda" / "index.html"
    smart = smart_page.read_text(encoding="utf-8")
    span = re.search(r"<span hidden data-pagefind-filter=[^>]*>", smart).group(0)
    for attr in ('data-branch="service"', 'data-category="service/facilitation"', 'data-level="outstanding"',
                 'data-year="2567"', 'data-province="national"', 'data-agency="สำนักงานคณะกรรมการอาหารและยา"',
                 'data-pagefind-sort="year[data-year]"',
                 f'data-agency_type="{cases["smart-fda"]["agency_type"]}"'):
        assert attr in span
    assert "agency_type[data-agency_type]" in span


def test_thai_text_is_cut_where_the_browser_cuts_it():
    breaker = thai.word_breaker()
    if breaker is None:
        pytest.fail("no ICU library (libicuuc): Thai search quality depends on it; install libicu")
    cut = thai.segment_html('<h2>ผลงาน<a class="headerlink" href="#x">#</a></h2><p title="หน่วยงานภาครัฐ">'
                              'หน่วยงานภาครัฐ 22 ฉบับ<b>ปี</b>2567 ของ<b>รัฐ</b>(ฉบับ) ฉบับ ปี</p>', breaker)
    assert 'title="หน่วยงานภาครัฐ"' in cut  # attributes (filters, metadata) untouched
    brk, space, join = thai.WORD_BREAK, thai.SPACE, thai.JOIN
    assert f"<h2> ผล{brk}งาน <a" in cut
    # A space of the page between Thai letters is marked (here, across the heading's end and the
    # permalink Pagefind leaves out); so is Thai meeting other letters without a space.
    assert (f'">{space}หน่วย{brk}งาน{brk}ภาค{brk}รัฐ 22 ฉบับ <b> ปี </b>2567 ของ <b> รัฐ </b>'
            f"({join}ฉบับ{join}) ฉบับ{space}ปี </p>") in cut


def test_marks_reach_pagefind_as_words_of_their_own(built_site):
    """A mark inside a word makes Pagefind index the word again as a compound (a slower index with
    more words): in the text Pagefind keeps for excerpts, every mark is a word by itself."""
    marks = 0
    for path in (built_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        for text in (data["content"], data["meta"].get("title", "")):
            words = text.split()
            assert not [w for w in words if len(w) > 1 and any(m in w for m in MARKS)], data["url"]
            marks += sum(w in MARKS for w in words)
    assert marks


# Searching in the browser ----------------------------------------------------------------------
def test_queries_are_real_text_of_their_cases(cases):
    assert len(QUERIES) >= 20
    assert {kind for _, _, kind in QUERIES} == {"middle", "agency", "place", "term"}
    for query, case_id, kind in QUERIES:
        text = cases[case_id]["text"]
        at = text.find(query)
        assert at > 0, f"{case_id} does not contain {query!r}"
        if kind == "middle":
            assert THAI_LETTER.match(text[at - 1]), f"{query!r} does not start inside a sentence of {case_id}"


def as_read(text: str) -> str:
    """Text as it reads, for comparing an excerpt with its page: whitespace as one space, without full
    stops (Pagefind ends a paragraph with one), ellipses or capitals."""
    return re.sub(r"[\s.…]+", " ", text).strip().lower()


@pytest.mark.parametrize("query,case_id,kind", QUERIES, ids=[f"{k}:{c}:{q}" for q, c, k in QUERIES])
def test_thai_query_finds_its_case(page, site_url, cases, query, case_id, kind):
    url = cases[case_id]["url"]
    paths = search_page(page, site_url, query)
    assert url in paths, f"{query!r} -> {paths}"
    assert not [p for p in paths if p.startswith(LISTING_PREFIXES)], paths
    # What is shown is clean Thai: no marks left in titles or excerpts ...
    shown = page.inner_text("#psea-search-results")
    assert not [m for m in MARKS + ("\u200a",) if m in shown]
    title, excerpt, marked = page.evaluate("""(url) => {
        const a = [...document.querySelectorAll("#psea-search-results li h2 a")]
            .find(a => new URL(a.href).pathname === url);
        const li = a.closest("li"), p = li.querySelector(".psea-search-result__excerpt");
        return [a.innerText, p.innerText, [...p.querySelectorAll("mark")].map(m => m.innerText)];
    }""", url)
    # Highlights on the words matched (marks are words too: positions must still line up).
    assert any(m.lower() in query.lower() for m in marked), (marked, excerpt)
    # ... and they read as the page does: no space between Thai words, the page's own spaces kept.
    page.goto(site_url + url.lstrip("/"))
    h1, text = page.evaluate("""(leftOut) => {
        const body = document.querySelector("[data-pagefind-body]");
        body.querySelectorAll(leftOut).forEach(e => e.remove());
        return [body.querySelector("h1").innerText, body.innerText];
    }""", ", ".join(policy.EXCLUDE_SELECTORS + PAGEFIND_REMOVES))
    assert as_read(title) == as_read(h1)
    assert as_read(excerpt) in as_read(text), excerpt


def test_filter_by_year_returns_only_that_year(page, site_url, cases):
    everything = search_page(page, site_url, "ผลงาน")
    total = result_count(page)
    assert any(not p.startswith("/cases/2567/") for p in everything)
    search_page(page, site_url, "ผลงาน", year=2567)
    filtered = all_results(page)
    of_2567 = {c["url"] for c in cases.values() if c["year"] == 2567}
    assert filtered and set(filtered) <= of_2567
    assert result_count(page) < total
    assert page.input_value("select[name=year]") == "2567"


def test_filter_by_branch_without_a_query(page, site_url, cases):
    search_page(page, site_url, "", branch="participation")
    expected = {c["url"] for c in cases.values() if c["branch"] == "participation"}
    assert expected and result_count(page) == len(expected)
    assert set(all_results(page)) == expected


def test_filter_by_agency_type_without_a_query(page, site_url, cases):
    """Agency type is among the search filters (issue 13): the select lists it, and it filters."""
    kinds = sorted({c["agency_type"] for c in cases.values()}, key=lambda k: -sum(c["agency_type"] == k
                                                                              for c in cases.values()))
    kind = kinds[-1] if len(kinds) > 1 else kinds[0]  # a type that leaves out some cases
    search_page(page, site_url, "", agency_type=kind)
    expected = {c["url"] for c in cases.values() if c["agency_type"] == kind}
    assert expected and result_count(page) == len(expected)
    assert set(all_results(page)) == expected
    assert page.input_value("select[name=agency_type]") == kind
    label = page.locator("label:has(select[name=agency_type])").inner_text()
    assert "ประเภทหน่วยงาน" in label


def test_sort_by_year(page, site_url):
    for order, check in (("year-desc", lambda ys: ys == sorted(ys, reverse=True)),
                         ("year-asc", lambda ys: ys == sorted(ys))):
        paths = search_page(page, site_url, "รางวัล", sort=order)
        years = [int(p.split("/")[2]) for p in paths]
        assert len(set(years)) > 1 and check(years), (order, years)


def test_changing_a_filter_updates_results_and_url(page, site_url, cases):
    search_page(page, site_url, "การ")
    page.wait_for_function("() => document.querySelectorAll('select[name=year] option').length > 2")
    page.select_option("select[name=year]", "2564")
    page.wait_for_function("() => location.search.includes('year=2564')")
    page.wait_for_selector("#psea-search-results[data-state=done]")
    paths = page.eval_on_selector_all("#psea-search-results li h2 a", "els => els.map(a => new URL(a.href).pathname)")
    assert paths and all(p.startswith("/cases/2564/") for p in paths)


def test_header_search_drops_down_results_and_opens_the_search_page(page, site_url, cases):
    page.goto(site_url + "contribute/")
    page.click("[data-psea-search] input[name=q]")
    assert page.is_checked("#__search")
    page.keyboard.type("ปางมะผ้า")
    page.wait_for_selector("[data-psea-search] .md-search-result__list li a", timeout=15000)
    links = page.eval_on_selector_all("[data-psea-search] .md-search-result__list li a",
                                      "els => els.map(a => new URL(a.href).pathname)")
    assert cases["pang-mapha-smart-hospital"]["url"] in links
    assert "พบ" in page.inner_text("[data-psea-search] .md-search-result__meta")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    page.wait_for_selector("#psea-search-results[data-state=done]")
    assert page.input_value("#psea-search-q") == "ปางมะผ้า"
    page.keyboard.press("Escape")


def test_header_search_keeps_what_was_typed_before_its_code_arrived(page, site_url, cases):
    """search.js is loaded on first reach (search-boot.js): the "/" key opens the box at once, and
    words typed while the module is still on its way are searched when it arrives."""
    held = []
    page.route("**/assets/js/search.js", lambda route: held.append(route))
    page.goto(site_url + "contribute/")
    page.keyboard.press("/")
    assert page.is_checked("#__search")
    assert page.evaluate("() => document.activeElement.matches('[data-psea-search] input[name=q]')")
    page.keyboard.type("ปางมะผ้า")
    for _ in range(100):  # the held request reaches this test while Playwright handles events
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "search.js is requested once, when the box is first reached"
    assert page.input_value("[data-psea-search] input[name=q]") == "ปางมะผ้า"
    held[0].continue_()
    page.wait_for_selector("[data-psea-search] .md-search-result__list li a", timeout=15000)
    links = page.eval_on_selector_all("[data-psea-search] .md-search-result__list li a",
                                      "els => els.map(a => new URL(a.href).pathname)")
    assert cases["pang-mapha-smart-hospital"]["url"] in links


def test_reading_a_page_downloads_none_of_the_search_code(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(urlparse(request.url).path))
    page.goto(site_url + "contribute/", wait_until="networkidle")
    assert any(path.endswith("/assets/js/search-boot.js") for path in requested)
    assert not [path for path in requested if path.endswith(("/search.js", "/search-core.js", "/pagefind.js"))]


def test_tabbing_out_of_the_header_search_closes_it(page, site_url):
    page.goto(site_url + "contribute/")
    page.focus("[data-psea-search] input[name=q]")
    assert page.is_checked("#__search")
    for _ in range(40):  # through the search box's own controls, then out of it
        page.keyboard.press("Tab")
        if not page.evaluate("() => document.querySelector('[data-psea-search]').contains(document.activeElement)"):
            break
    else:
        raise AssertionError("focus never left the search box")
    assert not page.is_checked("#__search")


def test_search_runs_on_the_page_without_pagefind_s_worker(page, site_url, cases):
    """The first search downloads only what it needs (a benchmark figure): Pagefind's web worker
    script is 41 KB more, for a search that decodes a few small chunks."""
    requested = []
    page.on("request", lambda request: requested.append(urlparse(request.url).path))
    assert cases["pang-mapha-smart-hospital"]["url"] in search_page(page, site_url, "ปางมะผ้า")
    assert any(path.endswith("/pagefind/pagefind.js") for path in requested)
    assert not [path for path in requested if "worker" in path]
