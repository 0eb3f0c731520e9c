"""Body rules: markup a stranger's pull request must not bring into a public-sector page, and the
four sections of a full case. Yields (line, Msg)."""
from __future__ import annotations

import html
import re

from .. import schema
from ..casefile import CaseFile
from .problems import Msg

# The body is checked as a whole: a tag or a Markdown attribute list (`{: onclick=…}`, the attr_list
# extension) may span lines, and `<svg/onload=…>` needs no space. Links are also checked with HTML
# entities decoded, as browsers read `javascript&#58;` and `java&#9;script:` as javascript: (an
# escaped `&lt;script&gt;` is text, though, so markup is looked for in the text as written).
_IN_ATTRIBUTES = r"(?:<[a-z!/?][^<>]*[\s/\"']|\{(?:[^{}]*[\s\"':])?)"
FORBIDDEN_BODY = (
    (re.compile(r"<\s*script\b", re.I), "แท็ก <script>", "a <script> element"),
    (re.compile(r"<\s*iframe\b", re.I), "แท็ก <iframe>", "an <iframe> element"),
    (re.compile(r"<\s*object\b", re.I), "แท็ก <object>", "an <object> element"),
    (re.compile(r"<\s*embed\b", re.I), "แท็ก <embed>", "an <embed> element"),
    (re.compile(r"<\s*style\b", re.I), "แท็ก <style>", "a <style> element"),
    (re.compile(r"<\s*(?:base|meta|link)\b", re.I), "แท็ก <base>, <meta> หรือ <link>",
     "a <base>, <meta> or <link> element"),
    (re.compile(r"<\s*form\b", re.I), "แท็ก <form>", "a <form> element"),
    (re.compile(_IN_ATTRIBUTES + r"on[a-z]+\s*=", re.I), "คำสั่งเมื่อเกิดเหตุการณ์ (on...=)",
     "an inline event handler (on...=)"),
    (re.compile(_IN_ATTRIBUTES + r"style\s*=", re.I), "แอตทริบิวต์ style", "a style attribute"),
    # last: also looked for with entities decoded
    (re.compile(r"[\s\x00-\x1f]*".join("javascript") + r"[\s\x00-\x1f]*:", re.I), "ลิงก์ javascript:",
     "a javascript: link"),
)
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
SECTIONS = [th for th, _ in schema.FULL_CASE_SECTIONS]


def _forbidden(case: CaseFile):
    # Entities decoded line by line (a decoded &#10; becomes a space), so line numbers stay right.
    decoded = "\n".join(html.unescape(raw).replace("\n", " ").replace("\r", " ") for raw in case.body.split("\n"))
    found = sorted({(source.count("\n", 0, match.start()), i)
                    for i, (pattern, _, _) in enumerate(FORBIDDEN_BODY)
                    for source in ((case.body, decoded) if i == len(FORBIDDEN_BODY) - 1 else (case.body,))
                    for match in pattern.finditer(source)})
    for offset, i in found:
        _, th, en = FORBIDDEN_BODY[i]
        yield case.body_line + offset, Msg(
            f"เนื้อหาต้องไม่มี{th}: หน้าเว็บแสดงข้อความตามที่เขียน — แก้: ลบออก แล้วใช้ Markdown ธรรมดา "
            "(ลิงก์ รายการ ตาราง) แทน",
            f"body must not contain {en}: case text is shown as written, so use plain Markdown "
            "(links, lists, tables) instead")


def check_body(case: CaseFile, meta: dict):
    yield from _forbidden(case)
    if meta.get("status") != "full":
        return
    if not HTML_COMMENT.sub("", case.body).strip():
        headings = ", ".join(f"## {h}" for h in SECTIONS)
        yield case.body_line, Msg(
            f"เนื้อหายังว่างอยู่: กรณีศึกษาฉบับเต็ม (status: full) เล่าเรื่องใต้หัวข้อ {headings} — แก้: เขียนหัวข้อเหล่านี้"
            "ใต้บรรทัด --- ปิดท้าย แล้วเขียนตามแหล่งข้อมูล หรือเปลี่ยนเป็น status: summary",
            f"body is empty: a full case tells its story under the headings {headings}")
        return
    yield from _sections(case)


def _sections(case: CaseFile):
    lines = case.body.split("\n")
    headings = [(case.body_line + i, m.group(1)) for i, raw in enumerate(lines) if (m := HEADING.match(raw))]
    found = [h for _, h in headings]
    if found != SECTIONS:
        missing = [h for h in SECTIONS if h not in found]
        extra = [h for h in found if h not in SECTIONS]
        th, en = [], []
        if missing:
            th.append("ขาด " + ", ".join(f"'## {h}'" for h in missing))
            en.append("missing " + ", ".join(f"'## {h}'" for h in missing))
        if extra:
            th.append("เกิน " + ", ".join(f"'## {h}'" for h in extra) + " (หัวข้อย่อยใช้ ### ภายในหัวข้อหลัก)")
            en.append("unexpected " + ", ".join(f"'## {h}'" for h in extra) + " (use ### inside a section)")
        if not missing and not extra:
            th.append("ลำดับไม่ถูกต้อง")
            en.append("they are out of order")
        where = headings[0][0] if headings else case.body_line
        quoted = ", ".join(f"'## {h}'" for h in SECTIONS)
        yield where, Msg(f"เนื้อหาของกรณีศึกษาฉบับเต็มต้องมีหัวข้อ {quoted} ตามลำดับนี้เท่านั้น: " + "; ".join(th)
                         + " — แก้: เขียนหัวข้อให้ตรงทุกตัวอักษรและเรียงตามลำดับนี้",
                         f"a full case's body has exactly the sections {quoted} in that order: " + "; ".join(en))
        return
    starts = [line - case.body_line for line, _ in headings] + [len(lines)]
    for (line, heading), start, end in zip(headings, starts, starts[1:], strict=False):  # starts has one more
        written = HTML_COMMENT.sub("", "\n".join(lines[start + 1:end])).strip()
        if written == schema.PLACEHOLDER:  # left by scripts/new_case.py
            yield line, Msg(
                f"หัวข้อ '## {heading}' ยังเป็นข้อความตัวอย่าง “{schema.PLACEHOLDER}” — แก้: เขียนสิ่งที่แหล่งข้อมูลบอก "
                "แทนข้อความนี้", f"section '## {heading}' is still the placeholder “{schema.PLACEHOLDER}”: "
                "write what the source says instead")
            continue
        if not written:
            yield line, Msg(f"หัวข้อ '## {heading}' ยังว่างอยู่ — แก้: เขียนสิ่งที่แหล่งข้อมูลบอก "
                            "หรือเขียนหนึ่งประโยคว่าแหล่งข้อมูลไม่ได้กล่าวถึง",
                            f"section '## {heading}' is empty: write what the source says, or one sentence "
                            "saying the source does not describe it")
