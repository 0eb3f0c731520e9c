"""The parts of a case page around its narrative: the header at a glance and the footer with
sources and related cases. Every value from the case is escaped: e() in attributes, t() in text
(which leaves quotes alone; see render.t)."""
from __future__ import annotations

from . import facets, render as r
from .cases import Case, Corpus
from .render import e, t


def search_data(corpus: Corpus, case: Case) -> str:
    """A hidden element with the case's search filters, sort key and result metadata (read by
    Pagefind, see macros/search.py); values use the same keys as the browse page's facets."""
    values = {name: facets.case_value(corpus.taxonomy, case, name) for name in facets.SEARCH_FACETS}
    values["agency"] = case.agency
    attrs = "".join(f' data-{name}="{e(value)}"' for name, value in values.items())
    filters = ", ".join(f"{name}[data-{name}]" for name in facets.SEARCH_FACETS)
    return (f'<span hidden data-pagefind-filter="{filters}" data-pagefind-sort="year[data-year]" '
            f'data-pagefind-meta="agency[data-agency], year[data-year]"{attrs}></span>')


def header(corpus: Corpus, case: Case) -> str:
    tax, meta, here = corpus.taxonomy, case.meta, case.url
    agency = meta["agency"]
    agency_html = f'<a href="{e(r.rel(here, r.agency_url(case.agency_slug)))}">{t(case.agency)}</a>'
    if agency.get("name_en"):
        agency_html += f' <span class="psea-en" lang="en">{t(agency["name_en"])}</span>'
    if agency.get("parent"):
        agency_html += f'<br><span class="psea-muted">สังกัด {t(agency["parent"])}</span>'
    facts = [
        ("หน่วยงาน", agency_html),
        ("ประเภทหน่วยงาน", t(r.agency_type_label(tax, case.agency_type))),
        ("จังหวัด", f'<a href="{e(r.rel(here, r.province_url(tax, case.province)))}">{t(case.province)}</a>'),
        ("ปีที่ได้รับรางวัล", f'<a href="{e(r.rel(here, r.year_url(case.year)))}">{case.year}</a>'),
    ]
    facts_html = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts)
    title_en = f'<p class="psea-title-en" lang="en">{t(meta["title_en"])}</p>' if meta.get("title_en") else ""
    summary_note = ""
    if case.status != "full":
        summary_note = ('<div class="admonition note psea-summary-note"><p class="admonition-title">บันทึกสรุป</p>'
                        "<p>ผลงานนี้ยังมีเพียงข้อมูลรางวัลจากแหล่งข้อมูล ยังไม่มีผู้เขียนเรื่องเล่าฉบับเต็ม "
                        "หากคุณมีเอกสารผลงานนี้ ช่วยเขียนได้ด้วยปุ่มแก้ไขหน้านี้</p></div>")
    glance = [(key, label, meta.get(key)) for key, label in
              (("pain_point", "ปัญหา"), ("solution", "แนวทางแก้ไข"), ("impact", "ผลลัพธ์"))]
    glance_html = "".join(f'<div><h2 id="สรุป-{key}">{label}</h2><p>{t(text)}</p></div>'
                          for key, label, text in glance if text)
    if glance_html:
        glance_html = f'<section class="psea-glance" aria-label="สรุปผลงาน">{glance_html}</section>'
    metrics = r.metric_cards(meta.get("metrics") or [])
    if metrics:
        metrics = f'<section aria-labelledby="ตัวเลขสำคัญ"><h2 id="ตัวเลขสำคัญ">ตัวเลขสำคัญ</h2>{metrics}</section>'
    return (f'<header class="psea-case-header"><h1>{t(case.title)}</h1>{title_en}{search_data(corpus, case)}'
            f"{r.badges(case, tax, here)}<dl class=\"psea-facts\">{facts_html}</dl></header>"
            f"{summary_note}{glance_html}{metrics}")


def _list_section(anchor: str, title: str, items: list[str]) -> str:
    if not items:
        return ""
    return f'<section><h2 id="{anchor}">{title}</h2><ul>{"".join(f"<li>{i}</li>" for i in items)}</ul></section>'


def footer(corpus: Corpus, case: Case) -> str:
    tax, meta, here = corpus.taxonomy, case.meta, case.url
    tags = tax.vocabulary("tags")
    sdgs = tax.vocabulary("sdgs")
    parts = [
        _list_section("ภาคีร่วมดำเนินงาน", "ภาคีร่วมดำเนินงาน", [t(p) for p in meta.get("partners") or []]),
        _list_section("เป้าหมายการพัฒนาที่ยั่งยืน", "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)", [
            f'<a href="{e(r.rel(here, r.sdg_url(s)))}">SDG {t(s)}: {t(sdgs.get(s, {}).get("th", ""))}</a>'
            for s in meta.get("sdgs") or []]),
        _list_section("แท็ก", "แท็ก", [
            f'<a href="{e(r.rel(here, r.tag_url(tag)))}">{t(tags.get(tag, {}).get("th", tag))}</a>'
            for tag in meta.get("tags") or []]),
        _list_section("รางวัลอื่น", "รางวัลอื่นของผลงานนี้", [
            f"{t(rec.get('name'))}{f' ({t(rec.get(chr(121) + chr(101) + chr(97) + chr(114)))})' if rec.get('year') else ''}"
            f"{f' — {t(rec.get(chr(110) + chr(111) + chr(116) + chr(101)))}' if rec.get('note') else ''}"
            for rec in meta.get("recognition") or []]),
        _list_section("หมายเหตุด้านข้อมูล", "หมายเหตุด้านข้อมูล", [t(n) for n in meta.get("notes") or []]),
        _list_section("แหล่งข้อมูล", "แหล่งข้อมูล", [source_item(tax, s) for s in meta.get("sources") or []]),
        r.related_section(corpus, case, here),
    ]
    return f'<footer class="psea-case-footer">{"".join(parts)}</footer>'


def source_item(tax, source: dict) -> str:
    """A source as listed on the case page: a document of data/sources.yaml by its title and file
    name, or another published document by its title linked to its address (the schema allows only
    http(s) addresses; rel keeps the case page from vouching for or exposing itself to the target)."""
    locator = f": {t(source.get('locator'))}"
    if source.get("document"):
        doc = tax.document_by_file.get(source["document"], {})
        return f"{t(doc.get('th', source['document']))} (<code>{t(source['document'])}</code>){locator}"
    return (f'<a href="{e(source.get("url"))}" rel="nofollow noopener noreferrer">{t(source.get("title"))}</a>'
            f"{locator}")
