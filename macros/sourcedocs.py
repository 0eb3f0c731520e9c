"""Reading the source documents (sources/*.txt) and finding every citation of them in the data:
the cases' sources and notes, data/awards.yaml and data/help_wanted.yaml."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .locators import line_spans
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
    (a case citing several leaves the notes' line numbers unlinked: which document is not said)."""
    documents = {s.document for s in case.sources}
    return next(iter(documents)) if len(documents) == 1 else None


def case_citations(case: Case) -> Iterator[tuple[str, str]]:
    for source in case.sources:
        yield source.document, source.locator
    document = notes_document(case)
    if document:
        for note in case.notes:
            yield document, note


def cited_anchors(citations: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """document -> the fragments (L149-L190) of every range cited: each gets an anchor of its own
    on the source page, so that a link scrolls there without JavaScript."""
    anchors: dict[str, set[str]] = {}
    for document, locator in citations:
        for span in line_spans(locator):
            if span.first != span.last:
                anchors.setdefault(document, set()).add(span.anchor)
    return anchors
