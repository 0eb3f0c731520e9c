"""The filters the browse page and the search share: the facets, the value a case has for each,
their Thai labels and their order. The URL query of both pages uses these names and values
(overrides/assets/js/browse.js, search.js)."""
from __future__ import annotations

from .structure.case import Case
from .taxonomy import Taxonomy

FACETS = (  # (name, Thai label)
    ("branch", "สาขา"), ("category", "ประเภท"), ("level", "ระดับ"), ("year", "ปี"),
    ("province", "จังหวัด"), ("agency_type", "ประเภทหน่วยงาน"), ("status", "ความสมบูรณ์"),
)
SEARCH_FACETS = ("branch", "category", "level", "year", "province")  # Pagefind filters
# Facets where a case has any number of values (a row matches when it has one of the ticked values):
# the browse page only, written data-NAME="value value ..." (the overview's tag and SDG bars open them).
MULTI_FACETS = (("tag", "แท็ก"), ("sdg", "SDGs"))


def case_value(tax: Taxonomy, case: Case, name: str) -> str:
    if name == "category":  # category keys repeat across branches (not-stated)
        return f"{case.branch}/{case.category}"
    if name == "year":
        return str(case.year)
    if name == "province":
        return str(tax.province_by_th.get(case.province, {}).get("key", ""))
    return str(getattr(case, name))


def label(tax: Taxonomy, name: str, value: str) -> str:
    """The Thai label of a facet's value: the taxonomy's label of that choice, except where the
    facet's value is not the case's own value (category: branch/category; province: its key)."""
    if name == "category":
        branch, _, category = value.partition("/")
        return f"{tax.choice_label('branch', branch)}: {tax.category_label(branch, category)}"
    if name == "province":
        return str(tax.province_by_key.get(value, {}).get("th", value))
    if name == "year":
        return value
    return tax.choice_label(name, value)


def case_facets(tax: Taxonomy, case: Case) -> dict[str, tuple[str, str]]:
    """name -> (value, Thai label) of one case, for every facet."""
    return {name: (value, label(tax, name, value))
            for name, _ in FACETS for value in (case_value(tax, case, name),)}


def case_multi_facets(tax: Taxonomy, case: Case) -> dict[str, list[tuple[str, str]]]:
    """name -> [(value, Thai label)] of one case, for every multi-valued facet."""
    tags, sdgs = tax.vocabulary("tags"), tax.vocabulary("sdgs")
    return {
        "tag": [(str(t), str(tags.get(t, {}).get("th", t))) for t in case.tags],
        "sdg": [(str(g), f"SDG {g}: {sdgs.get(g, {}).get('th', '')}") for g in case.sdgs],
    }


def order(tax: Taxonomy, years: list[int]) -> dict[str, list[str]]:
    """Each facet's values in the order the taxonomy lists them (provinces: nationwide first, then
    Thai dictionary order, as data/provinces.yaml has them); years newest first."""
    return {
        "branch": list(tax.branches),
        "category": [f"{b}/{c}" for b in tax.branches for c in tax.categories(b)],
        "level": list(tax.levels),
        "year": [str(y) for y in sorted(years, reverse=True)],
        "province": [p["key"] for p in tax.provinces],
        "agency_type": list(tax.vocabulary("agency_types")),
        "status": list(tax.vocabulary("status")),
        "tag": [str(k) for k in tax.vocabulary("tags")],
        "sdg": [str(k) for k in tax.vocabulary("sdgs")],
    }
