"""The browse page: every case in one table, with facet controls that overrides/assets/js/browse.js
wires up. Without JavaScript the form stays hidden and the complete table is shown.

Contract with browse.js (keep the two in step):
- each row carries one data-NAME attribute per facet (NAME from macros.facets.FACETS, `_` written `-`) and an
  optional data-search-extra (English names); the text filter reads the title link, the agency
  cell and data-search-extra;
- each facet is a fieldset[data-facet=NAME] of checkboxes name=NAME value=VALUE, inside a
  <details> so that on a phone the seven lists fold away; the URL query uses the same names;
- the order of the level checkboxes is the level rank that the level column sorts by;
- th[data-sort] become sort buttons; #psea-browse-count holds [data-shown] (rows that match)
  and [data-total];
- with JavaScript at most PAGE_SIZE matching rows are displayed at a time (#psea-browse-more
  shows more): creating the boxes of thousands of rows of Thai text on a keystroke is too slow.
  browse.js takes PAGE_SIZE from the page's JSON config (macros/scriptconfig.py); the table's
  data-page-size states it too;
- browse.js is an ES module (browse-core.js holds its logic without the DOM, tested under node).
"""
from __future__ import annotations

from ..render import fragments, urls
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..facets import FACETS, case_facets, order as facet_order
from ..structure.page import GeneratedPage
from ..render.escape import e

PAGE_SIZE = 50  # rows displayed at a time by browse.js; the count always tells every match
SORT_KEYS = ("year", "title", "agency", "province", "category", "level")  # one per fragments.TABLE_HEAD column


def _facet_controls(options: dict, order: dict) -> str:
    groups = []
    for name, label in FACETS:
        values = options[name]
        rank = {value: i for i, value in enumerate(order.get(name, []))}
        ordered = sorted(values.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{name}" value="{e(value)}"> {e(text)} '
            f'<span class="psea-muted" data-facet-count>({count:,})</span></label></li>'
            for value, (text, count) in ordered)
        groups.append(f'<details class="psea-facet-group"><summary>{label}'
                      f' <span class="psea-facet-selected" data-facet-selected hidden></span></summary>'
                      f'<fieldset class="psea-facet" data-facet="{name}"><legend>{label}</legend>'
                      f'<ul>{boxes}</ul></fieldset></details>')
    return "".join(groups)


def render_browse(corpus: Corpus, inputs: BuildInputs):
    tax = corpus.taxonomy
    page = GeneratedPage(urls.page_src_uri(urls.BROWSE_URL), "ค้นดูผลงานทั้งหมด",
                         "ตารางผลงานที่ได้รับรางวัลทั้งหมด กรองตามสาขา ประเภท ระดับ ปี จังหวัด ประเภทหน่วยงาน "
                         "และความสมบูรณ์ได้หลายตัวเลือกพร้อมกัน ค้นชื่อผลงานหรือหน่วยงานได้ทั้งภาษาไทยและอังกฤษ "
                         "คลิกหัวตารางเพื่อเรียงลำดับ และคัดลอกลิงก์ของหน้าเพื่อแชร์มุมมองที่กรองไว้")
    options: dict = {name: {} for name, _ in FACETS}
    rows = []
    for case in corpus.cases:
        values = case_facets(tax, case)
        for name, (value, text) in values.items():
            _, count = options[name].get(value, (text, 0))
            options[name][value] = (text, count + 1)
        attrs = " ".join(f'data-{name.replace("_", "-")}="{e(value)}"' for name, (value, _) in values.items())
        extra = " ".join(filter(None, [case.title_en, case.agency.name_en]))
        search = f' data-search-extra="{e(extra)}"' if extra else ""
        rows.append(fragments.case_row(corpus, case, page.url).replace("<tr>", f"<tr {attrs}{search}>", 1))
    total = len(corpus.cases)
    head = "".join(f'<th scope="col" data-sort="{key}">{label}</th>' for key, label in zip(SORT_KEYS, fragments.TABLE_HEAD))
    page.html = (
        '<form class="psea-browse-filters" id="psea-browse-filters" role="search" aria-label="ตัวกรองผลงาน" '
        'autocomplete="off" hidden>'
        '<p class="psea-browse-search"><label for="psea-browse-q">ค้นชื่อผลงานหรือหน่วยงาน</label> '
        '<input type="search" id="psea-browse-q" name="q" autocomplete="off" placeholder="เช่น โรงพยาบาล" '
        'aria-controls="psea-browse-table"> '
        '<button type="reset">ล้างตัวกรอง</button></p>'
        f'<div class="psea-facets">{_facet_controls(options, facet_order(tax, corpus.years))}</div></form>'
        f'<p class="psea-count" id="psea-browse-count" role="status" aria-live="polite">'
        f'แสดง <strong data-shown>{total:,}</strong> จาก <strong data-total>{total:,}</strong> ผลงาน</p>'
        '<p class="psea-browse-empty" id="psea-browse-empty" hidden>ไม่พบผลงานที่ตรงกับตัวกรอง '
        'ลองเอาตัวเลือกบางข้อออก หรือกด ล้างตัวกรอง</p>'
        f'<div class="psea-table-wrap"><table class="psea-cases" id="psea-browse-table" data-page-size="{PAGE_SIZE}">'
        f'<thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>"
        '<p class="psea-browse-more" id="psea-browse-more" hidden>'
        '<span data-more-text></span> <button type="button">แสดงเพิ่ม</button></p>'
        f'<link rel="modulepreload" href="{e(urls.rel(page.url, urls.BROWSE_CORE_SCRIPT))}">'
        f'<script type="module" src="{e(urls.rel(page.url, urls.BROWSE_SCRIPT))}"></script>'
    )
    yield page
