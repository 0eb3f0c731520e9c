"""Open data written under the site root after a build (see issue: open data)."""
from __future__ import annotations

from pathlib import Path


def write_exports(site, site_dir: Path) -> None:
    """Placeholder until the open-data exports land."""
