# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint typecheck pytest test-throwaway-postgres postgres-server browser bench \
	bench-scale bench-nk-env clean

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

# The store suite runs on SQLite and on PostgreSQL: the server in BANWATCH_TEST_POSTGRES_URL,
# else the one at postgres@127.0.0.1:5432/test if it answers, else a throwaway cluster that
# tests/pg_cluster.py starts for this run (initdb and pg_ctl from Debian's packages, installed
# here when missing) and stops and removes afterwards, even when tests fail.
pytest: install
	@$(BIN)/python -m tests.pg_cluster check || $(MAKE) --no-print-directory postgres-server
	@command -v chromium >/dev/null || $(MAKE) --no-print-directory browser
	$(BIN)/python -m tests.pg_cluster run -- $(BIN)/pytest

# Checks the throwaway path where a server answers: the store suite against a new cluster,
# with CI=1 so that a PostgreSQL case that cannot connect fails instead of skipping.
test-throwaway-postgres: install
	@$(BIN)/python -m tests.pg_cluster check --throwaway || $(MAKE) --no-print-directory postgres-server
	CI=1 $(BIN)/python -m tests.pg_cluster run --throwaway -- $(BIN)/pytest tests/store tests/test_pg_cluster.py

# Debian's PostgreSQL server package (it may also create and start its own `main` cluster,
# which the tests never use unless it answers as postgres@127.0.0.1:5432/test); through sudo
# when not root.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
postgres-server:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql

# Debian's Chromium, which the web UI's tests drive with Playwright (Playwright's own browser
# download is not used); through sudo when not root.
browser:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium

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
