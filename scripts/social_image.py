#!/usr/bin/env python3
"""Render the site image that links shared on LINE, Facebook or X show (Open Graph, Twitter card):
overrides/assets/images/social.png, 1200 x 630, drawn by Debian's Chromium with the site's own
Sarabun font (Thai marks need a real text shaper). Run it after changing the wording:

    .venv/bin/python scripts/social_image.py   (needs `make test`'s Playwright and chromium)
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from chromium import CHROMIUM

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "images" / "social.png"
FONTS = ROOT / "overrides" / "assets" / "fonts"
TITLE = "คลังความรู้<br>รางวัลเลิศรัฐ"
SUBTITLE = "ผลงานที่ได้รับรางวัล เกณฑ์ และแหล่งอ้างอิง"
ENGLISH = "Public Sector Excellence Awards knowledge base"


def html() -> str:
    faces = "".join(
        f"@font-face{{font-family:S;src:url({(FONTS / f'sarabun-{script}-{weight}-normal.woff2').as_uri()});"
        f"font-weight:{weight}{';unicode-range:U+0000-00FF' if script == 'latin' else ''}}}"
        for script in ("thai", "latin") for weight in (400, 700))
    return ('<!doctype html><html lang="th"><head><meta charset="utf-8"><style>' + faces +
            "html,body{margin:0;width:1200px;height:630px;font-family:S}"
            "body{background:#3f51b5;color:#fff;display:flex;flex-direction:column;justify-content:center;"
            "padding:0 90px;box-sizing:border-box}.bar{width:120px;height:12px;background:#ffc107;margin-bottom:40px}"
            "h1{font-size:96px;line-height:1.25;margin:0 0 24px;font-weight:700}p{font-size:40px;margin:0;opacity:.95}"
            ".en{font-size:32px;margin-top:28px;opacity:.85}</style></head>"
            f'<body><div class="bar"></div><h1>{TITLE}</h1><p>{SUBTITLE}</p><p class="en">{ENGLISH}</p></body></html>')


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        page_file = Path(tmp) / "social.html"
        page_file.write_text(html(), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.goto(page_file.as_uri())
        page.evaluate("document.fonts.ready")
        page.screenshot(path=str(OUT))
        browser.close()
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
