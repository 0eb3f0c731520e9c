"""Sorting Thai text in dictionary order.

Code-point order puts every word with a leading vowel (เ แ โ ใ ไ) after all the consonants, so
เชียงใหม่ would sort after ฮ. Thai dictionaries order by the consonant first: swap each leading
vowel with the consonant after it, as ICU's Thai collation does at the primary level.
"""
from __future__ import annotations

import re

_LEADING_VOWEL = re.compile(r"([เแโใไ])([ก-ฮ])")
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")  # vowel signs and tone marks: secondary only


def thai_sort_key(text: str) -> tuple[str, str]:
    swapped = _LEADING_VOWEL.sub(r"\2\1", str(text).strip().lower())
    return _MARKS.sub("", swapped), swapped
