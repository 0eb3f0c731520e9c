#!/usr/bin/env python3
"""Write a skeleton case file, derived from the case schema, and say what is left to fill in.

Give values as flags, or run it in a terminal and it asks for the ones you left out:

    python scripts/new_case.py --year 2567 --id pang-mapha-smart-hospital \\
        --branch service --category driving-results --level not-stated \\
        --agency "โรงพยาบาลปางมะผ้า" --agency-type hospital --province แม่ฮ่องสอน \\
        --title "โรงพยาบาลอินเทอร์เน็ตของชนเผ่ากลางขุนเขาที่ห่างไกล"

It never overwrites an existing file.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _bootstrap  # noqa: F401

from macros import schema
from macros.taxonomy import Taxonomy
from macros.validate import CASES_DIR, check_value

# Flags for the fields a skeleton needs before anything else can be checked: (flag, dotted field).
ASKED = (
    ("year", "year"), ("id", "id"), ("status", "status"), ("branch", "award.branch"),
    ("category", "award.category"), ("level", "award.level"), ("title", "title"),
    ("agency", "agency.name"), ("agency-type", "agency.type"), ("province", "province"),
)
FIELDS_BY_PATH = dict(schema.iter_fields())


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    for flag, path in ASKED:
        field = FIELDS_BY_PATH[path]
        parser.add_argument(f"--{flag}", help=f"{field.th} / {field.en}")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="where cases live (default: content/cases)")
    return parser.parse_args(argv)


def set_path(meta: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for part in parents:
        meta = meta.setdefault(part, {})
    meta[last] = value


def convert(field: schema.Field, raw: str):
    if field.kind == "int":
        try:
            return int(raw)
        except ValueError:
            return raw
    return raw


def collect(args, taxonomy: Taxonomy, interactive: bool) -> tuple[dict, list[str]]:
    """Values in schema order, asking for missing ones in a terminal; returns (meta, problems)."""
    meta: dict = {}
    problems: list[str] = []
    for flag, path in ASKED:
        field = FIELDS_BY_PATH[path]
        raw = getattr(args, flag.replace("-", "_"))
        while True:
            if raw is None and path == "status":
                raw = "full"
            if raw is None and interactive:
                hint = ""
                if field.choices:
                    allowed = taxonomy.choices(field.choices, meta)
                    hint = f" [{', '.join(map(str, allowed[:30]))}{', …' if len(allowed) > 30 else ''}]"
                raw = input(f"{field.th} ({field.en}){hint}: ").strip() or None
                if raw is None:
                    continue
            if raw is None:
                problems.append(f"--{flag} is required: {field.en}")
                break
            value = convert(field, raw)
            errors = [message for _, message in check_value(field, value, path, 0, meta, taxonomy)]
            if errors and interactive and getattr(args, flag.replace("-", "_")) is None:
                print("  " + "; ".join(errors), file=sys.stderr)
                raw = None
                continue
            problems += [f"--{flag}: {message}" for message in errors]
            set_path(meta, path, value)
            break
    return meta, problems


def yaml_scalar(value) -> str:
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML and always safe


def empty(field: schema.Field) -> str:
    """An empty value the contributor replaces: "" for text, nothing (null) for numbers."""
    return '""' if field.kind == "str" else ""


def skeleton(meta: dict) -> str:
    """Frontmatter in schema order: given values filled in, the rest empty with a hint to fill."""
    lines = ["---"]

    def emit(fields, data, indent):
        pad = " " * indent
        for field in fields:
            if not field.scaffold:
                continue
            value = data.get(field.name)
            need = "ต้องกรอก" if field.required is True else ("ต้องกรอกสำหรับกรณีศึกษาฉบับเต็ม" if field.required == "full" else "ถ้ามี")
            hint = f"  # {need}: {field.th}"
            if field.kind == "mapping":
                lines.append(f"{pad}{field.name}:{hint}")
                emit(field.children, value or {}, indent + 2)
            elif field.kind == "list" and field.item is not None and field.item.children:
                lines.append(f"{pad}{field.name}:{hint}")
                # One example item: the required parts and those the schema gives an example for.
                first, *rest = [c for c in field.item.children if c.required is True or c.example is not None]
                lines.append(f"{pad}  - {first.name}: {empty(first)}  # {first.th}")
                for child in rest:
                    lines.append(f"{pad}    {child.name}: {empty(child)}  # {child.th}")
            elif field.kind == "list":
                lines.append(f"{pad}{field.name}: []{hint}")
            elif value is not None:
                lines.append(f"{pad}{field.name}: {yaml_scalar(value)}")
            else:
                lines.append(f'{pad}{field.name}: ""{hint}')

    emit(schema.FIELDS, meta, 0)
    lines.append("---")
    if meta.get("status") == "full":
        for th, en in schema.FULL_CASE_SECTIONS:
            lines += ["", f"## {th}", "", f"<!-- {en}: เขียนจากแหล่งข้อมูล อ้างอิงได้ทุกข้อเท็จจริง -->"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    args = parse_args(argv)
    taxonomy = Taxonomy.load()
    meta, problems = collect(args, taxonomy, interactive=sys.stdin.isatty())
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print("no file written", file=sys.stderr)
        return 2
    path = Path(args.cases_dir) / str(meta["year"]) / f"{meta['id']}.md"
    if path.exists():
        print(f"{path} exists already: not overwritten. Choose another --id, or edit that file.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(skeleton(meta), encoding="utf-8")
    print(f"wrote {path}")
    print("Fill in the fields marked ต้องกรอก (and, for a full case, the four body sections), citing")
    print(f"the source of every fact in `sources`. Then run: python scripts/validate.py {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
