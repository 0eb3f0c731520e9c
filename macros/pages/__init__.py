"""Generated pages: indexes by year, award, province, agency, tag and SDG (indexes), the browse
table (browse) and the criteria explainers (criteria). Only non-empty combinations get a page."""
from __future__ import annotations

from ..structure.corpus import Corpus
from ..structure.page import GeneratedPage
from . import browse, criteria, indexes, overview

RENDERERS = (indexes.render_years, indexes.render_provinces, indexes.render_agencies, indexes.render_tags,
             indexes.render_sdgs, indexes.render_branches, criteria.render_criteria, browse.render_browse,
             overview.render_overview)


def generated_pages(corpus: Corpus) -> dict[str, GeneratedPage]:
    pages = {page.src_uri: page for renderer in RENDERERS for page in renderer(corpus)}
    overview.add_locator_maps(pages, corpus)  # each province page shows where its province is
    return pages
