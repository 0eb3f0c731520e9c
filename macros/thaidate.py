"""Dates as Thai readers write them: day, Thai month name, Buddhist-era year."""
from __future__ import annotations

from datetime import UTC, datetime

MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
          "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
BE_OFFSET = 543  # Buddhist era = Common era + 543


def from_epoch(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, tz=UTC)


def thai_date(when: datetime) -> str:
    """30 พฤศจิกายน 2569"""
    return f"{when.day} {MONTHS[when.month - 1]} {when.year + BE_OFFSET}"


def time_element(epoch: int | None, unknown: str = "ไม่ทราบ") -> str:
    """<time datetime="2026-11-30">30 พฤศจิกายน 2569</time>; `unknown` when there is no date."""
    if epoch is None:
        return unknown
    when = from_epoch(epoch)
    return f'<time datetime="{when.date().isoformat()}">{thai_date(when)}</time>'
