#!/usr/bin/env python3
"""Write a skeleton case file, derived from the case schema, and say what is left to fill in.

Run it and answer the questions (สถานะ, ปี, id, สาขา, ประเภท, ระดับ, ชื่อผลงาน, หน่วยงาน, ประเภทหน่วยงาน,
จังหวัด), or give the values as flags; a choice may be given by its key, its Thai label or its number:

    python scripts/new_case.py --status summary --year 2567 --id pang-mapha-smart-hospital \\
        --branch service --category driving-results --level ระดับดี \\
        --agency "โรงพยาบาลปางมะผ้า" --agency-type hospital --province แม่ฮ่องสอน \\
        --title "โรงพยาบาลอินเทอร์เน็ตของชนเผ่ากลางขุนเขาที่ห่างไกล"

Answers may also be piped in, one line per question. The skeleton's only problems are its
"เติมข้อมูล" placeholders; `python scripts/validate.py FILE` lists them. It never overwrites a file,
and refuses an id that any year already uses.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
from macros import schema
from macros.taxonomy import Taxonomy
from macros.validate import CASES_DIR, THAI_DIGITS, check_value

# The questions, in the order asked: status first, as it decides what a case must contain.
ASKED = (
    ("status", "status"), ("year", "year"), ("branch", "award.branch"), ("category", "award.category"),
    ("level", "award.level"), ("title", "title"), ("id", "id"), ("agency", "agency.name"),
    ("agency-type", "agency.type"), ("province", "province"),
)
FIELDS_BY_PATH = dict(schema.iter_fields())
PLACEHOLDER = schema.PLACEHOLDER
# Words in an agency's name that tell its type (a suggestion the contributor confirms with Enter).
AGENCY_WORDS = (
    ("โรงพยาบาล", "hospital"), ("รพ.", "hospital"), ("องค์การบริหารส่วน", "local-government"),
    ("อบต.", "local-government"), ("อบจ.", "local-government"), ("เทศบาล", "local-government"),
    ("เมืองพัทยา", "local-government"), ("กรุงเทพมหานคร", "local-government"),
    ("องค์การมหาชน", "public-organization"), ("โรงเรียน", "educational-institution"),
    ("มหาวิทยาลัย", "educational-institution"), ("วิทยาลัย", "educational-institution"),
    ("ตำรวจ", "police"), ("สภ.", "police"), ("กองทัพ", "armed-forces"), ("ทหาร", "armed-forces"),
    ("การไฟฟ้า", "state-enterprise"), ("การประปา", "state-enterprise"), ("การรถไฟ", "state-enterprise"),
    ("ที่ว่าการอำเภอ", "district"), ("อำเภอ", "district"), ("ศาลากลางจังหวัด", "province"),
    ("สำนักงานจังหวัด", "province"), ("จังหวัด", "province"), ("กระทรวง", "ministry"), ("กรม", "department"),
)


class Cancelled(Exception):
    """The contributor pressed Ctrl-C, or the answers ran out (Ctrl-D, the end of piped input)."""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    for flag, path in ASKED:
        field = FIELDS_BY_PATH[path]
        parser.add_argument(f"--{flag}", help=f"{field.th} / {field.en}")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="where cases live (default: content/cases)")
    return parser.parse_args(argv)


def options(taxonomy: Taxonomy, field: schema.Field, meta: dict) -> list[tuple[str, str]]:
    """(key, Thai label) of every allowed value of a choice field, given the answers so far."""
    assert field.choices is not None
    keys = taxonomy.choices(field.choices, meta)
    if field.choices == "category":  # named as in that year (taxonomy.CHOICES has one name per key)
        award = meta.get("award") or {}
        return [(k, taxonomy.category_label(str(award.get("branch")), k, meta.get("year"))) for k in keys]
    return [(k, taxonomy.choice_label(field.choices, k)) for k in keys]


def resolve(field: schema.Field, raw: str, taxonomy: Taxonomy, meta: dict):
    """The value meant by an answer: a key, a Thai label, a list number or (provinces) a typed prefix.
    Returns (value, note): note explains an answer that was not understood, or is None."""
    raw = raw.strip()
    if field.kind == "int":
        digits = raw.translate(THAI_DIGITS)
        return (int(digits), None) if digits.isdigit() else (raw, None)
    if field.choices == "province":
        return resolve_province(raw, taxonomy)
    if not field.choices:
        return raw, None
    pairs = options(taxonomy, field, meta)
    if raw.isdigit() and 1 <= int(raw) <= len(pairs):
        return pairs[int(raw) - 1][0], None
    for key, label in pairs:
        if raw.lower() == key.lower() or raw == label:
            return key, None
    return raw, None  # the validator says what is allowed


def resolve_province(raw: str, taxonomy: Taxonomy):
    by_th = taxonomy.province_by_th
    if raw in by_th:
        return raw, None
    for province in taxonomy.provinces:  # the romanised key or English name
        if raw.lower() in (province["key"], str(province.get("en", "")).lower()):
            return province["th"], None
    matches = [name for name in by_th if name.startswith(raw)] if raw else []
    if len(matches) == 1:
        return matches[0], None
    if matches:
        return raw, "มีหลายจังหวัดที่ขึ้นต้นเช่นนี้ (several provinces start so): " + ", ".join(matches)
    return raw, None


def suggested_type(name: str) -> str | None:
    return next((key for word, key in AGENCY_WORDS if word in name), None)


def ask(prompt: str) -> str:
    """One answer: a line typed in a terminal, or the next line of piped input."""
    try:
        answer = input(prompt)
    except EOFError:
        raise Cancelled("eof") from None
    if not sys.stdin.isatty():  # piped: show the answer, so the transcript reads as a dialogue
        print(answer)
    return answer


def show_options(field: schema.Field, taxonomy: Taxonomy, meta: dict) -> None:
    if field.choices == "province":
        print("  พิมพ์ชื่อจังหวัดหรือต้นชื่อ เช่น เชียงใ (type a province or its beginning); "
              "? แสดงทั้ง 77 จังหวัด", file=sys.stderr)
        return
    if field.choices:
        for number, (key, label) in enumerate(options(taxonomy, field, meta), 1):
            print(f"  {number}) {key} = {label}", file=sys.stderr)


def existing_case(cases_dir: Path, cid: str) -> Path | None:
    """A case of any year that uses this id already (file names are ids)."""
    return next(iter(sorted(Path(cases_dir).glob(f"*/{cid}.md"))), None)


def collect(args, taxonomy: Taxonomy) -> tuple[dict, list[str]]:
    """Values in the order asked: flags first, then questions for the rest; returns (meta, problems)."""
    meta: dict = {}
    problems: list[str] = []
    for flag, path in ASKED:
        field = FIELDS_BY_PATH[path]
        given = getattr(args, flag.replace("-", "_"))
        raw = given
        shown = False
        while True:
            default = suggested_type((meta.get("agency") or {}).get("name", "")) if path == "agency.type" else None
            if raw is None:
                if not shown:
                    show_options(field, taxonomy, meta)
                    shown = True
                hint = f" [Enter = {default}]" if default else ""
                raw = ask(f"{field.th} ({path}){hint}: ").strip() or default
                if raw is None:
                    continue
                if raw == "?" and field.choices == "province":
                    print("  " + ", ".join(taxonomy.province_by_th), file=sys.stderr)
                    raw = None
                    continue
            value, note = resolve(field, raw, taxonomy, meta)
            errors = [note] if note else [msg.th for _, msg in check_value(field, value, path, 0, meta, taxonomy)]
            if not errors and path == "id" and (other := existing_case(args.cases_dir, value)) is not None:
                errors = [f"id {value!r} มีอยู่แล้วที่ {other} — แก้: เลือก id อื่น หรือแก้ไขไฟล์นั้นแทน"]
            if errors and given is None:  # asked: say why, and ask again
                print("  " + "; ".join(errors), file=sys.stderr)
                raw = None
                continue
            problems += [f"--{flag}: {message}" for message in errors]
            set_path(meta, path, value)
            break
    return meta, problems


def set_path(meta: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for part in parents:
        meta = meta.setdefault(part, {})
    meta[last] = value


def yaml_scalar(value) -> str:
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML and always safe


def skeleton(meta: dict) -> str:
    """Frontmatter in schema order: given values filled in, what the contributor must still find
    marked "เติมข้อมูล", optional fields commented out (remove the # to use one)."""
    lines = ["---"]
    status = meta.get("status")

    def needed(field) -> bool:
        return field.required is True or (field.required == "full" and status == "full")

    def hint(field) -> str:
        return f"  # {'ต้องกรอก' if needed(field) else 'ถ้ามี ลบ # หน้าบรรทัดแล้วกรอก'}: {field.th}"

    def emit(fields, data, indent, parent_off=False):
        pad = " " * indent
        for field in fields:
            if not field.scaffold:
                continue
            off = parent_off or not needed(field)
            mark = "# " if off else ""  # at the start of the line: deleting it leaves the indentation right
            value = data.get(field.name)
            if field.kind == "mapping":
                lines.append(f"{mark}{pad}{field.name}:{hint(field)}")
                emit(field.children, value or {}, indent + 2, off)
            elif field.kind == "list" and field.item is not None and field.item.children:
                lines.append(f"{mark}{pad}{field.name}:{hint(field)}")
                # One example item: the required parts and those the schema gives an example for.
                first, *rest = [c for c in field.item.children
                                if c.scaffold and (c.required is True or c.example is not None)]
                lines.append(f"{mark}{pad}  - {first.name}: {blank(first, off)}  # {first.th}")
                for child in rest:
                    lines.append(f"{mark}{pad}    {child.name}: {blank(child, off)}  # {child.th}")
            elif field.kind == "list":
                lines.append(f"{mark}{pad}{field.name}: []{hint(field)}")
            elif value is not None:
                lines.append(f"{pad}{field.name}: {yaml_scalar(value)}")
            else:
                lines.append(f"{mark}{pad}{field.name}: {blank(field, off)}{hint(field)}")

    emit(schema.FIELDS, meta, 0)
    lines.append("---")
    if status == "full":
        for th, en in schema.FULL_CASE_SECTIONS:
            lines += ["", f"## {th}", "", f"<!-- {en}: เขียนจากแหล่งข้อมูล อ้างอิงได้ทุกข้อเท็จจริง -->", PLACEHOLDER]
    return "\n".join(lines) + "\n"


def blank(field: schema.Field, optional: bool) -> str:
    """What stands for a value still to come: the placeholder, or (commented-out lines) an empty one."""
    if optional:
        return '""' if field.kind == "str" else ""
    return yaml_scalar(PLACEHOLDER)


def main(argv=None) -> int:
    args = parse_args(argv)
    taxonomy = Taxonomy.load()
    try:
        meta, problems = collect(args, taxonomy)
    except (KeyboardInterrupt, Cancelled) as stop:
        print("\nยกเลิกแล้ว ไม่ได้เขียนไฟล์ (cancelled: no file written)"
              + ("; ให้คำตอบไม่ครบ (the answers ran out)" if isinstance(stop, Cancelled) else ""), file=sys.stderr)
        return 130 if isinstance(stop, KeyboardInterrupt) else 1
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("ไม่ได้เขียนไฟล์ (no file written)", file=sys.stderr)
        return 2
    path = Path(args.cases_dir) / str(meta["year"]) / f"{meta['id']}.md"
    if path.exists():
        print(f"{path} มีอยู่แล้ว ไม่ได้เขียนทับ (exists already: not overwritten) — แก้: เลือก --id อื่น "
              "หรือแก้ไขไฟล์นั้น", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(meta), encoding="utf-8")
    print(f"เขียนไฟล์แล้ว (wrote) {path}")
    print(f"แทนที่ทุก “{PLACEHOLDER}” ด้วยข้อมูลจากแหล่งข้อมูล และอ้างอิงแหล่งที่มาใน sources")
    print(f"จากนั้นตรวจด้วย (then check with): python scripts/validate.py {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
