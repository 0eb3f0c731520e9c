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
# Facets where a case may have several values (or none): its tags of data/vocabularies.yaml, by the
# tag's group (the seven patterns of service upgrading; topics), and its SDGs. A row matches if it
# has any ticked value (the overview's tag and SDG bars open these).
MULTI_FACETS = (("pattern", "รูปแบบการยกระดับบริการ"), ("topic", "หัวข้อ"), ("sdg", "SDGs"))
TAG_GROUPS = ("pattern", "topic")  # the MULTI_FACETS that are groups of tags
SEARCH_FACETS = ("branch", "category", "level", "year", "province", "agency_type")  # Pagefind filters


def case_value(tax: Taxonomy, case: Case, name: str) -> str:
    if name == "category":  # category keys repeat across branches (not-stated)
        return f"{case.branch}/{case.category}"
    if name == "year":
        return str(case.year)
    if name == "province":
        return str(tax.province_by_th.get(case.province, {}).get("key", ""))
    return str(getattr(case, name))


def case_values(tax: Taxonomy, case: Case, name: str) -> list[str]:
    """The values of a case for a facet of MULTI_FACETS: its SDGs, or its tags of that group, in its order."""
    if name == "sdg":
        return [str(sdg) for sdg in case.sdgs]
    tags = tax.vocabulary("tags")
    return [tag for tag in case.tags if tags.get(tag, {}).get("group") == name]


def tag_facet(tax: Taxonomy, tag: str) -> str:
    """The facet (of TAG_GROUPS) a tag is filtered by on the browse page."""
    return str(tax.vocabulary("tags").get(tag, {}).get("group", ""))


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
    if name == "sdg":
        return f"SDG {value}: {tax.vocabulary('sdgs').get(int(value), {}).get('th', '')}"
    if name in TAG_GROUPS:
        return str(tax.vocabulary("tags").get(value, {}).get("th", value))
    return tax.choice_label(name, value)


def case_facets(tax: Taxonomy, case: Case) -> dict[str, tuple[str, str]]:
    """name -> (value, Thai label) of one case, for every facet."""
    return {name: (value, label(tax, name, value))
            for name, _ in FACETS for value in (case_value(tax, case, name),)}


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
        **{name: [key for key, tag in tax.vocabulary("tags").items() if tag.get("group") == name]
           for name in TAG_GROUPS},
        "sdg": [str(key) for key in tax.vocabulary("sdgs")],
    }
