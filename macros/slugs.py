"""Slugs that keep Thai readable.

Python-Markdown's default slugifier drops every non-ASCII character, so Thai headings became
`_1`, `_2`; pymdownx's unicode slugifier drops Thai vowel and tone marks (category Mn), which
turns ผลลัพธ์ into ผลลพธ. Here letters, digits and combining marks of any script are kept.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_KEEP = frozenset("LNM")  # letters, numbers, marks (Thai vowels and tone marks are marks)


@functools.lru_cache(maxsize=1 << 16)  # the same headings recur on thousands of case pages
def slugify(text: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFC", re.sub(r"<[^>]*>", "", str(text))).strip().lower()
    out: list[str] = []
    pending = False
    for char in text:
        if unicodedata.category(char)[0] in _KEEP:
            if pending and out:
                out.append(separator)
            out.append(char)
            pending = False
        else:
            pending = True
    return "".join(out)


def heading_slug(value: str, separator: str) -> str:
    """The `toc` extension's slugify hook: stable Thai anchors such as #ผลลัพธ์."""
    return slugify(value, separator) or "section"
