#!/usr/bin/env python3
"""Build-and-browse benchmark at a given number of cases.

For each size N in --cases (e.g. `--cases 500,5000`) it writes N valid synthetic cases, made by
varying the real ones (new ids; a year the category really had, from data/awards.yaml; other
agencies and provinces), into a temporary copy of the project, then:
- builds the complete site with `mkdocs build --strict` (generated pages and the Pagefind index
  included) and measures it;
- builds the same Markdown as a bare mkdocs-material site (no macros, no hooks, no generated
  pages, Material's built-in search, a navigation of the section pages only): the floor that any
  mkdocs site of this many pages costs; for each build also its peak memory (peak_rss_mb,
  bare_peak_rss_mb: the largest resident set among the build's processes);
- unless --no-browser, serves the site on 127.0.0.1 and measures in headless Chromium (Debian's,
  driven by Playwright) what a first search downloads, how long a browse-filter keystroke takes
  and how many Thai words are cut at a line break (`thai_midword_breaks`: scripts/thai_breaks.py,
  one page of each type at 1280, 768 and 375 px);
- unless --no-serve, runs `mkdocs serve` on the project, saves one case with a new title and
  measures until the served page shows it (serve_rebuild_seconds, scripts/bench_serve.py).

Output: one `name=value` per line. With several sizes, each size's block starts with `cases=N` and
a last block compares them (seconds_per_case_ratio = seconds per case at the largest size divided by
that at the smallest). Sizes are reported, never asserted: the targets are in README.md
("Performance / ประสิทธิภาพ").

    python scripts/bench.py --cases 5000
    python scripts/bench.py --cases 500,5000 --keep /tmp/bench   # keep the projects and sites
    python scripts/bench.py --cases 2000 --profile /tmp/build.prof  # cProfile the full build
    python scripts/bench.py --cases 500,5000 --repeat 3  # each build three times: the fastest counts
"""
from __future__ import annotations

import argparse
import gzip
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import _bootstrap  # noqa: F401  (makes the repository's macros importable)

# isort: split
import frontmatter
from bench_serve import serve_rebuild
from chromium import CHROMIUM, CHROMIUM_ARGS

from macros.taxonomy import Taxonomy
from macros.validate import validate

import gzip_server
import thai_breaks
from page_types import page_types
from project_copy import copy_project

ROOT = Path(__file__).resolve().parent.parent
SEARCH_QUERY = "ลดระยะเวลารอคอย"  # a visitor's first search, typed on /search/
KEYSTROKE_CANDIDATES = ("โ", "ส", "ร", "z")
KEYSTROKE_PAIRS = 7  # each pair: one character typed, then Backspace
LOCATOR = re.compile(r'<div class="psea-locator">.*?</svg></div>', re.S)


# Synthetic cases ------------------------------------------------------------------------------
def real_cases() -> list[tuple[dict, str]]:
    report = validate()
    if report.problems:
        sys.exit(f"the real cases have problems; run scripts/validate.py first ({len(report.problems)} found)")
    posts = [frontmatter.load(p.path) for p in sorted(report.parsed, key=lambda p: str(p.path))]
    return [(dict(post.metadata), post.content) for post in posts]


def synthetic_cases(n: int, seed: int = 1) -> list[tuple[str, str]]:
    """(path under content/cases, file text) of n valid cases varied from the real ones."""
    tax = Taxonomy.load()
    rng = random.Random(seed)
    base = real_cases()
    provinces = [p["th"] for p in tax.provinces]
    agencies_per_case = 4  # about one agency for every four cases, as in the real award lists
    out = []
    for i in range(n):
        meta, body = base[i % len(base)]
        meta = {k: v for k, v in meta.items()}  # shallow copy; nested values are replaced below
        branch, category = meta["award"]["branch"], meta["award"]["category"]
        cat = tax.category(branch, category) or {}
        years = tax.category_years(cat) or [meta["year"]]
        year = rng.choice(years)
        edition = tax.edition(cat, year) or {}
        agency = dict(meta["agency"])
        k = rng.randrange(max(1, n // agencies_per_case))  # one of n/4 agencies, each always the same name
        agency["name"] = f"{base[k % len(base)][0]['agency']['name']} หน่วยที่ {k}"
        meta.update(id=f"{meta['id']}-b{i}", year=year, agency=agency, province=rng.choice(provinces),
                    title=f"{meta['title']} (ชุดทดสอบ {i})",
                    award={**meta["award"]})
        if meta["award"]["level"] not in tax.branch_levels(branch):
            meta["award"]["level"] = "not-stated"
        for key in ("builds_on", "builds_on_unrecorded", "recognition"):
            meta.pop(key, None)
        if (edition.get("builds_on") or {}).get("required"):
            meta["builds_on_unrecorded"] = "ผลงานเดิมของข้อมูลชุดทดสอบความเร็ว"
        post = frontmatter.Post(body, **meta)
        out.append((f"{year}/{meta['id']}.md", frontmatter.dumps(post) + "\n"))
    return out


def make_project(where: Path, n: int, seed: int) -> Path:
    return copy_project(where, synthetic_cases(n, seed))


def make_bare_project(project: Path, where: Path) -> Path:
    """The same Markdown as a plain mkdocs-material site: hand-written pages and case files only."""
    bare = where / "bare"
    shutil.copytree(project / "content", bare / "docs")
    shutil.copytree(project / "overrides" / "assets", bare / "docs" / "assets")  # fonts and CSS, as served
    sections = sorted(p.relative_to(bare / "docs").as_posix() for p in (bare / "docs").rglob("*.md")
                      if not p.relative_to(bare / "docs").as_posix().startswith("cases/"))
    nav = "".join(f"  - {s}\n" for s in sections)
    (bare / "mkdocs.yml").write_text(
        "site_name: bare\ntheme:\n  name: material\n  language: th\n"
        "  features: [navigation.tabs, navigation.sections]\n"
        "plugins:\n  - search\nmarkdown_extensions: [toc, tables, attr_list, admonition, def_list]\n"
        f"nav:\n{nav}not_in_nav: |\n  /cases/**\n", encoding="utf-8")
    return bare


# Builds ---------------------------------------------------------------------------------------
SEARCH_TAIL = re.compile(r"Search index: \d+ pages in ([\d.]+) s after the pages were written")


@dataclass(frozen=True, order=True)
class Build:
    seconds: float  # wall clock
    log: str = field(compare=False)
    peak_rss_mb: float = field(compare=False)  # the largest resident set of the build's processes


def mkdocs_build(project: Path, out: Path, *extra: str, profile: str | None = None) -> Build:
    """`mkdocs build` in a fresh interpreter: its wall-clock seconds, log and peak memory."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    runner = [sys.executable] + (["-m", "cProfile", "-o", profile] if profile else []) + ["-m", "mkdocs"]
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen([*runner, "build", "-f", str(project / "mkdocs.yml"), "-d", str(out), *extra],
                                   cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        # wait4 gives this build's own resource use; ru_maxrss covers the process and the children
        # it waited for (the search helper and Pagefind), in KiB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        log = output.read().decode("utf-8", "replace")
    if process.returncode != 0:
        sys.exit(f"build of {project} failed:\n{log[-8000:]}")
    return Build(elapsed, log, round(usage.ru_maxrss / 1024, 1))


def site_sizes(site: Path) -> dict:
    total, largest, largest_case = 0, (0, ""), (0, "")
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        if path.suffix == ".html":
            rel = path.relative_to(site).as_posix()
            largest = max(largest, (size, rel))
            if rel.startswith("cases/"):
                largest_case = max(largest_case, (size, rel))
    browse = site / "browse" / "index.html"
    overview = site / "overview" / "index.html"
    # The province map drawn into each province page (macros/pages/overview.add_locator_maps), as a host
    # that gzips HTML sends it, summed over the province pages.
    locators = [LOCATOR.search(p.read_text(encoding="utf-8")) for p in site.glob("provinces/*/index.html")]
    return {
        "overview_html_bytes": overview.stat().st_size if overview.exists() else 0,
        "overview_html_gzip_bytes": len(gzip.compress(overview.read_bytes(), 6)) if overview.exists() else 0,
        "province_maps_gzip_bytes": sum(len(gzip.compress(m.group(0).encode("utf-8"), 6)) for m in locators if m),
        "site_bytes": total,
        "largest_html_bytes": largest[0], "largest_html_page": largest[1],
        "largest_case_html_bytes": largest_case[0], "largest_case_html_page": largest_case[1],
        # what a host that gzips HTML (GitHub Pages) sends of that page
        "largest_case_html_gzip_bytes": (
            len(gzip.compress((site / largest_case[1]).read_bytes(), 6)) if largest_case[1] else 0
        ),
        "browse_bytes": browse.stat().st_size if browse.exists() else 0,
        "largest_listing_html_gzip_bytes": largest_listing_gzip(site),
    }


# The pages that list cases or other pages: their weight must not grow with the corpus (issue 14).
LISTING_DIRS = ("browse", "years", "provinces", "agencies", "tags", "sdgs", "awards")


def largest_listing_gzip(site: Path) -> int:
    """The largest listing or index page (the home page and every page under LISTING_DIRS, paged
    pages included) as a host that gzips HTML sends it."""
    pages = [site / "index.html"] + [p for d in LISTING_DIRS for p in (site / d).rglob("index.html")]
    return max((len(gzip.compress(p.read_bytes(), 6)) for p in pages if p.is_file()), default=0)


# In the browser -------------------------------------------------------------------------------
def serve(directory: Path):
    """The site as a host that compresses nothing sends it, each response's bytes recorded
    (server.record.sent); gzip_size gives what a host that gzips would send."""
    return gzip_server.serve(directory, compress=False, record=True)


def gzip_size(path: str, sent: int) -> int:
    """What a host that gzips text (GitHub Pages, most CDNs) would send for this response."""
    file = Path(path)
    if file.is_dir():  # a page's address: the server sends its index.html
        file = file / "index.html"
    if file.suffix not in gzip_server.COMPRESSIBLE or not file.is_file():  # what the server would gzip
        return sent
    raw = file.read_bytes()
    return sent - len(raw) + len(gzip.compress(raw, 6))


def first_search_bytes(browser, base: str, server) -> dict:
    """Bytes a new visitor downloads after /search/ has loaded until the first results show:
    every response, from the page and from Pagefind's worker (wasm, index and fragment chunks),
    as counted by the server."""
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    page.goto(base + "search/", wait_until="load")
    page.wait_for_selector("#psea-search-results[data-state]", state="attached")
    page.wait_for_timeout(300)
    record = server.record
    record.sent.clear()
    record.counting["on"] = True
    page.click("#psea-search-q")
    page.keyboard.type(SEARCH_QUERY, delay=60)
    # Predicates are functions, not strings: the site's CSP forbids eval.
    page.wait_for_function("() => document.querySelector('#psea-search-results').dataset.state === 'done'"
                           " && document.querySelectorAll('#psea-search-results li').length > 0", timeout=60000)
    record.counting["on"] = False
    sent = list(record.sent)
    context.close()
    return {"search_first_results_bytes": sum(n for _, n, _ in sent),
            "search_first_results_gzip_bytes": sum(gzip_size(path, n) for _, n, path in sent),
            "search_first_results_responses": len(sent)}


KEYSTROKE_JS = """() => {
  const count = document.querySelector('#psea-browse-count');
  window.__psea = {input: 0, update: 0};
  new MutationObserver(() => { if (!window.__psea.update) window.__psea.update = performance.now(); })
    .observe(count, {childList: true, characterData: true, subtree: true});
  // Capture phase on window: runs before browse.js's own input listener.
  window.addEventListener('input', () => { window.__psea.input = performance.now(); window.__psea.update = 0; }, true);
}"""


def browse_first_view_bytes(browser, base: str, server) -> dict:
    """What a new visitor's browser downloads to show /browse/ without touching it: every request
    (HTML, CSS, JavaScript, fonts, data) until the network is idle, as a host that gzips text sends it."""
    context = browser.new_context(locale="th-TH", viewport={"width": 412, "height": 915})
    page = context.new_page()
    record = server.record
    record.sent.clear()
    record.counting["on"] = True
    page.goto(base + "browse/", wait_until="networkidle")
    record.counting["on"] = False
    sent = list(record.sent)
    context.close()
    html = [gzip_size(path, n) for url, n, path in sent if url.split("?")[0].endswith("/browse/")]
    return {"browse_first_view_gzip_bytes": sum(gzip_size(path, n) for _, n, path in sent),
            "browse_first_view_html_gzip_bytes": sum(html),
            "browse_first_view_responses": len(sent)}


def browse_keystroke_ms(browser, base: str) -> tuple[float, str]:
    """Median time from a keystroke's input event to the browse count's update, over several
    keystrokes (a character that changes the count, then Backspace)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    page.goto(base + "browse/", wait_until="load")
    if not page.query_selector("#psea-browse-q"):
        context.close()
        return float("nan"), "no browse filter on the page"
    page.wait_for_selector("#psea-browse-q", state="visible", timeout=30000)
    page.evaluate(KEYSTROKE_JS)
    page.click("#psea-browse-q")
    shown = lambda: page.inner_text("#psea-browse-count")  # noqa: E731
    before = shown()
    char = None
    for candidate in KEYSTROKE_CANDIDATES:
        page.keyboard.type(candidate)
        try:  # a loaded machine may take a while: wait for the count rather than a fixed delay
            page.wait_for_function("(text) => document.querySelector('#psea-browse-count').innerText !== text",
                                   arg=before, timeout=3000)
            changed = True
        except PlaywrightTimeout:
            changed = False
        page.keyboard.press("Backspace")
        page.wait_for_function("(text) => document.querySelector('#psea-browse-count').innerText === text", arg=before)
        if changed:
            char = candidate
            break
    if char is None:
        context.close()
        return float("nan"), "no keystroke changed the count"
    times = []
    for _ in range(KEYSTROKE_PAIRS):
        for key in (char, "Backspace"):
            if key == "Backspace":
                page.keyboard.press(key)
            else:
                page.keyboard.type(key)  # Thai letters are not on Playwright's key map: typed as text
            page.wait_for_function("() => window.__psea.update > 0 && window.__psea.update >= window.__psea.input",
                                   timeout=30000)
            times.append(page.evaluate("() => window.__psea.update - window.__psea.input"))
    context.close()
    return statistics.median(times), f"typed {char!r} and Backspace {KEYSTROKE_PAIRS} times"


def browser_figures(site: Path) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing (make test installs Debian's chromium), or run with --no-browser")
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            search = first_search_bytes(browser, base, server)
            search.update(browse_first_view_bytes(browser, base, server))
            keystroke, how = browse_keystroke_ms(browser, base)
            # Thai words cut at a line break, on one page of each type at 1280, 768 and 375 px
            breaks = thai_breaks.summary(thai_breaks.count(browser, base, list(page_types(site).values())))
            browser.close()
    finally:
        server.shutdown()
    return {"search_query": SEARCH_QUERY, **search,
            "browse_keystroke_ms": round(keystroke, 1), "browse_keystroke_method": how, **breaks}


# Main -----------------------------------------------------------------------------------------
def run_size(n: int, args, workdir: Path) -> dict:
    """Measure one size, printing each figure as soon as it is known."""
    figures: dict = {}

    def emit(**new):
        figures.update(new)
        for name, value in new.items():
            print(f"{name}={value}", flush=True)

    where = workdir / f"n{n}"
    started = time.perf_counter()
    project = make_project(where, n, args.seed)
    emit(cases=n, generate_seconds=round(time.perf_counter() - started, 2))
    site = where / "site"
    bare = None if args.no_bare else make_bare_project(project, where)
    # On a shared machine a build can take a third longer than the same build a minute later:
    # with --repeat, the two builds alternate and each figure is the fastest of its runs.
    runs, floors = [], []
    for run in range(args.repeat):
        runs.append(mkdocs_build(project, site, "--strict", profile=args.profile if run == 0 else None))
        if bare is not None:
            floors.append(mkdocs_build(bare, where / "bare-site"))
    build, build_log = min(runs).seconds, min(runs).log
    emit(build_seconds=round(build, 2), seconds_per_case=round(build / n, 5))
    if len(runs) > 1:
        emit(build_seconds_runs=",".join(f"{run.seconds:.2f}" for run in runs))
    emit(peak_rss_mb=max(run.peak_rss_mb for run in runs))
    tail = SEARCH_TAIL.search(build_log)  # the part of the search index not done while pages were built
    emit(search_index_tail_seconds=float(tail.group(1)) if tail else -1)
    emit(**site_sizes(site))
    if floors:
        floor = min(floors).seconds
        if len(floors) > 1:
            emit(bare_build_seconds_runs=",".join(f"{run.seconds:.2f}" for run in floors))
        emit(bare_build_seconds=round(floor, 2), ratio_vs_bare=round(build / floor, 3))
        bare_rss = max(run.peak_rss_mb for run in floors)
        emit(bare_peak_rss_mb=bare_rss, rss_ratio_vs_bare=round(max(run.peak_rss_mb for run in runs) / bare_rss, 3))
    if not args.no_browser:
        emit(**browser_figures(site))
    if not args.no_serve:
        emit(**serve_rebuild(project))
    return figures


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="5000", help="number of cases, or several separated by commas")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-browser", action="store_true", help="skip the measurements in Chromium")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare mkdocs-material build")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit-to-preview time of mkdocs serve")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    parser.add_argument("--profile", help="write a cProfile of the full build to this file (last size)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each site this many times, alternating, and report the fastest run")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in re.split(r"[,\s]+", args.cases.strip()) if s]
    if not sizes or min(sizes) < 1:
        parser.error("--cases needs positive numbers")
    if args.repeat < 1:
        parser.error("--repeat needs a positive number")
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="psea-bench-"))
    if args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
    results = []
    try:
        for n in sizes:
            results.append(run_size(n, args, workdir))
        if len(results) > 1:
            small, large = min(results, key=lambda f: f["cases"]), max(results, key=lambda f: f["cases"])
            print(f"seconds_per_case_ratio={large['seconds_per_case'] / small['seconds_per_case']:.3f}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
