# Everything runs inside .venv, created and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
MUTATE_STAMP := $(VENV)/.installed-mutate

.PHONY: demo test lint typecheck generate bench mutate clean

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

typecheck: $(STAMP)
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest

generate: $(STAMP)
	$(BIN)/python tools/gen_sync.py
	$(BIN)/python tools/gen_readme.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cli,bench]'
	touch $@

# Every scenario against every client; writes benchmarks/results.md and chart.png.
bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks

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
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache mutants
