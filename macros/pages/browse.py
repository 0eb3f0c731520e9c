"""The browse page: every case, with facet controls that overrides/assets/js/browse.js wires up.

Pages that stay small (issue 14): the page's HTML holds the filters and the first screen of rows
(PAGE_SIZE, in the default order: newest year first), never all rows. The rest come as data:
- browse/rows.json (render_rows_data): every case's display fields and facet values, compact
  (ROW_FIELDS, by column), fetched once when a visitor first filters, sorts, types or
  asks for more rows (or opens a URL with a view in its query). From then on the table shows rows
  that browse-row.js builds from it: the exact markup of fragments.case_row with the attributes
  below (tests/test_browse.py renders the same cases both ways and compares them);
- browse/search-text.json (render_text_index): each case's problem and solution, fetched on the
  first keystroke (the impact is in rows.json already).
Without JavaScript the form, the count of matches and "แสดงเพิ่ม" are not shown (assets/css/nojs.css,
linked inside <noscript> on every page, hides .psea-js-only: nothing moves for a visitor with JavaScript), and
the first screen of rows is page 1 of a static paged list: /browse/page/2/ … (urls.paged_url,
pages of paging.CASES_PER_PAGE rows, each row as on page 1), so every case is reachable.

Contract with browse.js (keep the two in step):
- each row carries one data-NAME attribute per facet (NAME from macros.facets.FACETS, `_` written `-`),
  a data-NAME of space-separated values per facet of MULTI_FACETS (absent for none), data-case
  (its key in the text index) and an optional data-search-extra (English names); the text filter
  reads the title, the agency, the English names and, once a visitor types, the row's problem,
  solution and impact;
- each facet is a fieldset[data-facet=NAME] of checkboxes name=NAME value=VALUE (data-facet-multi
  for a facet where a row has several values: it matches if any is ticked), inside a <details>
  so that on a phone the lists fold away; the URL query uses the same names; the counts beside
  the boxes are the whole corpus's until the data is loaded;
- the order of the level checkboxes is the level rank that the level column sorts by;
- th[data-sort] hold disabled sort buttons (button.psea-sort) that browse.js enables;
  #psea-browse-count holds [data-shown] (rows that match)
  and [data-total];
- with JavaScript at most PAGE_SIZE matching rows are displayed at a time (#psea-browse-more
  shows more, its text written here as browse-core.js moreTexts writes it): creating the boxes
  of thousands of rows of Thai text on a keystroke is too slow. browse.js takes PAGE_SIZE from
  the page's JSON config (macros/scriptconfig.py); the table's data-page-size states it too; the
  table's data-rows and data-text-index name the two data files;
- browse.js is a small ES module that makes the sort buttons and loads browse-view.js (the view)
  on the first interaction; browse-core.js holds the logic without the DOM, tested under node;
  browse-row.js builds a row.
"""
from __future__ import annotations

import json

from ..facets import FACETS, MULTI_FACETS, case_facets, case_values
from ..facets import label as facet_label
from ..facets import order as facet_order
from ..render import fragments, inferred, labels, pager, urls
from ..render.escape import e
from ..structure.case import Case
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedFile, GeneratedPage
from .paging import CASES_PER_PAGE, paged

TEXT_INDEX = "search-text.json"  # beside the page: what the text box searches besides the table (render_text_index)
ROWS_DATA = "rows.json"  # beside the page: every row's fields (render_rows_data)
PAGE_SIZE = CASES_PER_PAGE  # rows displayed at a time by browse.js; the count always tells every match
# The fields of a row in rows.json, in order (browse-core.js decodeRows reads them by these names).
ROW_FIELDS = ("key", "facetValues", "facetSets", "extra", "title", "status", "statusLabel", "summary", "agency",
              "province", "category", "level", "hrefs", "marks")
COMPOSITE_FIELDS = ("facetValues", "facetSets", "hrefs")  # fields whose value is a list of a fixed length
MARKED = ("year", "agency.name", "province")  # the row's values that may carry an inferred mark, in order
SORT_KEYS = ("year", "title", "agency", "province", "category", "level")  # one per fragments.TABLE_HEAD column


def _facet_controls(options: dict, order: dict) -> str:
    groups = []
    multi = dict(MULTI_FACETS)
    for name, label in FACETS + MULTI_FACETS:
        values = options[name]
        rank = {value: i for i, value in enumerate(order.get(name, []))}
        ordered = sorted(values.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{name}" value="{e(value)}"> {e(text)} '
            f'<span class="psea-muted" data-facet-count>({count:,})</span></label></li>'
            for value, (text, count) in ordered)
        groups.append(f'<details class="psea-facet-group"><summary>{label}'
                      f' <span class="psea-facet-selected" data-facet-selected hidden></span></summary>'
                      f'<fieldset class="psea-facet" data-facet="{name}"{" data-facet-multi" if name in multi else ""}>'
                      f'<legend>{label}</legend>'
                      f'<ul>{boxes}</ul></fieldset></details>')
    return "".join(groups)


def _row_attrs(tax, case: Case) -> str:
    """The attributes of a case's row (the contract above)."""
    values = case_facets(tax, case).items()
    attrs = " ".join(f'data-{name.replace("_", "-")}="{e(value)}"' for name, (value, _) in values)
    for name, _ in MULTI_FACETS:  # several values, space-separated (tag keys have no spaces)
        keys = case_values(tax, case, name)
        if keys:
            attrs += f' data-{name}="{e(" ".join(keys))}"'
    attrs += f' data-case="{e(case_key(case))}"'
    extra = _extra(case)
    return attrs + (f' data-search-extra="{e(extra)}"' if extra else "")


def _extra(case: Case) -> str:
    return " ".join(filter(None, [case.title_en, case.agency.name_en]))


def browse_row(corpus: Corpus, case: Case, here: str) -> str:
    """A case's row on a browse page: fragments.case_row with the attributes browse.js filters by."""
    return fragments.case_row(corpus, case, here).replace("<tr>", f"<tr {_row_attrs(corpus.taxonomy, case)}>", 1)


def _table(head: str, rows: str, attrs: str = "", sortable: bool = False) -> str:
    classes = "psea-cases psea-sortable" if sortable else "psea-cases"
    return (f'<div class="psea-table-wrap"><table class="{classes}"{attrs}>'
            f"<thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table></div>")


def _options(corpus: Corpus) -> dict:
    """Per facet, value -> (Thai label, number of cases)."""
    tax = corpus.taxonomy
    options: dict = {name: {} for name, _ in FACETS + MULTI_FACETS}
    for case in corpus.cases:
        for name, (value, text) in case_facets(tax, case).items():
            _, count = options[name].get(value, (text, 0))
            options[name][value] = (text, count + 1)
        for name, _ in MULTI_FACETS:
            for key in case_values(tax, case, name):
                _, count = options[name].get(key, (facet_label(tax, name, key), 0))
                options[name][key] = (facet_label(tax, name, key), count + 1)
    return options


def more_texts(shown: int, limit: int) -> tuple[str, str]:
    """The line under the table and its button, as browse-core.js moreTexts writes them."""
    displayed = min(shown, limit)
    rest = shown - displayed
    return (f"แสดงในตาราง {displayed:,} ผลงานแรก ยังมีอีก {rest:,} ผลงาน",
            f"แสดงเพิ่มอีก {min(rest, PAGE_SIZE):,} ผลงาน")


def render_browse(corpus: Corpus, inputs: BuildInputs):
    tax = corpus.taxonomy
    title = "ค้นดูผลงานทั้งหมด"
    page = GeneratedPage(urls.page_src_uri(urls.BROWSE_URL), title,
                         "ตารางผลงานที่ได้รับรางวัลทั้งหมด กรองตามสาขา ประเภท ระดับ ปี จังหวัด ประเภทหน่วยงาน "
                         "ความสมบูรณ์ รูปแบบการยกระดับบริการ หัวข้อ และ SDGs ได้หลายตัวเลือกพร้อมกัน "
                         "ค้นในชื่อผลงาน หน่วยงาน ปัญหา แนวทางแก้ไข และผลลัพธ์ได้ทั้งภาษาไทยและอังกฤษ "
                         "คลิกหัวตารางเพื่อเรียงลำดับ และคัดลอกลิงก์ของหน้าเพื่อแชร์มุมมองที่กรองไว้")
    total = len(corpus.cases)
    pages = -(-total // PAGE_SIZE) or 1
    first = corpus.cases[:PAGE_SIZE]
    # The sort buttons are in the page from the start (a script adding them would move the table);
    # disabled until browse.js wires them up, so without JavaScript they are plain headings.
    head = "".join(f'<th scope="col" data-sort="{key}"><button type="button" class="psea-sort" '
                   f'title="เรียงตามคอลัมน์นี้" disabled>{label}</button></th>'
                   for key, label in zip(SORT_KEYS, fragments.TABLE_HEAD, strict=True))
    rows = "\n".join(browse_row(corpus, case, page.url) for case in first)
    more_text, more_button = more_texts(total, PAGE_SIZE)
    page.html = (
        '<form class="psea-browse-filters psea-js-only" id="psea-browse-filters" role="search" '
        'aria-label="ตัวกรองผลงาน" autocomplete="off">'
        '<p class="psea-browse-search"><label for="psea-browse-q">ค้นในชื่อผลงาน หน่วยงาน ปัญหา แนวทางแก้ไข และผลลัพธ์</label> '
        '<input type="search" id="psea-browse-q" name="q" autocomplete="off" placeholder="เช่น โรงพยาบาล, รอคอย" '
        'aria-controls="psea-browse-table"> '
        '<button type="reset">ล้างตัวกรอง</button></p>'
        f'<div class="psea-facets">{_facet_controls(_options(corpus), facet_order(tax, corpus.years))}</div></form>'
        f'<p class="psea-count psea-js-only" id="psea-browse-count" role="status" aria-live="polite">'
        f'แสดง <strong data-shown>{total:,}</strong> จาก <strong data-total>{total:,}</strong> ผลงาน</p>'
        f"<noscript>{fragments.count_line(total)}"
        f"{pager.position(1, pages, 1, len(first), total)}</noscript>"
        '<p class="psea-browse-empty" id="psea-browse-empty" hidden>ไม่พบผลงานที่ตรงกับตัวกรอง '
        'ลองเอาตัวเลือกบางข้อออก หรือกด ล้างตัวกรอง</p>'
        + _table(head, rows, f' id="psea-browse-table" data-page-size="{PAGE_SIZE}" data-total="{total}" '
                             f'data-rows="{ROWS_DATA}" data-text-index="{TEXT_INDEX}"', sortable=True)
        + f'<p class="psea-browse-more psea-js-only" id="psea-browse-more"{"" if total > PAGE_SIZE else " hidden"}>'
        f'<span data-more-text>{more_text}</span> <button type="button">{more_button}</button></p>'
        f"<noscript>{pager.pager(page.url, urls.BROWSE_URL, 1, pages)}</noscript>"
        f'<script type="module" src="{e(urls.rel(page.url, urls.BROWSE_SCRIPT))}"></script>'
    )
    yield page
    # The following pages, for visitors without JavaScript: the same rows, PAGE_SIZE a page.
    plain_head = "".join(f'<th scope="col">{label}</th>' for label in fragments.TABLE_HEAD)
    yield from paged(urls.BROWSE_URL, title, "", corpus.cases, PAGE_SIZE,
                     lambda here, part: _table(plain_head, "\n".join(browse_row(corpus, c, here.url) for c in part)),
                     start=2)


def case_key(case) -> str:
    """A row's key in the text index: year/id."""
    return f"{case.year}/{case.id}"


def row_data(corpus: Corpus, case: Case, here: str) -> list:
    """A case's entry in rows.json (ROW_FIELDS): what browse-row.js needs to write the row that
    fragments.case_row writes for the page at `here`, and the facet values browse.js filters by."""
    tax = corpus.taxonomy
    up = "../" * here.count("/")
    marks = {path: case.inferred[path] for path in MARKED if path in case.inferred}
    return [
        case_key(case),
        [value for value, _ in case_facets(tax, case).values()],
        [case_values(tax, case, name) for name, _ in MULTI_FACETS],
        _extra(case),
        case.title,
        "" if case.status == "full" else case.status,
        "" if case.status == "full" else labels.status_label(tax, case.status),
        case.impact or "",
        case.agency.name,
        case.province,
        f"{labels.branch_label(tax, case.branch)} / {tax.category_label(case.branch, case.category, case.year)}",
        labels.level_label(tax, case.level),
        [up + url for url in (urls.year_url(case.year), urls.case_url(case), urls.agency_url(case.agency_slug),
                              urls.province_url(tax, case.province), urls.category_url(case.branch, case.category))],
        marks or 0,
    ]


def render_rows_data(corpus: Corpus, inputs: BuildInputs):
    """browse/rows.json: every row of the browse table as data, in the page's order, by column:
    each field of ROW_FIELDS is one list of every row's value (a field of COMPOSITE_FIELDS, a list
    per part), which gzip packs into about half the bytes of a list of rows (like values side by
    side: 223 KB instead of 351 KB gzipped at 5,000 cases)."""
    rows = [row_data(corpus, case, urls.BROWSE_URL) for case in corpus.cases]
    columns: dict[str, list] = {}
    for i, field in enumerate(ROW_FIELDS):
        column = [row[i] for row in rows]
        columns[field] = [list(part) for part in zip(*column, strict=True)] if field in COMPOSITE_FIELDS else column
    data = {
        "fields": ROW_FIELDS,
        "composite": COMPOSITE_FIELDS,
        "count": len(rows),
        "facets": [name for name, _ in FACETS],
        "multi": [name for name, _ in MULTI_FACETS],
        "head": fragments.TABLE_HEAD,  # each cell's data-label
        "mark": inferred.LABEL,  # the inferred mark's text; its anchor is "<mark>-<path>" (inferred.anchor)
        "columns": columns,
    }
    yield GeneratedFile(f"{urls.BROWSE_URL}{ROWS_DATA}", json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def render_text_index(corpus: Corpus, inputs: BuildInputs):
    """browse/search-text.json: each case's problem and solution, which the text box also searches
    (with the impact, which rows.json holds). A file of its own, fetched when a visitor first types:
    these texts would more than double the rows' data."""
    texts = {case_key(c): "\n".join(filter(None, (c.pain_point, c.solution))) for c in corpus.cases}
    yield GeneratedFile(f"{urls.BROWSE_URL}{TEXT_INDEX}", json.dumps(texts, ensure_ascii=False, separators=(",", ":")))
