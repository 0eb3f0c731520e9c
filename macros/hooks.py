"""MkDocs hooks: thin glue between mkdocs and the plain modules in this package.

Each hook returns early when it has nothing to do for the page at hand.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from . import casepage, exports, search, site as site_module
from .pages import PLACEHOLDER
from .render import e
from .slugs import heading_slug

log = logging.getLogger("mkdocs.plugins.psea")
STATE: dict = {"command": "build", "site": None}


def current_site() -> site_module.Site:
    return STATE["site"]


def on_startup(command, dirty):
    STATE["command"] = command


def on_config(config):
    # Stable, readable Thai anchors (#ผลลัพธ์) instead of _1, _2.
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    config_dir = Path(config.config_file_path).parent
    site = site_module.load(config_dir, Path(config.docs_dir))
    STATE["site"] = site
    for problem in site.problems:
        log.error(problem.relative_to(config_dir))
    if site.problems:
        summary = f"{len(site.problems)} problem(s) in the content; see the messages above (python scripts/validate.py lists them too)"
        if STATE["command"] != "serve":
            log.error(f"Aborted: {summary}")
            raise Abort(f"Aborted: {summary}")
        log.error(summary + "; the invalid files are left out of this preview until fixed")
    return config


def on_files(files, config):
    site = current_site()
    for excluded in site.excluded:  # only while serving: the build has stopped already
        rel = Path(excluded).resolve().relative_to(Path(config.docs_dir).resolve()).as_posix()
        if files.get_file_from_path(rel):
            files.remove(files.get_file_from_path(rel))
    for page in site.pages.values():
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.markdown))
    return files


def on_page_markdown(markdown, page, config, files):
    case = current_site().cases_by_src.get(page.file.src_uri)
    if case is None:
        return markdown
    page.meta["template"] = "case.html"
    # Themes print titles unescaped. mkdocs-macros may already have pinned page.title (it does
    # when a title looks like Jinja), so set both the page's title and the metadata it reads.
    page.title = page.meta["title"] = e(case.title)
    return markdown


def on_page_content(html, page, config, files):
    site = current_site()
    generated = site.pages.get(page.file.src_uri)
    if generated is not None:
        return html.replace(f"<p>{PLACEHOLDER}</p>", generated.html).replace(PLACEHOLDER, generated.html)
    case = site.cases_by_src.get(page.file.src_uri)
    if case is None:
        return html
    return casepage.header(site.corpus, case) + '<div class="psea-narrative">' + html + "</div>" + casepage.footer(site.corpus, case)


def on_env(env, config, files):
    config_dir = Path(config.config_file_path).parent
    env.globals["psea_problems"] = [p.relative_to(config_dir) for p in current_site().problems]
    return env


def on_post_build(config):
    site_dir = Path(config.site_dir)
    exports.write_exports(current_site(), site_dir)
    search.build_index(site_dir, config)
