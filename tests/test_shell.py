"""Pages rendered from a shell (macros/shell.py) are the pages the theme renders whole."""
from __future__ import annotations

import re

from macros import shell

from conftest import ROOT, run_mkdocs


def _normalised(html: str) -> str:
    # The shells' markup has its whitespace collapsed; nothing else may differ.
    return re.sub(r"\s+", " ", html).strip()


def test_every_page_from_a_shell_equals_the_page_rendered_whole(built_site, tmp_path, monkeypatch):
    monkeypatch.setenv("PSEA_SHELL", "0")
    whole = tmp_path / "whole"
    result = run_mkdocs(ROOT, whole, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sorted(p.relative_to(whole) for p in whole.rglob("*.html") if "pagefind" not in p.parts)
    assert pages == sorted(p.relative_to(built_site) for p in built_site.rglob("*.html") if "pagefind" not in p.parts)
    assert len([p for p in pages if p.parts[0] == "cases"]) > 50
    differing = [str(p) for p in pages
                 if _normalised((whole / p).read_text(encoding="utf-8"))
                 != _normalised((built_site / p).read_text(encoding="utf-8"))]
    assert differing == []
    # ...and the shells did their work: a case page is smaller than the same page rendered whole.
    case = next(p for p in pages if p.parts[0] == "cases")
    assert (built_site / case).stat().st_size < (whole / case).stat().st_size - 2000


def test_whitespace_is_collapsed_outside_pre_script_style_and_textarea():
    html = ("<div>\n    <span> a </span>\n\n  </div><pre>  keep\n   this </pre>"
            "<script>var  x =\n  1;</script><textarea> t  t </textarea><STYLE>a  { }</STYLE>  <p>  b</p>")
    assert shell.collapse_whitespace(html) == (
        "<div>\n<span> a </span>\n</div><pre>  keep\n   this </pre>"
        "<script>var  x =\n  1;</script><textarea> t  t </textarea><STYLE>a  { }</STYLE> <p> b</p>")


def test_a_shell_whose_token_a_filter_changed_is_refused():
    expected = {shell.TITLE, shell.CONTENT}
    clean = shell.Shell.clean(f"<title>{shell.TITLE}</title><main>{shell.CONTENT}</main>", expected)
    filled = clean.fill({shell.TITLE: "ชื่อ", shell.CONTENT: "<p>เนื้อหา</p>"})
    assert filled == "<title>ชื่อ</title><main><p>เนื้อหา</p></main>"
    truncated = shell.TITLE[:3]  # e.g. `| truncate`: part of a token is left
    assert shell.Shell.clean(f"<title>{truncated}</title>{shell.CONTENT}", expected) is None
    assert shell.Shell.clean(f"<title>{shell.TITLE}</title>", {shell.CONTENT}) is None  # a token it does not know


def test_folder_key_is_the_folder_of_a_page_outside_the_navigation():
    from types import SimpleNamespace as Page

    nav = Page(pages=[Page(url=""), Page(url="years/"), Page(url="awards/service/")])
    known: dict = {}
    assert shell.folder_key(Page(url="cases/2567/a/"), nav, known) == "cases/2567/"
    assert shell.folder_key(Page(url="years/2567/"), nav, known) == "years/"
    assert shell.folder_key(Page(url="years/"), nav, known) is None         # in the navigation: active item
    assert shell.folder_key(Page(url="awards/"), nav, known) is None        # a navigation page lies below it
    assert shell.folder_key(Page(url=None), nav, known) is None
    assert shell.folder_key(Page(url="cases/2567/b/"), nav, known) == "cases/2567/"  # asked again: same answer
