"""data/awards.yaml: integrity of the award system as data, and that broken data is caught."""
from __future__ import annotations

import shutil

import pytest
import yaml

from macros.taxonomy import DATA_DIR, Taxonomy, check

TAX = Taxonomy.load()


def test_the_award_data_has_no_integrity_problems():
    assert list(check(TAX)) == []


def test_rubrics_add_up_and_have_their_questions():
    rubrics = {r["key"]: r for r in TAX.awards["rubrics"]}
    service, participation = rubrics["service-2564"], rubrics["participation-2564"]
    assert [d["points"] for d in service["dimensions"]] == [10, 20, 60, 10]
    assert [d["points"] for d in participation["dimensions"]] == [10, 40, 40, 10]
    assert sum(len(d["questions"]) for d in service["dimensions"]) == 10
    assert sum(len(d["questions"]) for d in participation["dimensions"]) == 13
    for rubric in rubrics.values():
        assert sum(d["points"] for d in rubric["dimensions"]) == rubric["total"] == 100


def test_pmqa_points_add_up():
    pmqa = TAX.awards["pmqa"]
    assert sum(c["points"] for c in pmqa["categories"]) == pmqa["criteria"]["total_points"] == 1000
    rows = pmqa["scoring_table"]["rows"]
    assert sum(row[1] for row in rows if row[0] != "รวม") == rows[-1][1] == 1000


def test_every_referenced_key_exists():
    levels = set(TAX.levels)
    rubric_keys = {r["key"] for r in TAX.awards["rubrics"]}
    for key, branch in TAX.branches.items():
        assert set(branch["levels"]) <= levels, key
        for category in branch["categories"]:
            for edition in category["editions"]:
                assert edition.get("rubric") in rubric_keys | {None}
    for award_type in TAX.awards["award_types"]:
        assert award_type["branch"] in set(TAX.branches) | {None}
    ladder = [s["en"] for s in TAX.awards["participation_ladder"]]
    assert ladder == ["Inform", "Consult", "Involve", "Collaborate", "Empower"]


def test_categories_differ_between_years():
    service_2564 = set(TAX.choices("category", {"award": {"branch": "service"}, "year": 2564}))
    service_2567 = set(TAX.choices("category", {"award": {"branch": "service"}, "year": 2567}))
    assert "covid-19" in service_2564 - service_2567
    assert "driving-results" in service_2567 - service_2564


def test_every_item_has_labels_and_a_source():
    documents = set(TAX.document_by_file)
    for branch in TAX.branches.values():
        for category in branch["categories"]:
            assert category["th"] and category["en"]
            if not category.get("editorial"):
                for edition in category["editions"]:
                    assert edition["source"]["document"] in documents, (branch["key"], category["key"])


def broken_copy(tmp_path, edit) -> Taxonomy:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    awards = yaml.safe_load((data / "awards.yaml").read_text(encoding="utf-8"))
    edit(awards)
    (data / "awards.yaml").write_text(yaml.safe_dump(awards, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Taxonomy.load(data)


def _category(awards, branch, key):
    return next(c for b in awards["branches"] if b["key"] == branch for c in b["categories"] if c["key"] == key)


def _rubric(awards, key):
    return next(r for r in awards["rubrics"] if r["key"] == key)


@pytest.mark.parametrize("edit, message", [
    (lambda a: _rubric(a, "service-2564")["dimensions"][2].update(points=50),
     "rubric 'service-2564': dimension points add up to 90, but total says 100"),
    (lambda a: a["branches"][0]["levels"].append("gold"),
     "branch 'service' lists level 'gold', which is not defined under levels"),
    (lambda a: a["branches"][0]["categories"][0]["editions"][0].pop("source"),
     "category service/innovation edition [2564] needs a `source` with `document` and `locator`"),
    (lambda a: a["branches"][0]["categories"][0]["editions"][0].update(years=[2024]),
     "category service/innovation: edition year must be a Buddhist-era year such as 2567, got 2024"),
    (lambda a: a["pmqa"]["categories"][0].update(points=121),
     "pmqa: the 7 categories' points add up to 1001, but criteria.total_points says 1000"),
    (lambda a: a["branches"][0]["categories"][0]["editions"][0].update(rubric="nope"),
     "category service/innovation: rubric 'nope' is not defined under rubrics"),
    (lambda a: _category(a, "pmqa", "pmqa")["editions"][0]["years"].insert(0, 2557),
     "category pmqa/pmqa: edition years 2557 come before 2558, the year the category was introduced"),
    (lambda a: _category(a, "pmqa", "pmqa")["introduced"].pop("source"),
     "category pmqa/pmqa introduced needs a `source` with `document` and `locator`"),
])
def test_broken_award_data_is_reported(tmp_path, edit, message):
    problems = [m for _, _, m in check(broken_copy(tmp_path, edit))]
    assert any(m.startswith(message) for m in problems), problems


def test_the_pmqa_outstanding_level_starts_when_the_book_says_it_was_added():
    """The PMQA book says the outstanding level was added with the criteria revision of one year
    (002 lines 118-124); no outstanding edition may come before it (read from the text, not typed)."""
    import re

    text = (DATA_DIR.parent / "sources" / "002_b81c7b49609d6488.txt").read_text(encoding="utf-8")
    flat = re.sub(r"\s+", " ", text)
    added = re.search(r"ในปี พ\.ศ\. (\d{4}) เพื่อให้ส่วนราชการ[^“]*ได้เพิ่ม “รางวัลคุณภาพการบริหารจัดการภาครัฐ ระดับดีเด่น”", flat)
    assert added, "the sentence on the outstanding level's introduction is no longer in the source"
    first = int(added.group(1))
    category = TAX.category("pmqa", "pmqa")
    assert category["introduced"]["year"] == first
    assert min(TAX.category_years(category)) == first
    outstanding = [y for c in TAX.categories("pmqa").values() for edition in c["editions"]
                   if "ดีเด่น" in (edition.get("th") or "") for y in edition["years"]]
    assert outstanding and min(outstanding) >= first
