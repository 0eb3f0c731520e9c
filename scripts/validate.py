#!/usr/bin/env python3
"""Check case files and the award data; print `path:line: message` per problem, then a count.

Usage: python scripts/validate.py [PATH ...]   (no path: every case under content/cases)
Exit status: 1 if any problem was found, 0 otherwise.
"""
import argparse
import os
import sys

import _bootstrap  # noqa: F401

from macros.validate import validate


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="case files or folders (default: content/cases)")
    args = parser.parse_args(argv)
    report = validate(args.paths)
    problems, parsed = report.problems, report.parsed
    for problem in problems:
        path = os.path.relpath(problem.path) if os.path.isabs(problem.path) else problem.path
        print(f"{path}:{problem.line}: {problem.message}" if problem.line else f"{path}: {problem.message}")
    files = len({p.path for p in problems})
    if problems:
        print(f"{len(problems)} problem(s) in {files} file(s); {len(parsed)} case file(s) checked", file=sys.stderr)
        return 1
    print(f"no problems: {len(parsed)} case file(s) and the award data checked", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
