"""scripts/new_case.py writes a skeleton derived from the schema and never overwrites."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from macros import schema
from macros.validate import validate

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--year", "2567", "--id", "new-clinic", "--branch", "service", "--category", "driving-results",
         "--level", "not-stated", "--agency", "โรงพยาบาลทดสอบ", "--agency-type", "hospital",
         "--province", "แม่ฮ่องสอน", "--title", "คลินิกทดสอบ"]


def scaffold(tmp_path, *flags):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "new_case.py"), "--cases-dir", str(tmp_path), *flags],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_skeleton_follows_the_schema_and_says_what_to_fill(tmp_path):
    result = scaffold(tmp_path, *FLAGS)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "2567" / "new-clinic.md"
    assert f"wrote {path}" in result.stdout
    text = path.read_text(encoding="utf-8")
    for name, field in schema.iter_fields():
        top = name.split(".")[0].split("[")[0]
        in_list_item = "[]." in name
        if schema.field_named(top).scaffold and (not in_list_item or field.required is True or field.example is not None):
            assert f"{field.name}:" in text, name
    for heading, _ in schema.FULL_CASE_SECTIONS:
        assert f"## {heading}\n" in text
    problems = [p.message for p in validate([path], cases_dir=tmp_path).problems]
    # Only what is left to fill: no unknown field, wrong type or wrong award key.
    assert problems and all("is empty" in m or "needs `value`" in m for m in problems), problems
    assert any(m.startswith("pain_point is empty") for m in problems)
    assert any(m.startswith("section '## ผลลัพธ์' is empty") for m in problems)


def test_never_overwrites(tmp_path):
    assert scaffold(tmp_path, *FLAGS).returncode == 0
    path = tmp_path / "2567" / "new-clinic.md"
    path.write_text("edited", encoding="utf-8")
    result = scaffold(tmp_path, *FLAGS)
    assert result.returncode == 1
    assert "exists already: not overwritten" in result.stderr
    assert path.read_text(encoding="utf-8") == "edited"


def test_bad_values_are_named_and_nothing_is_written(tmp_path):
    flags = list(FLAGS)
    flags[flags.index("2567")] = "2024"
    flags[flags.index("driving-results")] = "covid-19"
    result = scaffold(tmp_path, *flags)
    assert result.returncode == 2
    assert "--year: year must be a Buddhist-era year such as 2567, got 2024" in result.stderr
    assert "no file written" in result.stderr
    assert not any(tmp_path.rglob("*.md"))


def test_category_must_be_valid_for_the_year(tmp_path):
    flags = list(FLAGS)
    flags[flags.index("driving-results")] = "covid-19"
    result = scaffold(tmp_path, *flags)
    assert result.returncode == 2
    assert "award.category 'covid-19' of branch 'service' is awarded only in 2564, not in 2567" in result.stderr
