#!/usr/bin/env python3
"""Thai words cut inside at a line break, counted in Chromium (issue 14).

The counting runs in the page (thai_breaks.js): a break is allowed only at a boundary of
Intl.Segmenter("th", {granularity: "word"}). scripts/bench.py prints the figure
`thai_midword_breaks` over one page of each type; tests/test_thai_breaks.py asserts it is 0; run
on its own this script counts every page of a built site:

    python scripts/thai_breaks.py site/            # every page at 1280, 768 and 375 px
    python scripts/thai_breaks.py site/ --types    # one page of each type only
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS

from page_types import all_pages, page_types

SCRIPT = (Path(__file__).resolve().parent / "thai_breaks.js").read_text(encoding="utf-8")
WIDTHS = (1280, 768, 375)


def midword_breaks(page) -> list[dict]:
    """The cut words of the page as laid out now (after its fonts have loaded)."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    return page.evaluate(SCRIPT)


def count(browser, base: str, urls, widths=WIDTHS) -> dict[tuple[str, int], list[dict]]:
    """(url, width) -> the cut words found there; one browser context per width."""
    result: dict[tuple[str, int], list[dict]] = {}
    for width in widths:
        context = browser.new_context(locale="th-TH", viewport={"width": width, "height": 900})
        page = context.new_page()
        try:
            for url in urls:
                page.goto(base + url, wait_until="load")
                result[url, width] = midword_breaks(page)
        finally:
            context.close()
    return result


def summary(found: dict[tuple[str, int], list[dict]]) -> dict:
    words = collections.Counter(f["word"] for hits in found.values() for f in hits)
    by_width: collections.Counter[int] = collections.Counter()
    for (_, width), hits in found.items():
        by_width[width] += len(hits)
    return {
        "thai_midword_breaks": sum(len(h) for h in found.values()),
        "thai_midword_pages": len({url for (url, _), h in found.items() if h}),
        "thai_midword_pages_checked": len({url for url, _ in found}),
        **{f"thai_midword_breaks_{w}px": by_width[w] for w in sorted({w for _, w in found}, reverse=True)},
        "thai_midword_top_words": ",".join(f"{w}:{n}" for w, n in words.most_common(5)) or "-",
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (mkdocs build -d DIR)")
    parser.add_argument("--types", action="store_true", help="one page of each type instead of every page")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from gzip_server import serve

    urls = list(page_types(args.site).values()) if args.types else all_pages(args.site)
    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            found = count(browser, base, urls)
            browser.close()
    finally:
        server.shutdown()
    for name, value in summary(found).items():
        print(f"{name}={value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
