#!/usr/bin/env python3
"""The small Sarabun files of overrides/assets/fonts/, cut from the files vendored there.

The vendored files (sarabun-{thai,latin}-{400,700}-normal.woff2, @fontsource/sarabun) hold every
character of their script: 94 for Thai, 229 for Latin. A page's text needs far fewer: the Thai
letters, vowels and tone marks, and the ASCII letters, digits and signs with some punctuation
(– … “ ” · ×). The rest (Thai digits, obsolete letters and old signs; accented Latin letters,
which are most of the Latin file's outlines and kerning) appear on few pages, if any. So each
vendored file gives a basic file of the common characters, which fonts.css serves for them, and
keeps serving the rest itself: a page without those characters never downloads it (issue 14: the
first view of /browse/ stays within 120 KB). A cluster of characters from both (a letter with a
rare mark) is drawn from the vendored file, which has them all.

The output is generated: never edit the files by hand. tests/test_fonts.py checks that they are
current and that fonts.css gives every character to exactly one file that has it.

    python scripts/font_subsets.py    # writes overrides/assets/fonts/sarabun-*-basic-*.woff2

Needs fontTools and brotli (requirements-test.txt).
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

FONTS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "fonts"
WEIGHTS = (400, 700)
# Thai: the space and no-break space (the same as the Latin file's), the letters, vowels, tone
# marks and signs, and the zero-width joiners. Left to the vendored file (THAI_RARE): the obsolete
# ฃ ฅ, the rare ฦ, phinthu, the baht sign, lakkhangyao, yamakkan, fongman, the Thai digits,
# angkhankhu and khomut.
THAI_RARE = {0x0E03, 0x0E05, 0x0E26, 0x0E3A, 0x0E3F, 0x0E45, *range(0x0E4E, 0x0E5C)}
THAI = (0x20, 0xA0, *(c for c in range(0x0E01, 0x0E5C) if c not in THAI_RARE), 0x200C, 0x200D)
# Latin: printable ASCII without the space (the Thai files draw it); Latin-1's signs, not its
# letters; general punctuation without the zero-width joiners; the Latin file's other signs.
LATIN = (*range(0x21, 0x7F), *range(0xA1, 0xC0), 0xD7, 0xF7, *range(0x2000, 0x200C), *range(0x200E, 0x2070),
         0x20AC, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215)
BASIC = {"thai": THAI, "latin": LATIN}


def source(script: str, weight: int) -> Path:
    return FONTS / f"sarabun-{script}-{weight}-normal.woff2"


def target(script: str, weight: int) -> Path:
    return FONTS / f"sarabun-{script}-basic-{weight}-normal.woff2"


def basic_subset(script: str, weight: int) -> bytes:
    """The basic characters of a vendored file, with every OpenType feature kept (kerning and
    mark positioning between them included), as woff2."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence names travel with the font (OFL)
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = TTFont(source(script, weight), recalcTimestamp=False)  # the same bytes on every run
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(BASIC[script]))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    for script in BASIC:
        for weight in WEIGHTS:
            data = basic_subset(script, weight)
            out = target(script, weight)
            out.write_bytes(data)
            print(f"{out.name}: {len(data):,} bytes (from {source(script, weight).stat().st_size:,})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
