"""Index pages: by year, award branch, province, agency, tag and SDG. Only non-empty
combinations get a page. Each list is split into pages (paging.py) so that no page grows with
the corpus: CASES_PER_PAGE rows of cases, LINKS_PER_PAGE links of an index."""
from __future__ import annotations

from ..render import fragments, labels, urls
from ..render.escape import e
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedPage
from ..thaisort import thai_sort_key
from .criteria import rubric_link
from .paging import CASES_PER_PAGE, LINKS_PER_PAGE, paged


def _index_pages(base, title, intro, items):
    """The pages listing (url, label, count) links, LINKS_PER_PAGE a page."""
    def body(page: GeneratedPage, part) -> str:
        links = "".join(f'<li><a href="{e(urls.rel(page.url, url))}">{e(label)}</a> '
                        f'<span class="psea-muted">({count:,})</span></li>' for url, label, count in part)
        return f'<ul class="psea-index">{links}</ul>'
    yield from paged(base, title, intro, items, LINKS_PER_PAGE, body, noun="รายการ")


def _cases_pages(base, title, intro, cases, corpus, first=""):
    """The pages listing `cases` in a table, CASES_PER_PAGE a page; `first` (HTML) opens page 1."""
    yield from paged(base, title, intro, cases, CASES_PER_PAGE,
                     lambda page, part: fragments.case_table(corpus, part, page.url),
                     first=first + fragments.count_line(len(cases)))


def render_years(corpus: Corpus, inputs: BuildInputs):
    yield from _index_pages(urls.YEARS_URL, "ผลงานตามปี",
                            "ผลงานที่ได้รับรางวัลเลิศรัฐ แยกตามปีที่ได้รับรางวัล (พุทธศักราช)",
                            [(urls.year_url(y), f"ปี {y}", len(corpus.group("year", y))) for y in corpus.years])
    for year in corpus.years:
        yield from _cases_pages(urls.year_url(year), f"ผลงานที่ได้รับรางวัล ปี {year}",
                                f"ผลงานทุกสาขาที่ได้รับรางวัลในปี พ.ศ. {year}", corpus.group("year", year), corpus)


def render_provinces(corpus: Corpus, inputs: BuildInputs):
    tax = corpus.taxonomy
    present = [p for p in tax.provinces if corpus.group("province", p["th"])]
    present.sort(key=lambda p: (not p.get("scope"), p["key"] != "national", thai_sort_key(p["th"])))
    yield from _index_pages(urls.PROVINCES_URL, "ผลงานตามจังหวัด",
                            "ผลงานแยกตามจังหวัดที่ตั้งของผลงาน งานระดับประเทศอยู่ในหมวด ทั่วประเทศ "
                            "งานที่อยู่หลายจังหวัดหรือแหล่งข้อมูลไม่ระบุจังหวัดอยู่ในหมวด หลายจังหวัด / ไม่ระบุ",
                            [(urls.province_url(tax, p["th"]), p["th"], len(corpus.group("province", p["th"])))
                             for p in present])
    for province in present:
        title = ("ผลงานระดับประเทศ" if province["key"] == "national"
                 else "ผลงานหลายจังหวัดหรือไม่ระบุจังหวัด" if province.get("scope")
                 else f"ผลงานในจังหวัด{province['th']}")
        yield from _cases_pages(urls.province_key_url(province["key"]), title,
                                f"{province['th']} ({province['en']})", corpus.group("province", province["th"]),
                                corpus)


def render_agencies(corpus: Corpus, inputs: BuildInputs):
    yield from _index_pages(urls.AGENCIES_URL, "ผลงานตามหน่วยงาน",
                            "ทุกหน่วยงานที่ได้รับรางวัล เรียงตามลำดับพจนานุกรม แต่ละหน้ารวมทุกรางวัลของหน่วยงานข้ามปี",
                            [(urls.agency_url(slug), name, len(corpus.group("agency", slug)))
                             for slug, name in corpus.agencies])
    for slug, name in corpus.agencies:
        cases = corpus.group("agency", slug)
        agency = cases[0].agency
        # The agency name is text from a case: it goes in as escaped HTML, never as Markdown.
        type_label = labels.agency_type_label(corpus.taxonomy, agency.type)
        yield from _cases_pages(urls.agency_url(slug), name, "", cases, corpus,
                                first=f"<p>ทุกรางวัลเลิศรัฐที่ {e(name)} ได้รับ ข้ามทุกปีและทุกสาขา</p>"
                                f'<p class="psea-muted">{e(agency.name_en or "")} {e(type_label)}</p>')


def _vocabulary_pages(corpus: Corpus, vocabulary: str, group: str, index_url: str, url, title: str, intro: str,
                      label):
    """An index page of a controlled vocabulary (at `index_url`) plus one page per value that has cases."""
    items = [(key, item) for key, item in corpus.taxonomy.vocabulary(vocabulary).items() if corpus.group(group, key)]
    yield from _index_pages(index_url, title, intro,
                            [(url(k), label(k, item), len(corpus.group(group, k))) for k, item in items])
    for key, item in items:
        yield from _cases_pages(url(key), label(key, item), item["en"], corpus.group(group, key), corpus)


def render_tags(corpus: Corpus, inputs: BuildInputs):
    yield from _vocabulary_pages(
        corpus, "tags", "tag", urls.TAGS_URL, urls.tag_url, "ผลงานตามแท็ก",
        "แท็กมาจากคำศัพท์ควบคุมใน data/vocabularies.yaml รวมถึงเจ็ดรูปแบบของการยกระดับบริการภาครัฐ",
        lambda key, item: f"แท็ก: {item['th']}")


def render_sdgs(corpus: Corpus, inputs: BuildInputs):
    yield from _vocabulary_pages(
        corpus, "sdgs", "sdg", urls.SDGS_URL, urls.sdg_url, "ผลงานตามเป้าหมายการพัฒนาที่ยั่งยืน (SDGs)",
        "ผลงานที่แหล่งข้อมูลระบุว่าสอดคล้องกับเป้าหมายการพัฒนาที่ยั่งยืนของสหประชาชาติ",
        lambda key, item: f"SDG {key}: {item['th']}")


def render_branches(corpus: Corpus, inputs: BuildInputs):
    """A page per branch listing its categories and cases (paged); the criteria pages are in
    macros.criteria."""
    tax = corpus.taxonomy
    for key, branch in tax.branches.items():
        here = urls.branch_url(key)
        items = []
        for ckey, cat in tax.categories(key).items():
            count = len(corpus.group("category", key, ckey))
            years = ", ".join(str(y) for y in tax.category_years(cat))
            if ckey == "not-stated" and not count:
                continue
            assert ckey != "page", "a category keyed 'page' would collide with the branch's paged list"
            items.append(f'<li><a href="{e(urls.rel(here, urls.category_url(key, ckey)))}">{e(cat["th"])}</a> '
                         f'<span class="psea-muted">({e(cat["en"])}; ปี {e(years)}; {count:,} ผลงาน)</span></li>')
        definition = (branch.get("definition") or {}).get("th", "")
        cases = corpus.group("branch", key)
        propose_href = urls.rel(here, urls.PROPOSE_URL) + "?branch=" + key
        first = ((f"<p>{e(definition)}</p>" if definition else "") + rubric_link(tax, key, here)
                 + f'<h2 id="ประเภทรางวัล">ประเภทรางวัล</h2><ul class="psea-index">{"".join(items)}</ul>'
                 + f'<p class="psea-propose-link"><a href="{e(propose_href)}">'
                 f'เสนอผลงานในสาขานี้</a> (ผลงานที่ได้รับรางวัลแต่ยังไม่มีในคลังความรู้)</p>'
                 + '<h2 id="ผลงาน">ผลงานในสาขานี้</h2>')
        yield from _cases_pages(here, branch["th"], branch["en"], cases, corpus, first=first)
