"""Contributing: the JSON Schema, the generated field reference and issue forms, CI and pre-commit
configuration, the --format github validator output, the open-data page and the "edit this page" links."""
from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from macros import fieldref, json_schema
from macros.casefile import parse
from macros.schema import FIELDS, iter_fields
from macros.structure.corpus import plain
from macros.taxonomy import Taxonomy

from conftest import ROOT

CASE_FILES = sorted((ROOT / "content" / "cases").rglob("*.md"))
SCHEMA_FILE = ROOT / "schema" / "case.schema.json"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
FIELD_PATHS = [path for path, _f in iter_fields()]


def run_script(name: str, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / name), *args], cwd=cwd,
                          capture_output=True, text=True)


def load_yaml(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


# The JSON Schema -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema):
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def real_metas() -> list[tuple[Path, dict]]:
    return [(path, plain(parse(path).meta)) for path in CASE_FILES]


def test_the_committed_schema_is_current():
    generated = json_schema.dumps(json_schema.case_schema(Taxonomy.load()))
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, "run python scripts/gen_schema.py"
    assert run_script("gen_schema.py", "--check").returncode == 0


def test_gen_schema_check_fails_on_a_stale_file(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import gen_schema
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    stale = tmp_path / "case.schema.json"
    stale.write_text(SCHEMA_FILE.read_text(encoding="utf-8").replace('"full"', '"complete"'), encoding="utf-8")
    monkeypatch.setattr(gen_schema, "SCHEMA_FILE", stale)
    monkeypatch.setattr(gen_schema, "ROOT", tmp_path)
    assert gen_schema.main(["--check"]) == 1
    assert gen_schema.main([]) == 0
    assert stale.read_text(encoding="utf-8") == SCHEMA_FILE.read_text(encoding="utf-8")


def test_the_schema_covers_every_field(schema):
    assert sorted(schema["properties"]) == sorted(f.name for f in FIELDS)  # keys are written sorted
    assert schema["required"] == [f.name for f in FIELDS if f.required is True]
    assert schema["additionalProperties"] is False
    assert schema["properties"]["award"]["properties"]["branch"]["enum"] == list(Taxonomy.load().branches)
    # 77 provinces, ทั่วประเทศ, หลายจังหวัด / ไม่ระบุ; required, so no null
    assert len(schema["properties"]["province"]["enum"]) == 79
    assert schema["properties"]["title_en"]["type"] == ["string", "null"]  # optional: `title_en:` is allowed


def test_every_real_case_validates_against_the_schema(validator):
    metas = real_metas()
    assert len(metas) > 10
    for path, meta in metas:
        errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(meta)]
        assert not errors, (path, errors)


def _first(metas, predicate):
    return copy.deepcopy(next(meta for _path, meta in metas if predicate(meta)))


BREAKAGES = {
    "year as text": lambda m: m.update(year=str(m["year"])),
    "year in the Common era": lambda m: m.update(year=2024),
    "unknown field": lambda m: m.update(titel="x"),
    "missing sources": lambda m: m.pop("sources"),
    "empty sources": lambda m: m.update(sources=[]),
    "source not listed": lambda m: m["sources"][0].update(document="nope.txt"),
    "id with capitals": lambda m: m.update(id="Bad_ID"),
    "empty title": lambda m: m.update(title="   "),
    "province in English": lambda m: m.update(province="Bangkok"),
    "unknown tag": lambda m: m.update(tags=["not-a-tag"]),
    "sdg out of range": lambda m: m.update(sdgs=[18]),
    "category of another branch": lambda m: m["award"].update(
        category="category-1" if m["award"]["branch"] != "pmqa" else "driving-results"),
    "level the branch does not have": lambda m: m["award"].update(
        level="awarded" if m["award"]["branch"] == "service" else "good"),
    "unknown agency type": lambda m: m["agency"].update(type="company"),
    "award is text": lambda m: m.update(award="service"),
    "metric without a value": lambda m: m.update(metrics=[{"label": "x", "unit": "คน"}]),
    "metric value with a comma": lambda m: m.update(metrics=[{"label": "x", "value": "1,500", "unit": "คน"}]),
    "builds_on and builds_on_unrecorded": lambda m: m.update(builds_on="x", builds_on_unrecorded="y"),
    "summary too long": lambda m: m.update(pain_point="ก" * 601),
    "required field null": lambda m: m.update(title=None),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_broken_case_fails_the_schema(validator, breakage):
    meta = _first(real_metas(), lambda m: m["status"] == "summary")
    assert not list(validator.iter_errors(meta))
    BREAKAGES[breakage](meta)
    assert list(validator.iter_errors(meta)), breakage


def test_cross_field_rules_of_the_schema(validator):
    metas = real_metas()
    full = _first(metas, lambda m: m["status"] == "full")
    full.pop("impact")
    assert list(validator.iter_errors(full)), "a full case needs impact"
    full = _first(metas, lambda m: m["status"] == "full")
    full["impact"] = None
    assert list(validator.iter_errors(full)), "a full case's impact cannot be null"
    summary = _first(metas, lambda m: m["status"] == "summary")
    summary["title_en"] = None  # `title_en:` with no value: the validator accepts it, so must the schema
    assert not list(validator.iter_errors(summary))
    tax = Taxonomy.load()
    wrong_year = _first(metas, lambda m: m["status"] == "summary")
    category = tax.category(wrong_year["award"]["branch"], wrong_year["award"]["category"])
    wrong_year["year"] = next(y for y in range(2546, 2601) if y not in tax.category_years(category))
    assert list(validator.iter_errors(wrong_year)), "the category was not awarded that year"
    expansion = [m for _p, m in metas if m.get("builds_on") or m.get("builds_on_unrecorded")]
    if expansion:
        case = copy.deepcopy(expansion[0])
        case.pop("builds_on", None)
        case.pop("builds_on_unrecorded", None)
        assert list(validator.iter_errors(case)), "an expansion category names the earlier work"


# Generated documentation -----------------------------------------------------------------------
def test_contributing_field_reference_is_current():
    result = run_script("gen_docs.py", "--check")
    assert result.returncode == 0, result.stderr + " (run python scripts/gen_docs.py)"


def test_contributing_field_reference_lists_every_schema_field_in_order():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    section = text[text.index(fieldref.MARK_START):text.index(fieldref.MARK_END)]
    listed = re.findall(r"^\| `([^`]+)` \|", section, re.M)
    assert listed == FIELD_PATHS
    for path, f in iter_fields():
        row = next(line for line in section.splitlines() if line.startswith(f"| `{path}` |"))
        assert f.en.replace("|", "\\|") in row and f.th.replace("|", "\\|") in row


def test_contributing_is_thai_first_then_english():
    text = CONTRIBUTING.read_text(encoding="utf-8")
    assert text.startswith("# ร่วมพัฒนา")
    assert text.index("# Contributing (English)") < text.index(fieldref.MARK_START)
    assert "python scripts/new_case.py --help" in text
    for rule in ("notes", "CC BY 4.0", "ข้อมูลส่วนบุคคล", "personal data", "--strict"):
        assert rule in text


def test_gen_docs_rewrites_a_stale_reference(tmp_path):
    stale = CONTRIBUTING.read_text(encoding="utf-8").replace("| `title` |", "| `titel` |")
    replaced = fieldref.replace_between_markers(stale, fieldref.markdown_reference(Taxonomy.load()))
    assert replaced == CONTRIBUTING.read_text(encoding="utf-8")
    with pytest.raises(ValueError):
        fieldref.replace_between_markers("no markers here", "x")


@pytest.mark.parametrize("name", ["propose-case.yml", "report-error.yml"])
def test_issue_forms_are_valid_forms(name):
    form = load_yaml(FORMS / name)
    assert {"name", "description", "body"} <= set(form)
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip() and "id" not in element
            continue
        assert attributes["label"].strip()
        if element["type"] == "dropdown":
            options = attributes["options"]
            assert options and len(options) == len(set(options)) and all(isinstance(o, str) for o in options)
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"])
            ids.append(element["id"])
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("name", ["propose-case.yml", "report-error.yml"])
def test_issue_form_ids_are_schema_fields(name):
    form = load_yaml(FORMS / name)
    for element in form["body"]:
        if "id" in element:
            assert fieldref.field_path(element["id"]) in FIELD_PATHS, element["id"]


def test_the_proposal_form_asks_for_every_field():
    form = load_yaml(FORMS / "propose-case.yml")
    asked = {fieldref.field_path(e["id"]) for e in form["body"] if "id" in e}
    for f in FIELDS:
        if f.children:
            assert {f"{f.name}.{c.name}" for c in f.children} <= asked, f.name
        else:
            assert f.name in asked, f.name
    by_id = {e["id"]: e for e in form["body"] if "id" in e}
    tax = Taxonomy.load()
    assert [o.split(" — ")[0] for o in by_id["award-branch"]["attributes"]["options"]] == list(tax.branches)
    assert by_id["province"]["attributes"]["options"] == list(tax.province_by_th)
    assert by_id["tags"]["attributes"]["multiple"] is True
    assert by_id["title"]["validations"]["required"] is True


def test_the_error_form_offers_every_field():
    form = load_yaml(FORMS / "report-error.yml")
    dropdown = next(e for e in form["body"] if e["type"] == "dropdown")
    assert dropdown["attributes"]["options"] == FIELD_PATHS + ["body"]


def test_pull_request_template_has_the_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8
    for item in ("scripts/validate.py", "sources", "notes", "CC BY 4.0"):
        assert item in text


# CI, deployment, link checking, pre-commit ---------------------------------------------------------
def pre_commit_hooks() -> dict:
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def test_pre_commit_validates_changed_case_files(tmp_path):
    hook = pre_commit_hooks()["validate-cases"]
    assert hook["files"] == r"^content/cases/.*\.md$"
    assert re.search(hook["files"], "content/cases/2567/pang-mapha-smart-hospital.md")
    assert not re.search(hook["files"], "content/index.md")
    assert hook.get("pass_filenames", True) is True
    # Run the hook's command as pre-commit does: the entry, then the changed files.
    command = hook["entry"].split()
    assert command[:2] == ["python", "scripts/validate.py"]
    good = subprocess.run([sys.executable, *command[1:], str(CASE_FILES[0].relative_to(ROOT))],
                          cwd=ROOT, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    broken = tmp_path / "2567" / "broken-case.md"
    broken.parent.mkdir()
    broken.write_text("---\nid: broken-case\nyear: 2567\n---\n", encoding="utf-8")
    bad = subprocess.run([sys.executable, *command[1:], str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1 and "ขาดช่องที่ต้องมี" in bad.stdout


def test_pre_commit_hooks_need_only_pyyaml():
    """The content hooks run in pre-commit's own environment with PyYAML only: no mkdocs, no jsonschema
    (a contributor who edits a case needs nothing else)."""
    code = ("import json, runpy, sys, sysconfig\n"
            "before = set(sys.modules)\n"
            "sys.path.insert(0, 'scripts')\n"
            "for name in ('validate', 'gen_schema', 'gen_docs'):\n"
            "    sys.argv = [name] + (['--check'] if name != 'validate' else [])\n"
            "    try:\n"
            "        runpy.run_path(f'scripts/{name}.py', run_name='__main__')\n"
            "    except SystemExit as done:\n"
            "        assert not done.code, (name, done.code)\n"
            "site = tuple({sysconfig.get_paths()['purelib'], sysconfig.get_paths()['platlib']})\n"
            "print(json.dumps(sorted({m.split('.')[0] for m, mod in list(sys.modules.items())\n"
            "                         if m not in before "
            "and (getattr(mod, '__file__', None) or '').startswith(site)})))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    third_party = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert third_party <= {"yaml", "_yaml"}, third_party
    for name in ("validate-cases", "validate-data", "generated-files"):
        assert pre_commit_hooks()[name]["additional_dependencies"] == ["PyYAML==6.0.3"]
        assert "PyYAML==6.0.3" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_validator_github_format_annotates_file_and_line(tmp_path):
    broken = tmp_path / "2567" / "broken-case.md"
    broken.parent.mkdir()
    broken.write_text("---\nid: broken-case\ntitle: t\nstatus: summary\nyear: 2024\n---\n", encoding="utf-8")
    result = run_script("validate.py", "--format", "github", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("::error file=2567/broken-case.md") for line in lines)
    assert "::error file=2567/broken-case.md,line=5::year ต้องเป็นปีพุทธศักราช" in result.stdout  # Thai, then English
    assert "%0A%0Ayear must be a Buddhist-era year such as 2567, got 2024" in result.stdout
    plain_text = run_script("validate.py", str(broken), cwd=tmp_path)
    assert len(plain_text.stdout.splitlines()) == len(lines)  # the same problems, one annotation each


def test_github_annotations_escape_what_would_break_them():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import validate as validate_script
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    from macros.validate import Problem
    line = validate_script.github_annotation(Problem("a,b:c.md", 3, "50% bad\nnext"), "/")
    assert line == "::error file=a%2Cb%3Ac.md,line=3::50%25 bad%0Anext"
    assert validate_script.github_annotation(Problem("x.md", None, "m"), "/") == "::error file=x.md::m"


# The built site: open-data page and edit links ------------------------------------------------------
def test_every_case_page_links_to_its_file_for_editing(built_site):
    for path in CASE_FILES:
        rel = path.relative_to(ROOT / "content").as_posix()
        html = (built_site / rel.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        edit = re.findall(r'<a href="([^"]+)"[^>]*rel="edit"', html)
        assert edit, path
        assert edit[0] == f"https://github.com/psea-kb/psea-kb/edit/main/content/{rel}"
        assert re.search(r"content/cases/\d{4}/[a-z0-9-]+\.md$", edit[0])


def test_open_data_page_links_the_files_and_states_the_licence(built_site):
    page = built_site / "open-data" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = set(re.findall(r'href="(\.\./[^"]+\.(?:json|csv))"', html))
    assert links == {"../cases.json", "../cases.csv", "../awards.json", "../case.schema.json"}
    for link in links:
        assert (page.parent / link).resolve().is_file(), link
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0" in html
    for path in FIELD_PATHS:  # the generated field table
        assert f"<code>{path}</code>" in html, path
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="open-data/"' in home  # in the navigation
    assert "CC BY 4.0" in (ROOT / "LICENSE-DATA").read_text(encoding="utf-8")
