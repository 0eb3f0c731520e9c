#!/usr/bin/env python3
"""Lighthouse (mobile preset) on the five page types of a built site, served gzipped.

Lighthouse 12.2.3 is pinned in tools/lighthouse/package-lock.json (installed there with
`npm ci --ignore-scripts` when missing) and drives Debian's Chromium (CHROME_PATH, default
/usr/bin/chromium): no browser is downloaded. The site is served on 127.0.0.1 by
scripts/gzip_server.py, compressed as GitHub Pages serves it. For each page it prints
`<page>_performance=<score 0-100>` and `<page>_cls=<cumulative layout shift>` (plus LCP and total
blocking time in ms), one `name=value` a line, as scripts/bench.py does.

    python scripts/lighthouse.py                  # builds the site into a temporary folder first
    python scripts/lighthouse.py --site site/     # an already built site
    python scripts/lighthouse.py --runs 3         # each page three times: the median score counts
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from chromium import CHROMIUM

from gzip_server import serve
from page_types import page_types

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tools" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME = os.environ.get("CHROME_PATH") or CHROMIUM
PAGES = ("home", "browse", "search", "case", "criteria")
# Headless, and as root in a container; the network is closed, so nothing in the background.
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
                "--disable-component-update --disable-sync")


def installed_version() -> str | None:
    package = TOOLS / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.is_file() else None


def ensure_lighthouse() -> None:
    wanted = json.loads((TOOLS / "package.json").read_text(encoding="utf-8"))["devDependencies"]["lighthouse"]
    if installed_version() == wanted:
        return
    npm = shutil.which("npm")
    if not npm:
        sys.exit("npm is missing: install Node.js (18+) to run Lighthouse (tools/lighthouse/package.json)")
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--silent"], cwd=TOOLS, check=True)
    if installed_version() != wanted:
        sys.exit(f"npm ci did not install lighthouse {wanted} (tools/lighthouse/package-lock.json)")


def build(out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("mkdocs build failed:\n" + result.stdout + result.stderr)


def run_lighthouse(url: str) -> dict:
    """One Lighthouse run (performance category, mobile preset: Lighthouse's default form factor,
    a Moto G Power-sized screen, 4x CPU slowdown and slow 4G, simulated)."""
    env = dict(os.environ, CHROME_PATH=CHROME)
    result = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
         "--output-path=stdout", f"--chrome-flags={CHROME_FLAGS}"],
        env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        sys.exit(f"lighthouse could not measure {url}: {report['runtimeError']}")
    return figures(report)


def figures(report: dict) -> dict:
    """The figures printed for a page, from Lighthouse's JSON report."""
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one into a temporary folder)")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median of each figure is printed")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"page types, of {', '.join(PAGES)}")
    args = parser.parse_args(argv)
    if not Path(CHROME).exists():
        sys.exit(f"{CHROME} is missing: install Debian's chromium (apt-get install chromium) or set CHROME_PATH")
    ensure_lighthouse()
    with tempfile.TemporaryDirectory(prefix="psea-lighthouse-") as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        types = page_types(site)
        server, base = serve(site)
        try:
            for name in args.pages.split(","):
                if name not in types:
                    sys.exit(f"no {name} page in {site} (page types found: {', '.join(types)})")
                runs = [run_lighthouse(base + types[name]) for _ in range(max(1, args.runs))]
                print(f"{name}_url=/{types[name]}", flush=True)
                for figure in runs[0]:
                    value = statistics.median(r[figure] for r in runs)
                    print(f"{name}_{figure}={value:g}", flush=True)
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
