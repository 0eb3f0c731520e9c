"""A build never publishes a broken Thai search index: an empty or partial pagefind-entry.json, or
an index built without the ICU word breaker, fails the build loudly (macros/search.py)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from mkdocs.exceptions import Abort

from conftest import ROOT, make_project
from macros import search

VALID = (ROOT / "tests" / "fixtures" / "broken" / "cases" / "2567" / "good-full-case.md").read_text(encoding="utf-8")


def build_with(project, out, patch: str, strict: bool = True, **env):
    """mkdocs build in a fresh interpreter, after `patch` (Python) has run in it."""
    code = (f"import sys\n{patch}\nfrom mkdocs.__main__ import cli\n"
            f"sys.argv = ['mkdocs', 'build', {'--strict' if strict else '--clean'!r}, '-f', {str(project / 'mkdocs.yml')!r}, '-d', {str(out)!r}]\n"
            "cli()\n")
    return subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                          env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", **env))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return make_project(tmp_path_factory.mktemp("index"), {"2567/good-full-case.md": VALID})


def test_a_whole_index_passes_and_a_broken_one_is_refused(project, tmp_path):
    out = tmp_path / "site"
    result = build_with(project, out, "")
    assert result.returncode == 0, result.stderr
    index = tmp_path / "index"
    shutil.copytree(out / search.BUNDLE_DIR, index)
    entry = json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = sum(info["page_count"] for info in entry["languages"].values())
    assert pages > 5
    search.check_index(index, pages)
    with pytest.raises(Abort, match=rf"lists {pages} page\(s\) of the {pages + 1} handed to Pagefind"):
        search.check_index(index, pages + 1)  # partial: a page handed over is not in the index
    meta = next(index.glob("pagefind.*.pf_meta"))
    meta.unlink()
    with pytest.raises(Abort, match=f"missing: {meta.name}"):
        search.check_index(index, pages)
    (index / "pagefind-entry.json").write_text("", encoding="utf-8")
    with pytest.raises(Abort, match="pagefind-entry.json is missing or unreadable"):
        search.check_index(index, pages)


def test_a_build_whose_index_comes_out_empty_fails(project, tmp_path):
    # The index helper finishes, but its entry file is empty (as seen once on a loaded machine).
    patch = ("from macros import search\n"
             "finish = search.BackgroundIndex.finish\n"
             "def empty(self):\n"
             "    summary = finish(self)\n"
             "    (self.output / 'pagefind-entry.json').write_text('', encoding='utf-8')\n"
             "    return summary\n"
             "search.BackgroundIndex.finish = empty\n")
    result = build_with(project, tmp_path / "site", patch)
    assert result.returncode != 0
    output = result.stdout + result.stderr  # mkdocs prints an Abort's message on stdout
    assert "Search index:" in output and "pagefind-entry.json is missing or unreadable" in output, output


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
    assert (tmp_path / "preview" / search.BUNDLE_DIR / "pagefind-entry.json").is_file()
