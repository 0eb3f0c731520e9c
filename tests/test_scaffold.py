"""scripts/new_case.py: driven through a pipe as a newcomer would, it writes a skeleton whose only
problems are its "เติมข้อมูล" placeholders, and never overwrites or reuses an id."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from macros import schema
from macros.taxonomy import Taxonomy
from macros.validate import validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import new_case  # noqa: E402

FLAGS = ["--status", "full", "--year", "2567", "--id", "new-clinic", "--branch", "service",
         "--category", "driving-results", "--level", "not-stated", "--agency", "โรงพยาบาลทดสอบ",
         "--agency-type", "hospital", "--province", "แม่ฮ่องสอน", "--title", "คลินิกทดสอบ"]
TAXONOMY = Taxonomy.load()


def scaffold(cases_dir, *flags, answers: str | None = None):
    command = [sys.executable, str(ROOT / "scripts" / "new_case.py"), "--cases-dir", str(cases_dir), *flags]
    return subprocess.run(command,
                          capture_output=True, text=True,
                          **({"input": answers} if answers is not None else {"stdin": subprocess.DEVNULL}))


def problems_of(path, cases_dir):
    return [(p.line, p.message) for p in validate([path], cases_dir=cases_dir).problems]


def placeholder(where, what):
    return f"{where} ยังเป็นค่าตัวอย่าง “เติมข้อมูล” — แก้: แทนที่ด้วยข้อมูลจริงจากแหล่งข้อมูล ({what})"


def line_of(text, start):
    return next(i for i, raw in enumerate(text.split("\n"), 1) if raw.startswith(start))


def test_piped_answers_one_per_question_with_thai_labels_and_second_tries(tmp_path):
    answers = "\n".join([
        "ระดับ",            # status: not a status -> asked again
        "บันทึกสรุป (รอเขียนเรื่องเล่า)",  # status by its Thai label
        "2024",            # a Common-Era year -> asked again, with the fix
        "๒๕๖๗",            # Thai digits are understood
        "รางวัลบริการภาครัฐ",  # branch by its Thai label
        "4",               # category by its number in the list
        "ระดับดี",          # level by the label the site shows
        "คลินิกทดสอบ",
        "New Clinic",      # not an id -> asked again, with a suggestion
        "new-clinic",
        "เทศบาลตำบลทดสอบ",
        "",                # Enter accepts the suggested agency type
        "เชียง",            # two provinces start so -> asked again
        "เชียงใ",           # one does
    ]) + "\n"
    result = scaffold(tmp_path, answers=answers)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "status ต้องเป็นค่าใดค่าหนึ่งใน full, summary พบ 'ระดับ'" in result.stderr
    assert "year ต้องเป็นปีพุทธศักราช เช่น 2567 พบ 2024 ซึ่งเป็นปีคริสต์ศักราช — แก้: บวก 543 เขียน 2567" in result.stderr
    assert ("id ต้องเป็นอักษรอังกฤษตัวเล็ก ตัวเลข และขีดเดี่ยว (เช่น pang-mapha-smart-hospital) "
            "พบ 'New Clinic' — แก้: เขียน new-clinic") in result.stderr
    assert "[Enter = local-government]" in result.stdout
    assert "มีหลายจังหวัดที่ขึ้นต้นเช่นนี้ (several provinces start so): เชียงราย, เชียงใหม่" in result.stderr
    path = tmp_path / "2567" / "new-clinic.md"
    text = path.read_text(encoding="utf-8")
    for line in ('status: "summary"', "year: 2567", 'branch: "service"', 'category: "facilitation"', 'level: "good"',
                 'title: "คลินิกทดสอบ"', 'name: "เทศบาลตำบลทดสอบ"', 'type: "local-government"', 'province: "เชียงใหม่"'):
        assert line in text, line
    source = schema.field_named("sources").item
    assert problems_of(path, tmp_path) == [
        (line_of(text, "  - document:"), placeholder("sources[0].document", source.child("document").th)),
        (line_of(text, "    locator:"), placeholder("sources[0].locator", source.child("locator").th)),
    ]


def test_a_full_skeleton_has_only_its_placeholders_each_reported_once(tmp_path):
    result = scaffold(tmp_path, *FLAGS)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "2567" / "new-clinic.md"
    assert f"เขียนไฟล์แล้ว (wrote) {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    for name, field in schema.iter_fields():  # every field the scaffold writes, with its Thai hint
        top = name.split(".")[0].split("[")[0]
        in_list_item = "[]." in name
        if schema.field_named(top).scaffold and field.scaffold and (
                not in_list_item or field.required is True or field.example is not None):
            assert f"{field.name}:" in text, name
    expected = [(line_of(text, f"{name}:"), placeholder(name, schema.field_named(name).th))
                for name in ("pain_point", "solution", "impact")]
    expected += [(line_of(text, "  - document:"),
                  placeholder("sources[0].document", schema.SOURCE.child("document").th)),
                 (line_of(text, "    locator:"),
                  placeholder("sources[0].locator", "ตำแหน่งในเอกสาร เช่น หัวข้อสไลด์หรือหัวข้อหน้า"))]
    expected += [(line_of(text, f"## {heading}"), f"หัวข้อ '## {heading}' ยังเป็นข้อความตัวอย่าง “เติมข้อมูล” — "
                  "แก้: เขียนสิ่งที่แหล่งข้อมูลบอก แทนข้อความนี้") for heading, _ in schema.FULL_CASE_SECTIONS]
    assert problems_of(path, tmp_path) == expected
    # Filled in, with the optional lines left commented out, it is a valid case.
    filled = (text.replace('document: "เติมข้อมูล"', "document: 001_3702f4d108c3183e.txt")
              .replace('"เติมข้อมูล"', '"ข้อความจากแหล่งข้อมูล"'))
    filled = filled.replace("\nเติมข้อมูล\n", "\nข้อความจากแหล่งข้อมูล\n").replace("\nเติมข้อมูล", "\nข้อความ")
    path.write_text(filled, encoding="utf-8")
    assert problems_of(path, tmp_path) == []


def test_never_overwrites_and_refuses_an_id_used_in_another_year(tmp_path):
    assert scaffold(tmp_path, *FLAGS).returncode == 0
    path = tmp_path / "2567" / "new-clinic.md"
    path.write_text("edited", encoding="utf-8")
    flags = list(FLAGS)
    flags[flags.index("2567")] = "2566"
    flags[flags.index("driving-results")] = "not-stated"
    result = scaffold(tmp_path, *flags)
    assert result.returncode == 2
    assert f"--id: id 'new-clinic' มีอยู่แล้วที่ {path} — แก้: เลือก id อื่น หรือแก้ไขไฟล์นั้นแทน" in result.stderr
    assert "ไม่ได้เขียนไฟล์ (no file written)" in result.stderr
    assert path.read_text(encoding="utf-8") == "edited" and not (tmp_path / "2566").exists()
    # Asked, the id is asked again.
    at = flags.index("--id")
    del flags[at:at + 2]
    result = scaffold(tmp_path, *flags, answers="new-clinic\nnew-clinic-2566\n")
    assert result.returncode == 0, result.stderr
    assert "id 'new-clinic' มีอยู่แล้วที่" in result.stderr
    assert (tmp_path / "2566" / "new-clinic-2566.md").exists()


def test_answers_running_out_ends_cleanly(tmp_path):
    result = scaffold(tmp_path, answers="full\n2567\n")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "ยกเลิกแล้ว ไม่ได้เขียนไฟล์ (cancelled: no file written); ให้คำตอบไม่ครบ (the answers ran out)" in result.stderr
    assert not list(tmp_path.rglob("*.md"))


def _as_in_a_terminal() -> None:
    # A job started in the background by a shell (as CI or a script may run the tests) inherits
    # Ctrl-C ignored, and Python then installs no handler: the script would never see it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_ends_cleanly(tmp_path):
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "new_case.py"), "--cases-dir", str(tmp_path)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               preexec_fn=_as_in_a_terminal)
    try:
        seen = b""
        deadline = time.monotonic() + 60
        while b"(status): " not in seen:  # wait until it asks the first question
            assert time.monotonic() < deadline, seen
            ready, _, _ = select.select([process.stdout], [], [], 1)
            if ready:
                seen += os.read(process.stdout.fileno(), 4096)
        # The prompt is written just before the script starts reading its input: a signal in between
        # waits, unseen, until a line comes (as a second Ctrl-C would end it in a terminal). Wait
        # until it is blocked reading the pipe, then press Ctrl-C.
        wchan = Path(f"/proc/{process.pid}/wchan")
        while wchan.exists() and "pipe_read" not in wchan.read_text():
            assert time.monotonic() < deadline, wchan.read_text()
            time.sleep(0.05)  # polling the condition above
        process.send_signal(signal.SIGINT)
        # Not communicate(): it closes stdin at once, and a script that reads the end of its input
        # before the signal arrives ends as "answers ran out" (seen under load).
        process.wait(timeout=60)
        err = process.stderr.read()
    finally:
        process.kill()
    assert process.returncode == 130
    assert "Traceback" not in err.decode("utf-8")
    assert "ยกเลิกแล้ว ไม่ได้เขียนไฟล์ (cancelled: no file written)" in err.decode("utf-8")
    assert not list(tmp_path.rglob("*.md"))


def test_every_province_by_its_shortest_unambiguous_prefix():
    names = list(TAXONOMY.province_by_th)
    assert len(names) == 77 + len(TAXONOMY.scopes)  # the 77 provinces, ทั่วประเทศ and หลายจังหวัด / ไม่ระบุ
    assert set(TAXONOMY.scopes) == {"ทั่วประเทศ", "หลายจังหวัด / ไม่ระบุ"}
    for name in names:
        prefix = next(name[:n] for n in range(1, len(name) + 1)
                      if [other for other in names if other.startswith(name[:n])] == [name] or name[:n] == name)
        assert new_case.resolve_province(prefix, TAXONOMY) == (name, None), prefix
    assert new_case.resolve_province("chiang-mai", TAXONOMY) == ("เชียงใหม่", None)


@pytest.mark.parametrize("agency, expected", [
    ("เทศบาลตำบลบ้านนา", "local-government"), ("อบต.ท่าข้าม", "local-government"),
    ("องค์การบริหารส่วนตำบลหนองแก", "local-government"), ("โรงพยาบาลปางมะผ้า", "hospital"),
    ("กรมการปกครอง", "department"), ("สถานีตำรวจภูธรเมือง", "police"), ("โรงเรียนบ้านดอน", "educational-institution"),
])
def test_agency_types_are_suggested_from_the_name(agency, expected):
    assert new_case.suggested_type(agency) == expected
    assert expected in TAXONOMY.choices("agency_type")


def test_bad_flags_are_named_in_thai_and_nothing_is_written(tmp_path):
    flags = list(FLAGS)
    flags[flags.index("2567")] = "2024"
    result = scaffold(tmp_path, *flags)
    assert result.returncode == 2
    assert ("--year: year ต้องเป็นปีพุทธศักราช เช่น 2567 พบ 2024 ซึ่งเป็นปีคริสต์ศักราช — แก้: บวก 543 เขียน 2567 "
            "และเก็บไฟล์ไว้ใน content/cases/2567/") in result.stderr
    assert not any(tmp_path.rglob("*.md"))
    flags = list(FLAGS)
    flags[flags.index("driving-results")] = "covid-19"
    result = scaffold(tmp_path, *flags)
    assert result.returncode == 2
    assert "--category: award.category 'covid-19' ของสาขา 'service' มีเฉพาะปี 2564 ไม่มีในปี 2567" in result.stderr
