"""HTML fragments for cases: badges, tables, metric cards, lists of related cases. Every value
from a case is escaped here."""
from __future__ import annotations

import functools
import itertools

from ..structure.case import Case, Metric
from ..structure.corpus import Corpus
from ..taxonomy import Taxonomy
from . import inferred
from .escape import e, t
from .labels import branch_label, level_label, number, status_label
from .urls import agency_url, branch_url, case_url, category_url, province_url, rel, year_url

# Fragments ------------------------------------------------------------------------------------
LEVEL_CLASS = ' class="psea-level"'


def badges(case: Case, tax: Taxonomy, here: str, marks: dict[str, str] | None = None) -> str:
    """`marks` maps a badge's kind (year, branch, category, level) to HTML put after its link,
    such as the mark of an inferred value (render/inferred.py)."""
    marks = marks or {}
    parts = [
        (year_url(case.year), f"ปี {case.year}", "year"),
        (branch_url(case.branch), branch_label(tax, case.branch), "branch"),
        (category_url(case.branch, case.category), tax.category_label(case.branch, case.category, case.year),
         "category"),
        (category_url(case.branch, case.category) + f"#ปี-{case.year}", level_label(tax, case.level), "level"),
    ]
    # Each link is a badge by the list's class (site.css); only the level looks different.
    items = "".join(
        f'<li><a{LEVEL_CLASS if kind == "level" else ""} href="{e(rel(here, url))}">{t(label)}</a>'
        f'{marks.get(kind, "")}</li>' for url, label, kind in parts)
    return f'<ul class="psea-badges" aria-label="รางวัล">{items}</ul>'


def metric_cards(metrics: tuple[Metric, ...]) -> str:
    """Metric cards in lean markup (a case can have dozens; site.css styles them by position):
    <li><b>[<i>before</i> → ]value <small>unit</small></b>label[<small>note</small>]</li>."""
    if not metrics:
        return ""
    cards = []
    for metric in metrics:
        if metric.has_change:
            value = (f'<i>{number(metric.before)}</i> <span role="img" aria-label="เป็น">→</span> '
                     f'{number(metric.after)}')
        else:
            value = number(metric.value)
        note = f'<small>{t(metric.note)}</small>' if metric.note else ""
        cards.append(f'<li><b>{value} <small>{t(metric.unit)}</small></b>{t(metric.label)}{note}</li>')
    return f'<ul class="psea-metrics">{"".join(cards)}</ul>'


TABLE_HEAD = ("ปี", "ผลงาน", "หน่วยงาน", "จังหวัด", "สาขา / ประเภท", "ระดับ")


def case_row(corpus: Corpus, case: Case, here: str) -> str:
    """The case's row in a listing table on the page at `here`. Its links go up to the site root
    and down again, so every listing page at the same depth shares one rendering (a case is listed
    on its year, province, agency, tag, SDG, award and browse pages): kept in corpus.rows."""
    up = "../" * here.count("/")
    row = corpus.rows.get((case.id, up))
    if row is None:
        row = corpus.rows[case.id, up] = _case_row(case, corpus.taxonomy, up)
    return row


def _case_row(case: Case, tax: Taxonomy, up: str) -> str:
    summary = case.impact or ""
    summary_html = f'<br><span class="psea-row__summary">{t(summary)}</span>' if summary else ""
    status = ("" if case.status == "full"
              else f' <span class="psea-status psea-status--{e(case.status)}">'
                   f'{t(status_label(tax, case.status))}</span>')
    mark = functools.partial(inferred.mark, case, case_url=up + case_url(case))
    return (
        "<tr>"
        f'<td data-label="ปี"><a href="{e(up + year_url(case.year))}">{case.year}</a>{mark("year")}</td>'
        f'<td data-label="ผลงาน"><a href="{e(up + case_url(case))}">{t(case.title)}</a>{status}{summary_html}</td>'
        f'<td data-label="หน่วยงาน"><a href="{e(up + agency_url(case.agency_slug))}">{t(case.agency.name)}</a>'
        f'{mark("agency.name")}</td>'
        f'<td data-label="จังหวัด"><a href="{e(up + province_url(tax, case.province))}">{t(case.province)}</a>'
        f'{mark("province")}</td>'
        f'<td data-label="สาขา / ประเภท"><a href="{e(up + category_url(case.branch, case.category))}">'
        f'{t(branch_label(tax, case.branch))} / {t(tax.category_label(case.branch, case.category, case.year))}</a></td>'
        f'<td data-label="ระดับ">{t(level_label(tax, case.level))}</td>'
        "</tr>")


def case_table(corpus: Corpus, cases: list[Case], here: str, caption: str = "") -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in TABLE_HEAD)
    rows = "\n".join(case_row(corpus, c, here) for c in cases)
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    return (f'<div class="psea-table-wrap"><table class="psea-cases">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>\n{rows}\n</tbody></table></div>")


def case_links(cases: list[Case], here: str, with_year: bool = True) -> str:
    """A case page's list of other cases (site.css styles the <small> as muted text)."""
    items = "".join(
        f'<li><a href="{e(rel(here, case_url(c)))}">{t(c.title)}</a> '
        f'<small>— {t(c.agency.name)}{f" ({c.year})" if with_year else ""}</small></li>'
        for c in cases)
    return f"<ul>{items}</ul>"


def count_line(count: int, noun: str = "ผลงาน") -> str:
    return f'<p class="psea-count"><strong>{count:,}</strong> {noun}</p>'


def related_members(corpus: Corpus, case: Case) -> list[Case]:
    """Every case whose related section (below) may show `case`: the relation is symmetric, so they
    are the members of its groups and its builds-on chain both ways (mkdocs serve rebuilds their
    pages when `case` changes, macros.preview)."""
    return [*corpus.builds_on_chain(case), *corpus.expanded_by(case),
            *corpus.group("category-year", case.branch, case.category, case.year),
            *corpus.group("agency", case.agency_slug)]


def related_section(corpus: Corpus, case: Case, here: str, limit: int = 5) -> str:
    """Related cases, each list capped so a case page's size does not grow with the corpus; the
    listing page of the group has them all."""
    blocks = []
    chain = corpus.builds_on_chain(case)
    later = corpus.expanded_by(case)
    if case.builds_on_unrecorded and not chain:
        blocks.append(("ต่อยอดจากผลงานเดิม", f"<p>{t(case.builds_on_unrecorded)}</p>"))
    if chain:
        blocks.append(("ต่อยอดจากผลงานเดิม", case_links(chain, here)))
    if later:
        blocks.append(("ผลงานที่นำไปขยายผลต่อ", case_links(later, here)))
    groups = [
        ("ผลงานประเภทเดียวกันในปีเดียวกัน", corpus.group("category-year", case.branch, case.category, case.year),
         category_url(case.branch, case.category), False),
        ("ผลงานอื่นของหน่วยงานเดียวกัน", corpus.group("agency", case.agency_slug), agency_url(case.agency_slug), True),
    ]
    for title, members, more_url, with_year in groups:
        shown = list(itertools.islice((c for c in members if c.id != case.id), limit))
        if not shown:
            continue
        html = case_links(shown, here, with_year)
        if len(members) - 1 > limit:  # the case itself is a member of its groups
            html += f'<p><a href="{e(rel(here, more_url))}">ดูทั้งหมด {len(members) - 1:,} ผลงาน</a></p>'
        blocks.append((title, html))
    if not blocks:
        return ""
    inner = "".join(f'<h3>{t(title)}</h3>{html}' for title, html in blocks)
    return ('<section class="psea-related" aria-labelledby="ผลงานที่เกี่ยวข้อง">'
            f'<h2 id="ผลงานที่เกี่ยวข้อง">ผลงานที่เกี่ยวข้อง</h2>{inner}</section>')
