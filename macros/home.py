"""Blocks for hand-written pages: the home page's counts and latest winners, the help-wanted list."""
from __future__ import annotations

from .render import citations, fragments, urls
from .render.escape import e
from .structure.corpus import Corpus
from .taxonomy import Taxonomy


def site_stats(corpus: Corpus) -> str:
    figures = (
        (len(corpus.cases), "ผลงาน"),
        (len(corpus.agencies), "หน่วยงาน"),
        (len([p for p in corpus.keys("province") if p not in corpus.taxonomy.scopes]), "จังหวัด"),
        (len(corpus.years), "ปีที่มีผลงาน"),
    )
    cards = "".join(f'<li class="psea-metric"><span class="psea-metric__figure">{n:,}</span>'
                    f'<span class="psea-metric__label">{label}</span></li>' for n, label in figures)
    return f'<ul class="psea-metrics psea-stats">{cards}</ul>'


def latest_winners(corpus: Corpus, limit: int = 12) -> str:
    if not corpus.years:
        return "<p>ยังไม่มีผลงานในคลังความรู้</p>"
    year = corpus.years[0]
    cases = sorted(corpus.group("year", year), key=lambda c: (c.status != "full", c.sort_key))
    more = (f'<p><a href="{e(urls.rel("", urls.year_url(year)))}">ดูผลงานทั้งหมดของปี {year} '
            f'({len(cases):,} ผลงาน)</a></p>')
    return f"<h2 id=\"ผลงานล่าสุด\">ผลงานปี {year}</h2>" + fragments.case_table(corpus, cases[:limit], "") + more


def help_wanted(items: tuple[dict, ...], taxonomy: Taxonomy, here: str = "help-wanted/") -> str:
    """The items of data/help_wanted.yaml (read once per build: Site.inputs), each citing its source."""
    if not items:
        return "<p>ตอนนี้ไม่มีรายการที่รอการยืนยัน</p>"
    blocks = []
    for item in items:
        candidates = item.get("candidates") or []
        blocks.append(
            f'<section class="psea-help-item"><h2 id="{e(item.get("key"))}">'
            f'{citations.linked_note(taxonomy, str(item.get("question") or ""), item.get("document"), here)}</h2>'
            f'<p class="psea-en" lang="en">{e(item.get("question_en"))}</p>'
            '<p class="psea-source">ที่มา: '
            f'{citations.citation(taxonomy, str(item.get("document")), item.get("locator"), here)}</p>'
            + (f"<p>หน่วยงานที่ปรากฏในส่วนนี้: {e(', '.join(map(str, candidates)))}</p>" if candidates else "")
            + '<details><summary>ข้อความจากแหล่งข้อมูล</summary>'
            f'<pre>{e(item.get("source_text"))}</pre></details></section>')
    return f"<p>{len(items):,} รายการ</p>" + "".join(blocks)
