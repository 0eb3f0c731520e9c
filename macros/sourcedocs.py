"""Reading the source documents (sources/*.txt) and finding every citation of them in the data:
the cases' sources and notes, data/awards.yaml and data/help_wanted.yaml."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .locators import line_spans
from .render.citations import note_spans
from .structure.case import Case
from .structure.inputs import SourceDocument
from .taxonomy import Taxonomy
from .yamlines import load_file

SOURCES_DIR = "sources"
HELP_WANTED = Path("data") / "help_wanted.yaml"


def load_documents(root: Path, taxonomy: Taxonomy) -> tuple[SourceDocument, ...]:
    """Every document data/sources.yaml lists, with its lines when sources/<file> exists. Line n
    of the site is line n of the file as `cat -n` numbers it (a final newline ends the last line)."""
    documents = []
    for doc in taxonomy.documents:
        path = Path(root) / SOURCES_DIR / str(doc["file"])
        lines = tuple(path.read_text(encoding="utf-8").splitlines()) if path.is_file() else None
        documents.append(SourceDocument(str(doc["file"]), str(doc.get("th", doc["file"])), str(doc.get("en", "")),
                                        doc.get("year"), lines))
    return tuple(documents)


def load_help_wanted(root: Path) -> tuple[dict[str, Any], ...]:
    path = Path(root) / HELP_WANTED
    return tuple((load_file(path) or {}).get("items", []) if path.exists() else ())


def data_citations(node: Any) -> Iterator[tuple[str, str]]:
    """(document, locator) of every mapping in `node` (YAML data, nested) that has both."""
    if isinstance(node, dict):
        if node.get("document") and isinstance(node.get("locator"), str):
            yield str(node["document"]), node["locator"]
        for value in node.values():
            yield from data_citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from data_citations(value)


def notes_document(case: Case) -> str | None:
    """The document a case's data notes mean by a bare line number: the case's one source document
    (a case citing several leaves such numbers unlinked unless the note names the document)."""
    documents = {s.document for s in case.sources}
    return next(iter(documents)) if len(documents) == 1 else None


def data_notes(node: Any) -> Iterator[tuple[str, str | None]]:
    """(Thai note, its item's source document) of every mapping in `node` with a `note`."""
    if isinstance(node, dict):
        note, source = node.get("note"), node.get("source")
        if isinstance(note, dict) and isinstance(note.get("th"), str):
            yield note["th"], (str(source["document"]) if isinstance(source, dict) and source.get("document") else None)
        for value in node.values():
            yield from data_notes(value)
    elif isinstance(node, list):
        for value in node:
            yield from data_notes(value)


def cited_anchors(taxonomy: Taxonomy, cases: Iterable[Case],
                  help_items: Iterable[dict[str, Any]]) -> dict[str, set[str]]:
    """document -> the fragments (L149-L190) of every range the site links to: the locators of the
    cases, awards.yaml and help_wanted.yaml, and the line numbers of notes and help-wanted questions
    (render.citations.note_spans decides their document). Each range gets an anchor of its own on the
    source page, so that a link scrolls there without JavaScript."""
    help_items = list(help_items)
    spans: list[tuple[str | None, Any]] = []
    for document, locator in data_citations([taxonomy.awards, help_items]):
        spans.extend((document, span) for span in line_spans(locator))
    notes: list[tuple[str, str | None]] = list(data_notes(taxonomy.awards))
    notes += [(str(item.get("question") or ""), item.get("document")) for item in help_items]
    for case in cases:
        spans.extend((s.document, span) for s in case.sources for span in line_spans(s.locator))
        notes += [(note, notes_document(case)) for note in case.notes]
    for text, default in notes:
        spans.extend((target, span) for span, target in note_spans(taxonomy, text, default))
    anchors: dict[str, set[str]] = {}
    for cited, span in spans:
        if cited and span.first != span.last:
            anchors.setdefault(cited, set()).add(span.anchor)
    return anchors
