# Everything runs inside .venv, created and filled on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: demo test lint typecheck generate bench clean

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

test: lint typecheck
	$(BIN)/python -m pytest

generate: $(STAMP)
	$(BIN)/python tools/gen_sync.py
	$(BIN)/python tools/gen_readme.py
	$(BIN)/python tools/release_shapes.py

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,cli,bench]'
	touch $@

# Every scenario against every client; writes benchmarks/results.md and chart.png.
bench: $(BENCH_STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
