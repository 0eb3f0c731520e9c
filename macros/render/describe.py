"""Meta descriptions (and Open Graph descriptions): each page's own, from its content, short enough
for a search result or a shared link. Plain text; the caller escapes it."""
from __future__ import annotations

import re

from ..structure.case import Case

LIMIT = 180  # characters; Thai search results and LINE previews cut about there
TEXT_MIN = 80  # characters of a case's own text in its description, however long its title
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`#>]+")
_SPACE = re.compile(r"\s+")


def shorten(text: str, limit: int = LIMIT) -> str:
    """`text` on one line, cut to `limit` characters (at a space when one is near) with "…"."""
    text = _SPACE.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit * 0.6 else cut).rstrip() + "…"


def plain_markdown(markdown: str) -> str:
    """Markdown as the text a reader sees: links as their text, no emphasis or heading marks."""
    return _MD_MARKS.sub("", _MD_LINK.sub(r"\1", markdown))


def page_description(title: str, intro: str) -> str:
    """A generated page's description when it sets none: its title and introduction."""
    intro = plain_markdown(intro).strip()
    return shorten(f"{title}: {intro}" if intro else title)


def case_description(case: Case) -> str:
    """A case page's description: its title, agency and year, then its result (or its problem)."""
    head = f"{case.title} ({case.agency.name}, ปี {case.year})"
    text = case.impact or case.pain_point or case.solution
    if not text:
        return shorten(f"{head} ผลงานที่ได้รับรางวัลเลิศรัฐ")
    # A long title leaves the text at least TEXT_MIN characters: the description is the case's own.
    return f"{shorten(head)}: {shorten(text, max(TEXT_MIN, LIMIT - len(head)))}"
