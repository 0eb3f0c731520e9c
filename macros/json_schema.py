"""The JSON Schema of a case's frontmatter, generated from macros/schema.py FIELDS and the taxonomy.

One function, `case_schema(taxonomy)`, is the only source of the schema: the build writes it to
the site as `case.schema.json`, and `scripts/gen_schema.py` writes it to the repository as
`schema/case.schema.json` for editors and other tools. Never edit either file by hand.

Draft-07 is used because editors (the VS Code YAML extension among them) support it fully.

The schema says what the validator says about a single file's fields: types, required fields
(including those required only when `status: full`), patterns, lengths, ranges, allowed values,
which categories and levels each branch has and in which years a category was awarded. Some
checks need the file's path or the rest of the corpus and stay in the validator only: the id
matches the file name, the year matches the folder, ids are unique, `builds_on` names an earlier
case, and a full case's body has its four sections. `python scripts/validate.py` checks everything.
"""
from __future__ import annotations

import json
from typing import Any

from .schema import FIELDS, Field

DRAFT = "http://json-schema.org/draft-07/schema#"
TITLE = "รางวัลเลิศรัฐ: frontmatter ของกรณีศึกษา / Public Sector Excellence Awards: case frontmatter"
DESCRIPTION = (
    "สร้างจาก macros/schema.py และ data/*.yaml ด้วย scripts/gen_schema.py ห้ามแก้ไขไฟล์นี้ด้วยมือ "
    "ตรวจครบทุกข้อด้วย python scripts/validate.py\n"
    "Generated from macros/schema.py and data/*.yaml by scripts/gen_schema.py; do not edit by hand. "
    "Some checks (id equals the file name, year equals the folder, unique ids, builds_on targets, "
    "body sections) need the whole repository: run python scripts/validate.py for all of them."
)
# JSON Schema "type" for each schema.Field kind.
JSON_TYPES = {"str": "string", "int": "integer", "number": "number", "mapping": "object", "list": "array"}
# A value that is not only white space (the validator rejects empty text).
NOT_BLANK = r"\S"


def _description(f: Field) -> str:
    return f"{f.th}\n{f.en}"


def _nullable(schema: dict) -> dict:
    """Allow `null` too: the validator treats `field:` with no value as an absent optional field."""
    schema = dict(schema)
    schema["type"] = [schema["type"], "null"]
    if "enum" in schema:
        schema["enum"] = [*schema["enum"], None]
    return schema


def field_schema(f: Field, taxonomy, nullable: bool = False) -> dict:
    """The JSON Schema of one field's value."""
    out: dict = {"type": JSON_TYPES[f.kind], "description": _description(f)}
    if f.kind == "mapping":
        out["properties"] = {c.name: field_schema(c, taxonomy, nullable=c.required is not True)
                             for c in f.children}
        required = [c.name for c in f.children if c.required is True]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
    elif f.kind == "list" and f.item is not None:
        out["items"] = field_schema(f.item, taxonomy)
        if f.required:
            out["minItems"] = 1
    elif f.kind == "str":
        if not f.choices:
            out["minLength"] = 1
            out["pattern"] = f.pattern or NOT_BLANK
        if f.max_chars:
            out["maxLength"] = f.max_chars
    if f.minimum is not None:
        out["minimum"] = f.minimum
    if f.maximum is not None:
        out["maximum"] = f.maximum
    if f.choices:
        out["enum"] = list(taxonomy.all_choices(f.choices))
    if f.example is not None:
        out["examples"] = [f.example]
    return _nullable(out) if nullable else out


def _award_is(branch: str, category: str | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {"branch": {"const": branch}}
    required = ["branch"]
    if category is not None:
        properties["category"] = {"const": category}
        required.append("category")
    award: dict[str, Any] = {"properties": properties, "required": required}
    return {"properties": {"award": award}, "required": ["award"]}


def _rules(taxonomy) -> list[dict]:
    """Rules across fields, as the validator applies them (see macros/validate/)."""
    full = [f.name for f in FIELDS if f.required == "full"]
    rules: list[dict[str, Any]] = [
        {  # pain_point, solution, impact: required, and not empty, when status is full
            "if": {"properties": {"status": {"const": "full"}}, "required": ["status"]},
            "then": {"required": full, "properties": {name: {"type": "string"} for name in full}},
        },
        {  # builds_on or builds_on_unrecorded, not both
            "not": {"required": ["builds_on", "builds_on_unrecorded"],
                    "properties": {"builds_on": {"type": "string"}, "builds_on_unrecorded": {"type": "string"}}},
        },
    ]
    for branch in taxonomy.branches:
        categories = taxonomy.categories(branch)
        rules.append({  # a branch's own categories and levels
            "if": _award_is(branch),
            "then": {"properties": {"award": {"properties": {
                "category": {"enum": list(categories)},
                "level": {"enum": list(taxonomy.branch_levels(branch))},
            }}}},
        })
        for key, category in categories.items():
            rules.append({  # the years in which the category was awarded
                "if": _award_is(branch, key),
                "then": {"properties": {"year": {"enum": taxonomy.category_years(category)}}},
            })
            expansion_years = sorted(y for e in category.get("editions", []) or []
                                     if (e.get("builds_on") or {}).get("required") for y in e.get("years", []))
            if expansion_years:
                condition = _award_is(branch, key)
                condition["properties"]["year"] = {"enum": expansion_years}
                condition["required"].append("year")
                named: list[dict[str, Any]] = [{"required": [name], "properties": {name: {"type": "string"}}}
                                               for name in ("builds_on", "builds_on_unrecorded")]
                rules.append({"if": condition, "then": {"anyOf": named}})  # expansions name the earlier work
    return rules


def case_schema(taxonomy) -> dict:
    """The JSON Schema (draft-07) of a case file's frontmatter."""
    properties = {}
    for f in FIELDS:
        properties[f.name] = field_schema(f, taxonomy, nullable=f.required is not True)
    metrics = properties["metrics"]["items"]
    # A metric needs `value`, or both `before` and `after`.
    metrics["anyOf"] = [{"required": ["value"]}, {"required": ["before", "after"]}]
    # A source names a document of data/sources.yaml, or the title and link of another one.
    properties["sources"]["items"]["anyOf"] = [{"required": ["document"]}, {"required": ["title", "url"]}]
    return {
        "$schema": DRAFT,
        "title": TITLE,
        "description": DESCRIPTION,
        "type": "object",
        "properties": properties,
        "required": [f.name for f in FIELDS if f.required is True],
        "additionalProperties": False,
        "allOf": _rules(taxonomy),
    }


def dumps(schema: dict) -> str:
    """The schema as deterministic text: sorted keys, Thai kept readable, a final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

