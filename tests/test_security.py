"""Hostile input: case text is shown, never run.

- A case whose every text field carries an HTML/JS payload builds with --strict, and the payload
  shows as text (escaped once) on every page that shows it, never as markup; the exports hold the
  raw string. Jinja in a case body is text. Agency names (page titles, Thai URL slugs) cannot
  leave agencies/ or break links.
- Bodies that smuggle script past a line-by-line check are rejected by the validator.
- The Content-Security-Policy meta allows only the site's own scripts: an injected inline script
  or event handler does not run, the normal pages raise no violation, and no page asks another host
  for anything.
"""
from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from test_integrity import broken_links

from macros import casepage, csp
from macros.casefile import CaseFile
from macros.pages import generated_pages
from macros.structure.corpus import build_corpus
from macros.taxonomy import Taxonomy
from macros.validate import check_body

from conftest import make_project, run_mkdocs

_TAXONOMY = Taxonomy.load()

IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = '"><script>alert(1)</script>'
PAYLOAD = IMG + BREAKOUT
JINJA = '{{ config }} และ {% include "main.html" %} และ {{ 7*7 }}'
SECTIONS = ("ความเป็นมาและปัญหา", "แนวทางแก้ไขและการดำเนินงาน", "ผลลัพธ์", "ความยั่งยืนและการขยายผล")
# Text fields of the hostile case: (where in the frontmatter, the text before the payload).
FIELDS = {
    "title": "ชื่อผลงาน", "title_en": "Title", "agency.name_en": "Agency", "agency.parent": "สังกัด",
    "pain_point": "ปัญหา", "solution": "แนวทาง", "impact": "ผลลัพธ์", "metrics.label": "ตัวชี้วัด",
    "metrics.unit": "หน่วยวัด", "metrics.note": "หมายเหตุตัวชี้วัด", "partners": "ภาคี", "notes": "บันทึก",
    "recognition.name": "รางวัลอื่น", "recognition.note": "รายละเอียดรางวัล", "sources.locator": "ตำแหน่ง",
}
AGENCY_A = "หน่วยงาน " + PAYLOAD
AGENCY_B = "../../../ข้าม?x=1#frag/.."  # path separators, a query and a fragment
AGENCY_C = "/..?#"  # no letter at all: an empty slug would be the agencies index itself


def text(field: str) -> str:
    return f"{FIELDS[field]} {PAYLOAD}"


def hostile_case(case_id: str, agency: str) -> str:
    meta = {
        "id": case_id, "title": f"{text('title')} {case_id}", "title_en": text("title_en"), "status": "full",
        "year": 2567, "award": {"branch": "service", "category": "innovation", "level": "outstanding"},
        "agency": {"name": agency, "name_en": text("agency.name_en"), "type": "hospital",
                   "parent": text("agency.parent")},
        "province": "เชียงใหม่", "pain_point": text("pain_point"), "solution": text("solution"),
        "impact": text("impact"),
        "metrics": [{"label": text("metrics.label"), "value": 1, "unit": text("metrics.unit"),
                     "note": text("metrics.note")}],
        "tags": ["health"], "sdgs": [3], "partners": [text("partners")], "notes": [text("notes")],
        "recognition": [{"name": text("recognition.name"), "year": 2566, "note": text("recognition.note")}],
        "sources": [{"document": "001_3702f4d108c3183e.txt", "locator": text("sources.locator")}],
    }
    body = "\n\n".join(f"## {heading}\n\n{JINJA if i == 0 else 'ข้อความ'}" for i, heading in enumerate(SECTIONS))
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("hostile")
    project = make_project(where, {
        "2567/hostile-a.md": hostile_case("hostile-a", AGENCY_A),
        "2567/hostile-b.md": hostile_case("hostile-b", AGENCY_B),
        "2567/hostile-c.md": hostile_case("hostile-c", AGENCY_C),
    })
    out = where / "out"
    result = run_mkdocs(project, out, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in where.iterdir()) == ["out", "project"], "the build wrote outside its folder"
    return out


class Page(HTMLParser):
    """A built page as the browser sees it: elements, visible text, the <title>, inline scripts."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []
        self.title = ""
        self.scripts: list[tuple[dict, str]] = []
        self._in: list[str] = []
        self.feed(html)
        self.close()
        self.text = " ".join(self.text_parts)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style", "title"):
            self._in.append(tag)
            if tag == "script":
                self.scripts.append((dict(attrs), ""))

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        where = self._in[-1] if self._in else None
        if where == "title":
            self.title += data
        elif where == "script":
            attrs, body = self.scripts[-1]
            self.scripts[-1] = (attrs, body + data)
        elif where is None:
            self.text_parts.append(data)


def page(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def assert_no_markup_from_payload(parsed: Page, where: str):
    for tag, attrs in parsed.elements:
        handlers = [name for name in attrs if name.startswith("on")]
        assert not handlers, f"{where}: <{tag}> has event handler attribute(s) {handlers}"
        assert not (tag == "img" and attrs.get("src") == "x"), f"{where}: the payload became an <img>"
    for _attrs, body in parsed.scripts:
        assert "alert(1)" not in body, f"{where}: the payload became a <script>"


# Escaping ----------------------------------------------------------------------------------------
def test_the_payload_is_never_markup_on_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        assert_no_markup_from_payload(Page(path.read_text(encoding="utf-8")), path.relative_to(hostile_site).as_posix())


# Each page that lists the hostile cases shows their titles as text (escaped exactly once: a
# double-escaped title would show "&lt;" to the reader).
LISTING_PAGES = ("", "browse/", "years/2567/", "awards/service/", "awards/service/innovation/",
                 "provinces/chiang-mai/", "tags/health/", "sdgs/3/", "agencies/")


@pytest.mark.parametrize("url", LISTING_PAGES)
def test_listing_pages_show_the_payload_as_text(hostile_site, url):
    parsed = page(hostile_site, url)
    for case_id in ("hostile-a", "hostile-b", "hostile-c"):
        if url == "agencies/":
            break
        assert f"{text('title')} {case_id}" in parsed.text, (url, case_id)
    if url in ("", "browse/", "years/2567/", "agencies/"):
        assert AGENCY_A in parsed.text, url
    for escaped in ("&lt;", "&gt;", "&quot;", "&amp;"):
        assert escaped not in parsed.text, f"{url}: shows {escaped!r}: escaped twice"


def test_the_case_page_shows_every_field_as_text(hostile_site):
    parsed = page(hostile_site, "cases/2567/hostile-a/")
    for field in FIELDS:
        assert text(field) in parsed.text, field
    assert AGENCY_A in parsed.text
    assert parsed.title.startswith(f"{text('title')} hostile-a - "), parsed.title
    assert "&lt;" not in parsed.text and "&lt;" not in parsed.title
    # the other hostile cases of the same category and agency are listed as text too
    assert f"{text('title')} hostile-b" in parsed.text


def test_agency_pages_have_the_name_as_title_and_text(hostile_site):
    agency_dirs = sorted(p for p in (hostile_site / "agencies").iterdir() if p.is_dir())
    assert len(agency_dirs) == 3, agency_dirs
    titles = {}
    for directory in agency_dirs:
        parsed = Page((directory / "index.html").read_text(encoding="utf-8"))
        titles[parsed.title.rsplit(" - ", 1)[0]] = directory.name
        assert "&lt;" not in parsed.title
    assert set(titles) == {AGENCY_A, AGENCY_B, AGENCY_C}


def test_jinja_in_a_case_body_is_text(hostile_site):
    parsed = page(hostile_site, "cases/2567/hostile-a/")
    assert JINJA in parsed.text
    html = (hostile_site / "cases" / "2567" / "hostile-a" / "index.html").read_text(encoding="utf-8")
    assert "site_name" not in parsed.text and "'docs_dir'" not in html
    assert "ข้อความ 49" not in parsed.text and html.count("<!doctype html>") == 1  # nothing included


def test_agency_names_cannot_leave_the_agencies_folder_or_break_links(hostile_site):
    agencies = hostile_site / "agencies"
    for directory in (p for p in agencies.rglob("*") if p.is_dir()):
        assert directory.parent == agencies, f"an agency page nested folders: {directory}"
        assert set(directory.name) & set("/?#.") == set(), directory.name
        assert [p.name for p in directory.iterdir()] == ["index.html"]
    assert (agencies / "ข้าม-x-1-frag" / "index.html").is_file()
    index = page(hostile_site, "agencies/")
    links = [a["href"] for tag, a in index.elements if tag == "a" and a.get("href", "").count("/") == 1
             and not a["href"].startswith(("..", "http", "#", "."))]
    assert sorted(links) == sorted(f"{p.name}/" for p in agencies.iterdir() if p.is_dir())
    for link in links:  # each agency page lists its own case
        assert f"{text('title')} hostile-" in page(hostile_site, f"agencies/{link}").text
    assert broken_links(hostile_site) == []


def test_exports_hold_the_raw_strings(hostile_site):
    records = {r["id"]: r for r in json.loads((hostile_site / "cases.json").read_text(encoding="utf-8"))}
    record = records["hostile-a"]
    assert record["title"] == f"{text('title')} hostile-a"
    assert record["agency"] == AGENCY_A and record["agency_detail"]["name"] == AGENCY_A
    assert record["agency_detail"]["parent"] == text("agency.parent")
    assert record["metrics"][0]["label"] == text("metrics.label")
    assert record["sources"][0]["locator"] == text("sources.locator")
    assert record["partners"] == [text("partners")] and record["notes"] == [text("notes")]
    assert JINJA in record["body"]
    raw_csv = (hostile_site / "cases.csv").read_text(encoding="utf-8-sig")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(raw_csv))}
    row = rows["hostile-a"]
    assert row["title"] == f"{text('title')} hostile-a"
    assert row["agency.name"] == AGENCY_A
    assert row["sources[].locator"] == text("sources.locator")
    assert row["metrics[].unit"] == text("metrics.unit")
    for name in ("cases.json", "cases.csv"):
        assert "&lt;" not in (hostile_site / name).read_text(encoding="utf-8"), f"{name} holds HTML-escaped text"


# Property: any text in any field renders as text ----------------------------------------------
META_TEXT = st.text(st.sampled_from(list("<>\"'&=/;:()[]{}#?! \\`") + list("aimgscrptonx") + ["ก", "\u0e34", "1"]),
                    min_size=1, max_size=40).filter(lambda t: t.strip())


def _rendered(value: str) -> str:
    meta = yaml.safe_load(hostile_case("prop", "x").split("---\n")[1])
    for field in FIELDS:
        name, _, child = field.partition(".")
        if not child:
            meta[name] = [value] if isinstance(meta[name], list) else value
        elif isinstance(meta[name], list):
            meta[name][0][child] = value
        else:
            meta[name][child] = value
    meta["agency"]["name"] = value
    corpus = build_corpus([CaseFile(Path("prop.md"), meta, "")], _TAXONOMY)
    case = corpus.cases[0]
    pages = generated_pages(corpus)
    return casepage.header(corpus, case) + casepage.footer(corpus, case) + "".join(
        pages[key].html for key in sorted(pages))


def _structure(html: str) -> list:
    return sorted((tag, tuple(sorted(attrs))) for tag, attrs in Page(html).elements)


@settings(deadline=None)  # examples: the profile's (tests/conftest.py)
@given(META_TEXT)
def test_any_text_in_any_field_renders_as_text(value):
    """Whatever the text, the rendered case and generated pages have the same elements and
    attributes as with plain text, and show the text as it was written."""
    html = _rendered(value)
    assert _structure(html) == _structure(_rendered("ข้อความ")), value
    assert " ".join(value.split()) in " ".join(Page(html).text.split()), value


# The validator's body check ----------------------------------------------------------------------
SMUGGLED = [
    "[x](javascript&#58;alert(1))",                 # entity-encoded colon
    "[x](java&#9;script:alert(1))",                 # the URL parser drops tabs
    '<a href="&#106;avascript:alert(1)">x</a>',     # entity-encoded letter
    "[x](JAVASCRIPT:alert(1))",
    "<svg/onload=alert(1)>",                        # no space before the handler
    "<img src=x\nonerror=alert(1)>",                 # a tag over two lines
    "[x](y){: onclick=\"alert(1)\" }",              # Markdown attribute list (attr_list)
    "# heading {onclick=alert(1)}",
    "para\n{: style=\"position:fixed;inset:0\" }",  # a page-covering overlay
    '<div style="position:fixed;inset:0">x</div>',
    '<base href="https://evil.example/">',          # rewrites every relative link
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<form action="https://evil.example"><input name="id"></form>',
    "<ScRiPt>alert(1)</ScRiPt>",
]
HARMLESS = [
    "ผลงานนี้พัฒนาด้วย JavaScript และ Python",
    "ค่า a < b และ onion = 3",
    JINJA,
    "| a | b |\n|---|---|\n| 1 < 2 | x = 1 |",
    "ย่อหน้า\n{: .note }",
    "[ลิงก์](https://example.org/?on=1)",
    "แท็ก &lt;script&gt; แสดงเป็นข้อความ",  # escaped markup is text
]


@pytest.mark.parametrize("body", SMUGGLED)
def test_the_validator_rejects_smuggled_markup(body):
    problems = list(check_body(CaseFile(Path("x.md"), {}, "ย่อหน้าแรก\n\n" + body, 10), {}))
    assert problems, body
    first = next(i for i, line in enumerate(body.split("\n")) if re.search(r"[<{\[]", line))
    assert problems[0][0] == 12 + first  # the line where the markup starts
    assert "body must not contain" in problems[0][1].en and "เนื้อหาต้องไม่มี" in problems[0][1].th


@pytest.mark.parametrize("body", HARMLESS)
def test_the_validator_accepts_harmless_text(body):
    assert list(check_body(CaseFile(Path("x.md"), {}, body, 10), {})) == []


# Content-Security-Policy (built HTML) ------------------------------------------------------------
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
REQUIRED_DIRECTIVES = {
    "default-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
    "font-src": ["'self'"], "connect-src": ["'self'"], "object-src": ["'none'"],
    "base-uri": ["'self'"], "form-action": ["'self'"],
}


def policy(html: str) -> dict[str, list[str]]:
    found = CSP_META.findall(html)
    assert len(found) == 1, f"{len(found)} CSP meta elements"
    return {d.split()[0]: d.split()[1:] for d in (part.strip() for part in found[0].split(";")) if d}


def sha256_source(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def test_every_page_has_a_policy_listing_exactly_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    for path in pages:
        html = path.read_text(encoding="utf-8")
        rel = path.relative_to(built_site).as_posix()
        directives = policy(html)
        for name, sources in REQUIRED_DIRECTIVES.items():
            assert directives.get(name) == sources, (rel, name, directives.get(name))
        scripts = directives["script-src"]
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"], rel
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:", "blob:", "http:", "https:"} & set(scripts), rel
        assert "'unsafe-inline'" not in sum(directives.values(), []), rel
        parsed = Page(html)
        inline = {sha256_source(body) for attrs, body in parsed.scripts
                  if "src" not in attrs and attrs.get("type", "text/javascript") in ("text/javascript", "module")}
        assert inline, f"{rel}: the theme writes inline scripts; the test would prove nothing without them"
        assert set(scripts[2:]) == inline, rel
        # The policy governs the whole page: it comes right after <meta charset>, before any script.
        head = html[:html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), rel
        assert head.index("<meta charset") < head.index("Content-Security-Policy"), rel
        # Without 'unsafe-inline' a style attribute or an inline handler would be silently dropped.
        for tag, attrs in parsed.elements:
            assert "style" not in attrs, f"{rel}: <{tag} style=…> is blocked by style-src 'self'"
            assert not [a for a in attrs if a.startswith("on")], f"{rel}: <{tag}> has an inline event handler"
        assert "<style" not in html, f"{rel}: a <style> element is blocked by style-src 'self'"


def test_scripts_inside_the_page_content_are_never_hashed():
    theme = "<script>var theme=1</script>"
    content = "<p>case</p><script>alert(1)</script>"
    html = (f'<html><head><meta charset="utf-8">{theme}<meta http-equiv="Content-Security-Policy" '
            f'content="script-src \'self\' {csp.CSP_HASHES_TOKEN}"></head><body>{content}</body></html>')
    out = csp.with_csp(html, content)
    assert sha256_source("var theme=1") in out
    assert sha256_source("alert(1)") not in out
    assert csp.CSP_HASHES_TOKEN not in out
    assert out.index("Content-Security-Policy") < out.index(theme)


# In the browser ----------------------------------------------------------------------------------
RECORD_VIOLATIONS = """
window.__psea_csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__psea_csp.push(e.violatedDirective + " " + e.blockedURI + " " + e.sourceFile + ":" + e.lineNumber));
"""


def first_case_url(site: Path) -> str:
    path = sorted((site / "cases").rglob("index.html"))[0]
    return path.parent.relative_to(site).as_posix() + "/"


def visit(page, url: str):
    """Open url; return (CSP violations, console errors)."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return errors


def core_pages(site: Path) -> list[str]:
    pages = ["", "browse/", first_case_url(site), "awards/service/innovation/"]
    if (site / "search" / "index.html").is_file() and (site / "pagefind").is_dir():
        pages.append("search/?q=" + "โรงพยาบาล")
    return pages


def test_an_injected_inline_script_or_handler_does_not_run(built_site, serve, browser, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    target = site / first_case_url(built_site) / "index.html"
    html = target.read_text(encoding="utf-8")
    injected = ('<script>window.__injected = "script"</script>'
                '<img src="data:," onerror="window.__injected_handler = 1">'
                '<a id="psea-js-link" href="javascript:window.__injected_link=1">x</a></body>')
    target.write_text(html.replace("</body>", injected), encoding="utf-8")
    base = serve(site)
    context = browser.new_context()
    tab = context.new_page()
    try:
        errors = visit(tab, base + first_case_url(built_site))
        tab.click("#psea-js-link")
        tab.wait_for_function("window.__psea_csp.some(v => v.startsWith('script-src-elem inline'))"
                              " && window.__psea_csp.some(v => v.startsWith('script-src-attr inline'))")
        ran = tab.evaluate("[window.__injected, window.__injected_handler, window.__injected_link]")
        assert ran == [None, None, None], f"injected code ran: {ran}"
        violations = tab.evaluate("window.__psea_csp")
        assert any(v.startswith("script-src-elem inline") for v in violations), violations
        assert any(v.startswith("script-src-attr inline") for v in violations), violations
        assert any("Content Security Policy" in e for e in errors)
        # the theme's own inline script did run (its hash is in the policy): __md_scope exists
        assert tab.evaluate("typeof __md_scope") == "object"
    finally:
        context.close()


def test_normal_pages_raise_no_csp_violation(built_site, site_url, browser):
    for url in core_pages(built_site):
        context = browser.new_context(locale="th-TH")
        tab = context.new_page()
        try:
            errors = visit(tab, site_url + url)
            if url == "browse/":  # filtering works under the policy
                count = tab.locator("#psea-browse-count [data-shown]")
                total = count.inner_text()
                tab.locator("details.psea-facet-group summary").first.click()
                tab.locator("fieldset[data-facet] input[type=checkbox]").first.check()
                shown_changed = "(t) => document.querySelector('#psea-browse-count [data-shown]').textContent !== t"
                tab.wait_for_function(shown_changed, arg=total)
                assert count.inner_text() != total
            if url.startswith("search/"):
                tab.wait_for_function("document.querySelectorAll('#psea-search-results li').length > 0")
            # Violations are reported as events after the work that caused them: let two frames pass.
            tab.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
            assert tab.evaluate("window.__psea_csp") == [], url
            assert errors == [], (url, errors)
        finally:
            context.close()


def test_no_page_requests_another_host(built_site, site_url, browser):
    """Every request the pages make goes to the site itself. The policy is bypassed here, so what
    is tested is the pages, not the policy's blocking."""
    outside = []
    for url in core_pages(built_site):
        context = browser.new_context(locale="th-TH", bypass_csp=True)
        tab = context.new_page()
        requests = []
        tab.on("request", lambda request, requests=requests: requests.append(request.url))
        try:
            tab.goto(site_url + url)
            tab.wait_for_load_state("networkidle")  # no request for 500 ms
        finally:
            context.close()
        assert any(r.endswith(".css") for r in requests) and any(r.endswith(".js") for r in requests), url
        outside += [(url, r) for r in requests if not r.startswith(site_url) and not r.startswith(("data:", "blob:"))]
    assert outside == []


def test_hostile_pages_run_nothing_in_the_browser(hostile_site, serve, browser):
    """The payload on the real pages (and in search results, if search is built): no dialog opens
    and no element made from the payload exists."""
    base = serve(hostile_site)
    urls = ["", "browse/", "cases/2567/hostile-a/", "agencies/", "awards/service/innovation/"]
    if (hostile_site / "pagefind").is_dir() and (hostile_site / "search" / "index.html").is_file():
        urls.append("search/?q=onerror")
    context = browser.new_context(locale="th-TH", bypass_csp=True)  # escaping alone must hold
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for url in urls:
            tab.goto(base + url)
            tab.wait_for_load_state("networkidle")
            if url.startswith("search/"):
                tab.wait_for_function("document.querySelectorAll('#psea-search-results li').length > 0")
            if url == "browse/":
                tab.fill("#psea-browse-q", "onerror")  # filters at once; the URL follows the query
                tab.wait_for_function("location.search.includes('onerror')")
            assert tab.locator('img[src="x"]').count() == 0, url
            assert tab.evaluate("[...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False, url
            assert dialogs == [], (url, dialogs)
    finally:
        context.close()
