"""Criteria explainers: the award system overview and one page per award category, all from
data/awards.yaml, with the category's winning cases as worked examples."""
from __future__ import annotations

import re

from ..render import citations, fragments, labels, urls
from ..render.escape import e
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedPage
from ..taxonomy import Taxonomy
from .examples import Examples, examples_html
from .paging import CASES_PER_PAGE, paged


def source_note(tax: Taxonomy, source, here: str) -> str:
    """ที่มา: the document (a link to its page) and the locator, its line numbers linked."""
    if not isinstance(source, dict) or not source.get("document"):
        return ""
    cited = citations.citation(tax, str(source["document"]), source.get("locator"), here)
    return f'<p class="psea-source">ที่มา: {cited}</p>'


def bilingual(node, tag="p", cite: tuple[Taxonomy, dict | None, str] | None = None) -> str:
    """The Thai and English texts of `node`. With `cite` (the taxonomy, the item's source and the
    page's URL), line numbers in the Thai text link to the source's lines (a note's "บรรทัด 62")."""
    if not isinstance(node, dict):
        return ""
    th, en = node.get("th"), node.get("en")
    if th and cite is not None:
        tax, source, here = cite
        document = source.get("document") if isinstance(source, dict) else None
        out = f"<{tag}>{citations.linked_note(tax, str(th), document, here)}</{tag}>"
    else:
        out = f"<{tag}>{e(th)}</{tag}>" if th else ""
    if en:
        out += f'<{tag} class="psea-en" lang="en">{e(en)}</{tag}>'
    return out


def data_note(tax: Taxonomy, item: dict, here: str) -> str:
    """An award item's `note`: how its source was read (an extraction error corrected, a year
    attested elsewhere), its line numbers linked to the item's source."""
    note = bilingual(item.get("note"), cite=(tax, item.get("source"), here))
    if not note:
        return ""
    return f'<div class="psea-data-note"><p class="psea-data-note__title">หมายเหตุด้านข้อมูล</p>{note}</div>'


def rubric_id(rubric: dict) -> str:
    return f"เกณฑ์-{rubric.get('key')}"


def rubric_html(tax: Taxonomy, rubric: dict, here: str, category_key: str | None = None,
                examples: Examples | None = None) -> str:
    """The rubric's table; with `examples`, each dimension is followed by excerpts of full winning
    cases from the section that answers it (macros/pages/examples.py)."""
    rows = []
    cases = examples.candidates(rubric["branch"], category_key) if examples and rubric.get("branch") else []
    for dim in rubric.get("dimensions", []):
        questions = [q for q in dim.get("questions", [])
                     if not q.get("applies_to") or category_key is None or category_key in q["applies_to"]]
        items = "".join(
            f'<li value="{e(q.get("number"))}">{e(q.get("th"))}'
            + (f' <span class="psea-muted">(เฉพาะประเภท {e(", ".join(q["applies_to"]))})</span>'
               if q.get("applies_to") else "")
            + "</li>" for q in questions)
        dim_id = f"{rubric_id(rubric)}-{dim.get('key')}"
        rows.append(f'<tr id="{e(dim_id)}"><th scope="row">{e(dim.get("th"))}<br>'
                    f'<span class="psea-en" lang="en">{e(dim.get("en"))}</span></th>'
                    f'<td class="psea-points">{e(dim.get("points"))}</td><td><ol>{items}</ol></td></tr>')
        if examples is not None and rubric.get("branch"):
            rows.append(f'<tr class="psea-examples-row" data-dimension="{e(dim.get("key"))}"><td colspan="3">'
                        f'<p class="psea-examples-title">ตัวอย่างจากผลงานที่ได้รับรางวัล: {e(dim.get("th"))}</p>'
                        f"{examples_html(examples.pick(cases, dim.get('case_section')), here, tax)}</td></tr>")
    total = sum(d.get("points") or 0 for d in rubric.get("dimensions", []))
    return (f'<div class="psea-table-wrap"><table class="psea-rubric"><caption>{e(rubric.get("th"))} '
            f'<span lang="en">({e(rubric.get("en"))})</span></caption>'
            '<thead><tr><th scope="col">มิติ</th><th scope="col">คะแนน</th><th scope="col">คำถามแนวทาง</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody><tfoot><tr><th scope="row">รวม</th>'
            f'<td class="psea-points">{total}</td><td></td></tr></tfoot>'
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
        items = "".join(f"<li>{e(c.get('th'))}"
                        + (f'<br><span class="psea-en" lang="en">{e(c.get("en"))}</span>' if c.get("en") else "")
                        + "</li>" for c in conditions)
        parts.append(f"<h3>เงื่อนไขการสมัคร</h3><ul>{items}</ul>")
    parts.append(window_html(edition.get("builds_on") or {}))
    parts.append(data_note(tax, edition, here))
    parts.append(source_note(tax, edition.get("source"), here))
    rubric = next((rb for rb in tax.awards.get("rubrics", []) or [] if rb.get("key") == edition.get("rubric")), None)
    if rubric:
        parts.append(f'<p class="psea-rubric-link"><strong>เกณฑ์การให้คะแนนของปีนี้:</strong> '
                     f'<a href="#{e(rubric_id(rubric))}">{e(rubric.get("th"))}</a> (พร้อมตัวอย่างคำตอบจากผลงานจริง)</p>')
    winners = [c for y in years for c in corpus.group("category-year", branch, cat["key"], y)]
    parts.append("<h3>ผลงานที่ได้รับรางวัล (ตัวอย่างจริง)</h3>")
    # At most one page of winners, so the page does not grow with the corpus; the rest are on the
    # category's paged list (render_category_cases).
    parts.append(fragments.case_table(corpus, winners[:CASES_PER_PAGE], here) if winners
                 else '<p class="psea-muted">ยังไม่มีผลงานของประเภทนี้ในปีดังกล่าวในคลังความรู้</p>')
    if len(winners) > CASES_PER_PAGE:
        more = urls.rel(here, urls.category_cases_url(branch, cat["key"]))
        parts.append(f'<p><a href="{e(more)}">ดูผลงานทั้งหมดของประเภทนี้</a> '
                     f'(ช่วงปีนี้ {len(winners):,} ผลงาน ตารางนี้แสดง {CASES_PER_PAGE:,} ผลงานแรก)</p>')
    return "".join(parts)


RUBRIC_SECTION = "เกณฑ์การให้คะแนน"  # the id of a criteria page's rubric section (branch pages link to it)


def branch_rubrics(tax: Taxonomy, branch: str) -> list[dict]:
    return [rb for rb in tax.awards.get("rubrics", []) or [] if rb.get("branch") == branch]


def rubric_use(tax: Taxonomy, rubric: dict) -> str:
    """Which categories and years data/awards.yaml ties a rubric to, in words."""
    uses = [f"{cat['th']} ปี {', '.join(map(str, ed.get('years', [])))}"
            for cat in tax.categories(str(rubric.get("branch"))).values()
            for ed in cat.get("editions", []) if ed.get("rubric") == rubric.get("key")]
    return "ใช้กับประเภท " + "; ".join(uses) if uses else ""


def rubric_section(corpus: Corpus, branch: str, category: str, here: str, examples: Examples) -> str:
    """A criteria page's rubric with worked examples: the rubrics of its branch (data/awards.yaml),
    or for PMQA the seven categories of the criteria; empty for a branch without a rubric."""
    tax = corpus.taxonomy
    head = f'<h2 id="{RUBRIC_SECTION}">เกณฑ์การให้คะแนนและตัวอย่างคำตอบ</h2>'
    intro = ('<p>ทุกมิติของเกณฑ์แสดงคู่กับข้อความตัดตอนจากผลงานฉบับเต็มที่ได้รับรางวัลในสาขาเดียวกัน '
             "(ระดับดีเด่นก่อน) คลิกเพื่ออ่านส่วนนั้นของผลงานเต็ม ๆ</p>")
    if branch == "pmqa" and tax.awards.get("pmqa"):
        return head + intro + pmqa_categories_html(corpus, here, category, examples)
    rubrics = branch_rubrics(tax, branch)
    if not rubrics:
        return ""
    parts = [head, intro]
    for rubric in rubrics:
        use = rubric_use(tax, rubric)
        editions = tax.categories(branch).get(category, {}).get("editions", [])
        own = any(ed.get("rubric") == rubric.get("key") for ed in editions)
        note = "" if own else ('<p class="psea-muted">แหล่งข้อมูลไม่ได้ให้เกณฑ์ของประเภทนี้โดยเฉพาะ '
                               "เกณฑ์ข้างล่างเป็นเกณฑ์ของสาขาเดียวกันที่มีในแหล่งข้อมูล ใช้เป็นแนวทางได้</p>")
        parts.append(f'<h3 id="{e(rubric_id(rubric))}">{e(rubric.get("th"))} ปี {e(rubric.get("year"))}</h3>'
                     + (f'<p class="psea-muted">{e(use)}</p>' if use else "") + note
                     + rubric_html(tax, rubric, here, category, examples))
    return "".join(parts)


def pmqa_categories_html(corpus: Corpus, here: str, category: str | None, examples: Examples) -> str:
    """The seven PMQA categories, each with excerpts of full PMQA winners: of the award category the
    data names (`award_category`), from the section it names (`case_section`)."""
    tax = corpus.taxonomy
    pmqa = tax.awards.get("pmqa") or {}
    rows = []
    for cat in pmqa.get("categories", []):
        cases = examples.candidates("pmqa", category, cat.get("award_category"))
        dim_id = f"pmqa-หมวด-{cat.get('number')}"
        rows.append(f'<tr id="{e(dim_id)}"><th scope="row">หมวด {e(cat.get("number"))} {e(cat.get("th"))}<br>'
                    f'<span class="psea-en" lang="en">{e(cat.get("en"))}</span></th>'
                    f'<td class="psea-points">{e(cat.get("points"))}</td></tr>'
                    f'<tr class="psea-examples-row" data-dimension="{e(dim_id)}"><td colspan="2">'
                    f'<p class="psea-examples-title">ตัวอย่างจากผลงานที่ได้รับรางวัล: หมวด {e(cat.get("number"))}</p>'
                    f"{examples_html(examples.pick(cases, cat.get('case_section')), here, tax)}</td></tr>")
    total = (pmqa.get("criteria") or {}).get("total_points")
    return (f'<h3 id="เกณฑ์-pmqa">{e((pmqa.get("criteria") or {}).get("th", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ"))}</h3>'
            '<div class="psea-table-wrap"><table class="psea-rubric"><thead><tr><th scope="col">หมวด</th>'
            f'<th scope="col">คะแนน</th></tr></thead><tbody>{"".join(rows)}</tbody>'
            + (f'<tfoot><tr><th scope="row">รวม</th><td class="psea-points">{e(total)}</td></tr></tfoot>'
               if total else "")
            + f"</table></div>{source_note(tax, pmqa.get('source'), here)}")


def rubric_link(tax: Taxonomy, branch: str, here: str) -> str:
    """A branch's rubric, from a page that does not show it: the rubric section of the overview."""
    if branch == "pmqa" and tax.awards.get("pmqa"):
        target, name = "pmqa", "เกณฑ์คุณภาพการบริหารจัดการภาครัฐ (PMQA)"
    elif branch_rubrics(tax, branch):
        rubric = branch_rubrics(tax, branch)[0]
        target, name = rubric_id(rubric), str(rubric.get("th"))
    else:  # no rubric in the sources: the conditions of the award types
        target, name = "ประเภทรางวัล", "เงื่อนไขของประเภทรางวัล (แหล่งข้อมูลไม่มีเกณฑ์การให้คะแนนของสาขานี้)"
    return (f'<p class="psea-rubric-link"><strong>เกณฑ์:</strong> '
            f'<a href="{e(urls.rel(here, urls.AWARDS_URL))}#{e(target)}">{e(name)}</a></p>')


def render_category_pages(corpus: Corpus):
    tax = corpus.taxonomy
    examples = Examples(corpus)
    for bkey in tax.branches:
        for ckey, cat in tax.categories(bkey).items():
            if ckey == "not-stated" and not corpus.group("category", bkey, ckey):
                continue
            page = GeneratedPage(urls.page_src_uri(urls.category_url(bkey, ckey)), cat["th"],
                                 f"{labels.branch_label(tax, bkey)} · {cat['en']}")
            editions = sorted(cat.get("editions", []), key=lambda ed: -max(ed.get("years") or [0]))
            rubric = rubric_section(corpus, bkey, ckey, page.url, examples)
            top = (f'<p class="psea-rubric-link"><a href="#{RUBRIC_SECTION}">'
                   "เกณฑ์การให้คะแนนและตัวอย่างคำตอบจากผลงานจริง</a></p>"
                   if rubric else rubric_link(tax, bkey, page.url))
            page.html = top + "".join(edition_html(corpus, bkey, cat, ed, page.url) for ed in editions) + rubric
            yield page
            yield from render_category_cases(corpus, bkey, cat)


def render_category_cases(corpus: Corpus, branch: str, cat: dict):
    """Every case of a category, paged, when one of its editions has more winners than its criteria
    page shows (edition_html)."""
    tax = corpus.taxonomy
    if not any(sum(len(corpus.group("category-year", branch, cat["key"], y)) for y in ed.get("years") or [])
               > CASES_PER_PAGE for ed in cat.get("editions", [])):
        return
    cases = corpus.group("category", branch, cat["key"])
    base = urls.category_cases_url(branch, cat["key"])
    back = urls.rel(base, urls.category_url(branch, cat["key"]))
    yield from paged(base, f"ผลงานทั้งหมด: {cat['th']}",
                     f"{labels.branch_label(tax, branch)} · {cat['en']}", cases, CASES_PER_PAGE,
                     lambda page, part: fragments.case_table(corpus, part, page.url),
                     first=fragments.count_line(len(cases))
                     + f'<p>คำนิยาม เงื่อนไข และเกณฑ์ของประเภทนี้: <a href="{e(back)}">'
                     f'{e(cat["th"])}</a></p>')


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
                           f"{bilingual(t.get('definition'))}{data_note(tax, t, here)}"
                           f"{source_note(tax, t.get('source'), here)}</li>")
            parts.append(f"<ul>{''.join(lis)}</ul>")
    parts.append('<h2 id="สาขาและประเภท">สาขาและประเภทรางวัล</h2>')
    for bkey, branch in tax.branches.items():
        cats = "".join(
            f'<li><a href="{e(urls.rel(here, urls.category_url(bkey, ckey)))}">{e(cat["th"])}</a> '
            f'<span class="psea-muted">(ปี {e(", ".join(map(str, tax.category_years(cat))))})</span></li>'
            for ckey, cat in tax.categories(bkey).items() if ckey != "not-stated")
        parts.append(f'<h3><a href="{e(urls.rel(here, urls.branch_url(bkey)))}">{e(branch["th"])}</a> '
                     f'<span lang="en">({e(branch["en"])})</span></h3>{bilingual(branch.get("definition"))}'
                     f"{data_note(tax, branch, here)}{source_note(tax, branch.get('source'), here)}<ul>{cats}</ul>")
    levels = "".join(f"<li><strong>{e(lv['th'])}</strong> <span lang=\"en\">({e(lv['en'])})</span>"
                     f"{bilingual(lv.get('definition'))}</li>" for lv in awards.get("levels", []))
    parts.append(f'<h2 id="ระดับรางวัล">ระดับรางวัล</h2><ul>{levels}</ul>')
    ladder = awards.get("participation_ladder") or []
    if ladder:
        steps = "".join(f"<li><strong>{e(s.get('th'))}</strong> <span lang=\"en\">({e(s.get('en'))})</span>"
                        f"{bilingual(s.get('description'))}{source_note(tax, s.get('source'), here)}</li>"
                        for s in ladder)
        parts.append(f'<h2 id="บันไดการมีส่วนร่วม">บันไดการมีส่วนร่วม</h2><ol class="psea-ladder">{steps}</ol>')
    calendar = awards.get("calendar") or []
    if calendar:
        rows = "".join(f"<tr><td>{e(step.get('when'))}</td><td>{e(step.get('th'))}"
                       f"<br><span class=\"psea-en\" lang=\"en\">{e(step.get('en'))}</span>"
                       f"{bilingual(step.get('note'), cite=(tax, step.get('source'), here))}"
                       f"{source_note(tax, step.get('source'), here)}</td></tr>"
                       for step in calendar)
        parts.append('<h2 id="ปฏิทิน">ปฏิทินรางวัล</h2><div class="psea-table-wrap"><table>'
                     '<thead><tr><th scope="col">เมื่อ</th><th scope="col">ขั้นตอน</th></tr></thead>'
                     f"<tbody>{rows}</tbody></table></div>")
    un_psa = awards.get("un_psa")
    if un_psa:
        parts.append(f'<h2 id="un-psa">{e(un_psa.get("th"))}</h2><p lang="en">{e(un_psa.get("en"))}</p>'
                     f"{bilingual(un_psa.get('definition'))}{bilingual(un_psa.get('first_awarded'))}"
                     f"{data_note(tax, un_psa, here)}{source_note(tax, un_psa.get('source'), here)}")
    for rubric in awards.get("rubrics", []) or []:
        parts.append(f'<h2 id="เกณฑ์-{e(rubric.get("key"))}">{e(rubric.get("th"))}</h2>{rubric_html(tax, rubric, here)}')
    parts.append(pmqa_html(tax, here))
    body = "".join(parts)
    return page_toc(body) + body


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def page_toc(html: str) -> str:
    """A table of contents of the page's <h2> headings: the theme's own lists only the Markdown
    headings, and a generated page's HTML part has none (the overview is long: issue 13)."""
    items = "".join(f'<li><a href="#{anchor}">{_TAGS.sub("", title).strip()}</a></li>'
                    for anchor, title in _H2.findall(html))
    return (f'<nav class="psea-page-toc" aria-label="สารบัญ"><p class="psea-page-toc__title">สารบัญ</p>'
            f"<ol>{items}</ol></nav>") if items else ""


def pmqa_html(tax: Taxonomy, here: str) -> str:
    pmqa = tax.awards.get("pmqa") or {}
    if not pmqa:
        return ""
    parts = ['<h2 id="pmqa">เกณฑ์คุณภาพการบริหารจัดการภาครัฐ (PMQA)</h2>']
    cats = "".join(f"<li value=\"{e(c.get('number'))}\">{e(c.get('th'))} "
                   f"<span lang=\"en\">({e(c.get('en'))})</span></li>"
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
        body = "".join("<tr>" + "".join(f"<td>{e(cell)}</td>" for cell in
                                        ((row.get("cells") or []) if isinstance(row, dict) else row)) + "</tr>"
                       for row in table["rows"])
        parts.append(f'<h3>{e(table.get("th", "ตารางคะแนน"))}</h3>'
                     '<div class="psea-table-wrap"><table class="psea-pmqa">'
                     f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
                     f"{bilingual(table.get('note'), cite=(tax, table.get('source'), here))}"
                     f"{source_note(tax, table.get('source'), here)}")
    return "".join(parts)


def render_criteria(corpus: Corpus, inputs: BuildInputs):
    page = GeneratedPage(urls.page_src_uri(urls.AWARDS_URL), "ระบบรางวัลเลิศรัฐและเกณฑ์การประเมิน",
                         "ภาพรวมของรางวัลเลิศรัฐ: ประเภทรางวัล สาขา ระดับ ปฏิทิน กติการางวัลยอดเยี่ยม "
                         "บันไดการมีส่วนร่วม และเกณฑ์การให้คะแนน ทุกส่วนสร้างจาก data/awards.yaml")
    page.html = overview_html(corpus, page.url)
    yield page
    yield from render_category_pages(corpus)
