#!/usr/bin/env python3
"""The steps of .github/workflows/propose.yml, kept here so they can be tested.

  convert ISSUE_FILE --issue-title T   run issue_to_case.py and build the site with the file (--strict);
                                        write `ok`, `path`, `text_b64`, `problems_b64` to $GITHUB_OUTPUT
                                        (base64: any text is safe)
  write PATH TEXT_B64                  write the case file, refusing any path outside content/cases
  comment --number N [--pr-url U] [--problems-b64 P] [--text-b64 T]
                                        print the Thai comment for the issue (Markdown)

Every value from the issue reaches these steps through files and environment variables, never
through the workflow's own text; in the comment it is shown inside code blocks, so nothing in it
becomes a mention, a link or markup.
"""
from __future__ import annotations

import argparse
import base64
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import _bootstrap  # noqa: F401

ROOT = _bootstrap.ROOT
CASE_PATH = re.compile(r"content/cases/\d{4}/[a-z0-9]+(?:-[a-z0-9]+)*\.md")


def b64(text: str) -> str:
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def unb64(value: str) -> str:
    return base64.b64decode(value.encode("ascii"), validate=True).decode("utf-8") if value else ""


def convert(issue_file: Path, issue_title: str, root: Path = ROOT) -> dict:
    result = subprocess.run([sys.executable, str(root / "scripts" / "issue_to_case.py"), str(issue_file),
                             "--issue-title", issue_title], capture_output=True, text=True, cwd=root)
    if result.returncode == 0:
        path = result.stdout.strip().splitlines()[-1]
        return {"ok": "true", "path": path, "text_b64": b64((root / path).read_text(encoding="utf-8")),
                "problems_b64": ""}
    problems = result.stdout.replace(str(issue_file), "issue").strip() or result.stderr.strip()
    return {"ok": "false", "path": "", "text_b64": "", "problems_b64": b64(problems)}


def check_build(root: Path = ROOT) -> str:
    """Build the site with --strict, as CI does (a pull request opened with the workflow's token
    starts no other workflow, so CI runs only once a maintainer marks it ready for review).
    Returns "" or the build's error lines."""
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", out],
                                capture_output=True, text=True, cwd=root,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    if result.returncode == 0:
        return ""
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "ERROR" in line or "Aborted" in line]
    return "การสร้างเว็บไซต์ทดลองพร้อมไฟล์นี้ไม่ผ่าน:\n" + "\n".join(lines[-20:] or ["(ไม่มีข้อความ)"])


def write_outputs(values: dict, output_file: str) -> None:
    with open(output_file, "a", encoding="utf-8") as handle:
        for key, value in values.items():
            delimiter = f"EOF_{secrets.token_hex(8)}"
            handle.write(f"{key}<<{delimiter}\n{value}\n{delimiter}\n")


def write_case(path: str, text_b64: str, root: Path = ROOT) -> Path:
    if not CASE_PATH.fullmatch(path):
        raise ValueError(f"refusing to write {path!r}: a case file is content/cases/<year>/<id>.md")
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(unb64(text_b64), encoding="utf-8", newline="\n")
    return target


def fence(text: str) -> str:
    """A fenced code block that no backquotes in `text` can close."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}text\n{text}\n{marks}"


def comment(number: int, pr_url: str = "", problems: str = "", text: str = "") -> str:
    if problems:
        return (f"ยังสร้างไฟล์ผลงานจาก issue #{number} ไม่ได้ ต้องแก้คำตอบต่อไปนี้ก่อน "
                "(แต่ละบรรทัดบอก `issue:บรรทัด: คำตอบ «ช่อง»: สิ่งที่ต้องแก้` บรรทัดนับจากเนื้อหา issue):\n\n"
                f"{fence(problems)}\n\n"
                "แก้คำตอบด้วยเมนู **Edit** ของ issue นี้ แล้วระบบจะตรวจใหม่และตอบอีกครั้ง "
                "ถ้าไม่แน่ใจว่าต้องแก้อย่างไร ตอบในความเห็นได้ ผู้ดูแลจะช่วย")
    return (f"สร้างไฟล์ผลงานจาก issue #{number} แล้ว: pull request ฉบับร่าง {pr_url}\n\n"
            "ไฟล์ผ่านการตรวจด้วย `scripts/validate.py` และการสร้างเว็บไซต์ทดลอง (`mkdocs build --strict`) แล้ว "
            "ผู้ดูแลจะตรวจกับเอกสารอ้างอิง กด Ready for review (ระบบตรวจ CI จะทำงานอีกครั้ง) แล้วรวมเข้าคลังความรู้ "
            "เมื่อรวมแล้ว issue นี้จะปิดเอง ถ้าแก้คำตอบใน issue นี้ pull request จะอัปเดตตาม\n\n"
            "<details><summary>ตัวอย่างเนื้อหาไฟล์</summary>\n\n"
            f"{fence(text)}\n\n</details>")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("convert")
    c.add_argument("issue_file", type=Path)
    c.add_argument("--issue-title", default="")
    w = sub.add_parser("write")
    w.add_argument("path")
    w.add_argument("text_b64")
    m = sub.add_parser("comment")
    m.add_argument("--number", type=int, required=True)
    m.add_argument("--pr-url", default="")
    m.add_argument("--problems-b64", default="")
    m.add_argument("--text-b64", default="")
    args = parser.parse_args(argv)
    if args.command == "convert":
        values = convert(args.issue_file, args.issue_title)
        if values["ok"] == "true":
            failed = check_build()
            if failed:
                values = {"ok": "false", "path": "", "text_b64": "", "problems_b64": b64(failed)}
        if os.environ.get("GITHUB_OUTPUT"):
            write_outputs(values, os.environ["GITHUB_OUTPUT"])
        print(unb64(values["problems_b64"]) or values["path"])
        return 0
    if args.command == "write":
        print(write_case(args.path, args.text_b64))
        return 0
    print(comment(args.number, args.pr_url, unb64(args.problems_b64), unb64(args.text_b64)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
