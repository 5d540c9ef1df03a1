# Two commands do all set-up on a fresh machine with Python 3.11:
#   make build   creates .venv, installs the project, builds the site into site/
#   make test    installs the test dependencies (and the browser tools) and runs every test
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: build serve test check lint browser-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[test]"
	@touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dirty -a 127.0.0.1:8000

check: $(VENV)/.installed
	$(BIN)/portal check

browser-deps: $(VENV)/.installed-test
	bash scripts/install-browser-deps.sh

test: $(VENV)/.installed-test browser-deps
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy generator
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .cache .pytest_cache
