"""Thai labels of taxonomy keys, and numbers as Thai readers write them."""
from __future__ import annotations

from ..taxonomy import Taxonomy
from .escape import t


def level_label(tax: Taxonomy, key: str) -> str:
    return tax.choice_label("level", key)


def branch_label(tax: Taxonomy, key: str) -> str:
    return tax.choice_label("branch", key)


def status_label(tax: Taxonomy, key: str) -> str:
    return tax.choice_label("status", key)


def agency_type_label(tax: Taxonomy, key: str) -> str:
    return tax.choice_label("agency_type", key)


def number(value: object) -> str:
    """A metric number as Thai readers write it: thousands separators, decimals as given."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return t(value)
    if isinstance(value, int):
        return f"{value:,}"
    written = getattr(value, "written", "") or repr(value)
    whole, dot, frac = written.partition(".")
    if not whole.lstrip("-").isdigit():  # exponent or inf: show as written
        return t(written)
    return f"{int(whole):,}{dot}{frac}"
