"""The award system and vocabularies, loaded from data/ and checked for integrity."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from . import yamlines
from .schema import FULL_CASE_SECTIONS, INFERABLE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DATA_FILES = ("awards.yaml", "vocabularies.yaml", "provinces.yaml", "sources.yaml")


@dataclass
class Taxonomy:
    awards: dict
    vocabularies: dict
    provinces: list
    documents: list
    data_dir: Path = DATA_DIR

    @classmethod
    def load(cls, data_dir: Path | str = DATA_DIR) -> Taxonomy:
        data_dir = Path(data_dir)
        return cls(
            awards=yamlines.load_file(data_dir / "awards.yaml") or {},
            vocabularies=yamlines.load_file(data_dir / "vocabularies.yaml") or {},
            provinces=(yamlines.load_file(data_dir / "provinces.yaml") or {}).get("provinces", []),
            documents=(yamlines.load_file(data_dir / "sources.yaml") or {}).get("documents", []),
            data_dir=data_dir,
        )

    # Lookups -----------------------------------------------------------------------------
    @cached_property
    def branches(self) -> dict:
        return {b["key"]: b for b in self.awards.get("branches", [])}

    @cached_property
    def levels(self) -> dict:
        return {level["key"]: level for level in self.awards.get("levels", [])}

    @cached_property
    def province_by_th(self) -> dict:
        return {p["th"]: p for p in self.provinces}

    @cached_property
    def scopes(self) -> list[str]:
        """The `province` values that are not a province (ทั่วประเทศ, หลายจังหวัด / ไม่ระบุ)."""
        return [p["th"] for p in self.provinces if p.get("scope")]

    @cached_property
    def province_by_key(self) -> dict:
        return {p["key"]: p for p in self.provinces}

    @cached_property
    def document_by_file(self) -> dict:
        return {d["file"]: d for d in self.documents}

    def vocabulary(self, name: str) -> dict:
        return {item["key"]: item for item in self.vocabularies.get(name, [])}

    def categories(self, branch: str) -> dict:
        return {c["key"]: c for c in self.branches.get(branch, {}).get("categories", [])}

    def category(self, branch: str, category: str) -> dict | None:
        return self.categories(branch).get(category)

    @staticmethod
    def category_years(category: dict) -> list[int]:
        return sorted({y for e in category.get("editions", []) for y in e.get("years", [])})

    @staticmethod
    def edition(category: dict, year: int) -> dict | None:
        return next((e for e in category.get("editions", []) if year in e.get("years", [])), None)

    def category_label(self, branch: str, category: str, year: int | None = None) -> str:
        cat = self.category(branch, category) or {}
        edition = self.edition(cat, year) if year is not None else None
        return (edition or {}).get("th") or cat.get("th", category)

    def branch_levels(self, branch: str) -> list[str]:
        return list(self.branches.get(branch, {}).get("levels", self.levels))

    @cached_property
    def years(self) -> list[int]:
        return sorted({y for b in self.branches for c in self.categories(b).values()
                       for y in self.category_years(c)})

    def choices(self, name: str, meta: dict | None = None) -> list:
        """The allowed values of a schema `choices` name; award keys depend on the case's branch/year."""
        return CHOICES[name].allowed(self, meta or {})

    def all_choices(self, name: str) -> list:
        """Every value a choices name can take in any context (for the JSON Schema and docs)."""
        return CHOICES[name].every(self)

    def choice_label(self, name: str, value) -> str:
        """The Thai label of a value of a choices name (the value itself if it has none)."""
        tables = self._label_tables  # asked for every listed case: each table is made once
        if name not in tables:
            tables[name] = CHOICES[name].labels(self)
        return tables[name].get(value) or str(value)

    @cached_property
    def _label_tables(self) -> dict[str, dict[Any, str]]:
        return {}


def _award(meta: dict[str, Any]) -> dict[str, Any]:
    award = meta.get("award")
    return award if isinstance(award, dict) else {}


def _categories_allowed(tax: Taxonomy, meta: dict) -> list:
    branch, year = _award(meta).get("branch"), meta.get("year")
    cats = tax.categories(branch) if isinstance(branch, str) else {}
    if isinstance(year, int) and not isinstance(year, bool):
        return [k for k, c in cats.items() if year in tax.category_years(c)]
    return list(cats)


def _levels_allowed(tax: Taxonomy, meta: dict) -> list:
    branch = _award(meta).get("branch")
    return tax.branch_levels(branch) if isinstance(branch, str) and branch in tax.branches else list(tax.levels)


def _thai(items: dict) -> dict:
    return {key: item.get("th") for key, item in items.items()}


@dataclass(frozen=True)
class Choices:
    """The values a schema field with `choices` may take: where they come from (docs), which a
    case may use (which can depend on its branch and year), all of them, and their Thai labels."""
    source: str
    labels: Callable[[Taxonomy], dict]  # value -> Thai label, in the data's order
    allowed_for: Callable[[Taxonomy, dict], list] | None = None  # None: every value

    def every(self, tax: Taxonomy) -> list:
        return list(self.labels(tax))

    def allowed(self, tax: Taxonomy, meta: dict) -> list:
        return self.every(tax) if self.allowed_for is None else self.allowed_for(tax, meta)


def _vocabulary(name: str) -> Choices:
    return Choices(f"data/vocabularies.yaml ({name})", lambda tax: _thai(tax.vocabulary(name)))


# The one registry of `choices` names (macros/schema.py): validator, scaffold, JSON Schema, field
# reference, issue forms and labels all read it.
CHOICES: dict[str, Choices] = {
    "branch": Choices("data/awards.yaml (branches)", lambda tax: _thai(tax.branches)),
    "category": Choices("data/awards.yaml (branches → categories)",
                        # keys repeat across branches (not-stated): each once, in key order
                        lambda tax: dict(sorted({c: cat.get("th") for b in reversed(list(tax.branches))
                                                 for c, cat in tax.categories(b).items()}.items())),
                        _categories_allowed),
    "level": Choices("data/awards.yaml (levels)", lambda tax: _thai(tax.levels), _levels_allowed),
    "province": Choices("data/provinces.yaml (th)", lambda tax: {th: th for th in tax.province_by_th}),
    "document": Choices("data/sources.yaml (file)", lambda tax: _thai(tax.document_by_file)),
    "agency_type": _vocabulary("agency_types"),
    "status": _vocabulary("status"),
    "tag": _vocabulary("tags"),
    "sdg": _vocabulary("sdgs"),
    "inferable_field": Choices("macros/schema.py (INFERABLE_FIELDS)", lambda tax: {f: f for f in INFERABLE_FIELDS}),
}


def check(taxonomy: Taxonomy):
    """Yield (file name, line, message) for every integrity problem in the data files."""
    aw = "awards.yaml"
    awards = taxonomy.awards
    level_keys = set(taxonomy.levels)
    documents = set(taxonomy.document_by_file)

    def line(node, key=None):
        if isinstance(node, yamlines.LineDict):
            return node.line_of(key) if key is not None else node.line
        return getattr(node, "line", 0)

    def labelled(node, what):
        for lang in ("th", "en"):
            if not isinstance(node.get(lang), str) or not node.get(lang).strip():
                yield aw, line(node), f"{what} needs a non-empty `{lang}` label"

    def sourced(node, what):
        src = node.get("source")
        if not isinstance(src, dict):
            yield aw, line(node), f"{what} needs a `source` with `document` and `locator`"
            return
        if src.get("document") not in documents:
            yield (aw, line(src), f"{what}: source.document must be a file listed in data/sources.yaml "
                   f"({', '.join(sorted(documents))}), got {src.get('document')!r}")
        if not src.get("locator"):
            yield aw, line(src), f"{what}: source.locator must say where in the document"

    def sourced_unless_editorial(node, what):
        # Editorial items (such as "not stated in the source") are ours, not the award office's.
        if not node.get("editorial"):
            yield from sourced(node, what)

    seen_levels = set()
    for level in awards.get("levels", []):
        if level.get("key") in seen_levels:
            yield aw, line(level), f"duplicate level key {level.get('key')!r}"
        seen_levels.add(level.get("key"))
        yield from labelled(level, f"level {level.get('key')!r}")
        yield from sourced_unless_editorial(level, f"level {level.get('key')!r}")

    branch_keys = {b.get("key") for b in awards.get("branches", [])}
    for award_type in awards.get("award_types", []) or []:
        what = f"award type {award_type.get('year')}/{award_type.get('key')}"
        yield from labelled(award_type, what)
        yield from sourced(award_type, what)
        if award_type.get("branch") is not None and award_type.get("branch") not in branch_keys:
            yield (aw, line(award_type, "branch"), f"{what}: branch {award_type.get('branch')!r} is not defined "
                   f"under branches (defined: {', '.join(sorted(branch_keys))})")
    for step in awards.get("participation_ladder", []) or []:
        what = f"participation ladder step {step.get('key')!r}"
        yield from labelled(step, what)
        yield from sourced(step, what)

    rubric_keys = {r.get("key") for r in awards.get("rubrics", []) or []}
    seen_branches = set()
    for branch in awards.get("branches", []):
        bkey = branch.get("key")
        if bkey in seen_branches:
            yield aw, line(branch), f"duplicate branch key {bkey!r}"
        seen_branches.add(bkey)
        yield from labelled(branch, f"branch {bkey!r}")
        yield from sourced_unless_editorial(branch, f"branch {bkey!r}")
        for lv in branch.get("levels", []):
            if lv not in level_keys:
                yield (aw, line(branch, "levels"), f"branch {bkey!r} lists level {lv!r}, which is not "
                       f"defined under levels (allowed: {', '.join(sorted(level_keys))})")
        seen_cats = set()
        for cat in branch.get("categories", []):
            ckey = cat.get("key")
            what = f"category {bkey}/{ckey}"
            if ckey in seen_cats:
                yield aw, line(cat), f"duplicate category key {ckey!r} in branch {bkey!r}"
            seen_cats.add(ckey)
            yield from labelled(cat, what)
            if not cat.get("editions"):
                yield aw, line(cat), f"{what} needs at least one edition with its years"
            yield from _check_introduced(cat, what, aw, line, sourced)
            seen_years: set = set()
            for edition in cat.get("editions", []) or []:
                years = edition.get("years") or []
                if not years:
                    yield aw, line(edition), f"{what}: every edition needs a non-empty `years` list"
                for year in years:
                    if not isinstance(year, int) or not 2500 <= year <= 2600:
                        yield (aw, line(edition),
                               f"{what}: edition year must be a Buddhist-era year such as 2567, got {year!r}")
                    if year in seen_years:
                        yield aw, line(edition), f"{what}: year {year} is in two editions"
                    seen_years.add(year)
                rubric = edition.get("rubric")
                if rubric is not None and rubric not in rubric_keys:
                    yield (aw, line(edition, "rubric"), f"{what}: rubric {rubric!r} is not defined under "
                           f"rubrics (defined: {', '.join(sorted(k for k in rubric_keys if k))})")
                if not cat.get("editorial"):
                    yield from sourced(edition, f"{what} edition {years}")
                window = edition.get("builds_on")
                if isinstance(window, dict):
                    lo, hi = window.get("min_years"), window.get("max_years")
                    if lo is not None and hi is not None and lo > hi:
                        yield aw, line(window), f"{what}: builds_on.min_years ({lo}) exceeds max_years ({hi})"

    for rubric in awards.get("rubrics", []) or []:
        what = f"rubric {rubric.get('key')!r}"
        yield from labelled(rubric, what)
        yield from sourced(rubric, what)
        dims = rubric.get("dimensions") or []
        total = sum(d.get("points") or 0 for d in dims)
        if total != rubric.get("total"):
            yield (aw, line(rubric), f"{what}: dimension points add up to {total}, "
                   f"but total says {rubric.get('total')}")
        numbers = [q.get("number") for d in dims for q in d.get("questions") or []]
        if numbers != list(range(1, len(numbers) + 1)):
            yield aw, line(rubric), f"{what}: questions must be numbered 1..{len(numbers)} in order, got {numbers}"
        if rubric.get("branch") is not None and rubric.get("branch") not in branch_keys:
            yield (aw, line(rubric, "branch"), f"{what}: branch {rubric.get('branch')!r} is not defined under "
                   f"branches (defined: {', '.join(sorted(k for k in branch_keys if k))})")
        for dim in dims:
            yield from _check_case_section(dim, f"{what} dimension {dim.get('key')!r}", aw, line)

    yield from _check_pmqa(awards.get("pmqa") or {}, aw, line)

    for name in ("tags", "agency_types", "status", "sdgs"):
        keys = [item.get("key") for item in taxonomy.vocabularies.get(name, [])]
        if len(keys) != len(set(keys)):
            yield "vocabularies.yaml", 0, f"{name} has duplicate keys"
    provinces = [p for p in taxonomy.provinces if not p.get("scope")]
    if len(provinces) != 77:
        yield ("provinces.yaml", 0,
               f"expected the 77 provinces (besides the `scope: true` entries), got {len(provinces)}")


def _check_introduced(cat: dict, what: str, aw: str, line, sourced):
    """A category the sources say began in a given year has no edition before it."""
    introduced = cat.get("introduced")
    if introduced is None:
        return
    first = introduced.get("year") if isinstance(introduced, dict) else None
    if not isinstance(first, int):
        yield aw, line(cat), (f"{what}: introduced needs a `year` (the Buddhist-era year the sources say it "
                              "began) and a `source`")
        return
    yield from sourced(introduced, f"{what} introduced")
    early = sorted({y for edition in cat.get("editions") or [] for y in edition.get("years") or []
                    if isinstance(y, int) and y < first})
    if early:
        yield (aw, line(cat), f"{what}: edition years {', '.join(map(str, early))} come before {first}, the year "
               "the category was introduced (introduced.source); remove those years or correct introduced")


def _check_case_section(node: dict, what: str, aw: str, line):
    """A rubric item's `case_section` (the full-case section that shows a worked example) is one of
    the headings a full case has (macros/schema.FULL_CASE_SECTIONS)."""
    section = node.get("case_section")
    headings = [th for th, _ in FULL_CASE_SECTIONS]
    if section is not None and section not in headings:
        yield (aw, line(node, "case_section"), f"{what}: case_section must be a full case's section heading "
               f"({', '.join(headings)}), got {section!r}")


def _check_pmqa(pmqa: dict, aw: str, line):
    """The PMQA criteria: category points add up to the total, and the scoring table agrees with them."""
    if not pmqa:
        return
    categories = pmqa.get("categories") or []
    total = (pmqa.get("criteria") or {}).get("total_points")
    points = {str(c.get("number")): c.get("points") for c in categories}
    for category in categories:
        yield from _check_case_section(category, f"pmqa category {category.get('number')}", aw, line)
    if total is not None and sum(p or 0 for p in points.values()) != total:
        yield aw, line(pmqa), (f"pmqa: the 7 categories' points add up to {sum(p or 0 for p in points.values())}, "
                               f"but criteria.total_points says {total}")
    table = pmqa.get("scoring_table") or {}
    columns, rows = table.get("columns") or [], table.get("rows") or []
    for row in rows:
        if len(row) != len(columns):
            yield aw, line(table), f"pmqa.scoring_table: row {row[0]!r} has {len(row)} cells for {len(columns)} columns"
    items = [row for row in rows if row and row[0] != "รวม"]
    totals = next((row for row in rows if row and row[0] == "รวม"), None)
    if totals:
        for index, column in enumerate(columns[1:], start=1):
            column_sum = sum(row[index] for row in items if index < len(row))
            # Award columns give the minimum per item; their total row is the required minimum, not the sum.
            if column.get("key") == "points" and column_sum != totals[index]:
                yield aw, line(table), (f"pmqa.scoring_table: the {column.get('key')} column adds up to "
                                        f"{column_sum}, but the total row says {totals[index]}")
    for row in items:
        number = str(row[0]).split(".")[0]
        expected = points.get(number)
        if "." not in str(row[0]) and expected is not None and row[1] != expected:
            yield (aw, line(table),
                   f"pmqa.scoring_table: item {row[0]} has {row[1]} points, but category {number} has {expected}")
    results = sum(row[1] for row in items if str(row[0]).startswith("7."))
    if results and points.get("7") is not None and results != points["7"]:
        yield (aw, line(table),
               f"pmqa.scoring_table: items 7.1-7.6 add up to {results}, but category 7 has {points['7']}")
    threshold_keys = {t.get("key") for t in pmqa.get("thresholds") or []}
    for award_type in pmqa.get("award_types") or []:
        for key in award_type.get("thresholds") or []:
            if key not in threshold_keys:
                yield aw, line(award_type), (f"pmqa award type {award_type.get('key')!r} refers to threshold {key!r}, "
                                             f"which is not defined (defined: {', '.join(sorted(threshold_keys))})")
