"""Field rules: each frontmatter value against its definition in macros.schema and the allowed
values from macros.taxonomy. Yields (line, Msg) or (line, Msg, column)."""
from __future__ import annotations

import re
import unicodedata

from .. import schema
from ..schema import Field
from .problems import Msg, allowed_list, closest, line_of, suggest, type_name

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_OFFSET = 543

# Characters a reader cannot see (or that reorder what they see): a title that looks right may then
# not match a search, an id may carry them into a URL. U+0085 (NEL) is a line break to YAML, which
# turns it into a space. A BOM at the very start of a file is dropped when the file is read.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
                       "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]")


def char_name(char: str) -> str:
    """U+200B ZERO WIDTH SPACE: the code point and its Unicode name (control characters have none)."""
    name = unicodedata.name(char, "") or {"\x85": "NEXT LINE (NEL)", "\t": "CHARACTER TABULATION"}.get(
        char, "CONTROL CHARACTER")
    return f"U+{ord(char):04X} {name}"


def invisible_message(where: str, char: str, column: int, in_value: bool = False) -> Msg:
    name = char_name(char)
    if in_value:  # written as an escape such as "\u200b": the column of the value, not of the line
        return Msg(f"{where} มีอักขระที่มองไม่เห็น {name} ที่ตัวอักษรที่ {column} ของค่า — "
                   "แก้: ลบอักขระนี้ออก (มักติดมาเมื่อคัดลอกจากเว็บหรือเอกสาร)",
                   f"{where} contains the invisible character {name} at character {column} of the value; "
                   "delete it (it often comes with text copied from a web page or a document)")
    return Msg(f"{where} มีอักขระที่มองไม่เห็น {name} ที่คอลัมน์ {column} — "
               "แก้: ลบอักขระนี้ออก (มักติดมาเมื่อคัดลอกจากเว็บหรือเอกสาร)",
               f"{where} contains the invisible character {name} at column {column}; "
               "delete it (it often comes with text copied from a web page or a document)")


def _slug_hint(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug if slug and re.fullmatch(schema.ID_PATTERN, slug) else ""


def placeholder_message(where: str, what_th: str, what_en: str) -> Msg:
    return Msg(f"{where} ยังเป็นค่าตัวอย่าง “{schema.PLACEHOLDER}” — แก้: แทนที่ด้วยข้อมูลจริงจากแหล่งข้อมูล ({what_th})",
               f"{where} is still the placeholder “{schema.PLACEHOLDER}”: replace it with what the source "
               f"says ({what_en})")


def check_value(f: Field, value, path: str, line: int, meta: dict, tax):
    """Check one value against its field definition; recurse into mappings and lists."""
    if isinstance(value, str) and value.strip() == schema.PLACEHOLDER:  # left by scripts/new_case.py
        yield line, placeholder_message(path, f.th, f.en)
        return
    if f.kind == "mapping":
        if not isinstance(value, dict):
            names = ", ".join(c.name for c in f.children)
            yield line, Msg(f"{path} ต้องเป็นชุดช่องย่อย {names} แต่พบ{type_name(value, 'th')} — แก้: เขียนแต่ละช่อง"
                            f"ในบรรทัดของตัวเอง ใต้ {f.name}: โดยเยื้องเข้าไป 2 ช่องว่าง",
                            f"{path} must be a mapping with fields {names}, got {type_name(value)}")
            return
        yield from check_mapping(f.children, value, path + ".", meta, tax, line)
        return
    if f.kind == "list":
        if not isinstance(value, list):
            yield line, Msg(f"{path} ต้องเป็นรายการ แต่พบ{type_name(value, 'th')} {value!r} — แก้: เขียนรายการละบรรทัด "
                            "ขึ้นต้นด้วย `- ` และเยื้องเข้าไป 2 ช่องว่าง",
                            f"{path} must be a list (one `- item` per line), got {type_name(value)} {value!r}")
            return
        if f.required and not value:
            yield line, Msg(f"{path} ต้องมีอย่างน้อยหนึ่งรายการ — แก้: เพิ่มรายการขึ้นต้นด้วย `- `",
                            f"{path} must have at least one item")
        for i, item in enumerate(value):
            if f.item is not None:
                yield from check_value(f.item, item, f"{path}[{i}]", line_of(value, i, line), meta, tax)
        return
    if f.kind == "int":
        if isinstance(value, str) and value.strip().translate(THAI_DIGITS).isdigit():
            fixed = value.strip().translate(THAI_DIGITS)
            yield line, Msg(f"{path} ต้องเขียนเป็นตัวเลขอารบิก พบ {value!r} — แก้: เขียน {fixed}",
                            f"{path} must be written with Arabic digits as a number, got {value!r}; write {fixed}")
            return
        if not isinstance(value, int) or isinstance(value, bool):
            yield line, Msg(f"{path} ต้องเป็นจำนวนเต็ม พบ{type_name(value, 'th')} {value!r} — "
                            f"แก้: เขียนตัวเลขล้วน เช่น {f.example if f.example is not None else f.minimum or 1}",
                            f"{path} must be a whole number, got {type_name(value)} {value!r}")
            return
    elif f.kind == "number":
        if isinstance(value, str):
            plain = value.strip().translate(THAI_DIGITS).replace(",", "")
            number = re.fullmatch(r"-?\d+(\.\d+)?", plain)
            yield line, Msg(
                f"{path} ต้องเป็นตัวเลขล้วน เช่น 1234.5 (ไม่มีจุลภาคคั่นหลัก ไม่มีหน่วย: ใส่หน่วยในช่อง unit) "
                f"พบข้อความ {value!r} — แก้: " + (f"เขียน {plain}" if number else
                                                  "คัดลอกตัวเลขจากแหล่งข้อมูล หรือลบบรรทัดนี้"),
                f"{path} must be a plain number such as 1234.5 (no thousands separators, "
                f"no units: put the unit in `unit`), got text {value!r}" + (f"; write {plain}" if number else ""))
            return
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            yield line, Msg(f"{path} ต้องเป็นตัวเลข พบ{type_name(value, 'th')} {value!r} — แก้: เขียนตัวเลขล้วน เช่น 1234.5",
                            f"{path} must be a number, got {type_name(value)} {value!r}")
            return
    elif f.kind == "str":
        yield from _check_text(f, value, path, line, meta, tax)
        return
    if f.minimum is not None and f.maximum is not None and not f.minimum <= value <= f.maximum:
        if f.name == "year" and 1900 <= value <= 2100:
            be = value + BE_OFFSET
            place = f" และเก็บไฟล์ไว้ใน content/cases/{be}/" if path == "year" else ""
            place_en = f" and keep the file in content/cases/{be}/" if path == "year" else ""
            yield line, Msg(f"{path} ต้องเป็นปีพุทธศักราช เช่น 2567 พบ {value} ซึ่งเป็นปีคริสต์ศักราช — "
                            f"แก้: บวก 543 เขียน {be}{place}",
                            f"{path} must be a Buddhist-era year such as 2567, got {value} "
                            f"(a Common-era year): add 543, write {be}{place_en}")
        else:
            yield line, Msg(f"{path} ต้องอยู่ระหว่าง {f.minimum} ถึง {f.maximum} พบ {value} — แก้: ใช้ค่าในช่วงนี้",
                            f"{path} must be between {f.minimum} and {f.maximum}, got {value}")
        return
    yield from _check_choice(f, value, path, line, meta, tax)


def _check_text(f: Field, value, path, line, meta, tax):
    if not isinstance(value, str):
        yield line, Msg(f"{path} ต้องเป็นข้อความ พบ{type_name(value, 'th')} {value!r} — "
                        f'แก้: ครอบค่าด้วยเครื่องหมายคำพูด เช่น {f.name}: "{value}"',
                        f"{path} must be text, got {type_name(value)} {value!r}")
        return
    if not value.strip():
        required = f.required is True or (f.required == "full" and meta.get("status") == "full")
        yield line, Msg(f"{path} ยังว่างอยู่ — แก้: กรอกข้อมูลจากแหล่งข้อมูล" + ("" if required else " หรือลบบรรทัดนี้"),
                        f"{path} is empty: fill it in" + ("" if required else ", or delete the line"))
        return
    if INVISIBLE.search(value):
        return  # reported with its column by the character check; one message is enough
    if f.pattern and not re.fullmatch(f.pattern, value):
        if "pattern_th" in f.extra:  # a rule of its own (a source's url), worded by the schema
            yield line, Msg(f"{path} ต้องเป็น{f.extra['pattern_th']} (เช่น {f.example}) พบ {value!r} — "
                            "แก้: คัดลอกลิงก์เต็มจากแถบที่อยู่ของเบราว์เซอร์",
                            f"{path} must be {f.extra.get('pattern_en', f.extra['pattern_th'])} "
                            f"(such as {f.example}), got {value!r}")
            return
        hint = _slug_hint(value)
        yield line, Msg(f"{path} ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีดเดี่ยว (เช่น {f.example}) พบ {value!r} — "
                        "แก้: " + (f"เขียน {hint}" if hint else "ตั้งชื่อใหม่จากคำภาษาอังกฤษคั่นด้วยขีด"),
                        f"{path} must be lowercase ASCII letters, digits and single hyphens "
                        f"(such as {f.example or 'pang-mapha-smart-hospital'!s}), got {value!r}")
        return
    if f.max_chars and len(value) > f.max_chars:
        if f.max_chars >= schema.SUMMARY_MAX_CHARS:
            yield line, Msg(f"{path} ต้องยาว 1–3 ประโยค (ไม่เกิน {f.max_chars} ตัวอักษร) พบ {len(value)} ตัวอักษร — "
                            "แก้: ย่อให้สั้นลง แล้วย้ายรายละเอียดไปไว้ในเนื้อหา",
                            f"{path} must be one to three sentences (at most {f.max_chars} characters), "
                            f"got {len(value)} characters; move the rest into the body")
        else:
            yield line, Msg(f"{path} ยาวได้ไม่เกิน {f.max_chars} ตัวอักษร พบ {len(value)} ตัวอักษร — "
                            "แก้: ย่อให้สั้นลง แล้วย้ายรายละเอียดไปไว้ในเนื้อหา",
                            f"{path} must be at most {f.max_chars} characters, got {len(value)}; "
                            "shorten it and move the details into the body")
        return
    yield from _check_choice(f, value, path, line, meta, tax)


def _check_choice(f, value, path, line, meta, tax):
    if not f.choices:
        return
    if f.choices == "category" and not _award_context_valid(meta, tax):
        return  # the branch or year is wrong already: one message is enough
    allowed = tax.choices(f.choices, meta)
    if value not in allowed:
        yield line, _choice_message(f, path, value, allowed, meta, tax)


def _award_context_valid(meta, tax) -> bool:
    award, year = meta.get("award"), meta.get("year")
    branch = award.get("branch") if isinstance(award, dict) else None
    return (isinstance(branch, str) and branch in tax.branches and isinstance(year, int)
            and not isinstance(year, bool) and schema.YEAR_MIN <= year <= schema.YEAR_MAX)


def _choice_message(f, path, value, allowed, meta, tax) -> Msg:
    near = suggest(value, allowed)
    if f.choices == "category":
        award = meta.get("award") or {}
        branch, year = award.get("branch"), meta.get("year")
        cat = tax.category(branch, value) if isinstance(branch, str) else None
        if cat is not None:
            years = tax.category_years(cat)
            return Msg(f"{path} {value!r} ของสาขา {branch!r} มีเฉพาะปี {allowed_list(years, lang='th')} ไม่มีในปี {year} "
                       f"— แก้: ใช้ประเภทของสาขา {branch!r} ในปี {year}: {allowed_list(allowed, lang='th') or 'ไม่มี'}",
                       f"{path} {value!r} of branch {branch!r} is awarded only in {allowed_list(years)}, "
                       f"not in {year}; categories of {branch!r} in {year}: {allowed_list(allowed) or 'none'}")
        return Msg(f"{path} ต้องเป็นประเภทรางวัลของสาขา {branch!r} ในปี {year} พบ {value!r}{near.th} — "
                   f"แก้: ใช้ค่าใดค่าหนึ่ง: {allowed_list(allowed, lang='th') or 'ไม่มี'}",
                   f"{path} must be a category of branch {branch!r} in {year}, got {value!r}"
                   f"{near.en}; allowed: {allowed_list(allowed) or 'none'}")
    if f.choices == "level":
        branch = (meta.get("award") or {}).get("branch")
        return Msg(f"{path} ต้องเป็นระดับรางวัลของสาขา {branch!r} พบ {value!r}{near.th} — "
                   f"แก้: ใช้ค่าใดค่าหนึ่ง: {allowed_list(allowed, lang='th')}",
                   f"{path} must be a level of branch {branch!r}, got {value!r}{near.en}; "
                   f"allowed: {allowed_list(allowed)}")
    if f.choices == "province":
        by_key = tax.province_by_key.get(str(value).lower()) if isinstance(value, str) else None
        close = closest(value, allowed)
        fix_th = f"เขียนชื่อภาษาไทย {by_key['th']!r}" if by_key else (
            f"เขียน {close!r}" if close else "เขียนชื่อจังหวัดภาษาไทยเต็ม เช่น 'เชียงใหม่'")
        hint_en = f"; write the Thai name {by_key['th']!r}" if by_key else near.en
        scopes_th, scopes_en = " หรือ ".join(tax.scopes), ", or ".join(map(repr, tax.scopes))
        return Msg(f"{path} ต้องเป็นชื่อจังหวัดภาษาไทยหนึ่งใน 77 จังหวัด หรือ {scopes_th} พบ {value!r} — แก้: {fix_th}",
                   f"{path} must be one of the 77 provinces in Thai, or {scopes_en}, got {value!r}{hint_en}")
    if f.choices == "inferable_field":
        return Msg(f"{path} ต้องเป็นชื่อช่องที่หน้าผลงานแสดง ({allowed_list(allowed, lang='th')}) พบ {value!r}{near.th} — "
                   "แก้: ใช้ชื่อช่องจากรายการนี้ ความไม่แน่ใจอื่น ๆ ให้อธิบายไว้ใน notes",
                   f"{path} must name a value the case page shows, as a dotted path ({allowed_list(allowed)}), "
                   f"got {value!r}{near.en}; explain any other doubt in notes")
    return Msg(f"{path} ต้องเป็นค่าใดค่าหนึ่งใน {allowed_list(allowed, lang='th')} พบ {value!r}{near.th} — "
               "แก้: เลือกค่าจากรายการนี้",
               f"{path} must be one of {allowed_list(allowed)}, got {value!r}{near.en}")


def check_mapping(fields, data: dict, prefix: str, meta: dict, tax, line: int):
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            near = suggest(key, names)
            yield line_of(data, key, line), Msg(
                f"ไม่มีช่องชื่อ {prefix}{key}{near.th} — แก้: แก้ชื่อช่อง หรือลบบรรทัดนี้; "
                f"ช่องที่ใช้ได้: {', '.join(names)}",
                f"unknown field {prefix}{key}{near.en}; allowed fields: {', '.join(names)}")
    status = meta.get("status")
    for f in fields:
        required = f.required is True or (f.required == "full" and status == "full")
        if f.name not in data or data[f.name] is None:
            if required:
                why_th = " (ต้องมีเมื่อ status เป็น full)" if f.required == "full" else ""
                why_en = " (required when status is full)" if f.required == "full" else ""
                yield line, Msg(f"ขาดช่องที่ต้องมี {prefix}{f.name}{why_th}: {f.th} — แก้: เพิ่มบรรทัด {f.name}: "
                                "แล้วกรอกข้อมูลจากแหล่งข้อมูล",
                                f"missing required field {prefix}{f.name}{why_en}: {f.en}")
            continue
        yield from check_value(f, data[f.name], prefix + f.name, line_of(data, f.name, line), meta, tax)
    if prefix.startswith("metrics[") and data.get("value") is None and not (
            data.get("before") is not None and data.get("after") is not None):
        where = prefix.rstrip(".")
        yield line_of(data, "value", line), Msg(
            f"{where}.value ยังว่างอยู่ และไม่มีทั้ง before และ after — แก้: คัดลอกตัวเลขจากแหล่งข้อมูลลงใน value "
            "(หรือใส่ทั้ง before และ after) หรือลบผลลัพธ์นี้ทั้งรายการ",
            f"{where} needs `value`, or both `before` and `after`")
    if prefix.startswith("sources[") and data.get("document") is None and not (
            data.get("title") is not None and data.get("url") is not None):
        where = prefix.rstrip(".")
        yield line, Msg(
            f"{where} ต้องมี document (ไฟล์ที่อยู่ใน data/sources.yaml) หรือมีทั้ง title และ url ของเอกสารที่เผยแพร่ — "
            "แก้: ใส่ชื่อไฟล์เอกสารใน document หรือใส่ชื่อเอกสารและลิงก์",
            f"{where} needs `document` (a file listed in data/sources.yaml), "
            "or both `title` and `url` of the published document")


def check_characters(meta, meta_text: str, first_line: int):
    """Invisible characters anywhere in the frontmatter: in the text as written (line and column),
    and in values that wrote them as escapes ("\\u200b")."""
    lines = meta_text.split("\n")
    literal = set()
    for offset, raw in enumerate(lines):
        for match in INVISIBLE.finditer(raw):
            literal.add(match.group())
            yield first_line + offset, invisible_message(_field_on(lines, offset), match.group(),
                                                         match.start() + 1), match.start() + 1
    if meta is not None:
        yield from _escaped(meta, "", first_line, literal)


def _field_on(lines, offset) -> str:
    """The field a frontmatter line belongs to: its own key, or the nearest key above it."""
    for raw in reversed(lines[:offset + 1]):
        found = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:", raw)
        if found:
            return found.group(1)
    return "frontmatter"


def _escaped(value, path, line, literal):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _escaped(item, f"{path}.{key}" if path else str(key), line_of(value, key, line), literal)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _escaped(item, f"{path}[{i}]", line_of(value, i, line), literal)
    elif isinstance(value, str):
        for match in INVISIBLE.finditer(value):
            if match.group() not in literal:
                yield line, invisible_message(path, match.group(), match.start() + 1, in_value=True)
