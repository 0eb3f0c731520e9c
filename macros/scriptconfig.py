"""The constants the site's scripts (overrides/assets/js/) take from the build, so that none is
written twice: one JSON data block on every page, <script type="application/json" id="psea-config">,
written by overrides/partials/psea-scripts.html and read by overrides/assets/js/config.js.

A data block is not run, so the Content-Security-Policy lists no hash for it (csp.script_hashes
leaves data blocks out); its text is escaped so that no value can end the element early.
"""
from __future__ import annotations

import json

from markupsafe import Markup

from .facets import SEARCH_FACETS
from .pages import browse
from .search import policy, thai

CONFIG_ID = "psea-config"  # the block's id (config.js reads it)


def script_config(base: str) -> dict:
    """The scripts' constants for a page whose way to the site's root is `base` (mkdocs' base_url)."""
    return {
        "base": base,
        "search": {
            "bundle": f"{policy.BUNDLE_DIR}/",  # Pagefind's bundle, from the site's root
            "labels": policy.FACETS_FILE,  # the search page's filter labels, from the site's root
            "facets": list(SEARCH_FACETS),  # Pagefind filters, the search page's URL parameters
            # The marks of the word-cut index as Pagefind gives them back (words of their own), and
            # the Thai block as a character class range.
            "marks": {"space": thai.SPACE.strip(), "join": thai.JOIN.strip(), "thai": thai.THAI_RANGE},
        },
        "browse": {
            "pageSize": browse.PAGE_SIZE,
            # The column and order the table is built in (cases.Case.sort_key: newest year first).
            "defaultSort": "year",
        },
    }


def to_script_json(data: object) -> Markup:
    """`data` as JSON that is safe as the text of a <script> element: "<", ">" and "&" are written
    as \\u escapes (JSON reads them back the same), so no value can write "</script>" or "<!--".
    ASCII only: the invisible marks read as \\u2063, and nothing depends on the page's encoding."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)


def config_json(base: str) -> Markup:
    """The text of the page's #psea-config block (a Jinja global: partials/psea-scripts.html)."""
    return to_script_json(script_config(base))
