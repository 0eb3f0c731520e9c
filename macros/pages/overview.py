"""The overview page (/overview/, ภาพรวม): the collection at a glance, in charts and a province map
drawn at build time (macros/render/charts.py, render/provincemap.py), plus the home page's glance and the
locator map of each province page.

Every bar opens the cases it counts: the browse page with its filters in the URL query
(macros/facets.py names them; overrides/assets/js/browse.js reads them). The page's size depends
on the award system and vocabularies, not on the number of cases.
"""
from __future__ import annotations

from collections import Counter
from urllib.parse import quote, urlencode

from ..facets import tag_facet
from ..render import charts, labels, urls
from ..render.charts import Item
from ..render.escape import e
from ..render.provincemap import load_shapes, map_legend, province_map
from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedPage

NATIONAL = "national"


def browse_href(from_url: str, **filters) -> str:
    """A link to the browse page showing only the cases with these facet values."""
    query = urlencode(list(filters.items()), quote_via=quote, safe="/")
    return urls.rel(from_url, urls.BROWSE_URL) + ("?" + query if query else "")


def province_counts(corpus: Corpus) -> dict[str, int]:
    """Winners per province key, the nationwide entry included (under its own key)."""
    return {p["key"]: len(corpus.group("province", p["th"])) for p in corpus.taxonomy.provinces}


def _series(corpus: Corpus) -> dict[str, int]:
    return {key: i for i, key in enumerate(corpus.taxonomy.branches)}


def province_map_block(corpus: Corpus, from_url: str, css_class: str = "", highlight: str = "",
                       label: str = "แผนที่จำนวนผลงานที่ได้รับรางวัลในแต่ละจังหวัด") -> str:
    counts = province_counts(corpus)
    provinces = on_map(corpus)
    links = {p["key"]: urls.rel(from_url, urls.province_key_url(p["key"])) for p in provinces if counts[p["key"]]}
    return province_map(load_shapes(), provinces, {p["key"]: counts[p["key"]] for p in provinces},
                        links, label, highlight=highlight, css_class=css_class)


def on_map(corpus: Corpus) -> list[dict]:
    """The 77 provinces: the `scope` entries (ทั่วประเทศ, หลายจังหวัด / ไม่ระบุ) have no shape."""
    return [p for p in corpus.taxonomy.provinces if not p.get("scope")]


def _scopes_note(corpus: Corpus, from_url: str) -> str:
    counts = province_counts(corpus)
    parts = []
    for scope in corpus.taxonomy.provinces:
        if not scope.get("scope"):
            continue
        n = counts.get(scope["key"], 0)
        what = ("ผลงานระดับประเทศ" if scope["key"] == NATIONAL else "ผลงานหลายจังหวัดหรือไม่ระบุจังหวัด") + f" {n:,} ผลงาน"
        href = urls.rel(from_url, urls.province_key_url(scope["key"]))
        parts.append((f'<a href="{e(href)}">{what}</a>' if n else what) + f" (จังหวัด {e(scope['th'])})")
    return (" และ ".join(parts) + " นับแยกและไม่ระบายบนแผนที่ "
            "ผลงานแต่ละชิ้นระบุจังหวัดได้จังหวัดเดียว จึงไม่มีผลงานที่นับซ้ำหลายจังหวัด")


def map_section(corpus: Corpus, from_url: str) -> str:
    tax = corpus.taxonomy
    counts = province_counts(corpus)
    provinces = on_map(corpus)
    rows = sorted(provinces, key=lambda p: -counts[p["key"]])  # stable: Thai order within a count
    table = charts.data_table("จำนวนผลงานในแต่ละจังหวัด", ["จังหวัด", "ผลงาน"],
                              [[p["th"], counts[p["key"]]] for p in rows]
                              + [[f"{p['th']} (ไม่อยู่บนแผนที่)", counts.get(p["key"], 0)]
                                 for p in tax.provinces if p.get("scope")])
    body = (f'<div class="psea-map-wrap">{province_map_block(corpus, from_url)}'
            f'<div>{map_legend({p["key"]: counts[p["key"]] for p in provinces})}'
            f'<p>{_scopes_note(corpus, from_url)}</p>'
            '<p class="psea-muted">คลิกจังหวัดเพื่อดูผลงานของจังหวัดนั้น เส้นเขตจังหวัด: Natural Earth '
            '(สาธารณสมบัติ) ทำให้เรียบง่ายเพื่อแสดงผล</p></div></div>')
    return charts.figure("แผนที่", "ผลงานตามจังหวัด", body, table)


def years_chart(corpus: Corpus, from_url: str, fig_id: str = "ปีและสาขา") -> str:
    tax = corpus.taxonomy
    series = _series(corpus)
    counts = Counter((c.year, c.branch) for c in corpus.cases)
    years = sorted(corpus.years)
    columns = []
    for year in years:
        segments = [Item(labels.branch_label(tax, b), counts[year, b], browse_href(from_url, year=year, branch=b), s)
                    for b, s in series.items()]
        columns.append((str(year), browse_href(from_url, year=year), segments))
    svg = charts.column_chart(columns, "แผนภูมิแท่งซ้อน: จำนวนผลงานในแต่ละปี แยกตามสาขารางวัล")
    legend = charts.legend([(s, labels.branch_label(tax, b)) for b, s in series.items()])
    table = charts.data_table("จำนวนผลงานตามปีและสาขา", ["ปี"] + [labels.branch_label(tax, b) for b in series] + ["รวม"],
                              [[str(y)] + [counts[y, b] for b in series] + [sum(counts[y, b] for b in series)]
                               for y in reversed(years)])
    return charts.figure(fig_id, "ผลงานตามปีที่ได้รับรางวัลและสาขา", legend + svg, table)


def _bars_figure(fig_id: str, caption: str, head: str, items: list[Item], note: str = "") -> str:
    table = charts.data_table(caption, [head, "ผลงาน"], [[i.label, i.count] for i in items])
    return charts.figure(fig_id, caption, charts.bar_list(items), table, note)


def category_charts(corpus: Corpus, from_url: str) -> str:
    tax = corpus.taxonomy
    figures = []
    for branch, s in _series(corpus).items():
        items = [Item(cat["th"], n, browse_href(from_url, category=f"{branch}/{key}") if n else "", s)
                 for key, cat in tax.categories(branch).items()
                 for n in (len(corpus.group("category", branch, key)),) if n or key != "not-stated"]
        figures.append(_bars_figure(f"ประเภท-{branch}", f"สาขา{labels.branch_label(tax, branch)}: ผลงานตามประเภทรางวัล",
                                    "ประเภทรางวัล", items))
    return "".join(figures)


def _facet_items(corpus: Corpus, from_url: str, facet: str, keys, label) -> list[Item]:
    counts = Counter(getattr(c, facet) for c in corpus.cases)
    return [Item(label(k), counts[k], browse_href(from_url, **{facet: k}) if counts[k] else "") for k in keys]


def _vocabulary_items(corpus: Corpus, from_url: str, group: str, keys, label, series: int = 0) -> list[Item]:
    """Bars of a multi-valued facet (macros.facets.MULTI_FACETS): SDGs, or tags, which the browse
    page filters by their group (the seven patterns, topics)."""
    def facet(key) -> str:
        return tag_facet(corpus.taxonomy, key) if group == "tag" else group

    return [Item(label(k), n, browse_href(from_url, **{facet(k): k}) if n else "", series)
            for k in keys for n in (len(corpus.group(group, k)),)]


def render_overview(corpus: Corpus, inputs: BuildInputs):
    tax = corpus.taxonomy
    page = GeneratedPage(
        urls.page_src_uri(urls.OVERVIEW_URL), "ภาพรวมของผลงาน",
        f"ผลงานทั้ง {len(corpus.cases):,} ผลงานในคลังความรู้นี้ ในรูปแผนที่และแผนภูมิ: ได้รับรางวัลที่จังหวัดใด ปีใด "
        "สาขาและประเภทใด หน่วยงานประเภทใด และเรื่องใด ตัวเลขนับจากผลงานที่มีในคลังความรู้ ซึ่งยังไม่ครบทุกผลงานที่เคยได้รับรางวัล "
        "คลิกแท่งหรือจังหวัดเพื่อเปิดรายการผลงานที่นับ ตัวเลขทุกแผนภูมิอยู่ในตารางใต้แผนภูมิ",
        description="แผนที่และแผนภูมิของผลงานที่ได้รับรางวัลเลิศรัฐ ตามจังหวัด ปี สาขา ประเภท ระดับ หน่วยงาน แท็ก และ SDGs")
    url = page.url
    tags = tax.vocabulary("tags")
    patterns = [k for k, t in tags.items() if t.get("group") == "pattern"]
    topics = [k for k, t in tags.items() if t.get("group") != "pattern"]
    tag_label = lambda k: tags[k]["th"]  # noqa: E731
    sdgs = tax.vocabulary("sdgs")
    status = [Item(labels.status_label(tax, k), len(corpus.group("status", k)),
                   browse_href(url, status=k) if corpus.group("status", k) else "", i * 3)
              for i, k in enumerate(tax.vocabulary("status"))]
    wanted = len(inputs.help_wanted)
    summary = len(corpus.group("status", "summary"))
    sections = [
        ("จังหวัด", "แผนที่ผลงานตามจังหวัด", map_section(corpus, url)),
        ("ปี", "ผลงานตามปีและสาขา", years_chart(corpus, url)),
        ("ประเภท", "ผลงานตามประเภทรางวัลในแต่ละสาขา", category_charts(corpus, url)),
        ("ระดับ", "ผลงานตามระดับรางวัล", _bars_figure(
            "ระดับรางวัล", "ผลงานตามระดับรางวัล", "ระดับ",
            _facet_items(corpus, url, "level", tax.levels, lambda k: labels.level_label(tax, k)))),
        ("หน่วยงาน", "ผลงานตามประเภทหน่วยงาน", _bars_figure(
            "ประเภทหน่วยงาน", "ผลงานตามประเภทหน่วยงาน", "ประเภทหน่วยงาน",
            _facet_items(corpus, url, "agency_type", tax.vocabulary("agency_types"),
                         lambda k: labels.agency_type_label(tax, k)))),
        ("แท็ก", "ผลงานตามรูปแบบการยกระดับบริการและประเด็น", _bars_figure(
            "รูปแบบการยกระดับบริการ", "เจ็ดรูปแบบของการยกระดับบริการภาครัฐ", "รูปแบบ",
            _vocabulary_items(corpus, url, "tag", patterns, tag_label, 1),
            "ผลงานหนึ่งมีได้หลายแท็ก ผลรวมจึงอาจมากกว่าจำนวนผลงาน")
         + _bars_figure("ประเด็น", "ผลงานตามประเด็น", "ประเด็น",
                        _vocabulary_items(corpus, url, "tag", topics, tag_label, 2))),
        ("SDGs", "เป้าหมายการพัฒนาที่ยั่งยืน (SDGs) ที่ผลงานครอบคลุม", _bars_figure(
            "SDGs-แผนภูมิ", "ผลงานตามเป้าหมายการพัฒนาที่ยั่งยืน", "เป้าหมาย",
            _vocabulary_items(corpus, url, "sdg", list(sdgs), lambda k: f"SDG {k}: {sdgs[k]['th']}", 4),
            f"ครอบคลุม {sum(1 for k in sdgs if corpus.group('sdg', k)):,} จาก {len(sdgs):,} เป้าหมาย "
            "ผลงานหนึ่งระบุได้หลายเป้าหมาย")),
        ("ความสมบูรณ์", "กรณีศึกษาฉบับเต็มและบันทึกสรุป: ยังเหลือให้เขียนเท่าใด", charts.figure(
            "ความสมบูรณ์-แผนภูมิ", "ผลงานตามความสมบูรณ์ของข้อมูล",
            charts.share_bar(status, "สัดส่วนกรณีศึกษาฉบับเต็มและบันทึกสรุป") + charts.bar_list(status),
            charts.data_table("ผลงานตามความสมบูรณ์ของข้อมูล", ["ความสมบูรณ์", "ผลงาน"], [[i.label, i.count] for i in status]),
            f"บันทึกสรุป {summary:,} ผลงานยังรอการเขียนเรื่องเล่าฉบับเต็ม และมี"
            f'<a href="{e(urls.rel(url, urls.HELP_WANTED_URL))}">ข้อเท็จจริงที่ยังต้องการความช่วยเหลือ {wanted:,} รายการ</a> '
            f'<a href="{e(urls.rel(url, urls.CONTRIBUTE_URL))}">วิธีร่วมเขียน</a>')),
    ]
    nav = "".join(f'<li><a href="#{e(anchor)}">{e(title)}</a></li>' for anchor, title, _ in sections)
    page.html = (charts.series_defs()
                 + f'<nav aria-label="ส่วนของหน้าภาพรวม"><ul class="psea-overview-toc">{nav}</ul></nav>'
                 + "".join(f'<section class="psea-overview"><h2 id="{e(anchor)}">{e(title)}</h2>{body}</section>'
                           for anchor, title, body in sections))
    yield page


def home_glance(corpus: Corpus) -> str:
    """The home page's map and chart (the home page is the site root: links are from '')."""
    if not corpus.cases:
        return ""
    more = (f'<p><a href="{e(urls.rel("", urls.OVERVIEW_URL))}">'
            "ดูภาพรวมทั้งหมด: แผนภูมิตามประเภท ระดับ หน่วยงาน แท็ก และ SDGs</a></p>")
    all_counts = province_counts(corpus)
    counts = {p["key"]: all_counts[p["key"]] for p in on_map(corpus)}
    map_figure = charts.figure(
        "แผนที่ผลงาน", "ผลงานตามจังหวัด",
        province_map_block(corpus, "", "psea-map--small") + map_legend(counts),
        note=_scopes_note(corpus, ""))
    # One line inside a <div>: Markdown passes it through untouched (the home page is Markdown).
    return ('<div class="psea-home-overview">' + charts.series_defs() + '<div class="psea-glance-charts">'
            + map_figure + years_chart(corpus, "", "ผลงานตามปี") + "</div>" + more + "</div>")


def add_locator_maps(pages: dict[str, GeneratedPage], corpus: Corpus) -> None:
    """Each province's page opens with the map, its province marked."""
    for province in corpus.taxonomy.provinces:
        page = pages.get(urls.page_src_uri(urls.province_key_url(province["key"])))
        if page is None or province.get("scope"):
            continue
        svg = province_map_block(corpus, page.url, "psea-map--locator", province["key"],
                                 f"ที่ตั้งของจังหวัด{province['th']} บนแผนที่ประเทศไทย")
        page.html = f'<div class="psea-locator">{svg}</div>' + page.html
