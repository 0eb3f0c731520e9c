"""The Pagefind search index, built after the site (see issue: Thai search)."""
from __future__ import annotations

from pathlib import Path


def build_index(site_dir: Path, config) -> None:
    """Placeholder until Pagefind lands."""
