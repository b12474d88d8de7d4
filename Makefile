# Amur — every target creates .venv on first use and installs what it needs.
# The first Python ≥ 3.11 found (3.11 first: what CI runs); `make PYTHON=/path/to/python …` to choose.
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3.14 python3; do \
  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  2>/dev/null && { echo $$p; break; }; done)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: play test lint wheel bench train bench-ab bench-icount schema golden calibrate calibrate-normal variants i18n clean

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" && command -v $(PYTHON) >/dev/null 2>&1 || { echo "no Python 3.11 or newer found: install one, or run 'make PYTHON=/path/to/python ...'"; exit 1; }
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

# The wheel, with the scenarios and assets inside the package (setup.py): dist/amur-*.whl.
wheel: $(STAMP)
	rm -rf build
	$(BIN)/python -m pip wheel --no-deps --no-build-isolation -w dist .

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,bench]"
	$(BIN)/python bench/run.py --out bench/RESULTS.md
	$(BIN)/python bench/beliefs.py --out bench/BELIEFS_RESULTS.md --summary-into bench/RESULTS.md
	$(BIN)/python bench/ui.py --out bench/UI_RESULTS.md
	$(BIN)/python bench/report.py --out bench/REPORT_RESULTS.md
	$(BIN)/python bench/batch.py --out bench/BATCH_RESULTS.md
	$(BIN)/python bench/env.py --out bench/ENV_RESULTS.md
	$(BIN)/python bench/fishery_playouts.py --out bench/FISHERY_PLAYOUTS.md

# The research training example (docs/research.md): MaskablePPO for one side, then a tournament.
# torch's CPU build first (elsewhere: --index-url https://download.pytorch.org/whl/cpu).
train: $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0 sb3-contrib
	$(BIN)/python bench/train.py --out bench/TRAIN_RESULTS.md

# The engine's speed against an earlier commit, interleaved in one run: make bench-ab BASE=916cd21
bench-ab: $(STAMP)
	$(BIN)/python bench/ab.py --base $(BASE) --out bench/AB_RESULTS.md

# The same as instructions executed (Valgrind's callgrind, the same count run after run):
# make bench-icount BASE=06dffa0
bench-icount: $(STAMP)
	$(BIN)/python bench/icount.py --base $(BASE) --out bench/ICOUNT_RESULTS.md

# How often the agents land near history, by each scenario's calibration: checks (README,
# "Calibration"); writes docs/calibration.md. By default every side is a persona agent at its
# batch level and no script is read (issue 14); the historical script's baseline:
# make calibrate AGENTS=all=historical LABEL="Historical-script baseline"
CALIBRATION  := railway-sale fishery-auctions august-1945
CAL_GAMES    ?= 200
CAL_SEED     ?= 1
CAL_WORKERS  ?= 2
AGENTS       ?= all=persona:fast
LABEL        ?= Persona agents (fast level), no script
CAL_DIR      ?= docs/calibration
CAL_DOC      ?= docs/calibration.md
calibrate: $(STAMP)
	@mkdir -p $(CAL_DIR)
	@for s in $(CALIBRATION); do \
	  echo "calibrate $$s"; \
	  $(BIN)/python main.py calibrate --scenario $$s $(if $(AGENTS),--agents "$(AGENTS)") \
	    --games $(CAL_GAMES) --seed $(CAL_SEED) --workers $(CAL_WORKERS) --no-progress --force \
	    --out $(CAL_DIR)/$$s.md --json $(CAL_DIR)/$$s.json || exit 1; \
	done
	$(BIN)/python tools/calibration_doc.py --agents "$(AGENTS)" --label "$(LABEL)" \
	  --out $(CAL_DOC) $(foreach s,$(CALIBRATION),$(CAL_DIR)/$(s).md)

# The same at the window's level (the default AI there): 20 games a scenario, about 20 minutes
# on two cores (README, "Personas": how far the batch level's figures hold for stronger search).
calibrate-normal:
	$(MAKE) calibrate AGENTS=all=persona:normal CAL_GAMES=20 CAL_DIR=docs/calibration/normal \
	  CAL_DOC=docs/calibration/normal.md LABEL="Persona agents (normal level: the window's), no script"

# Whether each counterfactual moves its headline figures the way the sources argue (README,
# "Counterfactuals"): the scenario as in history and every variant that names headline figures,
# on the same 200 seeds, every side a persona agent; writes docs/variants.md and its JSON.
variants: $(STAMP)
	@mkdir -p docs/variants
	@for s in $(CALIBRATION); do \
	  echo "variants $$s"; \
	  $(BIN)/python main.py variants --scenario $$s $(if $(AGENTS),--agents "$(AGENTS)") \
	    --games $(CAL_GAMES) --seed $(CAL_SEED) --workers $(CAL_WORKERS) --no-progress --force \
	    --out docs/variants/$$s.md --json docs/variants/$$s.json || exit 1; \
	done
	$(BIN)/python tools/calibration_doc.py --kind variants --agents "$(AGENTS)" --label "$(LABEL)" \
	  --out docs/variants.md $(foreach s,$(CALIBRATION),docs/variants/$(s).md)

# The window's strings through gettext (game/ui/i18n.py, README "Languages"): Babel extracts
# the `_()` / `ngettext()` / `N_()` strings of game/ui (babel.cfg) into assets/locale/amur.pot,
# merges them into every language's amur.po, fills the English one (msgstr = msgid) and
# compiles each to amur.mo. A new language: pybabel init -D amur -i assets/locale/amur.pot
# -d assets/locale -l de, translate its .po, then make i18n.
LOCALE := assets/locale
i18n: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --width=100 \
	  --project=Amur --version=0.1.0 --msgid-bugs-address="" -o $(LOCALE)/amur.pot .
	@test -f $(LOCALE)/en/LC_MESSAGES/amur.po || \
	  $(BIN)/pybabel init -D amur -i $(LOCALE)/amur.pot -d $(LOCALE) -l en
	$(BIN)/pybabel update -D amur -i $(LOCALE)/amur.pot -d $(LOCALE) --ignore-obsolete \
	  --no-fuzzy-matching --width=100
	$(BIN)/python tools/i18n_english.py
	$(BIN)/pybabel compile -D amur -d $(LOCALE) --statistics

# Removes what the build and the tools leave behind (never .venv, docs or your runs).
clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache .hypothesis
