# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest bench bench-scale bench-nk-env clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/python -c 'from banwatch.matching.names import compile_search as c; print(f"name search compiled in {c():.1f} s")'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/banwatch screen examples/inventory.csv --jurisdiction CA --sector government --format table

lint: install
	$(BIN)/ruff format --check banwatch tests benchmarks
	$(BIN)/ruff check banwatch tests benchmarks

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

test: lint typecheck pytest

bench: install
	$(BIN)/python benchmarks/screen_bulk.py

# Issue 3's speed and quality numbers (about 10 minutes; not part of `make test`).
# nomenklatura gets its own environment, never banwatch's (building its PyICU needs libicu-dev).
NK_VENV := benchmarks/.venv-nk
$(NK_VENV)/.installed:
	$(PYTHON) -m venv $(NK_VENV)
	$(NK_VENV)/bin/pip install --quiet --upgrade pip
	$(NK_VENV)/bin/pip install --quiet 'nomenklatura==4.17.4'
	touch $@

bench-nk-env: $(NK_VENV)/.installed

bench-scale: install bench-nk-env
	$(BIN)/python benchmarks/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(NK_VENV) .mypy_cache .pytest_cache .ruff_cache
