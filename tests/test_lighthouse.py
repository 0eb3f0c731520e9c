"""scripts/lighthouse.py (make lighthouse) really measures: the pinned Lighthouse runs with Debian's
Chromium on a page of the built site, served gzipped, and prints its figures. The scores are
figures for README, not asserted here (they vary with the machine's load)."""
from __future__ import annotations

import contextlib
import io

import lighthouse
import pytest


@pytest.mark.browser
def test_lighthouse_measures_the_home_page(built_site):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert lighthouse.main(["--site", str(built_site), "--pages", "home"]) == 0
    printed = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    assert printed["home_url"] == "/"
    assert set(printed) == {"home_url", "home_performance", "home_cls", "home_lcp_ms", "home_tbt_ms"}
    assert 0 < float(printed["home_performance"]) <= 100
    assert float(printed["home_cls"]) >= 0 and float(printed["home_lcp_ms"]) > 0 and float(printed["home_tbt_ms"]) >= 0


def test_an_unknown_page_type_is_refused_with_the_types_found(built_site, capsys):
    with pytest.raises(SystemExit) as stop:
        lighthouse.main(["--site", str(built_site), "--pages", "nosuch"])
    assert "no nosuch page" in str(stop.value) and "home" in str(stop.value)
