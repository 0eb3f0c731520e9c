"""Thai word breaking for the index: ICU's word breaker (the one browsers use for Intl.Segmenter)
and the marks that let overrides/assets/js/search.js put the page's spaces back."""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import os
import re
from typing import Any

from mkdocs.exceptions import Abort

log = logging.getLogger("mkdocs.plugins.psea.search")

# How the cut text reads again. Pagefind splits the text at whitespace and gives titles and
# excerpts back as their words with one space between, so a space of the page and a cut made here
# look the same. search.js shows no space between two words where the first ends and the second
# begins with a Thai letter, and one space elsewhere; that is right for the cuts between Thai words,
# by far the most (456,000 for 2,000 cases), and the places that read otherwise (120,000) carry a
# mark: one invisible character standing as a word of its own. Not a mark on the words themselves:
# Pagefind takes a word with any character other than a letter or digit for a compound, splits it
# again and indexes the variant with the mark as one more word. With a word joiner at the end of
# every Thai word (the scheme before this one), Pagefind indexed 5,596 words instead of 4,535 and
# ran a third longer (40.3 billion instructions for 2,000 cases instead of 30.1; 31.1 with marks).
# A mark on its own has no letter or digit: Pagefind indexes nothing for it, but keeps it in the
# text and counts it in the word positions of matches, so search.js sees it and highlights stay on
# their words.
WORD_BREAK = " "  # between two Thai words
SPACE = " \u2063 "  # invisible separator: a space of the page (or a block's edge) between Thai letters
JOIN = " \u2060 "  # word joiner: where Thai meets another script without a space (ปี2567, "คำ", พ.ศ.)
THAI_RANGE = "\u0e00-\u0e7f"  # the Thai block, as a character class range (search-core.js gets it too)
_THAI_RUN = re.compile(f"[{THAI_RANGE}]+")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# Thai next to a letter, digit or sign of another script, with no space between.
_THAI_EDGE = re.compile(f"(?<=[{THAI_RANGE}])(?=[^\\s{THAI_RANGE}])|(?<=[^\\s{THAI_RANGE}])(?=[{THAI_RANGE}])")
# The page's own whitespace between two Thai letters.
_THAI_SPACE = re.compile(f"(?<=[{THAI_RANGE}])\\s+(?=[{THAI_RANGE}])")
# Elements shown within a line: the text on either side of their tags runs on without a space.
_INLINE = frozenset(("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"))


# Thai word breaking with ICU ---------------------------------------------------------------------
class IcuWordBreaker:
    """ICU's word break iterator for Thai through ctypes (libicuuc ships with Debian and most
    systems; its Thai dictionary is the one browsers use for Intl.Segmenter)."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("icuuc")
        if not name:
            raise OSError("libicuuc not found")
        lib = ctypes.CDLL(name)
        suffix = next((f"_{v}" for v in range(99, 49, -1) if hasattr(lib, f"ubrk_open_{v}")), "")

        def fn(symbol: str, restype: Any, *argtypes: Any) -> Any:
            function = getattr(lib, symbol + suffix)
            function.restype, function.argtypes = restype, list(argtypes)
            return function

        status = ctypes.c_int(0)
        open_ = fn("ubrk_open", ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p,
                   ctypes.c_int32, ctypes.POINTER(ctypes.c_int))
        self._set_text = fn("ubrk_setText", None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32,
                            ctypes.POINTER(ctypes.c_int))
        self._first = fn("ubrk_first", ctypes.c_int32, ctypes.c_void_p)
        self._next = fn("ubrk_next", ctypes.c_int32, ctypes.c_void_p)
        self._iterator = open_(1, b"th", None, 0, ctypes.byref(status))  # 1 = UBRK_WORD
        if not self._iterator or status.value > 0:  # > 0 is an ICU error, < 0 a warning
            raise OSError(f"ubrk_open failed with ICU status {status.value}")

    @functools.lru_cache(maxsize=200_000)  # noqa: B019 - one breaker per process, kept for its life
    def words(self, run: str) -> tuple[str, ...]:
        """The words of a run of Thai letters (Thai is all in the BMP: one UTF-16 unit each)."""
        raw = run.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(raw, len(raw) + 2)
        status = ctypes.c_int(0)
        self._set_text(self._iterator, buffer, len(run), ctypes.byref(status))
        if status.value > 0:
            return (run,)
        out: list[str] = []
        start, nxt = self._first(self._iterator), self._next
        while (end := nxt(self._iterator)) != -1:
            out.append(run[start:end])
            start = end
        return tuple(out)


@functools.lru_cache(maxsize=1)
def word_breaker() -> IcuWordBreaker | None:
    try:
        return IcuWordBreaker()
    except (OSError, AttributeError) as err:
        log.warning(f"Thai search: no usable ICU library ({err}); indexing with Pagefind's own Thai "
                    "segmentation, which misses some queries (install libicu to fix)")
        return None


ICU_MISSING = ("Thai search needs the ICU library (libicuuc), which breaks Thai text into words; without it "
               "the index misses queries. Install it (Debian/Ubuntu: apt-get install libicu-dev, or the libicu "
               "package of your release) and build again. / การค้นหาภาษาไทยต้องใช้ไลบรารี ICU ในการตัดคำ "
               "— ติดตั้ง libicu แล้วสร้างเว็บไซต์ใหม่. For a preview only, set PSEA_SEARCH_WITHOUT_ICU=1.")


def require_word_breaker() -> None:
    """A published index must cut Thai as browsers do: a build without ICU fails, in the build's own
    process (the helper's warning would not reach mkdocs --strict), unless PSEA_SEARCH_WITHOUT_ICU=1
    asks for a preview."""
    if word_breaker() is None and os.environ.get("PSEA_SEARCH_WITHOUT_ICU") != "1":
        raise Abort(ICU_MISSING)


def segment_html(html: str, breaker: IcuWordBreaker | None) -> str:
    """The HTML with its Thai text cut into words by WORD_BREAK (by ICU; without it, Thai runs stay
    whole), by JOIN where Thai meets other letters and by a space where it meets a tag, and with the
    spaces the page shows between Thai letters marked by SPACE; tags and attribute values (filters,
    metadata) are left as they are."""
    parts = _TAG.split(html)
    words = breaker.words if breaker is not None else None
    # Where a tag starts or ends a Thai word, Pagefind must split too, and the text on either side
    # is shown with a space between (SPACE) if the page shows one there: whitespace, or the tag of an
    # element that is not inline (a heading and its paragraph, a label and its value). The mark goes
    # after the Thai before such a gap, once the gap is known, and also after the gap when the text
    # before it does not end in Thai: that text may be one Pagefind leaves out (EXCLUDE_SELECTORS),
    # such as the permalink that ends every heading.
    open_end = None  # the text before the gap, if it ends in Thai: its end is written after the gap
    thai_end, gap = True, False  # whether the text before ends in Thai (at the start: needs no mark)
    for i, part in enumerate(parts):
        if i % 2:
            if not gap:
                name = _TAG_NAME.match(part)
                gap = name is not None and name.group(1).lower() not in _INLINE
            continue
        if not part or part.isspace():
            gap = gap or bool(part)
            continue
        spaced = gap or part[0].isspace()
        if open_end is not None:
            parts[open_end] += SPACE if spaced else " "
            open_end = None
        gap = part[-1].isspace()
        if not _THAI_RUN.search(part):
            thai_end = False
            continue
        text = _THAI_SPACE.sub(SPACE, part.strip())
        if words is not None:
            text = _THAI_RUN.sub(lambda m: WORD_BREAK.join(words(m.group(0))), text)
        text = _THAI_EDGE.sub(JOIN, text)
        if _THAI_RUN.match(text):
            text = (SPACE if spaced and not thai_end else " ") + text
        elif part[0].isspace():
            text = " " + text
        thai_end = _THAI_RUN.match(text[-1]) is not None
        if thai_end:
            open_end = i
        elif part[-1].isspace():
            text += " "
        parts[i] = text
    if open_end is not None:
        parts[open_end] += " "
    return "".join(parts)


