#!/usr/bin/env python3
"""Check case files and the award data; print `path:line: message` per problem, then a count.

Usage: python scripts/validate.py [PATH ...]   (no path: every case under content/cases)
       python scripts/validate.py --format github   (GitHub Actions annotations: ::error file=…,line=…::message)
Exit status: 1 if any problem was found, 0 otherwise.
"""
import argparse
import os
import sys
from pathlib import Path

import _bootstrap  # noqa: F401

from macros.validate import CASES_DIR, validate


def github_annotation(problem, directory) -> str:
    """A GitHub Actions workflow command that marks the problem on the file's line in a pull request."""
    def escape(text, prop=False):
        text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return text.replace(":", "%3A").replace(",", "%2C") if prop else text

    path = os.path.relpath(problem.path, directory) if os.path.isabs(problem.path) else problem.path
    where = f"file={escape(Path(path).as_posix(), True)}" + (f",line={problem.line}" if problem.line else "")
    return f"::error {where}::{escape(problem.message)}"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="case files or folders (default: content/cases)")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR,
                        help="the whole corpus, against which ids and builds_on are checked (default: content/cases)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text: path:line: message (default); github: GitHub Actions error annotations")
    args = parser.parse_args(argv)
    report = validate(args.paths, cases_dir=args.cases_dir)
    problems, parsed = report.problems, report.parsed
    for problem in problems:
        print(github_annotation(problem, os.getcwd()) if args.format == "github" else problem.relative_to(os.getcwd()))
    files = len({p.path for p in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {files} file(s); {len(parsed)} case file(s) checked", file=sys.stderr)
        return 1
    print(f"no problems: {len(parsed)} case file(s) and the award data checked", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
