"""A build never publishes a broken Thai search index: the bundle it writes is whole, and an empty
or partial one, or one built without the ICU word breaker, fails the build loudly
(macros/search/pagefind.py: write_bundle, check_bundle; macros/search/thai.py: require_word_breaker)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort

from macros.search import pagefind
from macros.search.policy import BUNDLE_DIR

from conftest import ROOT, make_project

VALID = (ROOT / "tests" / "fixtures" / "broken" / "cases" / "2567" / "good-full-case.md").read_text(encoding="utf-8")

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
@pytest.mark.parametrize("breakage", ["no entry", "empty entry", "fewer pages", "no meta", "no script", "no pages"])
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
    elif breakage == "no pages":
        entry["languages"]["unknown"]["page_count"] = 0
        (bundle / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    with pytest.raises(Abort, match="must not be published with a broken search"):
        pagefind.check_bundle(bundle, {"fewer pages": 4, "no pages": 0}.get(breakage, 3))


@pytest.mark.unit
def test_bundle_paths_stay_inside_the_bundle(tmp_path):
    with pytest.raises(RuntimeError, match="unexpected file path"):
        pagefind.write_bundle(tmp_path, [{"path": "../escape.js", "content": ""}])
    pagefind.write_bundle(tmp_path, [{"path": "fragment/a.pf_fragment", "content": "aGk="}])
    assert (tmp_path / "fragment" / "a.pf_fragment").read_bytes() == b"hi"


def build_with(project, out, patch: str, strict: bool = True, **env):
    """mkdocs build in a fresh interpreter, after `patch` (Python) has run in it."""
    code = (f"import sys\n{patch}\nfrom mkdocs.__main__ import cli\n"
            f"sys.argv = ['mkdocs', 'build', {'--strict' if strict else '--clean'!r}, "
            f"'-f', {str(project / 'mkdocs.yml')!r}, '-d', {str(out)!r}]\n"
            "cli()\n")
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **env))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("index"), {"2567/good-full-case.md": VALID})


@pytest.mark.site
def test_a_build_whose_index_comes_out_empty_fails(project, tmp_path):
    # The index helper finishes, but its entry file is empty (as seen once on a loaded machine).
    patch = ("from macros.search import pagefind\n"
             "finish = pagefind.BackgroundIndex.finish\n"
             "def empty(self):\n"
             "    summary = finish(self)\n"
             "    (self.output / 'pagefind-entry.json').write_text('', encoding='utf-8')\n"
             "    return summary\n"
             "pagefind.BackgroundIndex.finish = empty\n")
    result = build_with(project, tmp_path / "site", patch)
    assert result.returncode != 0
    output = result.stdout + result.stderr  # mkdocs prints an Abort's message on stdout
    assert "Search index:" in output and "pagefind-entry.json is missing or unreadable" in output, output


@pytest.mark.site
def test_a_build_without_the_thai_word_breaker_fails_unless_asked_for_a_preview(project, tmp_path):
    no_icu = ("import ctypes.util\n"
              "find = ctypes.util.find_library\n"
              "ctypes.util.find_library = lambda name: None if name == 'icuuc' else find(name)\n")
    result = build_with(project, tmp_path / "site", no_icu)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Thai search needs the ICU library (libicuuc)" in output and "ติดตั้ง libicu" in output, output
    # A preview (not --strict) may go on without ICU when asked, and says what it misses.
    preview = build_with(project, tmp_path / "preview", no_icu, strict=False, PSEA_SEARCH_WITHOUT_ICU="1")
    assert preview.returncode == 0, preview.stderr
    assert "Thai search: no usable ICU library" in preview.stderr
    assert (tmp_path / "preview" / BUNDLE_DIR / "pagefind-entry.json").is_file()


@pytest.mark.unit
def test_aborting_the_helper_stops_it_and_its_pagefind_service():
    helper = pagefind.BackgroundIndex()
    helper.add("/cases/2567/x/", "<h1>ผลงาน</h1><p>ข้อความ</p>")  # the helper starts its Pagefind service
    helper.abort()
    assert helper._process.returncode is not None and helper._process.returncode < 0  # killed, not finished
    with pytest.raises(ProcessLookupError):
        os.killpg(helper._process.pid, 0)  # no process of its group is left
