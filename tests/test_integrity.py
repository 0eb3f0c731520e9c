"""Nothing lost, nothing leaked: every case file reaches the site, the browse table and the open
data; two builds of one commit are the same bytes; every internal link and anchor resolves.

Expectations come from the case files at test time (macros.validate reads them).
"""
from __future__ import annotations

import csv
import datetime
import gzip
import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from macros.render.escape import e
from macros.validate import CASES_DIR, validate

from conftest import ROOT, run_mkdocs

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
LOCAL = "http://site.invalid/"  # where a built page is imagined to be, to resolve its links


# Case files ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def case_files() -> list[dict]:
    report = validate()
    assert not report.problems, report.problems
    found = [{"id": p.meta["id"], "year": p.meta["year"], "title": p.meta["title"],
              "url": f"cases/{p.meta['year']}/{p.meta['id']}/"} for p in report.parsed]
    assert len(found) == len(list(CASES_DIR.rglob("*.md"))) > 0
    return found


def test_every_case_file_has_its_page(built_site, case_files):
    for case in case_files:
        page = built_site / case["url"] / "index.html"
        assert page.is_file(), f"{case['url']} was not built"
        assert f"<h1>{e(case['title'])}</h1>" in page.read_text(encoding="utf-8")
    built = {p.parent.relative_to(built_site).as_posix() + "/" for p in (built_site / "cases").rglob("index.html")}
    assert built == {c["url"] for c in case_files}, "case pages without a case file, or the reverse"


def test_every_case_file_is_in_the_browse_table(built_site, case_files):
    """The browse page and its following pages (browse/page/N/, for visitors without JavaScript)
    list every case once; browse/rows.json, the rows browse.js shows, has every case once too."""
    links = []
    for page in [built_site / "browse" / "index.html", *sorted((built_site / "browse" / "page").glob("*/index.html"))]:
        here = LOCAL + page.parent.relative_to(built_site).as_posix() + "/"
        links += [urljoin(here, href)[len(LOCAL):] for href in parsed_page(page).table_links]
    # One title link per row (the mark of an inferred value links to its reason: a #fragment).
    rows = [link for link in links if link.startswith("cases/") and "#" not in link]
    for case in case_files:
        count = rows.count(case["url"])
        assert count == 1, f"{case['url']} appears {count} times in the browse table"
    assert len(set(rows)) == len(case_files)
    data = json.loads((built_site / "browse" / "rows.json").read_text(encoding="utf-8"))
    keys = data["columns"]["key"]
    assert sorted(keys) == sorted(f"{c['year']}/{c['id']}" for c in case_files)


def test_every_case_file_is_in_the_exports(built_site, case_files):
    records = json.loads((built_site / "cases.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in records) == sorted(c["id"] for c in case_files)
    by_id = {r["id"]: r for r in records}
    for case in case_files:
        assert by_id[case["id"]]["title"] == case["title"]
        assert by_id[case["id"]]["url"] == "/" + case["url"]
    rows = list(csv.DictReader(io.StringIO((built_site / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == sorted(c["id"] for c in case_files)
    assert {r["id"]: r["title"] for r in rows} == {c["id"]: c["title"] for c in case_files}


# Reproducible builds ------------------------------------------------------------------------------
# The second build runs with the clock three days ahead: whatever the build reads from the clock
# shows up as a difference (mkdocs dates pages with the build day unless SOURCE_DATE_EPOCH is set;
# macros/plugin.py sets it to the last commit's time).
LATER_CLOCK = """
import datetime, sys
import mkdocs.utils
class Later(datetime.datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.datetime.now(tz) + datetime.timedelta(days=3)
mkdocs.utils.datetime = Later
from mkdocs.__main__ import cli
sys.argv[0] = "mkdocs"
cli()
"""
# Pagefind writes its filter indexes (and so their hashed names, the metadata file that lists them
# and pagefind-entry.json) in hash-map order, which changes from run to run: an upstream limitation
# (https://github.com/Pagefind/pagefind/issues/638: fragments are stable since 1.3, "other files
# will still change, such as the filter/metadata indexes"). Those files are compared for the same
# content in any order instead.
UNORDERED = ("pagefind/filter/", "pagefind/pagefind.", "pagefind/pagefind-entry.json")


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}


def _unordered_content(path: Path) -> bytes:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return bytes(sorted(data))


@pytest.mark.site
def test_two_builds_of_one_commit_are_identical(tmp_path):
    # Both builds here, one right after the other (the session's built_site may be minutes old
    # while the working tree is being edited).
    first_out, out = tmp_path / "first", tmp_path / "again"
    result = run_mkdocs(ROOT, first_out, "--strict")
    assert result.returncode == 0, result.stderr
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-c", LATER_CLOCK, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    first, second = _files(first_out), _files(out)
    exact = lambda names: sorted(n for n in names if not n.startswith(UNORDERED))  # noqa: E731
    assert exact(first) == exact(second), "the two builds wrote different files"
    different = [name for name in exact(first) if first[name].read_bytes() != second[name].read_bytes()]
    assert different == [], f"these files differ between two builds of the same commit: {different[:20]}"
    for prefix in UNORDERED:
        ours = sorted(_unordered_content(p) for n, p in first.items()
                      if n.startswith(prefix) and not n.endswith(".json"))
        theirs = sorted(_unordered_content(p) for n, p in second.items()
                        if n.startswith(prefix) and not n.endswith(".json"))
        assert len(ours) == len(theirs), prefix
        if prefix == "pagefind/filter/":
            assert ours == theirs, "Pagefind's filter indexes hold different values in the two builds"


def test_sitemap_dates_come_from_the_commit_not_the_clock(built_site):
    commit = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True)
    if commit.returncode != 0 or not commit.stdout.strip() or "SOURCE_DATE_EPOCH" in os.environ:
        pytest.skip("not a git checkout, or SOURCE_DATE_EPOCH set by the caller")
    day = datetime.datetime.fromtimestamp(int(commit.stdout), datetime.UTC).strftime("%Y-%m-%d")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", (built_site / "sitemap.xml").read_text(encoding="utf-8")))
    assert dates == {day}


# Links and anchors --------------------------------------------------------------------------------
class LinkParser(HTMLParser):
    """ids (and a[name]) of a page, its links (a, link, script, img, source, form), and the links
    inside the first table (the browse table's rows)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []  # (tag, url)
        self.table_links: list[str] = []
        self._table_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.ids.add(attrs["name"])
        if tag == "table":
            self._table_depth += 1
        for name in ("href", "src", "action"):
            if attrs.get(name) is not None and tag in ("a", "link", "script", "img", "source", "form", "iframe"):
                self.links.append((tag, attrs[name]))
                if tag == "a" and name == "href" and self._table_depth:
                    self.table_links.append(attrs[name])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "table":
            self._table_depth -= 1


@cache
def parsed_page(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    candidate = site / path.lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


def broken_links(site: Path) -> list[str]:
    """Every internal href/src (and #fragment) of every HTML page in `site` that does not resolve.
    Links to site_url are internal too; other http(s) hosts and mailto: are not checked."""
    site_path = urlsplit(SITE_URL).path  # /psea-kb/: absolute links of the 404 page start with it
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        here = LOCAL + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for tag, href in parsed_page(page).links:
            if href.startswith(SITE_URL):
                href = "/" + href[len(SITE_URL):]
            elif href.startswith(site_path) and site_path != "/":
                href = "/" + href[len(site_path):]
            url = urljoin(here, href)
            parts = urlsplit(url)
            if parts.scheme in ("mailto", "tel") or (parts.scheme in ("http", "https") and not url.startswith(LOCAL)):
                continue
            if parts.scheme not in ("http", "https"):
                problems.append(f"{rel}: <{tag}> {href!r}: not a link to a page")
                continue
            target = target_file(site, url)
            if not target.is_file():
                problems.append(f"{rel}: <{tag}> {href!r}: {target.relative_to(site).as_posix()} does not exist")
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.suffix == ".html" and fragment not in parsed_page(target).ids:
                problems.append(f"{rel}: <{tag}> {href!r}: no id {fragment!r} in {target.relative_to(site).as_posix()}")
    return problems


def test_every_internal_link_and_anchor_resolves(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 50
    problems = broken_links(built_site)
    assert problems == [], "\n".join(problems[:50])


def test_the_link_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing Thai anchor (percent-encoded) and a missing
    asset are found; a present Thai anchor and external links are not."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="ผลลัพธ์">x</h2>', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="a/#%E0%B8%9C%E0%B8%A5%E0%B8%A5%E0%B8%B1%E0%B8%9E%E0%B8%98%E0%B9%8C">ok</a>'
        '<a href="a/#ผลลัพธ์">ok</a><a href="https://example.org/x">external</a><a href="mailto:x@example.org">m</a>'
        f'<a href="{SITE_URL}a/">own site</a>'
        '<a href="b/">missing page</a><a href="a/#%E0%B8%9C%E0%B8%A5">missing anchor</a>'
        '<img src="missing.png"><a href="#nowhere">self</a><a href="javascript:alert(1)">js</a>', encoding="utf-8")
    problems = broken_links(tmp_path)
    assert len(problems) == 5, problems
    assert any("b/index.html does not exist" in p for p in problems)
    assert any("no id 'ผล'" in p for p in problems)
    assert any("missing.png" in p for p in problems)
    assert any("no id 'nowhere'" in p for p in problems)
    assert any("javascript:" in p for p in problems)
