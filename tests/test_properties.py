"""Property tests: no case file, however mangled, makes the validator crash.

Whatever a contributor (or a stranger's pull request) puts in a case file, `validate()` answers
with Problem objects, never a traceback: arbitrary YAML frontmatter (nested mappings and lists,
schema keys with the wrong types, Thai and control characters, NUL, huge numbers), arbitrary text
and arbitrary bytes. A file the validator accepts also renders (case page parts, generated pages
and exports) without an exception.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from html import escape
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from macros import casepage, exports, schema
from macros import taxonomy as taxonomy_module
from macros.casefile import parse
from macros.pages import generated_pages
from macros.render import urls
from macros.structure.corpus import build_corpus
from macros.validate import Problem, Report, validate

from conftest import ROOT

DATA_DIR = ROOT / "data"
VALID_CASE = ROOT / "tests" / "fixtures" / "broken" / "cases" / "2567" / "good-full-case.md"
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    database=None)

_TAXONOMY = taxonomy_module.Taxonomy.load(DATA_DIR)


@pytest.fixture(scope="module", autouse=True)
def loaded_taxonomy_once():
    """validate() reads data/ on every call (~0.3 s); the data is the same for every example."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(taxonomy_module.Taxonomy, "load", classmethod(lambda cls, data_dir=None: _TAXONOMY))
        yield


@pytest.fixture(scope="module")
def workdir():
    path = Path(tempfile.mkdtemp(prefix="psea-props-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


# Strategies --------------------------------------------------------------------------------------
SCHEMA_KEYS = sorted({name.split(".")[-1].replace("[]", "") for name, _ in schema.iter_fields()})
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
ANY_CHAR = st.characters(codec="utf-8")  # everything, including NUL and other control characters
CONTROL = st.characters(max_codepoint=0x1F) | st.sampled_from("\x7f\x85\u2028\u2029\ufeff\ud7ff\ufffe")
TEXT = st.text(st.one_of(THAI, ANY_CHAR, CONTROL, st.sampled_from('<>&"\'{}%#:-[]*!|`')), max_size=30)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10 ** 300), max_value=10 ** 300),
    st.floats(allow_nan=True, allow_infinity=True), TEXT, st.sampled_from(["2567", "๒๕๖๗", "full", "service"]),
)
KEYS = st.one_of(st.sampled_from(SCHEMA_KEYS), TEXT, st.integers(), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=5), max_leaves=25)
FRONTMATTER = st.dictionaries(KEYS, VALUES, max_size=12)


def _valid_meta() -> dict:
    text = VALID_CASE.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


VALID_META = _valid_meta()
VALID_BODY = VALID_CASE.read_text(encoding="utf-8").split("---\n", 2)[2]


def _dump(meta) -> str:
    # sort_keys=False: keys of mixed types cannot be sorted
    return yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=None)


@st.composite
def mutated_valid_meta(draw):
    """The valid fixture case with one field (top level or nested) replaced, added or removed."""
    meta = yaml.safe_load(yaml.safe_dump(VALID_META))
    path, field = draw(st.sampled_from(list(schema.iter_fields())))
    parts = path.replace("[]", "").split(".")
    target = meta
    for part in parts[:-1]:
        value = target.get(part)
        if isinstance(value, list):
            value = value[0] if value else None
        if not isinstance(value, dict):
            return meta
        target = value
    action = draw(st.sampled_from(["replace", "delete", "text"]))
    if action == "delete":
        target.pop(parts[-1], None)
    elif action == "text":
        target[parts[-1]] = draw(TEXT) if field.kind != "list" else draw(st.lists(TEXT, max_size=3))
    else:
        target[parts[-1]] = draw(VALUES)
    return meta


# Helpers -----------------------------------------------------------------------------------------
def check_report(report) -> list[Problem]:
    assert isinstance(report, Report)
    for problem in report.problems:
        assert isinstance(problem, Problem), problem
        assert isinstance(problem.message, str) and problem.message
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1)
        str(problem)  # printable as path:line: message
    return report.problems


def validate_file(workdir: Path, content: str | bytes, name: str = "x.md", folder: str = "2567") -> list[Problem]:
    cases = workdir / "cases"
    shutil.rmtree(cases, ignore_errors=True)
    path = cases / folder / name
    path.parent.mkdir(parents=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8", "surrogatepass"))
    problems = check_report(validate([path], data_dir=DATA_DIR, cases_dir=cases))
    problems += check_report(validate(data_dir=DATA_DIR, cases_dir=cases))  # the whole folder, as the build does
    return problems


# Properties --------------------------------------------------------------------------------------
@SETTINGS
@given(FRONTMATTER, st.text(max_size=200))
def test_arbitrary_frontmatter_never_crashes_the_validator(workdir, meta, body):
    validate_file(workdir, "---\n" + _dump(meta) + "---\n" + body)


@SETTINGS
@given(st.text(st.one_of(ANY_CHAR, CONTROL, st.sampled_from("\n\n---:-[]{}&*!|>'\"#")), max_size=300))
@example("---\n" + "[" * 3000 + "]" * 3000 + "\n---\n")  # nested too deeply for a recursive parser
@example("---\ntitle: a\x00b\n---\n")  # NUL
@example("---\nyear: " + "9" * 5000 + "\n---\n")  # more digits than Python converts
@example("---\naward: {branch: [x], category: [y], level: {z: 1}}\nyear: 2567\nid: [x]\n---\n")  # unhashable values
@example("---\nid: x\nyear: true\nbuilds_on: x\n---\n")
@example("---\n? [a]\n: b\n---\n")  # a list as a key
@example("---\n- a\n- b\n---\n")  # not a mapping
@example("---\n---\n")
@example("\ufeff---\r\ntitle: x\r---\r\n")
def test_arbitrary_text_never_crashes_the_validator(workdir, text):
    validate_file(workdir, "---\n" + text if not text.startswith("\ufeff") and not text.startswith("---") else text)


@SETTINGS
@given(st.binary(max_size=400))
@example(b"\xef\xbb\xbf---\r\nid: x\r\n---\r\n")
@example(b"---\ntitle: \xff\xfe\n---\n")
@example(b"\x00" * 64)
def test_arbitrary_bytes_never_crash_the_validator(workdir, data):
    validate_file(workdir, data)
    validate_file(workdir, b"---\n" + data)


@SETTINGS
@given(mutated_valid_meta())
def test_a_case_the_validator_accepts_renders(workdir, meta):
    """Validation is the only gate before rendering: whatever passes it must render and export."""
    problems = validate_file(workdir, "---\n" + _dump(meta) + "---\n" + VALID_BODY, name="good-full-case.md")
    if problems:
        return
    parsed = parse(workdir / "cases" / "2567" / "good-full-case.md")
    corpus = build_corpus([parsed], _TAXONOMY)
    case = corpus.cases[0]
    html = casepage.header(corpus, case) + casepage.footer(corpus, case)
    pages = generated_pages(corpus)
    assert any(urls.case_url(case) in page.html or case.id in page.html for page in pages.values())

    class _Site:  # what exports.export_texts reads
        pass

    site = _Site()
    site.corpus, site.taxonomy = corpus, _TAXONOMY
    texts = exports.export_texts(site)
    assert case.id in texts["cases.json"]
    for text_field in ("title", "title_en", "pain_point", "solution", "impact"):
        value = parsed.meta.get(text_field)  # as read back: YAML may normalise what was written
        if isinstance(value, str) and value.strip():
            assert escape(value, quote=False) in html, text_field  # shown, and escaped as text


def test_nested_aliases_cannot_blow_up_the_messages(workdir):
    """A few hundred bytes of nested YAML aliases expand to gigabytes (the 'billion laughs');
    a case file may not use aliases at all."""
    levels = 9
    text = ("---\nk0: &a0 [x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"k{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, levels))
            + f"title: *a{levels - 1}\nnotes: [*a{levels - 1}]\n---\n")
    started = time.monotonic()
    problems = validate_file(workdir, text)
    assert time.monotonic() - started < 10
    assert max(len(p.message) for p in problems) < 500
    assert any("the alias *a0 is not allowed in a case file" in p.en for p in problems)
    assert any("ใช้ alias *a0 ไม่ได้ในไฟล์กรณีศึกษา" in p.message for p in problems)


@pytest.mark.parametrize("written", ["ก\x85ข", "ก\u2028ข", "ก\u200bข"])
def test_characters_yaml_would_change_or_hide_are_refused(workdir, written):
    """PyYAML reads U+0085 (NEL) and U+2028 as line breaks, so a title would silently change;
    the validator refuses them (and zero-width characters), however YAML writes them."""
    meta = yaml.safe_load(yaml.safe_dump(VALID_META))
    meta["title"] = written
    text = "---\n" + _dump(meta) + "---\n" + VALID_BODY
    problems = validate_file(workdir, text, name="good-full-case.md")  # the file alone, then the folder
    code = f"U+{ord(written[1]):04X}"
    line = next(i for i, raw in enumerate(text.split("\n"), 1) if raw.startswith("title:"))
    assert [p.line for p in problems if code in p.message and "title" in p.message] == [line, line], problems
