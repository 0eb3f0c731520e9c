"""Content-Security-Policy: overrides/partials/psea-head.html writes the policy with a token where
the inline-script hashes go; with_csp fills them in from a page's final HTML."""
from __future__ import annotations

import base64
import hashlib
import re

CSP_HASHES_TOKEN = "PSEA_SCRIPT_HASHES"
# mkdocs serve injects an inline live-reload script into every page.
SERVE_SOURCES = "'unsafe-inline'"
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')
_CHARSET_META = re.compile(r"<meta charset=[^>]*>", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?(?!(?:text/javascript|application/javascript|module)\b)""", re.I)


def script_hashes(html: str) -> list[str]:
    """CSP sources for the inline scripts of `html` (data blocks such as application/json excluded)."""
    hashes = set()
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_BLOCK.search(attrs):
            continue
        text = body.replace("\r\n", "\n").replace("\r", "\n")  # as the browser's parser reads it
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def with_csp(html: str, content: str = "", serving: bool = False) -> str:
    """Fill in the hashes of the template's inline scripts, leaving out any script inside the page's
    own `content` (case text never runs), and move the policy to the top of <head>."""
    if CSP_HASHES_TOKEN not in html:
        return html
    template = html.replace(content, "") if content else html
    sources = SERVE_SOURCES if serving else " ".join(script_hashes(template))
    html = html.replace(CSP_HASHES_TOKEN, sources)
    meta = _CSP_META.search(html)
    charset = _CHARSET_META.search(html)
    if meta and charset and charset.end() < meta.start():
        html = html[:meta.start()] + html[meta.end():]
        html = html[:charset.end()] + "\n    " + meta.group(0).strip() + html[charset.end():]
    return html
