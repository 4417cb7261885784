# deckgen — two commands on a fresh machine:
#   make demo   builds every deck in content/decks/ into build/ (pptx, reveal.js folder, single HTML)
#   make test   runs the linter, the type checker and the whole test suite
# Both set up what they need first: a .venv with the pinned Python packages, node_modules
# with the pinned reveal.js (npm ci).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY_OK  := $(VENV)/.deps-installed
NODE_OK := node_modules/.deps-installed
DECKS  := $(wildcard content/decks/*.yaml)

.PHONY: demo test setup lint clean bench bytecode

setup: $(PY_OK) $(NODE_OK) bytecode

# Compiled bytecode for deckgen's modules, as a pip install of the wheel leaves it (an editable
# install does not, and PYTHONDONTWRITEBYTECODE=1 stops Python writing it later): each command
# then starts without compiling ~100 modules first. Only changed files are recompiled.
bytecode: $(PY_OK)
	@$(BIN)/python -m compileall -q deckgen

$(PY_OK): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

$(NODE_OK): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	@for deck in $(DECKS); do \
	  $(BIN)/deckgen build $$deck --format all --out build || exit 1; \
	done

lint: $(PY_OK)
	$(BIN)/ruff check deckgen tests tools bench
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest

bench: setup
	$(BIN)/python bench/build_all.py

clean:
	rm -rf build test-artifacts .pytest_cache
