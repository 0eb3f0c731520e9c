"""A proposal's answers -> the text of a case file, with Thai messages for what cannot become one.

Answers are keyed by the issue-form ids of .github/ISSUE_TEMPLATE/propose-case.yml (macros.fieldref)
and written as GitHub shows them in an issue: a dropdown's option text (`service — รางวัลบริการภาครัฐ`),
several options joined by `, `, one list item per line with its parts separated by `|`.
scripts/issue_to_case.py reads them from an issue body; the /propose/ page
(overrides/assets/js/propose.js) collects the same answers and follows the same rules, which
form_rules() hands it, so that both write the same bytes (tests/test_propose_page.py checks it).

Every value is written as a YAML double-quoted scalar with its special characters escaped, or
as a plain number: nothing in an answer can add a field, a line or markup to the file. The file
has no body: a proposal becomes a summary record (status summary) unless it says otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import fieldref
from .schema import FIELDS, Field, iter_fields

NO_RESPONSE = "_No response_"
OPTION_SEPARATOR = " — "  # fieldref.choice_options: `key — Thai label`
PART_SEPARATOR = "|"
DEFAULT_STATUS = "summary"
ID_MAX_CHARS = 60
# Trimmed from both ends of an answer (the same set in propose.js, so both trim alike).
TRIM = " \t\n\r\f\v\u00a0\u200b\u3000\ufeff"
_TRIM_RE = re.compile(f"\\A[{re.escape(TRIM)}]+|[{re.escape(TRIM)}]+\\Z")
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
NUMBER = re.compile(r"(-?)0*([0-9]+)(\.[0-9]+)?")  # [0-9]: Python's \d takes any script's digits
# Characters a double-quoted YAML scalar must not carry as they are: the quote and backslash,
# control characters, YAML 1.1 line breaks (NEL, LS, PS), lone surrogates, BOM and non-characters.
_ESCAPE = re.compile("[\"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")

# Thai messages, `{name}` filled in; propose.js receives the same templates (form_rules).
MESSAGES = {
    "required": "ต้องกรอก",
    "integer": "ต้องเป็นจำนวนเต็ม เช่น {example} แต่ได้ «{value}»",
    "number": "ต้องเป็นตัวเลขล้วน เช่น 1234.5 (ไม่ใส่จุลภาคหรือหน่วย ใส่หน่วยในช่องหน่วย) แต่ได้ «{value}»",
    "comma": "ไม่ต้องใส่จุลภาคคั่นหลักพัน: เขียน {fixed} แทน «{value}»",
    "year": "ต้องเป็นปี พ.ศ. ระหว่าง {minimum} ถึง {maximum} แต่ได้ {value}",
    "year_ce": "ต้องเป็นปี พ.ศ. แต่ {value} เป็นปี ค.ศ.: บวก 543 เป็น {fixed}",
    "range": "ต้องอยู่ระหว่าง {minimum} ถึง {maximum} แต่ได้ {value}",
    "pattern_id": "ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีดเดี่ยว เช่น {example} แต่ได้ «{value}»",
    "pattern_url": "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https:// หรือ http:// และไม่มีช่องว่าง แต่ได้ «{value}»",
    "max_chars": "ยาวได้ไม่เกิน {maximum} ตัวอักษร แต่มี {count} ตัวอักษร",
    "choice": "«{value}» ไม่ใช่ตัวเลือกของช่องนี้",
    "category_year": "ประเภท «{value}» ไม่มีในสาขานี้ในปี {year}: เลือกประเภทที่มีในปีนั้น",
    "no_id": "ใส่ id หรือชื่อผลงานภาษาอังกฤษ (ใช้สร้าง id ให้)",
    "row_parts": "แถวที่ {row}: มี {count} ส่วน แต่ใส่ได้ไม่เกิน {maximum} ส่วน ({parts}) คั่นด้วย |",
    "row_required": "แถวที่ {row}: ต้องกรอก{part}",
    "row_number": "แถวที่ {row}: {part} ต้องเป็นตัวเลขล้วน เช่น 1234.5 แต่ได้ «{value}»",
    "row_value": "แถวที่ {row}: ต้องมีค่าที่วัดได้ หรือทั้งค่าก่อนและค่าหลังพัฒนา",
    "row_pattern_url": "แถวที่ {row}: {part} ต้องขึ้นต้นด้วย https:// หรือ http:// แต่ได้ «{value}»",
    "row_max_chars": "แถวที่ {row}: {part} ยาวได้ไม่เกิน {maximum} ตัวอักษร",
    "row_pipe": "ห้ามใช้เครื่องหมาย | ในช่องนี้ (ใช้คั่นส่วนของแถว)",
}
# Fields a proposer may leave empty although a case has them (fieldref.FORM_OPTIONAL): the id is
# made from the English title, the status is `summary`.
FORM_OPTIONAL = fieldref.FORM_OPTIONAL


def short(f: Field) -> str:
    """A field's Thai name without its explanation: `ค่าที่วัดได้ (ตัวเลขล้วน …)` -> `ค่าที่วัดได้`."""
    return re.split(r" \(| เช่น ", f.th)[0]


def message(name: str, **values) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), MESSAGES[name])


# Answers ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    id: str  # issue-form id
    path: str  # field path, such as award.branch
    field: Field
    required: bool  # the proposer must answer it


def questions() -> list[Question]:
    fields = dict(iter_fields(FIELDS))
    return [Question(fieldref.form_id(path), path, fields[path],
                     fields[path].required is True and path not in FORM_OPTIONAL)
            for path in fieldref.form_paths()]


def trim(text: str) -> str:
    return _TRIM_RE.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))


def option_key(answer: str) -> str:
    """The key of a dropdown answer: `service — รางวัลบริการภาครัฐ` -> `service`."""
    return trim(answer.split(OPTION_SEPARATOR, 1)[0])


def option_keys(answer: str, allowed: list[str]) -> list[str]:
    """Keys of a multiple-choice answer (options joined by `, `). A piece that is neither `key — label`
    nor a key is the rest of a label that had a comma in it."""
    keys: list[str] = []
    for piece in re.split(r", *", answer):
        piece = trim(piece)
        if not piece:
            continue
        if OPTION_SEPARATOR in piece or piece in allowed or not keys:
            keys.append(option_key(piece))
    return keys


def make_id(title_en: str) -> str:
    """An id from an English title: ASCII letters and digits, lower case, single hyphens, at most
    ID_MAX_CHARS characters, cut at a hyphen."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", title_en).lower().strip("-")
    if len(slug) > ID_MAX_CHARS:
        cut = slug[:ID_MAX_CHARS + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:ID_MAX_CHARS]
    return slug.strip("-")


def number_text(raw: str) -> str | None:
    """A number as it will be written: Thai digits made Arabic, leading zeros dropped (YAML would
    read 010 as octal), decimals kept as written; None when it is not a plain number."""
    match = NUMBER.fullmatch(trim(raw).translate(THAI_DIGITS))
    return None if match is None else match.group(1) + match.group(2) + (match.group(3) or "")


@dataclass
class Built:
    """What answers become: the case's values (text of each scalar as it is written), problems as
    (question id, Thai message), and for each question the lines of the file that hold its answer."""
    meta: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    lines: dict = field(default_factory=dict)  # file line -> question id
    text: str = ""


class _Number(str):
    """A number's text, written without quotes."""


def _number(q: Question, f: Field, raw: str, problems: list, row: int | None = None):
    text = number_text(raw)
    if text is None:
        plain = trim(raw).translate(THAI_DIGITS).replace(",", "")
        if row is None and "," in raw and number_text(plain) is not None and f.kind == "number":
            problems.append((q.id, message("comma", value=trim(raw), fixed=number_text(plain))))
        elif row is not None:
            problems.append((q.id, message("row_number", row=row, part=short(f), value=trim(raw))))
        elif f.kind == "int":
            problems.append((q.id, message("integer", value=trim(raw), example=f.example or 2567)))
        else:
            problems.append((q.id, message("number", value=trim(raw))))
        return None
    if f.kind == "int" and "." in text:
        problems.append((q.id, message("integer", value=trim(raw), example=f.example or 2567)))
        return None
    if f.minimum is not None and f.maximum is not None and row is None:
        value = int(text)
        if not f.minimum <= value <= f.maximum:
            if f.name == "year" and 1900 <= value <= 2100:
                problems.append((q.id, message("year_ce", value=value, fixed=value + 543)))
            elif f.name == "year":
                problems.append((q.id, message("year", value=value, minimum=f.minimum, maximum=f.maximum)))
            else:
                problems.append((q.id, message("range", value=value, minimum=f.minimum, maximum=f.maximum)))
            return None
    return _Number(text)


def _text(q: Question, f: Field, value: str, problems: list, row: int | None = None) -> str | None:
    if f.pattern and not re.fullmatch(f.pattern, value):
        kind = "url" if f.name == "url" else "id"
        if row is not None:
            problems.append((q.id, message("row_pattern_url", row=row, part=short(f), value=value)))
        else:
            problems.append((q.id, message(f"pattern_{kind}", value=value, example=f.example)))
        return None
    if f.max_chars and len(value) > f.max_chars:
        problems.append((q.id, message("row_max_chars", row=row, part=short(f), maximum=f.max_chars) if row is not None
                         else message("max_chars", maximum=f.max_chars, count=len(value))))
        return None
    return value


def _rows(q: Question, raw: str, problems: list) -> list:
    assert q.field.item is not None  # a list of mappings
    parts = fieldref.row_fields(q.field.item)
    items = []
    lines = [line for line in (trim(line) for line in raw.split("\n")) if line]
    for number, line in enumerate(lines, start=1):
        cells = [trim(cell) for cell in line.split(PART_SEPARATOR)]
        if len(cells) > len(parts):
            problems.append((q.id, message("row_parts", row=number, count=len(cells), maximum=len(parts),
                                           parts=" | ".join(short(p) for p in parts))))
            continue
        item, ok = {}, True
        for part, cell in zip(parts, cells, strict=False):  # missing parts are empty
            if not cell:
                continue
            value = (_number(q, part, cell, problems, number) if part.kind in ("int", "number")
                     else _text(q, part, cell, problems, number))
            ok = ok and value is not None
            if value is not None:
                item[part.name] = value
        for part in parts:
            if part.required is True and part.name not in item and ok:
                problems.append((q.id, message("row_required", row=number, part=short(part))))
                ok = False
        if ok and q.path == "metrics" and "value" not in item and not ("before" in item and "after" in item):
            problems.append((q.id, message("row_value", row=number)))
            ok = False
        if ok and q.path == "sources" and not ("title" in item and "url" in item):
            problems.append((q.id, message("row_required", row=number,
                                           part=" และ ".join(short(p) for p in parts if p.name in ("title", "url")))))
            ok = False
        items.append(item)
    return items


def _set(meta: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for part in parents:
        meta = meta.setdefault(part, {})
    meta[last] = value


def _choices(taxonomy, f: Field, meta: dict) -> list[str]:
    return [str(c) for c in taxonomy.choices(f.choices, meta)]


def build(answers: dict, taxonomy) -> Built:
    """Answers (question id -> text as in the issue) -> the case's values, its file text and the
    problems; the text is empty when there is any problem."""
    out = Built()
    meta, problems = out.meta, out.problems
    for q in questions():
        f = q.field
        raw = trim(answers.get(q.id) or "")
        if raw == NO_RESPONSE:
            raw = ""
        if not raw:
            if q.required:
                problems.append((q.id, message("required")))
            continue
        value: Any
        if f.kind == "list" and f.item is not None and f.item.children:
            value = _rows(q, raw, problems)
        elif f.kind == "list" and f.item is not None and f.item.choices:
            allowed = _choices(taxonomy, f.item, meta)
            value = []
            for key in option_keys(raw, allowed):
                if key not in allowed:
                    problems.append((q.id, message("choice", value=key)))
                else:
                    value.append(_Number(key) if f.item.kind == "int" else key)
        elif f.kind == "list":
            value = [line for line in (trim(line) for line in raw.split("\n")) if line]
        elif f.choices:
            key = option_key(raw)
            allowed = _choices(taxonomy, f, meta)
            if key not in allowed:
                branch = (meta.get("award") or {}).get("branch")
                cat = taxonomy.category(branch, key) if f.choices == "category" else None
                problems.append((q.id, message("category_year", value=key, year=meta.get("year")) if cat
                                 else message("choice", value=key)))
                continue
            value = key
        elif f.kind in ("int", "number"):
            value = _number(q, f, raw, problems)
            if value is not None and q.path == "year":
                meta["year"] = int(value)  # the categories of a year depend on it
                continue
        else:
            value = _text(q, f, raw, problems)
        if value is not None and value != []:
            _set(meta, q.path, value)
    if "status" not in meta:
        meta["status"] = DEFAULT_STATUS
    if "id" not in meta and not any(qid == "id" for qid, _ in problems):
        made = make_id(meta.get("title_en", ""))
        if made:
            meta["id"] = made
        else:
            problems.append(("id", message("no_id")))
    if not problems:
        out.text, out.lines = case_text(meta)
    return out


# The file ---------------------------------------------------------------------------------------
def quote(text: str) -> str:
    """A YAML double-quoted scalar: `"` and `\\` escaped, newlines as \\n, and every character that
    YAML does not take as it is (controls, line separators, BOM, surrogates) as \\uXXXX."""
    def escape(match):
        char = match.group(0)
        return {'"': '\\"', "\\": "\\\\", "\n": "\\n"}.get(char) or f"\\u{ord(char):04X}"
    return '"' + _ESCAPE.sub(escape, text) + '"'


def _scalar(value) -> str:
    if isinstance(value, _Number) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    return quote(value)


def case_text(meta: dict) -> tuple[str, dict]:
    """The file: frontmatter in schema order, one `key: value` per line; no body. Returns the text
    and, for each line, the question whose answer it holds."""
    lines, owners = ["---"], {}

    def add(line: str, owner: str):
        lines.append(line)
        owners[len(lines)] = owner

    for f in FIELDS:
        if f.name not in meta:
            continue
        value = meta[f.name]
        if f.kind == "mapping":
            add(f"{f.name}:", fieldref.form_id(f"{f.name}.{f.children[0].name}"))
            for child in f.children:
                if child.name in value:
                    add(f"  {child.name}: {_scalar(value[child.name])}", fieldref.form_id(f"{f.name}.{child.name}"))
        elif f.kind == "list":
            add(f"{f.name}:", f.name)
            for item in value:
                if isinstance(item, dict):
                    for i, (key, part) in enumerate(item.items()):
                        add(f"{'  - ' if i == 0 else '    '}{key}: {_scalar(part)}", f.name)
                else:
                    add(f"  - {_scalar(item)}", f.name)
        else:
            add(f"{f.name}: {_scalar(value)}", f.name)
    lines.append("---")
    return "\n".join(lines) + "\n", owners
