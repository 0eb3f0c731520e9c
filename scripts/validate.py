#!/usr/bin/env python3
"""Check case files and the award data; print `path:line: message` per problem (Thai), then a count.

Usage: python scripts/validate.py [PATH ...]   (no path: every case under content/cases, and any case
                                                file elsewhere in the project, which the site would miss)
       python scripts/validate.py --lang en     (the messages in English)
       python scripts/validate.py --format github   (GitHub Actions annotations, Thai and English, and
                                                      every problem in the job summary)
Exit status: 1 if any problem was found, 0 otherwise.
"""
import argparse
import os
import sys
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
from macros.validate import CASES_DIR, LANGS, validate

COUNTS = {
    "th": ("พบ {problems} ปัญหาใน {files} ไฟล์; ตรวจไฟล์กรณีศึกษา {cases} ไฟล์",
           "ไม่พบปัญหา: ตรวจไฟล์กรณีศึกษา {cases} ไฟล์ และข้อมูลระบบรางวัลแล้ว"),
    "en": ("{problems} problem(s) in {files} file(s); {cases} case file(s) checked",
           "no problems: {cases} case file(s) and the award data checked"),
}


def _escape(text, prop=False):
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def _relative(problem, directory) -> str:
    path = os.path.relpath(problem.path, directory) if os.path.isabs(problem.path) else problem.path
    return Path(path).as_posix()


def github_annotation(problem, directory) -> str:
    """A GitHub Actions workflow command that marks the problem on the file's line in a pull request,
    in Thai and, below it, in English."""
    where = f"file={_escape(_relative(problem, directory), True)}"
    if problem.line:
        where += f",line={problem.line}" + (f",col={problem.column}" if problem.column else "")
    message = problem.message if not problem.en or problem.en == problem.message else \
        f"{problem.message}\n\n{problem.en}"
    return f"::error {where}::{_escape(message)}"


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def summary_markdown(problems, cases: int, directory) -> str:
    """Every problem for the job summary: GitHub shows at most 10 annotations per step."""
    if not problems:
        return f"### ✅ ตรวจกรณีศึกษาแล้ว ไม่พบปัญหา\n\n{COUNTS['en'][1].format(cases=cases)}\n"
    files = len({p.path for p in problems})
    lines = [f"### ❌ {COUNTS['th'][0].format(problems=len(problems), files=files, cases=cases)}", "",
             f"{COUNTS['en'][0].format(problems=len(problems), files=files, cases=cases)}. "
             "แก้ตามคำแนะนำหลังคำว่า “แก้:” แล้วส่งการแก้ไขอีกครั้ง (ดู CONTRIBUTING.md หัวข้อการตรวจอัตโนมัติ)", "",
             "| ไฟล์ (file) | บรรทัด (line) | ปัญหาและวิธีแก้ | Problem (English) |", "|---|---|---|---|"]
    for p in problems:
        lines.append(f"| `{_cell(_relative(p, directory))}` | {p.line or ''} | {_cell(p.message)} | {_cell(p.en)} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="case files or folders (default: content/cases)")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR,
                        help="the whole corpus, against which ids and builds_on are checked (default: content/cases)")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="text: path:line: message (default); github: GitHub Actions error annotations")
    parser.add_argument("--lang", choices=LANGS, default="th", help="language of the messages (default: th)")
    parser.add_argument("--summary", type=Path, default=None,
                        help="append every problem as a Markdown table to this file "
                             "(default with --format github: $GITHUB_STEP_SUMMARY)")
    args = parser.parse_args(argv)
    report = validate(args.paths, cases_dir=args.cases_dir)
    problems, parsed = report.problems, report.parsed
    here = os.getcwd()
    for problem in problems:
        print(github_annotation(problem, here) if args.format == "github" else problem.relative_to(here, args.lang))
    summary = args.summary or (os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None)
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(problems, len(parsed), here))
    found, clean = COUNTS[args.lang]
    if problems:
        print(found.format(problems=len(problems), files=len({p.path for p in problems}), cases=len(parsed)),
              file=sys.stderr)
        return 1
    print(clean.format(cases=len(parsed)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
