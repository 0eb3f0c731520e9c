"""Generated pages: indexes by year, award, province, agency, tag and SDG, and the browse table.

Each page is Markdown (title and intro, so the theme and the table of contents work) plus an
HTML part that the hook puts in place of PLACEHOLDER after Markdown has run: large tables never
pass through the Markdown parser, and every value in them is escaped by macros.render.
Only non-empty combinations get a page.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from . import render as r
from .cases import Corpus
from .render import e
from .thaisort import thai_sort_key

PLACEHOLDER = "<!-- psea:generated -->"


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    intro: str  # Markdown
    html: str = ""
    description: str = ""

    @property
    def url(self) -> str:
        return self.src_uri[: -len("index.md")]

    @property
    def markdown(self) -> str:
        # Themes print page titles unescaped, and agency names come from cases: escape, then quote
        # as JSON (valid YAML) so no title can break the frontmatter.
        description = f"description: {json.dumps(e(self.description), ensure_ascii=False)}\n" if self.description else ""
        return (f"---\ntitle: {json.dumps(e(self.title), ensure_ascii=False)}\n{description}---\n\n"
                f"{self.intro}\n\n{PLACEHOLDER}\n")


def _index_page(src_uri, title, intro, items) -> GeneratedPage:
    """A page listing (url, label, count) links."""
    page = GeneratedPage(src_uri, title, intro)
    links = "".join(f'<li><a href="{e(r.rel(page.url, url))}">{e(label)}</a> '
                    f'<span class="psea-muted">({count:,})</span></li>' for url, label, count in items)
    page.html = f'<ul class="psea-index">{links}</ul>'
    return page


def _cases_page(src_uri, title, intro, cases, corpus, description="") -> GeneratedPage:
    page = GeneratedPage(src_uri, title, intro, description=description)
    page.html = r.count_line(len(cases)) + r.case_table(cases, corpus.taxonomy, page.url)
    return page


def render_years(corpus: Corpus):
    yield _index_page("years/index.md", "ผลงานตามปี", "ผลงานที่ได้รับรางวัลเลิศรัฐ แยกตามปีที่ได้รับรางวัล (พุทธศักราช)",
                      [(r.year_url(y), f"ปี {y}", len(corpus.group("year", y))) for y in corpus.years])
    for year in corpus.years:
        yield _cases_page(f"years/{year}/index.md", f"ผลงานที่ได้รับรางวัล ปี {year}",
                          f"ผลงานทุกสาขาที่ได้รับรางวัลในปี พ.ศ. {year}", corpus.group("year", year), corpus)


def render_provinces(corpus: Corpus):
    tax = corpus.taxonomy
    present = [p for p in tax.provinces if corpus.group("province", p["th"])]
    present.sort(key=lambda p: (p["key"] != "national", thai_sort_key(p["th"])))
    yield _index_page("provinces/index.md", "ผลงานตามจังหวัด",
                      "ผลงานแยกตามจังหวัดที่ตั้งของผลงาน งานระดับประเทศอยู่ในหมวด ทั่วประเทศ",
                      [(r.province_url(tax, p["th"]), p["th"], len(corpus.group("province", p["th"]))) for p in present])
    for province in present:
        title = "ผลงานระดับประเทศ" if province["key"] == "national" else f"ผลงานในจังหวัด{province['th']}"
        yield _cases_page(f"provinces/{province['key']}/index.md", title,
                          f"{province['th']} ({province['en']})", corpus.group("province", province["th"]), corpus)


def render_agencies(corpus: Corpus):
    yield _index_page("agencies/index.md", "ผลงานตามหน่วยงาน",
                      "ทุกหน่วยงานที่ได้รับรางวัล เรียงตามลำดับพจนานุกรม แต่ละหน้ารวมทุกรางวัลของหน่วยงานข้ามปี",
                      [(r.agency_url(slug), name, len(corpus.group("agency", slug))) for slug, name in corpus.agencies])
    for slug, name in corpus.agencies:
        cases = corpus.group("agency", slug)
        agency = cases[0].meta["agency"]
        # The agency name is text from a case: it goes in as escaped HTML, never as Markdown.
        page = _cases_page(f"agencies/{slug}/index.md", name, "", cases, corpus)
        type_label = r.agency_type_label(corpus.taxonomy, agency.get("type"))
        page.html = (f"<p>ทุกรางวัลเลิศรัฐที่ {e(name)} ได้รับ ข้ามทุกปีและทุกสาขา</p>"
                     f'<p class="psea-muted">{e(agency.get("name_en", ""))} {e(type_label)}</p>' + page.html)
        yield page


def _vocabulary_pages(corpus: Corpus, vocabulary: str, group: str, url, title: str, intro: str, label):
    """An index page of a controlled vocabulary (at the parent of `url`'s pages) plus one page per
    value that has cases."""
    items = [(key, item) for key, item in corpus.taxonomy.vocabulary(vocabulary).items() if corpus.group(group, key)]
    yield _index_page(f"{url('x').rsplit('/', 2)[0]}/index.md", title, intro,
                      [(url(k), label(k, item), len(corpus.group(group, k))) for k, item in items])
    for key, item in items:
        yield _cases_page(f"{url(key)}index.md", label(key, item), item["en"], corpus.group(group, key), corpus)


def render_tags(corpus: Corpus):
    yield from _vocabulary_pages(
        corpus, "tags", "tag", r.tag_url, "ผลงานตามแท็ก",
        "แท็กมาจากคำศัพท์ควบคุมใน data/vocabularies.yaml รวมถึงเจ็ดรูปแบบของการยกระดับบริการภาครัฐ",
        lambda key, item: f"แท็ก: {item['th']}")


def render_sdgs(corpus: Corpus):
    yield from _vocabulary_pages(
        corpus, "sdgs", "sdg", r.sdg_url, "ผลงานตามเป้าหมายการพัฒนาที่ยั่งยืน (SDGs)",
        "ผลงานที่แหล่งข้อมูลระบุว่าสอดคล้องกับเป้าหมายการพัฒนาที่ยั่งยืนของสหประชาชาติ",
        lambda key, item: f"SDG {key}: {item['th']}")


def render_branches(corpus: Corpus):
    """A page per branch listing its categories and cases; the criteria pages are in macros.criteria."""
    tax = corpus.taxonomy
    for key, branch in tax.branches.items():
        page = GeneratedPage(f"awards/{key}/index.md", branch["th"], branch["en"])
        items = []
        for ckey, cat in tax.categories(key).items():
            count = len(corpus.group("category", key, ckey))
            years = ", ".join(str(y) for y in tax.category_years(cat))
            if ckey == "not-stated" and not count:
                continue
            items.append(f'<li><a href="{e(r.rel(page.url, r.category_url(key, ckey)))}">{e(cat["th"])}</a> '
                         f'<span class="psea-muted">({e(cat["en"])}; ปี {e(years)}; {count:,} ผลงาน)</span></li>')
        definition = (branch.get("definition") or {}).get("th", "")
        cases = corpus.group("branch", key)
        page.html = ((f"<p>{e(definition)}</p>" if definition else "")
                     + f'<h2 id="ประเภทรางวัล">ประเภทรางวัล</h2><ul class="psea-index">{"".join(items)}</ul>'
                     + f'<h2 id="ผลงาน">ผลงานในสาขานี้</h2>' + r.count_line(len(cases))
                     + r.case_table(cases, tax, page.url))
        yield page


def generated_pages(corpus: Corpus) -> dict[str, GeneratedPage]:
    from . import browse, criteria, overview  # here to keep the import graph one-way

    pages = {}
    renderers = (render_years, render_provinces, render_agencies, render_tags, render_sdgs,
                 render_branches, criteria.render_criteria, browse.render_browse, overview.render_overview)
    for renderer in renderers:
        for page in renderer(corpus):
            pages[page.src_uri] = page
    overview.add_locator_maps(pages, corpus)
    return pages
