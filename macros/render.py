"""HTML fragments for cases: badges, tables, metric cards. Every value from a case is escaped here."""
from __future__ import annotations

import functools
import itertools
from html import escape

from . import inferred
from .cases import Case, Corpus
from .taxonomy import Taxonomy


def e(value) -> str:
    """A value escaped for an attribute (quotes too) or for text."""
    return escape("" if value is None else str(value), quote=True)


def t(value) -> str:
    """A value escaped for the text of an element: &, < and >. Quotes need no escaping outside an
    attribute, and an apostrophe as &#x27; is six bytes (case pages have many). Never use it for
    an attribute value."""
    return escape("" if value is None else str(value), quote=False)


@functools.lru_cache(maxsize=65536)
def rel(from_url: str, to_url: str) -> str:
    """Relative link between two directory-style site URLs ('' is the home page)."""
    # posixpath.relpath by hand (it was a tenth of a large build): the URLs are already normal.
    start, path = [p for p in (from_url or "").split("/") if p], [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(start, path):
        if a != b:
            break
        common += 1
    target = "/".join([".."] * (len(start) - common) + path[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/"
    return "./" if target in (".", "./") else target


def number(value) -> str:
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


# URLs of generated pages, the single place that decides them ---------------------------------
def year_url(year) -> str:
    return f"years/{year}/"


def category_url(branch, category) -> str:
    return f"awards/{branch}/{category}/"


def branch_url(branch) -> str:
    return f"awards/{branch}/"


def province_url(tax: Taxonomy, province_th) -> str:
    province = tax.province_by_th.get(province_th)
    return f"provinces/{province['key'] if province else 'unknown'}/"


def agency_url(slug) -> str:
    return f"agencies/{slug}/"


def tag_url(tag) -> str:
    return f"tags/{tag}/"


def sdg_url(sdg) -> str:
    return f"sdgs/{sdg}/"


# Labels ---------------------------------------------------------------------------------------
def level_label(tax: Taxonomy, key) -> str:
    return tax.levels.get(key, {}).get("th", key)


def branch_label(tax: Taxonomy, key) -> str:
    return tax.branches.get(key, {}).get("th", key)


def status_label(tax: Taxonomy, key) -> str:
    return tax.vocabulary("status").get(key, {}).get("th", key)


def agency_type_label(tax: Taxonomy, key) -> str:
    return tax.vocabulary("agency_types").get(key, {}).get("th", key)


# Fragments ------------------------------------------------------------------------------------
LEVEL_CLASS = ' class="psea-level"'


def badges(case: Case, tax: Taxonomy, here: str, marks: dict | None = None) -> str:
    """`marks` maps a badge's kind (year, branch, category, level) to HTML put after its link,
    such as the mark of an inferred value (macros/inferred.py)."""
    marks = marks or {}
    parts = [
        (year_url(case.year), f"ปี {case.year}", "year"),
        (branch_url(case.branch), branch_label(tax, case.branch), "branch"),
        (category_url(case.branch, case.category), tax.category_label(case.branch, case.category, case.year), "category"),
        (category_url(case.branch, case.category) + f"#ปี-{case.year}", level_label(tax, case.level), "level"),
    ]
    # Each link is a badge by the list's class (site.css); only the level looks different.
    items = "".join(
        f'<li><a{LEVEL_CLASS if kind == "level" else ""} href="{e(rel(here, url))}">{t(label)}</a>{marks.get(kind, "")}</li>'
        for url, label, kind in parts)
    return f'<ul class="psea-badges" aria-label="รางวัล">{items}</ul>'


def metric_cards(metrics: list) -> str:
    """Metric cards in lean markup (a case can have dozens; site.css styles them by position):
    <li><b>[<i>before</i> → ]value <small>unit</small></b>label[<small>note</small>]</li>."""
    if not metrics:
        return ""
    cards = []
    for metric in metrics:
        if "before" in metric and "after" in metric:
            value = (f'<i>{number(metric["before"])}</i> <span role="img" aria-label="เป็น">→</span> '
                     f'{number(metric["after"])}')
        else:
            value = number(metric.get("value"))
        note = f'<small>{t(metric["note"])}</small>' if metric.get("note") else ""
        cards.append(f'<li><b>{value} <small>{t(metric.get("unit"))}</small></b>{t(metric.get("label"))}{note}</li>')
    return f'<ul class="psea-metrics">{"".join(cards)}</ul>'


TABLE_HEAD = ("ปี", "ผลงาน", "หน่วยงาน", "จังหวัด", "สาขา / ประเภท", "ระดับ")


def case_row(case: Case, tax: Taxonomy, here: str) -> str:
    """The case's row in a listing table on the page at `here`. Its links go up to the site root
    and down again, so every listing page at the same depth shares one rendering (a case is listed
    on its year, province, agency, tag, SDG, award and browse pages)."""
    up = "../" * here.count("/")
    row = case.rows.get(up)
    if row is None:
        row = case.rows[up] = _case_row(case, tax, up)
    return row


def _case_row(case: Case, tax: Taxonomy, up: str) -> str:
    summary = case.meta.get("impact") or ""
    summary_html = f'<br><span class="psea-row__summary">{t(summary)}</span>' if summary else ""
    status = ("" if case.status == "full"
              else f' <span class="psea-status psea-status--{e(case.status)}">{t(status_label(tax, case.status))}</span>')
    mark = functools.partial(inferred.mark, case.meta, case_url=up + case.url)
    return (
        "<tr>"
        f'<td data-label="ปี"><a href="{e(up + year_url(case.year))}">{case.year}</a>{mark("year")}</td>'
        f'<td data-label="ผลงาน"><a href="{e(up + case.url)}">{t(case.title)}</a>{status}{summary_html}</td>'
        f'<td data-label="หน่วยงาน"><a href="{e(up + agency_url(case.agency_slug))}">{t(case.agency)}</a>{mark("agency.name")}</td>'
        f'<td data-label="จังหวัด"><a href="{e(up + province_url(tax, case.province))}">{t(case.province)}</a>{mark("province")}</td>'
        f'<td data-label="สาขา / ประเภท"><a href="{e(up + category_url(case.branch, case.category))}">'
        f'{t(branch_label(tax, case.branch))} / {t(tax.category_label(case.branch, case.category, case.year))}</a></td>'
        f'<td data-label="ระดับ">{t(level_label(tax, case.level))}</td>'
        "</tr>")


def case_table(cases: list[Case], tax: Taxonomy, here: str, caption: str = "") -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in TABLE_HEAD)
    rows = "\n".join(case_row(c, tax, here) for c in cases)
    cap = f"<caption>{e(caption)}</caption>" if caption else ""
    return (f'<div class="psea-table-wrap"><table class="psea-cases">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>\n{rows}\n</tbody></table></div>")


def case_links(cases: list[Case], here: str, with_year: bool = True) -> str:
    """A case page's list of other cases (site.css styles the <small> as muted text)."""
    items = "".join(
        f'<li><a href="{e(rel(here, c.url))}">{t(c.title)}</a> '
        f'<small>— {t(c.agency)}{f" ({c.year})" if with_year else ""}</small></li>'
        for c in cases)
    return f"<ul>{items}</ul>"


def count_line(count: int, noun: str = "ผลงาน") -> str:
    return f'<p class="psea-count"><strong>{count:,}</strong> {noun}</p>'


def related_section(corpus: Corpus, case: Case, here: str, limit: int = 5) -> str:
    """Related cases, each list capped so a case page's size does not grow with the corpus; the
    listing page of the group has them all."""
    tax = corpus.taxonomy
    blocks = []
    chain = corpus.builds_on_chain(case)
    later = corpus.expanded_by(case)
    if case.meta.get("builds_on_unrecorded") and not chain:
        blocks.append(("ต่อยอดจากผลงานเดิม", f"<p>{t(case.meta['builds_on_unrecorded'])}</p>"))
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
    return f'<section class="psea-related" aria-labelledby="ผลงานที่เกี่ยวข้อง"><h2 id="ผลงานที่เกี่ยวข้อง">ผลงานที่เกี่ยวข้อง</h2>{inner}</section>'
