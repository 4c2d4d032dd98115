# One entry point for newcomers and CI. Every target builds the virtual
# environment from requirements.txt first, so a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# test processes: two, for the two cores of the machines the suite is measured on (benchmarks/RESULTS.md)
TEST_PROCESSES ?= 2
export SOURCE_DATE_EPOCH := 0
export PYTHONHASHSEED := 0

.PHONY: setup report test check lint notebooks bench validate clean

setup: $(STAMP)

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --editable .
	touch $(STAMP)

## The main job: validate the ledger, run every notebook, render build/index.html.
report: setup
	$(BIN)/python -m kit validate
	$(BIN)/python -m kit run

## Lint, unit tests, nbval over every committed notebook, end-to-end tests.
test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --nbval --nbval-current-env --nbval-sanitize-with notebooks/nbval_sanitize.cfg

## The loop for every change: lint, and every test that starts no kernel, batch, cluster or browser
## (tests/tiers.py), with fewer Hypothesis examples (the quick profile, tests/conftest.py) and each file on one
## process (its rendered pages shared); times in benchmarks/RESULTS.md. `make test` runs them all, every example.
## Bytecode is written (a shell that sets PYTHONDONTWRITEBYTECODE makes every worker recompile the kit and
## re-rewrite every test module), and the nbval plugin, which only `make test` uses, is not loaded.
QUICK_TESTS := not (kernel or batch or cluster or browser or e2e or nbval)
check: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(TEST_PROCESSES) --dist loadfile --hypothesis-profile quick -q -p no:nbval -m "$(QUICK_TESTS)"

lint: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

validate: setup
	$(BIN)/python -m kit validate

## Re-execute the committed notebooks in place so their outputs match the ledger.
notebooks: setup
	$(BIN)/python tools/refresh.py

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build .pytest_cache .ruff_cache .hypothesis
