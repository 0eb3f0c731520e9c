"""Indexing while the site is built: one build's search index, owned by the plugin.

mkdocs builds pages on one core, in two rounds: Markdown for every page, then the theme for every
page. As soon as a page's content is converted (the plugin's on_page_content calls page_ready),
its indexed content goes to a helper process (pagefind.BackgroundIndex), which cuts the Thai into
words and hands the page to a Pagefind service process (`pagefind --service`), on the other core:
Pagefind indexes a page in about the time mkdocs takes for it, so it has both rounds to keep up.
Once the last page's content is in (on_env), start_writing has Pagefind write the index while
mkdocs renders the templates and writes the pages; finish waits for it at the end (on_post_build).
If anything goes wrong there, the index is built again from the written site, as without the helper.
"""
from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from mkdocs.exceptions import Abort

from .pagefind import BackgroundIndex, check_bundle, run_pagefind, write_shadow
from .policy import BUNDLE_DIR, FACETS_FILE, page_content
from .thai import require_word_breaker, word_breaker

log = logging.getLogger("mkdocs.plugins.psea.search")


class SearchIndex:
    """The index of one build: pages are handed over while mkdocs converts them."""

    def __init__(self):
        self._background: BackgroundIndex | None = None

    def page_ready(self, dest_uri: str, html: str) -> None:
        """Called with a page's content, as the page will show it (marked by policy.body())."""
        content = page_content(html)
        if content is None:
            return
        if self._background is None:
            self._background = BackgroundIndex()
        url = "/" + (dest_uri[: -len("index.html")] if dest_uri.endswith("index.html") else dest_uri)
        self._background.add(url, content)

    def start_writing(self, site_dir: Path) -> None:
        """Once every page's content has been handed over (mkdocs is about to render the
        templates), have the helper write the index, while mkdocs writes the pages."""
        background = self._background
        if background is not None and background.output is None:
            output = Path(site_dir) / BUNDLE_DIR
            shutil.rmtree(output, ignore_errors=True)
            background.request_write(output)

    def abort(self) -> None:
        """The build failed: stop the helper, write nothing."""
        if self._background is not None:
            self._background.abort()
            self._background = None

    def finish(self, site_dir: Path, facet_labels: dict, meanwhile=None) -> None:
        """Finish the index under site_dir (write it, unless start_writing had it written
        already) and the search page's filter labels; `meanwhile` (the open-data exports) runs
        while the helper works, on the other core."""
        started = time.perf_counter()
        site_dir = Path(site_dir)
        output = site_dir / BUNDLE_DIR
        try:
            require_word_breaker()
        except Abort:
            self.abort()
            raise
        self.start_writing(site_dir)  # unless on_env has
        background, self._background = self._background, None
        summary, pages = None, 0
        if meanwhile is not None:
            try:
                meanwhile()
            except BaseException:
                if background is not None:
                    background.abort()
                raise
        if background is not None:
            try:
                summary = background.finish()
                pages = background.pages
            except (RuntimeError, OSError, subprocess.SubprocessError) as err:
                log.warning(f"Search index: the helper failed ({str(err).strip()[:500]}); "
                            "indexing the written site instead")
                background.abort()
        if summary is None:
            shutil.rmtree(output, ignore_errors=True)
            breaker = word_breaker()
            with tempfile.TemporaryDirectory(prefix="psea-search-") as shadow:
                pages = write_shadow(site_dir, Path(shadow), breaker)
                # Language-neutral text cut at our breaks; Pagefind's Thai mode would cut it again.
                run_pagefind(Path(shadow), output, "unknown" if breaker else "th")
        if not pages:
            log.warning("Thai search: no page is marked for the index; the search finds nothing")
        check_bundle(output, pages)
        facets_file = site_dir / FACETS_FILE
        facets_file.parent.mkdir(parents=True, exist_ok=True)
        facets_file.write_text(json.dumps(facet_labels, ensure_ascii=False), encoding="utf-8")
        log.info(f"Search index: {pages} pages in {time.perf_counter() - started:.1f} s after the pages were written"
                 + (f" ({summary.strip()})" if summary else ""))
