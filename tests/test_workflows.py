"""The GitHub Actions workflows: every file in .github/workflows, whoever adds it, is checked against
GitHub's workflow schema and by actionlint, pins its actions to commit SHAs, and asks for permissions
per job; CI gives fast feedback before the browser tests, and Deploy publishes only what CI passed."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
BIN = Path(sys.executable).parent
DEBIAN = "python:3.11-bookworm"  # the container `make test` expects (scripts/ensure_test_tools.sh)
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    value = workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true
    return {value: None} if isinstance(value, str) else dict(value or {})


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job.get("steps", []))


def tool(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.is_file() else shutil.which(name)


def test_the_workflows_are_found():
    assert {"ci.yml", "deploy.yml", "links.yml"} <= {f.name for f in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_workflow_matches_githubs_schema(path):
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                   "    step:\n      - run: true\n", encoding="utf-8")
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(bad)],
                            capture_output=True, text=True)
    assert result.returncode == 1 and "bad.yml" in result.stdout


def actionlint() -> str:
    binary = tool("actionlint")
    if binary is None:  # installed from requirements-ci.txt by CI, which has network access
        pytest.skip("actionlint is not installed: `pip install -r requirements-ci.txt` (CI does)")
    return binary


def test_actionlint_finds_nothing_in_any_workflow():
    result = subprocess.run([actionlint(), "-no-color", *map(str, FILES)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail(tmp_path):
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.event.nothing.here }\n", encoding="utf-8")
    result = subprocess.run([actionlint(), "-no-color", str(bad)], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1 and "bad.yml" in result.stdout


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_and_names_its_version(path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES.match(line)
        if not match or match.group(1).startswith(("./", "docker://")):
            continue
        assert PINNED.match(match.group(1)), f"{path.name}:{number}: pin {match.group(1)} to a full commit SHA"
        assert re.match(r"\s*#\s*v\d", match.group(2)), (
            f"{path.name}:{number}: add a comment naming the version (# v4.2.2)")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_asks_for_its_own_permissions(path):
    workflow = load(path)
    top = workflow.get("permissions", {})
    assert top in ({}, "read-all") or (isinstance(top, dict) and set(top.values()) <= {"read", "none"}), \
        f"{path.name}: workflow-level permissions reach every job; give write permissions per job"
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"{path.name}: job {name} must state its permissions"


def test_ci_gives_fast_feedback_before_the_browser_tests():
    ci = load(WORKFLOWS / "ci.yml")
    assert {"pull_request", "push"} <= set(triggers(ci))
    fast, test = ci["jobs"]["fast"], ci["jobs"]["test"]
    assert fast["container"] == test["container"] == DEBIAN
    steps = runs(fast)
    order = [steps.index(part) for part in ("scripts/validate.py --format github", "gen_schema.py --check",
                                            "gen_docs.py --check", "actionlint", "make build")]
    assert order == sorted(order)
    assert "make test" not in steps and "make test" in runs(test)
    assert test["needs"] == "fast"
    assert "--strict" in (ROOT / "Makefile").read_text(encoding="utf-8").split("build:")[1].split("\n\n")[0]
    assert "GITHUB_STEP_SUMMARY" in steps  # generated files and build failures explained in Thai


def test_every_validation_problem_reaches_the_job_summary_in_thai(tmp_path):
    broken = ROOT / "tests" / "fixtures" / "broken"
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--cases-dir", "cases",
                             "--format", "github"], cwd=broken, capture_output=True, text=True,
                            env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)))
    assert result.returncode == 1
    table = summary.read_text(encoding="utf-8")
    expected = (broken / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert len(expected) > 10  # more than the 10 annotations GitHub shows per step
    for line in expected:
        path, number, message = line.split(":", 2)
        assert f"| `{path}` | {number} | {message.strip().replace('|', chr(92) + '|')} |" in table, line


def test_deploy_runs_only_after_ci_passed_on_main_in_the_same_container():
    ci, deploy = load(WORKFLOWS / "ci.yml"), load(WORKFLOWS / "deploy.yml")
    assert triggers(deploy) == {"workflow_run": {"workflows": [ci["name"]], "types": ["completed"],
                                                 "branches": ["main"]}}
    build, publish = deploy["jobs"]["build"], deploy["jobs"]["deploy"]
    assert "github.event.workflow_run.conclusion == 'success'" in build["if"]
    assert "github.event.workflow_run.event == 'push'" in build["if"]
    assert build["container"] == ci["jobs"]["fast"]["container"] == DEBIAN
    checkout = build["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["ref"] == "${{ github.event.workflow_run.head_sha }}"  # the commit CI passed
    assert "libicu" in runs(build) and "make build" in runs(build)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where `make build` writes
    assert build["permissions"] == {"contents": "read"}
    assert publish["permissions"] == {"pages": "write", "id-token": "write"} and publish["needs"] == "build"
    assert publish["steps"][0]["uses"].startswith("actions/deploy-pages@")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_job_that_builds_the_site_has_the_thai_word_breaker(path):
    for name, job in load(path)["jobs"].items():
        commands = runs(job)
        if "make build" in commands or "make test" in commands:
            assert job.get("container") == DEBIAN, f"{path.name}: job {name} builds outside the Debian container"
            # make test installs ICU itself (scripts/ensure_test_tools.sh); a bare build must.
            assert "make test" in commands or "libicu" in commands, f"{path.name}: job {name} builds without ICU"


def test_link_check_runs_on_a_schedule_not_on_pull_requests():
    workflow = load(WORKFLOWS / "links.yml")
    on = triggers(workflow)
    assert set(on) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\S+ \S+ \* \* \d", on["schedule"][0]["cron"])  # weekly
    assert any(s.get("uses", "").startswith("lycheeverse/lychee-action@") for s in workflow["jobs"]["links"]["steps"])


def test_dependabot_keeps_the_pinned_actions_current():
    config = load(ROOT / ".github" / "dependabot.yml")
    assert {"package-ecosystem": "github-actions", "directory": "/"}.items() <= next(
        u for u in config["updates"] if u["package-ecosystem"] == "github-actions").items()
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot",
                             str(ROOT / ".github" / "dependabot.yml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
