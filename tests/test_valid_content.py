"""Valid content never fails CI: a fixture site with one generated valid case for each branch ×
status × year the award system knows (data/awards.yaml) builds with --strict, and its pages pass
axe (no serious or critical violation) and the internal link check.

A contributor cannot fix the theme: if a case the validator accepts makes these checks fail, the
fault is the site's.
"""
from __future__ import annotations

import json

import pytest
import yaml
from test_accessibility import js_tools, run_axe  # noqa: F401 - js_tools is a fixture
from test_integrity import broken_links

from macros.taxonomy import Taxonomy
from macros.validate import validate

from conftest import ROOT, make_project, run_mkdocs

TAXONOMY = Taxonomy.load(ROOT / "data")
BODY = "\n".join(f"## {th}\n\nข้อความของหัวข้อ{th} จากแหล่งข้อมูล ([แหล่งข้อมูล](../../../open-data/))\n"
                 for th in ("ความเป็นมาและปัญหา", "แนวทางแก้ไขและการดำเนินงาน", "ผลลัพธ์", "ความยั่งยืนและการขยายผล"))


def generated_cases(tax: Taxonomy) -> dict[str, dict]:
    """id -> frontmatter: one valid case per (year, branch with a category that year, status).
    Categories, levels, provinces and agency types rotate, so that many of each appear."""
    provinces = list(tax.province_by_th)
    agency_types = tax.choices("agency_type")
    tags, document = tax.choices("tag"), tax.choices("document")[0]
    cases: dict[str, dict] = {}
    for year in tax.years:
        for branch in tax.branches:
            categories = tax.choices("category", {"award": {"branch": branch}, "year": year})
            if not categories:
                continue
            for status in tax.choices("status"):
                n = len(cases)
                category = categories[n % len(categories)]
                levels = tax.branch_levels(branch)
                cid = f"gen-{year}-{branch}-{status}"
                meta = {
                    "id": cid, "title": f"ผลงานตัวอย่าง {n} ของสาขา{tax.branches[branch]['th']} ปี {year}",
                    "status": status, "year": year,
                    "award": {"branch": branch, "category": category, "level": levels[n % len(levels)]},
                    "agency": {"name": f"หน่วยงานตัวอย่างที่ {n}", "type": agency_types[n % len(agency_types)]},
                    "province": provinces[n % len(provinces)],
                    "pain_point": "ประชาชนต้องเดินทางไกลเพื่อรับบริการ", "solution": "เปิดบริการออนไลน์",
                    "impact": "ระยะเวลารอคอยลดลง",
                    "metrics": [{"label": "ระยะเวลารอคอย", "before": 180, "after": 40, "unit": "นาที"}],
                    "sdgs": [1 + n % 17], "tags": [tags[n % len(tags)]],
                    "sources": [{"document": document, "locator": "ตัวอย่างสำหรับการทดสอบ"}],
                }
                edition = tax.edition(tax.category(branch, category), year) or {}
                if (edition.get("builds_on") or {}).get("required"):
                    meta["builds_on_unrecorded"] = "แหล่งข้อมูลกล่าวถึงผลงานเดิมโดยไม่ระบุปี"
                cases[cid] = meta
    return cases


CASES = generated_cases(TAXONOMY)


def case_file(meta: dict) -> str:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n" + (BODY if meta["status"] == "full" else "")


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory):
    where = tmp_path_factory.mktemp("valid")
    project = make_project(where, {f"{m['year']}/{cid}.md": case_file(m) for cid, m in CASES.items()})
    out = where / "site"
    result = run_mkdocs(project, out, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project, out


def test_every_branch_status_and_year_is_generated_and_valid(valid_site):
    project, out = valid_site
    combos = {(m["year"], m["award"]["branch"], m["status"]) for m in CASES.values()}
    assert {year for year, _, _ in combos} == set(TAXONOMY.years)
    assert {status for _, _, status in combos} == set(TAXONOMY.choices("status"))
    assert {branch for _, branch, _ in combos} == {b for b in TAXONOMY.branches if any(
        TAXONOMY.choices("category", {"award": {"branch": b}, "year": y}) for y in TAXONOMY.years)}
    report = validate(cases_dir=project / "content" / "cases", data_dir=project / "data")
    assert [str(p) for p in report.problems] == []
    # Files = site pages = export rows.
    pages = {p.parent.name for p in (out / "cases").glob("*/*/index.html")}
    assert pages == set(CASES)
    rows = json.loads((out / "cases.json").read_text(encoding="utf-8"))
    assert sorted(row["id"] for row in rows) == sorted(CASES)


def test_the_internal_links_of_the_fixture_site_resolve(valid_site):
    _, out = valid_site
    problems = broken_links(out)
    assert problems == [], "\n".join(problems[:50])


def test_no_serious_or_critical_axe_violation_on_any_generated_page(valid_site, serve, browser, js_tools):  # noqa: F811
    _, out = valid_site
    base = serve(out)
    urls = ["", "browse/"] + [f"years/{year}/" for year in TAXONOMY.years if (out / "years" / str(year)).is_dir()]
    urls += [f"cases/{m['year']}/{cid}/" for cid, m in CASES.items()]
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    problems = {}
    try:
        for url in urls:
            tab.goto(base + url)
            tab.wait_for_load_state("load")
            found = run_axe(tab, js_tools["axe"])
            if found:
                problems[url or "/"] = found
    finally:
        context.close()
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_a_title_beside_a_status_badge_is_underlined(valid_site, serve, browser):
    """Colour alone (indigo on near-black, 2.3:1) does not tell the link from the badge's text."""
    _, out = valid_site
    base = serve(out)
    year = max(TAXONOMY.years)
    context = browser.new_context(locale="th-TH")
    tab = context.new_page()
    try:
        tab.goto(f"{base}years/{year}/")
        styles = tab.eval_on_selector_all(
            "td[data-label='ผลงาน']:has(.psea-status) > a",
            "links => links.map(a => getComputedStyle(a).textDecorationLine)")
    finally:
        context.close()
    summaries = [m for m in CASES.values() if m["year"] == year and m["status"] == "summary"]
    assert len(styles) == len(summaries) > 0
    assert set(styles) == {"underline"}
