# Two entry points a fresh machine needs: `make run` and `make test` (see README).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES ?= ../shared/data
LINT_NODE := tools/cypher-lint/node_modules/.package-lock.json
# Browser tests drive Debian's Chromium with Playwright from PyPI (never `playwright install`).
CHROMIUM := /usr/bin/chromium
# Debian's antiword converts the Wassenaar Secretariat's legacy Word (.doc) files to text.
ANTIWORD := /usr/bin/antiword

.PHONY: run test install check lint-cypher clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

$(LINT_NODE): tools/cypher-lint/package-lock.json
	npm ci --prefix tools/cypher-lint --no-audit --no-fund --loglevel=error

install: $(BIN)/.installed

$(CHROMIUM):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

$(ANTIWORD):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq antiword

## Ingest what is available (reference data + sources found in $(SOURCES)) and serve on 127.0.0.1.
run: install $(ANTIWORD)
	-$(BIN)/harmonia ingest --sources $(SOURCES)
	$(BIN)/harmonia serve

## Static checks, then the whole test suite.
check: install $(LINT_NODE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python tools/lint_cypher.py

test: check $(CHROMIUM) $(ANTIWORD)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) tools/cypher-lint/node_modules var
