"""Corpus rules: what needs more than one file. Unique ids, builds_on targets, and case files that
the site would never show because they are not in content/cases/<Buddhist-era year>/.
Yields (path, line, Msg)."""
from __future__ import annotations

import os
import re
from pathlib import Path

from .. import schema
from ..casefile import CaseFile
from .problems import Msg, line_of, suggest

# Top-level fields that only a case has (a page's frontmatter may have a title, a template, hide).
CASE_KEYS = frozenset(f.name for f in schema.FIELDS) - {"title", "title_en", "notes", "tags"}
SKIP_DIRS = frozenset({".git", ".venv", "venv", "node_modules", "site", "tests", "__pycache__", ".github"})
_TOP_KEY = re.compile(r"^([A-Za-z_]+)\s*:(.*)$")


def shown(path, root) -> str:
    """A path as a contributor reads it: relative to the project when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def check_ids(parsed: list[CaseFile], known: dict, root):
    """One message per case whose id another case uses too; `known` maps id -> path of cases
    outside `parsed` (when a few files are checked against the rest)."""
    by_id: dict = {}
    for case in parsed:
        if case.meta and isinstance(case.meta.get("id"), str):
            by_id.setdefault(case.meta["id"], []).append(case)
    for cid, group in by_id.items():
        if len(group) + (cid in known) < 2:
            continue  # (shown() is a relpath: not for every one of thousands of cases)
        paths = [shown(c.path, root) for c in group] + ([shown(known[cid], root)] if cid in known else [])
        others = ", ".join(paths)
        for case in group:
            yield case.path, line_of(case.meta, "id", 2), Msg(
                f"id {cid!r} ซ้ำกัน มีกรณีศึกษามากกว่าหนึ่งไฟล์ใช้ id นี้ ({others}) — แก้: หากเป็นผลงานเดียวกัน ให้เก็บไว้"
                "ไฟล์เดียวในโฟลเดอร์ปีที่ได้รับรางวัล หากเป็นคนละผลงาน ให้ตั้ง id ใหม่แล้วเปลี่ยนชื่อไฟล์ให้ตรงกัน",
                f"id {cid!r} is used by more than one case ({others}); ids must be unique")


def check_builds_on(parsed: list[CaseFile], metas: dict, tax):
    for case in parsed:
        meta = case.meta
        target = meta.get("builds_on") if meta else None
        if not isinstance(target, str):
            continue
        line = line_of(meta, "builds_on", 2)
        base = metas.get(target)
        if base is None:
            near = suggest(target, list(metas))
            yield case.path, line, Msg(
                f"builds_on {target!r} ไม่ใช่ id ของกรณีศึกษาใด{near.th} — แก้: ใส่ id ของผลงานเดิมที่ได้รับรางวัล "
                "หรือใช้ builds_on_unrecorded แทน",
                f"builds_on {target!r} is not the id of any case{near.en}; "
                "point it to the earlier winning case, or use builds_on_unrecorded")
            continue
        assert meta is not None  # a builds_on was read from it
        year, base_year = meta.get("year"), base.get("year")
        if not (isinstance(year, int) and isinstance(base_year, int)):
            continue
        if base_year >= year:
            yield case.path, line, Msg(
                f"builds_on {target!r} ได้รับรางวัลปี {base_year} ซึ่งไม่ได้มาก่อนปี {year} ของกรณีศึกษานี้ — "
                "แก้: ใส่ id ของผลงานที่ได้รับรางวัลในปีก่อนหน้า",
                f"builds_on {target!r} won in {base_year}, which is not earlier than "
                f"this case's year {year}; an expansion builds on an earlier award")
            continue
        award = meta.get("award")
        branch, category = (award.get("branch"), award.get("category")) if isinstance(award, dict) else (None, None)
        cat = tax.category(branch, category) if isinstance(branch, str) and isinstance(category, str) else None
        window = ((tax.edition(cat, year) if cat else None) or {}).get("builds_on") or {}
        lo, hi = window.get("min_years"), window.get("max_years")
        gap = year - base_year
        if (lo is not None and gap < lo) or (hi is not None and gap > hi):
            lo_text, hi_text = lo if lo is not None else 1, hi if hi is not None else "…"
            yield case.path, line, Msg(
                f"builds_on {target!r} ได้รับรางวัลปี {base_year} ก่อนปี {year} {gap} ปี แต่ประเภท {category!r} ในปี {year} "
                f"รับผลงานที่ได้รับรางวัลมาก่อน {lo_text} ถึง {hi_text} ปี — แก้: ตรวจ id ของผลงานเดิม "
                "หรือใช้ builds_on_unrecorded ตามที่แหล่งข้อมูลบอก",
                f"builds_on {target!r} won in {base_year}, {gap} years before {year}; "
                f"category {category!r} in {year} accepts works awarded {lo_text} to {hi_text} years earlier")


def looks_like_case(path: Path) -> tuple[bool, int | None]:
    """Whether a Markdown file's frontmatter has fields only a case has; and its year, if written."""
    try:
        with open(path, encoding="utf-8-sig", errors="replace") as handle:
            if handle.readline().strip() != "---":
                return False, None
            keys, year = set(), None
            for number, raw in enumerate(handle):
                if raw.rstrip() == "---" or number > 400:
                    break
                match = _TOP_KEY.match(raw)
                if match:
                    keys.add(match.group(1))
                    if match.group(1) == "year" and re.fullmatch(r"\s*25\d\d\s*", match.group(2)):
                        year = int(match.group(2))
    except OSError:
        return False, None
    return len(keys & CASE_KEYS) >= 2, year


def misplaced(root: Path, cases_dir: Path):
    """Case files outside `cases_dir`: the site never shows them, so they must not pass in silence."""
    root, cases_dir = Path(root).resolve(), Path(cases_dir).resolve()
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                         and (here / d).resolve() != cases_dir)
        for name in sorted(files):
            path = here / name
            if name.endswith(".md"):
                yield from misplaced_file(path, root)


def misplaced_file(path: Path, root: Path):
    is_case, year = looks_like_case(path)
    if not is_case:
        return
    place = f"content/cases/{year}/{path.name}" if year else f"content/cases/<ปี พ.ศ.>/{path.name}"
    place_en = f"content/cases/{year}/{path.name}" if year else f"content/cases/<Buddhist-era year>/{path.name}"
    yield path, 1, Msg(
        f"ไฟล์นี้เป็นกรณีศึกษา แต่อยู่นอกโฟลเดอร์ content/cases/<ปี พ.ศ.>/ จึงไม่ถูกตรวจและไม่ขึ้นบนเว็บไซต์ — "
        f"แก้: ย้ายไฟล์ไปไว้ที่ {place}",
        f"this file is a case, but it is outside content/cases/<Buddhist-era year>/, so it is neither "
        f"checked nor shown on the site; move it to {place_en}")
