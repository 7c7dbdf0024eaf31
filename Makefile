# Two commands: `make demo` runs the example interview, `make test` lints and runs the tests.
# Both create .venv with $(PYTHON) on first use and install the package into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make test` also runs the suite on Python 3.13, where durable_rules does not import and the
# pure-Python engine serves: pyenv's newest 3.13 (free-threaded "t" builds left out), if any.
PYTHON313 ?= $(lastword $(sort $(filter-out %t/bin/python3,$(wildcard $(shell pyenv root 2>/dev/null)/versions/3.13*/bin/python3))))
VENV313 := .venv-3.13
# The browser test opens the notebook's page in Debian's Chromium, installed here where missing
# (CI's machine starts without it); CHROMIUM=/path/to/chromium picks another build.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: demo test test-3.13 docs bench bench-scale mutate clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group dev
	touch $@

demo: $(BIN)/.installed
	$(BIN)/interview-recovery recommend docs/examples/bad-interview.json
	@echo
	$(BIN)/interview-recovery recommend docs/examples/bad-interview.json --note --interviewer Marie

test: $(BIN)/.installed $(CHROMIUM)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest
	@$(MAKE) --no-print-directory test-3.13

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser test (tests/test_browser.py)"
	$(SUDO) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium

$(VENV313)/bin/.installed: pyproject.toml
	$(PYTHON313) -m venv $(VENV313)
	$(VENV313)/bin/python -m pip install --quiet --upgrade "pip>=25.1"
	$(VENV313)/bin/python -m pip install --quiet -e . --group dev
	touch $@

ifeq ($(PYTHON313),)
test-3.13:
	@echo "SKIPPED the Python 3.13 run: no 3.13 interpreter under '$$(pyenv root 2>/dev/null)/versions' (install one with 'pyenv install 3.13', or pass PYTHON313=/path/to/python3.13)"
else
test-3.13: $(VENV313)/bin/.installed
	@echo "Running the suite again on $$($(VENV313)/bin/python -V), with the pure-Python engine:"
	$(VENV313)/bin/python -m pytest
endif

# The documentation site, with the API reference from the docstrings, into site/. Strict: a
# broken link, an unresolved reference or a docstring that does not render fails the build
# (tests/test_site.py builds it as part of `make test`).
docs: $(BIN)/.installed
	$(BIN)/python docs/build_site.py docs site

bench: $(BIN)/.installed
	$(BIN)/python -m benchmarks.run --write docs/performance.md
	$(BIN)/python -m benchmarks.costs --write docs/performance.md

# Minutes, not seconds: peak memory of --jsonl up to 1,000,000 interviews, and 1,000,000
# incidents on a two-worker Dask cluster against one process; figures go to docs/scale.md.
bench-scale: $(BIN)/.installed
	$(BIN)/python -m benchmarks.scale memory --full --write docs/scale.md
	$(BIN)/python -m benchmarks.scale dask --write docs/scale.md

# Hours, not minutes, and not part of `make test` nor of CI: mutmut plants one bug at a time in
# the modules that hold the semantics, module by module (MUTATE="operators engines" for some),
# and the scores go to docs/testing.md. Niced, since the machine is shared.
MUTATE ?=
mutate: $(BIN)/.installed
	nice -n 19 $(BIN)/python tests/mutation/run.py $(MUTATE)

clean:
	rm -rf $(VENV) $(VENV313) build dist site .pytest_cache .hypothesis test-artifacts mutants
