"""A citation of a source document as HTML: the document's title links to its page on the site,
and every line number in the locator links to those lines (#L149-L190; see macros.locators)."""
from __future__ import annotations

from ..locators import line_spans
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


def document_link(tax: Taxonomy, document: str, here: str) -> str:
    title = tax.document_by_file.get(document, {}).get("th", document)
    return (f'<a href="{e(urls.rel(here, urls.source_url(document)))}">{t(title)}</a> '
            f"(<code>{t(document)}</code>)")


def citation(tax: Taxonomy, document: str, locator: str | None, here: str) -> str:
    """Title (file), locator: the title opens the document, each line number its lines."""
    where = f", {linked_locator(locator, document, here)}" if locator else ""
    return f'<span class="psea-cite">{document_link(tax, document, here)}{where}</span>'
