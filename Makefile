# Amur — every target creates .venv on first use and installs what it needs.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test lint bench bench-ab schema golden clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found: install Python 3.11 or run 'make PYTHON=python3 ...'"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

play: $(STAMP)
	$(BIN)/python main.py

test: $(STAMP)
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check game tests bench tools main.py
	$(BIN)/ruff format --check game tests bench tools main.py
	$(BIN)/mypy game
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/run.py --out bench/RESULTS.md
	$(BIN)/python bench/beliefs.py --out bench/BELIEFS_RESULTS.md --summary-into bench/RESULTS.md
	$(BIN)/python bench/ui.py --out bench/UI_RESULTS.md

# The engine's speed against an earlier commit, interleaved in one run: make bench-ab BASE=916cd21
bench-ab: $(STAMP)
	$(BIN)/python bench/ab.py --base $(BASE) --out bench/AB_RESULTS.md

schema: $(STAMP)
	$(BIN)/python main.py schema

golden: $(STAMP)
	$(BIN)/python main.py golden --out tests/golden

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
