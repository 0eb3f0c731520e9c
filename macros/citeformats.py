"""How to cite a case: a Thai reference line, BibTeX and CSL-JSON (the format of Zotero, Mendeley
and citeproc), all from the case's own fields. Plain text; the page escapes it (casepage.py).

The award year is a Buddhist-era year (2567); BibTeX and CSL-JSON take Common-era years
(2567 - 543 = 2024) and keep the Thai year in a note, so a reference manager sorts them right.
"""
from __future__ import annotations

import json
from typing import Any

from .structure.case import Case
from .thaidate import BE_OFFSET

_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                   "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
_BIBTEX_TABLE = str.maketrans(_BIBTEX_SPECIAL)


def cite_key(case: Case) -> str:
    return f"psea-{case.year}-{case.id}"


def award_note(case: Case) -> str:
    return f"รางวัลเลิศรัฐ ประจำปี พ.ศ. {case.year}"


def thai_citation(case: Case, url: str, site_name: str) -> str:
    """หน่วยงาน. (ปี พ.ศ.). ชื่อผลงาน. ใน ชื่อคลังความรู้. URL"""
    return f"{case.agency.name}. ({case.year}). {case.title}. ใน {site_name}. {url}"


def bibtex_value(text: str) -> str:
    """`text` as a BibTeX field value: LaTeX's special characters escaped, in double braces so that a
    corporate author stays one name and a title keeps its case."""
    return "{{" + text.translate(_BIBTEX_TABLE) + "}}"


def bibtex(case: Case, url: str, site_name: str) -> str:
    fields = [
        ("author", bibtex_value(case.agency.name)),
        ("title", bibtex_value(case.title)),
        ("year", "{" + str(case.year - BE_OFFSET) + "}"),
        ("howpublished", bibtex_value(site_name)),
        ("url", "{" + url.replace("}", "%7D").replace("{", "%7B") + "}"),
        ("note", bibtex_value(award_note(case))),
        ("language", "{thai}"),
    ]
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{cite_key(case)},\n{body}\n}}"


def csl_item(case: Case, url: str, site_name: str) -> dict[str, Any]:
    return {
        "id": cite_key(case),
        "type": "webpage",
        "title": case.title,
        "author": [{"literal": case.agency.name}],
        "issued": {"date-parts": [[case.year - BE_OFFSET]]},
        "container-title": site_name,
        "URL": url,
        "language": "th",
        "note": award_note(case),
    }


def csl_json(case: Case, url: str, site_name: str) -> str:
    """CSL-JSON: an array of one item (what reference managers import)."""
    return json.dumps([csl_item(case, url, site_name)], ensure_ascii=False, indent=2)
