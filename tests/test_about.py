"""The about page (issue 13): who keeps the knowledge base, how facts are checked, the licences,
the date of the last change (the last commit's, as git tells it) and how to report an error; it is
in the navigation, as is the list of source documents."""
from __future__ import annotations

import datetime
import html
import re
import subprocess

import yaml

from conftest import ROOT

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
               "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")


def test_the_about_page_says_who_how_which_licence_when_and_where_to_report(built_site):
    built = (built_site / "about" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", " ", built))
    for heading in ("ใครดูแล", "ตรวจข้อเท็จจริงอย่างไร", "สัญญาอนุญาต", "แจ้งข้อผิดพลาด"):
        assert f">{heading}" in built, heading
    assert "CC BY 4.0" in text and "LICENSE-DATA" in built
    assert f'{CONFIG["repo_url"]}/issues/new?template=report-error.yml' in built
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "report-error.yml").is_file()
    assert 'href="../sources/"' in built  # the facts' documents, each line linked

    commit = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                            capture_output=True, text=True, check=True).stdout.strip()
    day = datetime.datetime.fromtimestamp(int(commit), tz=datetime.UTC).date()
    assert f'<time datetime="{day.isoformat()}">{day.day} {THAI_MONTHS[day.month - 1]} {day.year + 543}</time>' in built


def test_about_and_the_sources_are_in_the_navigation(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="about/"' in home and 'href="sources/"' in home
    assert "เกี่ยวกับ" in home
