# The two commands of the README:
#   make build   set up, then validate the example content and build every output
#   make test    set up, then run lint, type checks and the tests
# Set-up is idempotent: a virtualenv in .venv and the Debian packages the
# outputs need (as root; otherwise the exact apt command is printed).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONTENT ?= content

# Fonts for the Chinese PDFs; libharfbuzz-subset0 lets WeasyPrint subset CJK
# fonts natively (with fontTools a 30-page PDF takes ~17 s instead of ~2 s);
# Pango for WeasyPrint; Graphviz draws the process flowchart.
APT_RUNTIME := fonts-noto-cjk libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 graphviz
# The tests also read PDFs (poppler), open the DOCX in LibreOffice and drive
# the handbook in headless Chromium (Playwright's driver, Debian's browser),
# and decode the manual's QR codes (zbar).
APT_TEST := poppler-utils libreoffice-writer-nogui fonts-liberation2 chromium zbar-tools

.PHONY: setup setup-system setup-test-system setup-python build test lint check schema clean

setup: setup-system setup-python

setup-system:
	@./scripts/apt-install $(APT_RUNTIME)

setup-test-system:
	@./scripts/apt-install $(APT_TEST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstalled only when pyproject.toml changes: the stamp lives in .venv, so a
# second `make` leaves the checkout (its egg-info included) untouched.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

# An editable install leaves our modules uncompiled, and where the environment sets
# PYTHONDONTWRITEBYTECODE every run compiles ~60 modules again (~80 ms of a 0.5 s
# `check`). Compiled here when a source changed; the ignored __pycache__ folders are
# only read, and Python falls back to the source if one is stale.
SOURCES := $(shell find generator -name '*.py')
$(VENV)/.compiled: $(SOURCES) | $(VENV)/.installed
	@$(BIN)/python -m compileall -q generator
	@touch $@

setup-python: $(VENV)/.installed $(VENV)/.compiled

schema: setup-python
	$(BIN)/aftersales schema

build: setup schema
	$(BIN)/aftersales build --content $(CONTENT)

check: setup-python
	$(BIN)/aftersales check --content $(CONTENT) --strict

lint: setup-python
	$(BIN)/ruff check generator tests scripts benchmarks
	$(BIN)/ruff format --check generator tests scripts benchmarks
	$(BIN)/mypy

test: setup setup-test-system lint
	$(BIN)/pytest -q

clean:
	rm -rf site output schema
