"""Tables wider than a phone's screen scroll sideways inside a region that the keyboard can reach
(axe: scrollable-region-focusable). The theme's script wraps each plain table in a scrolling
<div> of its own that cannot take focus; this wrapper is in the HTML from the start, and site.css
lets it do the scrolling instead (.psea-scroll)."""
from __future__ import annotations

import re

_PLAIN_TABLE = re.compile(r"<table>.*?</table>", re.S)  # Markdown's tables and hand-written ones
LABEL = "ตาราง (เลื่อนไปทางซ้ายขวาได้ถ้ากว้างกว่าจอ)"


def scrollable(html: str) -> str:
    """Every plain <table> of a page's content in a focusable, labelled scroll region."""
    if "<table>" not in html:
        return html
    return _PLAIN_TABLE.sub(
        lambda m: f'<div class="psea-scroll" tabindex="0" role="region" aria-label="{LABEL}">{m.group(0)}</div>', html)
