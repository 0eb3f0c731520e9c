"""Checks for case files. Each check yields (line, message); callers print `path:line: message`.

Everything here derives from macros.schema (the fields) and macros.taxonomy (the allowed values).
"""
from __future__ import annotations

import difflib
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from . import schema, taxonomy as taxonomy_module
from .casefile import CaseFile, parse
from .schema import FIELDS, Field
from . import yamlines
from .yamlines import LineDict, LineList

ROOT = taxonomy_module.ROOT
CASES_DIR = ROOT / "content" / "cases"
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_OFFSET = 543

# Markup a stranger's pull request must not bring into a public-sector page. The body is checked
# as a whole: a tag or a Markdown attribute list (`{: onclick=…}`, the attr_list extension) may
# span lines, and `<svg/onload=…>` needs no space. Links are also checked with HTML entities
# decoded, as browsers read `javascript&#58;` and `java&#9;script:` as javascript: (an escaped
# `&lt;script&gt;` is text, though, so markup is looked for in the text as written).
_IN_ATTRIBUTES = r"(?:<[a-z!/?][^<>]*[\s/\"']|\{(?:[^{}]*[\s\"':])?)"
FORBIDDEN_BODY = (
    (re.compile(r"<\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<\s*iframe\b", re.I), "an <iframe> element"),
    (re.compile(r"<\s*object\b", re.I), "an <object> element"),
    (re.compile(r"<\s*embed\b", re.I), "an <embed> element"),
    (re.compile(r"<\s*style\b", re.I), "a <style> element"),
    (re.compile(r"<\s*(?:base|meta|link)\b", re.I), "a <base>, <meta> or <link> element"),
    (re.compile(r"<\s*form\b", re.I), "a <form> element"),
    (re.compile(_IN_ATTRIBUTES + r"on[a-z]+\s*=", re.I), "an inline event handler (on...=)"),
    (re.compile(_IN_ATTRIBUTES + r"style\s*=", re.I), "a style attribute"),
    # last: also looked for with entities decoded
    (re.compile(r"[\s\x00-\x1f]*".join("javascript") + r"[\s\x00-\x1f]*:", re.I), "a javascript: link"),
)
HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"

    def relative_to(self, directory) -> str:
        """`path:line: message` with the path relative to `directory`, as the CLI prints it from there."""
        path = os.path.relpath(self.path, directory) if os.path.isabs(self.path) else self.path
        return str(Problem(path, self.line, self.message))


def _suggest(value, allowed) -> str:
    close = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _allowed(allowed, limit=40) -> str:
    shown = ", ".join(str(a) for a in allowed[:limit])
    return shown + (f", … ({len(allowed)} in all)" if len(allowed) > limit else "")


def _type_name(value) -> str:
    return {str: "text", int: "a whole number", float: "a number", bool: "true/false",
            LineDict: "a mapping", dict: "a mapping", LineList: "a list", list: "a list",
            type(None): "nothing"}.get(type(value), type(value).__name__)


def _line(container, key, fallback):
    if isinstance(container, LineDict):
        return container.line_of(key, fallback)
    if isinstance(container, LineList) and isinstance(key, int):
        return container.line_of(key)
    return fallback


def check_value(f: Field, value, path: str, line: int, meta: dict, tax) -> iter:
    """Check one value against its field definition; recurse into mappings and lists."""
    if f.kind == "mapping":
        if not isinstance(value, dict):
            yield line, f"{path} must be a mapping with fields {', '.join(c.name for c in f.children)}, got {_type_name(value)}"
            return
        yield from check_mapping(f.children, value, path + ".", meta, tax, line)
        return
    if f.kind == "list":
        if not isinstance(value, list):
            yield line, f"{path} must be a list (one `- item` per line), got {_type_name(value)} {value!r}"
            return
        if f.required and not value:
            yield line, f"{path} must have at least one item"
        for i, item in enumerate(value):
            yield from check_value(f.item, item, f"{path}[{i}]", _line(value, i, line), meta, tax)
        return
    if f.kind == "int":
        if isinstance(value, str) and value.strip().translate(THAI_DIGITS).isdigit():
            yield line, (f"{path} must be written with Arabic digits as a number, got {value!r}; "
                         f"write {value.strip().translate(THAI_DIGITS)}")
            return
        if not isinstance(value, int) or isinstance(value, bool):
            yield line, f"{path} must be a whole number, got {_type_name(value)} {value!r}"
            return
    elif f.kind == "number":
        if isinstance(value, str):
            plain = value.strip().translate(THAI_DIGITS).replace(",", "")
            hint = f"; write {plain}" if re.fullmatch(r"-?\d+(\.\d+)?", plain) else ""
            yield line, (f"{path} must be a plain number such as 1234.5 (no thousands separators, "
                         f"no units: put the unit in `unit`), got text {value!r}{hint}")
            return
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            yield line, f"{path} must be a number, got {_type_name(value)} {value!r}"
            return
    elif f.kind == "str":
        if not isinstance(value, str):
            yield line, f"{path} must be text, got {_type_name(value)} {value!r}"
            return
        if not value.strip():
            required = f.required is True or (f.required == "full" and meta.get("status") == "full")
            yield line, f"{path} is empty: fill it in" + ("" if required else ", or delete the line")
            return
        if f.pattern and not re.fullmatch(f.pattern, value):
            rule = f.extra.get("pattern_en", "lowercase ASCII letters, digits and single hyphens")
            yield line, (f"{path} must be {rule} "
                         f"(such as {f.example or 'pang-mapha-smart-hospital'!s}), got {value!r}")
            return
        if f.max_chars and len(value) > f.max_chars:
            yield line, (f"{path} must be one to three sentences (at most {f.max_chars} characters), "
                         f"got {len(value)} characters; move the rest into the body")
    if f.minimum is not None and f.maximum is not None and not f.minimum <= value <= f.maximum:
        if f.name == "year" and 1900 <= value <= 2100:
            yield line, (f"{path} must be a Buddhist-era year such as 2567, got {value} "
                         f"(a Common-era year? add 543: {value + BE_OFFSET})")
        else:
            yield line, f"{path} must be between {f.minimum} and {f.maximum}, got {value}"
        return
    if f.choices == "category" and not _award_context_valid(meta, tax):
        return  # the branch or year is wrong already: one message is enough
    if f.choices:
        allowed = tax.choices(f.choices, meta)
        if value not in allowed:
            yield line, _choice_message(f, path, value, allowed, meta, tax)


def _award_context_valid(meta, tax) -> bool:
    award, year = meta.get("award"), meta.get("year")
    branch = award.get("branch") if isinstance(award, dict) else None
    return (isinstance(branch, str) and branch in tax.branches and isinstance(year, int) and not isinstance(year, bool)
            and schema.YEAR_MIN <= year <= schema.YEAR_MAX)


def _choice_message(f, path, value, allowed, meta, tax) -> str:
    if f.choices == "category":
        award = meta.get("award") or {}
        branch, year = award.get("branch"), meta.get("year")
        cat = tax.category(branch, value) if isinstance(branch, str) else None
        if cat is not None:
            years = tax.category_years(cat)
            return (f"{path} {value!r} of branch {branch!r} is awarded only in {_allowed(years)}, "
                    f"not in {year}; categories of {branch!r} in {year}: {_allowed(allowed) or 'none'}")
        return (f"{path} must be a category of branch {branch!r} in {year}, got {value!r}"
                f"{_suggest(value, allowed)}; allowed: {_allowed(allowed) or 'none'}")
    if f.choices == "level":
        branch = (meta.get("award") or {}).get("branch")
        return (f"{path} must be a level of branch {branch!r}, got {value!r}{_suggest(value, allowed)}; "
                f"allowed: {_allowed(allowed)}")
    if f.choices == "province":
        by_key = tax.province_by_key.get(str(value).lower()) if isinstance(value, str) else None
        hint = f"; write the Thai name {by_key['th']!r}" if by_key else _suggest(value, allowed)
        return (f"{path} must be one of the 77 provinces in Thai, or {', or '.join(map(repr, tax.scopes))}, "
                f"got {value!r}{hint}")
    if f.choices == "inferable_field":
        return (f"{path} must name a value the case page shows, as a dotted path ({_allowed(allowed)}), "
                f"got {value!r}{_suggest(value, allowed)}; explain any other doubt in notes")
    return f"{path} must be one of {_allowed(allowed)}, got {value!r}{_suggest(value, allowed)}"


def check_inferred(meta: dict):
    """Each inferred value is marked once, and only where the case gives that value."""
    items = meta.get("inferred")
    if not isinstance(items, list):
        return
    seen = set()
    for i, item in enumerate(items):
        path = item.get("field") if isinstance(item, dict) else None
        if path not in schema.INFERABLE_FIELDS:
            continue  # reported by the field checks
        line = _line(item, "field", _line(items, i, 2))
        if path in seen:
            yield line, f"inferred[{i}].field {path!r} is marked twice: give one item per field, with one reason"
        seen.add(path)
        value = meta
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is None:
            yield line, (f"inferred[{i}].field {path!r} has no value in this case: mark only a value the case "
                         "gives, or delete the item")


def check_mapping(fields, data: dict, prefix: str, meta: dict, tax, line: int):
    names = [f.name for f in fields]
    for key in data:
        if key not in names:
            yield (_line(data, key, line), f"unknown field {prefix}{key}{_suggest(key, names)}; "
                   f"allowed fields: {', '.join(names)}")
    status = meta.get("status")
    for f in fields:
        required = f.required is True or (f.required == "full" and status == "full")
        if f.name not in data or data[f.name] is None:
            if required:
                why = " (required when status is full)" if f.required == "full" else ""
                yield line, f"missing required field {prefix}{f.name}{why}: {f.en}"
            continue
        yield from check_value(f, data[f.name], prefix + f.name, _line(data, f.name, line), meta, tax)
    if prefix.startswith("metrics["):
        if "value" not in data and not ("before" in data and "after" in data):
            yield line, f"{prefix.rstrip('.')} needs `value`, or both `before` and `after`"
    if prefix.startswith("sources["):
        if "document" not in data and not ("title" in data and "url" in data):
            yield line, (f"{prefix.rstrip('.')} needs `document` (a file listed in data/sources.yaml), "
                         "or both `title` and `url` of the published document")


def check_body(case: CaseFile, meta: dict):
    text = HTML_COMMENT.sub("", case.body)
    # Entities decoded line by line (a decoded &#10; becomes a space), so line numbers stay right.
    decoded = "\n".join(html.unescape(raw).replace("\n", " ").replace("\r", " ") for raw in case.body.split("\n"))
    found = sorted({(source.count("\n", 0, match.start()), i)
                    for i, (pattern, _) in enumerate(FORBIDDEN_BODY)
                    for source in ((case.body, decoded) if i == len(FORBIDDEN_BODY) - 1 else (case.body,))
                    for match in pattern.finditer(source)})
    for offset, i in found:
        yield (case.body_line + offset, f"body must not contain {FORBIDDEN_BODY[i][1]}: case text is shown as "
               "written, so use plain Markdown (links, lists, tables) instead")
    if meta.get("status") != "full":
        return
    if not text.strip():
        yield case.body_line, ("body is empty: a full case tells its story under the headings "
                               + ", ".join(f"## {th}" for th, _ in schema.FULL_CASE_SECTIONS))
        return
    headings = [(case.body_line + i, m.group(1)) for i, raw in enumerate(case.body.split("\n"))
                if (m := HEADING.match(raw))]
    expected = [th for th, _ in schema.FULL_CASE_SECTIONS]
    found = [h for _, h in headings]
    if found != expected:
        missing = [h for h in expected if h not in found]
        extra = [h for h in found if h not in expected]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(f"'## {h}'" for h in missing))
        if extra:
            detail.append("unexpected " + ", ".join(f"'## {h}'" for h in extra) + " (use ### inside a section)")
        if not missing and not extra:
            detail.append("they are out of order")
        where = headings[0][0] if headings else case.body_line
        yield where, ("a full case's body has exactly the sections " + ", ".join(f"'## {h}'" for h in expected)
                      + " in that order: " + "; ".join(detail))
        return
    lines = case.body.split("\n")
    starts = [line - case.body_line for line, _ in headings] + [len(lines)]
    for (line, heading), start, end in zip(headings, starts, starts[1:]):
        if not HTML_COMMENT.sub("", "\n".join(lines[start + 1:end])).strip():
            yield line, (f"section '## {heading}' is empty: write what the source says, or one sentence "
                         "saying the source does not describe it")


def check_case(case: CaseFile, tax):
    """Yield (line, message) for one parsed case file (file-local checks only)."""
    yield from case.problems
    meta = case.meta
    if meta is None:
        return
    yield from check_mapping(FIELDS, meta, "", meta, tax, 2)
    cid, year = meta.get("id"), meta.get("year")
    if isinstance(cid, str) and case.path.stem != cid:
        yield (_line(meta, "id", 2), f"id {cid!r} must match the file name: rename the file to {cid}.md "
               f"or set id: {case.path.stem}")
    folder = case.path.resolve().parent.name
    if isinstance(year, bool):  # `year: true` is reported by the type check alone
        year = None
    if isinstance(year, int) and folder != str(year):
        yield (_line(meta, "year", 2), f"a case of year {year} belongs in content/cases/{year}/, "
               f"but this file is in a folder named {folder!r}")
    award = meta.get("award")
    if isinstance(award, dict) and isinstance(year, int):
        branch, category = award.get("branch"), award.get("category")
        cat = tax.category(branch, category) if isinstance(branch, str) and isinstance(category, str) else None
        edition = tax.edition(cat, year) if cat else None
        window = (edition or {}).get("builds_on") or {}
        if window.get("required") and not meta.get("builds_on") and not meta.get("builds_on_unrecorded"):
            yield (_line(award, "category", 2), f"category {award.get('category')!r} expands an earlier "
                   "winning work: set builds_on to that case's id (or builds_on_unrecorded to what the "
                   "source says of it, if it is not in the knowledge base yet)")
    if meta.get("builds_on") and meta.get("builds_on_unrecorded"):
        yield _line(meta, "builds_on_unrecorded", 2), "set either builds_on or builds_on_unrecorded, not both"
    yield from check_inferred(meta)
    yield from check_body(case, meta)


def check_corpus(parsed: list[CaseFile], tax, known: dict | None = None):
    """Cross-file checks: unique ids, builds_on targets. Yields (path, line, message).

    `known` maps id -> meta for cases outside `parsed` (validating a few files against the rest).
    """
    by_id: dict = {}
    for case in parsed:
        if case.meta and isinstance(case.meta.get("id"), str):
            by_id.setdefault(case.meta["id"], []).append(case)
    for cid, group in by_id.items():
        if len(group) > 1:
            others = ", ".join(str(c.path) for c in group)
            for case in group:
                yield case.path, _line(case.meta, "id", 2), f"id {cid!r} is used by more than one case ({others}); ids must be unique"
    metas = dict(known or {})
    metas.update({cid: group[0].meta for cid, group in by_id.items()})
    for case in parsed:
        meta = case.meta
        target = meta.get("builds_on") if meta else None
        if not isinstance(target, str):
            continue
        line = _line(meta, "builds_on", 2)
        base = metas.get(target)
        if base is None:
            yield case.path, line, (f"builds_on {target!r} is not the id of any case{_suggest(target, list(metas))}; "
                                    "point it to the earlier winning case, or use builds_on_unrecorded")
            continue
        year, base_year = meta.get("year"), base.get("year")
        if not (isinstance(year, int) and isinstance(base_year, int)):
            continue
        if base_year >= year:
            yield case.path, line, (f"builds_on {target!r} won in {base_year}, which is not earlier than "
                                    f"this case's year {year}; an expansion builds on an earlier award")
            continue
        award = meta.get("award") if isinstance(meta.get("award"), dict) else {}
        branch, category = award.get("branch"), award.get("category")
        cat = tax.category(branch, category) if isinstance(branch, str) and isinstance(category, str) else None
        window = ((tax.edition(cat, year) if cat else None) or {}).get("builds_on") or {}
        lo, hi = window.get("min_years"), window.get("max_years")
        gap = year - base_year
        if (lo is not None and gap < lo) or (hi is not None and gap > hi):
            yield case.path, line, (f"builds_on {target!r} won in {base_year}, {gap} years before {year}; "
                                    f"category {award.get('category')!r} in {year} accepts works awarded "
                                    f"{lo if lo is not None else 1} to {hi if hi is not None else '…'} years earlier")


def case_paths(paths) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        p = Path(p)
        found.extend(sorted(p.rglob("*.md")) if p.is_dir() else [p])
    return found


@dataclass
class Report:
    problems: list[Problem]
    parsed: list[CaseFile]
    taxonomy: "taxonomy_module.Taxonomy | None"  # None when a data file cannot be read


def validate(paths=None, data_dir=None, cases_dir: Path = CASES_DIR) -> Report:
    """Check the taxonomy and the given case files (all cases when paths is empty)."""
    problems: list[Problem] = []
    try:
        tax = taxonomy_module.Taxonomy.load(data_dir or taxonomy_module.DATA_DIR)
    except yamlines.YamlError as err:  # a broken data file: nothing else can be checked
        return Report([Problem(str(err.path), err.line, err.message)], [], None)
    data_rel = Path(tax.data_dir)
    problems += [Problem(str(data_rel / name), line or None, msg) for name, line, msg in taxonomy_module.check(tax)]
    targets = case_paths(paths or [cases_dir])
    parsed = [parse(p) for p in targets]
    for case in parsed:
        problems += [Problem(str(case.path), line, msg) for line, msg in check_case(case, tax)]
    known = None
    if paths:  # validate a few files against the whole corpus for ids and builds_on
        target_set = {p.resolve() for p in targets}
        others = [parse(p) for p in case_paths([cases_dir]) if p.resolve() not in target_set]
        known = {c.meta["id"]: c.meta for c in others if c.meta and isinstance(c.meta.get("id"), str)}
        ids = {c.meta.get("id") for c in parsed if c.meta and isinstance(c.meta.get("id"), str)}
        for cid in ids & set(known):
            for c in parsed:
                if c.meta and c.meta.get("id") == cid:
                    problems.append(Problem(str(c.path), _line(c.meta, "id", 2),
                                            f"id {cid!r} is already used by another case; ids must be unique"))
    problems += [Problem(str(path), line, msg) for path, line, msg in check_corpus(parsed, tax, known)]
    return Report(sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message)), parsed, tax)
