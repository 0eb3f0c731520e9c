"""Marks for values a case gives as inferred rather than read in a source (the schema's `inferred`).

A marked value is followed by a small "อนุมาน" link: its title gives the reason on hover, and it
leads to the list of reasons right under the case's facts, which phones (a tap) and print show.
Every function returns escaped HTML ("" when nothing is marked).
"""
from __future__ import annotations

from ..schema import INFERABLE_FIELDS
from ..structure.case import Case
from .escape import e, t

LABEL = "อนุมาน"
# What each marked field is called on the page, for the list of reasons.
FIELD_LABELS = {
    "year": "ปีที่ได้รับรางวัล",
    "province": "จังหวัด",
    "award.branch": "สาขารางวัล",
    "award.category": "ประเภทรางวัล",
    "award.level": "ระดับรางวัล",
    "agency.name": "หน่วยงาน",
    "agency.type": "ประเภทหน่วยงาน",
    "agency.parent": "หน่วยงานต้นสังกัด",
}
assert set(FIELD_LABELS) == set(INFERABLE_FIELDS), "every inferable field needs its label on the page"


def anchor(path: str) -> str:
    return f"{LABEL}-{path}"


def mark(case: Case, path: str, case_url: str = "") -> str:
    """The mark after a value shown on a page; `case_url` is the link to the case page from a
    listing (empty on the case page itself, where the reasons are on the same page)."""
    reason = case.inferred.get(path)
    if reason is None:
        return ""
    return f' <a class="psea-inferred" href="{e(f"{case_url}#{anchor(path)}")}" title="{e(reason)}">{LABEL}</a>'


def _value(meta: object, path: str) -> object:
    for part in path.split("."):
        meta = meta.get(part) if isinstance(meta, dict) else None
    return meta


def reasons_html(case: Case, labels: dict[str, str] | None = None) -> str:
    """The visible list of reasons, one item per marked value; `labels` maps a path to the text
    the page shows for its value (such as a level's Thai name) where that is not the raw value."""
    if not case.inferred:
        return ""
    labels = labels or {}
    items = "".join(
        f'<li id="{e(anchor(path))}"><strong>{FIELD_LABELS[path]}: '
        f'{t(labels.get(path, _value(case.meta, path)))}</strong> — {t(reason)}</li>'
        for path, reason in case.inferred.items())
    return ('<section class="psea-inferred-reasons" aria-labelledby="ค่าที่อนุมาน">'
            '<h2 id="ค่าที่อนุมาน">ค่าที่อนุมาน</h2>'
            f"<p>ค่าที่มีเครื่องหมาย \"{LABEL}\" ไม่ได้อ่านจากแหล่งข้อมูลโดยตรง แต่อนุมานเอาด้วยเหตุผลดังนี้</p>"
            f"<ul>{items}</ul></section>")


def shown(case: Case, path: str, text: object) -> str:
    """A value as plain text with the mark's word, where markup cannot carry the mark (search results)."""
    return f"{text} ({LABEL})" if path in case.inferred else str(text)
