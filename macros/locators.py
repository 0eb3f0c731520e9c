"""Line numbers in source locators, as contributors write them in Thai.

A locator says where in a document (sources/*.txt) a fact is: 'หัวข้อ "2.5 ร่วมใจกัน" (บรรทัด 170-172)'.
The numbers follow the word บรรทัด ("line"), perhaps after ประมาณ ("about"), one line or a range,
and more of them may follow after a comma or และ ("and"): "บรรทัด 9-11 และ 21-23",
"บรรทัด 317, 472, 630". "ละบรรทัดว่าง" ("blank lines left out") has no number and is no citation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_RANGE = r"(\d+)(?:\s*[-–]\s*(\d+))?"
# บรรทัด, perhaps ประมาณ, then the first range; the others are found by _MORE from its end.
_LINES = re.compile(r"บรรทัด\s*(?:ประมาณ\s*)?" + _RANGE)
_MORE = re.compile(r"\s*(?:,|และ)\s*" + _RANGE)


@dataclass(frozen=True)
class LineSpan:
    """Lines first..last of a document, written at locator[start:end] ("149-190")."""
    first: int
    last: int
    start: int
    end: int

    @property
    def anchor(self) -> str:
        """The fragment of these lines on a source page: L149, or L149-L190 for a range."""
        return f"L{self.first}" if self.first == self.last else f"L{self.first}-L{self.last}"


def _span(match: re.Match) -> LineSpan:
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else first
    return LineSpan(first, max(first, last), match.start(1), match.end())


def line_spans(locator: str) -> list[LineSpan]:
    """Every line or range that `locator` cites, in the order written."""
    spans: list[LineSpan] = []
    for match in _LINES.finditer(locator or ""):
        spans.append(_span(match))
        pos = match.end()
        while (more := _MORE.match(locator, pos)) is not None:
            spans.append(_span(more))
            pos = more.end()
    return spans
