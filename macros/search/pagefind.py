"""Pagefind: the binary from the PyPI wheel, run once over a folder (run_pagefind) or as a service
that indexes pages as they come (BackgroundIndex, and the helper process `python -m
macros.search.pagefind --index-worker` that speaks the service's protocol).

Why not Pagefind's own Python API (the `pagefind` package): it drives the same `pagefind --service`
protocol, but through asyncio, in the process that calls it. Here the pages come from mkdocs over
a pipe into a helper process that cuts the Thai on the other core; a blocking reader that sends
each page as it arrives and waits only before writing is a few dozen lines, while the API would add
a dependency and an event loop to that process for the same messages.
"""
from __future__ import annotations

import base64
import contextlib
import fcntl
import io
import json
import os
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from .policy import BUNDLE_DIR, EXCLUDE_SELECTORS, page_content, shadow_document
from .thai import IcuWordBreaker, word_breaker


def write_shadow(site_dir: Path, shadow_dir: Path, breaker: IcuWordBreaker | None) -> int:
    """Copy the indexed content of every page under site_dir to the same path under shadow_dir."""
    count = 0
    for path in site_dir.rglob("*.html"):
        if path.parts[len(site_dir.parts)] == BUNDLE_DIR:
            continue
        content = page_content(path.read_text(encoding="utf-8"))
        if content is None:
            continue
        target = shadow_dir / path.relative_to(site_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(shadow_document(content, breaker), encoding="utf-8")
        count += 1
    return count


# Pagefind ----------------------------------------------------------------------------------------
def pagefind_executable() -> str:
    from pagefind_bin_extended import get_executable  # the binary from the PyPI wheel: no download

    return str(get_executable())


def index_config(language: str) -> dict:
    return {"force_language": language, "exclude_selectors": list(EXCLUDE_SELECTORS)}


def run_pagefind(source: Path, output: Path, language: str) -> str:
    config = {"site": str(source), "output_path": str(output), **index_config(language)}
    # Pagefind reads pagefind.json from its working directory: a folder of its own.
    with tempfile.TemporaryDirectory(prefix="psea-pagefind-") as cwd:
        Path(cwd, "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        result = subprocess.run([pagefind_executable()], cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise Abort(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


# The service, in a helper process (see macros/search/index.py for when it is used) ----------------
_RECORD = struct.Struct(">I")


class BackgroundIndex:
    """The helper process, fed pages as they come."""

    def __init__(self) -> None:
        self.pages = 0
        self.failed: str | None = None
        self.output: Path | None = None  # where the index is being written, once asked
        root = Path(__file__).resolve().parents[2]
        self._process = subprocess.Popen(
            [sys.executable, "-m", __name__, "--index-worker"], cwd=root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)  # its own process group: abort() stops its Pagefind child too
        assert self._process.stdin is not None
        self._stdin = self._process.stdin
        with contextlib.suppress(OSError):  # room for a few dozen pages: mkdocs never waits for the helper
            fcntl.fcntl(self._stdin.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)

    def _send(self, item: list[str]) -> None:
        if self.failed:
            return
        data = json.dumps(item, ensure_ascii=False).encode("utf-8")
        try:
            self._stdin.write(_RECORD.pack(len(data)) + data)
            self._stdin.flush()
        except OSError as err:  # the helper died; finish() reports it
            self.failed = f"cannot send pages to the search helper: {err}"

    def add(self, url: str, content: str) -> None:
        self.pages += 1
        self._send([url, content])

    def request_write(self, output: Path) -> None:
        """Have the index written to `output` (finish waits for it)."""
        self.output = output
        self._send(["", str(output)])  # an empty URL: write the index there

    def finish(self) -> str:
        """Wait for the index; returns the helper's summary."""
        stdout, stderr = self._process.communicate(timeout=1800)
        if self.failed or self._process.returncode != 0:
            raise RuntimeError(self.failed or stderr.decode("utf-8", "replace")[-2000:])
        return stdout.decode("utf-8", "replace")

    def abort(self) -> None:
        # The helper's Pagefind service would otherwise go on running after it.
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except OSError:
            self._process.kill()
        self._process.wait()


def write_bundle(output: Path, files: list[dict]) -> None:
    """Write the files of a GetFiles reply (paths relative to the bundle, contents in base64)."""
    for file in files:
        relative = Path(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise RuntimeError(f"Pagefind service: unexpected file path {file['path']!r}")
        target = output / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def check_bundle(output: Path, pages: int) -> None:
    """Fail loudly rather than publish a broken index: the entry file must list every page."""
    entry_file = output / "pagefind-entry.json"
    try:
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        languages = entry["languages"]
        indexed = sum(language["page_count"] for language in languages.values())
        missing = [f"pagefind.{language['hash']}.pf_meta" for language in languages.values()
                   if not (output / f"pagefind.{language['hash']}.pf_meta").is_file()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise Abort(f"Search index: {entry_file} is missing or unreadable ({err}); the site must not be "
                    "published with a broken search") from err
    if not pages or indexed != pages or missing or not (output / "pagefind.js").is_file():
        raise Abort(f"Search index: {output} is incomplete ({indexed} of {pages} pages indexed"
                    f"{', missing ' + ', '.join(missing) if missing else ''}); the site must not be published "
                    "with a broken search")


def _service_worker() -> int:
    """The helper process: pages in on stdin, Pagefind service out."""
    breaker = word_breaker()
    language = "unknown" if breaker else "th"
    service = subprocess.Popen([pagefind_executable(), "--service"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    service_in, service_out = service.stdin, service.stdout
    assert isinstance(service_in, io.BufferedWriter) and isinstance(service_out, io.BufferedReader)
    responses: dict[int, dict[str, Any]] = {}
    closed = threading.Event()  # the service's output ended
    arrived = threading.Condition()

    def read() -> None:
        # The index comes back as one reply of several megabytes: only the bytes just read can end
        # a message, so look for the separator there (splitting the whole buffer at every read is
        # quadratic in the reply's size).
        buffer = bytearray()
        while chunk := service_out.read1(1 << 16):
            start = len(buffer)
            buffer += chunk
            end = buffer.rfind(b",", start)
            if end < 0:
                continue
            messages = bytes(buffer[:end]).split(b",")
            del buffer[: end + 1]
            for message in messages:
                try:
                    reply = json.loads(base64.b64decode(message))
                except ValueError:
                    continue  # not a protocol message
                with arrived:
                    responses[reply.get("message_id")] = reply.get("payload") or {}
                    arrived.notify_all()
        with arrived:
            closed.set()
            arrived.notify_all()

    threading.Thread(target=read, daemon=True).start()
    counter = iter(range(1, 1 << 62))

    def send(payload: dict[str, Any]) -> int:
        message_id = next(counter)
        message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)  # Thai: 3 bytes, not 6
        service_in.write(base64.b64encode(message.encode("utf-8")) + b",")
        service_in.flush()
        return message_id

    def wait(message_ids: list[int]) -> list[dict[str, Any]]:
        with arrived:
            arrived.wait_for(lambda: closed.is_set() or all(m in responses for m in message_ids))
        replies = [responses.get(m) for m in message_ids]
        errors = [(r or {}).get("message", "the service stopped without answering") for r in replies
                  if r is None or r.get("type") == "Error"]
        if errors:
            raise RuntimeError(f"Pagefind service: {errors[:3]}")
        return [r for r in replies if r is not None]

    index_id = wait([send({"type": "NewIndex", "config": index_config(language)})])[0]["index_id"]
    added: list[int] = []
    stdin = sys.stdin.buffer
    while header := stdin.read(_RECORD.size):
        url, content = json.loads(stdin.read(_RECORD.unpack(header)[0]))
        if not url:
            started = time.perf_counter()
            wait(added)
            parsed = time.perf_counter()
            # Not WriteFiles: the service answers once its writes are queued, and a service that
            # exits then can leave files cut short (seen: pagefind-ui.js at 64 KiB, exit 0). The
            # files come back in the reply instead and are written here, whole.
            files = wait([send({"type": "GetFiles", "index_id": index_id})])[0]["files"]
            service_in.close()
            service.wait(timeout=60)
            write_bundle(Path(content), files)
            print(f"{len(added)} pages; after the last page, {parsed - started:.1f} s to index the pages "
                  f"still queued and {time.perf_counter() - parsed:.1f} s to write the index")
            return 0
        added.append(send({"type": "AddFile", "index_id": index_id, "url": url,
                           "file_contents": shadow_document(content, breaker)}))
    service.kill()  # the build stopped before the end: write nothing
    return 1


if __name__ == "__main__" and sys.argv[1:] == ["--index-worker"]:
    sys.exit(_service_worker())
