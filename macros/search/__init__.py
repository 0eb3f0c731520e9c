"""The Pagefind search index (see issue: Thai search), by job: Thai word breaking (thai), what is
indexed and how (policy), Pagefind itself (pagefind) and indexing while the site is built (index).

What is indexed: the content of case pages, the award criteria pages and the guides for
contributors and data users (is_indexed), which the plugin's on_page_content marks with
`data-pagefind-body` (body). Listing pages (browse, years, provinces, agencies, tags, SDGs, home) repeat every case's
title and would swamp the results, so they are left out; inside an indexed page, EXCLUDE_SELECTORS
leaves out the lists of other cases and the boilerplate. Case pages carry their filters (branch,
category, level, year, province), the year sort and the agency/year metadata as attributes of one
hidden element written by macros/casepage.py.

Why Pagefind reads a copy: Thai is written without spaces, so both the indexer and the browser
must cut it into words, and they must cut it the same way. The browser (pagefind.js) always cuts
the query with the browser's ICU word breaker (Intl.Segmenter). Pagefind's extended indexer cuts
Thai with its own dictionary, which keeps compounds whole: the query หน่วยงาน becomes หน่วย + งาน,
and งาน does not begin any indexed word, so about one Thai query word in seven found nothing. So
Pagefind is given each indexed page's content (shadow_document) with its Thai text already cut by
ICU (the library browsers use), words separated by spaces, indexed as language-neutral text
that Pagefind splits at spaces only: about one query word in a hundred misses now (ICU cuts a few
words differently in different sentences). The index goes to <site>/pagefind/ with the pages' own
URLs; overrides/assets/js/search.js puts the page's spaces back when it shows titles and excerpts,
helped by marks where it could not tell (WORD_BREAK, SPACE, JOIN). Without a system ICU library
(libicuuc) the build still indexes, with Pagefind's own Thai segmentation, and says so. The pages
are indexed while the site is built (BackgroundIndex).
"""
