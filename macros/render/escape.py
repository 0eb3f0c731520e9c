"""Escaping values for HTML: e() for attributes (and text), t() for the text of an element."""
from __future__ import annotations

from html import escape


def e(value: object) -> str:
    """A value escaped for an attribute (quotes too) or for text."""
    return escape("" if value is None else str(value), quote=True)


def t(value: object) -> str:
    """A value escaped for the text of an element: &, < and >. Quotes need no escaping outside an
    attribute, and an apostrophe as &#x27; is six bytes (case pages have many). Never use it for
    an attribute value."""
    return escape("" if value is None else str(value), quote=False)
