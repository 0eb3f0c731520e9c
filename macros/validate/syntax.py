"""File rules: encoding, the frontmatter's `---` lines and YAML syntax, told in plain words.

macros.casefile reads the file and records what it could not read (in English); here each of those
becomes a Thai-first message with its fix. YAML's own errors are parser jargon ("mapping values are
not allowed here"), so the offending line is looked at to name what a contributor did: a tab, an
indentation that does not line up, a colon inside a value, curly quotes, a quote never closed.
"""
from __future__ import annotations

import re

import yaml

from .problems import Msg

SMART_QUOTES = re.compile("[\u201c\u201d\u2018\u2019\u201e\u201f\u2033\u2036]")
_KEY_VALUE = re.compile(r"^(\s*)(?:-\s+)?([^\s:#'\"][^:#]*?)\s*:(?:\s+(.*))?$")


def file_problems(case):
    """(line, Msg[, column]) for what macros.casefile could not read."""
    for line, message in case.problems:
        if message.startswith("file must be UTF-8"):
            byte = re.search(r"byte (\d+)", message)
            yield line, Msg(f"ไฟล์ต้องบันทึกเป็นข้อความ UTF-8: อ่านไบต์ที่ {byte.group(1) if byte else '?'} ไม่ได้ — "
                            "แก้: บันทึกไฟล์ใหม่โดยเลือกการเข้ารหัส UTF-8", message)
        elif message.startswith("file must start with"):
            yield line, Msg("ไฟล์ต้องขึ้นต้นด้วยบรรทัด --- ที่เปิดส่วนข้อมูล (frontmatter) — แก้: เพิ่มบรรทัด --- "
                            "เป็นบรรทัดแรกของไฟล์", message)
        elif message.startswith("frontmatter opened with"):
            yield line, Msg("ส่วนข้อมูลที่เปิดด้วย --- ในบรรทัดที่ 1 ไม่ได้ปิด — แก้: เพิ่มบรรทัด --- "
                            "ต่อจากช่องสุดท้าย ก่อนเนื้อหา", message)
        elif message.startswith("frontmatter must be a mapping"):
            yield line, Msg("ส่วนข้อมูลระหว่างบรรทัด --- ต้องเป็นช่องแบบ ชื่อ: ค่า บรรทัดละช่อง — แก้: เขียนเช่น "
                            "id: ชื่อไฟล์ แล้ว title: ชื่อผลงาน ในบรรทัดถัดไป", message)
        elif message.startswith("invalid YAML: the control character"):
            continue  # the invisible-character check names it, with its column
        elif message.startswith("invalid YAML"):
            yield from yaml_problem(case.meta_text, line, message)
        else:  # pragma: no cover - every message of casefile is handled above
            yield line, Msg(message, message)


def _marked_error(text: str):
    """PyYAML's own error for the text, with its marks (macros.yamlines keeps only the words)."""
    try:
        for _ in yaml.parse(text, Loader=yaml.SafeLoader):  # syntax only: no values are built
            pass
    except yaml.MarkedYAMLError as err:
        return err
    except (yaml.YAMLError, RecursionError, ValueError):
        return None
    return None


def yaml_problem(meta_text: str, line: int | None, message: str):
    """A YAML syntax error of the frontmatter (which starts on line 2) in plain words."""
    lines = meta_text.split("\n")

    def text_of(number):
        return lines[number - 2] if number is not None and 2 <= number < len(lines) + 2 else ""

    alias = re.search(r"the alias (\*\S+) is not allowed", message)
    if alias:
        yield line, Msg(f"ใช้ alias {alias.group(1)} ไม่ได้ในไฟล์กรณีศึกษา — แก้: เขียนค่าเต็มแทน", message)
        return
    err = _marked_error(meta_text)
    problem_text = (err.problem or "") if err else ""
    context = (err.context or "") if err else ""
    where = err.problem_mark.line + 2 if err and err.problem_mark else line
    started = err.context_mark.line + 2 if err and err.context_mark else None
    tab_line = next((n for n in range(2, len(lines) + 2) if "\t" in text_of(n)), None)
    if "'\\t'" in problem_text or (tab_line is not None and tab_line <= (where or tab_line)):
        number = tab_line or where
        yield number, Msg("บรรทัดนี้มีอักขระแท็บ (Tab) ซึ่ง YAML ไม่รับ — แก้: ลบแท็บ แล้วเว้นด้วยช่องว่าง (space) "
                          "2 ช่องต่อหนึ่งระดับ",
                          "invalid YAML: a tab character; YAML indents with spaces only: replace the tab "
                          "with two spaces per level"), text_of(number).find("\t") + 1
        return
    if "quoted scalar" in context and started is not None:
        raw = text_of(started)
        if SMART_QUOTES.search(raw):
            yield from _smart(started, raw)
            return
        quote = raw[err.context_mark.column] if err.context_mark.column < len(raw) else '"'
        yield started, Msg(f"เปิดเครื่องหมายคำพูด {quote} แล้วไม่ได้ปิด — แก้: ใส่ {quote} ปิดท้ายค่าในบรรทัดเดียวกัน",
                           f"invalid YAML: the quote {quote} opened on this line is never closed; "
                           f"end the value with {quote} on the same line"), err.context_mark.column + 1
        return
    if "flow sequence" in context or "flow mapping" in context:
        number = started or where
        raw = text_of(number)
        bracket = "[" if "sequence" in context else "{"
        closing = "]" if bracket == "[" else "}"
        key = (_KEY_VALUE.match(raw) or [None, None, "ค่า"])[2]
        yield number, Msg(f"ค่าของ {key} ขึ้นต้นด้วย {bracket} ซึ่ง YAML อ่านเป็นรายการที่ต้องปิดด้วย {closing} — "
                          f'แก้: ถ้าเป็นข้อความ ให้ครอบทั้งค่าด้วยเครื่องหมายคำพูด "..." หรือปิดด้วย {closing}',
                          f"invalid YAML: the value of {key} starts with {bracket}, which YAML reads as a list "
                          f'closed by {closing}; if it is text, put the whole value in double quotes "..."'), \
            raw.find(bracket) + 1
        return
    raw = text_of(where)
    for number in (where, started):
        if number is not None and SMART_QUOTES.search(text_of(number)):
            yield from _smart(number, text_of(number))
            return
    match = _KEY_VALUE.match(raw)
    if "mapping values are not allowed" in problem_text and match and match.group(3) and \
            re.search(r":(\s|$)", match.group(3)):
        key = match.group(2)
        yield where, Msg(f"ค่าของ {key} มีเครื่องหมาย : ตามด้วยช่องว่าง ซึ่ง YAML อ่านเป็นช่องใหม่ — "
                         f'แก้: ครอบทั้งค่าด้วยเครื่องหมายคำพูด เช่น {key}: "{match.group(3)}"',
                         f"invalid YAML: the value of {key} contains a colon followed by a space, which YAML "
                         f'reads as a new field; put the whole value in double quotes: {key}: "{match.group(3)}"')
        return
    if any(words in problem_text for words in ("mapping values are not allowed", "expected <block end>",
                                                "did not find expected key", "could not find expected ':'")):
        indent = len(raw) - len(raw.lstrip(" "))
        above = next((text_of(n) for n in range((where or 2) - 1, 1, -1) if text_of(n).strip()), "")
        above_indent = len(above) - len(above.lstrip(" "))
        yield where, Msg(f"การเยื้องบรรทัดนี้ ({indent} ช่องว่าง) ไม่ตรงกับระดับของช่อง (บรรทัดก่อนหน้าเยื้อง "
                         f"{above_indent} ช่องว่าง) — แก้: ช่องในระดับเดียวกันต้องเยื้องเท่ากัน ช่องย่อยเยื้องเพิ่ม 2 ช่องว่าง",
                         f"invalid YAML: this line is indented by {indent} spaces, which does not line up with "
                         f"the field above (indented by {above_indent}); fields of one level are indented "
                         "alike, a sub-field by two more spaces"), indent + 1
        return
    detail = message.removeprefix("invalid YAML: ")
    yield line, Msg(f"อ่านส่วนข้อมูล (YAML) ไม่ได้: {detail} — แก้: ตรวจเครื่องหมายคำพูด โคลอน (:) "
                    "และวงเล็บในบรรทัดนี้และบรรทัดก่อนหน้า", message)


def _smart(number: int, raw: str):
    found = SMART_QUOTES.search(raw)
    column = found.start() + 1 if found else 1
    yield number, Msg("บรรทัดนี้ใช้เครื่องหมายคำพูดแบบโค้ง (“ ” หรือ ‘ ’) ซึ่ง YAML ไม่ถือเป็นเครื่องหมายคำพูด — "
                      'แก้: เปลี่ยนเป็นเครื่องหมายคำพูดตรง " "',
                      "invalid YAML: curly quotes (“ ” or ‘ ’) are not quotes to YAML; use straight "
                      'double quotes " " instead'), column
