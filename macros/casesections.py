"""The sections of a full case's narrative (## headings of macros/schema.FULL_CASE_SECTIONS) and a
short excerpt of one: the worked examples beside each rubric dimension (macros/pages/examples.py)."""
from __future__ import annotations

import re

from .render.describe import plain_markdown, shorten

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$", re.M)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
EXCERPT_LIMIT = 220  # characters of a paragraph
LIST_ITEMS = 3  # items of a list


def sections(body: str) -> dict[str, str]:
    """Heading -> the Markdown under it (to the next ## heading), for the ## headings of a body."""
    found = list(_HEADING.finditer(body))
    return {m.group(1): body[m.end(): found[i + 1].start() if i + 1 < len(found) else len(body)].strip()
            for i, m in enumerate(found)}


def excerpt(markdown: str) -> tuple[str, ...]:
    """The opening of a section as plain text: its first paragraph (shortened, ending in "…" when
    cut), or the first items of its first list. Tables, images and headings are skipped. Each part
    is text that the rendered section contains."""
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line for line in block.strip().splitlines() if line.strip()]
        if not lines or lines[0].lstrip().startswith(("|", "!", "#", "<", "```")):
            continue
        if all(_LIST_ITEM.match(line) for line in lines):
            return tuple(plain_markdown(_LIST_ITEM.sub("", line)).strip() for line in lines[:LIST_ITEMS])
        if any(_LIST_ITEM.match(line) for line in lines):
            lines = lines[:1]  # a lead-in line of a list ("… ได้แก่")
        return (shorten(plain_markdown(" ".join(line.strip() for line in lines)), EXCERPT_LIMIT),)
    return ()
