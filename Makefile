# Two commands do all set-up on a fresh machine:
#   make serve   (or: make build)   installs what the site needs, then previews (builds) it
#   make test                       installs what the tests need, then runs every test
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: build serve test test-fast lint validate generate bench lighthouse clean

$(BIN)/.site-installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(BIN)/.test-installed: $(BIN)/.site-installed requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

build: $(BIN)/.site-installed
	$(BIN)/mkdocs build --strict

# A live preview: a saved case rebuilds only the pages it touches (macros/preview.py); a change under
# data/, sources/, overrides/ or to mkdocs.yml rebuilds the whole site.
serve: $(BIN)/.site-installed
	$(BIN)/mkdocs serve

validate: $(BIN)/.site-installed
	$(BIN)/python scripts/validate.py

# Regenerate the files derived from the schema (JSON Schema, CONTRIBUTING field reference, issue forms).
generate: $(BIN)/.site-installed
	$(BIN)/python scripts/gen_schema.py
	$(BIN)/python scripts/gen_docs.py

# Every test: lint and types, then the unit, site and browser tiers (pyproject.toml markers).
test: $(BIN)/.test-installed lint
	bash scripts/ensure_test_tools.sh
	cd tests/js && npm ci --ignore-scripts --no-audit --no-fund --silent
	$(BIN)/pytest

# The unit tier alone: no site build, no browser, fewer property-test examples (about a minute).
test-fast: $(BIN)/.test-installed
	PSEA_TEST_FAST=1 $(BIN)/pytest -m unit

lint: $(BIN)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/.test-installed
	bash scripts/ensure_test_tools.sh
	$(BIN)/python scripts/bench.py --cases 500,5000

# Lighthouse 12.2.3 (tools/lighthouse, npm) with Debian's Chromium, mobile preset, on the five page
# types of a fresh build served gzipped: each page's score and CLS (README: Performance).
lighthouse: $(BIN)/.test-installed
	bash scripts/ensure_test_tools.sh
	$(BIN)/python scripts/lighthouse.py

clean:
	rm -rf site $(VENV)
