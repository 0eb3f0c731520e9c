"""What the validator reports: a problem in a file, worded in Thai first and in English.

Every check yields (line, Msg) pairs, or (line, Msg, column); `Problem` adds the file. A message
names the field, what was found, what is allowed and the one fix, in both languages: contributors
read Thai (the default), `scripts/validate.py --lang en` prints the English catalogue.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field

from ..yamlines import LineDict, LineList

LANGS = ("th", "en")


@dataclass(frozen=True)
class Msg:
    th: str
    en: str


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str  # Thai, as contributors read it
    en: str = ""  # the same problem in English
    column: int | None = field(default=None, compare=False)

    def text(self, lang: str = "th") -> str:
        return self.en if lang == "en" and self.en else self.message

    def format(self, lang: str = "th", directory=None) -> str:
        path = self.path
        if directory is not None and os.path.isabs(path):
            path = os.path.relpath(path, directory)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.format()

    def relative_to(self, directory, lang: str = "th") -> str:
        """`path:line: message` with the path relative to `directory`, as the CLI prints it from there."""
        return self.format(lang, directory)


def build_summary(count: int, serving: bool) -> str:
    """The build's last word on invalid content, Thai first: a build stops, a preview goes on
    without the invalid files. `Aborted:` stays in the English half for tools that look for it."""
    if serving:
        return (f"พบปัญหา {count} รายการในเนื้อหา ดูข้อความด้านบน ไฟล์ที่ไม่ถูกต้องจะไม่แสดงในหน้าตัวอย่างจนกว่าจะแก้ไข"
                f" / {count} problem(s) in the content; see the messages above; the invalid files are left out "
                "of this preview until fixed")
    return (f"หยุดสร้างเว็บไซต์: พบปัญหา {count} รายการในเนื้อหา ดูข้อความด้านบน "
            "(คำสั่ง python scripts/validate.py แสดงรายการเดียวกัน)"
            f" / Aborted: {count} problem(s) in the content; see the messages above "
            "(python scripts/validate.py lists them too)")


def problem(path, line, msg: Msg, column: int | None = None) -> Problem:
    return Problem(str(path), line or None, msg.th, msg.en, column)


def from_check(path, found) -> Problem:
    """A Problem from what a check yields: (line, Msg) or (line, Msg, column)."""
    line, msg, *rest = found
    return problem(path, line, msg, rest[0] if rest else None)


# Wording shared by the rules -----------------------------------------------------------------------
def closest(value, allowed) -> str | None:
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(value, allowed) -> Msg:
    close = closest(value, allowed)
    return Msg(f" (หรือหมายถึง {close!r}?)", f"; did you mean {close!r}?") if close else Msg("", "")


def allowed_list(allowed, limit=40, lang="en") -> str:
    shown = ", ".join(str(a) for a in allowed[:limit])
    if len(allowed) <= limit:
        return shown
    return shown + (f", … (ทั้งหมด {len(allowed)} ค่า)" if lang == "th" else f", … ({len(allowed)} in all)")


_TYPES = {str: ("ข้อความ", "text"), int: ("จำนวนเต็ม", "a whole number"), float: ("ตัวเลข", "a number"),
          bool: ("ค่าจริง/เท็จ", "true/false"), LineDict: ("ชุดช่องย่อย", "a mapping"),
          dict: ("ชุดช่องย่อย", "a mapping"), LineList: ("รายการ", "a list"), list: ("รายการ", "a list"),
          type(None): ("ค่าว่าง", "nothing")}


def type_name(value, lang="en") -> str:
    names = _TYPES.get(type(value))
    if names is None:
        return type(value).__name__
    return names[0] if lang == "th" else names[1]


def line_of(container, key, fallback):
    if isinstance(container, LineDict):
        return container.line_of(key, fallback)
    if isinstance(container, LineList) and isinstance(key, int):
        return container.line_of(key)
    return fallback
