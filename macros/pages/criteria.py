"""Criteria explainers: the award system overview and one page per award category, all from
data/awards.yaml, with the category's winning cases as worked examples."""
from __future__ import annotations

from ..render import citations, fragments, labels, urls
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedPage
from ..render.escape import e
from ..taxonomy import Taxonomy


def source_note(tax: Taxonomy, source, here: str) -> str:
    """ที่มา: the document (a link to its page) and the locator, its line numbers linked."""
    if not isinstance(source, dict) or not source.get("document"):
        return ""
    return f'<p class="psea-source">ที่มา: {citations.citation(tax, str(source["document"]), source.get("locator"), here)}</p>'


def bilingual(node, tag="p") -> str:
    if not isinstance(node, dict):
        return ""
    th, en = node.get("th"), node.get("en")
    out = f"<{tag}>{e(th)}</{tag}>" if th else ""
    if en:
        out += f'<{tag} class="psea-en" lang="en">{e(en)}</{tag}>'
    return out


def rubric_html(tax: Taxonomy, rubric: dict, here: str, category_key: str | None = None) -> str:
    rows = []
    for dim in rubric.get("dimensions", []):
        questions = [q for q in dim.get("questions", [])
                     if not q.get("applies_to") or category_key is None or category_key in q["applies_to"]]
        items = "".join(
            f'<li value="{e(q.get("number"))}">{e(q.get("th"))}'
            + (f' <span class="psea-muted">(เฉพาะประเภท {e(", ".join(q["applies_to"]))})</span>' if q.get("applies_to") else "")
            + "</li>" for q in questions)
        rows.append(f'<tr><th scope="row">{e(dim.get("th"))}<br><span class="psea-en" lang="en">{e(dim.get("en"))}</span></th>'
                    f'<td class="psea-points">{e(dim.get("points"))}</td><td><ol>{items}</ol></td></tr>')
    total = sum(d.get("points") or 0 for d in rubric.get("dimensions", []))
    return (f'<div class="psea-table-wrap"><table class="psea-rubric"><caption>{e(rubric.get("th"))} '
            f'<span lang="en">({e(rubric.get("en"))})</span></caption>'
            '<thead><tr><th scope="col">มิติ</th><th scope="col">คะแนน</th><th scope="col">คำถามแนวทาง</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">รวม</th><td class="psea-points">{total}</td><td></td></tr></tfoot>'
            f"</table></div>{source_note(tax, rubric.get('source'), here)}")


def window_html(window: dict) -> str:
    if not isinstance(window, dict) or not window.get("required"):
        return ""
    lo, hi = window.get("min_years"), window.get("max_years")
    span = ""
    if lo is not None or hi is not None:
        span = f" โดยผลงานเดิมต้องได้รับรางวัลก่อนหน้า {lo if lo is not None else 1}–{hi if hi is not None else '…'} ปี"
    note = bilingual(window.get("note") or {})
    return f'<p class="psea-window"><strong>ต้องต่อยอดจากผลงานที่เคยได้รับรางวัล</strong>{e(span)}</p>{note}'


def edition_html(corpus: Corpus, branch: str, cat: dict, edition: dict, here: str) -> str:
    tax = corpus.taxonomy
    years = edition.get("years", [])
    # One anchor per year (badges link to #ปี-2567); a one-year edition's heading has that id already.
    anchors = "".join(f'<span id="ปี-{y}"></span>' for y in years) if len(years) > 1 else ""
    name = edition.get("th") or cat.get("th")
    parts = [f'{anchors}<h2 id="ปี-{"-".join(map(str, years))}">ปี {e(", ".join(map(str, years)))}: {e(name)}</h2>']
    parts.append(bilingual(edition.get("definition")) or
                 '<p class="psea-muted">แหล่งข้อมูลไม่ได้ให้คำนิยามของประเภทนี้สำหรับปีดังกล่าว</p>')
    conditions = edition.get("conditions") or []
    if conditions:
        items = "".join(f"<li>{e(c.get('th'))}" + (f'<br><span class="psea-en" lang="en">{e(c.get("en"))}</span>' if c.get("en") else "")
                        + "</li>" for c in conditions)
        parts.append(f"<h3>เงื่อนไขการสมัคร</h3><ul>{items}</ul>")
    parts.append(window_html(edition.get("builds_on") or {}))
    parts.append(source_note(tax, edition.get("source"), here))
    rubric = next((rb for rb in tax.awards.get("rubrics", []) or [] if rb.get("key") == edition.get("rubric")), None)
    if rubric:
        parts.append(f"<h3>เกณฑ์การให้คะแนน</h3>{rubric_html(tax, rubric, here, cat.get('key'))}")
    winners = [c for y in years for c in corpus.group("category-year", branch, cat["key"], y)]
    parts.append("<h3>ผลงานที่ได้รับรางวัล (ตัวอย่างจริง)</h3>")
    parts.append(fragments.case_table(corpus, winners, here) if winners
                 else '<p class="psea-muted">ยังไม่มีผลงานของประเภทนี้ในปีดังกล่าวในคลังความรู้</p>')
    return "".join(parts)


def render_category_pages(corpus: Corpus):
    tax = corpus.taxonomy
    for bkey in tax.branches:
        for ckey, cat in tax.categories(bkey).items():
            if ckey == "not-stated" and not corpus.group("category", bkey, ckey):
                continue
            page = GeneratedPage(urls.page_src_uri(urls.category_url(bkey, ckey)), cat["th"],
                                 f"{labels.branch_label(tax, bkey)} · {cat['en']}")
            editions = sorted(cat.get("editions", []), key=lambda ed: -max(ed.get("years") or [0]))
            page.html = "".join(edition_html(corpus, bkey, cat, ed, page.url) for ed in editions)
            yield page


def overview_html(corpus: Corpus, here: str) -> str:
    tax = corpus.taxonomy
    awards = tax.awards
    parts = []
    types = awards.get("award_types") or []
    if types:
        by_year: dict = {}
        for t in types:
            by_year.setdefault(t.get("year"), []).append(t)
        parts.append('<h2 id="ประเภทรางวัล">ประเภทรางวัลเลิศรัฐ</h2>')
        for year, items in sorted(by_year.items(), key=lambda kv: -(kv[0] or 0)):
            parts.append(f"<h3>ปี {e(year)}</h3>" if year else "")
            lis = []
            for t in items:
                link = (f' <a href="{e(urls.rel(here, urls.branch_url(t["branch"])))}">ดูสาขานี้</a>'
                        if t.get("branch") in tax.branches else "")
                lis.append(f"<li><strong>{e(t.get('th'))}</strong> <span lang=\"en\">({e(t.get('en'))})</span>{link}"
                           f"{bilingual(t.get('definition'))}{source_note(tax, t.get('source'), here)}</li>")
            parts.append(f"<ul>{''.join(lis)}</ul>")
    parts.append('<h2 id="สาขาและประเภท">สาขาและประเภทรางวัล</h2>')
    for bkey, branch in tax.branches.items():
        cats = "".join(
            f'<li><a href="{e(urls.rel(here, urls.category_url(bkey, ckey)))}">{e(cat["th"])}</a> '
            f'<span class="psea-muted">(ปี {e(", ".join(map(str, tax.category_years(cat))))})</span></li>'
            for ckey, cat in tax.categories(bkey).items() if ckey != "not-stated")
        parts.append(f'<h3><a href="{e(urls.rel(here, urls.branch_url(bkey)))}">{e(branch["th"])}</a> '
                     f'<span lang="en">({e(branch["en"])})</span></h3>{bilingual(branch.get("definition"))}'
                     f"{source_note(tax, branch.get('source'), here)}<ul>{cats}</ul>")
    levels = "".join(f"<li><strong>{e(lv['th'])}</strong> <span lang=\"en\">({e(lv['en'])})</span>"
                     f"{bilingual(lv.get('definition'))}</li>" for lv in awards.get("levels", []))
    parts.append(f'<h2 id="ระดับรางวัล">ระดับรางวัล</h2><ul>{levels}</ul>')
    ladder = awards.get("participation_ladder") or []
    if ladder:
        steps = "".join(f"<li><strong>{e(s.get('th'))}</strong> <span lang=\"en\">({e(s.get('en'))})</span>"
                        f"{bilingual(s.get('description'))}{source_note(tax, s.get('source'), here)}</li>" for s in ladder)
        parts.append(f'<h2 id="บันไดการมีส่วนร่วม">บันไดการมีส่วนร่วม</h2><ol class="psea-ladder">{steps}</ol>')
    calendar = awards.get("calendar") or []
    if calendar:
        rows = "".join(f"<tr><td>{e(step.get('when'))}</td><td>{e(step.get('th'))}"
                       f"<br><span class=\"psea-en\" lang=\"en\">{e(step.get('en'))}</span>"
                       f"{bilingual(step.get('note'))}{source_note(tax, step.get('source'), here)}</td></tr>"
                       for step in calendar)
        parts.append('<h2 id="ปฏิทิน">ปฏิทินรางวัล</h2><div class="psea-table-wrap"><table>'
                     '<thead><tr><th scope="col">เมื่อ</th><th scope="col">ขั้นตอน</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table></div>")
    un_psa = awards.get("un_psa")
    if un_psa:
        parts.append(f'<h2 id="un-psa">{e(un_psa.get("th"))}</h2><p lang="en">{e(un_psa.get("en"))}</p>'
                     f"{bilingual(un_psa.get('definition'))}{bilingual(un_psa.get('first_awarded'))}"
                     f"{source_note(tax, un_psa.get('source'), here)}")
    for rubric in awards.get("rubrics", []) or []:
        parts.append(f'<h2 id="เกณฑ์-{e(rubric.get("key"))}">{e(rubric.get("th"))}</h2>{rubric_html(tax, rubric, here)}')
    parts.append(pmqa_html(tax, here))
    return "".join(parts)


def pmqa_html(tax: Taxonomy, here: str) -> str:
    pmqa = tax.awards.get("pmqa") or {}
    if not pmqa:
        return ""
    parts = ['<h2 id="pmqa">เกณฑ์คุณภาพการบริหารจัดการภาครัฐ (PMQA)</h2>']
    cats = "".join(f"<li value=\"{e(c.get('number'))}\">{e(c.get('th'))} <span lang=\"en\">({e(c.get('en'))})</span></li>"
                   for c in pmqa.get("categories", []))
    if cats:
        parts.append(f"<h3>7 หมวดของเกณฑ์</h3><ol>{cats}</ol>{source_note(tax, pmqa.get('source'), here)}")
    thresholds = pmqa.get("thresholds") or []
    if thresholds:
        items = "".join(f"<li>{e(t.get('th'))}<br><span class=\"psea-en\" lang=\"en\">{e(t.get('en'))}</span></li>"
                        for t in thresholds)
        parts.append(f"<h3>เกณฑ์ผ่าน</h3><ul>{items}</ul>")
    table = pmqa.get("scoring_table") or {}
    if table.get("columns") and table.get("rows"):
        head = "".join(f'<th scope="col">{e(c.get("th") if isinstance(c, dict) else c)}</th>' for c in table["columns"])
        body = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in ((row.get("cells") or []) if isinstance(row, dict) else row)) + "</tr>"
                       for row in table["rows"])
        parts.append(f'<h3>{e(table.get("th", "ตารางคะแนน"))}</h3><div class="psea-table-wrap"><table class="psea-pmqa">'
                     f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
                     f"{bilingual(table.get('note'))}{source_note(tax, table.get('source'), here)}")
    return "".join(parts)


def render_criteria(corpus: Corpus, inputs: BuildInputs):
    page = GeneratedPage(urls.page_src_uri(urls.AWARDS_URL), "ระบบรางวัลเลิศรัฐและเกณฑ์การประเมิน",
                         "ภาพรวมของรางวัลเลิศรัฐ: ประเภทรางวัล สาขา ระดับ ปฏิทิน กติการางวัลยอดเยี่ยม "
                         "บันไดการมีส่วนร่วม และเกณฑ์การให้คะแนน ทุกส่วนสร้างจาก data/awards.yaml")
    page.html = overview_html(corpus, page.url)
    yield page
    yield from render_category_pages(corpus)
