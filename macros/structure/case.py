"""A case as typed values, built once from frontmatter that passed validation.

`meta` keeps the frontmatter as written (plain dicts and lists) for the open-data exports, which
publish it field for field; everything else reads the typed attributes.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from ..slugs import slugify
from ..thaisort import thai_sort_key


@dataclass(frozen=True)
class Award:
    branch: str
    category: str
    level: str


@dataclass(frozen=True)
class Agency:
    name: str
    type: str
    name_en: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Metric:
    label: str
    unit: str
    value: Any = None  # int, or a float that remembers how it was written (yamlines)
    before: Any = None
    after: Any = None
    note: str | None = None

    @property
    def has_change(self) -> bool:
        return self.before is not None and self.after is not None


@dataclass(frozen=True)
class Source:
    """A document of data/sources.yaml (`document`), or another published one (`title` and `url`)."""
    locator: str
    document: str | None = None
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Recognition:
    name: str
    year: int | None = None
    note: str | None = None


R = TypeVar("R", "Metric", "Recognition", "Source")


def _records(cls: type[R], items: list[dict[str, Any]] | None) -> tuple[R, ...]:
    names = cls.__dataclass_fields__
    return tuple(cls(**{k: v for k, v in item.items() if k in names}) for item in items or ())


@dataclass(eq=False)
class Case:
    id: str
    title: str
    status: str
    year: int
    award: Award
    agency: Agency
    province: str
    body: str
    meta: dict[str, Any] = field(repr=False)
    path: Path | None = None
    title_en: str | None = None
    pain_point: str | None = None
    solution: str | None = None
    impact: str | None = None
    metrics: tuple[Metric, ...] = ()
    sdgs: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    builds_on: str | None = None
    builds_on_unrecorded: str | None = None
    recognition: tuple[Recognition, ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    inferred: dict[str, str] = field(default_factory=dict)  # dotted field path -> why it is inferred

    @classmethod
    def from_meta(cls, meta: dict[str, Any], body: str, path: Path | None = None) -> Case:
        """The case of validated frontmatter (plain values: see corpus.plain)."""
        return cls(
            id=meta["id"], title=meta["title"], status=meta["status"], year=meta["year"],
            award=Award(**meta["award"]), agency=Agency(**meta["agency"]), province=meta["province"],
            body=body, meta=meta, path=path, title_en=meta.get("title_en"),
            pain_point=meta.get("pain_point"), solution=meta.get("solution"), impact=meta.get("impact"),
            metrics=_records(Metric, meta.get("metrics")), sdgs=tuple(meta.get("sdgs") or ()),
            tags=tuple(meta.get("tags") or ()), partners=tuple(meta.get("partners") or ()),
            builds_on=meta.get("builds_on"), builds_on_unrecorded=meta.get("builds_on_unrecorded"),
            recognition=_records(Recognition, meta.get("recognition")), notes=tuple(meta.get("notes") or ()),
            sources=_records(Source, meta.get("sources")),
            inferred={item["field"]: item["reason"] for item in meta.get("inferred") or ()},
        )

    # The most used award and agency values, flat.
    branch = property(lambda self: self.award.branch)
    category = property(lambda self: self.award.category)
    level = property(lambda self: self.award.level)
    agency_name = property(lambda self: self.agency.name)
    agency_type = property(lambda self: self.agency.type)

    @property
    def agency_slug(self) -> str:
        # A name with no letters or digits (such as "/..?#") has an empty slug, which would be the
        # agencies index itself: such an agency gets a stable slug from its name instead.
        name = self.agency.name
        return slugify(name) or "agency-" + hashlib.sha256(str(name).encode("utf-8")).hexdigest()[:10]

    @cached_property  # a case's values never change once built; pages sort cases again and again
    def sort_key(self) -> tuple[int, tuple[str, str], str]:
        return (-self.year, thai_sort_key(self.title), self.id)
