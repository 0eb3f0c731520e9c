#!/usr/bin/env python3
"""Regenerate what is written from the case schema: the field reference in CONTRIBUTING.md
(between <!-- fields:start --> and <!-- fields:end -->) and the issue forms in .github/ISSUE_TEMPLATE/.

Usage: python scripts/gen_docs.py            rewrite the files
       python scripts/gen_docs.py --check    exit 1 if any of them is not what would be written
Run it after changing macros/schema.py or a data file; tests fail while the files are stale.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
from macros import fieldref
from macros.taxonomy import ROOT, Taxonomy

CONTRIBUTING = ROOT / "CONTRIBUTING.md"
FORMS_DIR = ROOT / ".github" / "ISSUE_TEMPLATE"


def expected(root: Path = ROOT) -> dict[Path, str]:
    """Path -> the text it should have."""
    taxonomy = Taxonomy.load(root / "data")
    contributing = root / CONTRIBUTING.relative_to(ROOT)
    files = {contributing: fieldref.replace_between_markers(contributing.read_text(encoding="utf-8"),
                                                            fieldref.markdown_reference(taxonomy))}
    for name, text in fieldref.issue_forms(taxonomy).items():
        files[root / FORMS_DIR.relative_to(ROOT) / name] = text
    return files


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the files are current")
    args = parser.parse_args(argv)
    stale = []
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    if args.check and stale:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python scripts/gen_docs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
