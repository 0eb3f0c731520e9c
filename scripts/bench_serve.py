"""Edit-to-preview time for scripts/bench.py: `mkdocs serve` of a project, one case saved, and the
seconds until the server sends that case's page with the edit (what the browser shows once the
live reload has fetched it). The served page is polled every 50 ms."""
from __future__ import annotations

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

FIRST_BUILD_DEADLINE = 1800  # seconds: the first build of a large site on a busy machine
EDIT_DEADLINE = 600
EDITS = 3  # each run saves the case again with another title; the median counts
FAST_BUILD = re.compile(r"Preview: (\d+) page\(s\) rebuilt, \d+ removed, in [\d.]+ s \(([\d.]+) s CPU\)")


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait(condition, deadline: float, process: subprocess.Popen, what: str, log: Path) -> None:
    end = time.monotonic() + deadline
    while not condition():
        if process.poll() is not None or time.monotonic() > end:
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            sys.exit(f"mkdocs serve: no {what}:\n{tail}")
        time.sleep(0.05)


def serve_rebuild(project: Path, edits: int = EDITS) -> dict:
    """serve_rebuild_seconds (median of `edits` saves), the runs, how many pages the last one rebuilt, and
    the CPU seconds of the fast rebuilds (median; from the log): a busy machine stretches the wall time."""
    cases = sorted((project / "content" / "cases").rglob("*.md"))
    case = cases[len(cases) // 2]
    rel = case.relative_to(project / "content").with_suffix("").as_posix()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    base = f"http://127.0.0.1:{port}/psea-kb/"
    with tempfile.TemporaryDirectory(prefix="psea-bench-serve-") as tmp:  # mkdocs serve's site is made in it
        log = Path(tmp) / "serve.log"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", TMPDIR=tmp)
        with open(log, "w", encoding="utf-8") as out:
            process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                       cwd=project, env=env, stdout=out, stderr=subprocess.STDOUT)
            original = case.read_text(encoding="utf-8")
            try:
                _wait(lambda: _get(base) is not None, FIRST_BUILD_DEADLINE, process, "first build", log)
                runs = []
                for run in range(edits):
                    marker = f"แก้ไขทดสอบความเร็ว{run}"
                    # After the opening quote, if any: the title stays one valid YAML value.
                    text = re.sub(r"^(title: [\"']?)", rf"\g<1>{marker} ", original, count=1, flags=re.M)
                    started = time.perf_counter()
                    case.write_text(text, encoding="utf-8")
                    _wait(lambda: marker in (_get(base + rel + "/") or ""), EDIT_DEADLINE, process,  # noqa: B023
                          "page with the edit", log)
                    runs.append(time.perf_counter() - started)
            finally:
                case.write_text(original, encoding="utf-8")
                process.terminate()
                try:
                    process.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    process.kill()
        fast = FAST_BUILD.findall(log.read_text(encoding="utf-8"))[:edits]  # not the restoring save's
    return {"serve_rebuild_seconds": round(statistics.median(runs), 2),
            "serve_rebuild_seconds_runs": ",".join(f"{seconds:.2f}" for seconds in runs),
            # -1: no fast rebuild (every save rebuilt the whole site)
            "serve_rebuild_pages": int(fast[-1][0]) if fast else -1,
            "serve_rebuild_cpu_seconds": statistics.median(float(cpu) for _, cpu in fast) if fast else -1}
