"""Thai is never cut inside a word at the end of a line (issue 14), at 1280, 768 and 375 px, on one
page of each type of the built site. The counting is scripts/thai_breaks.js, which
scripts/bench.py also runs (`thai_midword_breaks`)."""
from __future__ import annotations

import pytest

from page_types import page_types
from thai_breaks import WIDTHS, midword_breaks


@pytest.mark.parametrize("width", WIDTHS)
def test_no_thai_word_is_cut_at_a_line_break(built_site, site_url, browser, width):
    types = page_types(built_site)
    assert {"home", "search", "browse", "case", "criteria", "year", "province", "agency"} <= set(types)
    context = browser.new_context(locale="th-TH", viewport={"width": width, "height": 900})
    tab = context.new_page()
    cut = {}
    try:
        for name, url in types.items():
            tab.goto(site_url + url, wait_until="load")
            found = midword_breaks(tab)
            if found:
                cut[f"{name} /{url}"] = [f"{f['element']}: {f['text']}" for f in found[:10]]
    finally:
        context.close()
    assert cut == {}, f"Thai words cut at a line break at {width} px (| marks the break): {cut}"


def test_the_count_finds_a_cut_word(site_url, browser):
    """The check can fail: a word squeezed into a box narrower than itself and allowed to break
    anywhere is reported, with the place of the cut."""
    context = browser.new_context(locale="th-TH", viewport={"width": 375, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(site_url, wait_until="load")
        tab.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'จังหวัดพระนครศรีอยุธยา ทั่วประเทศ';
            p.style.cssText = 'width: 3em; overflow-wrap: anywhere';
            document.querySelector('article').append(p);
        }""")
        found = midword_breaks(tab)
    finally:
        context.close()
    assert found and all("|" in f["word"] and f["element"] == "p" for f in found), found
    assert {f["word"].replace("|", "") for f in found} == {"พระนครศรีอยุธยา", "ประเทศ"}, found
