"""The browse page: every case in one table, with facet controls that overrides/assets/js/browse.js
wires up. Without JavaScript the form stays hidden and the complete table is shown."""
from __future__ import annotations

from . import render as r
from .cases import Corpus
from .pages import GeneratedPage
from .render import e
from .thaisort import thai_sort_key

URL = "browse/"
FACETS = (  # (name, Thai label): the URL query uses these names
    ("branch", "สาขา"), ("category", "ประเภท"), ("level", "ระดับ"), ("year", "ปี"),
    ("province", "จังหวัด"), ("agency_type", "ประเภทหน่วยงาน"), ("status", "ความสมบูรณ์"),
)


def facet_values(corpus: Corpus, case) -> dict:
    tax = corpus.taxonomy
    province = tax.province_by_th.get(case.province, {})
    return {
        "branch": (case.branch, r.branch_label(tax, case.branch)),
        "category": (f"{case.branch}/{case.category}",
                     f"{r.branch_label(tax, case.branch)}: {tax.category_label(case.branch, case.category)}"),
        "level": (case.level, r.level_label(tax, case.level)),
        "year": (str(case.year), str(case.year)),
        "province": (province.get("key", ""), case.province),
        "agency_type": (case.agency_type, r.agency_type_label(tax, case.agency_type)),
        "status": (case.status, r.status_label(tax, case.status)),
    }


def _facet_controls(options: dict) -> str:
    groups = []
    for name, label in FACETS:
        values = options[name]
        if name == "year":
            ordered = sorted(values.items(), reverse=True)
        else:
            ordered = sorted(values.items(), key=lambda kv: thai_sort_key(kv[1][0]))
        boxes = "".join(
            f'<li><label><input type="checkbox" name="{name}" value="{e(value)}"> {e(text)} '
            f'<span class="psea-muted" data-facet-count>({count:,})</span></label></li>'
            for value, (text, count) in ordered)
        groups.append(f'<fieldset class="psea-facet" data-facet="{name}"><legend>{label}</legend>'
                      f'<ul>{boxes}</ul></fieldset>')
    return "".join(groups)


def render_browse(corpus: Corpus):
    tax = corpus.taxonomy
    page = GeneratedPage(f"{URL}index.md", "ค้นดูผลงานทั้งหมด",
                         "ตารางผลงานที่ได้รับรางวัลทั้งหมด กรองตามสาขา ประเภท ระดับ ปี จังหวัด ประเภทหน่วยงาน "
                         "และความสมบูรณ์ได้หลายตัวเลือกพร้อมกัน ค้นชื่อผลงานหรือหน่วยงานได้ทั้งภาษาไทยและอังกฤษ "
                         "คลิกหัวตารางเพื่อเรียงลำดับ และคัดลอกลิงก์ของหน้าเพื่อแชร์มุมมองที่กรองไว้")
    options: dict = {name: {} for name, _ in FACETS}
    rows = []
    for case in corpus.cases:
        values = facet_values(corpus, case)
        for name, (value, text) in values.items():
            _, count = options[name].get(value, (text, 0))
            options[name][value] = (text, count + 1)
        attrs = " ".join(f'data-{name.replace("_", "-")}="{e(value)}"' for name, (value, _) in values.items())
        extra = " ".join(filter(None, [case.meta.get("title_en"), case.meta["agency"].get("name_en")]))
        search = f' data-search-extra="{e(extra)}"' if extra else ""
        rows.append(r.case_row(case, tax, page.url).replace("<tr>", f"<tr {attrs}{search}>", 1))
    total = len(corpus.cases)
    head = "".join(f'<th scope="col" data-sort="{key}">{label}</th>' for key, label in
                   zip(("year", "title", "agency", "province", "category", "level"), r.TABLE_HEAD))
    page.html = (
        '<form class="psea-browse-filters" id="psea-browse-filters" role="search" hidden>'
        '<p><label for="psea-browse-q">ค้นชื่อผลงานหรือหน่วยงาน</label> '
        '<input type="search" id="psea-browse-q" name="q" autocomplete="off" placeholder="เช่น โรงพยาบาล"> '
        '<button type="reset">ล้างตัวกรอง</button></p>'
        f'<div class="psea-facets">{_facet_controls(options)}</div></form>'
        f'<p class="psea-count" id="psea-browse-count" role="status" aria-live="polite">'
        f'แสดง <strong data-shown>{total:,}</strong> จาก <strong data-total>{total:,}</strong> ผลงาน</p>'
        f'<div class="psea-table-wrap"><table class="psea-cases" id="psea-browse-table">'
        f'<thead><tr>{head}</tr></thead><tbody>\n' + "\n".join(rows) + "\n</tbody></table></div>"
        '<script src="../assets/js/browse.js" defer></script>'
    )
    yield page
