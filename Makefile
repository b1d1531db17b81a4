# perfbooks: make run | make test | make bench (all set up the system packages and the venv first).
VENV := .venv
PYTHON := $(VENV)/bin/python
STAMP := $(VENV)/.requirements.stamp
TESTS ?= tests
# Debian packages: tesseract for OCR of scanned reports (camelot 2 renders pages with pypdfium2, so no ghostscript
# or poppler-utils) and chromium for the real-browser tests (Playwright drives /usr/bin/chromium; it cannot
# download its own browsers here). SYSTEM_COMMANDS are what must be on PATH for apt to be skipped.
SYSTEM_PACKAGES := tesseract-ocr tesseract-ocr-eng chromium fonts-dejavu-extra
SYSTEM_COMMANDS := tesseract chromium
# fonts-dejavu-extra: the layout zoo's PDFs print signs such as ≥ and arrows in DejaVu Sans Condensed.
SYSTEM_FILES := /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf

.PHONY: venv system run lint format test bench

venv: $(STAMP)

$(STAMP): requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install -r requirements.txt
	touch $@

system:
	@missing=""; for cmd in $(SYSTEM_COMMANDS); do command -v $$cmd >/dev/null 2>&1 || missing=1; done; \
	for f in $(SYSTEM_FILES); do [ -e $$f ] || missing=1; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	pkgs=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || pkgs="$$pkgs $$p"; done; \
	if [ -z "$$pkgs" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$pkgs \
			|| echo "make system: apt-get failed; OCR of scans and the browser tests need:$$pkgs"; \
	else \
		echo "make system: not root (or no apt-get); OCR of scans and the browser tests need:$$pkgs  (sudo apt-get install$$pkgs)"; \
	fi

run: system venv
	$(VENV)/bin/streamlit run app.py

# The store tests run on DuckDB and on a local PostgreSQL server (scripts/test_postgres.sh installs and starts
# one when run as root; without one they are skipped, unless PERFBOOKS_REQUIRE_POSTGRES=1 as in CI).
# The browser tests (tests/browser/) start the app and drive Chromium; without it they are skipped, unless
# PERFBOOKS_REQUIRE_BROWSER=1 as in CI. Their screenshots go to tests/artifacts/.
# pytest exits 5 when it collects no tests; that fails the target too (exit 1).
# ruff (ruff.toml): the formatter and linter at 100 columns; `make format` rewrites, `make lint` checks.
lint: venv
	$(VENV)/bin/ruff format --check --quiet .
	$(VENV)/bin/ruff check --quiet .

format: venv
	$(VENV)/bin/ruff format --quiet .
	$(VENV)/bin/ruff check --fix --quiet .

test: system venv lint
	PERFBOOKS_TEST_POSTGRES="$$(scripts/test_postgres.sh)" $(PYTHON) -m pytest -q $(TESTS) \
		|| { rc=$$?; [ $$rc -ne 5 ] || { echo "pytest collected no tests in $(TESTS)" >&2; rc=1; }; exit $$rc; }

# Needs ../shared/corpus (not part of this repository): scores and times extraction on it.
bench: system venv
	$(PYTHON) -m benchmarks.corpus_score
	$(PYTHON) -m benchmarks.speed
