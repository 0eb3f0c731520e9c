"""scripts/issue_to_case.py on issue bodies in GitHub's format (`### <label>`, a blank line, the
answer or `_No response_`), built here from the committed issue form's labels: a complete and a
minimal proposal, Thai digits, CRLF, empty optionals, an invalid year, a taken id and hostile text.
Every file written must pass the project's validator; every refusal writes nothing and names the
answer's line in the body."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from macros import proposal, yamlines
from macros.taxonomy import Taxonomy
from macros.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "issue_to_case.py"
FORM = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "propose-case.yml").read_text(encoding="utf-8"))
TAX = Taxonomy.load()


def option(element_id: str, key: str) -> str:
    """The option text GitHub puts in the body for the dropdown option whose key is `key`."""
    element = next(e for e in FORM["body"] if e.get("id") == element_id)
    return next(o for o in element["attributes"]["options"] if o.split(" — ")[0] == key)


def body(answers: dict, newline: str = "\n") -> str:
    """An issue body as GitHub renders the form (written out here, independent of macros.issue_body)."""
    out = []
    for element in FORM["body"]:
        if element["type"] == "markdown":
            continue
        out.append(f"### {element['attributes']['label']}")
        out.append("")
        if element["type"] == "checkboxes":
            out += [f"- [X] {o['label']}" for o in element["attributes"]["options"]]
        else:
            out.append(answers.get(element.get("id"), "") or "_No response_")
        out.append("")
    return newline.join(out)


def service_category(year: int) -> str:
    return next(k for k, c in TAX.categories("service").items()
                if year in TAX.category_years(c) and k != "not-stated"
                and not (TAX.edition(c, year) or {}).get("builds_on"))


def complete(year: int = 2568) -> dict:
    return {
        "id": "nong-bua-queue", "title": "ระบบคิวออนไลน์ของเทศบาล", "title_en": "Online queue of the municipality",
        "year": str(year), "award-branch": option("award-branch", "service"),
        "award-category": option("award-category", service_category(year)),
        "award-level": option("award-level", "good"),
        "agency-name": "เทศบาลตำบลหนองบัว", "agency-name_en": "Nong Bua Subdistrict Municipality",
        "agency-type": option("agency-type", "local-government"), "agency-parent": "กรมส่งเสริมการปกครองท้องถิ่น",
        "province": "อุดรธานี", "pain_point": "ประชาชนรอคิวนาน", "solution": "จองคิวผ่านไลน์",
        "impact": "เวลารอลดลงครึ่งหนึ่ง",
        "metrics": "เวลารอเฉลี่ย | | นาที | 60 | 30 | ปีงบประมาณ 2567\nผู้ใช้บริการ | 1200 | คน",
        "sdgs": option("sdgs", "16"),
        "tags": f"{option('tags', 'e-service')}, {option('tags', 'work-process-reduction')}",
        "partners": "สำนักงานจังหวัดอุดรธานี\nชมรมผู้สูงอายุ",
        "recognition": "รางวัลองค์กรปกครองส่วนท้องถิ่นดีเด่น | 2566",
        "notes": "ตัวเลขจากประกาศผลรางวัล",
        "sources": "ประกาศผลรางวัลเลิศรัฐ ประจำปี พ.ศ. 2568 | https://www.opdc.go.th/content/example | หน้า 12",
    }


def minimal() -> dict:
    answers = complete()
    keep = {"title", "title_en", "year", "award-branch", "award-category", "award-level", "agency-name",
            "agency-type", "province", "sources"}
    return {k: v for k, v in answers.items() if k in keep}


def run(tmp_path: Path, text: str, cases: dict | None = None, stdin: bool = False):
    tmp_path.mkdir(parents=True, exist_ok=True)
    cases_dir = tmp_path / "cases"
    for rel, content in (cases or {}).items():
        (cases_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (cases_dir / rel).write_text(content, encoding="utf-8")
    cases_dir.mkdir(exist_ok=True)
    source = tmp_path / "issue.md"
    source.write_bytes(text.encode("utf-8"))
    args = [sys.executable, str(SCRIPT), "-" if stdin else str(source), "--cases-dir", str(cases_dir)]
    result = subprocess.run(args, input=text.encode("utf-8") if stdin else None, capture_output=True, cwd=tmp_path)
    return result.returncode, result.stdout.decode("utf-8"), result.stderr.decode("utf-8"), cases_dir


def written(cases_dir: Path) -> list[Path]:
    return sorted(cases_dir.rglob("*.md"))


def check_valid(path: Path, cases_dir: Path):
    report = validate([path], cases_dir=cases_dir)
    assert report.problems == [], [str(p) for p in report.problems]
    return report.parsed[0].meta


def test_a_complete_proposal_becomes_a_valid_case(tmp_path):
    answers = complete()
    code, out, err, cases_dir = run(tmp_path, body(answers))
    assert code == 0, out + err
    path = cases_dir / "2568" / "nong-bua-queue.md"
    assert out.strip() == str(path.relative_to(tmp_path)) and written(cases_dir) == [path]
    meta = check_valid(path, cases_dir)
    assert meta["title"] == answers["title"] and meta["year"] == 2568 and meta["status"] == "summary"
    assert meta["award"] == {"branch": "service", "category": service_category(2568), "level": "good"}
    assert meta["agency"]["type"] == "local-government" and meta["agency"]["parent"] == answers["agency-parent"]
    assert meta["metrics"] == [
        {"label": "เวลารอเฉลี่ย", "unit": "นาที", "before": 60, "after": 30, "note": "ปีงบประมาณ 2567"},
        {"label": "ผู้ใช้บริการ", "value": 1200, "unit": "คน"}]
    assert meta["tags"] == ["e-service", "work-process-reduction"] and meta["sdgs"] == [16]
    assert meta["partners"] == ["สำนักงานจังหวัดอุดรธานี", "ชมรมผู้สูงอายุ"]
    assert meta["recognition"] == [{"name": "รางวัลองค์กรปกครองส่วนท้องถิ่นดีเด่น", "year": 2566}]
    assert meta["sources"] == [{"title": "ประกาศผลรางวัลเลิศรัฐ ประจำปี พ.ศ. 2568",
                                "url": "https://www.opdc.go.th/content/example", "locator": "หน้า 12"}]
    # the same answers through the shared module give the same bytes
    assert path.read_text(encoding="utf-8") == proposal.build(answers, TAX).text


def test_a_minimal_proposal_gets_an_id_from_the_english_title(tmp_path):
    code, out, err, cases_dir = run(tmp_path, body(minimal()), stdin=True)
    assert code == 0, out + err
    path = cases_dir / "2568" / "online-queue-of-the-municipality.md"
    assert written(cases_dir) == [path]
    meta = check_valid(path, cases_dir)
    assert set(meta) == {"id", "title", "title_en", "status", "year", "award", "agency", "province", "sources"}


def test_thai_digits_and_crlf_give_the_same_file(tmp_path):
    answers = complete()
    thai = dict(answers, year="๒๕๖๘", metrics=answers["metrics"].translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")))
    thai["metrics"] = thai["metrics"].replace("ปีงบประมาณ ๒๕๖๗", "ปีงบประมาณ 2567")  # a note is text: kept as written
    results = []
    for i, (answers_, newline) in enumerate(((answers, "\n"), (thai, "\n"), (answers, "\r\n"), (thai, "\r\n"))):
        code, out, err, cases_dir = run(tmp_path / str(i), body(answers_, newline))
        assert code == 0, out + err
        results.append(written(cases_dir)[0].read_bytes())
    assert len(set(results)) == 1 and b"\r" not in results[0]


def test_empty_optionals_are_left_out(tmp_path):
    answers = dict(minimal(), **{"agency-name_en": "", "partners": "_No response_", "metrics": "\n\n"})
    code, out, err, cases_dir = run(tmp_path, body(answers))
    assert code == 0, out + err
    text = written(cases_dir)[0].read_text(encoding="utf-8")
    for name in ("name_en", "partners", "metrics", "No response", "pain_point"):
        assert name not in text


def answer_line(text: str, element_id: str) -> int:
    label = next(e for e in FORM["body"] if e.get("id") == element_id)["attributes"]["label"]
    return text.split("\n").index(f"### {label}") + 3


@pytest.mark.parametrize("year, expected", [("2024", "บวก 543 เป็น 2567"), ("2700", "ระหว่าง 2546 ถึง 2600"),
                                            ("สองพัน", "จำนวนเต็ม")])
def test_an_invalid_year_writes_nothing_and_names_the_answer(tmp_path, year, expected):
    text = body(dict(complete(), year=year))
    code, out, err, cases_dir = run(tmp_path, text)
    assert code == 1 and written(cases_dir) == []
    line = answer_line(text, "year")
    assert f"issue.md:{line}: คำตอบ «ปีที่ได้รับรางวัล (พุทธศักราช)»: " in out and expected in out, out
    assert "ไม่มีไฟล์ใดถูกเขียน" in err


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    answers = dict(complete(), id="Bad ID", title="", metrics="เวลา | 1,200 | นาที\nผู้ใช้ | | คน",
                   sources="ประกาศ | javascript:alert(1) | หน้า 1", **{"award-level": "gold — ทอง"})
    text = body(answers, "\r\n")
    code, out, err, cases_dir = run(tmp_path, text)
    assert code == 1 and written(cases_dir) == []
    lf = text.replace("\r\n", "\n")
    lines = out.strip().split("\n")
    expected = {"id": "อักษรอังกฤษตัวเล็ก", "title": "ต้องกรอก", "award-level": "ไม่ใช่ตัวเลือก",
                "metrics": "แถวที่ 2: ต้องมีค่าที่วัดได้", "sources": "https:// หรือ http://"}
    for element_id, words in expected.items():
        assert any(line.startswith(f"{tmp_path / 'issue.md'}:{answer_line(lf, element_id)}: คำตอบ") and words in line
                   for line in lines), (element_id, out)
    assert any("1,200" in line for line in lines)


def test_a_taken_id_gets_a_free_one_in_any_year(tmp_path):
    existing = body(complete(2567))
    first = run(tmp_path / "a", existing)
    assert first[0] == 0, first[1] + first[2]
    old = written(first[3])[0]
    assert old.parent.name == "2567"
    # the same id proposed for another year: the 2567 file stays, the new one is -2
    cases = {"2567/nong-bua-queue.md": old.read_text(encoding="utf-8")}
    code, out, err, cases_dir = run(tmp_path / "b", body(complete(2568)), cases)
    assert code == 0, out + err
    assert (cases_dir / "2568" / "nong-bua-queue-2.md").is_file()
    assert (cases_dir / "2567" / "nong-bua-queue.md").read_text(encoding="utf-8") == cases["2567/nong-bua-queue.md"]
    check_valid(cases_dir / "2568" / "nong-bua-queue-2.md", cases_dir)


HOSTILE = {
    "title": '<script>alert(1)</script>{{ config.repo_url }}{% include "x" %}" \\n\n---\nstatus: full',
    "title_en": "Evil <img src=x onerror=alert(1)> {{ 7*7 }}",
    "agency-name": "&lt;b&gt; [x](javascript:alert(1)) {: onclick=alert(1) } *bold* `code`",
    "pain_point": "line one\n\n## heading\n---\n<iframe src=//evil>",
    "partners": "{{ lipsum.__globals__ }}\n- item: x\n  &anchor *alias",
}


def test_hostile_answers_stay_exact_data(tmp_path):
    answers = dict(complete(), **HOSTILE)
    code, out, err, cases_dir = run(tmp_path, body(answers))
    assert code == 0, out + err
    path = written(cases_dir)[0]
    meta = check_valid(path, cases_dir)
    text = path.read_text(encoding="utf-8")
    assert text.count("\n---\n") == 1 and text.endswith("---\n")  # no body, no smuggled frontmatter
    assert meta["title"] == proposal.trim(HOSTILE["title"]).replace("\r\n", "\n")
    assert meta["title_en"] == HOSTILE["title_en"] and meta["agency"]["name"] == HOSTILE["agency-name"]
    assert meta["pain_point"] == HOSTILE["pain_point"]
    assert meta["status"] == "summary"
    assert meta["partners"] == ["{{ lipsum.__globals__ }}", "- item: x", "&anchor *alias"]


def test_invisible_characters_are_refused_naming_the_answer(tmp_path):
    """A reader cannot see them, so the validator refuses them (issue 12); the message names the answer."""
    text = body(dict(complete(), pain_point="ผู้ป่วยรอนาน\u2028\u0085\x7f"))
    code, out, err, cases_dir = run(tmp_path, text)
    assert code == 1 and written(cases_dir) == []
    line = answer_line(text, "pain_point")
    for name in ("U+2028 LINE SEPARATOR", "U+0085 NEXT LINE (NEL)", "U+007F"):
        assert f"{tmp_path / 'issue.md'}:{line}: คำตอบ «ปัญหา" in out and name in out, out


def test_quoted_scalars_read_back_exactly():
    rng = random.Random(11)
    alphabet = [chr(c) for c in (*range(0, 0x100), 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF, 0x0E01, 0x0E48,
                                 0x1F600, ord('"'), ord("\\"), ord("'"), ord("#"), ord(":"))]
    for _ in range(300):
        value = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert yamlines.load(f"key: {proposal.quote(value)}") == {"key": value}, repr(value)
        assert "\n" not in proposal.quote(value)


@pytest.mark.parametrize("source, problem", [
    ("  - locator: \"หน้า 1\"\n", "ต้องมี document"),
    ("  - title: \"ประกาศ\"\n    locator: \"หน้า 1\"\n", "ต้องมี document"),
    ("  - title: \"ประกาศ\"\n    url: \"javascript:alert(1)\"\n    locator: \"หน้า 1\"\n",
     "ต้องเป็นลิงก์ที่ขึ้นต้นด้วย https://"),
    ("  - title: \"ประกาศ\"\n    url: \"https://example.go.th/a b\"\n    locator: \"หน้า 1\"\n", "ลิงก์"),
    ("  - title: \"ประกาศ\"\n    url: \"https://example.go.th/a\"\n    locator: \"หน้า 1\"\n", None),
])
def test_a_source_names_a_listed_document_or_a_title_and_link(tmp_path, source, problem):
    text = proposal.build(complete(), TAX).text
    head = text[:text.index("sources:\n") + len("sources:\n")]
    path = tmp_path / "cases" / "2568" / "nong-bua-queue.md"
    path.parent.mkdir(parents=True)
    path.write_text(head + source + "---\n", encoding="utf-8")
    messages = [p.message for p in validate([path], cases_dir=tmp_path / "cases").problems]
    assert (messages == []) if problem is None else any(problem in m for m in messages), messages


def test_a_full_case_without_its_story_points_at_the_status_answer(tmp_path):
    text = body(dict(complete(), status=option("status", "full")))
    code, out, err, cases_dir = run(tmp_path, text)
    assert code == 1 and written(cases_dir) == []
    line = answer_line(text, "status")
    assert out.startswith(f"{tmp_path / 'issue.md'}:{line}: คำตอบ «ระดับความสมบูรณ์"), out
