"""The MkDocs glue: one plugin that owns a build's state and calls the plain modules.

mkdocs loads `hooks.py` (mkdocs.yml `hooks:`), which binds the events of one PseaPlugin. The
hooks module is loaded once per process, so under `mkdocs serve` the same instance sees every
rebuild, as a plugin with `on_startup` does; everything a build needs is set again in on_config.

The events, in the order mkdocs 1.6 calls them, and what each does here:

1. on_startup: once per process; remembers whether this is `mkdocs serve`.
2. on_config: loads and validates the content (macros.content) into `self.site`; a problem aborts
   a build (a preview shows it on every page instead); hands the site to mkdocs-macros. While
   serving, the preview (macros.preview) starts again: each case file's checks are kept, and the
   other inputs' sizes and times noted.
3. on_files: drops invalid case files (preview only), adds the generated pages, minifies the
   site's own CSS and JavaScript, gives case files their body without frontmatter, and places every
   page in or out of the navigation.
4. on_nav: the navigation is known: the page shells (macros.shell) can tell which pages share one.
5. per page, on_page_markdown: a case page gets its metadata and template; a page outside the
   navigation is rendered through its folder's shell.
6. per page, on_page_content: generated HTML and the case header and footer go in; indexed pages
   are marked and handed to the search index, which works on the other core meanwhile.
7. on_env: every page's content is in; the search index is written while the theme renders.
8. per page, on_post_page (and on_post_template for 404.html): the CSP hashes are filled in.
9. on_post_build: the open-data exports are written while the search index finishes; while
   serving, the preview keeps this build's files, navigation and theme environment.
   on_build_error: the search helper is stopped; nothing is left running.
10. on_serve (mkdocs serve, once, after the first build): data/, sources/ and overrides/ are
   watched too, and the server's rebuild becomes `_rebuild`: after a save, Preview.update
   rebuilds only what the saved case files touch, calling steps 4 to 8 itself for those pages
   only (on_nav and on_env again, then mkdocs' own page functions, which fire on_page_markdown,
   on_page_content and on_post_page); on_config, on_files and on_post_build do not run, the
   search index is left as it is, and the exports are written in a thread. Anything else
   (a case added or removed, data/, a template, mkdocs.yml) runs mkdocs' full rebuild, steps 2 to 9.
   What a contributor sees is in macros/preview.py's docstring.
"""
from __future__ import annotations

import functools
import gc
import logging
import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel

from . import casepage, content, exports, minify, scriptconfig, shell
from .csp import with_csp
from .pages import propose
from .preview import Preview
from .render import tables, urls
from .render.describe import case_description
from .render.escape import e
from .search import policy as search_policy
from .search.index import SearchIndex
from .slugs import heading_slug
from .validate.problems import build_summary

log = logging.getLogger("mkdocs.plugins.psea")


def commit_time(config_dir: Path) -> str | None:
    try:
        # safe.directory: CI checks out as another user inside a container; this only reads the log.
        result = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(config_dir), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip().isdigit() else None


class PseaPlugin(BasePlugin):  # no config options
    # One build's state, set by on_config (site, search) and on_nav (shells).
    site: content.Site
    shells: shell.Shells

    def __init__(self) -> None:
        super().__init__()
        self.serving = False
        self.search = SearchIndex()
        self.indexing = True  # pages go to the search index (not in a preview's fast rebuild)
        self.preview = Preview()  # mkdocs serve: what a fast rebuild needs from the last build
        self._restore_epoch = False
        self._gc_threshold = gc.get_threshold()

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        # Reproducible builds: mkdocs dates every page (sitemap.xml <lastmod>, the mtime inside
        # sitemap.xml.gz) with the build day unless SOURCE_DATE_EPOCH is set; use the time of the
        # last commit, so two builds of one commit give the same bytes. Outside git: the build day.
        # mkdocs reads it from the environment: set for this build only (see _end_build).
        config_dir = Path(config.config_file_path).parent
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch is None:
            epoch = commit_time(config_dir)
            if epoch:
                os.environ["SOURCE_DATE_EPOCH"] = epoch
                self._restore_epoch = True
        # Stable, readable Thai anchors (#ผลลัพธ์) instead of _1, _2.
        config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
        # The same time dates the about page's "last change" (content.load passes it to the pages).
        last_change = int(epoch) if epoch and epoch.isdigit() else None
        checks = None
        if self.serving:
            self.preview.start_full(config)
            checks = self.preview.checks
        self.site = site = content.load(config_dir, Path(config.docs_dir), last_change, checks)
        self.add_pages(site, config)
        for problem in site.problems:
            log.error(problem.relative_to(config_dir))
        if site.problems:
            summary = build_summary(len(site.problems), self.serving)
            log.error(summary)
            if not self.serving:
                raise Abort(summary)
        # Speed (issue: scale): the corpus and its pages live until the build ends. Left in the
        # garbage collector's care, they are scanned again at every collection while mkdocs
        # allocates pages: about 30 % of a 5,000-case build. Frozen, they are skipped; fewer,
        # larger rounds for the rest, until the build ends (_end_build).
        gc.collect()
        gc.freeze()
        gc.set_threshold(50_000, 20, 100)
        self.search = SearchIndex()
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.register_variables({content.SITE_VARIABLE: site})
        return config

    @staticmethod
    def add_pages(site: content.Site, config) -> None:
        """The generated pages that need the mkdocs config besides the content."""
        site.pages[propose.SRC_URI] = propose.page(site.taxonomy, config)  # needs the repository's address

    @staticmethod
    def give_site(site: content.Site, config) -> None:
        """A preview's fast rebuild: the macros of hand-written pages read the new content."""
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.variables[content.SITE_VARIABLE] = site

    @staticmethod
    def shown_problems(site: content.Site, config) -> tuple[str, ...]:
        """The problems as the banner lists them (paths relative to the project)."""
        config_dir = Path(config.config_file_path).parent
        return tuple(str(p.relative_to(config_dir)) for p in site.problems)

    def on_serve(self, server, *, config, builder):
        """After the first build of `mkdocs serve`: saved case files are rebuilt by the preview
        (macros.preview); data/, sources/ and the templates are watched too, and rebuild all."""
        config_dir = Path(config.config_file_path).parent
        for folder in (config_dir / "data", config_dir / "sources", config.theme.custom_dir):
            if folder and Path(folder).is_dir():
                server.watch(str(folder))
        server.builder = functools.partial(self._rebuild, builder)
        return server

    def _rebuild(self, full_build) -> None:
        try:
            if self.preview.update(self):
                return
        except Exception:  # whatever went wrong, the full rebuild shows the site as it is
            log.exception("Preview: the fast rebuild failed; rebuilding everything")
        full_build()

    def on_files(self, files, config):
        site = self.site
        docs_dir = Path(config.docs_dir).resolve()
        for excluded in site.excluded:  # only while serving: the build has stopped already
            file = files.get_file_from_path(Path(excluded).resolve().relative_to(docs_dir).as_posix())
            if file is not None:
                files.remove(file)
        in_nav = urls.nav_src_uris(config.nav)
        for page in site.pages.values():
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown,
                                        inclusion=urls.inclusion(page.src_uri, in_nav)))
        for generated in site.files.values():  # not pages: copied to the site as they are
            existing = files.get_file_from_path(generated.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, generated.src_uri, content=generated.content))
        self.minify_assets(files, config)
        for file in files.documentation_pages():
            self.set_source(file, site, generated=False)
            if file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
                file.inclusion = urls.inclusion(file.src_uri, in_nav)
        if self.preview.pending is not None:
            self.preview.pending.files = files
        return files

    @staticmethod
    def minify_assets(files, config) -> None:
        """The site's own CSS and JavaScript (overrides/assets/) as served: minified (macros.minify)."""
        overrides = Path(config.theme.custom_dir).resolve()
        for file in list(files.media_files()):
            minified = minify.minifier(file.src_uri)
            source = Path(file.abs_src_path).resolve() if file.abs_src_path else None
            if minified is None or source is None or not source.is_relative_to(overrides):
                continue  # the theme's files are minified already
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=minified(source.read_text(encoding="utf-8"))))

    @staticmethod
    def set_source(file: File, site: content.Site, generated: bool = True) -> None:
        """A case file's or generated page's Markdown as mkdocs is to read it."""
        case = site.cases_by_src.get(file.src_uri)
        if case is not None:
            # Read and validated already (macros.content): the body as it is, so mkdocs does not
            # parse the frontmatter a second time (issue: scale). The leading blank line tells
            # mkdocs there is no metadata; on_page_markdown sets it.
            file.content_string = "\n" + case.body
        elif generated and file.src_uri in site.pages:
            file.content_string = site.pages[file.src_uri].markdown

    def on_nav(self, nav, config, files):
        self.shells = shell.Shells(nav, enabled=shell.enabled())
        if self.preview.pending is not None:
            self.preview.pending.nav = nav
        return nav

    def on_page_markdown(self, markdown, page, config, files):
        case = self.site.cases_by_src.get(page.file.src_uri)
        if case is not None:
            page.meta = {**case.meta, "template": "case.html"}
            # Themes print titles unescaped. mkdocs-macros may already have pinned page.title (it
            # does when a title looks like Jinja), so set both the page's title and the metadata.
            page.title = page.meta["title"] = e(case.title)
            page.meta["description"] = e(case_description(case))
        self.shells.assign(page)
        return markdown

    def on_page_content(self, html, page, config, files):
        site = self.site
        generated = site.pages.get(page.file.src_uri)
        case = site.cases_by_src.get(page.file.src_uri)
        if generated is not None:
            html = generated.content(html)
        elif case is not None:
            html = self.case_parts(site, case, config, html)
        html = tables.scrollable(html)
        if search_policy.is_indexed(page.url):
            html = search_policy.body(html, page.title or config.site_name)
            if self.indexing:
                self.search.page_ready(page.file.dest_uri, html)  # indexed on the other core while mkdocs goes on
        return html

    @staticmethod
    def case_parts(site: content.Site, case, config=None, html: str = "") -> str:
        """A case page's content: its narrative (`html`) between the header and footer, which read
        the corpus (a preview compares them to know which case pages another case's change touches)."""
        site_url, site_name = (config.site_url, config.site_name) if config is not None else ("", "")
        return (casepage.print_header(case, site_url) + casepage.header(site.corpus, case)
                + '<div class="psea-narrative">' + html + "</div>"
                + casepage.cite_section(case, site_url, site_name)
                + casepage.footer(site.corpus, case, site_url)
                + (propose.report_error_link(config, case) if config is not None else ""))

    def on_env(self, env, config, files):
        self.shells.finish = self._with_csp
        env.globals["psea_shell_page"] = self.shells.render_page
        env.globals["psea_script_config"] = scriptconfig.config_json  # partials/psea-scripts.html
        env.globals["psea_problems"] = list(self.shown_problems(self.site, config))
        if self.preview.pending is not None:
            self.preview.pending.env = env
        # Every page's Markdown is converted: the index has all its pages and is written meanwhile.
        self.search.start_writing(config.site_dir)
        return env

    def _with_csp(self, html: str, content: str = "") -> str:
        return with_csp(html, content, serving=self.serving)

    def on_post_page(self, output, page, config):
        return self._with_csp(output, page.content or "")

    def on_post_template(self, output_content, template_name, config):  # 404.html
        return self._with_csp(output_content)

    def on_post_build(self, config):
        site_dir, site = Path(config.site_dir), self.site
        try:
            self.search.finish(site_dir, search_policy.facet_labels(site.taxonomy, site.corpus.years),
                               meanwhile=lambda: exports.write_exports(site, site_dir))
        finally:
            self._end_build()
        if self.preview.pending is not None:
            self.preview.full_done(self.shown_problems(site, config))

    def on_build_error(self, error):
        self.search.abort()
        self._end_build()

    def _end_build(self):
        gc.unfreeze()
        gc.set_threshold(*self._gc_threshold)
        if self._restore_epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
            self._restore_epoch = False
