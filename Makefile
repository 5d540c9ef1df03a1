# Two commands do all set-up on a fresh machine with Python 3.11:
#   make build   creates .venv, installs the locked build dependencies and the project, builds site/
#   make test    installs the locked test dependencies and tools (Debian, npm) and runs every test
# For people working on the code: `make test-fast` (no browsers, nested suites or benchmarks), `make lock`
# (refresh the locks), `make test-latest` (the suite on the newest allowed versions). README, "Commands".
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Every package in .venv comes from a lock, with its hashes; the project itself is the only other install.
PIP_LOCKED := -m pip install -q --require-hashes --no-deps -r
PIP_PROJECT := -m pip install -q --no-deps --no-build-isolation -e .
UV_COMPILE := $(BIN)/uv pip compile -q --generate-hashes --universal --python-version 3.11 --upgrade
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: build serve test test-fast test-latest check lint tools browser-deps lock bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements/build.txt pyproject.toml | $(BIN)/python
	$(BIN)/python $(PIP_LOCKED) requirements/build.txt
	$(BIN)/python $(PIP_PROJECT)
	@touch $@

$(VENV)/.installed-test: requirements/test.txt $(VENV)/.installed
	$(BIN)/python $(PIP_LOCKED) requirements/test.txt
	@touch $@

build: $(VENV)/.installed
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.installed
	$(BIN)/mkdocs serve --strict --dirty -a 127.0.0.1:8000

check: $(VENV)/.installed
	$(BIN)/portal check

tools: $(VENV)/.installed-test
	bash scripts/install-tools.sh
browser-deps: tools

lint: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks scripts
	$(BIN)/mypy generator

test: lint tools
	$(BIN)/pytest -n 2 --dist loadgroup

# Unit and site tests: what a change to the code needs before a push (under 90 s on 2 cores).
test-fast: $(VENV)/.installed-test
	$(BIN)/ruff check generator tests benchmarks scripts
	PORTAL_FUZZ=dev $(BIN)/pytest -q -n 2 --dist worksteal -m "not browser and not nested and not benchmark"

# The locks from pyproject.toml's ranges, newest versions first (uv: one resolution for every platform,
# with the hash of every file), and the npm tools' lock from tools/package.json.
lock: $(VENV)/.installed-test
	$(UV_COMPILE) pyproject.toml --extra test requirements/tools.in -c requirements/constraints.txt \
	  -o requirements/test.txt
	$(UV_COMPILE) pyproject.toml requirements/tools.in -c requirements/test.txt -o requirements/build.txt
	cd tools && rm -f package-lock.json && npm install --ignore-scripts --no-audit --no-fund \
	  && rm -rf node_modules
	@echo "lock: review 'git diff requirements tools', then run make test"

# The whole suite on the newest versions pyproject.toml allows, in .venv-latest; on failure, which
# upgrade broke which test (scripts/which_upgrade.py). Run weekly by .github/workflows/latest.yml.
test-latest: tools
	bash scripts/test-latest.sh

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf site .cache .pytest_cache
