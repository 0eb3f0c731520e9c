"""No hidden-then-shown controls (issue 14): every form control and filter of a page is in its
HTML at its final size, so nothing appears, vanishes, grows or moves when the page's scripts run.

Each page type is loaded twice in Chromium with JavaScript on: once with every script file
blocked (the HTML and CSS as parsed, and the theme's small inline scripts, which run while the
page is parsed), once as a visitor gets it, after its scripts and their requests are done. The
controls of the two loads are compared: which are shown, and their boxes. A control that needs
JavaScript is hidden only without JavaScript (assets/css/nojs.css), which neither load is.
"""
from __future__ import annotations

import json
import re

import pytest

from page_types import page_types

VIEWPORTS = {"phone": {"width": 412, "height": 915}, "desktop": {"width": 1280, "height": 900}}
PAGES = ("home", "search", "case", "criteria", "year", "province", "overview", "browse")
CONTROLS = "form, fieldset, input:not([type=hidden]), select, textarea, button, summary, [role=search]"
SNAPSHOT = """(selector) => {
  const key = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const id = e.getAttribute("id");  // not e.id: a form's input named "id" hides it
      if (id) { parts.unshift("#" + id); break; }
      const same = [...e.parentElement.children].filter((s) => s.tagName === e.tagName);
      parts.unshift(e.tagName.toLowerCase() + (same.length > 1 ? `:nth-of-type(${same.indexOf(e) + 1})` : ""));
    }
    return parts.join(" > ");
  };
  const found = {};
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    const shown = el.checkVisibility({ opacityProperty: true, visibilityProperty: true })
      && r.width > 0 && r.height > 0;
    found[key(el)] = { shown, box: shown ? [r.left, r.top + window.scrollY, r.width, r.height].map(Math.round) : null,
                       html: el.outerHTML.slice(0, 120) };
  }
  return found;
}"""
SCRIPT_FILE = re.compile(r"\.m?js(\?.*)?$")


def snapshot(browser, url: str, viewport: dict, scripts: bool) -> dict:
    context = browser.new_context(locale="th-TH", viewport=viewport)
    tab = context.new_page()
    try:
        if not scripts:
            tab.route(SCRIPT_FILE, lambda route: route.abort())
        tab.goto(url, wait_until="networkidle")
        tab.evaluate("() => document.fonts.ready.then(() => true)")
        # two frames: whatever the scripts changed has been laid out
        tab.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return tab.evaluate(SNAPSHOT, CONTROLS)
    finally:
        context.close()


def changes(before: dict, after: dict) -> list[str]:
    found = []
    for key in sorted(before.keys() | after.keys()):
        old, new = before.get(key), after.get(key)
        if old is None and new["shown"]:
            found.append(f"added by a script: {key}: {new['html']}")
        elif new is None and old["shown"]:
            found.append(f"removed by a script: {key}: {old['html']}")
        elif old and new and (old["shown"], old["box"]) != (new["shown"], new["box"]):
            found.append(f"{key}: shown {old['shown']} {old['box']} -> {new['shown']} {new['box']}: {new['html']}")
    return found


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("kind", PAGES)
def test_no_control_is_shown_moved_or_resized_by_a_script(built_site, site_url, browser, kind, viewport):
    url = site_url + page_types(built_site)[kind]
    before = snapshot(browser, url, VIEWPORTS[viewport], scripts=False)
    after = snapshot(browser, url, VIEWPORTS[viewport], scripts=True)
    assert before and before.keys() <= after.keys() | before.keys(), "no control found: the page did not load"
    found = changes(before, after)
    assert found == [], f"{kind} ({url}) at {viewport}:\n" + "\n".join(found)


def test_the_comparison_sees_a_control_shown_by_a_script():
    """The check can fail: a control that is hidden in the HTML and shown later is reported."""
    before = {"#q": {"shown": False, "box": None, "html": "<input id=q hidden>"}}
    after = {"#q": {"shown": True, "box": [0, 0, 100, 20], "html": "<input id=q>"},
             "#sort": {"shown": True, "box": [0, 30, 50, 20], "html": "<button id=sort>"}}
    found = changes(before, after)
    assert len(found) == 2, json.dumps(found)
    assert any(f.startswith("added by a script: #sort") for f in found), json.dumps(found)
    assert any(f.startswith("#q: shown False None -> True") for f in found), json.dumps(found)
