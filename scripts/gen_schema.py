#!/usr/bin/env python3
"""Write schema/case.schema.json, the JSON Schema of a case's frontmatter, from macros/schema.py and data/.

Usage: python scripts/gen_schema.py            rewrite the file
       python scripts/gen_schema.py --check    exit 1 if the file is not what would be written
Run it after changing macros/schema.py or a data file (a new tag, category or source document).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
from macros.json_schema import case_schema, dumps
from macros.taxonomy import ROOT, Taxonomy

SCHEMA_FILE = ROOT / "schema" / "case.schema.json"


def generated(data_dir: Path | None = None) -> str:
    return dumps(case_schema(Taxonomy.load(data_dir) if data_dir else Taxonomy.load()))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is current")
    args = parser.parse_args(argv)
    text = generated()
    current = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else None
    if args.check:
        if current != text:
            print(f"{SCHEMA_FILE.relative_to(ROOT)} is out of date: run python scripts/gen_schema.py", file=sys.stderr)
            return 1
        return 0
    if current != text:
        SCHEMA_FILE.parent.mkdir(parents=True, exist_ok=True)
        SCHEMA_FILE.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {SCHEMA_FILE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
