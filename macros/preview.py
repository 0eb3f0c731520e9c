"""The instant preview: under `mkdocs serve`, a saved case file rebuilds only the pages it touches.

mkdocs serve rebuilds the whole site after every save (about 27 s at 5,000 cases). The plugin
hands the server its own rebuild (PseaPlugin.on_serve), which asks `Preview.update` first:

1. What changed since the last build: the case files by size and modification time (each file's
   checks are kept in a validate.FileChecks), everything else a build reads (the other pages under
   docs_dir, data/, sources/, overrides/, mkdocs.yml) by the same signature. Anything besides
   edited case files (a case added or removed, data/, a template) answers "rebuild everything".
2. The content again (content.reload): only the saved files are read and checked; all generated
   pages are made again in Python (cheap) and compared with the previous build's.
3. The pages to render: the saved cases, the case pages whose header or footer changed (their
   related cases: render.fragments.related_members), every generated page that differs (listings,
   indexes, browse, overview: whatever pages.RENDERERS make), the hand-written pages that read the
   content (`render_macros: true`: the home page's counts) and every page written since the last
   full build with a problem list that is no longer the current one. A case that became invalid
   has its page removed (its address shows the 404 page, with the problems); a generated page that
   is no longer made is removed too.
4. Those pages go through mkdocs' own page functions (mkdocs.commands.build: _populate_page and
   _build_page, the ones a full build calls, so every plugin event runs as in a build), with the
   navigation, files and theme environment of the last full build. Changed generated files (the
   browse page's text index) are written; the open-data exports follow in a thread two seconds
   later (each file replaced whole; a further save within that time makes them again instead).

What a contributor sees: the saved case's page, its listings and the counting pages are current a
moment after saving. The problem banner is on every page of a full rebuild and on every page a
fast rebuild writes, the 404 page included; a page showing an outdated problem list is always
rewritten. The search index (Pagefind) is built by the first build and by every full rebuild:
after a fast rebuild, search finds the text as it was then (the log says so), until a full
rebuild (a change under data/ or to a template, or restarting `make serve`).
"""
from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.pages import Page

from . import content, exports
from .render import urls
from .render.fragments import related_members
from .validate import FileChecks, file_signature
from .validate.problems import build_summary

log = logging.getLogger("mkdocs.plugins.psea.preview")
EXPORT_DELAY = 2.0  # seconds after a fast rebuild before its open-data files are made
ERROR_TEMPLATE = "404.html"  # the page the server shows at a removed page's address
_MKDOCS_PARTS = ("_populate_page", "_build_page", "_build_theme_template")


def other_inputs(config) -> dict[str, tuple[int, int]]:
    """Size and modification time of every file a build reads besides the case files and the
    installed theme (mkdocs serve does not watch that either)."""
    config_dir, docs_dir = _dirs(config)
    cases_dir = (docs_dir / "cases").resolve()
    found: dict[str, tuple[int, int]] = {}
    roots = [docs_dir, config_dir / "data", config_dir / "sources"]
    if config.theme.custom_dir:
        roots.append(Path(config.theme.custom_dir))
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if (Path(folder) / d).resolve() != cases_dir]
            for name in files:
                path = os.path.join(folder, name)
                found[path] = file_signature(path)
    config_file = config_dir / "mkdocs.yml"
    found[str(config_file)] = file_signature(config_file)
    return found


@dataclass
class Build:
    """What the last full build made, which a fast rebuild renders with again."""
    config: Any
    files: Any = None
    nav: Any = None
    env: Any = None


@dataclass
class Preview:
    """The state kept between the rebuilds of one `mkdocs serve` (on the plugin instance)."""
    checks: FileChecks = field(default_factory=FileChecks)
    inputs: dict[str, tuple[int, int]] = field(default_factory=dict)
    build: Build | None = None  # the last full build, once it has finished
    pending: Build | None = None  # the full build in progress
    full_problems: tuple[str, ...] = ()  # the problem list every page of the last full build shows
    problems: tuple[str, ...] = ()  # the problem list of the last build, full or fast
    banners: dict[str, tuple[str, ...]] = field(default_factory=dict)  # src_uri -> problems, written since
    error_page_problems: tuple[str, ...] = ()  # the problem list 404.html shows
    rewritten: list[str] = field(default_factory=list)  # src_uris the last rebuild wrote ([] after a full one)
    later_exports: LaterExports | None = None  # the open-data files of the last fast rebuild, still to write

    # The full build ----------------------------------------------------------------------------
    def start_full(self, config) -> None:
        """on_config of a full build: every file is read again (and the full build writes the exports)."""
        if self.later_exports is not None:
            self.later_exports.cancel()
            self.later_exports.thread.join()
            self.later_exports = None
        self.checks = FileChecks()
        self.inputs = other_inputs(config)
        self.pending = Build(config)
        self.build = None

    def full_done(self, problems: tuple[str, ...]) -> None:
        """on_post_build of a full build."""
        self.build, self.pending = self.pending, None
        self.full_problems = self.problems = self.error_page_problems = problems
        self.banners = {}
        self.rewritten = []

    # The fast rebuild --------------------------------------------------------------------------
    def update(self, plugin) -> bool:
        """Rebuild what the saved case files touch; False when everything must be rebuilt."""
        build = self.build
        if build is None or not all(hasattr(mkdocs_build, name) for name in _MKDOCS_PARTS):
            return False
        started, cpu = time.perf_counter(), time.process_time()
        config, files = build.config, build.files
        docs_dir = _dirs(config)[1]
        inputs = other_inputs(config)
        if inputs != self.inputs:
            log.info("Preview: a file other than a case changed: rebuilding everything")
            return False
        known = set(self.checks.kept)
        old = plugin.site
        site = content.reload(old, docs_dir, self.checks)
        if self.checks.fresh - known or known - self.checks.seen:
            log.info("Preview: a case file was added or removed: rebuilding everything")
            return False
        plugin.add_pages(site, config)
        problems = plugin.shown_problems(site, config)
        if self.full_problems and problems != self.full_problems:
            log.info("Preview: the problems shown on every page changed: rebuilding everything")
            return False

        targets, removed, added = self._targets(plugin, old, site, problems)
        if any(urls.inclusion(src, urls.nav_src_uris(config.nav)) == InclusionLevel.INCLUDED for src in added):
            return False  # a new page in the navigation changes every page's menu
        for src in added:  # a page made again keeps the File it had (its output was removed)
            if files.get_file_from_path(src) is not None:
                continue
            file = File.generated(config, src, content=site.pages[src].markdown,
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            Page(None, file, config)
        pages = []
        for src in targets:
            file = files.get_file_from_path(src)
            if file is None or file.page is None:
                log.info(f"Preview: {src} was not part of the last full build: rebuilding everything")
                return False
            pages.append(file.page)

        plugin.site = site
        if problems != self.problems:
            for problem in problems:
                log.error(problem)
            if problems:
                log.error(build_summary(len(problems), serving=True))
        self.problems = problems
        self._render(plugin, build, site, pages, problems)
        for src in removed:
            file = files.get_file_from_path(src)
            if file is not None and os.path.exists(file.abs_dest_path):
                os.remove(file.abs_dest_path)
        for src, generated in site.files.items():
            if old.files.get(src) != generated:
                _write(Path(config.site_dir) / src, generated.content)
        if site.corpus.cases != old.corpus.cases:
            self.later_exports = LaterExports(site, Path(config.site_dir), self.later_exports)
        self.rewritten = sorted(p.file.src_uri for p in pages)
        log.debug(f"Preview: rebuilt {', '.join(self.rewritten)}; removed {', '.join(sorted(removed))}")
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        log.info(f"Preview: {len(pages)} page(s) rebuilt, {len(removed)} removed, in {wall:.1f} s ({cpu:.1f} s CPU); "
                 "search finds the text of the last full rebuild")
        return True

    def _targets(self, plugin, old, site, problems) -> tuple[set[str], set[str], set[str]]:
        """The pages to render, the pages to remove and the generated pages that are new."""
        docs_dir = _dirs(self.build.config)[1] if self.build else Path()
        targets: set[str] = set()
        removed: set[str] = set()
        for src in old.pages.keys() | site.pages.keys():
            if src not in site.pages:
                removed.add(src)
            elif old.pages.get(src) != site.pages[src]:
                targets.add(src)
        added = site.pages.keys() - old.pages.keys()
        # Cases: the saved ones, and those whose header or footer shows one of them.
        old_by_path = {case.path: case for case in old.corpus.cases}
        new_by_path = {case.path: case for case in site.corpus.cases}
        saved = {path for path in old_by_path.keys() | new_by_path.keys()
                 if old_by_path.get(path) is not new_by_path.get(path)}
        for path in saved:
            if path in new_by_path:
                targets.add(urls.case_src_uri(new_by_path[path]))
            else:  # invalid now: its address shows the 404 page until it is fixed
                removed.add(Path(path).resolve().relative_to(docs_dir.resolve()).as_posix())
        neighbours = {c.id for path in saved for corpus, by_path in ((old.corpus, old_by_path),
                                                                   (site.corpus, new_by_path))
                      if path in by_path for c in related_members(corpus, by_path[path])}
        for cid in neighbours:
            before, after = old.corpus.by_id.get(cid), site.corpus.by_id.get(cid)
            if before is not None and after is not None and (
                    plugin.case_parts(old, before) != plugin.case_parts(site, after)):
                targets.add(urls.case_src_uri(after))
        if saved:  # hand-written pages that read the content (mkdocs-macros)
            for file in self.build.files.documentation_pages() if self.build else ():
                if file.page is not None and file.page.meta.get("render_macros"):
                    targets.add(file.src_uri)
        targets |= {src for src, shown in self.banners.items() if shown and shown != problems}
        return targets - removed, removed, added

    def _render(self, plugin, build: Build, site, pages: list, problems: tuple[str, ...]) -> None:
        config, files, nav, env = build.config, build.files, build.nav, build.env
        plugin.on_nav(nav, config, files)  # new shells: a shell holds the problem banner
        plugin.on_env(env, config, files)
        plugin.give_site(site, config)
        for page in pages:
            plugin.set_source(page.file, site)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        plugin.indexing = False  # the search index stays that of the last full build
        try:
            for page in pages:
                mkdocs_build._populate_page(page, config, files)
            for page in pages:
                mkdocs_build._build_page(page, config, doc_files, nav, env,
                                         excluded=page.file.inclusion.is_excluded())
                self.banners[page.file.src_uri] = problems
            for page in pages:  # as a build does: a link to a missing anchor is reported
                page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            if problems != self.error_page_problems:
                mkdocs_build._build_theme_template(ERROR_TEMPLATE, env, files, config, nav)
                self.error_page_problems = problems
        finally:
            plugin.indexing = True


def _dirs(config) -> tuple[Path, Path]:
    return Path(config.config_file_path).parent, Path(config.docs_dir)


def _write(path: Path, text: str) -> None:
    """Replace a file whole: the server never sends half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=path.parent,
                                     prefix=".psea-", delete=False) as handle:
        handle.write(text)
    os.replace(handle.name, path)


class LaterExports:
    """The open-data files (cases.json, cases.csv, ...) of a fast rebuild, written in a thread
    EXPORT_DELAY seconds after it: making them takes about a second at 5,000 cases, which would
    hold up the page the contributor waits for, and a save that follows soon makes them again
    (the earlier ones are then dropped)."""

    def __init__(self, site, site_dir: Path, earlier: LaterExports | None):
        self.cancelled = threading.Event()
        if earlier is not None:
            earlier.cancel()
        self.thread = threading.Thread(target=self._run, args=(site, site_dir, earlier), name="psea-exports",
                                       daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def _run(self, site, site_dir: Path, earlier: LaterExports | None) -> None:
        if earlier is not None:
            earlier.thread.join()  # never two writers at once
        if self.cancelled.wait(EXPORT_DELAY):
            return
        try:
            texts = exports.export_texts(site)
            if not self.cancelled.is_set():
                for name, text in texts.items():
                    _write(site_dir / name, text)
        except Exception as err:  # a thread's error would go unseen otherwise
            log.error(f"Preview: the open-data files were not written: {err}")
