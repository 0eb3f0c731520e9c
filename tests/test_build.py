"""The site as built: small fixture projects built and asserted on, and the real site."""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from macros.validate import CASES_DIR, validate

from conftest import ROOT, make_project, run_mkdocs

VALID = (ROOT / "tests" / "fixtures" / "broken" / "cases" / "2567" / "good-full-case.md").read_text(encoding="utf-8")


@pytest.mark.site
def test_an_invalid_case_fails_the_build_with_the_validator_messages(tmp_path):
    broken = VALID.replace("year: 2567", "year: 2024")
    project = make_project(tmp_path, {"2567/good-full-case.md": broken})
    result = run_mkdocs(project, tmp_path / "out")
    assert result.returncode != 0
    cli = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--cases-dir", "content/cases",
                          "content/cases"], cwd=project, capture_output=True, text=True)
    assert cli.stdout.strip()
    for line in cli.stdout.splitlines():  # the very same messages, each once
        assert result.stderr.count(line) == 1, (line, result.stderr)
    # A Common-Era year: one problem, one fix; the last word in Thai first, then English.
    assert "หยุดสร้างเว็บไซต์: พบปัญหา 1 รายการในเนื้อหา" in result.stderr
    assert "/ Aborted: 1 problem(s) in the content" in result.stderr
    assert not (tmp_path / "out" / "cases").exists()


@pytest.mark.site
def test_case_text_is_content_never_template_code(tmp_path):
    body = VALID.replace("ผู้ป่วยต้องมารอคิวตั้งแต่เช้ามืด\n\n## แนวทาง",
                         "ผู้ป่วยต้องมารอคิว {{ config.site_name }} และ {% include 'x.html' %} จบ\n\n## แนวทาง")
    body = body.replace('title: "ระบบนัดหมายออนไลน์ของโรงพยาบาลตัวอย่าง"',
                        'title: "<img src=x onerror=alert(1)> {{ 7*7 }}"')
    project = make_project(tmp_path, {"2567/good-full-case.md": body})
    result = run_mkdocs(project, tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "cases" / "2567" / "good-full-case" / "index.html").read_text(encoding="utf-8")
    assert "{{ config.site_name }} และ {% include &#39;x.html&#39; %} จบ" in html or \
           "{{ config.site_name }} และ {% include 'x.html' %} จบ" in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }}" in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt; {{ 7*7 }} - " in html
    assert ">49<" not in html


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.site
def test_serve_shows_problems_on_every_page(tmp_path):
    other = VALID.replace("id: good-full-case", "id: other").replace("year: 2567", "year: 2024")
    project = make_project(tmp_path, {"2567/good-full-case.md": VALID, "2567/other.md": other})
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
                               "-f", str(project / "mkdocs.yml")], cwd=project,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        html, base = "", ""
        for _ in range(120):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                html, base = response.read().decode("utf-8"), response.geturl()  # serve mounts at site_url's path
                break
            except OSError:
                time.sleep(0.5)
        assert 'class="psea-problems"' in html
        assert "content/cases/2567/other.md:6: year ต้องเป็นปีพุทธศักราช เช่น 2567 พบ 2024" in html
        page = urllib.request.urlopen(f"{base}cases/2567/good-full-case/", timeout=5).read().decode("utf-8")
        assert "psea-problems" in page
    finally:
        server.terminate()
        server.wait(timeout=20)


def case_files():
    return sorted(CASES_DIR.rglob("*.md"))


def test_every_case_has_its_page_with_thai_anchors(built_site):
    report = validate()
    for parsed in report.parsed:
        meta = parsed.meta
        page = built_site / "cases" / str(meta["year"]) / meta["id"] / "index.html"
        html = page.read_text(encoding="utf-8")
        assert meta["agency"]["name"].replace("&", "&amp;") in html
        if meta["status"] == "full":
            for anchor in ("ความเป็นมาและปัญหา", "แนวทางแก้ไขและการดำเนินงาน", "ผลลัพธ์", "ความยั่งยืนและการขยายผล"):
                assert f'id="{anchor}"' in html, (page, anchor)
            assert re.search(rf'href="[^"]*edit/main/content/cases/{meta["year"]}/{meta["id"]}\.md"', html)
    assert len(report.parsed) == len(case_files())


def primary_nav(html: str) -> str:
    start = html.index('<nav class="md-nav md-nav--primary')
    return html[start:html.index('<div class="md-sidebar md-sidebar--secondary"', start)]


def test_navigation_lists_sections_not_cases(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = primary_nav(home)
    assert "cases/" not in nav and "ตามปี" in nav
    case_page = next((built_site / "cases").rglob("index.html")).read_text(encoding="utf-8")
    case_nav = primary_nav(case_page)
    assert len(case_nav) < 20_000  # the same sections on every page, whatever the number of cases


def test_home_counts_agree_with_the_case_files(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    figures = dict((label, int(n.replace(",", ""))) for n, label in
                   re.findall(r'psea-metric__figure">([\d,]+)</span><span class="psea-metric__label">([^<]+)<', home))
    report = validate()
    assert figures["ผลงาน"] == len(report.parsed)
    assert figures["หน่วยงาน"] == len({p.meta["agency"]["name"] for p in report.parsed})
    assert figures["ปีที่มีผลงาน"] == len({p.meta["year"] for p in report.parsed})
