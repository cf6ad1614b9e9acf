# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
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

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
