"""GitHub issue-form bodies: reading the answers out of one, and writing one as GitHub does.

GitHub renders a submitted issue form as Markdown: for each element with a label, a line
`### <label>`, a blank line, the answer (or `_No response_`), a blank line. Checkboxes become
`- [X] option` lines. Line endings may come back as CRLF through the API.
"""
from __future__ import annotations

from dataclasses import dataclass

NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Answer:
    text: str  # "" for no response
    line: int  # 1-based line of the answer (of its heading when there is none) in the body


def labelled_elements(form: dict) -> list[dict]:
    return [e for e in form.get("body", []) if e.get("type") != "markdown" and e.get("attributes", {}).get("label")]


def parse(body: str, form: dict) -> dict[str, Answer]:
    """id -> Answer for every element of `form` with an id whose heading is in `body`. Headings
    are looked for in the form's order, so an answer containing `### something` stays in it."""
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    elements = labelled_elements(form)
    headings = []  # (line index, element)
    start = 0
    for element in elements:
        wanted = f"### {element['attributes']['label']}"
        index = next((i for i in range(start, len(lines)) if lines[i].rstrip() == wanted), None)
        if index is not None:
            headings.append((index, element))
            start = index + 1
    answers = {}
    for n, (index, element) in enumerate(headings):
        end = headings[n + 1][0] if n + 1 < len(headings) else len(lines)
        chunk = lines[index + 1:end]
        first = next((i for i, line in enumerate(chunk) if line.strip()), None)
        text = "\n".join(chunk).strip("\n")
        if text.strip() == NO_RESPONSE:
            text = ""
        if "id" in element:
            # the answer's first line (`_No response_`'s when empty), else the heading's
            answers[element["id"]] = Answer(text, index + 2 + first if first is not None else index + 1)
    return answers


def render(form: dict, answers: dict[str, str]) -> str:
    """The body GitHub writes for these answers (id -> text as the form shows it; checkboxes ticked)."""
    parts = []
    for element in labelled_elements(form):
        label = element["attributes"]["label"]
        if element["type"] == "checkboxes":
            value = "\n".join(f"- [X] {option['label']}" for option in element["attributes"]["options"])
        else:
            value = answers.get(element.get("id", ""), "") or NO_RESPONSE
        parts.append(f"### {label}\n\n{value}")
    return "\n\n".join(parts) + "\n"
