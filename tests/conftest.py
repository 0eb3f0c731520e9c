"""Shared fixtures: building the real site or a tiny fixture project, serving it, and a browser.

Every site test asserts on real built output. Builds run `mkdocs` in a subprocess so each one
starts from a clean interpreter, as a contributor's build does.
"""
from __future__ import annotations

import functools
import html
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (Debian's Chromium and its flags)

from project_copy import copy_project  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


# Property tests: 100 examples each (hypothesis' default) in `make test`; the fast tier (make
# test-fast sets PSEA_TEST_FAST=1) tries 20, to stay within about a minute.
settings.register_profile("fast", max_examples=20)
if os.environ.get("PSEA_TEST_FAST") == "1":
    settings.load_profile("fast")

# Test tiers (pyproject.toml markers): `make test` runs all; `make test-fast` runs the unit tier.
# A test's tier is its marker, or follows from its fixtures: Chromium makes it a browser test, a
# built site a site test; anything else is a unit test, which may not build a site (run_mkdocs says so).
TIERS = ("unit", "site", "browser")
BROWSER_FIXTURES = frozenset({"browser", "page"})
SITE_FIXTURES = frozenset({"built_site", "site_url", "hostile_site", "quoted_site", "valid_site"})


def tier(item) -> str:
    names = set(getattr(item, "fixturenames", ()))
    if names & BROWSER_FIXTURES:
        return "browser"
    marked = next((m.name for m in item.iter_markers() if m.name in TIERS), None)
    return marked or ("site" if names & SITE_FIXTURES else "unit")


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(tier(item))


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    # Before any fixture of the test is set up: a module fixture that builds a site counts too.
    os.environ["PSEA_TEST_TIER"] = tier(item)


def pytest_runtest_teardown(item):
    os.environ.pop("PSEA_TEST_TIER", None)


_TAGS = re.compile(r"<[^>]+>")


def html_text(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it: tags gone, entities read, spaces folded."""
    return " ".join(html.unescape(_TAGS.sub(" ", fragment)).split())


def run_mkdocs(project: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    if os.environ.get("PSEA_TEST_TIER") == "unit":
        raise AssertionError(f"{os.environ.get('PYTEST_CURRENT_TEST', 'this test')} builds a site: "
                             "mark it @pytest.mark.site (a unit test runs in the fast tier)")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out), *extra], cwd=project, env=env, capture_output=True, text=True)


def make_project(where: Path, cases: dict[str, str] | None = None, keep_cases: bool = False) -> Path:
    """A copy of this project in `where` with only the given case files (path under content/cases -> text)."""
    return copy_project(where, (cases or {}).items(), keep_cases)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with --strict."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs(ROOT, out, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a search page fetches a score of Pagefind files

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    # The default backlog of 5 connections overflows when Chromium opens many at once on a loaded
    # machine; dropped connections are retried seconds later, and a test waiting for search
    # results could time out.
    request_queue_size = 128
    daemon_threads = True


@pytest.fixture(scope="session")
def serve():
    """serve(directory) -> base URL of a loopback HTTP server for that directory."""
    servers = []

    def start(directory: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(directory))
        server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site, serve) -> str:
    return serve(built_site)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) "
                    "or set PSEA_CHROMIUM to a Chromium binary")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH")
    tab = context.new_page()
    yield tab
    context.close()
