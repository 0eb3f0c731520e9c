"""scripts/bench.py keeps working: a small run prints every figure, each a number.

The speed targets themselves are not tested (they depend on the machine); the benchmark prints them
and README.md records them.
"""
from __future__ import annotations

import math
import subprocess
import sys

import pytest

from conftest import ROOT

BUILD_KEYS = ("cases", "generate_seconds", "build_seconds", "seconds_per_case", "search_index_tail_seconds",
              "site_bytes",
              "largest_html_bytes", "largest_case_html_bytes", "largest_case_html_gzip_bytes", "browse_bytes",
              "overview_html_bytes", "overview_html_gzip_bytes", "province_maps_gzip_bytes",
              "largest_listing_html_gzip_bytes", "peak_rss_mb")
BARE_KEYS = ("bare_build_seconds", "ratio_vs_bare", "bare_peak_rss_mb", "rss_ratio_vs_bare")
BROWSER_KEYS = ("search_first_results_bytes", "search_first_results_gzip_bytes",
                "search_first_results_responses", "browse_keystroke_ms", "thai_midword_breaks",
                "thai_midword_pages_checked", "browse_first_view_gzip_bytes",
                "browse_first_view_html_gzip_bytes", "browse_first_view_responses")
SERVE_KEYS = ("serve_rebuild_seconds", "serve_rebuild_pages", "serve_rebuild_cpu_seconds")


def run_bench(*args: str) -> tuple[list[dict[str, str]], dict[str, str]]:
    """The figures of each size (a block per `cases=N`) and the comparison after the last size."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "bench.py"), *args],
                            cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    blocks: list[dict[str, str]] = []
    summary: dict[str, str] = {}
    for line in result.stdout.splitlines():
        name, sep, value = line.partition("=")
        assert sep and name and value, f"not a name=value line: {line!r}"
        if name == "cases":
            blocks.append({})
        if name == "seconds_per_case_ratio":
            summary[name] = value
        else:
            assert blocks, f"{line!r} before the first cases= line"
            blocks[-1][name] = value
    return blocks, summary


def assert_numbers(block: dict[str, str], keys) -> None:
    for key in keys:
        assert key in block, f"{key} missing from {sorted(block)}"
        value = float(block[key])
        assert math.isfinite(value) and value >= 0, (key, block[key])


@pytest.mark.site
def test_two_sizes_without_browser_print_every_figure():
    sizes, summary = run_bench("--cases", "12,30", "--no-browser")
    assert [int(b["cases"]) for b in sizes] == [12, 30]
    for block in sizes:
        assert_numbers(block, BUILD_KEYS + BARE_KEYS + SERVE_KEYS)
        assert int(block["serve_rebuild_pages"]) > 0  # the preview's fast rebuild, not a full one
        assert len(block["serve_rebuild_seconds_runs"].split(",")) == 3
        assert float(block["build_seconds"]) > 0 and int(block["site_bytes"]) > int(block["browse_bytes"]) > 0
        assert block["largest_html_page"].endswith(".html")
        assert block["largest_case_html_page"].startswith("cases/")
        assert 0 < int(block["largest_case_html_gzip_bytes"]) < int(block["largest_case_html_bytes"])
        assert 0 < int(block["overview_html_gzip_bytes"]) < int(block["overview_html_bytes"])
        assert 0 < int(block["largest_listing_html_gzip_bytes"]) < int(block["largest_html_bytes"])
        assert int(block["province_maps_gzip_bytes"]) > 0
        assert float(block["peak_rss_mb"]) > 20 and float(block["bare_peak_rss_mb"]) > 20  # Python and mkdocs at least
        assert not set(BROWSER_KEYS) & set(block)
    assert_numbers(summary, ("seconds_per_case_ratio",))


@pytest.mark.site
def test_browser_figures():
    (block,), summary = run_bench("--cases", "20", "--no-bare", "--no-serve")
    assert not summary
    assert_numbers(block, BUILD_KEYS + BROWSER_KEYS)
    assert int(block["search_first_results_bytes"]) > 50_000  # Pagefind's script and wasm at least
    assert int(block["search_first_results_responses"]) >= 4
    assert block["browse_keystroke_method"].startswith("typed")
    assert int(block["thai_midword_pages_checked"]) >= 10  # one page of each type
    # The first view of /browse/ is the page, its styles, scripts and fonts: more than its HTML.
    assert int(block["browse_first_view_gzip_bytes"]) > int(block["browse_first_view_html_gzip_bytes"]) > 1000
    assert int(block["browse_first_view_responses"]) >= 5


@pytest.mark.site
def test_repeated_builds_report_the_fastest_run_of_each():
    (block,), _ = run_bench("--cases", "12", "--no-browser", "--repeat", "2", "--no-serve")
    runs = [float(s) for s in block["build_seconds_runs"].split(",")]
    floors = [float(s) for s in block["bare_build_seconds_runs"].split(",")]
    assert len(runs) == len(floors) == 2
    assert float(block["build_seconds"]) == round(min(runs), 2)
    assert float(block["bare_build_seconds"]) == round(min(floors), 2)
    assert math.isclose(float(block["ratio_vs_bare"]), min(runs) / min(floors), rel_tol=0.02)
