"""The propose page (/propose/) in Debian's Chromium: a non-programmer fills it by its Thai labels,
downloads the file, and that file validates and builds with --strict in a fixture site; the
prefilled issue and web-editor links carry every answer, and the issue they open gives the same
bytes through scripts/issue_to_case.py. propose.js and macros/proposal.py agree on every answer
set, hostile ones included. The page works at 375 px, with the keyboard alone, without JavaScript
(a link to the issue form), and has no serious or critical axe violation."""
from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlparse

import pytest
from test_accessibility import VIEWPORTS, js_tools, run_axe  # noqa: F401 (js_tools is a fixture)
from test_issue_to_case import HOSTILE, complete

from macros import fieldref, issue_body, proposal
from macros.pages import propose
from macros.taxonomy import Taxonomy

from conftest import ROOT, make_project, run_mkdocs

sys.path.insert(0, str(ROOT / "scripts"))
import issue_to_case  # noqa: E402

TAX = Taxonomy.load()
FORM = fieldref.propose_form(TAX)
YEAR = 2568
REPO = "https://github.com/psea-kb/psea-kb"


def service_category() -> tuple[str, str]:
    """A service category of 2568 that needs no earlier work, and its Thai label that year."""
    for key, cat in TAX.categories("service").items():
        edition = TAX.edition(cat, YEAR)
        if edition and key != "not-stated" and not (edition.get("builds_on") or {}).get("required"):
            return key, TAX.category_label("service", key, YEAR)
    raise AssertionError("no service category in 2568")


def open_propose(browser, site_url, viewport="desktop", **options):
    context = browser.new_context(locale="th-TH", viewport=VIEWPORTS[viewport], accept_downloads=True, **options)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(site_url + "propose/")
    tab.wait_for_load_state("networkidle")
    return context, tab, errors


def fill_like_a_person(tab):
    """What a local-government officer types, found by the labels they read."""
    key, label = service_category()
    tab.get_by_label("ปีที่ได้รับรางวัล *", exact=True).fill(str(YEAR))
    tab.get_by_label("สาขารางวัล *", exact=True).select_option(label="รางวัลบริการภาครัฐ")
    tab.get_by_label("ประเภทรางวัลของสาขานั้นในปีนั้น *", exact=True).select_option(label=label)
    tab.get_by_label("ระดับรางวัล *", exact=True).select_option(label="ระดับดี")
    tab.get_by_label("ชื่อผลงาน *", exact=True).fill("ระบบนัดคิวออนไลน์ของเทศบาล")
    tab.get_by_label("ชื่อผลงานภาษาอังกฤษ", exact=True).fill("Online appointments at the municipality")
    tab.get_by_label("ชื่อหน่วยงาน *", exact=True).fill("เทศบาลตำบลหนองบัว")
    tab.get_by_label("ประเภทหน่วยงาน *", exact=True).select_option(label="องค์กรปกครองส่วนท้องถิ่น")
    tab.get_by_label("จังหวัดที่ตั้งของผลงาน *", exact=True).select_option(label="อุดรธานี")
    tab.get_by_label("ปัญหา 1–3 ประโยค", exact=True).fill("ประชาชนต้องมารอคิวตั้งแต่เช้า")
    metrics = tab.locator("#psea-q-metrics")
    rows = metrics.locator("li")
    rows.nth(0).get_by_label("สิ่งที่วัด *").fill("เวลารอเฉลี่ย")
    rows.nth(0).get_by_label("ค่าก่อนพัฒนา").fill("๖๐")
    rows.nth(0).get_by_label("ค่าหลังพัฒนา").fill("15")
    rows.nth(0).get_by_label("หน่วย *").fill("นาที")
    metrics.get_by_role("button", name="เพิ่มแถว").click()
    rows.nth(1).get_by_label("สิ่งที่วัด *").fill("ผู้ใช้บริการ")
    rows.nth(1).get_by_label("ค่าที่วัดได้").fill("1250")
    rows.nth(1).get_by_label("หน่วย *").fill("คน")
    tab.get_by_label("สาธารณสุข", exact=True).check()
    tab.get_by_label("บริการอิเล็กทรอนิกส์และบริการผ่านมือถือ", exact=True).check()
    source = tab.locator("#psea-q-sources li").nth(0)
    source.get_by_label("ชื่อเอกสาร").fill("ประกาศผลรางวัลเลิศรัฐ ประจำปี พ.ศ. 2568")
    source.get_by_label("ลิงก์ของเอกสาร").fill("https://www.opdc.go.th/content/example-2568")
    source.get_by_label("ตำแหน่งในเอกสาร *").fill("หน้า 12")
    return key


@pytest.fixture(scope="module")
def filled(browser, site_url, tmp_path_factory):
    """The form filled in, its file downloaded and its two links."""
    context, tab, errors = open_propose(browser, site_url)
    try:
        category = fill_like_a_person(tab)
        tab.get_by_role("button", name="ตรวจคำตอบทั้งหมด").click()
        status = tab.locator("#psea-propose-status").inner_text()
        with tab.expect_download() as info:
            tab.get_by_role("link", name="ดาวน์โหลดไฟล์").click()
        target = tmp_path_factory.mktemp("download") / info.value.suggested_filename
        info.value.save_as(target)
        issue = tab.get_by_role("link", name="ส่งผ่าน GitHub Issue").get_attribute("href")
        editor = tab.get_by_role("link", name="เปิด pull request เอง").get_attribute("href")
        preview = tab.locator("#psea-propose-preview").inner_text()
    finally:
        context.close()
    assert errors == []
    return {"status": status, "file": target, "issue": issue, "editor": editor, "category": category,
            "preview": preview}


def test_the_downloaded_file_validates_and_builds(filled, tmp_path):
    assert "พร้อมส่ง" in filled["status"], filled["status"]
    path, text = filled["file"], filled["file"].read_text(encoding="utf-8")
    assert path.name == "online-appointments-at-the-municipality.md"
    hostile = proposal.build(dict(complete(), **HOSTILE, id="hostile-proposal"), TAX)
    assert hostile.problems == []
    project = make_project(tmp_path, {f"{YEAR}/{path.name}": text, f"{YEAR}/hostile-proposal.md": hostile.text})
    check = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"),
                            "--cases-dir", str(project / "content" / "cases"), str(project / "content" / "cases")],
                           capture_output=True, text=True, cwd=project)
    assert check.returncode == 0, check.stdout + check.stderr
    out = tmp_path / "site"
    result = run_mkdocs(project, out, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    page = (out / "cases" / str(YEAR) / path.stem / "index.html").read_text(encoding="utf-8")
    assert "ระบบนัดคิวออนไลน์ของเทศบาล" in page and "https://www.opdc.go.th/content/example-2568" in page
    assert "60</i>" in page and "1,250" in page  # Thai digits became the number they are
    # the hostile answers are text on the page, as in a hand-written case
    evil = (out / "cases" / str(YEAR) / "hostile-proposal" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in evil and "&lt;script&gt;alert(1)&lt;/script&gt;{{ config.repo_url }}" in evil
    assert "<img src=x" not in evil and "<iframe" not in evil
    # `{: onclick=alert(1) }` (Markdown's attribute list) stays text, here and in the BibTeX of the
    # citation block: no element of the page has an event handler.
    assert handler_attributes(evil) == []


class _Handlers(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]


def handler_attributes(html: str) -> list[str]:
    parser = _Handlers()
    parser.feed(html)
    return parser.found


def test_the_prefilled_issue_carries_every_answer_and_gives_the_same_file(filled, tmp_path):
    url = urlparse(filled["issue"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO}/issues/new"
    params = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
    assert params.pop("template") == "propose-case.yml"
    issue_title = params.pop("title")  # GitHub's issue title; the form's title field has the same id
    assert issue_title == "[ผลงาน] ระบบนัดคิวออนไลน์ของเทศบาล"
    ids = {e["id"] for e in FORM["body"] if "id" in e}
    assert set(params) <= ids
    assert {"year", "award-branch", "award-category", "award-level", "title_en", "agency-name",
            "agency-type", "province", "pain_point", "metrics", "tags", "sources"} == set(params)
    for element in FORM["body"]:  # a dropdown is prefilled with one of its options, as GitHub needs
        if element.get("id") in params and element["type"] == "dropdown":
            for value in params[element["id"]].split(", "):
                assert value in element["attributes"]["options"], (element["id"], value)
    assert params["metrics"] == "เวลารอเฉลี่ย |  | นาที | ๖๐ | 15\nผู้ใช้บริการ | 1250 | คน"
    # GitHub fills the form with these answers; the workflow turns the issue into the same bytes.
    body = issue_body.render(FORM, params)
    (tmp_path / "cases").mkdir()
    path, text, problems = issue_to_case.convert(body, "issue", tmp_path / "cases", TAX, issue_title)
    assert problems == [] and text.encode("utf-8") == filled["file"].read_bytes()
    assert path.name == filled["file"].name and path.parent.name == str(YEAR)
    # and if GitHub also fills the title field from the same parameter, the file is the same
    body = issue_body.render(FORM, dict(params, title=issue_title))
    assert issue_to_case.convert(body, "issue", tmp_path / "cases", TAX, issue_title)[1] == text


def test_the_editor_link_opens_the_file_at_its_place(filled):
    url = urlparse(filled["editor"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO}/new/main/content/cases/{YEAR}"
    params = parse_qs(url.query)
    assert params["filename"] == [filled["file"].name]
    assert params["value"] == [filled["file"].read_text(encoding="utf-8")]


def test_the_preview_shows_the_case(filled):
    _, label = service_category()
    for text in ("ระบบนัดคิวออนไลน์ของเทศบาล", label, "ระดับดี", "อุดรธานี", "60 → 15 นาที", "สาธารณสุข",
                 "ประกาศผลรางวัลเลิศรัฐ ประจำปี พ.ศ. 2568", "online-appointments-at-the-municipality"):
        assert text in filled["preview"], text


ANSWER_SETS = {
    "complete": complete(),
    "hostile": dict(complete(), **HOSTILE),
    "thai digits, no id": dict(complete(), id="", year="๒๕๖๘", metrics="ก | ๑๒๐๐ | คน\nข | 007 | % | | | ๒๕๖๗"),
    "errors": dict(complete(), id="Bad_ID", year="2024", title="", metrics="ก | x | คน\nข | | คน\n1|2|3|4|5|6|7",
                   sources="t | javascript:alert(1) | p\n | https://a.b |", pain_point="ก" * 601,
                   **{"award-level": "gold — ทอง"}),
    "category not that year": dict(complete(), year="2562"),
    "crlf and spaces": {k: f"  {v.replace(chr(10), chr(13) + chr(10))}\u00a0 " for k, v in complete().items()},
    "surrogates and controls": dict(complete(), title="a\U0001F600b\x00c\x7f\u0085\u2028\ufeffd\"\\e"),
    # where Python's and JavaScript's \d and \s differ
    "other digits and spaces": dict(complete(), year="٢٥٦٨", metrics="ก | ٣ | คน\nข | 1\u0660 | คน",
                                    sources="t | https://a\x1cb.go.th | p\nu | https://a\ufeffb | q",
                                    tags="health — สาธารณสุข,\x1cremote-areas — x"),
}


@pytest.mark.parametrize("name", list(ANSWER_SETS))
def test_the_page_and_the_workflow_turn_answers_into_the_same_bytes(browser, site_url, name):
    answers = ANSWER_SETS[name]
    context, tab, errors = open_propose(browser, site_url)
    try:
        got = tab.evaluate("answers => window.pseaPropose.build(answers)", answers)
    finally:
        context.close()
    expected = proposal.build(answers, TAX)
    assert got["text"] == expected.text
    assert [tuple(p) for p in got["problems"]] == expected.problems
    assert (expected.problems == []) == (name not in ("errors", "category not that year", "other digits and spaces"))


def test_answers_too_long_for_a_link_offer_the_file(browser, site_url):
    context, tab, errors = open_propose(browser, site_url)
    try:
        fill_like_a_person(tab)
        tab.get_by_label("หมายเหตุด้านข้อมูล", exact=True).fill("หมายเหตุยาว " * 800)
        tab.get_by_role("button", name="ตรวจคำตอบทั้งหมด").click()
        assert not tab.get_by_role("link", name="ส่งผ่าน GitHub Issue").is_visible()
        assert not tab.get_by_role("link", name="เปิด pull request เอง").is_visible()
        notes = tab.locator(".psea-propose-toolong:visible").all_inner_texts()
        assert len(notes) == 2 and all("ดาวน์โหลดไฟล์" in n and f"{propose.URL_LIMIT:,}" in n for n in notes)
        assert tab.get_by_role("link", name="ดาวน์โหลดไฟล์").is_visible()
    finally:
        context.close()
    assert errors == []


def test_checks_as_you_type_in_thai(browser, site_url):
    context, tab, errors = open_propose(browser, site_url)
    try:
        year = tab.get_by_label("ปีที่ได้รับรางวัล *", exact=True)
        year.fill("2024")
        error = tab.locator("#psea-q-year-error")
        assert "บวก 543 เป็น 2567" in error.inner_text() and year.get_attribute("aria-invalid") == "true"
        year.fill("๒๕๖๘")
        assert error.is_hidden() and year.get_attribute("aria-invalid") is None
        tab.get_by_label("รหัสถาวรของกรณีศึกษา").fill("My Case")
        assert "อักษรอังกฤษตัวเล็ก" in tab.locator("#psea-q-id-error").inner_text()
        tab.get_by_label("ปัญหา 1–3 ประโยค", exact=True).fill("ก" * 601)
        assert "ไม่เกิน 600 ตัวอักษร แต่มี 601" in tab.locator("#psea-q-pain_point-error").inner_text()
        # only that year's categories are offered
        tab.get_by_label("สาขารางวัล *", exact=True).select_option(label="รางวัลบริการภาครัฐ")
        offered = tab.locator("#psea-q-award-category option").all_inner_texts()[1:]
        expected = [TAX.category_label("service", k, YEAR) for k, c in TAX.categories("service").items()
                    if YEAR in TAX.category_years(c)]
        assert offered == expected
    finally:
        context.close()
    assert errors == []


def test_the_form_works_with_the_keyboard_alone_on_a_phone(browser, site_url):
    context, tab, errors = open_propose(browser, site_url, viewport="phone")
    try:
        assert tab.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
        tab.get_by_label("ปีที่ได้รับรางวัล *", exact=True).focus()
        tab.keyboard.type("2568")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.id") == "psea-q-award-branch"
        tab.keyboard.press("ArrowDown")
        assert tab.locator("#psea-q-award-branch").input_value().startswith("service")
        assert tab.locator("#psea-q-award-category option").count() > 1
        add = tab.locator("#psea-q-metrics").get_by_role("button", name="เพิ่มแถว")
        add.focus()
        tab.keyboard.press("Enter")
        assert tab.locator("#psea-q-metrics li").count() == 2
        assert tab.evaluate("document.activeElement.id") == "psea-q-metrics-2-label"
        tab.get_by_role("button", name="ตรวจคำตอบทั้งหมด").focus()
        tab.keyboard.press("Enter")
        focused = tab.evaluate("document.activeElement.textContent")
        assert "ต้องกรอก" in focused  # the first problem, a link to its field
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT", "TEXTAREA")
        assert tab.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    finally:
        context.close()
    assert errors == []


def test_without_javascript_the_page_links_to_the_issue_form(browser, site_url):
    context, tab, errors = open_propose(browser, site_url, java_script_enabled=False)
    try:
        assert tab.locator("#psea-propose").is_hidden()
        link = tab.locator("#psea-propose-nojs a")
        assert link.is_visible() and link.get_attribute("href") == f"{REPO}/issues/new?template=propose-case.yml"
        assert "JavaScript" in tab.locator("#psea-propose-nojs").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_or_critical_axe_violations(browser, site_url, js_tools, viewport):  # noqa: F811
    context = browser.new_context(locale="th-TH", viewport=VIEWPORTS[viewport], bypass_csp=True)
    tab = context.new_page()
    try:
        tab.goto(site_url + "propose/")
        tab.wait_for_load_state("networkidle")
        found = run_axe(tab, js_tools["axe"])
        fill_like_a_person(tab)
        tab.get_by_label("รหัสถาวรของกรณีศึกษา").fill("Bad ID")  # an error shown
        found += run_axe(tab, js_tools["axe"])
    finally:
        context.close()
    assert found == []


def test_the_page_is_linked_from_home_contribute_and_every_branch(built_site):
    pages = ["index.html", "contribute/index.html"] + [f"awards/{b}/index.html" for b in TAX.branches]
    for rel in pages:
        content = (built_site / rel).read_text(encoding="utf-8").split("<article", 1)[1]
        assert re.search(r'href="[./]*propose/(\?branch=[a-z-]+)?"', content), rel
    nav = (built_site / "index.html").read_text(encoding="utf-8").split('class="md-tabs"')[1].split("</nav>")[0]
    assert re.search(r'href="propose/"[^>]*>\s*เสนอผลงาน', nav)


def test_every_case_page_links_the_prefilled_report_form(built_site):
    from macros.validate import validate
    report = validate()
    for parsed in report.parsed[:20]:
        meta = parsed.meta
        html = (built_site / "cases" / str(meta["year"]) / meta["id"] / "index.html").read_text(encoding="utf-8")
        start = html.index('class="psea-report-error"')
        href = html[html.index('href="', start) + 6:html.index('"', html.index('href="', start) + 6)]
        url = urlparse(href.replace("&amp;", "&"))
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        assert url.path.endswith("/issues/new") and params["template"] == "report-error.yml"
        assert params["id"] == meta["id"]
        assert meta["title"] in params["title"] and f"/cases/{meta['year']}/{meta['id']}/" in params["title"]
        assert "แจ้งแก้ไขข้อมูล" in html and f"edit/main/content/cases/{meta['year']}/{meta['id']}.md" in html


def test_html_of_the_page_and_of_the_built_form_is_valid(built_site, browser, site_url, js_tools, tmp_path):  # noqa: F811
    import shutil

    from test_accessibility import THEME_HTML_ERRORS, vnu_errors
    if not shutil.which("java"):
        pytest.fail("java is missing: the Nu HTML Checker (vnu.jar) needs Java 11+")
    context, tab, errors = open_propose(browser, site_url)
    try:
        fill_like_a_person(tab)
        tab.get_by_label("รหัสถาวรของกรณีศึกษา").fill("Bad ID")
        tab.get_by_role("button", name="ตรวจคำตอบทั้งหมด").click()
        dom = tmp_path / "propose-with-javascript.html"
        dom.write_text("<!doctype html>\n" + tab.evaluate("document.documentElement.outerHTML"), encoding="utf-8")
    finally:
        context.close()
    found = vnu_errors(js_tools, [built_site / "propose" / "index.html", dom])
    unexplained = [f"{m.get('url', '').rsplit('/', 2)[-2:]}:{m.get('lastLine')}: {m['message']}" for m in found
                   if not any(re.search(pattern, m["message"]) for pattern, _ in THEME_HTML_ERRORS)]
    assert unexplained == [], "\n".join(unexplained)
