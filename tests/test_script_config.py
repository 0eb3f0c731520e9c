"""The constants the scripts take from the build (macros/scriptconfig.py): one JSON data block on
every built page, safe inside its <script> element, holding the Python constants themselves and a
base that leads from the page to the site's root. (The Content-Security-Policy lists no hash for it:
tests/test_security.py checks the hashes against the page's scripts that run.)"""
from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

from macros import scriptconfig
from macros.facets import SEARCH_FACETS
from macros.pages import browse
from macros.search import policy, thai


def test_script_config_is_safe_inside_a_script_element():
    hostile = {"x": "</script><script>alert(1)</script><!-- & \u2028 ไทย", "y": ["</SCRIPT >"]}
    text = str(scriptconfig.to_script_json(hostile))
    assert not re.search(r"[<>&]", text), text
    assert text.isascii()
    assert json.loads(text) == hostile


def test_script_config_comes_from_the_python_constants():
    config = json.loads(str(scriptconfig.config_json("../..")))
    assert config["base"] == "../.."
    marks = config["search"]["marks"]
    assert (marks["space"], marks["join"]) == (thai.SPACE.strip(), thai.JOIN.strip())
    assert re.fullmatch(f"[{marks['thai']}]+", "ภาษาไทย") and not re.search(f"[{marks['thai']}]", "Thai 2567")
    assert config["search"]["bundle"].rstrip("/") == policy.BUNDLE_DIR
    assert config["search"]["labels"] == policy.FACETS_FILE
    assert config["search"]["facets"] == list(SEARCH_FACETS)
    assert config["browse"]["pageSize"] == browse.PAGE_SIZE


class ConfigBlocks(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[dict, str]] = []
        self._in: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script" and dict(attrs).get("id") == scriptconfig.CONFIG_ID:
            self._in = dict(attrs)
            self.blocks.append((self._in, ""))

    def handle_data(self, data):
        if self._in is not None:
            self.blocks[-1] = (self._in, self.blocks[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in = None


def test_every_page_carries_one_config_block_leading_to_the_root(built_site: Path):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        rel = path.relative_to(built_site).as_posix()
        if rel.startswith(f"{policy.BUNDLE_DIR}/"):
            continue
        parser = ConfigBlocks()
        parser.feed(path.read_text(encoding="utf-8"))
        assert len(parser.blocks) == 1, f"{rel}: {len(parser.blocks)} #psea-config blocks"
        attrs, text = parser.blocks[0]
        assert attrs.get("type") == "application/json" and "src" not in attrs, rel
        config = json.loads(text)
        base = config.pop("base")
        expected = scriptconfig.script_config(base)
        expected.pop("base")
        assert config == expected, rel
        if base.startswith("/"):  # 404.html: a path from the host, as mkdocs writes for it
            assert rel == "404.html", rel
        else:  # from the page's folder to the site's root
            folder = posixpath.dirname(rel)
            assert posixpath.normpath(posixpath.join(folder, base)) == ".", (rel, base)
