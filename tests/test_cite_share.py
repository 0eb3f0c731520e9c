"""Cite, share and print a case (issue 13): "อ้างอิงผลงานนี้" with a Thai citation, BibTeX that
parses and CSL-JSON that the CSL schema accepts; a copy-link button; Open Graph and Twitter card tags
and a description of its own on every page; section links visible on touch screens; a printed case
carries its address, citation and print date and its sources, without the data notes.

Expectations come from the case files (python-frontmatter) and mkdocs.yml, not from the build's code.
"""
from __future__ import annotations

import html
import json
import re
import struct
from pathlib import Path

import bibtexparser
import frontmatter
import jsonschema
import pytest
import yaml

from conftest import ROOT, html_text

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
SITE_URL, SITE_NAME = CONFIG["site_url"], CONFIG["site_name"]
CSL_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "csl" / "csl-data.json").read_text(encoding="utf-8"))



def cases() -> list[dict]:
    found = []
    for path in sorted((ROOT / "content" / "cases").rglob("*.md")):
        meta = frontmatter.load(path).metadata
        found.append({**meta, "url": f"{SITE_URL}cases/{meta['year']}/{meta['id']}/",
                      "path": f"cases/{meta['year']}/{meta['id']}/index.html"})
    return found


def block(built: str, element_id: str) -> str:
    match = re.search(rf'<[a-z]+[^>]* id="{element_id}"[^>]*>(.*?)</(?:code|p|a)>', built, re.S)
    assert match, element_id
    return html.unescape(match.group(1))


# อ้างอิงผลงานนี้ -------------------------------------------------------------------------------------
def test_every_case_page_cites_itself_in_thai_bibtex_and_csl_json(built_site):
    all_cases = cases()
    assert all_cases
    for case in all_cases:
        built = (built_site / case["path"]).read_text(encoding="utf-8")
        assert '<h2 id="อ้างอิงผลงานนี้">อ้างอิงผลงานนี้</h2>' in built, case["path"]
        assert block(built, "psea-permalink") == case["url"]
        thai = html_text(block(built, "psea-citation-th"))
        for part in (case["agency"]["name"], str(case["year"]), case["title"], SITE_NAME, case["url"]):
            assert " ".join(str(part).split()) in thai, (case["path"], part)

        library = bibtexparser.loads(block(built, "psea-bibtex"))
        assert len(library.entries) == 1, case["path"]
        entry = library.entries[0]
        assert entry["ENTRYTYPE"] == "misc" and entry["url"] == case["url"]
        assert entry["year"] == str(case["year"] - 543)
        assert case["agency"]["name"].replace("&", r"\&") in entry["author"]

        csl = json.loads(block(built, "psea-csl"))
        jsonschema.validate(csl, CSL_SCHEMA)
        assert csl[0]["title"] == case["title"] and csl[0]["URL"] == case["url"]
        assert csl[0]["author"] == [{"literal": case["agency"]["name"]}]
        assert csl[0]["issued"] == {"date-parts": [[case["year"] - 543]]}


def test_the_csl_schema_rejects_what_it_should():
    """The fixture schema is the real one: a missing id or an unknown type is refused."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"type": "webpage", "title": "x"}], CSL_SCHEMA)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{"id": "x", "type": "web-page"}], CSL_SCHEMA)


# Every page: description, Open Graph, Twitter card ---------------------------------------------------
META = re.compile(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"')


def pages(built_site: Path) -> list[Path]:
    return sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")


def test_every_page_has_a_description_of_its_own(built_site):
    seen: dict[str, str] = {}
    duplicates = []
    for page in pages(built_site):
        meta = dict(META.findall(page.read_text(encoding="utf-8")))
        description = meta.get("description", "")
        rel = page.relative_to(built_site).as_posix()
        assert description.strip(), rel
        if description in seen:
            duplicates.append(f"{rel} and {seen[description]}: {description[:80]}")
        seen[description] = rel
    assert duplicates == [], "\n".join(duplicates[:20])
    assert len(seen) > 150


def test_open_graph_and_twitter_cards_on_every_page(built_site):
    image = built_site / "assets" / "images" / "social.png"
    data = image.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1200, 630)
    kinds = set()
    for page in pages(built_site):
        built = page.read_text(encoding="utf-8")
        meta = dict(META.findall(built))
        rel = page.relative_to(built_site).as_posix()
        kinds.add(rel.split("/")[0] if "/" in rel else rel)
        for key in ("og:title", "og:description", "og:url", "og:image", "og:type", "og:site_name",
                    "twitter:card", "twitter:title", "twitter:description", "twitter:image"):
            assert meta.get(key), (rel, key)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', built)
        assert canonical and meta["og:url"] == canonical.group(1), rel
        assert meta["og:description"] == meta["description"] == meta["twitter:description"], rel
        assert meta["og:image"] == SITE_URL + "assets/images/social.png"
        title = re.search(r"<title>(.*?)</title>", built, re.S)
        assert title and (meta["og:title"] in title.group(1)), rel
    for kind in ("cases", "awards", "browse", "sources", "about", "years", "agencies", "index.html"):
        assert kind in kinds, kind


def test_a_case_description_comes_from_the_case(built_site):
    for case in cases():
        meta = dict(META.findall((built_site / case["path"]).read_text(encoding="utf-8")))
        description = html.unescape(meta["description"])
        assert case["title"] in description or description.startswith(case["title"][:60]), case["path"]
        source = case.get("impact") or case.get("pain_point") or case.get("solution")
        if source:
            assert " ".join(source.split())[:20] in description, case["path"]


# In the browser -------------------------------------------------------------------------------------------
CASE = "cases/2567/pang-mapha-smart-hospital/"


def test_a_printed_case_has_its_address_citation_date_and_sources_but_not_its_notes(page, site_url):
    case = next(c for c in cases() if c["path"] == CASE + "index.html")
    assert case.get("notes"), "the case chosen must have data notes"
    page.goto(site_url + CASE)
    page.emulate_media(media="print")
    printed = page.inner_text("article")
    assert case["url"] in printed
    assert html_text(block(page.content(), "psea-citation-th")) in " ".join(printed.split())
    assert "หมายเหตุด้านข้อมูล" not in printed
    for note in case["notes"]:
        assert note[:30] not in printed
    assert "พิมพ์จาก" in printed and re.search(r"เมื่อวันที่ \d{1,2} \S+ 25\d\d", printed), printed[:300]
    assert "แหล่งข้อมูล" in printed
    assert f"{SITE_URL}sources/" in printed  # each source with its address
    page.emulate_media(media="screen")
    assert "หมายเหตุด้านข้อมูล" in page.inner_text("article")  # on screen the notes are there


def test_the_copy_link_button_copies_the_permanent_address(browser, site_url):
    context = browser.new_context(locale="th-TH", permissions=["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    try:
        tab.goto(site_url + CASE)
        button = tab.get_by_role("button", name="คัดลอกลิงก์")
        button.click()
        tab.wait_for_function("document.querySelector('.psea-copy-status').textContent.includes('คัดลอกแล้ว')")
        assert tab.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}{CASE}"
    finally:
        context.close()


def test_section_links_show_without_hover_on_a_touch_screen(browser, site_url):
    context = browser.new_context(has_touch=True, is_mobile=True, viewport={"width": 390, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(site_url + CASE)
        assert tab.evaluate("matchMedia('(hover: none)').matches")
        opacity = tab.evaluate("getComputedStyle(document.querySelector('.md-typeset h2 .headerlink')).opacity")
        assert opacity == "1"
    finally:
        context.close()
