# The two commands of the README: `make run` and `make test`. Each sets up whatever is missing
# first (system packages when root on Debian, the virtual environment, the Python packages).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
DEMO_DB ?= build/demo.sqlite3

.PHONY: run test bench setup system lint translations clean

# `run` installs what a till needs (never the vpcd virtual reader, and it disables Debian's
# vpcd entry); `test` adds what the tests need.
$(VENV)/.system-run:
	bash scripts/setup-system.sh run
	mkdir -p $(VENV) && touch $@

$(VENV)/.system-test:
	bash scripts/setup-system.sh test
	mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(VENV)/.system-run
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

$(TEST_STAMP): $(STAMP) $(VENV)/.system-test
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(TEST_STAMP)

system:
	bash scripts/setup-system.sh test

run: $(STAMP)
	$(VENV)/bin/loyalty-pos --demo --db $(DEMO_DB)

test: $(TEST_STAMP)
	bash scripts/run-tests.sh

bench: $(TEST_STAMP)
	$(PY) -m tests.bench.run $(if $(QUICK),--quick,)

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .

# Refresh the .ts sources from app/ (new strings arrive unfinished: translate them), then build .qm.
translations: $(TEST_STAMP)
	$(VENV)/bin/pyside6-lupdate app/*.py -no-obsolete -ts resources/translations/loyalty_vi.ts resources/translations/loyalty_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/loyalty_vi.ts resources/translations/loyalty_en.ts

clean:
	rm -rf build
