# Two commands for a new user: `make serve` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
NODE_STAMP := node_modules/.installed
# The build tests once more on ProperDocs (the maintained fork of MkDocs 1.x), MkDocs removed
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
BUILD_TESTS := tests/test_safe_build.py tests/plugin
CHROMIUM := /usr/bin/chromium

.PHONY: serve site test test-fast test-properdocs lint bench check clean install chromium
export NO_MKDOCS_2_WARNING := 1

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

## Build and serve the site with live reload on http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

## Build the static site into site/ (into a temporary folder first: a failed build keeps the old site/)
site: $(STAMP)
	$(BIN)/python -m glossator.safe_build --strict --site-dir site

## Validate every article and annotation
check: $(STAMP)
	$(BIN)/glossator check

## Install test tools (and Debian's Chromium for the browser tests, when missing), then run everything
test: $(TEST_STAMP) chromium
	$(MAKE) lint
	$(BIN)/python -m pytest -n 2 -q
	$(MAKE) test-properdocs

$(PROPERDOCS_STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/pip install --quiet properdocs pytest pytest-xdist beautifulsoup4 -e .
	$(PROPERDOCS_VENV)/bin/pip uninstall --quiet --yes mkdocs  # nothing may need MkDocs itself
	touch $@

## The build tests with ProperDocs instead of MkDocs
test-properdocs: $(PROPERDOCS_STAMP)
	GLOSSATOR_ENGINE=properdocs $(PROPERDOCS_VENV)/bin/python -m pytest -n 2 -q -p no:cacheprovider $(BUILD_TESTS)

## Everything but the browser tests (tests/browser/): no Chromium, no site build
test-fast: $(TEST_STAMP)
	$(BIN)/ruff check build_scripts tests
	$(BIN)/ruff format --check build_scripts tests
	$(BIN)/python -m pytest -n 2 -q -m 'not browser'

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		(apt-get update -qq && apt-get install -y -qq chromium) || \
		(sudo apt-get update -qq && sudo apt-get install -y -qq chromium); \
	fi

## The page's scripts and styles: Biome's linter, with the rules the ES5 scripts can follow
$(NODE_STAMP): package.json
	npm install --no-audit --no-fund --silent
	touch $@

lint: $(TEST_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check build_scripts tests
	$(BIN)/ruff format --check build_scripts tests
	node_modules/.bin/biome lint

## Figures for speed and size targets (see tests/bench/)
bench: $(TEST_STAMP)
	$(BIN)/python tests/bench/bench_build.py
	$(BIN)/python tests/bench/drift_table.py
	$(BIN)/python tests/bench/drift_unseen.py
	$(BIN)/python tests/bench/bench_matcher.py
	$(BIN)/python tests/bench/bench_provenance.py

clean:
	rm -rf site .pytest_cache .hypothesis $(PROPERDOCS_VENV)
