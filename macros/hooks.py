"""MkDocs hooks: thin glue between mkdocs and the plain modules in this package.

Each hook returns early when it has nothing to do for the page at hand.
"""
from __future__ import annotations

import base64
import gc
import hashlib
import logging
import os
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from . import casepage, exports, propose, search, shell, site as site_module
from .pages import PLACEHOLDER
from .render import e
from .slugs import heading_slug

log = logging.getLogger("mkdocs.plugins.psea")
STATE: dict = {"command": "build", "site": None, "nav": None}


def current_site() -> site_module.Site:
    return STATE["site"]


def on_startup(command, dirty):
    STATE["command"] = command


def _commit_time(config_dir: Path) -> str | None:
    try:
        # safe.directory: CI checks out as another user inside a container; this only reads the log.
        result = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(config_dir), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip().isdigit() else None


def on_config(config):
    # Reproducible builds: mkdocs dates every page (sitemap.xml <lastmod>, the mtime inside
    # sitemap.xml.gz) with the build day unless SOURCE_DATE_EPOCH is set; use the time of the last
    # commit, so two builds of one commit give the same bytes. Outside git: the build day.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        commit_time = _commit_time(Path(config.config_file_path).parent)
        if commit_time:
            os.environ["SOURCE_DATE_EPOCH"] = commit_time
    # Stable, readable Thai anchors (#ผลลัพธ์) instead of _1, _2.
    config.mdx_configs.setdefault("toc", {})["slugify"] = heading_slug
    config_dir = Path(config.config_file_path).parent
    site = site_module.load(config_dir, Path(config.docs_dir))
    site.pages[propose.SRC_URI] = propose.page(site.taxonomy, config)
    STATE["site"] = site
    # Speed (issue: scale): the corpus and its pages live until the build ends. Left in the garbage
    # collector's care, they are scanned again at every collection while mkdocs allocates pages:
    # about 30 % of a 5,000-case build. Frozen, they are skipped; fewer, larger rounds for the rest.
    # (Unfrozen first, so that `mkdocs serve` can still free the previous build's objects.)
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
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


def on_nav(nav, config, files):
    STATE["nav"] = nav
    return nav


def on_page_read_source(page, config):
    case = current_site().cases_by_src.get(page.file.src_uri)
    # A case file has been read and validated already (macros/site.load): its body is handed
    # over as it is, so mkdocs does not parse the frontmatter a second time (issue: scale). The
    # leading blank line tells mkdocs there is no metadata; on_page_markdown sets it.
    return None if case is None else "\n" + case.body


def on_page_markdown(markdown, page, config, files):
    case = current_site().cases_by_src.get(page.file.src_uri)
    if case is not None:
        page.meta = {**case.meta, "template": "case.html"}
        # Themes print titles unescaped. mkdocs-macros may already have pinned page.title (it does
        # when a title looks like Jinja), so set both the page's title and the metadata it reads.
        page.title = page.meta["title"] = e(case.title)
    if shell.uses_shell(page, STATE["nav"]):
        page.psea_template = page.meta.get("template", "main.html")
        page.meta["template"] = shell.SHELL_TEMPLATE
    return markdown


def on_page_content(html, page, config, files):
    site = current_site()
    generated = site.pages.get(page.file.src_uri)
    case = site.cases_by_src.get(page.file.src_uri)
    if generated is not None:
        html = html.replace(f"<p>{PLACEHOLDER}</p>", generated.html).replace(PLACEHOLDER, generated.html)
    elif case is not None:
        html = (casepage.header(site.corpus, case) + '<div class="psea-narrative">' + html + "</div>"
                + casepage.footer(site.corpus, case) + propose.report_error_link(config, case))
    if search.is_indexed(page.url):
        html = search.body(html, page.title or config.site_name)
        search.page_ready(page, html, config)  # indexed on the other core while mkdocs goes on
    return html


def on_env(env, config, files):
    env.globals["psea_shell_cache"] = {}  # macros/shell.py: one rendering per folder
    env.globals["psea_shell_page"] = shell.render_page
    env.globals["psea_finish_shell"] = with_csp
    config_dir = Path(config.config_file_path).parent
    env.globals["psea_problems"] = [p.relative_to(config_dir) for p in current_site().problems]
    # mkdocs calls this between converting every page's Markdown and rendering the templates: the
    # search index has all its pages and is written meanwhile (macros/search.py).
    search.start_writing(config.site_dir, config)
    return env


def on_post_build(config):
    site_dir = Path(config.site_dir)
    search.build_index(site_dir, config, meanwhile=lambda: exports.write_exports(current_site(), site_dir))


# Content-Security-Policy: overrides/partials/psea-head.html writes the policy with this token where
# the inline-script hashes go; the hooks below fill it in from the final HTML of every page.
CSP_HASHES_TOKEN = "PSEA_SCRIPT_HASHES"
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*')
_CHARSET_META = re.compile(r"<meta charset=[^>]*>", re.I)
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?(?!(?:text/javascript|application/javascript|module)\b)""", re.I)


def script_hashes(html: str) -> list[str]:
    """CSP sources for the inline scripts of `html` (data blocks such as application/json excluded)."""
    hashes = set()
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_BLOCK.search(attrs):
            continue
        text = body.replace("\r\n", "\n").replace("\r", "\n")  # as the browser's parser reads it
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return sorted(hashes)


def with_csp(html: str, content: str = "") -> str:
    """Fill in the hashes of the template's inline scripts, leaving out any script inside the page's
    own `content` (case text never runs), and move the policy to the top of <head>."""
    if CSP_HASHES_TOKEN not in html:
        return html
    template = html.replace(content, "") if content else html
    sources = " ".join(script_hashes(template))
    if STATE["command"] == "serve":  # mkdocs serve injects an inline live-reload script into every page
        sources = "'unsafe-inline'"
    html = html.replace(CSP_HASHES_TOKEN, sources)
    meta = _CSP_META.search(html)
    charset = _CHARSET_META.search(html)
    if meta and charset and charset.end() < meta.start():
        html = html[:meta.start()] + html[meta.end():]
        html = html[:charset.end()] + "\n    " + meta.group(0).strip() + html[charset.end():]
    return html


def on_post_page(output, page, config):
    return with_csp(output, page.content or "")


def on_post_template(output_content, template_name, config):  # 404.html
    return with_csp(output_content)
