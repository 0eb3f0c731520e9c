"""The validator: a deliberately broken corpus with its exact expected messages (Thai, and English with
--lang en), the real content, files the site would miss, and what a reader cannot see."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from macros import schema
from macros.validate import CASES_DIR, validate, validate_file

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
DATA = ROOT / "data"
VALID_FIXTURES = ("good-full-case", "good-summary", "later-case", "old-pmqa-case", "bom-crlf")
GOOD = (BROKEN / "cases" / "2567" / "good-summary.md").read_text(encoding="utf-8")
THAI = re.compile("[\u0e00-\u0e7f]")


def run_validate(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args],
                          cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize("lang, golden", [("th", "expected.txt"), ("en", "expected.en.txt")])
def test_broken_corpus_reports_exactly_the_expected_problems(lang, golden):
    result = run_validate("--cases-dir", "cases", "--lang", lang, cwd=BROKEN)
    expected = (BROKEN / golden).read_text(encoding="utf-8").splitlines()
    assert result.stdout.splitlines() == expected
    assert result.returncode == 1
    files = len({line.split(":", 1)[0] for line in expected})
    count = (f"พบ {len(expected)} ปัญหาใน {files} ไฟล์" if lang == "th"
             else f"{len(expected)} problem(s) in {files} file(s)")
    assert count in result.stderr


def test_thai_messages_name_the_fix_and_match_the_english_ones():
    thai = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    english = (BROKEN / "expected.en.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[0] for line in thai] == [line.split(": ", 1)[0] for line in english]
    for line in thai:
        message = line.split(": ", 1)[1]
        assert THAI.search(message) and "แก้:" in message, line  # Thai, with the one fix
    for line in english:  # English words first (Thai appears only in quoted values and headings)
        assert re.match(r"[A-Za-z_.\[\]0-9]+ ", line.split(": ", 1)[1]), line


def test_every_broken_fixture_is_reported_and_valid_ones_are_not():
    output = (BROKEN / "expected.txt").read_text(encoding="utf-8")
    for path in (BROKEN / "cases").rglob("*.md"):
        reported = f"{path.relative_to(BROKEN).as_posix()}:" in output
        assert reported != (path.stem in VALID_FIXTURES), path


def test_bom_and_crlf_files_keep_their_line_numbers():
    raw = (BROKEN / "cases" / "2567" / "bom-crlf-error.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    line = next(i for i, text in enumerate(raw.decode("utf-8-sig").split("\r\n"), 1) if text.startswith("province:"))
    assert f"cases/2567/bom-crlf-error.md:{line}: province" in (BROKEN / "expected.txt").read_text(encoding="utf-8")


def test_a_common_era_year_gets_one_fix_wherever_it_is(tmp_path):
    for folder in ("2024", "2567"):
        cases = tmp_path / folder / "cases"
        path = cases / folder / "x.md"
        path.parent.mkdir(parents=True)
        path.write_text(GOOD.replace("id: good-summary", "id: x").replace("year: 2567", "year: 2024"), encoding="utf-8")
        problems = validate(cases_dir=cases, data_dir=DATA).problems
        assert [(p.line, p.en) for p in problems] == [
            (5, "year must be a Buddhist-era year such as 2567, got 2024 (a Common-era year): add 543, "
                "write 2567 and keep the file in content/cases/2567/")]


def test_one_file_is_checked_against_the_whole_corpus(tmp_path):
    real = sorted(CASES_DIR.rglob("*.md"))[0]
    assert run_validate(str(real)).returncode == 0
    copy = tmp_path / str(int(real.parent.name) + 1) / real.name
    copy.parent.mkdir()
    shutil.copy(real, copy)
    result = run_validate("--lang", "en", str(copy))
    assert result.returncode == 1
    rel = real.relative_to(ROOT).as_posix()
    assert f"id {real.stem!r} is used by more than one case ({copy}, {rel}); ids must be unique" in result.stdout
    problems = validate_file(copy)  # the public function other tools call
    assert any(p.en.startswith(f"id {real.stem!r} is used by more than one case") for p in problems)


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "content" / "cases").mkdir(parents=True, exist_ok=True)
    return tmp_path / "content" / "cases"


def test_case_files_the_site_would_miss_are_errors_naming_the_right_place(tmp_path):
    case = GOOD.replace("id: good-summary", "id: x").replace("year: 2567", "year: 2568")
    cases = _project(tmp_path, {
        "content/2568/x.md": case,
        "cases/y.md": case.replace("id: x", "id: y"),
        "content/cases/z.md": case.replace("id: x", "id: z"),
        "content/about.md": "---\ntitle: เกี่ยวกับ\nhide: [toc]\n---\n\nหน้าอื่นที่ไม่ใช่กรณีศึกษา\n",
        "node_modules/pkg/readme.md": case,
    })
    problems = validate(cases_dir=cases, data_dir=DATA).problems
    found = {(Path(p.path).relative_to(tmp_path).as_posix(), p.line, p.message) for p in problems}
    assert found == {
        ("cases/y.md", 1, "ไฟล์นี้เป็นกรณีศึกษา แต่อยู่นอกโฟลเดอร์ content/cases/<ปี พ.ศ.>/ จึงไม่ถูกตรวจและไม่ขึ้นบนเว็บไซต์ — "
                          "แก้: ย้ายไฟล์ไปไว้ที่ content/cases/2568/y.md"),
        ("content/2568/x.md", 1, "ไฟล์นี้เป็นกรณีศึกษา แต่อยู่นอกโฟลเดอร์ content/cases/<ปี พ.ศ.>/ จึงไม่ถูกตรวจและไม่ขึ้นบนเว็บไซต์ "
                                 "— แก้: ย้ายไฟล์ไปไว้ที่ content/cases/2568/x.md"),
        ("content/cases/z.md", 5, "กรณีศึกษาปี 2568 ต้องอยู่ในโฟลเดอร์ content/cases/2568/ แต่ไฟล์นี้อยู่ในโฟลเดอร์ "
                                  "'cases' — แก้: ย้ายไฟล์ไปไว้ที่ content/cases/2568/z.md"),
    }
    # Named on the command line, a misplaced file is reported too.
    result = run_validate("--cases-dir", str(cases), "--lang", "en", "content/2568/x.md", cwd=tmp_path)
    assert result.returncode == 1
    assert ("content/2568/x.md:1: this file is a case, "
            "but it is outside content/cases/<Buddhist-era year>/") in result.stdout


def test_an_id_used_in_two_years_is_an_error_in_both_files(tmp_path):
    case = GOOD.replace("id: good-summary", "id: x")
    cases = _project(tmp_path, {"content/cases/2567/x.md": case,
                                "content/cases/2568/x.md": case.replace("year: 2567", "year: 2568")})
    problems = validate(cases_dir=cases, data_dir=DATA).problems
    assert [(Path(p.path).parent.name, p.line, p.en) for p in problems] == [
        (year, 2, "id 'x' is used by more than one case (content/cases/2567/x.md, content/cases/2568/x.md); "
                  "ids must be unique") for year in ("2567", "2568")]


INVISIBLE = {"\u200b": "U+200B ZERO WIDTH SPACE", "\u200d": "U+200D ZERO WIDTH JOINER",
             "\u202e": "U+202E RIGHT-TO-LEFT OVERRIDE", "\u2066": "U+2066 LEFT-TO-RIGHT ISOLATE",
             "\u0085": "U+0085 NEXT LINE (NEL)", "\ufeff": "U+FEFF ZERO WIDTH NO-BREAK SPACE",
             "\x9b": "U+009B CONTROL CHARACTER", "\x07": "U+0007 CONTROL CHARACTER"}


@pytest.mark.parametrize("char", list(INVISIBLE))
@pytest.mark.parametrize("field", ["title", "province", "agency.name", "sources[0].locator"])
def test_invisible_characters_are_refused_in_any_field_with_their_column(tmp_path, char, field):
    text = (GOOD.replace("id: good-summary", "id: x").replace("agency: {name: กรมตัวอย่าง, type: department}",
                                                             "agency:\n  name: กรมตัวอย่าง\n  type: department")
            .replace("  - {document: 001_3702f4d108c3183e.txt, locator: ตัวอย่าง}",
                     "  - document: 001_3702f4d108c3183e.txt\n    locator: ตัวอย่าง"))
    line_start = {"title": "title: ", "province": "province: ", "agency.name": "  name: ",
                  "sources[0].locator": "    locator: "}[field]
    lines = text.split("\n")
    number = next(i for i, raw in enumerate(lines) if raw.startswith(line_start))
    column = len(line_start) + 3
    lines[number] = lines[number][:column - 1] + char + lines[number][column - 1:]
    path = tmp_path / "cases" / "2567" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes("\n".join(lines).encode("utf-8"))
    problems = validate([path], cases_dir=tmp_path / "cases", data_dir=DATA).problems
    name = field.split(".")[-1].split("[")[0]
    assert (number + 1, f"{name} มีอักขระที่มองไม่เห็น {INVISIBLE[char]} ที่คอลัมน์ {column} — แก้: ลบอักขระนี้ออก "
                        "(มักติดมาเมื่อคัดลอกจากเว็บหรือเอกสาร)") in [(p.line, p.message) for p in problems]
    assert all(p.column == column for p in problems if p.line == number + 1)


def test_an_invisible_character_in_the_id_does_not_suggest_a_file_name_with_it(tmp_path):
    path = tmp_path / "cases" / "2567" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(GOOD.replace("id: good-summary", "id: x\u200b"), encoding="utf-8")
    problems = validate([path], cases_dir=tmp_path / "cases", data_dir=DATA).problems
    assert [p.en for p in problems] == ["id contains the invisible character U+200B ZERO WIDTH SPACE at column 6; "
                                        "delete it (it often comes with text copied from a web page or a document)"]


@pytest.mark.parametrize("metric, expected", [
    ("    value:\n", "metrics[0] needs `value`, or both `before` and `after`"),
    ("    value: ''\n", "metrics[0].value must be a plain number such as 1234.5 (no thousands separators, no units: "
                        "put the unit in `unit`), got text ''"),
    ("    value: ประมาณ 40\n", "metrics[0].value must be a plain number such as 1234.5 (no thousands separators, "
                               "no units: put the unit in `unit`), got text 'ประมาณ 40'"),
    ("    value: 40\n    before:\n", None),
])
def test_empty_or_non_numeric_metric_values_are_refused(tmp_path, metric, expected):
    text = GOOD.replace("id: good-summary", "id: x").replace(
        "province: ทั่วประเทศ\n", "province: ทั่วประเทศ\nmetrics:\n  - label: ผู้รับบริการ\n" + metric + "    unit: ราย\n")
    path = tmp_path / "cases" / "2567" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    problems = validate([path], cases_dir=tmp_path / "cases", data_dir=DATA).problems
    assert [(p.line, p.en) for p in problems] == ([] if expected is None else [(11, expected)])


def test_a_title_has_a_length_limit_stated_in_the_message(tmp_path):
    limit = schema.field_named("title").max_chars
    path = tmp_path / "cases" / "2567" / "x.md"
    path.parent.mkdir(parents=True)
    for length, expected in ((limit, []), (limit + 1, [
            f"title ยาวได้ไม่เกิน {limit} ตัวอักษร พบ {limit + 1} ตัวอักษร — แก้: ย่อให้สั้นลง แล้วย้ายรายละเอียดไปไว้ในเนื้อหา"])):
        path.write_text(GOOD.replace("id: good-summary", "id: x").replace(
            "title: รางวัลบริการภาครัฐ – หน่วยงานตัวอย่าง", "title: " + "ก" * length), encoding="utf-8")
        assert [p.message for p in validate([path], cases_dir=tmp_path / "cases", data_dir=DATA).problems] == expected


def test_github_annotations_carry_both_languages_and_the_summary_lists_every_problem(tmp_path):
    summary = tmp_path / "summary.md"
    result = run_validate("--cases-dir", "cases", "--format", "github", "--summary", str(summary), cwd=BROKEN)
    thai = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    english = (BROKEN / "expected.en.txt").read_text(encoding="utf-8").splitlines()
    lines = result.stdout.splitlines()
    assert len(lines) == len(thai) > 10  # more than GitHub shows per step: hence the summary
    first_th, first_en = thai[0].split(": ", 1)[1], english[0].split(": ", 1)[1]
    assert lines[0] == f"::error file=2568/misplaced.md,line=1::{first_th}%0A%0A{first_en}"
    assert any(",col=" in line for line in lines)
    table = summary.read_text(encoding="utf-8")
    assert table.startswith(f"### ❌ พบ {len(thai)} ปัญหาใน ")
    for th, en in zip(thai, english, strict=True):
        assert th.split(": ", 1)[1].replace("|", "\\|") in table and en.split(": ", 1)[1].replace("|", "\\|") in table


def test_the_real_content_and_award_data_are_valid():
    report = validate()
    assert [str(p) for p in report.problems] == []
    assert len(report.parsed) == len(list(CASES_DIR.rglob("*.md"))) > 0
    result = run_validate()
    assert result.returncode == 0 and result.stdout == ""
    assert "ไม่พบปัญหา" in result.stderr


def test_the_messages_contributing_quotes_are_the_validators(tmp_path):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("<!-- psea:messages")[1].split("<!-- /psea:messages -->")[0]
    examples = re.findall(r"^\s*- .*: `([^`]+)`$", section, re.M)
    assert len(examples) >= 12
    said = (BROKEN / "expected.txt").read_text(encoding="utf-8")
    path = tmp_path / "cases" / "2567" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_text(GOOD.replace("id: good-summary", "id: x").replace(
        "title: รางวัลบริการภาครัฐ – หน่วยงานตัวอย่าง", "title: เติมข้อมูล"), encoding="utf-8")
    said += "\n".join(p.message for p in validate([path], cases_dir=tmp_path / "cases", data_dir=DATA).problems)
    for example in examples:
        assert example in said, example
