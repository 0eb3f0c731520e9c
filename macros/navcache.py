"""Rendering the theme's navigation once per folder instead of once per page (issue: scale).

A page outside the navigation (every case and generated index page) has no active item, and its
navigation differs from its neighbours' only by the folder it is in, since links are relative.
overrides/partials/nav.html and tabs.html keep one rendering per key in a dict that is new for
every build (macros/hooks.on_env).
"""
from __future__ import annotations


def nav_cache_key(page, nav) -> str | None:
    """The folder whose pages share this page's navigation, or None when it must be rendered."""
    url = getattr(page, "url", None)
    if not isinstance(url, str) or page in nav.pages:
        return None
    if any(other.url.startswith(url) for other in nav.pages):  # links to pages below it differ
        return None
    return url.rstrip("/").rpartition("/")[0] + "/"
