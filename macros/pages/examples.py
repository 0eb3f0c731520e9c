"""Worked examples for the rubric: beside each dimension of a criteria page, excerpts of full
winning cases from the case section that answers it. Which section answers which dimension is
data (data/awards.yaml: a dimension's `case_section`; a PMQA category's `case_section` and
`award_category`); the cases are chosen by rule: full cases of the rubric's branch, outstanding
level first, then the page's own award category, then the rest in site order."""
from __future__ import annotations

from dataclasses import dataclass

from ..casesections import excerpt, sections
from ..render import labels, urls
from ..render.escape import e, t
from ..slugs import heading_slug
from ..structure.case import Case
from ..structure.corpus import Corpus
from ..taxonomy import Taxonomy

PER_DIMENSION = 3
OUTSTANDING = "outstanding"


@dataclass(frozen=True)
class Example:
    case: Case
    section: str  # the heading
    parts: tuple[str, ...]  # the excerpt

    @property
    def anchor(self) -> str:
        return heading_slug(self.section, "-")


class Examples:
    """The examples of one build (made once per criteria renderer: full cases are few, and each
    case's sections are read once)."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._sections: dict[str, dict[str, str]] = {}

    def _section(self, case: Case, heading: str) -> tuple[str, ...]:
        if case.id not in self._sections:
            self._sections[case.id] = sections(case.body)
        return excerpt(self._sections[case.id].get(heading, ""))

    def candidates(self, branch: str, category: str | None = None, award_category: str | None = None) -> list[Case]:
        levels = list(self.corpus.taxonomy.levels)
        cases = [c for c in self.corpus.group("branch", branch)
                 if c.status == "full" and (award_category is None or c.category == award_category)]
        return sorted(cases, key=lambda c: (c.level != OUTSTANDING, c.category != category,
                                            levels.index(c.level) if c.level in levels else len(levels), c.sort_key))

    def pick(self, cases: list[Case], heading: str | None) -> list[Example]:
        if not heading:
            return []
        found = []
        for case in cases:
            parts = self._section(case, heading)
            if parts:
                found.append(Example(case, heading, parts))
                if len(found) == PER_DIMENSION:
                    break
        return found


def examples_html(examples: list[Example], here: str, tax: Taxonomy) -> str:
    """The excerpts, each linking to its section of the case page (cases/2567/x/#ผลลัพธ์)."""
    if not examples:
        return '<p class="psea-muted">ยังไม่มีผลงานฉบับเต็มที่มีส่วนนี้ในคลังความรู้</p>'
    items = []
    for ex in examples:
        case = ex.case
        href = f"{urls.rel(here, urls.case_url(case))}#{ex.anchor}"
        text = "".join(f"<p>{t(part)}</p>" for part in ex.parts)
        level = labels.level_label(tax, case.level) if case.level != "not-stated" else ""
        items.append(f'<li class="psea-example"><blockquote>{text}</blockquote>'
                     f'<p class="psea-example-source">จากส่วน <a href="{e(href)}" class="psea-example-link">'
                     f"“{t(ex.section)}” ของ {t(case.title)}</a> "
                     f'<span class="psea-muted">({t(case.agency.name)}, ปี {case.year}'
                     f'{", " + t(level) if level else ""})</span></p></li>')
    return f'<ul class="psea-examples">{"".join(items)}</ul>'
