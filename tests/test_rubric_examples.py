"""The rubric with worked examples (issue 13): every criteria page shows every dimension of its
rubric beside excerpts of full winning cases, each linking to the case section it comes from and
occurring there; /awards/ has a table of contents; branch and category pages link to their rubric.

Expectations come from data/awards.yaml and the case files, read here with PyYAML and
python-frontmatter; the excerpts are checked against the built case pages."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import frontmatter
import pytest
import yaml

from conftest import ROOT, html_text

AWARDS = yaml.safe_load((ROOT / "data" / "awards.yaml").read_text(encoding="utf-8"))
LOCAL = "http://site.invalid/"
EXAMPLES_ROW = re.compile(r'<tr class="psea-examples-row" data-dimension="([^"]+)">(.*?)</tr>', re.S)
EXAMPLE = re.compile(r'<li class="psea-example"><blockquote>(.*?)</blockquote>.*?<a href="([^"]+)" '
                     r'class="psea-example-link">', re.S)



def full_cases() -> list[dict]:
    cases = []
    for path in sorted((ROOT / "content" / "cases").rglob("*.md")):
        meta = frontmatter.load(path).metadata
        if meta.get("status") == "full":
            cases.append(meta)
    return cases


def section_text(built: str, anchor: str) -> str:
    """The text of a case page's section: from its <h2 id> to the next <h2>."""
    start = built.find(f'<h2 id="{anchor}">')
    assert start >= 0, anchor
    end = built.find("<h2", start + 10)
    return html_text(built[start:end if end > 0 else len(built)])


def criteria_pages(built_site: Path) -> list[Path]:
    return sorted(p for p in (built_site / "awards").glob("*/*/index.html"))


def test_every_dimension_has_examples_that_occur_in_the_linked_section(built_site):
    rubrics = {r["branch"]: r for r in AWARDS["rubrics"]}
    branches_with_full = {c["award"]["branch"] for c in full_cases()}
    checked_pages, checked_examples = 0, 0
    for page in criteria_pages(built_site):
        branch = page.parent.parent.name
        built = page.read_text(encoding="utf-8")
        rows = dict(EXAMPLES_ROW.findall(built))
        if branch in rubrics:
            dims = [d["key"] for d in rubrics[branch]["dimensions"]]
            assert list(rows) == dims, page  # every dimension, in the rubric's order
        elif branch == "pmqa":
            assert list(rows) == [f"pmqa-หมวด-{c['number']}" for c in AWARDS["pmqa"]["categories"]], page
        else:
            assert not rows, page
            continue
        checked_pages += 1
        rel = page.relative_to(built_site).as_posix()
        for dim, row in rows.items():
            examples = EXAMPLE.findall(row)
            if branch in rubrics and branch in branches_with_full:
                assert 2 <= len(examples) <= 3, (rel, dim)
            for quote, href in examples:
                url = urlsplit(urljoin(LOCAL + rel[: -len("index.html")], href))
                target = built_site / url.path.lstrip("/") / "index.html"
                assert url.path.startswith("/cases/") and target.is_file(), (rel, href)
                section = section_text(target.read_text(encoding="utf-8"), unquote(url.fragment))
                for part in re.findall(r"<p>(.*?)</p>", quote, re.S):
                    words = html_text(part).rstrip("…").strip()
                    assert words and words in section, (rel, dim, href, words[:60])
                checked_examples += 1
    assert checked_pages > 10 and checked_examples > 50


def test_examples_come_from_the_branch_with_outstanding_winners_first(built_site):
    by_url = {f"/cases/{c['year']}/{c['id']}/": c for c in full_cases()}
    page = built_site / "awards" / "service" / "innovation" / "index.html"
    built = page.read_text(encoding="utf-8")
    for _, row in EXAMPLES_ROW.findall(built):
        cases = [by_url[urlsplit(urljoin(LOCAL + "awards/service/innovation/", href)).path]
                 for _, href in EXAMPLE.findall(row)]
        assert all(c["award"]["branch"] == "service" for c in cases)
        levels = [c["award"]["level"] == "outstanding" for c in cases]
        assert levels == sorted(levels, reverse=True), levels  # outstanding ones first
        outstanding = [c for c in by_url.values() if c["award"]["branch"] == "service"
                       and c["award"]["level"] == "outstanding"]
        assert sum(levels) == min(len(outstanding), len(cases))


def test_the_overview_has_a_table_of_contents_of_its_sections(built_site):
    built = (built_site / "awards" / "index.html").read_text(encoding="utf-8")
    toc = re.search(r'<nav class="psea-page-toc"[^>]*>(.*?)</nav>', built, re.S)
    assert toc, "no table of contents on /awards/"
    targets = re.findall(r'<a href="#([^"]+)">', toc.group(1))
    headings = re.findall(r'<h2 id="([^"]+)"', built.split("</nav>", 1)[1] if "</nav>" in built else built)
    assert len(targets) >= 5
    assert set(targets) <= set(headings)
    for rubric in AWARDS["rubrics"]:
        assert f"เกณฑ์-{rubric['key']}" in targets


@pytest.mark.parametrize("branch", [b["key"] for b in AWARDS["branches"]])
def test_every_branch_and_category_page_links_to_its_rubric(built_site, branch):
    folder = built_site / "awards" / branch
    pages = [folder / "index.html", *sorted(folder.glob("*/index.html"))]
    for page in pages:
        built = page.read_text(encoding="utf-8")
        links = re.findall(r'<p class="psea-rubric-link">.*?href="([^"]+)"', built)
        assert links, page
        rel = page.relative_to(built_site).as_posix()
        url = urlsplit(urljoin(LOCAL + rel[: -len("index.html")], links[0]))
        target = built_site / url.path.lstrip("/") / "index.html" if url.path.strip("/") else page
        assert f'id="{unquote(url.fragment)}"' in target.read_text(encoding="utf-8"), (page, links[0])
