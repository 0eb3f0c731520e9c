"""The validator: case files and the award data against macros.schema and macros.taxonomy.

    problems.py  what is reported: Problem (a file, a line, a Thai and an English message) and wording
    syntax.py    file rules: encoding, the `---` lines, YAML syntax in plain words
    fields.py    field rules: types, allowed values, lengths, invisible characters
    body.py      body rules: forbidden markup, the sections of a full case
    case.py      one file's checks, in order
    corpus.py    corpus rules: unique ids, builds_on, case files outside content/cases/<year>/

Public entry points: `validate()` (a Report for the corpus or some files) and `validate_file()`
(the problems of one file, checked against the corpus), used by scripts/validate.py, the build
(macros/site.py) and the contributor tools.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import taxonomy as taxonomy_module
from .. import yamlines
from ..casefile import CaseFile, parse
from .body import FORBIDDEN_BODY, check_body
from .case import check_case
from .corpus import check_builds_on, check_ids, misplaced, misplaced_file
from .fields import BE_OFFSET, INVISIBLE, THAI_DIGITS, check_mapping, check_value
from .problems import LANGS, Msg, Problem, from_check, problem

ROOT = taxonomy_module.ROOT
CASES_DIR = ROOT / "content" / "cases"

__all__ = ["BE_OFFSET", "CASES_DIR", "FORBIDDEN_BODY", "INVISIBLE", "LANGS", "FileChecks", "Msg", "Problem", "ROOT",
           "Report", "THAI_DIGITS", "case_paths", "check_body", "check_case", "check_mapping", "check_value",
           "file_signature", "validate", "validate_file"]


def case_paths(paths) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        found.extend(sorted(p.rglob("*.md")) if p.is_dir() else [p])
    return found


def project_root(cases_dir: Path) -> Path:
    """The project whose case files belong in `cases_dir`: two levels up from content/cases."""
    cases_dir = Path(cases_dir).resolve()
    return cases_dir.parent.parent if cases_dir.parent.name == "content" else cases_dir.parent


def file_signature(path) -> tuple[int, int]:
    """A file's modification time and size, (-1, -1) when it cannot be read: what tells a
    preview that a file was saved (FileChecks, macros.preview)."""
    try:
        stat = Path(path).stat()
    except OSError:
        return (-1, -1)
    return (stat.st_mtime_ns, stat.st_size)


class FileChecks:
    """Each case file's own checks (parse, then check_case), kept by the file's size and
    modification time: `mkdocs serve` re-checks only the files saved since its last build. The award
    data must be the same for as long as one FileChecks is used (the preview starts a new one when
    data/ changes). Without a cache, every file is read as it is now."""

    def __init__(self) -> None:
        self.kept: dict[Path, tuple[tuple[int, int], CaseFile, list[Problem]]] = {}
        self.fresh: set[Path] = set()  # the files read again (the caller clears it)
        self.seen: set[Path] = set()  # the files checked, kept or read (the caller clears it)

    def checked(self, path: Path, tax) -> tuple[CaseFile, list[Problem]]:
        signature = file_signature(path)
        self.seen.add(path)
        kept = self.kept.get(path)
        if kept is not None and kept[0] == signature:
            return kept[1], kept[2]
        case = parse(path)
        found = [from_check(case.path, check) for check in check_case(case, tax)]
        self.kept[path] = (signature, case, found)
        self.fresh.add(path)
        return case, found


@dataclass
class Report:
    problems: list[Problem]
    parsed: list[CaseFile]
    taxonomy: taxonomy_module.Taxonomy | None  # None when a data file cannot be read


def _data_problem(path, line, message) -> Problem:
    # The award data is the maintainers' (data/*.yaml); its rules stay in English in macros.taxonomy.
    return Problem(str(path), line or None, f"ข้อมูลระบบรางวัลใน data/ ไม่ถูกต้อง (ผู้ดูแลเว็บไซต์แก้ไข): {message}",
                   message)


def validate(paths=None, data_dir=None, cases_dir: Path = CASES_DIR, root: Path | None = None,
             cache: FileChecks | None = None, taxonomy: taxonomy_module.Taxonomy | None = None) -> Report:
    """Check the award data and the given case files (every case under `cases_dir` when paths is
    empty, and then every Markdown file of the project that is a case outside `cases_dir` too).
    `cache` (a preview's, macros.content) keeps each file's own checks while the file is unchanged;
    `taxonomy`: the award data as read already from `data_dir`, while data/ is unchanged."""
    try:
        tax = taxonomy or taxonomy_module.Taxonomy.load(data_dir or taxonomy_module.DATA_DIR)
    except yamlines.YamlError as err:  # a broken data file: nothing else can be checked
        return Report([_data_problem(err.path, err.line, err.message)], [], None)
    root = Path(root) if root is not None else project_root(cases_dir)
    problems = [_data_problem(Path(tax.data_dir) / name, line, msg) for name, line, msg in taxonomy_module.check(tax)]
    targets = case_paths(paths or [cases_dir])
    checks = FileChecks() if cache is None else cache
    parsed = []
    for path in targets:
        case, found = checks.checked(path, tax)
        parsed.append(case)
        problems += found
    known: dict = {}
    metas: dict = {}
    if paths:  # a few files, checked against the whole corpus for ids and builds_on
        target_set = {p.resolve() for p in targets}
        for other in (parse(p) for p in case_paths([cases_dir]) if p.resolve() not in target_set):
            if other.meta and isinstance(other.meta.get("id"), str):
                known.setdefault(other.meta["id"], other.path)
                metas.setdefault(other.meta["id"], other.meta)
        cases_root = Path(cases_dir).resolve()
        for path in targets:  # a file given by name that the site would never show
            resolved = path.resolve()
            if resolved.is_relative_to(root) and not resolved.is_relative_to(cases_root):
                problems += [problem(*found) for found in misplaced_file(path, root)]
    else:
        problems += [problem(*found) for found in misplaced(root, cases_dir)]
    metas.update({c.meta["id"]: c.meta for c in parsed if c.meta and isinstance(c.meta.get("id"), str)})
    problems += [problem(*found) for found in check_ids(parsed, known, root)]
    problems += [problem(*found) for found in check_builds_on(parsed, metas, tax)]
    return Report(sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.column or 0, p.message)), parsed, tax)


def validate_file(path, cases_dir: Path = CASES_DIR, data_dir=None) -> list[Problem]:
    """The problems of one case file, checked against the corpus in `cases_dir` (its id must be new,
    its builds_on must exist). For tools that write or receive a case, such as scripts/new_case.py."""
    return validate([path], data_dir=data_dir, cases_dir=cases_dir).problems

