"""The node tests of the scripts' pure cores (tests/js/*.test.mjs, overrides/assets/js/*-core.js), run
with node's own test runner, given the build's constants and text cut by the Python indexer:
- PSEA_SCRIPT_CONFIG: the page config exactly as macros/scriptconfig.py writes it into every page;
- PSEA_SEGMENTED: real titles and agency names of the case files (and a few mixed-script lines)
  with the same text as the index holds it (macros/thai.segment_html, read back as Pagefind
  does: tags dropped, words with one space between), which search-core.js must read back as the
  page shows it.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from macros import scriptconfig
from macros.search import thai
from macros.validate import validate

JS_TESTS = Path(__file__).resolve().parent / "js"
# Lines where Thai meets other scripts, with and without spaces, and the page's own spaces.
MIXED = [
    "ปี2567 ของรัฐ (ฉบับ) พ.ศ. 2567",
    'ระบบ "Smart Licensing" ลดเวลา 50%',
    "โรงพยาบาล ด่านมะขามเตี้ย",
    "PMQA 4.0 หมวด 6 กระบวนการ",
    "e-Service ออนไลน์ 24 ชั่วโมง",
]


def as_index(text: str, breaker) -> str:
    """`text` as Pagefind gives it back from the index macros/search/ writes."""
    cut = thai.segment_html(f"<h1>{text}</h1>", breaker)
    return " ".join(re.sub(r"<[^>]*>", " ", cut).split())


def segmented_samples() -> list[list[str]]:
    breaker = thai.word_breaker()
    report = validate()
    lines = {" ".join(str(value).split()) for parsed in report.parsed
             for value in (parsed.meta.get("title"), (parsed.meta.get("agency") or {}).get("name")) if value}
    assert lines, "no case files to take titles from"
    return [[line, as_index(line, breaker)] for line in sorted(lines) + MIXED]


def test_node_tests_of_the_script_cores(tmp_path):
    node = shutil.which("node")
    if not node:
        pytest.fail("node is missing: install Node.js (20+) to run the script tests in tests/js")
    samples = tmp_path / "segmented.json"
    samples.write_text(json.dumps(segmented_samples(), ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, PSEA_SCRIPT_CONFIG=str(scriptconfig.config_json(".")), PSEA_SEGMENTED=str(samples))
    env.pop("NODE_OPTIONS", None)
    result = subprocess.run([node, "--test", "--test-reporter=tap"], cwd=JS_TESTS, env=env,
                            capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"node --test failed in {JS_TESTS}:\n{output}"
    summary = dict(re.findall(r"^# (tests|pass|fail|skipped|todo|cancelled) (\d+)$", output, re.M))
    assert int(summary.get("tests", 0)) > 0 and summary.get("fail") == "0", output
    assert summary.get("skipped") == "0" and summary.get("todo") == "0", f"a node test did not run:\n{output}"
