"""Open data: cases.json, cases.csv, awards.json and case.schema.json as written by a real build."""
from __future__ import annotations

import csv
import io
import json

import frontmatter
import pytest

from macros import content, exports
from macros.schema import iter_fields
from macros.taxonomy import Taxonomy

from conftest import ROOT, make_project, run_mkdocs

CASE_FILES = sorted((ROOT / "content" / "cases").rglob("*.md"))
REQUIRED_KEYS = ("id", "title", "agency", "province", "year", "branch", "category", "level", "status", "url")
# Keys of a cases.json object that are not frontmatter fields as written.
ADDED_KEYS = {key for key, _th, _en in exports.derived_reference()}


def file_metas() -> dict[str, dict]:
    """id -> frontmatter of every case file, read with python-frontmatter and PyYAML: an oracle
    independent of the project's own reader (macros/casefile.py, yamlines.py)."""
    metas = {}
    for path in CASE_FILES:
        meta = frontmatter.load(path).metadata
        metas[meta["id"]] = meta
    return metas


def file_body(path) -> str:
    """The text after the frontmatter's closing `---` line, without the blank lines around it."""
    lines = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n")
    closing = lines.index("---", 1)
    return "\n".join(lines[closing + 1:]).strip("\n")


def without_nulls(value):
    """The open-data rule: a field written with no value (`field:`) is absent."""
    if isinstance(value, dict):
        return {k: without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [without_nulls(v) for v in value]
    return value


@pytest.fixture(scope="module")
def cases_json(built_site) -> list:
    return json.loads((built_site / "cases.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def csv_rows(built_site) -> tuple[list[str], list[dict]]:
    text = (built_site / "cases.csv").read_bytes().decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def test_the_corpus_is_not_empty():
    assert len(CASE_FILES) > 10


def test_cases_json_holds_every_case_file_once(cases_json):
    ids = [record["id"] for record in cases_json]
    assert len(ids) == len(CASE_FILES) == len(set(ids))
    assert set(ids) == {path.stem for path in CASE_FILES} == set(file_metas())


def test_cases_json_objects_carry_the_required_flat_keys(cases_json, built_site):
    for record in cases_json:
        for key in REQUIRED_KEYS:
            assert key in record, (record["id"], key)
        assert type(record["year"]) is int and 2546 <= record["year"] <= 2600
        for key in ("id", "title", "agency", "province", "branch", "category", "level", "status", "url"):
            assert isinstance(record[key], str) and record[key], (record["id"], key)
        assert record["branch"] == record["award"]["branch"]
        assert record["category"] == record["award"]["category"]
        assert record["level"] == record["award"]["level"]
        assert record["agency"] == record["agency_detail"]["name"]
        assert record["agency_type"] == record["agency_detail"]["type"]
        assert record["url"] == f"/cases/{record['year']}/{record['id']}/"
        assert (built_site / record["url"].strip("/") / "index.html").is_file(), record["url"]


def test_cases_json_keeps_every_frontmatter_field_as_written(cases_json):
    metas = file_metas()
    for record in cases_json:
        fields = {k: v for k, v in record.items() if k not in ADDED_KEYS}
        fields["agency"] = record["agency_detail"]
        assert fields == without_nulls(metas[record["id"]]), record["id"]


def test_cases_json_labels_and_body_come_from_the_data_and_the_file(cases_json):
    tax = Taxonomy.load()
    by_id = {r["id"]: r for r in cases_json}
    for path in CASE_FILES:
        record = by_id[path.stem]
        assert record["branch_th"] == tax.branches[record["branch"]]["th"]
        assert record["level_th"] == tax.levels[record["level"]]["th"]
        assert record["category_th"] == tax.category_label(record["branch"], record["category"], record["year"])
        assert record["body"] == file_body(path)


def test_cases_csv_starts_with_a_bom_and_has_one_row_per_case(built_site, csv_rows):
    raw = (built_site / "cases.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    header, rows = csv_rows
    assert len(rows) == len(CASE_FILES)
    assert sorted(row["id"] for row in rows) == sorted(path.stem for path in CASE_FILES)


def test_cases_csv_columns_come_from_the_schema(csv_rows):
    header, _rows = csv_rows
    assert len(header) == len(set(header))
    leaves = [path for path, f in iter_fields()
              if f.kind != "mapping" and not (f.kind == "list" and f.item is not None and f.item.children)]
    assert header[:len(leaves)] == leaves
    assert header[len(leaves):] == ["url", "branch_th", "category_th", "level_th"]
    assert {"award.branch", "agency.name", "metrics[].value", "sources[].locator", "tags"} <= set(header)


def test_cases_csv_cells_match_the_case_files(csv_rows):
    metas = file_metas()
    _header, rows = csv_rows
    checked_metrics = 0
    for row in rows:
        meta = metas[row["id"]]
        assert row["year"] == str(meta["year"])
        assert row["award.category"] == meta["award"]["category"]
        assert row["agency.name"] == meta["agency"]["name"]
        assert row["agency.parent"] == (meta["agency"].get("parent") or "")
        assert row["tags"] == " | ".join(meta.get("tags") or [])
        assert row["sdgs"] == " | ".join(str(s) for s in meta.get("sdgs") or [])
        assert row["url"] == f"/cases/{meta['year']}/{meta['id']}/"
        sources = meta["sources"]
        assert row["sources[].document"].split(" | ") == [s["document"] for s in sources]
        metrics = meta.get("metrics") or []
        if metrics:
            labels = row["metrics[].label"].split(" | ")
            units = row["metrics[].unit"].split(" | ")
            assert labels == [m["label"] for m in metrics]
            assert units == [m["unit"] for m in metrics]
            assert len(row["metrics[].value"].split(" | ")) == len(metrics)
            checked_metrics += 1
        else:
            assert row["metrics[].label"] == ""
    assert checked_metrics > 0


def test_awards_json_holds_the_taxonomy(built_site):
    data = json.loads((built_site / "awards.json").read_text(encoding="utf-8"))
    tax = Taxonomy.load()
    assert sorted(data) == ["awards", "provinces", "sources", "vocabularies"]
    assert [b["key"] for b in data["awards"]["branches"]] == list(tax.branches)
    assert [level["key"] for level in data["awards"]["levels"]] == list(tax.levels)
    assert [p["th"] for p in data["provinces"]] == list(tax.province_by_th)
    assert len([p for p in data["provinces"] if not p.get("scope")]) == 77  # besides ทั่วประเทศ, หลายจังหวัด / ไม่ระบุ
    assert [d["file"] for d in data["sources"]] == list(tax.document_by_file)
    assert set(data["vocabularies"]) >= {"tags", "agency_types", "status", "sdgs"}


def test_the_site_schema_is_the_repository_schema(built_site):
    assert (built_site / "case.schema.json").read_bytes() == (ROOT / "schema" / "case.schema.json").read_bytes()


@pytest.mark.site
def test_two_builds_write_identical_exports(tmp_path, built_site):
    again = tmp_path / "again"
    result = run_mkdocs(ROOT, again, "--strict")
    assert result.returncode == 0, result.stderr
    for name in exports.EXPORT_FILES:
        assert (again / name).read_bytes() == (built_site / name).read_bytes(), name


TRICKY_CASE = """\
---
id: tricky-values
title: "ชื่อมี, จุลภาค และ \\"อัญประกาศ\\""
title_en:
status: summary
year: 2567
award:
  branch: service
  category: driving-results
  level: not-stated
agency:
  name: หน่วยงานทดสอบ
  type: hospital
province: แม่ฮ่องสอน
metrics:
  - {label: "ความพึงพอใจ", before: 85, after: 95.70, unit: "%"}
  - {label: "ผู้รับบริการ", value: 13008, unit: ราย, note: "บรรทัดแรก\\nบรรทัดสอง"}
tags: [health]
sources:
  - document: 001_3702f4d108c3183e.txt
    locator: "บรรทัด 1"
---
"""


@pytest.mark.site
def test_a_fixture_case_survives_the_round_trip(tmp_path):
    project = make_project(tmp_path, {"2567/tricky-values.md": TRICKY_CASE})
    out = tmp_path / "out"
    result = run_mkdocs(project, out)  # not --strict: a one-case site warns that its search is thin
    assert result.returncode == 0, result.stderr
    (record,) = json.loads((out / "cases.json").read_text(encoding="utf-8"))
    assert record["title"] == 'ชื่อมี, จุลภาค และ "อัญประกาศ"'
    assert "title_en" not in record  # written with no value: absent, as for the validator
    assert record["metrics"][0]["after"] == 95.7 and record["metrics"][1]["value"] == 13008
    assert record["url"] == "/cases/2567/tricky-values/"
    text = (out / "cases.csv").read_bytes().decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(text, newline=""))
    assert row["title"] == record["title"]
    assert row["title_en"] == ""
    assert row["metrics[].before"] == "85 | "  # the second metric has no before: an empty item keeps the order
    assert row["metrics[].after"] == "95.70 | "  # as written in the file, not 95.7
    assert row["metrics[].value"] == " | 13008"
    assert row["metrics[].note"] == " | บรรทัดแรก\nบรรทัดสอง"
    assert row["category_th"] and row["branch_th"] == "รางวัลบริการภาครัฐ"


def test_full_addresses_when_a_site_url_is_given():
    site = content.load(ROOT, ROOT / "content")
    texts = exports.export_texts(site, site_url="https://example.org/kb/")
    records = json.loads(texts[exports.CASES_JSON])
    assert records and all(r["url"] == f"https://example.org/kb/cases/{r['year']}/{r['id']}/" for r in records)
    default = json.loads(exports.export_texts(site)[exports.CASES_JSON])
    assert [r["url"] for r in default] == [f"/cases/{r['year']}/{r['id']}/" for r in default]


def test_derived_keys_do_not_collide_with_frontmatter_fields_except_agency():
    from macros.schema import FIELD_NAMES
    assert ADDED_KEYS & set(FIELD_NAMES) == {"agency"}
    assert exports.AGENCY_DETAIL not in FIELD_NAMES


def test_the_csv_of_no_cases_is_just_the_header():
    text = exports.cases_csv([], Taxonomy.load())
    assert text == ",".join(exports.csv_columns()) + "\r\n"
