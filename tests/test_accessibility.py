"""Accessibility and valid HTML of the built site.

- axe-core (tests/js, npm) in Debian's Chromium: no serious or critical violation on the home
  page, browse (also with a filter applied), a case (with a table in its narrative), a criteria
  page, the open-data page (wide tables) and search results, on a desktop and on a 375 px phone;
  nothing allowed (a wide table scrolls in a focusable region, macros/render/tables.py);
- the browse filters work with the keyboard alone;
- every page declares lang="th";
- the Nu HTML Checker (vnu.jar from tests/js, run with java) finds no error in one page of each
  kind, except the theme's own errors listed in THEME_HTML_ERRORS with their reasons.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

JS_DIR = ROOT / "tests" / "js"
AXE = JS_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU = JS_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}
SEARCH_QUERY = "โรงพยาบาล"


# The checkers, installed from tests/js/package-lock.json -----------------------------------------
def _installed() -> bool:
    """node_modules matches package-lock.json (npm keeps its own copy of the lock there)."""
    hidden = JS_DIR / "node_modules" / ".package-lock.json"
    if not (hidden.is_file() and AXE.is_file() and VNU.is_file()):
        return False
    wanted = json.loads((JS_DIR / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    have = json.loads(hidden.read_text(encoding="utf-8"))["packages"]
    return all(have.get(name, {}).get("version") == info.get("version")
               for name, info in wanted.items() if name.startswith("node_modules/"))


@pytest.fixture(scope="session")
def js_tools() -> dict:
    """`npm ci` in tests/js when node_modules is missing or stale (`make test` runs it too).
    --ignore-scripts: vnu-jar's install script would download a Java; Debian's java is used."""
    if not _installed():
        npm = shutil.which("npm")
        if not npm:
            pytest.fail("npm is missing: install Node.js (20+) to get axe-core and vnu-jar, see tests/js/package.json")
        result = subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=JS_DIR,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert _installed(), "npm ci did not install the versions in tests/js/package-lock.json"
    return {"axe": AXE, "vnu": VNU}


# Pages -------------------------------------------------------------------------------------------
def a_full_case(built_site: Path) -> str:
    """A full case page with a table in its narrative if there is one (the theme wraps tables)."""
    pages = sorted((built_site / "cases").rglob("index.html"))
    full = [p for p in pages if 'id="ความเป็นมาและปัญหา"' in p.read_text(encoding="utf-8")]
    with_table = [p for p in full if "<table>" in p.read_text(encoding="utf-8")]
    chosen = (with_table or full or pages)[0]
    return chosen.parent.relative_to(built_site).as_posix() + "/"


def has_search(built_site: Path) -> bool:
    return (built_site / "search" / "index.html").is_file() and (built_site / "pagefind").is_dir()


def a_province_with_map(built_site: Path) -> list[str]:
    """A province page with its locator map (macros/pages/overview.add_locator_maps)."""
    pages = [p for p in sorted((built_site / "provinces").glob("*/index.html"))
             if "psea-locator" in p.read_text(encoding="utf-8")]
    return [pages[0].parent.relative_to(built_site).as_posix() + "/"] if pages else []


def pages_to_check(built_site: Path) -> list[str]:
    pages = ["", "browse/", a_full_case(built_site), "awards/service/innovation/", "overview/", "open-data/",
             *a_province_with_map(built_site), "sources/001_3702f4d108c3183e/", "about/"]
    if has_search(built_site):
        pages.append(f"search/?q={SEARCH_QUERY}")
    return pages


# axe-core ----------------------------------------------------------------------------------------
def run_axe(tab, axe_path: Path) -> list[str]:
    # Colours are measured in their final state: axe scrolls while it checks, which makes the theme's
    # back-to-top button fade in, and mid-fade its text is half its colour. Transitions are turned off.
    tab.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    tab.wait_for_function("document.getAnimations().every((a) => a.playState !== 'running')")
    tab.add_script_tag(path=str(axe_path))
    result = tab.evaluate("axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in ("serious", "critical"):
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            found.append(f"{violation['impact']} {violation['id']} ({violation['help']}): {target}: "
                         f"{node.get('failureSummary', '').splitlines()[-1:]}")
    return found


def open_page(browser, site_url: str, url: str, viewport: str):
    # The policy is bypassed only so that axe can be injected as an inline script.
    context = browser.new_context(locale="th-TH", viewport=VIEWPORTS[viewport], bypass_csp=True)
    tab = context.new_page()
    tab.goto(site_url + url)
    tab.wait_for_load_state("networkidle")
    if url.startswith("search/"):
        tab.wait_for_function("document.querySelectorAll('#psea-search-results li').length > 0")
    return context, tab


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_no_serious_or_critical_axe_violations(built_site, site_url, browser, js_tools, viewport):
    problems = {}
    for url in pages_to_check(built_site):
        context, tab = open_page(browser, site_url, url, viewport)
        try:
            found = run_axe(tab, js_tools["axe"])
            if url == "browse/":  # and with a facet open and a filter applied
                tab.locator("details.psea-facet-group summary").first.click()
                tab.locator("fieldset[data-facet] input[type=checkbox]").first.check()
                found += run_axe(tab, js_tools["axe"])
        finally:
            context.close()
        if found:
            problems[url or "/"] = found
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)


def test_axe_finds_a_planted_violation(built_site, site_url, browser, js_tools):
    """The check can fail: an image without alt text and low-contrast text are reported."""
    context, tab = open_page(browser, site_url, "", "desktop")
    try:
        tab.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'ข้อความจาง'; p.style.color = '#eee';
            const img = document.createElement('img'); img.src = 'assets/images/favicon.svg';
            document.querySelector('article').append(p, img);
        }""")
        found = run_axe(tab, js_tools["axe"])
    finally:
        context.close()
    assert any("image-alt" in f for f in found) and any("color-contrast" in f for f in found), found


# Keyboard ----------------------------------------------------------------------------------------
def _shown(tab) -> str:
    return tab.locator("#psea-browse-count [data-shown]").inner_text()


def test_browse_filters_work_with_the_keyboard_alone(site_url, browser):
    context = browser.new_context(locale="th-TH", viewport=VIEWPORTS["desktop"])
    tab = context.new_page()
    try:
        tab.goto(site_url + "browse/")
        tab.wait_for_load_state("networkidle")
        total = _shown(tab)
        active = "document.activeElement && (document.activeElement.id || document.activeElement.tagName)"
        for _ in range(150):  # Tab from the top of the page to the text filter
            tab.keyboard.press("Tab")
            if tab.evaluate(active) == "psea-browse-q":
                break
        else:
            pytest.fail("the browse text filter cannot be reached with Tab")
        tab.keyboard.type(SEARCH_QUERY)
        tab.wait_for_function("(t) => document.querySelector('#psea-browse-count [data-shown]').textContent !== t",
                              arg=total)
        assert _shown(tab) != total
        tab.keyboard.press("Tab")  # the reset button
        assert tab.evaluate("document.activeElement.type") == "reset"
        tab.keyboard.press("Enter")
        tab.wait_for_function("(t) => document.querySelector('#psea-browse-count [data-shown]').textContent === t",
                              arg=total)
        assert tab.input_value("#psea-browse-q") == ""
        for _ in range(5):  # on to the first facet's summary: Enter opens it
            tab.keyboard.press("Tab")
            if tab.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert tab.evaluate("document.activeElement.tagName") == "SUMMARY"
        tab.keyboard.press("Enter")
        assert tab.evaluate("document.activeElement.parentElement.open") is True
        tab.keyboard.press("Tab")  # its first checkbox: Space ticks it
        assert tab.evaluate("document.activeElement.type") == "checkbox"
        tab.keyboard.press("Space")
        assert tab.evaluate("document.activeElement.checked") is True
        tab.wait_for_function("(t) => document.querySelector('#psea-browse-count [data-shown]').textContent !== t",
                              arg=total)
        facet = tab.evaluate("[document.activeElement.name, document.activeElement.value]")
        assert f"{facet[0]}=" in tab.url
        # the focused checkbox shows a focus ring
        assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    finally:
        context.close()


# lang --------------------------------------------------------------------------------------------
def test_every_page_declares_thai(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        head = path.read_text(encoding="utf-8")[:500]
        assert re.search(r'<html\s+lang="th"[\s>]', head), path.relative_to(built_site)


# The Nu HTML Checker -----------------------------------------------------------------------------
# Errors the theme (Material for MkDocs 9.8) writes into every page, which the site cannot change
# without copying and maintaining theme templates: (message pattern, reason).
THEME_HTML_ERRORS = [
    (r"^Attribute “autocomplete” is only allowed when the input type is",
     "Material's drawer and search toggles are <input type=checkbox autocomplete=off> so that Firefox "
     "does not restore them open after Back; autocomplete is not valid on checkboxes."),
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control\.$",
     "Material's table of contents title is <label for=__toc>; the __toc checkbox is written only for "
     "pages in the navigation, and case pages are deliberately outside it (mkdocs.yml not_in_nav)."),
    (r"^Bad value “” for attribute “tabindex” on element “label”",
     "Material's navigation writes tabindex=\"\" on section labels when navigation.sections is on."),
]


def pages_for_vnu(built_site: Path) -> list[Path]:
    """The pages of the axe check and one page of every other kind."""
    def first(pattern: str) -> Path:
        return sorted(built_site.glob(pattern))[0]

    pages = [built_site / url.split("?")[0] / "index.html" for url in pages_to_check(built_site)]
    pages += [first("cases/*/*/index.html"), first("years/*/index.html"), first("provinces/*/index.html"),
              first("agencies/*/index.html"), first("tags/*/index.html"), first("sdgs/*/index.html"),
              built_site / "awards" / "index.html", built_site / "awards" / "service" / "index.html",
              built_site / "agencies" / "index.html", built_site / "contribute" / "index.html",
              built_site / "open-data" / "index.html", built_site / "help-wanted" / "index.html",
              built_site / "sources" / "index.html", built_site / "awards" / "pmqa" / "category-1" / "index.html",
              built_site / "404.html"]
    summary = [p for p in sorted((built_site / "cases").rglob("index.html"))
               if "psea-summary-note" in p.read_text(encoding="utf-8")]
    pages += summary[:1]
    return sorted({p for p in pages if p.is_file()})


def vnu_errors(js_tools: dict, files: list[Path]) -> list[dict]:
    result = subprocess.run(["java", "-jar", str(js_tools["vnu"]), "--format", "json", "--errors-only",
                             *map(str, files)], capture_output=True, text=True)
    report = json.loads(result.stderr or result.stdout)  # vnu writes its JSON report to stderr
    return [m for m in report["messages"] if m["type"] == "error" or m.get("subType") == "fatal"]


def test_html_is_valid_apart_from_the_theme(built_site, js_tools, tmp_path):
    if not shutil.which("java"):
        pytest.fail("java is missing: the Nu HTML Checker (vnu.jar) needs Java 11+")
    files = pages_for_vnu(built_site)
    assert len(files) >= 15
    # A planted page in the same run (one Java start-up) proves the check can fail.
    planted = tmp_path / "planted.html"
    planted.write_text('<!doctype html><html lang="th"><head><meta charset="utf-8"><title>x</title></head>'
                       '<body><p id="a">x</p><p id="a">y</p><div markdown>z</div></body></html>', encoding="utf-8")
    errors = vnu_errors(js_tools, [*files, planted])
    planted_messages = [m["message"] for m in errors if m.get("url", "").endswith("/planted.html")]
    assert any("Duplicate ID" in m for m in planted_messages), planted_messages
    assert any("“markdown” not allowed" in m for m in planted_messages), planted_messages
    unexplained = [f"{m.get('url', '').split(str(built_site.name) + '/', 1)[-1]}:{m.get('lastLine')}: {m['message']} "
                   f"[{m.get('extract', '').strip()[:100]}]"
                   for m in errors if not m.get("url", "").endswith("/planted.html")
                   and not any(re.search(pattern, m["message"]) for pattern, _ in THEME_HTML_ERRORS)]
    assert unexplained == [], "\n".join(unexplained)
