"""Pages outside the navigation, rendered from one theme rendering per folder (issue: scale).

Thousands of case and index pages differ from their neighbours in the same folder only by a few
values: title, description, canonical and edit links, table of contents and content. Rendering
Material's whole template for each of them was the largest part of a build. Instead, the template
is rendered once per folder (and per combination of which of those values a page has) for a
stand-in page whose varying values are unique tokens; the result is split at the tokens (a
`Shell`), and each page is the shell joined with its own values. The table of contents is
written per page by toc_html, in the theme's markup.

The shell's own markup has its whitespace collapsed (the theme indents deeply; a case page saves
several kilobytes) and its Content-Security-Policy filled in once: the tokens stand where page
content goes, so the hashes cover only the theme's scripts, as for a page rendered whole.

The stand-in fails closed: the theme may read only the page attributes in FOLDER_ATTRIBUTES
(the same for every page of a folder, or read only to make links relative to the folder) besides
the tokens; when a template reads any other, that folder's pages are rendered whole and the build
says which attribute, so a theme upgrade cannot leak one page's value into its neighbours.

A page is rendered whole when it is in the navigation (its item is active), when a token did not
come through the template intact (a filter changed it), when the theme read an attribute outside
FOLDER_ATTRIBUTES, or with PSEA_SHELL=0 in the environment. tests/test_shell.py builds the site
both ways and compares every page, and pins the theme templates this module copies or relies on.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass

from jinja2 import pass_context
from markupsafe import Markup, escape

log = logging.getLogger("mkdocs.plugins.psea.shell")
SHELL_TEMPLATE = "psea-shell.html"  # renders every page outside the navigation (overrides/)
TOC_TITLE_TEMPLATE = "psea-toc-title.html"  # the title of the tables of contents
_OPEN, _CLOSE = "\ue000", "\ue001"  # private-use characters: no filter escapes or strips them


def _token(name: str) -> str:
    return f"{_OPEN}{name}{_CLOSE}"


TITLE, META_TITLE, DESCRIPTION, CANONICAL, EDIT, CONTENT, SKIP, TOC = (
    _token(name) for name in ("title", "meta-title", "description", "canonical", "edit", "content", "skip", "toc"))
# The content of a page with a heading of its own: the theme asks `"<h1" in page.content`
# (partials/content.html) and adds the title otherwise; this token answers yes by itself.
CONTENT_WITH_H1 = _token("content<h1")
_TOKEN_RE = re.compile(f"({_OPEN}[a-z<1-]+{_CLOSE})")
# page.meta keys the theme's templates read that are the same across a folder's pages, and so
# become part of the shell key instead of tokens.
THEME_META_KEYS = ("hide", "author", "revision_date", "git_revision_date_localized", "git_creation_date_localized")
# Page attributes the theme may read from the stand-in besides the tokens, each the same for every
# page that uses a shell, or read only to make links relative to the folder. Reading any other
# renders the folder's pages whole (ShellPage.unexpected).
FOLDER_ATTRIBUTES = frozenset((
    "url",            # by mkdocs' `url` filter, for links relative to the page: the folder decides them
    "previous_page",  # None: a page with a previous or next page does not use a shell (uses_shell)
    "next_page",
    "is_homepage",    # False: the home page is in the navigation
))


def enabled() -> bool:
    return os.environ.get("PSEA_SHELL", "1") != "0"


def folder_key(page, nav, known: dict) -> str | None:
    """The folder whose pages share one rendering of the theme, or None when the page must be
    rendered whole: it is in the navigation (its item is active), or a navigation page lies below
    it (its links to it differ). Links are relative, so a page outside the navigation differs from
    its neighbours only by the folder it is in. `known` keeps the answer for each URL: it is asked
    for each of thousands of pages, and a page's URL is unique within a build."""
    url = getattr(page, "url", None)
    if not isinstance(url, str):
        return None
    if url not in known:
        in_or_above = any(other.url.startswith(url) for other in nav.pages)
        known[url] = None if in_or_above else url.rstrip("/").rpartition("/")[0] + "/"
    return known[url]


@dataclass(frozen=True)
class _TocAnchor:  # base.html's skip link reads the first table-of-contents entry's url
    url: str


class ShellPage:
    """The page as the shell's template sees it: varying values are tokens; of the rest, only the
    attributes in FOLDER_ATTRIBUTES are the page's, and any other that is read is noted in
    `unexpected`."""

    def __init__(self, page):
        self._page = page
        self.unexpected: set[str] = set()
        self.title = TITLE if page.title else page.title
        self.meta = {key: page.meta[key] for key in THEME_META_KEYS if key in page.meta}
        if page.meta.get("title"):
            self.meta["title"] = META_TITLE
        if page.meta.get("description"):
            self.meta["description"] = DESCRIPTION
        self.canonical_url = CANONICAL if page.canonical_url else page.canonical_url
        self.edit_url = EDIT if page.edit_url else page.edit_url
        self.content = CONTENT_WITH_H1 if "<h1" in page.content else CONTENT
        self.toc = [_TocAnchor("#" + SKIP)] if _first_toc_url(page) else []

    def __getattr__(self, name):
        if name not in FOLDER_ATTRIBUTES:
            self.unexpected.add(name)
        return getattr(self._page, name)


def _first_toc_url(page) -> str | None:
    first = next(iter(page.toc), None)
    url = getattr(first, "url", None)
    # The theme writes `skip.url | url`, which leaves a #fragment as it is; anything else would
    # be rewritten, and such a page is rendered whole.
    return url if isinstance(url, str) and url.startswith("#") else None


_VERBATIM = re.compile(r"(<(pre|script|style|textarea)\b.*?</\2\s*>)", re.S | re.I)
_SPACE = re.compile(r"\s+")


def collapse_whitespace(html: str) -> str:
    """Each run of whitespace as one space (or one line break), except inside <pre>, <script>,
    <style> and <textarea>: what a browser shows does not change."""
    parts = _VERBATIM.split(html)
    out = []
    for i in range(0, len(parts), 3):
        out.append(_SPACE.sub(lambda m: "\n" if "\n" in m.group(0) else " ", parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


class Shell:
    """A rendering split at its tokens: literal text at even indexes, token names at odd ones."""

    def __init__(self, html: str):
        self.parts = _TOKEN_RE.split(html)

    @classmethod
    def clean(cls, html: str, expected: set[str]) -> Shell | None:
        """The shell, or None when a token was altered on its way through the template."""
        found = _TOKEN_RE.findall(html)
        if html.count(_OPEN) != len(found) or html.count(_CLOSE) != len(found) or not set(found) <= expected:
            return None
        return cls(html)

    def fill(self, values: dict[str, str]) -> str:
        parts = self.parts[:]
        for i in range(1, len(parts), 2):
            parts[i] = values[parts[i]]
        return "".join(parts)


def page_values(page, toc_html: str) -> dict[str, str]:
    content = page.content or ""
    return {TITLE: page.title or "", META_TITLE: page.meta.get("title") or "",
            DESCRIPTION: page.meta.get("description") or "", CANONICAL: page.canonical_url or "",
            EDIT: page.edit_url or "", CONTENT: content, CONTENT_WITH_H1: content,
            SKIP: (_first_toc_url(page) or "#")[1:], TOC: toc_html}


class Shells:
    """The shells of one build, for its navigation: which pages use one (assign), and the
    rendering of those pages (render_page, the one call of the psea-shell.html template)."""

    def __init__(self, nav, enabled: bool = True):
        self.nav = nav
        self.enabled = enabled
        self.finish = lambda html: html  # the plugin's last touch on a whole page (the CSP)
        self._folders: dict[str, str | None] = {}
        self._templates: dict[str, str] = {}  # a page's own template, by source path
        self._shells: dict[tuple, Shell | None] = {}
        self._toc_title: str | None = None

    def uses_shell(self, page) -> bool:
        """Whether `page` can be rendered from its folder's shell."""
        return (self.enabled and folder_key(page, self.nav, self._folders) is not None
                and page.previous_page is None and page.next_page is None)

    def assign(self, page) -> None:
        """Have `page` rendered through SHELL_TEMPLATE if it can use a shell (called once its
        metadata is final)."""
        if self.uses_shell(page):
            self._templates[page.file.src_uri] = page.meta.get("template", "main.html")
            page.meta["template"] = SHELL_TEMPLATE

    def key(self, page, template: str) -> tuple:
        """Pages with the same key share a shell."""
        meta = page.meta
        return (template, folder_key(page, self.nav, self._folders), bool(page.title), bool(meta.get("title")),
                bool(meta.get("description")), bool(page.canonical_url), bool(page.edit_url),
                bool(page.toc), _first_toc_url(page) is not None, "<h1" in page.content,
                tuple((key, repr(meta[key])) for key in THEME_META_KEYS if key in meta))

    def _shell(self, context, page, template: str) -> Shell | None:
        key = self.key(page, template)
        if key not in self._shells:
            stand_in = ShellPage(page)
            html = context.environment.get_template(template).render(
                {**context.get_all(), "page": stand_in, "psea_shell_toc": TOC})
            shell = Shell.clean(collapse_whitespace(self.finish(html)), set(page_values(page, "")))
            if stand_in.unexpected:
                log.warning(f"Pages in {key[1]} are rendered whole: the theme read the page attribute(s) "
                            f"{', '.join(sorted(stand_in.unexpected))}, which macros/shell.py does not know "
                            "to be the same across a folder (add them to FOLDER_ATTRIBUTES only if they are)")
                shell = None
            self._shells[key] = shell
        return self._shells[key]

    @pass_context
    def render_page(self, context) -> Markup:
        """The psea-shell.html template: the page's real template, from its folder's shell."""
        env, page = context.environment, context["page"]
        template = self._templates[page.file.src_uri]
        shell = self._shell(context, page, template)
        if shell is None:  # rendered whole, as without shells
            return Markup(env.get_template(template).render(context.get_all()))
        if self._toc_title is None:  # as partials/toc.html words it
            self._toc_title = env.get_template(TOC_TITLE_TEMPLATE).render(context.get_all()).strip()
        return Markup(shell.fill(page_values(page, toc_html(page.toc, self._toc_title))))


def toc_html(toc, title: str) -> str:
    """Material 9.8's partials/toc.html and toc-item.html, whitespace collapsed, for a page filled
    into a shell: the template took half a millisecond a page. tests/test_shell.py compares every
    page with the page the theme renders whole, so a change of the theme's markup shows there."""
    first = next(iter(toc), None)
    items = first.children if first is not None and first.level == 1 else toc
    inner = ""
    if items:
        inner = (' <label class="md-nav__title" for="__toc"> <span class="md-nav__icon md-icon"></span>'
                 f' {title} </label> <ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>'
                 f' {"".join(map(_toc_item, items))}</ul>')
    return f'<nav class="md-nav md-nav--secondary" aria-label="{escape(title)}">{inner} </nav>'


def _toc_item(item) -> str:
    children = ""
    if item.children:
        children = (f'<nav class="md-nav" aria-label="{escape(Markup(item.title).striptags())}">'
                    ' <ul class="md-nav__list">'
                    f' {"".join(map(_toc_item, item.children))}</ul> </nav> ')
    return (f'<li class="md-nav__item"> <a href="{item.url}" class="md-nav__link"> <span class="md-ellipsis">'
            f' {item.title} </span> </a> {children}</li> ')
