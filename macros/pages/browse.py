"""The browse page: every case in one table, with facet controls that overrides/assets/js/browse.js
wires up. Without JavaScript the form stays hidden and the complete table is shown.

Contract with browse.js (keep the two in step):
- each row carries one data-NAME attribute per facet (NAME from macros.facets.FACETS, `_` written `-`),
  a data-NAME of space-separated values per facet of MULTI_FACETS (absent for none), data-case
  (its key in the text index) and an optional data-search-extra (English names); the text filter
  reads the title link, the agency cell, data-search-extra and, once a visitor types, the row's
  problem, solution and impact from the table's data-text-index file (render_text_index);
- each facet is a fieldset[data-facet=NAME] of checkboxes name=NAME value=VALUE (data-facet-multi
  for a facet where a row has several values: it matches if any is ticked), inside a <details>
  so that on a phone the lists fold away; the URL query uses the same names;
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

import json

from ..facets import FACETS, MULTI_FACETS, case_facets, case_values
from ..facets import label as facet_label
from ..facets import order as facet_order
from ..render import fragments, urls
from ..render.escape import e
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedFile, GeneratedPage

TEXT_INDEX = "search-text.json"  # beside the page: what the text box searches besides the table (render_text_index)
PAGE_SIZE = 50  # rows displayed at a time by browse.js; the count always tells every match
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


def render_browse(corpus: Corpus, inputs: BuildInputs):
    tax = corpus.taxonomy
    page = GeneratedPage(urls.page_src_uri(urls.BROWSE_URL), "ค้นดูผลงานทั้งหมด",
                         "ตารางผลงานที่ได้รับรางวัลทั้งหมด กรองตามสาขา ประเภท ระดับ ปี จังหวัด ประเภทหน่วยงาน "
                         "ความสมบูรณ์ รูปแบบการยกระดับบริการ หัวข้อ และ SDGs ได้หลายตัวเลือกพร้อมกัน "
                         "ค้นในชื่อผลงาน หน่วยงาน ปัญหา แนวทางแก้ไข และผลลัพธ์ได้ทั้งภาษาไทยและอังกฤษ "
                         "คลิกหัวตารางเพื่อเรียงลำดับ และคัดลอกลิงก์ของหน้าเพื่อแชร์มุมมองที่กรองไว้")
    options: dict = {name: {} for name, _ in FACETS + MULTI_FACETS}
    rows = []
    for case in corpus.cases:
        values = case_facets(tax, case)
        for name, (value, text) in values.items():
            _, count = options[name].get(value, (text, 0))
            options[name][value] = (text, count + 1)
        attrs = " ".join(f'data-{name.replace("_", "-")}="{e(value)}"' for name, (value, _) in values.items())
        for name, _ in MULTI_FACETS:  # several values, space-separated (tag keys have no spaces)
            keys = case_values(tax, case, name)
            for key in keys:
                _, count = options[name].get(key, (facet_label(tax, name, key), 0))
                options[name][key] = (facet_label(tax, name, key), count + 1)
            if keys:
                attrs += f' data-{name}="{e(" ".join(keys))}"'
        attrs += f' data-case="{e(case_key(case))}"'
        extra = " ".join(filter(None, [case.title_en, case.agency.name_en]))
        search = f' data-search-extra="{e(extra)}"' if extra else ""
        rows.append(fragments.case_row(corpus, case, page.url).replace("<tr>", f"<tr {attrs}{search}>", 1))
    total = len(corpus.cases)
    head = "".join(f'<th scope="col" data-sort="{key}">{label}</th>'
                   for key, label in zip(SORT_KEYS, fragments.TABLE_HEAD, strict=True))
    page.html = (
        '<form class="psea-browse-filters" id="psea-browse-filters" role="search" aria-label="ตัวกรองผลงาน" '
        'autocomplete="off" hidden>'
        '<p class="psea-browse-search"><label for="psea-browse-q">ค้นในชื่อผลงาน หน่วยงาน ปัญหา แนวทางแก้ไข และผลลัพธ์</label> '
        '<input type="search" id="psea-browse-q" name="q" autocomplete="off" placeholder="เช่น โรงพยาบาล, รอคอย" '
        'aria-controls="psea-browse-table"> '
        '<button type="reset">ล้างตัวกรอง</button></p>'
        f'<div class="psea-facets">{_facet_controls(options, facet_order(tax, corpus.years))}</div></form>'
        f'<p class="psea-count" id="psea-browse-count" role="status" aria-live="polite">'
        f'แสดง <strong data-shown>{total:,}</strong> จาก <strong data-total>{total:,}</strong> ผลงาน</p>'
        '<p class="psea-browse-empty" id="psea-browse-empty" hidden>ไม่พบผลงานที่ตรงกับตัวกรอง '
        'ลองเอาตัวเลือกบางข้อออก หรือกด ล้างตัวกรอง</p>'
        f'<div class="psea-table-wrap"><table class="psea-cases" id="psea-browse-table" data-page-size="{PAGE_SIZE}" '
        f'data-text-index="{TEXT_INDEX}">'
        f'<thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>"
        '<p class="psea-browse-more" id="psea-browse-more" hidden>'
        '<span data-more-text></span> <button type="button">แสดงเพิ่ม</button></p>'
        f'<link rel="modulepreload" href="{e(urls.rel(page.url, urls.BROWSE_CORE_SCRIPT))}">'
        f'<script type="module" src="{e(urls.rel(page.url, urls.BROWSE_SCRIPT))}"></script>'
    )
    yield page


def case_key(case) -> str:
    """A row's key in the text index: year/id."""
    return f"{case.year}/{case.id}"


def render_text_index(corpus: Corpus, inputs: BuildInputs):
    """browse/search-text.json: each case's problem, solution and impact, which the text box also
    searches. A file of its own, fetched when a visitor first types: the table's rows are already in
    the page, and these texts would more than double its weight."""
    texts = {case_key(c): "\n".join(filter(None, (c.pain_point, c.solution, c.impact))) for c in corpus.cases}
    yield GeneratedFile(f"{urls.BROWSE_URL}{TEXT_INDEX}", json.dumps(texts, ensure_ascii=False, separators=(",", ":")))
