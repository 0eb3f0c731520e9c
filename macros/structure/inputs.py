"""What a build reads besides the cases and the award system: the source documents' texts, the
help-wanted list and the time of the last change. The plugin gathers them once (macros.content)
and passes them to the page renderers; nothing here reads a file."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any


@dataclass(frozen=True)
class SourceDocument:
    """A document of data/sources.yaml with its text (sources/<file>), if the text is published."""
    file: str
    th: str
    en: str
    year: int | None
    lines: tuple[str, ...] | None  # None: the text is not in sources/

    @property
    def stem(self) -> str:
        return PurePosixPath(self.file).stem


@dataclass(frozen=True)
class BuildInputs:
    documents: tuple[SourceDocument, ...] = ()
    help_wanted: tuple[dict[str, Any], ...] = ()  # data/help_wanted.yaml items
    last_change: int | None = None  # Unix time of the last commit (None outside git)
