#!/usr/bin/env python3
"""Turn a "เสนอผลงาน" issue (.github/ISSUE_TEMPLATE/propose-case.yml) into a case file.

Usage: python scripts/issue_to_case.py [FILE|-] [--cases-dir DIR]
       (FILE: the issue body as GitHub renders it; - or nothing: read it from standard input)

Writes content/cases/<year>/<id>.md and prints its path. The id is the one given, or one made from
the English title; if a case of any year has it already, -2, -3 … is added: nothing is overwritten.
The file is checked with the project's validator before it is written. When the answers cannot
become a valid case, nothing is written, each problem is printed as `FILE:line: คำตอบ …` (the line
of the answer in the issue body) and the exit status is 1.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
from macros import fieldref, issue_body, proposal
from macros.taxonomy import Taxonomy
from macros.validate import CASES_DIR, validate

PREFIX = "คำตอบ"


def taken_ids(cases_dir: Path) -> set[str]:
    """Ids in use: a case's id is its file name, in whichever year folder it is."""
    return {path.stem for path in Path(cases_dir).glob("*/*.md")}


def free_id(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def case_title(answer: str, issue_title: str, prefix: str) -> str:
    """The case's title: the form's answer, else the issue's title (a link from /propose/ can fill
    only one of the two, both being `title`), without the form's `[ผลงาน] ` prefix."""
    for text in (answer, issue_title):
        text = proposal.trim(text or "")
        if text.startswith(prefix.strip()):
            text = proposal.trim(text[len(prefix.strip()):])
        if text:
            return text
    return ""


def convert(body: str, source_name: str, cases_dir: Path, taxonomy: Taxonomy, issue_title: str = ""):
    """(path to write, text, problem lines). The path and text are None when there are problems."""
    form = fieldref.propose_form(taxonomy)
    answers = issue_body.parse(body, form)
    if "title" in answers:
        answers["title"] = issue_body.Answer(case_title(answers["title"].text, issue_title, form["title"]),
                                             answers["title"].line)
    labels = {q.id: q.field.th for q in proposal.questions()}

    def where(question_id: str) -> str:
        answer = answers.get(question_id)
        return f"{source_name}:{answer.line if answer else 1}: {PREFIX} «{labels.get(question_id, question_id)}»"

    built = proposal.build({qid: a.text for qid, a in answers.items()}, taxonomy)
    if built.problems:
        return None, None, [f"{where(qid)}: {text}" for qid, text in built.problems]
    meta = built.meta
    chosen = free_id(meta["id"], taken_ids(cases_dir))
    if chosen != meta["id"]:
        meta["id"] = chosen
        built.text, built.lines = proposal.case_text(meta)
    # Checked in a scratch folder against the whole corpus (ids, builds_on) before anything is written.
    with tempfile.TemporaryDirectory() as scratch:
        draft = Path(scratch) / str(meta["year"]) / f"{meta['id']}.md"
        draft.parent.mkdir()
        draft.write_text(built.text, encoding="utf-8")
        report = validate([draft], data_dir=taxonomy.data_dir, cases_dir=cases_dir)
        problems = []
        for problem in report.problems:
            if Path(problem.path).resolve() != draft.resolve():
                problems.append(f"{problem}")  # the data files: not the proposer's to fix, but say so
                continue
            question = built.lines.get(problem.line or 0, "status")
            problems.append(f"{where(question)}: {problem.message}")
    if problems:
        return None, None, problems
    return Path(cases_dir) / str(meta["year"]) / f"{meta['id']}.md", built.text, []


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("file", nargs="?", default="-", help="the issue body (default: standard input)")
    parser.add_argument("--issue-title", default="",
                        help="the issue's title: the case's title when its answer is empty")
    parser.add_argument("--cases-dir", type=Path, default=CASES_DIR, help="where cases live (default: content/cases)")
    args = parser.parse_args(argv)
    if args.file == "-":
        body, name = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace"), "issue"
    else:
        body, name = Path(args.file).read_bytes().decode("utf-8-sig", errors="replace"), args.file
    path, text, problems = convert(body, name, args.cases_dir, Taxonomy.load(), args.issue_title)
    if problems:
        for line in problems:
            print(line)
        print(f"ยังสร้างไฟล์ผลงานไม่ได้: แก้คำตอบ {len(problems)} จุดข้างต้น แล้วแก้ไข issue อีกครั้ง "
              "(ไม่มีไฟล์ใดถูกเขียน)", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    print(os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
