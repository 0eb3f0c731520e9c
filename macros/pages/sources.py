"""The source documents on the site: one page per document of data/sources.yaml (sources/<stem>/)
with every line numbered and anchored (#L149), an anchor for every range the data cites
(#L149-L190: the browser scrolls there without JavaScript; overrides/assets/js/source-lines.js
highlights any range), and an index page listing the documents."""
from __future__ import annotations

from ..render import urls
from ..render.escape import e, t
from ..sourcedocs import cited_anchors
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs, SourceDocument
from ..structure.page import GeneratedPage

EXTRACTION_NOTE = (
    '<div class="admonition warning psea-extraction-note"><p class="admonition-title">ข้อความที่สกัดจากเอกสาร</p>'
    "<p>ข้อความในหน้านี้สกัดโดยอัตโนมัติจากสไลด์หรือไฟล์ PDF ต้นฉบับ จึงมีข้อผิดพลาดจากการสกัด เช่น สระหรือวรรณยุกต์เพี้ยน "
    "(<code>ส�ำนักงาน</code> แทน สำนักงาน) อักษรละตินปน ตารางที่คอลัมน์เลื่อน และบรรทัดที่ขาดกลางคำ "
    "ข้อความคงไว้ตามที่สกัดได้โดยไม่แก้ไข เพื่อให้เลขบรรทัดที่อ้างอิงตรงกัน "
    "ข้อเท็จจริงบนเว็บไซต์นี้อ่านจากข้อความนี้ และจุดที่อ่านได้ไม่แน่ชัดถูกบันทึกไว้ในหมายเหตุด้านข้อมูลของแต่ละผลงาน</p>"
    '<p class="psea-en" lang="en">Text extracted automatically from the original slides or PDF, with its extraction '
    "errors kept as they are so that the cited line numbers stay true.</p></div>")


def _lines_html(lines: tuple[str, ...], anchors: set[str]) -> str:
    by_first: dict[int, list[str]] = {}
    for anchor in sorted(anchors):
        by_first.setdefault(int(anchor[1:].partition("-")[0]), []).append(anchor)
    rows = []
    for n, line in enumerate(lines, start=1):
        ranges = "".join(f'<span class="psea-range-anchor" id="{e(a)}"></span>' for a in by_first.get(n, ()))
        rows.append(f'<div class="psea-line" id="L{n}">{ranges}<a class="psea-ln" href="#L{n}">{n}</a>'
                    f'<span class="psea-lt">{t(line)}</span></div>')
    return "\n".join(rows)


def document_page(doc: SourceDocument, anchors: set[str]) -> GeneratedPage:
    url = urls.source_url(doc.file)
    facts = [("ไฟล์", f"<code>{t(doc.file)}</code>"), ("ปีของเอกสาร (พ.ศ.)", t(doc.year or "ไม่ระบุ")),
             ("ภาษาอังกฤษ", f'<span lang="en">{t(doc.en)}</span>')]
    if doc.lines is not None:
        facts.append(("จำนวนบรรทัด", f"{len(doc.lines):,}"))
    facts_html = "".join(f"<div><dt>{label}</dt><dd>{value}</dd></div>" for label, value in facts)
    page = GeneratedPage(urls.page_src_uri(url), doc.th,
                         "เอกสารต้นทางที่คลังความรู้นี้อ้างอิง ทุกบรรทัดมีเลขกำกับ "
                         "ลิงก์อ้างอิงบนเว็บไซต์พาไปยังบรรทัดที่อ้างถึงโดยตรง",
                         description=f"ข้อความเต็มของเอกสารต้นทาง {doc.th} ({doc.file}) พร้อมเลขบรรทัดสำหรับตรวจสอบการอ้างอิง")
    back = f'<p><a href="{e(urls.rel(url, urls.SOURCES_URL))}">เอกสารต้นทางทั้งหมด</a></p>'
    if doc.lines is None:
        page.html = (f'<dl class="psea-facts">{facts_html}</dl>'
                     "<p>ข้อความของเอกสารนี้ไม่ได้เผยแพร่ในคลังความรู้</p>" + back)
        return page
    page.html = (f'<dl class="psea-facts">{facts_html}</dl>{EXTRACTION_NOTE}{back}'
                 '<p class="psea-muted">คลิกเลขบรรทัดเพื่อได้ลิงก์ของบรรทัดนั้น ลิงก์แบบช่วงบรรทัด เช่น '
                 "<code>#L10-L20</code> ไฮไลต์ทั้งช่วง</p>"
                 '<div class="psea-source-text" id="psea-source-text" lang="th">\n'
                 f'{_lines_html(doc.lines, anchors)}\n</div>'
                 f'<script type="module" src="{e(urls.rel(url, urls.SOURCES_SCRIPT))}"></script>')
    return page


def index_page(documents: tuple[SourceDocument, ...]) -> GeneratedPage:
    url = urls.SOURCES_URL
    page = GeneratedPage(urls.page_src_uri(url), "เอกสารต้นทาง",
                         "ทุกข้อเท็จจริงในคลังความรู้นี้มาจากเอกสารต่อไปนี้ และทุกการอ้างอิงลิงก์ไปยังบรรทัดที่อ้างถึง",
                         description="รายการเอกสารต้นทางของคลังความรู้รางวัลเลิศรัฐ: ข้อความที่สกัดจากสไลด์และหนังสือรางวัล "
                                     "พร้อมเลขบรรทัดสำหรับตรวจสอบการอ้างอิง")
    items = "".join(
        f'<li><a href="{e(urls.rel(url, urls.source_url(d.file)))}">{t(d.th)}</a> '
        f'<span class="psea-muted">(<code>{t(d.file)}</code>'
        + (f", {len(d.lines):,} บรรทัด" if d.lines is not None else ", ไม่ได้เผยแพร่ข้อความ") + ")</span>"
        f'<br><span class="psea-en" lang="en">{t(d.en)}</span></li>' for d in documents)
    page.html = f'<ul class="psea-index psea-documents">{items}</ul>'
    return page


def render_sources(corpus: Corpus, inputs: BuildInputs):
    if not inputs.documents:
        return
    anchors = cited_anchors(corpus.taxonomy, corpus.cases, inputs.help_wanted)
    yield index_page(inputs.documents)
    for doc in inputs.documents:
        yield document_page(doc, anchors.get(doc.file, set()))
