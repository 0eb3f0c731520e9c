"""Open data written under the site root after a build: cases.json, cases.csv, awards.json and
case.schema.json (see content/open-data.md, which documents these files for their users).

Every file is deterministic: the same content gives the same bytes (keys sorted, cases in the
corpus order, which is fixed by year, Thai title and id).

cases.json is an array with one object per case, each on a line of its own:
- every frontmatter field the case sets, as written (nested `award`, lists of metrics and sources);
  a field written with no value (`field:`) counts as absent, as it does for the validator;
- flat copies of the most used nested values as top-level keys (DERIVED below): `branch`,
  `category`, `level` from `award`, `agency` (the agency's name) and `agency_type`, the Thai labels
  of the award keys, and `url`;
- because `agency` is the name, the frontmatter's whole `agency` mapping is kept as `agency_detail`;
- `body`: the case's Markdown text below the frontmatter.

`url` is the page's path from the site root, such as /cases/2567/pang-mapha-smart-hospital/.
The site lives under its site_url (https://psea-kb.github.io/psea-kb/), so a full address is that
address followed by `url` without its leading slash. Pass `site_url` to write full addresses instead.

cases.csv has one row per case, UTF-8 with a byte order mark (so Excel shows Thai), columns
derived from the schema (`csv_columns`): one per scalar field (nested fields as `award.branch`),
one per list of plain values (items joined with " | "), and one per field of a list of mappings
(`metrics[].value`: the value of every metric, in order, joined with " | ", so the n-th item of
`metrics[].label` belongs with the n-th item of `metrics[].value`). Then url and the Thai labels.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from . import fieldref, json_schema
from .render.escape import e
from .render.urls import case_url
from .schema import FIELDS, iter_fields
from .structure.case import Case
from .structure.corpus import plain

CASES_JSON, CASES_CSV, AWARDS_JSON, SCHEMA_JSON = "cases.json", "cases.csv", "awards.json", "case.schema.json"
EXPORT_FILES = (CASES_JSON, CASES_CSV, AWARDS_JSON, SCHEMA_JSON)
LIST_SEPARATOR = " | "
AGENCY_DETAIL = "agency_detail"


def _label(mapping: dict, key) -> str:
    return (mapping.get(key) or {}).get("th", "")


# Keys computed for every case: (name, Thai description, English description, value(case, taxonomy, url)).
DERIVED = (
    ("url", "ที่อยู่ของหน้าผลงาน นับจากรากของเว็บไซต์", "The case page's path from the site root",
     lambda case, tax, url: url),
    ("branch", "สาขารางวัล (สำเนาของ award.branch)", "Award branch (copy of award.branch)",
     lambda case, tax, url: case.branch),
    ("category", "ประเภทรางวัล (สำเนาของ award.category)", "Award category (copy of award.category)",
     lambda case, tax, url: case.category),
    ("level", "ระดับรางวัล (สำเนาของ award.level)", "Award level (copy of award.level)",
     lambda case, tax, url: case.level),
    ("agency", "ชื่อหน่วยงาน (สำเนาของ agency.name)", "Agency name (copy of agency.name)",
     lambda case, tax, url: case.agency.name),
    ("agency_type", "ประเภทหน่วยงาน (สำเนาของ agency.type)", "Agency type (copy of agency.type)",
     lambda case, tax, url: case.agency_type),
    ("branch_th", "ชื่อสาขารางวัลภาษาไทย", "Thai name of the branch",
     lambda case, tax, url: _label(tax.branches, case.branch)),
    ("category_th", "ชื่อประเภทรางวัลภาษาไทยตามที่ใช้ในปีนั้น", "Thai name of the category as used that year",
     lambda case, tax, url: tax.category_label(case.branch, case.category, case.year)),
    ("level_th", "ชื่อระดับรางวัลภาษาไทย", "Thai name of the level",
     lambda case, tax, url: _label(tax.levels, case.level)),
)
# cases.csv already has award.* and agency.* columns: it adds only these derived columns.
CSV_DERIVED = ("url", "branch_th", "category_th", "level_th")


def page_url(case: Case, site_url: str | None = None) -> str:
    path = "/" + case_url(case)
    return site_url.rstrip("/") + path if site_url else path


def _without_nulls(value):
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def case_record(case: Case, taxonomy, site_url: str | None = None) -> dict:
    """One case as an object of cases.json."""
    record = _without_nulls(plain(case.meta))
    record[AGENCY_DETAIL] = record.pop("agency")
    url = page_url(case, site_url)
    for name, _th, _en, value in DERIVED:
        record[name] = value(case, taxonomy, url)
    record["body"] = case.body.strip("\n")
    return record


# CSV --------------------------------------------------------------------------------------------
def csv_columns() -> list[str]:
    """The schema's columns, in the field reference's order, then the derived ones."""
    columns = []
    for path, f in iter_fields(FIELDS):
        if f.kind == "mapping" or (f.kind == "list" and f.item is not None and f.item.children):
            continue  # a container: its fields have columns of their own
        columns.append(path)
    return columns + list(CSV_DERIVED)


def _text(value) -> str:
    """A value as a cell: numbers as written in the case file (95.70 stays 95.70)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return getattr(value, "written", "") or repr(value)
    return str(value)


def _cell(meta: dict, path: str) -> str:
    if "[]." in path:  # a field of a list of mappings: one value per item
        list_name, _, child = path.partition("[].")
        items = meta.get(list_name) or []
        return LIST_SEPARATOR.join(_text(item.get(child) if isinstance(item, dict) else None) for item in items)
    value: Any = meta
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    return _text(value)


def cases_csv(cases, taxonomy, site_url: str | None = None) -> str:
    columns = csv_columns()
    derived = {name: value for name, _th, _en, value in DERIVED}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for case in cases:
        url = page_url(case, site_url)
        writer.writerow([_text(derived[c](case, taxonomy, url)) if c in derived else _cell(case.meta, c)
                         for c in columns])
    return out.getvalue()


# Files ------------------------------------------------------------------------------------------
def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _json_array(records) -> str:
    """A JSON array with one compact object per line: a change to a case is one changed line, and
    writing thousands is quick (with `indent`, json runs its pure-Python encoder)."""
    lines = (json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for record in records)
    return "[\n" + ",\n".join(lines) + "\n]\n"


def taxonomy_record(taxonomy) -> dict:
    """awards.json: the award system and every list a case's values come from."""
    return {
        "awards": plain(taxonomy.awards),
        "vocabularies": plain(taxonomy.vocabularies),
        "provinces": plain(taxonomy.provinces),
        "sources": plain(taxonomy.documents),
    }


def export_texts(site, site_url: str | None = None) -> dict[str, str]:
    """File name -> text of every export."""
    cases, taxonomy = site.corpus.cases, site.taxonomy
    return {
        CASES_JSON: _json_array(case_record(case, taxonomy, site_url) for case in cases),
        CASES_CSV: "\ufeff" + cases_csv(cases, taxonomy, site_url),
        AWARDS_JSON: _json(taxonomy_record(taxonomy)),
        SCHEMA_JSON: json_schema.dumps(json_schema.case_schema(taxonomy)),
    }


def write_exports(site, site_dir: Path, site_url: str | None = None) -> None:
    """Write the open-data files into the built site's root."""
    site_dir = Path(site_dir)
    site_dir.mkdir(parents=True, exist_ok=True)
    for name, text in export_texts(site, site_url).items():
        # newline="" keeps the CSV's CRLF row ends as they are on every platform.
        with open(site_dir / name, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


# The open-data page (content/open-data.md) ------------------------------------------------------
def derived_reference() -> list[tuple[str, str, str]]:
    """(key, Thai, English) of every cases.json key that is not a frontmatter field as written."""
    return [(name, th, en) for name, th, en, _value in DERIVED] + [
        (AGENCY_DETAIL, "ช่อง agency ทั้งกลุ่มตามที่เขียนในไฟล์ผลงาน (name, name_en, type, parent)",
         "The case file's whole agency mapping (name, name_en, type, parent)"),
        ("body", "เนื้อเรื่องของผลงานในรูปแบบ Markdown", "The case's story, in Markdown"),
    ]


def open_data_fields(taxonomy, which: str = "case") -> str:
    """The open-data page's tables: `case` = the frontmatter fields, `derived` = the keys exports add."""
    if which == "case":
        return fieldref.html_reference(taxonomy)
    if which == "derived":
        csv_columns_set = set(CSV_DERIVED)
        body = "".join(
            f'<tr><td class="psea-nowrap"><code>{e(key)}</code></td>'
            f'<td>{"cases.json, cases.csv" if key in csv_columns_set else "cases.json"}</td>'
            f'<td>{e(th)}<br><span lang="en">{e(en)}</span></td></tr>' for key, th, en in derived_reference())
        return ('<table><thead><tr><th>ชื่อ</th><th>อยู่ใน</th><th>คำอธิบาย</th></tr></thead>'
                f"<tbody>{body}</tbody></table>")
    raise ValueError(f"open_data_fields: unknown table {which!r}; use 'case' or 'derived'")
