"""The corpus: every valid case, in site order, with every index the site needs, built in one pass."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..casefile import CaseFile
from ..taxonomy import Taxonomy
from ..thaisort import thai_sort_key
from ..yamlines import LineDict, LineList
from .case import Case


def plain(value: Any) -> Any:
    """Frontmatter without the line bookkeeping: plain dicts and lists, ready for JSON."""
    if isinstance(value, (LineDict, dict)):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (LineList, list)):
        return [plain(v) for v in value]
    return value


@dataclass
class Corpus:
    cases: list[Case]
    taxonomy: Taxonomy
    # Rendered listing rows, by case id and the relative path up to the site root (see
    # render.fragments.case_row): a case is listed on about seven pages of the same depth.
    rows: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.cases.sort(key=lambda c: c.sort_key)
        self.by_id = {c.id: c for c in self.cases}
        groups: defaultdict[tuple[Any, ...], list[Case]] = defaultdict(list)
        for case in self.cases:  # one pass; each list keeps the corpus order
            groups["year", case.year].append(case)
            groups["branch", case.branch].append(case)
            groups["category", case.branch, case.category].append(case)
            groups["category-year", case.branch, case.category, case.year].append(case)
            groups["province", case.province].append(case)
            groups["agency", case.agency_slug].append(case)
            groups["status", case.status].append(case)
            for tag in case.tags:
                groups["tag", tag].append(case)
            for sdg in case.sdgs:
                groups["sdg", sdg].append(case)
            if case.builds_on:
                groups["expanded-by", case.builds_on].append(case)
        self.groups: dict[tuple[Any, ...], list[Case]] = dict(groups)

    def group(self, *key: Any) -> list[Case]:
        return self.groups.get(tuple(key), [])

    def keys(self, kind: str) -> list[Any]:
        return [k[1:] if len(k) > 2 else k[1] for k in self.groups if k[0] == kind]

    @cached_property
    def years(self) -> list[int]:
        return sorted(self.keys("year"), reverse=True)

    @cached_property
    def agencies(self) -> list[tuple[str, str]]:
        """(slug, Thai name) of every agency, in Thai dictionary order."""
        names = {slug: self.group("agency", slug)[0].agency.name for slug in self.keys("agency")}
        return sorted(names.items(), key=lambda item: thai_sort_key(item[1]))

    def builds_on_chain(self, case: Case) -> list[Case]:
        """The earlier cases this one expands, oldest first (cycles are cut)."""
        chain, seen, current = [], {case.id}, case
        while (target := current.builds_on) in self.by_id and target not in seen:
            current = self.by_id[target]
            seen.add(target)
            chain.append(current)
        return chain[::-1]

    def expanded_by(self, case: Case) -> list[Case]:
        """Later cases that expand this one, directly or through another expansion."""
        found, queue, seen = [], [case.id], {case.id}
        while queue:
            for later in self.group("expanded-by", queue.pop(0)):
                if later.id not in seen:
                    seen.add(later.id)
                    found.append(later)
                    queue.append(later.id)
        return sorted(found, key=lambda c: (c.year, c.id))


def build_corpus(parsed: list[CaseFile], taxonomy: Taxonomy) -> Corpus:
    """Cases from parsed files that passed validation (the caller reports the others)."""
    return Corpus([Case.from_meta(plain(p.meta), p.body, p.path) for p in parsed], taxonomy)
