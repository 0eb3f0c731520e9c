"""A citation of a source document as HTML: the document's title links to its page on the site,
and every line number in the locator links to those lines (#L149-L190; see macros.locators)."""
from __future__ import annotations

import re

from ..locators import LineSpan, line_spans
from ..taxonomy import Taxonomy
from . import urls
from .escape import e, t

LINE_LINK_CLASS = "psea-line-link"  # tests/test_citations.py finds the line links by it


def lines_href(here: str, document: str, anchor: str) -> str:
    return f"{urls.rel(here, urls.source_url(document))}#{anchor}"


def linked_locator(text: str, document: str, here: str) -> str:
    """`text` escaped, its line numbers linked to their lines in `document`."""
    out, pos = [], 0
    for span in line_spans(text):
        out.append(t(text[pos:span.start]))
        out.append(f'<a class="{LINE_LINK_CLASS}" href="{e(lines_href(here, document, span.anchor))}">'
                   f"{t(text[span.start:span.end])}</a>")
        pos = span.end
    out.append(t(text[pos:]))
    return "".join(out)


_NAMED = re.compile(r"เอกสาร\s*(\d{3})(?!\d)")
NAMED_WINDOW = 60  # characters before a line number in which "เอกสาร 002" names its document


def linked_note(tax: Taxonomy, text: str, document: str | None, here: str) -> str:
    """A note (a case's data notes, an award item's note, a help-wanted question) with its line
    numbers linked: to the document the note names just before them ("เอกสาร 002 (บรรทัด 62)": the
    file whose name starts 002_), else to `document` (the one its item cites); a number whose
    document is not known stays text."""
    out, pos = [], 0
    for span, target in note_spans(tax, text, document):
        out.append(t(text[pos:span.start]))
        link = text[span.start:span.end]
        out.append(f'<a class="{LINE_LINK_CLASS}" href="{e(lines_href(here, target, span.anchor))}">{t(link)}</a>'
                   if target else t(link))
        pos = span.end
    out.append(t(text[pos:]))
    return "".join(out)


def note_spans(tax: Taxonomy, text: str, document: str | None) -> list[tuple[LineSpan, str | None]]:
    """The line numbers of a note, each with the document it means (see linked_note)."""
    found = []
    for span in line_spans(text):
        named = list(_NAMED.finditer(text, max(0, span.start - NAMED_WINDOW), span.start))
        target = document
        if named:
            prefix = named[-1].group(1) + "_"
            target = next((str(f) for f in tax.document_by_file if str(f).startswith(prefix)), None)
        found.append((span, target))
    return found


def document_link(tax: Taxonomy, document: str, here: str) -> str:
    title = tax.document_by_file.get(document, {}).get("th", document)
    return (f'<a href="{e(urls.rel(here, urls.source_url(document)))}">{t(title)}</a> '
            f"(<code>{t(document)}</code>)")


def citation(tax: Taxonomy, document: str, locator: str | None, here: str) -> str:
    """Title (file), locator: the title opens the document, each line number its lines."""
    where = f", {linked_locator(locator, document, here)}" if locator else ""
    return f'<span class="psea-cite">{document_link(tax, document, here)}{where}</span>'
