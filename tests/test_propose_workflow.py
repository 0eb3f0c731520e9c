""".github/workflows/propose.yml and its script, scripts/proposal_workflow.py: the trigger, least
privilege per job, actions pinned to commit SHAs, the issue's text never inside a run: script; and
the steps themselves on real issue bodies (convert, write, the Thai comment)."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from test_issue_to_case import body, complete

from macros import proposal
from macros.taxonomy import Taxonomy

TAX = Taxonomy.load()

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "propose.yml"
sys.path.insert(0, str(ROOT / "scripts"))
import proposal_workflow  # noqa: E402


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_runs_on_labelled_proposal_issues(workflow):
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"issues"} and set(triggers["issues"]["types"]) == {"opened", "edited", "labeled"}
    condition = workflow["jobs"]["convert"]["if"]
    assert "contains(github.event.issue.labels.*.name, 'case-proposal')" in condition
    assert "github.event.label.name == 'case-proposal'" in condition


def test_least_privilege_per_job(workflow):
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["convert"]["permissions"] == {"contents": "read"}
    assert jobs["pull-request"]["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert jobs["comment"]["permissions"] == {"contents": "read", "issues": "write"}
    # only the job that pushes keeps the token in git's configuration
    for name, job in jobs.items():
        for step in job["steps"]:
            if "uses" in step and step["uses"].startswith("actions/checkout@") and name != "pull-request":
                assert step["with"]["persist-credentials"] is False


def test_actions_are_pinned_to_commit_shas(workflow):
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses


def test_issue_text_never_reaches_a_script_through_expressions(workflow):
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            run = step.get("run", "")
            assert "${{" not in run, run  # every value comes through env
            for value in (step.get("env") or {}).values():
                assert isinstance(value, str)
    text = WORKFLOW.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "github.event.issue.body" in line or "github.event.issue.title" in line:
            assert re.match(r"\s+ISSUE_(BODY|TITLE): \$\{\{ github\.event\.issue\.(body|title) \}\}$", line), line


def test_the_pull_request_closes_the_issue_from_its_own_branch(workflow):
    run = next(s["run"] for s in workflow["jobs"]["pull-request"]["steps"] if "run" in s)
    assert 'branch="proposal/$NUMBER"' in run and "--draft" in run and "Closes #" in run
    assert "proposal_workflow.py write" in run


def test_convert_gives_the_file_or_the_problems(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(body(complete()), encoding="utf-8")
    values = proposal_workflow.convert(good, "[ผลงาน] ")
    try:
        assert values["ok"] == "true" and values["path"] == "content/cases/2568/nong-bua-queue.md"
        assert proposal_workflow.unb64(values["text_b64"]) == (ROOT / values["path"]).read_text(encoding="utf-8")
    finally:
        (ROOT / values["path"]).unlink()
    bad = tmp_path / "bad.md"
    bad.write_text(body(dict(complete(), year="2024")), encoding="utf-8")
    values = proposal_workflow.convert(bad, "")
    problems = proposal_workflow.unb64(values["problems_b64"])
    assert values["ok"] == "false" and values["path"] == "" and re.match(r"issue:\d+: คำตอบ «ปีที่ได้รับรางวัล", problems)
    assert str(tmp_path) not in problems


def test_outputs_survive_any_text(tmp_path):
    output = tmp_path / "output"
    text = "a\nEOF\n```\n$(rm -rf /)\n"
    proposal_workflow.write_outputs({"text_b64": proposal_workflow.b64(text)}, str(output))
    lines = output.read_text().splitlines()
    assert lines[0].startswith("text_b64<<EOF_") and lines[2] == lines[0].split("<<")[1]
    assert proposal_workflow.unb64(lines[1]) == text


@pytest.mark.parametrize("path", ["content/cases/2568/../../../.github/x.md", "content/cases/2568/a b.md",
                                  ".github/workflows/ci.yml", "/etc/passwd", "content/cases/25/a.md"])
def test_write_refuses_paths_outside_the_cases(tmp_path, path):
    with pytest.raises(ValueError):
        proposal_workflow.write_case(path, proposal_workflow.b64("x"), root=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_comment_is_thai_and_keeps_issue_text_inert():
    hostile = "issue:3: คำตอบ «ชื่อผลงาน»: ```\n@everyone <img src=x onerror=alert(1)> [x](javascript:x)"
    text = proposal_workflow.comment(12, problems=hostile)
    assert text.startswith("ยังสร้างไฟล์ผลงานจาก issue #12 ไม่ได้") and "Edit" in text
    fence = re.search(r"^(`{4,})text$", text, re.M).group(1)
    inside = text.split(f"{fence}text\n", 1)[1].split(f"\n{fence}", 1)[0]
    assert inside == hostile  # the whole of it inside one code block
    pr_url = "https://github.com/psea-kb/psea-kb/pull/40"
    ok = proposal_workflow.comment(12, pr_url=pr_url, text="---\nid: \"x\"\n---\n")
    assert f"pull request ฉบับร่าง {pr_url}" in ok and '```text\n---\nid: "x"\n---\n' in ok


@pytest.mark.site  # builds a fixture site through the workflow's own step
def test_the_build_check_passes_a_good_site_and_reports_a_broken_one(tmp_path):
    from conftest import make_project
    good = make_project(tmp_path / "good", {"2568/nong-bua-queue.md": proposal.build(complete(), TAX).text})
    assert proposal_workflow.check_build(good) == ""
    broken = make_project(tmp_path / "broken", {"2568/x.md": "---\nid: x\n---\n"})
    report = proposal_workflow.check_build(broken)
    assert report.startswith("การสร้างเว็บไซต์ทดลองพร้อมไฟล์นี้ไม่ผ่าน:") and "x.md" in report, report
