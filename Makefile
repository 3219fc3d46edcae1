# Everything runs inside .venv, created and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
DOCS_STAMP := $(VENV)/.installed-docs
MUTATE_STAMP := $(VENV)/.installed-mutate

.PHONY: demo test lint typecheck services generate bench docs mutate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,cli]'
	touch $@

demo: $(STAMP)
	$(BIN)/ghactions demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python tools/gen_sync.py --check
	$(BIN)/python tools/gen_readme.py --check
	$(BIN)/python tools/release_shapes.py --check

typecheck: $(STAMP)
	$(BIN)/mypy

# The shared limits' tests run a real redis-server: Debian's package, installed when
# missing and we may (root with apt-get); otherwise those tests skip, saying why.
services:
	@command -v redis-server >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing redis-server (for the shared limits' tests)"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; \
	  else \
	    echo "redis-server is missing: the shared limits' tests will be skipped"; \
	  fi; \
	}

test: services lint typecheck
	$(BIN)/python -m pytest

generate: $(STAMP)
	$(BIN)/python tools/gen_sync.py
	$(BIN)/python tools/gen_readme.py
	$(BIN)/python tools/release_shapes.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cli,bench]'
	touch $@

# Every scenario against every client; writes benchmarks/results.md and chart.png.
bench: $(BENCH_STAMP) services
	$(BIN)/python -m benchmarks

$(DOCS_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cli,docs]'
	touch $@

# The documentation site, from docs/ and the docstrings, into site/ (open site/index.html).
# --strict: any warning (a broken link, a docstring mkdocstrings cannot place) fails it.
docs: $(DOCS_STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --site-dir site

$(MUTATE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cli,mutate]'
	touch $@

# Mutation testing (mutmut), one module at a time with the tests mapped to it in
# tools/mutate.py; not part of `make test` or CI. One module:
#   make mutate MODULE=ghactions_async/_http/_retry.py
# MUTATE_ARGS=--keep keeps mutants/<module>/ to inspect survivors with `mutmut show`.
MODULE ?=
MUTATE_ARGS ?=
mutate: $(MUTATE_STAMP)
	$(BIN)/python tools/mutate.py $(MUTATE_ARGS) $(MODULE)

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache site mutants
