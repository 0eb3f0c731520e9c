"""Case pages in lean markup, asserted on built pages (the size of the largest case page is a
benchmark target, README "Performance").

- Metric cards are <li><b>[<i>before</i> → ]value <small>unit</small></b>label[<small>note</small>]</li>
  and keep every value, unit, label and note of the case file.
- Text from a case is escaped without its quotes (an apostrophe is one byte, not &#x27;); the same
  value in an attribute still has its quotes escaped.
- The repository link of the header and the drawer draws its icon from site.css (no inline SVG with
  a licence comment on every page), keeps its title, and shows the icon; so do the header's icons.
"""
from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from macros.validate import validate

from conftest import ROOT, make_project, run_mkdocs

CASES = [p.meta for p in validate().parsed]
AMNAT = "cases/2564/amnat-charoen-pmqa-category-6/"


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def written(number) -> str:
    """A metric number as the page shows it (thousands separators, decimals as written)."""
    if isinstance(number, int):
        return f"{number:,}"
    whole, dot, frac = (getattr(number, "written", "") or repr(number)).partition(".")
    return f"{int(whole):,}{dot}{frac}"


class Cards(HTMLParser):
    """The metric cards of a page: for each <li>, the text of its figure (<b> without the unit), its
    unit (<b><small>), its label (the <li>'s own text) and its note (<li><small>)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.cards: list[dict] = []
        self._path: list[str] = []
        self._in_list = False
        start = html.index('<ul class="psea-metrics">')
        self.feed(html[start:html.index("</ul>", start) + 5])

    def handle_starttag(self, tag, attrs):
        if tag == "ul":
            self._in_list = True
        elif tag == "li":
            assert attrs == [], f"a metric card has attributes again: {attrs}"
            self.cards.append({"figure": "", "unit": "", "label": "", "note": ""})
        if tag != "ul":
            self._path.append(tag)

    def handle_endtag(self, tag):
        if tag != "ul":
            assert self._path.pop() == tag

    def handle_data(self, data):
        where = {("li",): "label", ("li", "b"): "figure", ("li", "b", "i"): "figure", ("li", "b", "span"): "figure",
                 ("li", "b", "small"): "unit", ("li", "small"): "note"}[tuple(self._path)]
        self.cards[-1][where] += data


CASES_WITH_METRICS = [c for c in CASES if c.get("metrics")]


def test_there_are_cases_with_metrics_and_with_before_and_after():
    assert len(CASES_WITH_METRICS) > 10
    assert any("before" in m for c in CASES_WITH_METRICS for m in c["metrics"])
    assert any(m.get("note") for c in CASES_WITH_METRICS for m in c["metrics"])


@pytest.mark.parametrize("case", CASES_WITH_METRICS, ids=lambda c: c["id"])
def test_metric_cards_keep_value_unit_label_and_note(built_site, case):
    html = page_html(built_site, f"cases/{case['year']}/{case['id']}/")
    cards = Cards(html).cards
    assert len(cards) == len(case["metrics"])
    for card, metric in zip(cards, case["metrics"], strict=True):
        if "before" in metric and "after" in metric:
            figure = f"{written(metric['before'])} → {written(metric['after'])} "
        else:
            figure = f"{written(metric['value'])} "
        assert card == {"figure": figure, "unit": metric["unit"], "label": metric["label"],
                        "note": metric.get("note") or ""}
    # the arrow is read as a word, and the cards keep no per-part classes
    if any("before" in m for m in case["metrics"]):
        assert '<span role="img" aria-label="เป็น">→</span>' in html
    assert "psea-metric__" not in html


def text_outside_tags(html: str) -> str:
    return re.sub(r"<[^>]*>", "", html)


def test_case_text_keeps_its_quotes_as_they_are(built_site):
    html = page_html(built_site, AMNAT)
    case = next(c for c in CASES if c["id"] == "amnat-charoen-pmqa-category-6")
    assert "'" in case["pain_point"] and any("'" in n for n in case["notes"])
    assert f"<p>{escape(case['pain_point'], quote=False)}</p>" in html
    for note in case["notes"]:
        assert f"<li>{escape(note, quote=False)}</li>" in html
    assert "&#x27;" not in text_outside_tags(html)
    for url in (f"cases/{c['year']}/{c['id']}/" for c in CASES):  # no case page escapes quotes in text
        text = text_outside_tags(page_html(built_site, url))
        assert "&#x27;" not in text and "&quot;" not in text, url


QUOTED_AGENCY = "สำนักงาน O'Brien \"ทดสอบ\" <b>&"
QUOTED_TEXT = "ข้อความ 'ในเครื่องหมาย' และ \"อัญประกาศ\" <i>ไม่ใช่แท็ก</i> & อื่น ๆ"


class Attributes(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def quoted_site(tmp_path_factory) -> Path:
    """The project with one case whose agency (shown as text, and in the search data attribute)
    and text fields carry quotes, apostrophes and markup."""
    source = ROOT / "content" / "cases" / "2567" / "dsi-chain-share-investigation.md"
    _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
    meta = yaml.safe_load(front)
    meta["agency"]["name"] = QUOTED_AGENCY
    meta["agency"]["parent"] = QUOTED_TEXT
    meta["pain_point"] = QUOTED_TEXT
    meta["metrics"][0]["label"] = QUOTED_TEXT
    meta["notes"] = [QUOTED_TEXT]
    where = tmp_path_factory.mktemp("quoted")
    project = make_project(where, {
        "2567/dsi-chain-share-investigation.md": "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        + "---\n" + body})
    out = where / "out"
    result = run_mkdocs(project, out, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_quotes_are_escaped_in_attributes_and_not_in_text(quoted_site):
    html = page_html(quoted_site, "cases/2567/dsi-chain-share-investigation/")
    # in the search data attribute: every quote escaped, and the browser reads the name back whole
    assert f'data-agency="{escape(QUOTED_AGENCY, quote=True)}"' in html
    search_data = [a for tag, a in Attributes(html).elements if "data-pagefind-filter" in a]
    assert [a["data-agency"] for a in search_data] == [QUOTED_AGENCY]
    # as text: only &, < and > escaped
    assert f">{escape(QUOTED_AGENCY, quote=False)}</a>" in html
    shown = escape(QUOTED_TEXT, quote=False)
    assert f"<p>{shown}</p>" in html  # pain point
    assert f"สังกัด {shown}</span>" in html  # agency parent
    assert f"</small></b>{shown}<" in html  # metric label
    assert f"<li>{shown}</li>" in html  # data note
    assert "<i>ไม่ใช่แท็ก</i>" not in html and "<b>&" not in html


# The repository link and the header icons -------------------------------------------------------
def test_the_repository_link_has_no_inline_icon(built_site):
    html = page_html(built_site, AMNAT)
    links = re.findall(r'<a href="[^"]+" title="([^"]+)" class="md-source">(.*?)</a>', html, re.S)
    assert len(links) == 2  # the header and the drawer
    for title, inner in links:
        assert title and "<svg" not in inner and "psea-i--git" in inner
    assert "Font Awesome" not in html
    css = (built_site / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert "--psea-i-git:" in css and "Fonticons" in css  # the icon and its attribution


ICONS = ("""() => [...document.querySelectorAll('.psea-i')].filter(el => el.offsetParent !== null).map(el => {
  const s = getComputedStyle(el, '::before');
  return [el.className, s.width, s.height, s.maskImage || s.webkitMaskImage, """
         """s.backgroundColor, getComputedStyle(el).color];
})""")


@pytest.mark.parametrize("width", [375, 1280])
def test_the_header_icons_are_shown(page, site_url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}{AMNAT}")
    if width == 375:
        page.click("label.md-header__button[for=__drawer]")
        page.wait_for_function("document.getElementById('__drawer').checked")
    shown = page.evaluate(ICONS)
    names = [re.search(r"psea-i--(\w+)", name).group(1) for name, *_ in shown]
    # (the search box's are laid out though hidden; the logo is shown on wide screens only)
    assert names == (["menu", "search", "search", "close", "git"] if width == 375
                     else ["logo", "search", "close", "git"]), shown
    for name, w, h, mask, background, color in shown:
        assert (w, h) == ("24px", "24px") and mask.startswith('url("data:image/svg+xml'), name
        assert background == color, name  # drawn in the text colour of the header or the drawer
    # the search box's icon is the magnifier, and on a phone the back arrow
    page.goto(f"{site_url}{AMNAT}")
    page.click("label.md-header__button[for=__search]" if width == 375 else ".md-search__input")
    page.wait_for_function("document.getElementById('__search').checked")
    mask = page.evaluate("getComputedStyle(document.querySelector('.md-search__icon[for=__search]'), "
                         "'::before').maskImage")
    assert ("M20 11v2H8" in mask) == (width == 375) and ("M9.5 3A6.5" in mask) == (width == 1280)


def test_metric_cards_are_not_split_when_printed(page, site_url):
    page.goto(f"{site_url}{AMNAT}")
    page.emulate_media(media="print")
    assert page.evaluate("[...document.querySelectorAll('.psea-metrics > li')].every("
                         "li => getComputedStyle(li).breakInside === 'avoid')")
