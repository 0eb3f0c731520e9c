"""One build's view of the content: validation results, the corpus and the generated pages.

Built once per build from the mkdocs config (a fixture project in tests uses its own paths).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import sourcedocs
from . import validate as validation
from .pages import generated_files, generated_pages
from .render.urls import case_src_uri
from .structure.case import Case
from .structure.corpus import Corpus, build_corpus, plain
from .structure.inputs import BuildInputs
from .structure.page import GeneratedFile, GeneratedPage
from .taxonomy import Taxonomy

SITE_VARIABLE = "psea_site"  # the mkdocs-macros variable that holds a build's Site (site_macros.py)


@dataclass(repr=False)
class Site:
    root: Path
    taxonomy: Taxonomy
    corpus: Corpus
    problems: list = field(default_factory=list)
    pages: dict[str, GeneratedPage] = field(default_factory=dict)
    files: dict[str, GeneratedFile] = field(default_factory=dict)  # other generated files (not pages)
    excluded: list = field(default_factory=list)  # invalid case files left out while serving
    inputs: BuildInputs = field(default_factory=BuildInputs)  # source texts, help wanted, last change

    def __repr__(self) -> str:
        # mkdocs-macros writes every variable as text on each build, verbose or not (its on_pre_build
        # debug payload): the dataclass's own repr, the whole corpus and every generated page, took
        # seconds and over 800 MB at 10,000 cases (issue 14).
        return (f"Site({str(self.root)!r}, {len(self.corpus.cases)} cases, {len(self.pages)} pages, "
                f"{len(self.files)} files, {len(self.problems)} problems)")

    @cached_property
    def cases_by_src(self) -> dict:
        return {case_src_uri(case): case for case in self.corpus.cases}


def _usable(parsed, problem_paths: set) -> bool:
    return parsed.meta is not None and str(parsed.path) not in problem_paths


def load(config_dir: Path, docs_dir: Path, last_change: int | None = None,
         checks: validation.FileChecks | None = None) -> Site:
    """`last_change`: Unix time of the last commit (the plugin reads it from git), for the about page.
    `checks`: a preview keeps each file's checks in it, for `reload` (macros.preview)."""
    report = _validate(config_dir, docs_dir, checks)
    if report.taxonomy is None:
        empty = Taxonomy({}, {}, [], [])
        return Site(Path(config_dir), empty, Corpus([], empty), report.problems)
    inputs = BuildInputs(sourcedocs.load_documents(Path(config_dir), report.taxonomy),
                         sourcedocs.load_help_wanted(Path(config_dir)), last_change)
    return _site(config_dir, report, inputs, build_corpus)


def reload(site: Site, docs_dir: Path, checks: validation.FileChecks) -> Site:
    """The site again after case files were saved (mkdocs serve, macros.preview): only the files
    changed since `checks` last saw them are read and checked; the other cases keep their Case
    objects and their rendered listing rows. The award data, source texts and help-wanted items
    are those of `site` (a change to them rebuilds everything). Same result as `load`."""
    checks.fresh.clear()
    checks.seen.clear()
    # data/ is unchanged (else the preview rebuilds everything): its award data is read once.
    report = _validate(site.root, docs_dir, checks, site.taxonomy if site.taxonomy.awards else None)
    if report.taxonomy is None:
        return load(site.root, docs_dir, site.inputs.last_change, checks)
    earlier = {case.path: case for case in site.corpus.cases}

    def corpus_of(usable: list, taxonomy: Taxonomy) -> Corpus:
        cases = [_case(p, earlier.get(p.path), p.path in checks.fresh) for p in usable]
        corpus = Corpus(cases, taxonomy)
        # A listing row depends on its case alone (render.fragments.case_row): keep the unchanged ones.
        corpus.rows.update((key, row) for key, row in site.corpus.rows.items()
                           if corpus.by_id.get(key[0]) is site.corpus.by_id.get(key[0]))
        return corpus

    return _site(site.root, report, site.inputs, corpus_of)


def _case(parsed, earlier: Case | None, fresh: bool) -> Case:
    """The earlier Case while its file says the same (a save without a change renders nothing)."""
    if earlier is not None and not fresh:
        return earlier
    case = Case.from_meta(plain(parsed.meta), parsed.body, parsed.path)
    return earlier if earlier is not None and (earlier.meta, earlier.body) == (case.meta, case.body) else case


def _validate(config_dir: Path, docs_dir: Path, checks: validation.FileChecks | None,
              taxonomy: Taxonomy | None = None) -> validation.Report:
    return validation.validate(cases_dir=Path(docs_dir) / "cases", data_dir=Path(config_dir) / "data", cache=checks,
                               taxonomy=taxonomy)


def _site(config_dir: Path, report: validation.Report, inputs: BuildInputs,
          corpus_of: Callable[[list, Taxonomy], Corpus]) -> Site:
    problems, parsed, taxonomy = report.problems, report.parsed, report.taxonomy
    assert taxonomy is not None
    problem_paths = {p.path for p in problems}
    usable = [p for p in parsed if _usable(p, problem_paths)]
    excluded = [p.path for p in parsed if not _usable(p, problem_paths)]
    corpus = corpus_of(usable, taxonomy)
    site = Site(Path(config_dir), taxonomy, corpus, problems, excluded=excluded, inputs=inputs)
    site.pages = generated_pages(corpus, inputs)
    site.files = generated_files(corpus, inputs)
    return site
