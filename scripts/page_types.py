"""One page of each type of a built site, and all its pages: what the browser measurements
(scripts/thai_breaks.py, scripts/lighthouse.py, scripts/bench.py) and their tests load."""
from __future__ import annotations

from pathlib import Path


def _first(site: Path, pattern: str, text: str = "") -> str | None:
    """The first page matching `pattern` (whose HTML holds `text`), as a URL path."""
    for path in sorted(site.glob(pattern)):
        if text in path.read_text(encoding="utf-8"):
            return path.parent.relative_to(site).as_posix() + "/"
    return None


def page_types(site: Path) -> dict[str, str]:
    """One page of each type of the built site: name -> URL path (relative to the site root)."""
    found = {
        "home": "" if (site / "index.html").is_file() else None,
        "search": "search/" if (site / "search" / "index.html").is_file() else None,
        "browse": "browse/" if (site / "browse" / "index.html").is_file() else None,
        # a full case (a narrative with sections), the listings and the criteria explainers
        "case": _first(site, "cases/*/*/index.html", 'id="ความเป็นมาและปัญหา"') or _first(site, "cases/*/*/index.html"),
        "criteria": _first(site, "awards/*/*/index.html", "psea-cases") or _first(site, "awards/*/*/index.html"),
        "award": _first(site, "awards/*/index.html"),
        "year": _first(site, "years/*/index.html"),
        "province": _first(site, "provinces/*/index.html"),
        "agency": _first(site, "agencies/*/index.html"),
        "tag": _first(site, "tags/*/index.html"),
        "sdg": _first(site, "sdgs/*/index.html"),
        "overview": _first(site, "overview/index.html"),
        "source": _first(site, "sources/*/index.html"),
        "about": _first(site, "about/index.html"),
        "open-data": _first(site, "open-data/index.html"),
    }
    return {name: url for name, url in found.items() if url is not None}


def all_pages(site: Path) -> list[str]:
    """Every page of the site (its folders' index.html), as URL paths."""
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if "pagefind" not in p.relative_to(site).parts)
