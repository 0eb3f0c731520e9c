"""A case page's related cases: capped lists, never the case itself, and a link to the full list."""
from __future__ import annotations

import copy
import re

from macros import casepage
from macros.structure.case import Case
from macros.structure.corpus import Corpus, plain
from macros.taxonomy import Taxonomy
from macros.validate import validate

REPORT = validate()
TAXONOMY: Taxonomy = REPORT.taxonomy
ORIGINAL = next(plain(p.meta) for p in REPORT.parsed if p.meta["id"] == "dsi-chain-share-investigation")


def _copies(count: int) -> list[Case]:
    cases = []
    for n in range(count):
        meta = copy.deepcopy(ORIGINAL)
        meta["id"], meta["title"] = f"copy-{n}", f"สำเนาทดสอบที่ {n}"
        meta.pop("builds_on", None)
        meta.pop("builds_on_unrecorded", None)
        cases.append(Case.from_meta(plain(meta), ""))
    return cases


def _section(html: str, heading: str) -> str:
    start = html.index(f"<h3>{heading}</h3>")
    end = html.find("<h3>", start + 1)
    return html[start:] if end < 0 else html[start:end]


def test_each_group_shows_five_others_and_links_to_all():
    cases = _copies(8)  # same agency, category and year
    corpus = Corpus(cases, TAXONOMY)
    here = corpus.cases[0]
    html = casepage.footer(corpus, here)
    for heading, more in (("ผลงานประเภทเดียวกันในปีเดียวกัน", "../../../awards/service/"),
                          ("ผลงานอื่นของหน่วยงานเดียวกัน", "../../../agencies/")):
        section = _section(html, heading)
        linked = re.findall(r'<li><a href="\.\./([^/"]+)/">', section)
        assert len(linked) == 5 and here.id not in linked and len(set(linked)) == 5
        assert re.search(rf'<a href="{re.escape(more)}[^"]*">ดูทั้งหมด 7 ผลงาน</a>', section), section


def test_a_small_group_is_listed_whole_without_a_more_link():
    corpus = Corpus(_copies(3), TAXONOMY)
    html = casepage.footer(corpus, corpus.cases[1])
    section = _section(html, "ผลงานประเภทเดียวกันในปีเดียวกัน")
    assert len(re.findall(r"<li><a ", section)) == 2 and "ดูทั้งหมด" not in section


def test_a_case_alone_has_no_related_section():
    corpus = Corpus(_copies(1), TAXONOMY)
    assert "psea-related" not in casepage.footer(corpus, corpus.cases[0])
