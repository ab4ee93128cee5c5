# Developer entry points. `make test` is what CI runs (.ci/run); `make run` starts the program on demo data.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install: the virtualenv is rebuilt only when pyproject.toml changes.
STAMP := $(VENV)/.installed
DEMO_DIR := .demo-data

.PHONY: venv run test bench translations

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

run: venv
	@if [ ! -f $(DEMO_DIR)/desk.sqlite3 ]; then \
		echo "DESK_DATA_DIR=$(DEMO_DIR) $(BIN)/desk init --demo"; \
		DESK_DATA_DIR=$(DEMO_DIR) $(BIN)/desk init --demo; \
	fi
	DESK_DATA_DIR=$(DEMO_DIR) $(BIN)/desk

test: venv
	$(BIN)/ruff check desk tests db
	$(BIN)/mypy
	# One worker per core, at most four: every worker's race tests start eight processes of their own, and the
	# throwaway PostgreSQL allows a hundred connections.
	export QT_QPA_PLATFORM=offscreen; bash tests/with_postgres.sh $(BIN)/pytest -n auto --maxprocesses=4

bench: venv
	$(BIN)/python tests/bench/run.py

# Re-extract the translatable strings (Chinese sources) into the English catalogue, then compile it.
# Translate new entries in resources/translations/desk_en.ts before committing: a test refuses unfinished ones.
translations: venv
	$(BIN)/pyside6-lupdate $$(find desk/ui -name '*.py' | sort) desk/cli.py -source-language zh_CN \
		-target-language en -no-obsolete -locations none -ts resources/translations/desk_en.ts
	$(BIN)/pyside6-lrelease resources/translations/desk_en.ts -qm resources/translations/desk_en.qm
