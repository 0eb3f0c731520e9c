"""A copy of this project with other case files: for fixture sites in tests and for the benchmark."""
from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Everything a build reads besides the case files.
PROJECT_PARTS = ("mkdocs.yml", "hooks.py", "macros", "overrides", "data", "sources")


def copy_project(where: Path, cases: Iterable[tuple[str, str]] = (), keep_cases: bool = False) -> Path:
    """`where`/project: this project with the given cases ((path under content/cases, text) pairs),
    added to the real ones when keep_cases is true, instead of them otherwise."""
    project = Path(where) / "project"
    project.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, project / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / part)
    ignore = None if keep_cases else shutil.ignore_patterns("cases")
    shutil.copytree(ROOT / "content", project / "content", ignore=ignore)
    for rel, text in cases:
        path = project / "content" / "cases" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (project / "content" / "cases").mkdir(exist_ok=True)
    return project
