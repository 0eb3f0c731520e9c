"""The Pagefind search index, built after the site (see issue: Thai search).

What is indexed: the content of case pages, the award criteria pages and the guides for
contributors and data users (is_indexed), which macros/hooks.on_page_content marks with
`data-pagefind-body` (body). Listing pages (browse, years, provinces, agencies, tags, SDGs, home) repeat every case's
title and would swamp the results, so they are left out; inside an indexed page, EXCLUDE_SELECTORS
leaves out the lists of other cases and the boilerplate. Case pages carry their filters (branch,
category, level, year, province), the year sort and the agency/year metadata as attributes of one
hidden element written by macros/casepage.py.

Why Pagefind reads a copy: Thai is written without spaces, so both the indexer and the browser
must cut it into words, and they must cut it the same way. The browser (pagefind.js) always cuts
the query with the browser's ICU word breaker (Intl.Segmenter). Pagefind's extended indexer cuts
Thai with its own dictionary, which keeps compounds whole: the query หน่วยงาน becomes หน่วย + งาน,
and งาน does not begin any indexed word, so about one Thai query word in seven found nothing. So
Pagefind is given each indexed page's content (shadow_document) with its Thai text already cut by
ICU (the library browsers use), words separated by spaces, indexed as language-neutral text
that Pagefind splits at spaces only: about one query word in a hundred misses now (ICU cuts a few
words differently in different sentences). The index goes to <site>/pagefind/ with the pages' own
URLs; overrides/assets/js/search.js puts the page's spaces back when it shows titles and excerpts,
helped by marks where it could not tell (WORD_BREAK, SPACE, JOIN). Without a system ICU library
(libicuuc) the build still indexes, with Pagefind's own Thai segmentation, and says so. The pages
are indexed while the site is built (BackgroundIndex).
"""
from __future__ import annotations

import base64
import ctypes
import ctypes.util
import fcntl
import functools
import json
import logging
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mkdocs.exceptions import Abort

from . import facets

log = logging.getLogger("mkdocs.plugins.psea.search")

BUNDLE_DIR = "pagefind"  # under the site root; search.js finds it at {{ 'pagefind/' | url }}
FACETS_FILE = "search/facets.json"  # filter labels for the search page
# Written by body() around the indexed content of a page.
BODY_START = "<!--psea:search-body-->"
BODY_END = "<!--/psea:search-body-->"
# How the cut text reads again. Pagefind splits the text at whitespace and gives titles and
# excerpts back as their words with one space between, so a space of the page and a cut made here
# look the same. search.js shows no space between two words where the first ends and the second
# begins with a Thai letter, and one space elsewhere; that is right for the cuts between Thai words,
# by far the most (456,000 for 2,000 cases), and the places that read otherwise (120,000) carry a
# mark: one invisible character standing as a word of its own. Not a mark on the words themselves:
# Pagefind takes a word with any character other than a letter or digit for a compound, splits it
# again and indexes the variant with the mark as one more word. With a word joiner at the end of
# every Thai word (the scheme before this one), Pagefind indexed 5,596 words instead of 4,535 and
# ran a third longer (40.3 billion instructions for 2,000 cases instead of 30.1; 31.1 with marks).
# A mark on its own has no letter or digit: Pagefind indexes nothing for it, but keeps it in the
# text and counts it in the word positions of matches, so search.js sees it and highlights stay on
# their words.
WORD_BREAK = " "  # between two Thai words
SPACE = " \u2063 "  # invisible separator: a space of the page (or a block's edge) between Thai letters
JOIN = " \u2060 "  # word joiner: where Thai meets another script without a space (ปี2567, "คำ", พ.ศ.)
# Parts of indexed pages that are not that page's own content.
EXCLUDE_SELECTORS = (
    ".headerlink",            # the "#" permalink after each heading
    ".psea-related",          # a case page's lists of other cases
    ".psea-summary-note",     # the same note on every summary case
    ".psea-case-footer code",  # source document file names
    "table.psea-cases",       # the winners tables on criteria pages (each case is its own result)
    "ul.psea-index",          # link lists to other pages
    "ul.psea-metrics",        # metric cards: the same figures as the summary and the narrative
)
# Cut out of the copy before Pagefind reads it (the selectors above would skip them too, but Pagefind
# would still parse them: the lists of related cases are half of a case page's content):
# a case's related cases, metric cards, data notes and source locators (macros/casepage, render),
# and the winners tables of the criteria pages. None of these elements nests another of its kind.
_NOT_INDEXED = re.compile(
    r'<section class="psea-related".*?</section>'
    r'|<section><h2 id="(?:หมายเหตุด้านข้อมูล|แหล่งข้อมูล)">.*?</section>'
    r'|<ul class="psea-metrics">.*?</ul>'
    r'|<table class="psea-cases">.*?</table>', re.S)
_NOT_INDEXED_MARKS = ('<section class="psea-related"', '<section><h2 id="', '<ul class="psea-metrics">',
                      '<table class="psea-cases">')
_THAI = "\u0e00-\u0e7f"  # the Thai block; search.js uses the same range
_THAI_RUN = re.compile(f"[{_THAI}]+")
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# Thai next to a letter, digit or sign of another script, with no space between.
_THAI_EDGE = re.compile(f"(?<=[{_THAI}])(?=[^\\s{_THAI}])|(?<=[^\\s{_THAI}])(?=[{_THAI}])")
# The page's own whitespace between two Thai letters.
_THAI_SPACE = re.compile(f"(?<=[{_THAI}])\\s+(?=[{_THAI}])")
# Elements shown within a line: the text on either side of their tags runs on without a space.
_INLINE = frozenset(("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong "
                     "sub sup time u var wbr").split())


# Thai word breaking with ICU ---------------------------------------------------------------------
class _IcuWordBreaker:
    """ICU's word break iterator for Thai through ctypes (libicuuc ships with Debian and most
    systems; its Thai dictionary is the one browsers use for Intl.Segmenter)."""

    def __init__(self):
        name = ctypes.util.find_library("icuuc")
        if not name:
            raise OSError("libicuuc not found")
        lib = ctypes.CDLL(name)
        suffix = next((f"_{v}" for v in range(99, 49, -1) if hasattr(lib, f"ubrk_open_{v}")), "")

        def fn(symbol, restype, *argtypes):
            function = getattr(lib, symbol + suffix)
            function.restype, function.argtypes = restype, list(argtypes)
            return function

        status = ctypes.c_int(0)
        open_ = fn("ubrk_open", ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_void_p,
                   ctypes.c_int32, ctypes.POINTER(ctypes.c_int))
        self._set_text = fn("ubrk_setText", None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int32,
                            ctypes.POINTER(ctypes.c_int))
        self._first = fn("ubrk_first", ctypes.c_int32, ctypes.c_void_p)
        self._next = fn("ubrk_next", ctypes.c_int32, ctypes.c_void_p)
        self._iterator = open_(1, b"th", None, 0, ctypes.byref(status))  # 1 = UBRK_WORD
        if not self._iterator or status.value > 0:  # > 0 is an ICU error, < 0 a warning
            raise OSError(f"ubrk_open failed with ICU status {status.value}")

    @functools.lru_cache(maxsize=200_000)
    def words(self, run: str) -> tuple[str, ...]:
        """The words of a run of Thai letters (Thai is all in the BMP: one UTF-16 unit each)."""
        raw = run.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(raw, len(raw) + 2)
        status = ctypes.c_int(0)
        self._set_text(self._iterator, buffer, len(run), ctypes.byref(status))
        if status.value > 0:
            return (run,)
        out, start, nxt = [], self._first(self._iterator), self._next
        while (end := nxt(self._iterator)) != -1:
            out.append(run[start:end])
            start = end
        return tuple(out)


@functools.lru_cache(maxsize=1)
def word_breaker() -> _IcuWordBreaker | None:
    try:
        return _IcuWordBreaker()
    except (OSError, AttributeError) as err:
        log.warning(f"Thai search: no usable ICU library ({err}); indexing with Pagefind's own Thai "
                    "segmentation, which misses some queries (install libicu to fix)")
        return None


ICU_MISSING = ("Thai search needs the ICU library (libicuuc), which breaks Thai text into words; without it "
               "the index misses queries. Install it (Debian/Ubuntu: apt-get install libicu-dev, or the libicu "
               "package of your release) and build again. / การค้นหาภาษาไทยต้องใช้ไลบรารี ICU ในการตัดคำ "
               "— ติดตั้ง libicu แล้วสร้างเว็บไซต์ใหม่. For a preview only, set PSEA_SEARCH_WITHOUT_ICU=1.")


def require_word_breaker() -> None:
    """A published index must cut Thai as browsers do: a build without ICU fails, here in the build's
    own process (the helper's warning would not reach mkdocs --strict)."""
    if word_breaker() is None and os.environ.get("PSEA_SEARCH_WITHOUT_ICU") != "1":
        raise Abort(ICU_MISSING)


def check_index(output: Path, pages: int) -> None:
    """Fail loudly unless the index under `output` is whole: its entry file names every page that was
    handed over, and the files it points to exist. A build must never publish an empty or partial
    index (as a helper killed mid-write, or two writers in one folder, could leave)."""
    entry = Path(output) / "pagefind-entry.json"
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        counted = sum(int(info["page_count"]) for info in languages.values())
        needed = [Path(output) / f"pagefind.{info['hash']}.pf_meta" for info in languages.values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise Abort(f"Search index: {entry} is missing or unreadable ({type(err).__name__}: {err}); "
                    "the site is not published with a broken search. Build again.") from None
    missing = [p.name for p in [*needed, Path(output) / "pagefind.js"] if not p.is_file()]
    if pages == 0 or counted != pages or missing:
        raise Abort(f"Search index: {entry} lists {counted} page(s) of the {pages} handed to Pagefind"
                    + (f"; missing: {', '.join(missing)}" if missing else "")
                    + "; the site is not published with a broken search. Build again.")


def segment_html(html: str, breaker: _IcuWordBreaker | None) -> str:
    """The HTML with its Thai text cut into words by WORD_BREAK (by ICU; without it, Thai runs stay
    whole), by JOIN where Thai meets other letters and by a space where it meets a tag, and with the
    spaces the page shows between Thai letters marked by SPACE; tags and attribute values (filters,
    metadata) are left as they are."""
    parts = _TAG.split(html)
    words = breaker.words if breaker is not None else None
    # Where a tag starts or ends a Thai word, Pagefind must split too, and the text on either side
    # is shown with a space between (SPACE) if the page shows one there: whitespace, or the tag of an
    # element that is not inline (a heading and its paragraph, a label and its value). The mark goes
    # after the Thai before such a gap, once the gap is known, and also after the gap when the text
    # before it does not end in Thai: that text may be one Pagefind leaves out (EXCLUDE_SELECTORS),
    # such as the permalink that ends every heading.
    open_end = None  # the text before the gap, if it ends in Thai: its end is written after the gap
    thai_end, gap = True, False  # whether the text before ends in Thai (at the start: needs no mark)
    for i, part in enumerate(parts):
        if i % 2:
            if not gap:
                name = _TAG_NAME.match(part)
                gap = name is not None and name.group(1).lower() not in _INLINE
            continue
        if not part or part.isspace():
            gap = gap or bool(part)
            continue
        spaced = gap or part[0].isspace()
        if open_end is not None:
            parts[open_end] += SPACE if spaced else " "
            open_end = None
        gap = part[-1].isspace()
        if not _THAI_RUN.search(part):
            thai_end = False
            continue
        text = _THAI_SPACE.sub(SPACE, part.strip())
        if words is not None:
            text = _THAI_RUN.sub(lambda m: WORD_BREAK.join(words(m.group(0))), text)
        text = _THAI_EDGE.sub(JOIN, text)
        if _THAI_RUN.match(text):
            text = (SPACE if spaced and not thai_end else " ") + text
        elif part[0].isspace():
            text = " " + text
        thai_end = _THAI_RUN.match(text[-1]) is not None
        if thai_end:
            open_end = i
        elif part[-1].isspace():
            text += " "
        parts[i] = text
    if open_end is not None:
        parts[open_end] += " "
    return "".join(parts)


# What is indexed --------------------------------------------------------------------------------
def is_indexed(url: str) -> bool:
    """Whether the search finds the page at `url`: case pages, the award criteria pages and the
    guides. Pages that list cases (browse, years, provinces, agencies, tags, SDGs, home) would bury
    each case under every list that mentions it; the search page finds nothing of itself."""
    return url.startswith(("cases/", "awards/")) or url in ("contribute/", "open-data/")


def body(content: str, title: str) -> str:
    """A page's content marked for the index, with the page title as its heading when the content
    has none (as the theme's partials/content.html would add it, outside the marks)."""
    heading = "" if "<h1" in content else f"<h1>{title}</h1>"
    return f"<div data-pagefind-body>{BODY_START}{heading}{content}{BODY_END}</div>"


# The shadow copy ---------------------------------------------------------------------------------
def indexed_content(html: str) -> str | None:
    """The parts of a built page marked for the index, or None if the page is not indexed."""
    start = html.find(BODY_START)
    if start < 0:
        return None
    parts = []
    while start >= 0:
        end = html.find(BODY_END, start)
        if end < 0:
            end = len(html)
        parts.append(html[start + len(BODY_START):end])
        start = html.find(BODY_START, end)
    return "".join(parts)


def shadow_document(content: str, breaker: _IcuWordBreaker | None) -> str:
    """The page Pagefind reads: the indexed content, cut into words."""
    content = segment_html(content, breaker)  # without ICU too: search.js reads the marks either way
    return ('<!doctype html><html lang="th"><head><meta charset="utf-8"></head>'
            f"<body><div data-pagefind-body>{content}</div></body></html>")


def page_content(html: str) -> str | None:
    """What of a built page is indexed (None: the page is not)."""
    content = indexed_content(html)
    if content is None or not any(mark in content for mark in _NOT_INDEXED_MARKS):
        return content
    return _NOT_INDEXED.sub("", content)


def write_shadow(site_dir: Path, shadow_dir: Path, breaker: _IcuWordBreaker | None) -> int:
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


def facet_labels(taxonomy, years) -> dict:
    """[value, Thai label] pairs of each filter, in taxonomy order, for the search page's filter
    controls: the browse page's facets (macros.facets)."""
    ordered = facets.order(taxonomy, years)
    return {name: [[value, facets.label(taxonomy, name, value)] for value in ordered[name]]
            for name in facets.SEARCH_FACETS}


def _facets(config) -> dict:
    from .hooks import current_site  # here: hooks imports this module

    site = current_site()
    if site is None:
        from .taxonomy import Taxonomy

        return facet_labels(Taxonomy.load(Path(config.config_file_path).parent / "data"), [])
    return facet_labels(site.taxonomy, site.corpus.years)


# Indexing while the site is built -------------------------------------------------------------
# mkdocs builds pages on one core, in two rounds: Markdown for every page, then the theme for every
# page. As soon as a page's content is converted (macros/hooks.on_page_content calls page_ready),
# its indexed content goes to a helper process (`python -m macros.search`), which cuts the Thai
# into words and hands the page to a Pagefind service process (`pagefind --service`, the protocol
# of Pagefind's own Python and Node wrappers), on the other core: Pagefind indexes a page in about
# the time mkdocs takes for it, so it has both rounds to keep up. Once the last page's content is
# in (macros/hooks.on_env), start_writing has Pagefind write the index while mkdocs renders the
# templates and writes the pages; build_index waits for it at the end. If anything goes wrong
# there, the index is built again from the written site, as without the helper.
_RECORD = struct.Struct(">I")


class BackgroundIndex:
    def __init__(self, config):
        self.config = config
        self.pages = 0
        self.failed = None
        self.output = None  # where the index is being written, once asked
        root = Path(__file__).resolve().parent.parent
        self._process = subprocess.Popen(
            [sys.executable, "-m", "macros.search", "--index-worker"], cwd=root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            start_new_session=True)  # its own process group: abort() stops its Pagefind child too
        try:  # room for a few dozen pages, so that mkdocs never waits for the helper
            fcntl.fcntl(self._process.stdin.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
        except OSError:
            pass

    def _send(self, item) -> None:
        if self.failed:
            return
        data = json.dumps(item, ensure_ascii=False).encode("utf-8")
        try:
            self._process.stdin.write(_RECORD.pack(len(data)) + data)
            self._process.stdin.flush()
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
        # Killing the helper alone would leave its Pagefind service running: told to write the
        # index, it would go on writing into the folder that the fallback below writes afresh, and
        # the site could be published with a mixed or empty pagefind-entry.json.
        try:
            os.killpg(self._process.pid, signal.SIGKILL)
        except OSError:
            self._process.kill()
        self._process.wait()


_BACKGROUND: dict = {"index": None}


def page_ready(page, html: str, config) -> None:
    """Called with a page's content, as the page will show it (marked by body()), while the site
    is built."""
    index = _BACKGROUND["index"]
    if index is not None and index.config is not config:  # left over from a build that failed
        index.abort()
        index = _BACKGROUND["index"] = None
    content = page_content(html)
    if content is None:
        return
    if index is None:
        index = _BACKGROUND["index"] = BackgroundIndex(config)
    dest = page.file.dest_uri
    url = "/" + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)
    index.add(url, content)


def _service_worker() -> int:
    """The helper process: pages in on stdin, Pagefind service out."""
    breaker = word_breaker()
    language = "unknown" if breaker else "th"
    service = subprocess.Popen([pagefind_executable(), "--service"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    responses: dict = {}
    arrived = threading.Condition()

    def read():
        buffer = b""
        while chunk := service.stdout.read1(1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b",")
            for message in messages:
                try:
                    reply = json.loads(base64.b64decode(message))
                except ValueError:
                    continue  # not a protocol message
                with arrived:
                    responses[reply.get("message_id")] = reply.get("payload") or {}
                    arrived.notify_all()
        with arrived:
            responses["eof"] = True
            arrived.notify_all()

    threading.Thread(target=read, daemon=True).start()
    counter = iter(range(1, 1 << 62))

    def send(payload) -> int:
        message_id = next(counter)
        message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)  # Thai: 3 bytes, not 6
        service.stdin.write(base64.b64encode(message.encode("utf-8")) + b",")
        service.stdin.flush()
        return message_id

    def wait(message_ids) -> list:
        with arrived:
            arrived.wait_for(lambda: "eof" in responses or all(m in responses for m in message_ids))
        replies = [responses.get(m) for m in message_ids]
        errors = [r.get("message") for r in replies if r is None or r.get("type") == "Error"]
        if errors:
            raise RuntimeError(f"Pagefind service: {errors[:3]}")
        return replies

    index_id = wait([send({"type": "NewIndex", "config": index_config(language)})])[0]["index_id"]
    added, stdin = [], sys.stdin.buffer
    while header := stdin.read(_RECORD.size):
        url, content = json.loads(stdin.read(_RECORD.unpack(header)[0]))
        if not url:
            started = time.perf_counter()
            wait(added)
            parsed = time.perf_counter()
            wait([send({"type": "WriteFiles", "index_id": index_id, "output_path": content})])
            # Pagefind answers WriteFiles before its last files (pagefind-entry.json, pagefind.js) are
            # on disk, and ends as soon as its input closes: closed at once, it could stop mid-write and
            # leave an empty pagefind-entry.json (seen on small sites). Close it once the index is whole.
            if added and not _written(Path(content), len(added)):
                service.kill()
                print("Pagefind did not finish writing the index", file=sys.stderr)
                return 1
            service.stdin.close()
            service.wait(timeout=60)
            print(f"{len(added)} pages; after the last page, {parsed - started:.1f} s to index the pages "
                  f"still queued and {time.perf_counter() - parsed:.1f} s to write the index")
            return 0
        added.append(send({"type": "AddFile", "index_id": index_id, "url": url,
                           "file_contents": shadow_document(content, breaker)}))
    service.kill()  # the build stopped before the end: write nothing
    return 1


def _written(output: Path, pages: int, seconds: float = 120) -> bool:
    """Wait until the index under `output` is whole (check_index passes), for at most `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            check_index(output, pages)
            return True
        except Abort:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)


def start_writing(site_dir: Path, config) -> None:
    """Once every page's content has been handed over (mkdocs is about to render the templates),
    have the helper write the index, while mkdocs writes the pages."""
    background = _BACKGROUND["index"]
    if background is not None and background.config is config and background.output is None:
        output = Path(site_dir) / BUNDLE_DIR
        shutil.rmtree(output, ignore_errors=True)
        background.request_write(output)


def build_index(site_dir: Path, config, meanwhile=None) -> None:
    """Finish the index under site_dir (write it, unless start_writing had it written already);
    `meanwhile` (the open-data exports) runs while the helper works, on the other core."""
    started = time.perf_counter()
    site_dir = Path(site_dir)
    output = site_dir / BUNDLE_DIR
    try:
        require_word_breaker()
    except Abort:
        if _BACKGROUND["index"] is not None:
            _BACKGROUND["index"].abort()
            _BACKGROUND["index"] = None
        raise
    start_writing(site_dir, config)  # unless on_env has
    background, _BACKGROUND["index"] = _BACKGROUND["index"], None
    if background is not None and background.config is not config:
        background.abort()
        background = None
    summary = None
    if meanwhile is not None:
        try:
            meanwhile()
        except BaseException:
            if background is not None:
                background.abort()
            raise
    if background is not None:
        try:
            summary = background.finish()
            pages = background.pages
        except (RuntimeError, OSError, subprocess.SubprocessError) as err:
            log.warning(f"Search index: the helper failed ({str(err).strip()[:500]}); indexing the written site instead")
            background.abort()
    if summary is None:
        shutil.rmtree(output, ignore_errors=True)
        breaker = word_breaker()
        with tempfile.TemporaryDirectory(prefix="psea-search-") as shadow:
            pages = write_shadow(site_dir, Path(shadow), breaker)
            # Language-neutral text cut at our breaks; Pagefind's Thai mode would cut it again.
            run_pagefind(Path(shadow), output, "unknown" if breaker else "th")
    check_index(output, pages)
    facets = site_dir / FACETS_FILE
    facets.parent.mkdir(parents=True, exist_ok=True)
    facets.write_text(json.dumps(_facets(config), ensure_ascii=False), encoding="utf-8")
    log.info(f"Search index: {pages} pages in {time.perf_counter() - started:.1f} s after the pages were written"
             + (f" ({summary.strip()})" if summary else ""))


if __name__ == "__main__" and sys.argv[1:] == ["--index-worker"]:
    sys.exit(_service_worker())
