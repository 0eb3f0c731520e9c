"""The Pagefind bundle a build writes is whole, and a broken one fails the build
(macros/search/pagefind.py: write_bundle, check_bundle)."""
from __future__ import annotations

import json

import pytest
from mkdocs.exceptions import Abort

from macros.search import pagefind
from macros.search.policy import BUNDLE_DIR

STATIC = ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "wasm.unknown.pagefind")


@pytest.mark.site
def test_the_built_bundle_lists_every_indexed_page_and_its_assets_are_whole(built_site, tmp_path):
    bundle = built_site / BUNDLE_DIR
    marked = sum(1 for p in built_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8"))
    pagefind.check_bundle(bundle, marked)  # raises if the entry file does not list them all
    # Pagefind's command line, whose writes are all done when it exits, writes the same assets.
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<html><body><main data-pagefind-body><p>ผลงาน</p></main></body></html>",
                                     encoding="utf-8")
    pagefind.run_pagefind(site, tmp_path / "cli", "unknown")
    for name in STATIC:
        assert (bundle / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name


@pytest.mark.unit
@pytest.mark.parametrize("breakage", ["no entry", "empty entry", "fewer pages", "no meta", "no script"])
def test_a_broken_bundle_fails_the_build(tmp_path, breakage):
    bundle = tmp_path / BUNDLE_DIR
    bundle.mkdir()
    entry = {"version": "1.5.2", "languages": {"unknown": {"hash": "abc", "wasm": None, "page_count": 3}}}
    (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    (bundle / "pagefind.abc.pf_meta").write_bytes(b"meta")
    (bundle / "pagefind.js").write_text("//", encoding="utf-8")
    pagefind.check_bundle(bundle, 3)  # whole
    if breakage == "no entry":
        (bundle / "pagefind-entry.json").unlink()
    elif breakage == "empty entry":
        (bundle / "pagefind-entry.json").write_text("", encoding="utf-8")
    elif breakage == "no meta":
        (bundle / "pagefind.abc.pf_meta").unlink()
    elif breakage == "no script":
        (bundle / "pagefind.js").unlink()
    with pytest.raises(Abort, match="must not be published with a broken search"):
        pagefind.check_bundle(bundle, 4 if breakage == "fewer pages" else 3)


@pytest.mark.unit
def test_bundle_paths_stay_inside_the_bundle(tmp_path):
    with pytest.raises(RuntimeError, match="unexpected file path"):
        pagefind.write_bundle(tmp_path, [{"path": "../escape.js", "content": ""}])
    pagefind.write_bundle(tmp_path, [{"path": "fragment/a.pf_fragment", "content": "aGk="}])
    assert (tmp_path / "fragment" / "a.pf_fragment").read_bytes() == b"hi"
