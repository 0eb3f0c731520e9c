"""The URL scheme: the one place that decides where every case and generated page lives, how
pages link to each other, and which pages the navigation lists.

URLs are directory-style paths from the site root without a leading slash ("cases/2567/x/");
a page's source path (its `src_uri`) is the URL followed by index.md, except for case files,
which are content/cases/<year>/<id>.md.
"""
from __future__ import annotations

import functools

from mkdocs.structure.files import InclusionLevel

from ..structure.case import Case
from ..taxonomy import Taxonomy

CASES_DIR = "cases"


@functools.lru_cache(maxsize=65536)
def rel(from_url: str, to_url: str) -> str:
    """Relative link between two directory-style site URLs ('' is the home page)."""
    # posixpath.relpath by hand (it was a tenth of a large build): the URLs are already normal.
    start, path = [p for p in (from_url or "").split("/") if p], [p for p in to_url.split("/") if p]
    common = 0
    for a, b in zip(start, path, strict=False):
        if a != b:
            break
        common += 1
    target = "/".join([".."] * (len(start) - common) + path[common:]) or "."
    if to_url.endswith("/") or to_url == "":
        target = target.rstrip("/") + "/"
    return "./" if target in (".", "./") else target


def absolute(site_url: str, url: str) -> str:
    """The permanent address of the page at `url` (mkdocs.yml site_url, which ends in "/")."""
    return (site_url or "/").rstrip("/") + "/" + url


def case_url(case: Case) -> str:
    return f"{CASES_DIR}/{case.year}/{case.id}/"


def case_src_uri(case: Case) -> str:
    return f"{CASES_DIR}/{case.year}/{case.id}.md"


def page_src_uri(url: str) -> str:
    """The source path of the generated page at `url`."""
    return f"{url}index.md"


def page_url(src_uri: str) -> str:
    """The URL of the generated page whose source path is `src_uri`."""
    return src_uri[: -len("index.md")]


def nav_src_uris(nav: object) -> set[str]:
    """The source paths that mkdocs.yml's `nav` lists (the section pages)."""
    if isinstance(nav, dict):
        return set().union(*(nav_src_uris(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(set(), *(nav_src_uris(v) for v in nav))
    return {nav} if isinstance(nav, str) else set()


def paged_url(base: str, number: int) -> str:
    """Page `number` of a list split into pages whose first page is the page at `base`: the
    following pages are base/page/2/, base/page/3/ … (outside the navigation, like every listing)."""
    return base if number == 1 else f"{base}page/{number}/"


def is_paged(url: str) -> bool:
    """Whether `url` is a following page of a paged list (paged_url with a number above 1)."""
    parts = url.rstrip("/").split("/")
    return len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit()


def is_list_only(url: str) -> bool:
    """Whether the page at `url` holds nothing but a list of cases besides its title: a following
    page of a paged list, or a category's list of every case (category_cases_url)."""
    parts = url.rstrip("/").split("/")
    return is_paged(url) or (len(parts) == 4 and parts[0] + "/" == AWARDS_URL and parts[3] == "cases")


def inclusion(src_uri: str, in_nav: set[str]) -> InclusionLevel:
    """Pages that the navigation does not list (cases, the pages of one year, province, agency,
    tag, SDG or award category, the search page) are reached through the section pages: a
    navigation listing every case would make each page's size grow with the corpus."""
    return InclusionLevel.INCLUDED if src_uri in in_nav else InclusionLevel.NOT_IN_NAV


# The index pages, and the pages below them.
YEARS_URL, PROVINCES_URL, AGENCIES_URL = "years/", "provinces/", "agencies/"
TAGS_URL, SDGS_URL, AWARDS_URL, BROWSE_URL = "tags/", "sdgs/", "awards/", "browse/"
BROWSE_SCRIPT = "assets/js/browse.js"  # overrides/assets/js/: loads browse-view.js on the first interaction
PROPOSE_URL, PROPOSE_SCRIPT = "propose/", "assets/js/propose.js"
OVERVIEW_URL, HELP_WANTED_URL, CONTRIBUTE_URL = "overview/", "help-wanted/", "contribute/"


def year_url(year: int | str) -> str:
    return f"{YEARS_URL}{year}/"


def category_url(branch: str, category: str) -> str:
    return f"{AWARDS_URL}{branch}/{category}/"


def category_cases_url(branch: str, category: str) -> str:
    """Every case of a category, paged, when its criteria page (category_url) has too many to show."""
    return f"{category_url(branch, category)}cases/"


def branch_url(branch: str) -> str:
    return f"{AWARDS_URL}{branch}/"


def province_url(tax: Taxonomy, province_th: str) -> str:
    province = tax.province_by_th.get(province_th)
    return province_key_url(province["key"] if province else "unknown")


def province_key_url(key: str) -> str:
    return f"{PROVINCES_URL}{key}/"


def agency_url(slug: str) -> str:
    return f"{AGENCIES_URL}{slug}/"


def tag_url(tag: str) -> str:
    return f"{TAGS_URL}{tag}/"


def sdg_url(sdg: int | str) -> str:
    return f"{SDGS_URL}{sdg}/"


# The source documents (sources/*.txt) and the about page.
SOURCES_URL, ABOUT_URL = "sources/", "about/"
SOURCES_SCRIPT = "assets/js/source-lines.js"  # overrides/assets/js/: highlights a cited range
CITE_SCRIPT = "assets/js/cite.js"  # overrides/assets/js/: the copy buttons of a case page


def source_url(document: str) -> str:
    """The page of a source document, by its file name: sources/001_3702f4d108c3183e/."""
    stem = document[: -len(".txt")] if document.endswith(".txt") else document
    return f"{SOURCES_URL}{stem}/"
