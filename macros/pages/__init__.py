"""Generated pages: indexes by year, award, province, agency, tag and SDG (indexes), the browse
table (browse), the criteria explainers (criteria) and the source documents (sources). Only
non-empty combinations get a page. Each renderer takes the corpus and the build's other inputs
(structure.inputs.BuildInputs) and yields GeneratedPage objects."""
from __future__ import annotations

from ..structure.corpus import Corpus
from ..structure.inputs import BuildInputs
from ..structure.page import GeneratedFile, GeneratedPage
from . import browse, criteria, indexes, overview, sources

RENDERERS = (indexes.render_years, indexes.render_provinces, indexes.render_agencies, indexes.render_tags,
             indexes.render_sdgs, indexes.render_branches, criteria.render_criteria, browse.render_browse,
             sources.render_sources, overview.render_overview)
# Files besides the pages, each yielding GeneratedFile.
FILE_RENDERERS = (browse.render_text_index, browse.render_rows_data)


def generated_pages(corpus: Corpus, inputs: BuildInputs | None = None) -> dict[str, GeneratedPage]:
    inputs = inputs or BuildInputs()
    pages = {page.src_uri: page for renderer in RENDERERS for page in renderer(corpus, inputs)}
    overview.add_locator_maps(pages, corpus)  # each province page shows where its province is
    return pages


def generated_files(corpus: Corpus, inputs: BuildInputs | None = None) -> dict[str, GeneratedFile]:
    inputs = inputs or BuildInputs()
    return {file.src_uri: file for renderer in FILE_RENDERERS for file in renderer(corpus, inputs)}
