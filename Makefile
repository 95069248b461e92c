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

.PHONY: run test install check lint-cypher clean neo4j neo4j-stop

# Neo4j Community from Maven Central, started in process by tools/neo4j-server (Bolt on
# 127.0.0.1). `make neo4j` serves var/neo4j for development; the tests use their own server
# (var/neo4j-test, another port), since they empty the database they are given.
NEO4J_PROJECT := tools/neo4j-server
NEO4J_BUILT := $(NEO4J_PROJECT)/target/classpath.txt
NEO4J_HOME ?= var/neo4j
NEO4J_PORT ?= 7687
NEO4J_TEST_HOME := var/neo4j-test
NEO4J_TEST_PORT ?= 17687
NEO4J := $(BIN)/python tools/neo4j_server.py

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

$(NEO4J_BUILT): $(NEO4J_PROJECT)/pom.xml $(NEO4J_PROJECT)/src/main/java/org/harmonia/Launcher.java
	mvn -q -B -f $(NEO4J_PROJECT)/pom.xml compile dependency:build-classpath \
		-Dmdep.outputFile=target/classpath.txt

## A Neo4j server for development (bolt://127.0.0.1:$(NEO4J_PORT), files in $(NEO4J_HOME)).
neo4j: install $(NEO4J_BUILT)
	$(NEO4J) start --home $(NEO4J_HOME) --port $(NEO4J_PORT)

neo4j-stop: install
	$(NEO4J) stop --home $(NEO4J_HOME)

## The suite runs every Neo4j case on a server of its own (or on HARMONIA_NEO4J_URI if set),
## and stops that server whatever the outcome; a Neo4j case may not skip.
test: check $(CHROMIUM) $(ANTIWORD) $(NEO4J_BUILT)
ifeq ($(HARMONIA_NEO4J_URI),)
	$(NEO4J) start --home $(NEO4J_TEST_HOME) --port $(NEO4J_TEST_PORT)
	HARMONIA_NEO4J_URI=bolt://127.0.0.1:$(NEO4J_TEST_PORT) HARMONIA_REQUIRE_NEO4J=1 \
		$(BIN)/pytest; status=$$?; $(NEO4J) stop --home $(NEO4J_TEST_HOME); exit $$status
else
	HARMONIA_REQUIRE_NEO4J=1 $(BIN)/pytest
endif

clean:
	rm -rf $(VENV) tools/cypher-lint/node_modules $(NEO4J_PROJECT)/target var
