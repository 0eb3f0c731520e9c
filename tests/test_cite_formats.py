"""The pure parts behind citing and describing a case (issue 13), on hostile and edge-case input:
BibTeX that still parses when a title holds LaTeX's special characters, CSL-JSON that the CSL schema
accepts, Thai dates, descriptions cut to length, and a full case's section excerpts."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import bibtexparser
import jsonschema

from macros import citeformats, thaidate
from macros.casesections import excerpt, sections
from macros.render.describe import shorten
from macros.structure.case import Agency, Award, Case

ROOT = Path(__file__).resolve().parent.parent
CSL_SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
URL = "https://example.org/kb/cases/2567/x/"


def a_case(title: str, agency: str) -> Case:
    return Case(id="x", title=title, status="summary", year=2567, award=Award("service", "innovation", "awarded"),
                agency=Agency(agency, "department"), province="ทั่วประเทศ", body="", meta={})


def test_bibtex_of_a_title_with_latex_special_characters_parses_back_to_it():
    title = r"ระบบ {Smart} 100% & $0 #1 a_b ^ ~ \ ทดสอบ"
    agency = "กรม {ทดสอบ} & co"
    text = citeformats.bibtex(a_case(title, agency), URL, "คลังความรู้")
    entry = bibtexparser.loads(text).entries[0]
    assert entry["ID"] == "psea-2567-x" and entry["year"] == "2024" and entry["url"] == URL
    # The parser keeps LaTeX escapes; undoing them gives the title back exactly.
    unescaped = (entry["title"].strip("{}").replace(r"\textbackslash{}", "\\").replace(r"\^{}", "^")
                 .replace(r"\~{}", "~"))
    for char in "{}%&$#_":
        unescaped = unescaped.replace("\\" + char, char)
    assert unescaped == title


def test_csl_json_of_any_case_is_valid():
    data = json.loads(citeformats.csl_json(a_case('ชื่อ "มีเครื่องหมาย" </script>', "กรม"), URL, "คลัง"))
    jsonschema.validate(data, CSL_SCHEMA)
    assert data[0]["issued"] == {"date-parts": [[2024]]}


def test_thai_dates_use_thai_months_and_the_buddhist_era():
    epoch = int(datetime.datetime(2026, 11, 30, 23, 0, tzinfo=datetime.UTC).timestamp())
    assert thaidate.time_element(epoch) == '<time datetime="2026-11-30">30 พฤศจิกายน 2569</time>'
    assert thaidate.time_element(None, "ไม่ทราบ") == "ไม่ทราบ"


def test_descriptions_are_cut_with_an_ellipsis_and_never_over_the_limit():
    assert shorten("  สั้น\nมาก  ") == "สั้น มาก"
    long = "ก" * 500
    cut = shorten(long, 100)
    assert len(cut) <= 100 and cut.endswith("…")
    words = " ".join(["คำ"] * 100)
    assert shorten(words, 50).endswith("คำ…")  # at a space when one is near


def test_a_section_excerpt_is_its_first_paragraph_or_its_first_list_items():
    body = ("## ความเป็นมาและปัญหา\n\n| ตาราง | ข้าม |\n|---|---|\n\nย่อหน้า **แรก** มี [ลิงก์](x) ด้วย\n\nย่อหน้าที่สอง\n\n"
            "## ผลลัพธ์\n\n- ข้อ 1\n- ข้อ 2\n- ข้อ 3\n- ข้อ 4\n\n## ว่าง\n")
    parts = sections(body)
    assert list(parts) == ["ความเป็นมาและปัญหา", "ผลลัพธ์", "ว่าง"]
    assert excerpt(parts["ความเป็นมาและปัญหา"]) == ("ย่อหน้า แรก มี ลิงก์ ด้วย",)
    assert excerpt(parts["ผลลัพธ์"]) == ("ข้อ 1", "ข้อ 2", "ข้อ 3")
    assert excerpt(parts["ว่าง"]) == ()
