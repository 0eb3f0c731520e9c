"""The validator: a deliberately broken corpus with its exact expected messages, and the real content."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from macros import taxonomy
from macros.validate import CASES_DIR, validate

ROOT = Path(__file__).resolve().parent.parent
BROKEN = ROOT / "tests" / "fixtures" / "broken"
VALID_FIXTURES = ("good-full-case", "good-summary", "later-case", "old-pmqa-case", "bom-crlf")


def run_validate(*args, cwd=ROOT):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), *args],
                          cwd=cwd, capture_output=True, text=True)


def test_broken_corpus_reports_exactly_the_expected_problems():
    result = run_validate("--cases-dir", "cases", "cases", cwd=BROKEN)
    expected = (BROKEN / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stdout.splitlines() == expected
    assert result.returncode == 1
    files = len({line.split(":", 1)[0] for line in expected})
    assert f"{len(expected)} problem(s) in {files} file(s)" in result.stderr


def test_every_broken_fixture_is_reported_and_valid_ones_are_not():
    output = (BROKEN / "expected.txt").read_text(encoding="utf-8")
    for path in (BROKEN / "cases").rglob("*.md"):
        reported = f"cases/{path.parent.name}/{path.name}:" in output
        assert reported != (path.stem in VALID_FIXTURES), path


def test_bom_and_crlf_files_keep_their_line_numbers():
    raw = (BROKEN / "cases" / "2567" / "bom-crlf-error.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    line = next(i for i, text in enumerate(raw.decode("utf-8-sig").split("\r\n"), 1) if text.startswith("province:"))
    assert f"cases/2567/bom-crlf-error.md:{line}: province" in (BROKEN / "expected.txt").read_text(encoding="utf-8")


def test_one_file_is_checked_against_the_whole_corpus(tmp_path):
    real = sorted(CASES_DIR.rglob("*.md"))[0]
    assert run_validate(str(real)).returncode == 0
    copy = tmp_path / real.parent.name / real.name
    copy.parent.mkdir()
    shutil.copy(real, copy)
    result = run_validate(str(copy))
    assert result.returncode == 1
    assert "is already used by another case; ids must be unique" in result.stdout


def test_the_real_content_and_award_data_are_valid():
    report = validate()
    assert [str(p) for p in report.problems] == []
    assert len(report.parsed) == len(list(CASES_DIR.rglob("*.md"))) > 0
    result = run_validate()
    assert result.returncode == 0 and result.stdout == ""
