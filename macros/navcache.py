"""Rendering the theme's navigation once per folder instead of once per page (issue: scale).

A page outside the navigation (every case and generated index page) has no active item, and its
navigation differs from its neighbours' only by the folder it is in, since links are relative.
overrides/partials/nav.html and tabs.html keep one rendering per key in a dict that is new for
every build (macros/hooks.on_env); macros/shell.py renders whole pages once per key.
"""
from __future__ import annotations


def nav_cache_key(page, nav) -> str | None:
    """The folder whose pages share this page's navigation, or None when it must be rendered."""
    url = getattr(page, "url", None)
    if not isinstance(url, str):
        return None
    # Asked several times for each of thousands of pages: the answer for a URL is kept with the
    # navigation it was worked out for (a page's URL is unique within a build).
    known = nav.__dict__.setdefault("_psea_nav_keys", {})
    if url not in known:
        known[url] = _key(url, nav)
    return known[url]


def _key(url: str, nav) -> str | None:
    if any(other.url == url for other in nav.pages):  # in the navigation: its item is active
        return None
    if any(other.url.startswith(url) for other in nav.pages):  # links to pages below it differ
        return None
    return url.rstrip("/").rpartition("/")[0] + "/"
