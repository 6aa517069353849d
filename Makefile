# The two commands of the README: `make run` and `make test`. Each sets up whatever is missing
# first (system packages when root on Debian, the virtual environment, the Python packages).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEMO_DB ?= build/demo.sqlite3

.PHONY: run test bench setup system lint translations clean

$(VENV)/.system:
	bash scripts/setup-system.sh
	mkdir -p $(VENV) && touch $@

$(STAMP): pyproject.toml $(VENV)/.system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

setup: $(STAMP)

system:
	bash scripts/setup-system.sh

run: $(STAMP)
	$(VENV)/bin/loyalty-pos --demo --db $(DEMO_DB)

test: $(STAMP)
	bash scripts/run-tests.sh

bench: $(STAMP)
	$(PY) -m tests.bench.run $(if $(QUICK),--quick,)

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# Refresh the .ts sources from app/ (new strings arrive unfinished: translate them), then build .qm.
translations: $(STAMP)
	$(VENV)/bin/pyside6-lupdate app/*.py -no-obsolete -ts resources/translations/loyalty_vi.ts resources/translations/loyalty_en.ts
	$(VENV)/bin/pyside6-lrelease resources/translations/loyalty_vi.ts resources/translations/loyalty_en.ts

clean:
	rm -rf build
