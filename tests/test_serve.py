"""The instant preview (macros/preview.py): the real `mkdocs serve` on a copy of the project.

A saved case rebuilds only what it touches, asserted on the files of the served site (inode and
modification time: which were written) and on what the server sends; a change under data/ rebuilds
everything, and gives the same pages as the fast rebuild did; an invalid case shows the problem
banner and the fix clears it, without a full rebuild. Every wait polls the served page or the
log until a deadline.
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import make_project

pytestmark = pytest.mark.site

DEADLINE = 180  # seconds; a loaded two-core machine builds the first site in well under that
EDITED = "cases/2562/ayutthaya-water-management"  # service, not-stated category, 2562, its province's agency
FAR = "cases/2567/smart-fda"  # another year, category and agency: nothing of EDITED is on its page
BROKEN = "cases/2567/dbd-e-service"
FULL_BUILD = "Documentation built in"
FAST_BUILD = re.compile(r"Preview: (\d+) page\(s\) rebuilt, (\d+) removed")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """`mkdocs serve` of a project; its site directory is the one mkdtemp makes in `tmp`."""

    def __init__(self, project: Path, tmp: Path):
        self.project, self.tmp = project, tmp
        self.log_path = tmp / "serve.log"
        port = _free_port()
        self.base = f"http://127.0.0.1:{port}/psea-kb/"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", TMPDIR=str(tmp))
        env.pop("SOURCE_DATE_EPOCH", None)
        self.log_file = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                        cwd=project, env=env, stdout=self.log_file, stderr=subprocess.STDOUT)
        self.wait(lambda: self.get("") is not None and self.log().count(FULL_BUILD) == 1, "the first build")
        (self.site,) = tmp.glob("mkdocs_*")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log_file.close()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, str] | None:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")
        except OSError:
            return None

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while not condition():
            if self.process.poll() is not None:
                pytest.fail(f"mkdocs serve stopped while waiting for {what}:\n{self.log()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} within {DEADLINE} s:\n{self.log()[-3000:]}")
            time.sleep(0.1)  # polling interval, not a wait for an outcome

    def shows(self, path: str, text: str, present: bool = True, status: int = 200) -> Callable[[], bool]:
        def condition() -> bool:
            got = self.get(path)
            return got is not None and got[0] == status and (text in got[1]) == present
        return condition

    def files(self) -> dict[str, tuple[int, int]]:
        """Every file of the served site: (inode, modification time), which change when it is written."""
        found = {}
        for path in self.site.rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[path.relative_to(self.site).as_posix()] = (stat.st_ino, stat.st_mtime_ns)
        return found

    def edit(self, rel: str, *changes: tuple[str, str]) -> None:
        """Save the case file once with each (old, new) replaced."""
        path = self.project / "content" / f"{rel}.md"
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, f"{old!r} is not in {path}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    def fast_rebuilds(self) -> list[tuple[int, int]]:
        return [(int(rebuilt), int(removed)) for rebuilt, removed in FAST_BUILD.findall(self.log())]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    server = Served(make_project(tmp, keep_cases=True), tmp)
    yield server
    server.stop()


def _pages(files: dict) -> set[str]:
    return {path for path in files if path.endswith(".html")}


def _page(rel: str) -> str:
    return f"{rel}/index.html"


def test_a_case_edit_rebuilds_only_what_it_touches(served):
    before = served.files()
    fast_before = len(served.fast_rebuilds())
    served.edit(EDITED, ('title: "การบริหารจัดการน้ำ 3 มิติ', 'title: "ชื่อแก้ไขตัวอย่าง การบริหารจัดการน้ำ 3 มิติ'),
                ("\n## ", "\nย่อหน้าที่เพิ่งแก้ในหน้าตัวอย่าง\n\n## "))
    served.wait(served.shows(f"{EDITED}/", "ย่อหน้าที่เพิ่งแก้ในหน้าตัวอย่าง"), "the edited case page")
    after = served.files()
    written = {path for path in _pages(after) if after[path] != before.get(path)}

    # The page shows the new title and text.
    page = served.get(f"{EDITED}/")[1]
    assert "ชื่อแก้ไขตัวอย่าง การบริหารจัดการน้ำ 3 มิติ" in page
    # What lists or counts the case is written again and shows the new title...
    listings = {_page(EDITED), "index.html", "years/2562/index.html",
                "awards/service/not-stated/index.html", "tags/water/index.html"}
    # /browse/ and its following pages hold one page of rows each: the one that lists the case.
    listings |= {path for path in _pages(after) if path.startswith("browse/")
                 and "ชื่อแก้ไขตัวอย่าง" in (served.site / path).read_text(encoding="utf-8")}
    assert any(path.startswith("browse/") for path in listings), "no browse page lists the edited case"
    assert listings <= written, sorted(listings - written)
    assert after["browse/rows.json"] != before["browse/rows.json"]  # the rows browse.js shows once it is used
    for path in listings - {"index.html"}:
        assert "ชื่อแก้ไขตัวอย่าง" in (served.site / path).read_text(encoding="utf-8"), path
    # ...and nothing else: a case of another year, category and agency, and the criteria pages, are not.
    assert _page(FAR) not in written
    assert not {p for p in written if p.startswith(("sources/", "awards/pmqa/", "propose/"))}, sorted(written)
    assert len(written) < len(_pages(after)) / 4, sorted(written)
    # No full rebuild; the plugin's count is the number of pages written.
    assert served.log().count(FULL_BUILD) == 1
    rebuilds = served.fast_rebuilds()
    assert len(rebuilds) == fast_before + 1
    assert rebuilds[-1] == (len(written), 0)
    # The open data has the new title too (the exports follow in a thread).
    served.wait(served.shows("cases.json", "ชื่อแก้ไขตัวอย่าง"), "the open data with the new title")


def test_a_data_change_rebuilds_everything_as_the_fast_rebuilds_did(served):
    served.edit(EDITED, ("ลดปริมาณน้ำที่ลงสู่กรุงเทพฯ", "ลดปริมาณน้ำที่ไหลลงสู่กรุงเทพฯ"))
    served.wait(served.shows(f"{EDITED}/", "ลดปริมาณน้ำที่ไหลลงสู่กรุงเทพฯ"), "the edited case page")
    served.wait(served.shows("cases.json", "ลดปริมาณน้ำที่ไหลลงสู่กรุงเทพฯ"), "the open data")
    # The browse page's text box searches the impact in its rows' data (browse/rows.json).
    assert "ลดปริมาณน้ำที่ไหลลงสู่กรุงเทพฯ" in served.get("browse/rows.json")[1]
    before = served.files()
    pages = {path: (served.site / path).read_bytes() for path in _pages(before)}
    full_before = served.log().count(FULL_BUILD)
    awards = served.project / "data" / "awards.yaml"
    os.utime(awards)  # a save without a change: the preview cannot tell what it touches
    served.wait(lambda: served.log().count(FULL_BUILD) == full_before + 1 and served.get("") is not None,
                "a full rebuild")
    after = served.files()
    assert _pages(after) == set(pages)
    stale = [path for path in pages if after[path] == before[path]]
    assert not stale, stale[:10]  # every page written again
    # The full rebuild writes the same pages as the fast rebuilds left.
    differ = [path for path, data in pages.items() if (served.site / path).read_bytes() != data]
    assert not differ, differ[:10]


def test_an_invalid_case_shows_the_banner_and_the_fix_clears_it(served):
    full_builds = served.log().count(FULL_BUILD)
    served.edit(BROKEN, ("status: full\n", "status: complete\n"))
    # Its page is left out: its address shows the 404 page, with the problem.
    served.wait(served.shows(f"{BROKEN}/", "psea-problems", status=404), "the problem banner")
    missing = served.get(f"{BROKEN}/")[1]
    assert "content/cases/2567/dbd-e-service.md" in missing
    assert "status" in missing
    home = served.get("")[1]
    assert 'class="psea-problems"' in home and "dbd-e-service.md" in home
    # The pages that listed it no longer do, and show the banner.
    year = served.get("years/2567/")[1]
    assert 'class="psea-problems"' in year and "dbd-e-service/" not in year

    served.edit(BROKEN, ("status: complete\n", "status: full\n"))
    served.wait(served.shows(f"{BROKEN}/", "psea-problems", present=False), "the case page again")
    for path in ("", "years/2567/", f"{BROKEN}/"):
        status, text = served.get(path)
        assert status == 200 and 'class="psea-problems"' not in text, path
    assert "dbd-e-service/" in served.get("years/2567/")[1]
    assert served.get("nowhere/")[0] == 404 and "psea-problems" not in served.get("nowhere/")[1]
    assert served.log().count(FULL_BUILD) == full_builds  # both through the fast rebuild
