"""One build's view of the content: validation results, the corpus and the generated pages.

Built once per build from the mkdocs config (a fixture project in tests uses its own paths).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import sourcedocs
from . import validate as validation
from .pages import generated_files, generated_pages
from .render.urls import case_src_uri
from .structure.corpus import Corpus, build_corpus
from .structure.inputs import BuildInputs
from .structure.page import GeneratedFile, GeneratedPage
from .taxonomy import Taxonomy

SITE_VARIABLE = "psea_site"  # the mkdocs-macros variable that holds a build's Site (site_macros.py)


@dataclass
class Site:
    root: Path
    taxonomy: Taxonomy
    corpus: Corpus
    problems: list = field(default_factory=list)
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, GeneratedFile] = field(default_factory=dict)  # other generated files (not pages)
    excluded: list = field(default_factory=list)  # invalid case files left out while serving
    inputs: BuildInputs = field(default_factory=BuildInputs)  # source texts, help wanted, last change

    @cached_property
    def cases_by_src(self) -> dict:
        return {case_src_uri(case): case for case in self.corpus.cases}


def _usable(parsed, problem_paths: set) -> bool:
    return parsed.meta is not None and str(parsed.path) not in problem_paths


def load(config_dir: Path, docs_dir: Path, last_change: int | None = None) -> Site:
    """`last_change`: Unix time of the last commit (the plugin reads it from git), for the about page."""
    data_dir = Path(config_dir) / "data"
    cases_dir = Path(docs_dir) / "cases"
    report = validation.validate(cases_dir=cases_dir, data_dir=data_dir)
    problems, parsed, taxonomy = report.problems, report.parsed, report.taxonomy
    if taxonomy is None:
        empty = Taxonomy({}, {}, [], [])
        return Site(Path(config_dir), empty, Corpus([], empty), problems)
    problem_paths = {p.path for p in problems}
    usable = [p for p in parsed if _usable(p, problem_paths)]
    excluded = [p.path for p in parsed if not _usable(p, problem_paths)]
    corpus = build_corpus(usable, taxonomy)
    inputs = BuildInputs(sourcedocs.load_documents(Path(config_dir), taxonomy),
                         sourcedocs.load_help_wanted(Path(config_dir)), last_change)
    site = Site(Path(config_dir), taxonomy, corpus, problems, excluded=excluded, inputs=inputs)
    site.pages = generated_pages(corpus, inputs)
    site.files = generated_files(corpus, inputs)
    return site
