#!/usr/bin/env python3
"""The size-adjusted fallback faces of overrides/assets/css/fonts.css, computed from font files.

Until Sarabun has loaded, text is drawn in a local font; when Sarabun arrives, text moves unless
the local font takes the same room. A fallback @font-face scales the local font so that:
- size-adjust = Sarabun's advance width / the local font's, summed over the letters of the
  site's real Thai (or Latin) text (sources/*.txt, each letter as often as it occurs there), so a
  line of text is as long in both and wraps at the same words;
- ascent-override, descent-override, line-gap-override = Sarabun's hhea ascender, descender and
  line gap (what Chromium uses on Android and Linux) over units per em, divided by size-adjust
  (the browser scales the overrides by size-adjust too), so lines are as tall.

    python scripts/font_fallback.py SARABUN.woff2 LOCAL.ttf thai   # prints one @font-face's descriptors

Needs fontTools and brotli (requirements-test.txt). The local fonts used for fonts.css: Noto Sans
Thai 2.002 (Android's Thai font; @fontsource/noto-sans-thai 5.1.1 on npm), Loma 0.7.x (Debian's
fonts-thai-tlwg, the Thai font of Linux desktops and of the test machine) and Liberation Sans 1.07
(Debian's fonts-liberation, metric-compatible with Arial, for Latin letters).
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = {"thai": lambda c: "\u0e01" <= c <= "\u0e5b", "latin": lambda c: " " <= c <= "~"}


def letter_counts(script: str) -> collections.Counter:
    keep = SCRIPTS[script]
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.txt")))
    return collections.Counter(c for c in text if keep(c))


def advance(font: TTFont, counts: collections.Counter, letters: set[str]) -> float:
    """Summed advance of the letters in em (each letter weighted by how often it occurs)."""
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    em = font["head"].unitsPerEm
    return sum(n * hmtx[cmap[ord(c)]][0] / em for c, n in counts.items() if c in letters)


def descriptors(sarabun_path: Path, local_path: Path, script: str) -> dict[str, str]:
    sarabun, local = TTFont(sarabun_path), TTFont(local_path)
    counts = letter_counts(script)
    both = {c for c in counts if ord(c) in sarabun.getBestCmap() and ord(c) in local.getBestCmap()}
    size = advance(sarabun, counts, both) / advance(local, counts, both)
    em, hhea = sarabun["head"].unitsPerEm, sarabun["hhea"]

    def pct(value: float) -> str:
        return f"{value * 100:.2f}%"
    return {"size-adjust": pct(size), "ascent-override": pct(hhea.ascent / em / size),
            "descent-override": pct(-hhea.descent / em / size), "line-gap-override": pct(hhea.lineGap / em / size)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sarabun", type=Path)
    parser.add_argument("local", type=Path)
    parser.add_argument("script", choices=sorted(SCRIPTS))
    args = parser.parse_args(argv)
    for name, value in descriptors(args.sarabun, args.local, args.script).items():
        print(f"  {name}: {value};")
    return 0


if __name__ == "__main__":
    sys.exit(main())
