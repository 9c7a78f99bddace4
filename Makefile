# The two set-up commands of the README: `make run` and `make test`. Both create .venv and install.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install lint bench

$(BIN)/gongkai: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(BIN)/gongkai

run: install
	$(BIN)/gongkai serve --demo

test: install
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check gongkai tests bench
	$(BIN)/mypy gongkai

bench: install
	$(BIN)/python bench/run.py
