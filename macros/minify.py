"""The site's own CSS and JavaScript, served without comments and spare whitespace.

The files under overrides/assets/ explain themselves at length for the people who edit them; a
phone downloading them needs none of it (issue 14: the first view of /browse/ stays within
120 KB; minified, site.css is 5.4 KB compressed instead of 8.6 KB). rcssmin and rjsmin only take
out comments and whitespace, never rename or rewrite, and keep /*! comments (licences and
attributions).
"""
from __future__ import annotations

from collections.abc import Callable

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]

MINIFIERS: dict[str, Callable[[str], str]] = {
    ".css": lambda text: rcssmin.cssmin(text, keep_bang_comments=True),
    ".js": lambda text: rjsmin.jsmin(text, keep_bang_comments=True),
}


def minifier(path: str) -> Callable[[str], str] | None:
    """The minifier for a file of this name, or None for a file served as it is."""
    return MINIFIERS.get(path[path.rfind("."):]) if "." in path else None
