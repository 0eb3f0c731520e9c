"""Debian's Chromium, as the tests and the measuring scripts launch it through Playwright (no
browser download): its path (PSEA_CHROMIUM, default /usr/bin/chromium) and the flags that keep it
from reaching for the network (closed here) and let it run as root."""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("PSEA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
