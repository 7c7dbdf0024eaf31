# Two commands: `make demo` runs the example interview, `make test` runs the tests.
# Both create .venv with $(PYTHON) on first use and install the package into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

demo: $(BIN)/.installed
	$(BIN)/interview-recovery recommend docs/examples/bad-interview.json
	@echo
	$(BIN)/interview-recovery recommend docs/examples/bad-interview.json --note --interviewer Marie

test: $(BIN)/.installed
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
