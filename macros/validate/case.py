"""One case file's checks: what could be read, its characters, its fields, its place and its body.
Yields (line, Msg) or (line, Msg, column); cross-file rules are in corpus.py."""
from __future__ import annotations

import re

from .. import schema
from ..casefile import CaseFile
from ..schema import FIELDS
from .body import check_body
from .fields import check_characters, check_mapping
from .problems import Msg, line_of
from .syntax import file_problems


def check_case(case: CaseFile, tax):
    """Yield (line, Msg[, column]) for one parsed case file (file-local checks only)."""
    yield from file_problems(case)
    if case.meta_text:
        yield from check_characters(case.meta, case.meta_text, 2)
    meta = case.meta
    if meta is None:
        return
    yield from check_mapping(FIELDS, meta, "", meta, tax, 2)
    cid, year = meta.get("id"), meta.get("year")
    if isinstance(cid, str) and re.fullmatch(schema.ID_PATTERN, cid) and case.path.stem != cid:
        yield line_of(meta, "id", 2), Msg(
            f"id {cid!r} ต้องตรงกับชื่อไฟล์ — แก้: เปลี่ยนชื่อไฟล์เป็น {cid}.md หรือแก้เป็น id: {case.path.stem}",
            f"id {cid!r} must match the file name: rename the file to {cid}.md or set id: {case.path.stem}")
    folder = case.path.resolve().parent.name
    if isinstance(year, int) and not isinstance(year, bool) and schema.YEAR_MIN <= year <= schema.YEAR_MAX \
            and folder != str(year):
        yield line_of(meta, "year", 2), Msg(
            f"กรณีศึกษาปี {year} ต้องอยู่ในโฟลเดอร์ content/cases/{year}/ แต่ไฟล์นี้อยู่ในโฟลเดอร์ {folder!r} — "
            f"แก้: ย้ายไฟล์ไปไว้ที่ content/cases/{year}/{case.path.name}",
            f"a case of year {year} belongs in content/cases/{year}/, but this file is in a folder named {folder!r}")
    yield from _builds_on(meta, year, tax)
    yield from _inferred(meta)
    yield from check_body(case, meta)


def _inferred(meta):
    """Each inferred value is marked once, and only where the case gives that value."""
    items = meta.get("inferred")
    if not isinstance(items, list):
        return
    seen = set()
    for i, item in enumerate(items):
        path = item.get("field") if isinstance(item, dict) else None
        if path not in schema.INFERABLE_FIELDS:
            continue  # reported by the field checks
        line = line_of(item, "field", line_of(items, i, 2))
        if path in seen:
            yield line, Msg(f"inferred[{i}].field {path!r} ถูกระบุซ้ำ — แก้: ใช้หนึ่งรายการต่อหนึ่งช่อง พร้อมเหตุผลเดียว",
                            f"inferred[{i}].field {path!r} is marked twice: give one item per field, with one reason")
        seen.add(path)
        value = meta
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            yield line, Msg(f"inferred[{i}].field {path!r} ไม่มีค่าในกรณีศึกษานี้ — แก้: ระบุเฉพาะช่องที่กรณีศึกษามีค่า "
                            "หรือลบรายการนี้",
                            f"inferred[{i}].field {path!r} has no value in this case: mark only a value the case "
                            "gives, or delete the item")


def _builds_on(meta, year, tax):
    award = meta.get("award")
    if isinstance(award, dict) and isinstance(year, int):
        branch, category = award.get("branch"), award.get("category")
        cat = tax.category(branch, category) if isinstance(branch, str) and isinstance(category, str) else None
        edition = tax.edition(cat, year) if cat else None
        window = (edition or {}).get("builds_on") or {}
        if window.get("required") and not meta.get("builds_on") and not meta.get("builds_on_unrecorded"):
            yield line_of(award, "category", 2), Msg(
                f"ประเภท {category!r} เป็นการขยายผลจากผลงานที่เคยได้รับรางวัล — แก้: ใส่ builds_on เป็น id "
                "ของกรณีศึกษาเดิม (หรือใส่ builds_on_unrecorded ว่าแหล่งข้อมูลกล่าวถึงผลงานเดิมอย่างไร "
                "หากยังไม่มีในฐานข้อมูล)",
                f"category {category!r} expands an earlier winning work: set builds_on to that case's id (or "
                "builds_on_unrecorded to what the source says of it, if it is not in the knowledge base yet)")
    if meta.get("builds_on") and meta.get("builds_on_unrecorded"):
        yield line_of(meta, "builds_on_unrecorded", 2), Msg(
            "ใส่ได้เพียงอย่างเดียว: builds_on หรือ builds_on_unrecorded — แก้: ลบบรรทัดใดบรรทัดหนึ่ง",
            "set either builds_on or builds_on_unrecorded, not both")
