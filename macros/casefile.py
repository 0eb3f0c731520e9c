"""Reading one case file: encoding, line endings and the frontmatter split, with line numbers."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import yamlines

BOUNDARY = "---"


@dataclass
class CaseFile:
    path: Path
    meta: dict | None = None  # None when the frontmatter could not be read
    body: str = ""
    body_line: int = 1  # line of the first body line in the file
    problems: list = field(default_factory=list)  # (line, message) found while reading
    meta_text: str = ""  # the frontmatter as written (from line 2), for checks of the text itself


def read_text(path: Path) -> str:
    """Decode as UTF-8 (a BOM is dropped) and normalise CRLF/CR line endings."""
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse(path: Path, text: str | None = None) -> CaseFile:
    case = CaseFile(Path(path))
    try:
        text = read_text(case.path) if text is None else text
    except UnicodeDecodeError as err:
        case.problems.append((None, f"file must be UTF-8 text: byte {err.start} cannot be decoded"))
        return case
    lines = text.split("\n")
    if not lines or lines[0].strip() != BOUNDARY:
        case.problems.append((1, "file must start with a `---` line that opens the YAML frontmatter"))
        return case
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == BOUNDARY), None)
    if closing is None:
        case.problems.append((1, "frontmatter opened with `---` on line 1 is never closed: "
                                 "add a `---` line after the last field"))
        return case
    raw_meta = case.meta_text = "\n".join(lines[1:closing])
    try:
        meta = yamlines.load(raw_meta, first_line=2, aliases=False) if raw_meta.strip() else None
    except yamlines.YamlError as err:
        case.problems.append((err.line, err.message))
        return case
    if not isinstance(meta, dict):
        case.problems.append((2, f"frontmatter must be a mapping of fields, got {type(meta).__name__}"))
        return case
    case.meta = meta
    case.body_line = closing + 2
    case.body = "\n".join(lines[closing + 1:])
    return case
