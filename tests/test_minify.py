"""The site's own CSS and JavaScript are served minified (macros/minify.py, PseaPlugin.minify_assets).

Minified, a file must still mean the same: every script still parses as what it is (node --check),
licence and attribution comments (/*!) stay, and the built site serves the minified text of every
file under overrides/assets/ (the browser tests then exercise it).
"""
from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from macros import minify

from conftest import ROOT

ASSETS = ROOT / "overrides" / "assets"
SOURCES = sorted(p for p in ASSETS.rglob("*") if p.suffix in (".css", ".js"))
COMMENT = re.compile(r"/\*(?!!).*?\*/", re.S)


def test_every_stylesheet_and_script_of_the_site_has_a_minifier():
    assert {p.suffix for p in SOURCES} == {".css", ".js"}
    assert all(minify.minifier(p.name) for p in SOURCES)
    assert minify.minifier("fonts/sarabun-thai-400-normal.woff2") is None


@pytest.mark.parametrize("path", [p for p in SOURCES if p.suffix == ".js"], ids=lambda p: p.name)
def test_minified_scripts_still_parse(path, tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: make test installs Node.js's tools (tests/js)")
    source = path.read_text(encoding="utf-8")
    minified = minify.minifier(path.name)(source)
    assert len(minified) < len(source)
    # propose.js is a classic script, the others ES modules: each is checked as what it is.
    suffix = ".cjs" if "import " not in source and "export " not in source else ".mjs"
    out = tmp_path / (path.stem + suffix)
    out.write_text(minified, encoding="utf-8")
    result = subprocess.run([node, "--check", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_bang_comments_are_kept_and_other_comments_go():
    css = "/*! licence */\n/* why */\n.a { color: red; }\n"
    assert minify.minifier("x.css")(css) == "/*! licence */.a{color:red}"
    js = "/*! licence */\n// why\nconst a = 1; /* why */\n"
    assert minify.minifier("x.js")(js) == "/*! licence */const a=1;"


def test_the_site_serves_the_minified_files(built_site):
    for path in SOURCES:
        served = (built_site / path.relative_to(ROOT / "overrides")).read_text(encoding="utf-8")
        assert served == minify.minifier(path.name)(path.read_text(encoding="utf-8")), path.name
        assert not COMMENT.search(served), f"{path.name} is served with comments"
    site_css = (built_site / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert site_css.startswith(".md-typeset{") and "Fonticons" in site_css  # the attribution stays
