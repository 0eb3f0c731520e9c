"""Values a case marks as inferred (the schema's `inferred`), on the built site and in the exports.

Every case whose frontmatter marks a value is checked, on its page and in the listing of its
year: the value carries a mark whose title is the reason and whose link leads to the reason in
the list under the facts; an unmarked value carries none. Expectations come from the case files.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html import escape, unescape
from pathlib import Path

import pytest

from macros.render import inferred
from macros.validate import validate

CASES = [p.meta for p in validate().parsed]
MARKED = [c for c in CASES if c.get("inferred")]
# The header's facts (macros/casepage.header): label -> the inferable fields shown under it.
FACTS = {"หน่วยงาน": ("agency.name", "agency.parent"), "ประเภทหน่วยงาน": ("agency.type",),
         "จังหวัด": ("province",), "ปีที่ได้รับรางวัล": ("year",)}
BADGES = ("year", "award.branch", "award.category", "award.level")  # the order of render.badges
FACT = re.compile(r"<div><dt>(.*?)</dt><dd>(.*?)</dd></div>", re.S)
MARK = re.compile(r'<a class="psea-inferred" href="([^"]*)#([^"]+)" title="([^"]*)">')


def url(case: dict) -> str:
    return f"cases/{case['year']}/{case['id']}/"


def html_of(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def marks(fragment: str) -> list[tuple[str, str, str]]:
    """(link target page, field path, reason) of every mark in an HTML fragment."""
    return [(page, unescape(anchor)[len(inferred.LABEL) + 1:], unescape(title))
            for page, anchor, title in MARK.findall(fragment)]


def test_the_content_marks_inferred_years_provinces_and_agencies():
    fields = {item["field"] for case in MARKED for item in case["inferred"]}
    assert {"year", "province", "agency.name"} <= fields
    assert all(item["reason"].strip() for case in MARKED for item in case["inferred"])


@pytest.mark.parametrize("case", MARKED, ids=[c["id"] for c in MARKED])
def test_a_case_page_marks_each_inferred_value_and_gives_its_reason(built_site, case):
    html = html_of(built_site, url(case))
    reasons = {item["field"]: item["reason"] for item in case["inferred"]}
    facts = dict(FACT.findall(html[html.index('<dl class="psea-facts">'):]))
    for label, paths in FACTS.items():
        expected = [("", path, reasons[path]) for path in paths if path in reasons]
        assert marks(facts[label]) == expected, (label, facts[label])
    badges = html[html.index('<ul class="psea-badges"'):]
    badges = re.findall(r"<li>(.*?)</li>", badges[:badges.index("</ul>")])
    assert [marks(badge) for badge in badges] == [
        [("", path, reasons[path])] if path in reasons else [] for path in BADGES]
    # Each mark leads to its reason, in a list under the facts that phones and print show.
    listed = re.search(r'<section class="psea-inferred-reasons".*?</section>', html, re.S).group(0)
    for path, reason in reasons.items():
        item = re.search(rf'<li id="{re.escape(escape(inferred.anchor(path)))}">(.*?)</li>', listed, re.S)
        assert item and escape(reason, quote=False) in item.group(1), path


def test_a_case_page_without_inferred_values_has_no_mark(built_site):
    plain = [c for c in CASES if not c.get("inferred")]
    assert plain
    for case in plain:
        html = html_of(built_site, url(case))
        assert "psea-inferred" not in html, case["id"]


@pytest.mark.parametrize("case", MARKED, ids=[c["id"] for c in MARKED])
def test_the_listing_of_its_year_marks_an_inferred_year_province_and_agency(built_site, case):
    html = html_of(built_site, f"years/{case['year']}/")
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f'/{url(case)}"' in r)
    cells = dict(re.findall(r'<td data-label="([^"]+)">(.*?)</td>', row, re.S))
    reasons = {item["field"]: item["reason"] for item in case["inferred"]}
    for label, path in (("ปี", "year"), ("หน่วยงาน", "agency.name"), ("จังหวัด", "province")):
        expected = [(f"../../{url(case)}", path, reasons[path])] if path in reasons else []
        assert marks(cells[label]) == expected, (label, cells[label])


@pytest.mark.parametrize("case", MARKED, ids=[c["id"] for c in MARKED])
def test_search_results_say_an_inferred_year_or_agency_is_inferred(built_site, case):
    """Pagefind shows the agency and year of a result from the page's metadata (search.js metaLine)."""
    span = re.search(r"<span hidden data-pagefind-filter=[^>]*>", html_of(built_site, url(case))).group(0)
    attrs = dict(re.findall(r'(data-[\w-]+)="([^"]*)"', span))
    meta = dict(part.strip().rstrip("]").split("[") for part in attrs["data-pagefind-meta"].split(","))
    fields = {item["field"] for item in case["inferred"]}
    for name, path, value in (("agency", "agency.name", case["agency"]["name"]), ("year", "year", case["year"])):
        shown = unescape(attrs[meta[name]])
        assert shown == (f"{value} ({inferred.LABEL})" if path in fields else str(value)), (name, shown)
    assert attrs["data-year"] == str(case["year"])  # the filter and the sort keep the plain year


def test_the_mark_leads_to_a_visible_reason_on_a_phone_and_in_print(page, site_url):
    case = next(c for c in MARKED if any(i["field"] == "year" for i in c["inferred"]))
    reason = next(i["reason"] for i in case["inferred"] if i["field"] == "year")
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(f"{site_url}{url(case)}")
    mark = page.locator(".psea-facts a.psea-inferred").last
    assert mark.get_attribute("title") == reason  # hover
    mark.click()  # tap
    target = page.locator(f'[id="{inferred.anchor("year")}"]')
    assert target.is_visible() and reason in target.inner_text()
    encoded = page.evaluate(f"encodeURIComponent({json.dumps(inferred.anchor('year'))})")
    assert page.evaluate("location.hash") == "#" + encoded
    page.emulate_media(media="print")
    assert target.is_visible() and reason in target.inner_text()


def test_exports_carry_the_marks(built_site):
    records = {r["id"]: r for r in json.loads((built_site / "cases.json").read_text(encoding="utf-8"))}
    text = (built_site / "cases.csv").read_bytes().decode("utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    for case in CASES:
        items = case.get("inferred") or []
        assert records[case["id"]].get("inferred", []) == [dict(i) for i in items]
        assert rows[case["id"]]["inferred[].field"] == " | ".join(i["field"] for i in items)
        assert rows[case["id"]]["inferred[].reason"] == " | ".join(i["reason"] for i in items)
