"""Every citation opens its source (issue 13): the documents of sources/ are on the site with every
line numbered and anchored, and every citation's line numbers link to those lines.

The expected lines come from the files in sources/ and the locators as written in the data; the
quotes are read from the citation text on the built page, independently of macros/locators.py.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from macros.locators import line_spans

from conftest import ROOT

SOURCES = ROOT / "sources"
DOCUMENTS = yaml.safe_load((ROOT / "data" / "sources.yaml").read_text(encoding="utf-8"))["documents"]
LOCAL = "http://site.invalid/"
LINE_LINK = re.compile(r'<a class="psea-line-link" href="([^"]+)">(.*?)</a>')
CONTAINER = re.compile(r'<span class="psea-cite">|<li>')
LINE = re.compile(r'<div class="psea-line" id="L(\d+)">(.*?)</div>', re.S)
TAGS = re.compile(r"<[^>]+>")
# A quote just before "(บรรทัด …": the word before it says whether it names a slide, heading, table,
# row or paragraph (whose title may stand above the lines) or quotes the lines' own text.
QUOTE_BEFORE = re.compile(r'(\S*)\s*["“]([^"”]+)["”]\s*\(\s*บรรทัด\s*(?:ประมาณ\s*)?$')
NAMING = ("สไลด์", "หัวข้อ", "ตาราง", "กรณีศึกษา", "แถว", "ป้าย", "ย่อหน้า")


# What the extraction may have broken, left out on both sides when a quote is compared with its
# lines: spaces and line ends (it breaks lines and words anywhere), U+FFFD (left for some vowels,
# ส�ำนัก) and Thai vowel and tone marks above and below a consonant, which it sometimes writes in
# the wrong order (รางวลัระดบัดเีด่น for รางวัลระดับดีเด่น). The consonants must still match.
EXTRACTION_NOISE = re.compile(r"[\s\ufffd\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")


def comparable(text: str) -> str:
    return EXTRACTION_NOISE.sub("", text)


def first_words(quote: str, count: int = 2) -> str:
    """The first words of a quoted passage, without a trailing ellipsis: what its first line shows."""
    return " ".join(quote.replace("…", " ").replace("...", " ").split()[:count])


def text_of(fragment: str) -> str:
    return html.unescape(TAGS.sub("", fragment))


def source_lines(document: str) -> list[str]:
    return (SOURCES / document).read_text(encoding="utf-8").splitlines()


# The parser of locators ------------------------------------------------------------------------------
@pytest.mark.parametrize(("locator", "anchors"), [
    ('หัวข้อ "2.5 ร่วมใจกัน" (บรรทัด 170-172)', ["L170-L172"]),
    ("(บรรทัด 65-101; รายชื่อหน่วยงานบรรทัด 89, เกณฑ์บรรทัด 71-83)", ["L65-L101", "L89", "L71-L83"]),
    ('สไลด์ "x" (บรรทัด 9-11 และ 21-23)', ["L9-L11", "L21-L23"]),
    ("บรรทัด 317, 472, 630", ["L317", "L472", "L630"]),
    ("(บรรทัดประมาณ 192-256)", ["L192-L256"]),
    ("แถวรายหมวด (บรรทัด 321-409; ละบรรทัดว่าง)", ["L321-L409"]),
    ('สไลด์ "รูปแบบของการยกระดับบริการภาครัฐ"', []),
])
def test_line_numbers_are_read_as_written(locator, anchors):
    spans = line_spans(locator)
    assert [s.anchor for s in spans] == anchors
    for span in spans:  # each span points at the digits it was read from
        assert locator[span.start:span.end].replace("–", "-").split("-")[0].strip() == str(span.first)


# The source pages ----------------------------------------------------------------------------------
def test_every_document_has_a_page_with_every_line_numbered_and_anchored(built_site):
    for doc in DOCUMENTS:
        page = built_site / "sources" / Path(doc["file"]).stem / "index.html"
        assert page.is_file(), doc["file"]
        built = page.read_text(encoding="utf-8")
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", built, re.S)
        assert heading and text_of(heading.group(1)).strip() == doc["th"], doc["file"]
        assert "ข้อผิดพลาดจากการสกัด" in built  # the note that the text is extracted, with errors
        lines = {int(n): text_of(inner.split('<span class="psea-lt">', 1)[1]) for n, inner in LINE.findall(built)}
        expected = source_lines(doc["file"])
        assert sorted(lines) == list(range(1, len(expected) + 1)), doc["file"]
        assert [lines[n] for n in sorted(lines)] == expected, doc["file"]
        assert f'href="#L{len(expected)}"' in built  # each number links to its own line
    index = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for doc in DOCUMENTS:
        assert f'href="{Path(doc["file"]).stem}/"' in index


# Every citation ---------------------------------------------------------------------------------------
def citation_links(built_site: Path):
    """(page, href, the citation's text before the link, the text after it) of every line link."""
    for page in sorted(built_site.rglob("*.html")):
        built = page.read_text(encoding="utf-8")
        for match in LINE_LINK.finditer(built):
            starts = [m.end() for m in CONTAINER.finditer(built, 0, match.start())]
            before = text_of(built[starts[-1] if starts else 0:match.start()])
            after = text_of(built[match.end():match.end() + 400])
            yield page, match.group(1), before, after


def test_every_citation_link_opens_existing_lines_that_hold_the_quoted_passage(built_site):
    checked, quoted, problems = 0, 0, []
    for page, href, before, after in citation_links(built_site):
        rel = page.relative_to(built_site).as_posix()
        here = LOCAL + rel[: -len("index.html")]
        url = urlsplit(urljoin(here, href))
        stem = url.path.strip("/").split("/")[-1]
        target = built_site / url.path[len(urlsplit(LOCAL).path):] / "index.html"
        fragment = unquote(url.fragment)
        m = re.fullmatch(r"L(\d+)(?:-L(\d+))?", fragment)
        if not (url.path.startswith("/sources/") and target.is_file() and m):
            problems.append(f"{rel}: {href}: not a line of a source page")
            continue
        built = target.read_text(encoding="utf-8")
        first, last = int(m.group(1)), int(m.group(2) or m.group(1))
        if f'id="{fragment}"' not in built or f'id="L{last}"' not in built or first > last:
            problems.append(f"{rel}: {href}: no such lines")
            continue
        checked += 1
        lines = source_lines(stem + ".txt")
        quote = QUOTE_BEFORE.search(before)
        # "a" และ "b" (บรรทัด 410, 412): quotes of a list of lines may stand on any of them.
        listed = [int(n) for n in re.findall(r"\d+", after.split(")")[0]) if int(n) > last]
        last = max([last, *listed]) if re.match(r"\s*(?:,|และ)", after) else last
        if quote and not any(word in quote.group(1) for word in NAMING):
            quoted += 1
            words = comparable(first_words(quote.group(2)))
            if words not in comparable("".join(lines[first - 1:last])):
                problems.append(f"{rel}: {href}: lines {first}-{last} do not hold {quote.group(2)!r}")
    assert problems == [], "\n".join(problems[:40])
    assert checked > 150
    assert quoted > 10


def test_every_citation_in_the_data_is_linked_on_the_site(built_site):
    """Case sources, criteria source notes and help-wanted items: each locator with line numbers has
    its lines linked, and every citation's document title opens the document."""
    hrefs = {(page.relative_to(built_site).as_posix(), href) for page, href, _, _ in citation_links(built_site)}
    case_pages = list((built_site / "cases").rglob("index.html"))
    for page in case_pages:
        built = page.read_text(encoding="utf-8")
        section = built.split('<section class="psea-sources">', 1)
        if len(section) == 1:
            continue
        sources = section[1].split("</section>")[0]
        for cite in re.findall(r'<span class="psea-cite">(.*?)</span>(?=<br>|</li>)', sources):
            assert re.search(r'<a href="(?:\.\./)+sources/[0-9a-f_]+/">', cite), (page, cite)
            if "บรรทัด" in text_of(cite) and re.search(r"บรรทัด\s*(?:ประมาณ\s*)?\d", text_of(cite)):
                assert "psea-line-link" in cite, (page, cite)
    for where in ("awards/index.html", "help-wanted/index.html", "awards/service/innovation/index.html"):
        assert any(rel == where for rel, _ in hrefs), where


# In the browser ----------------------------------------------------------------------------------------
def test_a_range_is_highlighted_and_its_first_line_scrolled_to(page, site_url):
    page.goto(site_url + "sources/001_3702f4d108c3183e/#L149-L190")
    page.wait_for_function("document.querySelectorAll('.psea-line--hit').length > 0")
    hits = page.eval_on_selector_all(".psea-line--hit", "els => els.map(e => e.id)")
    assert hits == [f"L{n}" for n in range(149, 191)]
    top = page.evaluate("document.getElementById('L149').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2


def test_a_cited_range_is_reached_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        # A range the data cites has an anchor of its own: the browser scrolls there by itself.
        tab.goto(site_url + "sources/001_3702f4d108c3183e/#L346-L382")
        tab.wait_for_timeout(300)
        top = tab.evaluate("document.getElementById('L346').getBoundingClientRect().top")
        assert 0 <= top < tab.viewport_size["height"] / 2
        assert tab.evaluate("getComputedStyle(document.getElementById('L346')).backgroundColor") != "rgba(0, 0, 0, 0)"
    finally:
        context.close()
