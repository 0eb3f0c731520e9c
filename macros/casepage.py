"""The parts of a case page around its narrative: the header at a glance and the footer with
sources and related cases. Every value from the case is escaped: e() in attributes, t() in text
(which leaves quotes alone; see render.escape.t)."""
from __future__ import annotations

import functools

from . import citeformats, facets
from .locators import line_spans
from .render import citations, fragments, inferred, labels, urls
from .render.escape import e, t
from .sourcedocs import notes_document
from .structure.case import Case, Source
from .structure.corpus import Corpus
from .taxonomy import Taxonomy


def search_data(corpus: Corpus, case: Case) -> str:
    """A hidden element with the case's search filters, sort key and result metadata (read by
    Pagefind, see macros/search/policy.py); values use the same keys as the browse page's facets."""
    values = {name: facets.case_value(corpus.taxonomy, case, name) for name in facets.SEARCH_FACETS}
    values["agency"] = inferred.shown(case, "agency.name", case.agency.name)
    year_meta = "year[data-year]"
    if "year" in case.inferred:  # the result line says the year is inferred
        values["year-shown"], year_meta = inferred.shown(case, "year", case.year), "year[data-year-shown]"
    attrs = "".join(f' data-{name}="{e(value)}"' for name, value in values.items())
    filters = ", ".join(f"{name}[data-{name}]" for name in facets.SEARCH_FACETS)
    return (f'<span hidden data-pagefind-filter="{filters}" data-pagefind-sort="year[data-year]" '
            f'data-pagefind-meta="agency[data-agency], {year_meta}"{attrs}></span>')


def header(corpus: Corpus, case: Case) -> str:
    tax, here, agency = corpus.taxonomy, urls.case_url(case), case.agency
    mark = functools.partial(inferred.mark, case)
    agency_html = (f'<a href="{e(urls.rel(here, urls.agency_url(case.agency_slug)))}">{t(agency.name)}</a>'
                   f'{mark("agency.name")}')
    if agency.name_en:
        agency_html += f' <span class="psea-en" lang="en">{t(agency.name_en)}</span>'
    if agency.parent:
        agency_html += f'<br><span class="psea-muted">สังกัด {t(agency.parent)}</span>{mark("agency.parent")}'
    facts = [
        ("หน่วยงาน", agency_html),
        ("ประเภทหน่วยงาน", t(labels.agency_type_label(tax, case.agency_type)) + mark("agency.type")),
        ("จังหวัด", f'<a href="{e(urls.rel(here, urls.province_url(tax, case.province)))}">{t(case.province)}</a>'
                    + mark("province")),
        ("ปีที่ได้รับรางวัล", f'<a href="{e(urls.rel(here, urls.year_url(case.year)))}">{case.year}</a>{mark("year")}'),
    ]
    badge_marks = {"year": mark("year"), "branch": mark("award.branch"), "category": mark("award.category"),
                   "level": mark("award.level")}
    facts_html = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts)
    title_en = f'<p class="psea-title-en" lang="en">{t(case.title_en)}</p>' if case.title_en else ""
    summary_note = ""
    if case.status != "full":
        summary_note = ('<div class="admonition note psea-summary-note"><p class="admonition-title">บันทึกสรุป</p>'
                        "<p>ผลงานนี้ยังมีเพียงข้อมูลรางวัลจากแหล่งข้อมูล ยังไม่มีผู้เขียนเรื่องเล่าฉบับเต็ม "
                        "หากคุณมีเอกสารผลงานนี้ ช่วยเขียนได้ด้วยปุ่มแก้ไขหน้านี้</p></div>")
    glance = [(key, label, getattr(case, key)) for key, label in
              (("pain_point", "ปัญหา"), ("solution", "แนวทางแก้ไข"), ("impact", "ผลลัพธ์"))]
    glance_html = "".join(f'<div><h2 id="สรุป-{key}">{label}</h2><p>{t(text)}</p></div>'
                          for key, label, text in glance if text)
    if glance_html:
        glance_html = f'<section class="psea-glance" aria-label="สรุปผลงาน">{glance_html}</section>'
    metrics = fragments.metric_cards(case.metrics)
    if metrics:
        metrics = f'<section aria-labelledby="ตัวเลขสำคัญ"><h2 id="ตัวเลขสำคัญ">ตัวเลขสำคัญ</h2>{metrics}</section>'
    return (f'<header class="psea-case-header"><h1>{t(case.title)}</h1>{title_en}{search_data(corpus, case)}'
            f"{fragments.badges(case, tax, here, badge_marks)}<dl class=\"psea-facts\">{facts_html}</dl></header>"
            f"{inferred_reasons(tax, case)}{summary_note}{glance_html}{metrics}")


def inferred_reasons(tax: Taxonomy, case: Case) -> str:
    """The reasons of the case's inferred values, with each value as the header shows it."""
    return inferred.reasons_html(case, {
        "award.branch": labels.branch_label(tax, case.branch),
        "award.category": tax.category_label(case.branch, case.category, case.year),
        "award.level": labels.level_label(tax, case.level),
        "agency.type": labels.agency_type_label(tax, case.agency_type),
    })


def _list_section(anchor: str, title: str, items: list[str], css: str = "") -> str:
    if not items:
        return ""
    attr = f' class="{css}"' if css else ""
    return f'<section{attr}><h2 id="{anchor}">{title}</h2><ul>{"".join(f"<li>{i}</li>" for i in items)}</ul></section>'


def print_header(case: Case, site_url: str) -> str:
    """Shown in print only (site.css): the page's permanent address and the day it was printed,
    which cite.js fills in (without JavaScript the line says nothing of a date)."""
    url = urls.absolute(site_url, urls.case_url(case))
    return (f'<p class="psea-print-only psea-print-head">พิมพ์จาก {t(url)}'
            '<span data-print-date hidden> เมื่อวันที่ <span data-print-date-value></span></span></p>')


def cite_section(case: Case, site_url: str, site_name: str) -> str:
    """อ้างอิงผลงานนี้: the permanent address with a copy button, a Thai reference line, BibTeX and
    CSL-JSON (macros.citeformats). The copy buttons are wired by assets/js/cite.js; they are in the
    page at their size from the start, and hidden without JavaScript by assets/css/nojs.css (the
    texts can be selected)."""
    here = urls.case_url(case)
    url = urls.absolute(site_url, here)
    thai = citeformats.thai_citation(case, url, site_name)

    def copy(target: str, label: str) -> str:
        return f'<button type="button" class="md-button psea-copy" data-copy="{target}">{label}</button>'

    return (
        '<section class="psea-cite-this" aria-labelledby="อ้างอิงผลงานนี้"><h2 id="อ้างอิงผลงานนี้">อ้างอิงผลงานนี้</h2>'
        f'<p class="psea-permalink">ลิงก์ถาวร: <a href="{e(url)}" id="psea-permalink">{t(url)}</a> '
        f'{copy("psea-permalink", "คัดลอกลิงก์")}</p>'
        f'<p class="psea-citation-th" id="psea-citation-th">{t(thai)}</p>'
        f'<p class="psea-copy-row">{copy("psea-citation-th", "คัดลอกการอ้างอิง")}'
        '<span class="psea-copy-status" role="status" aria-live="polite"></span></p>'
        '<details class="psea-cite-formats"><summary>BibTeX และ CSL-JSON (สำหรับโปรแกรมจัดการบรรณานุกรม)</summary>'
        f'<p><strong>BibTeX</strong> {copy("psea-bibtex", "คัดลอก BibTeX")}</p>'
        f'<pre><code id="psea-bibtex">{t(citeformats.bibtex(case, url, site_name))}</code></pre>'
        f'<p><strong>CSL-JSON</strong> {copy("psea-csl", "คัดลอก CSL-JSON")}</p>'
        f'<pre><code id="psea-csl">{t(citeformats.csl_json(case, url, site_name))}</code></pre></details>'
        f'<script type="module" src="{e(urls.rel(here, urls.CITE_SCRIPT))}"></script></section>')


def _print_link(address: str) -> str:
    return f'<br><span class="psea-print-only psea-print-url">{t(address)}</span>'


def footer(corpus: Corpus, case: Case, site_url: str = "") -> str:
    tax, here = corpus.taxonomy, urls.case_url(case)
    tags = tax.vocabulary("tags")
    sdgs = tax.vocabulary("sdgs")
    notes_doc = notes_document(case)  # a bare line number in a note is a line of this document
    parts = [
        _list_section("ภาคีร่วมดำเนินงาน", "ภาคีร่วมดำเนินงาน", [t(p) for p in case.partners]),
        _list_section("เป้าหมายการพัฒนาที่ยั่งยืน", "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs)", [
            f'<a href="{e(urls.rel(here, urls.sdg_url(s)))}">SDG {t(s)}: {t(sdgs.get(s, {}).get("th", ""))}</a>'
            for s in case.sdgs]),
        _list_section("แท็ก", "แท็ก", [
            f'<a href="{e(urls.rel(here, urls.tag_url(tag)))}">{t(tags.get(tag, {}).get("th", tag))}</a>'
            for tag in case.tags]),
        _list_section("รางวัลอื่น", "รางวัลอื่นของผลงานนี้", [
            t(rec.name) + (f" ({t(rec.year)})" if rec.year else "") + (f" — {t(rec.note)}" if rec.note else "")
            for rec in case.recognition]),
        # Transcription notes: for contributors and careful readers, left out of print (site.css).
        _list_section("หมายเหตุด้านข้อมูล", "หมายเหตุด้านข้อมูล", [
            citations.linked_note(tax, n, notes_doc, here) for n in case.notes],
            "psea-data-notes"),
        _list_section("แหล่งข้อมูล", "แหล่งข้อมูล", [source_item(tax, s, here, site_url) for s in case.sources],
                      "psea-sources"),
        fragments.related_section(corpus, case, here),
    ]
    return f'<footer class="psea-case-footer">{"".join(parts)}</footer>'


def source_item(tax: Taxonomy, source: Source, here: str, site_url: str = "") -> str:
    """A source as listed on the case page: a document of data/sources.yaml, its title opening the
    document on this site and each line number its lines (with the full address in print), or another
    published document by its title linked to its address (the schema allows only http(s) addresses;
    rel keeps the case page from vouching for or exposing itself to the target)."""
    if source.document:
        return (citations.citation(tax, source.document, source.locator, here)
                + (_print_link(source_address(site_url, source.document, source.locator)) if site_url else ""))
    return (f'<span class="psea-cite"><a href="{e(source.url)}" rel="nofollow noopener noreferrer">'
            f'{t(source.title)}</a>, {t(source.locator)}</span>')


def source_address(site_url: str, document: str, locator: str) -> str:
    """The permanent address a printed page gives for a source: its first cited lines, or the document."""
    spans = line_spans(locator)
    anchor = f"#{spans[0].anchor}" if spans else ""
    return urls.absolute(site_url, urls.source_url(document)) + anchor
