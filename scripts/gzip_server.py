"""A static file server for measuring a built site as visitors get it. It compresses as GitHub
Pages does: text files are sent gzipped (Content-Encoding: gzip) to a client that accepts it,
fonts and images as they are. Used by scripts/lighthouse.py, scripts/thai_breaks.py and
scripts/bench.py, which also serves without compressing (what a host that compresses nothing
sends) and records the bytes sent for each request (serve(..., record=True))."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from pathlib import Path
from typing import cast

COMPRESSIBLE = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".xml", ".csv")


class _CountingWriter:
    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host
    cache: dict[Path, bytes] = {}
    compress = True
    # With record=True: while counting["on"], each request's (URL path, bytes sent with the
    # headers, file path) is appended to `sent`.
    sent: list[tuple[str, int, str]] | None = None
    counting = {"on": False}

    def setup(self):
        super().setup()
        if self.sent is not None:
            self.counter = _CountingWriter(self.wfile)
            self.wfile = cast(io.BufferedIOBase, self.counter)

    def handle_one_request(self):
        if self.sent is None:
            return super().handle_one_request()
        before = self.counter.count
        super().handle_one_request()
        if self.counting["on"] and getattr(self, "path", None):
            self.sent.append((self.path, self.counter.count - before, self.translate_path(self.path)))
        return None

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = self.compress and "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSIBLE and path.is_file()) or not self.path.startswith("/"):
            return super().send_head()
        if not self.path.split("?")[0].endswith("/") and Path(self.translate_path(self.path)).is_dir():
            return super().send_head()  # the redirect to the folder's address
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128  # Chromium opens many connections at once
    daemon_threads = True
    record: type[GzipHandler]  # the handler class: its `sent` and `counting` (record=True)


def serve(directory: Path, *, compress: bool = True, record: bool = False) -> tuple[Server, str]:
    """Start serving `directory` on a free loopback port: (server, base URL ending in /)."""
    handler = type("Handler", (GzipHandler,), {"cache": {}, "compress": compress,
                                                "sent": [] if record else None, "counting": {"on": False}})
    server = Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.record = handler
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
