# One-command set-up: every target below creates .venv when it is missing or older than
# pyproject.toml / requirements.lock, installs the project (editable, with its dev extra) pinned
# by requirements.lock, and registers the Jupyter kernel "tppo" inside the venv.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
TPPO   := $(VENV)/bin/tppo

.PHONY: help install report clean-data test lint bench lab dist clean sync

help:
	@echo "make report  - clean the shipped data and build reports/ (the main job)"
	@echo "make test    - run the test suite"
	@echo "make bench   - run the benchmarks (writes benchmarks/results.json)"
	@echo "make lab     - start JupyterLab with the tppo kernel"
	@echo "make lint    - ruff"
	@echo "make dist    - build the wheel (with the cleaned data) into dist/"
	@echo "make sync    - pair the notebooks with their text files (notebooks/text/*.py)"

$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	$(PY) -m ipykernel install --sys-prefix --name tppo --display-name "Python (tppo)" >/dev/null
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(TPPO) clean
	$(TPPO) report

clean-data: $(STAMP)
	$(TPPO) clean

# the test files run on every core (pytest-xdist, a file per worker): about 8 min on 2 cores
test: $(STAMP)
	$(PY) -m ruff check tppo_analysis tests benchmarks
	$(PY) -m pytest -n auto --dist loadfile

lint: $(STAMP)
	$(PY) -m ruff check tppo_analysis tests benchmarks

bench: $(STAMP)
	$(PY) benchmarks/run.py

lab: $(STAMP)
	$(TPPO) lab

sync: $(STAMP)
	cd notebooks && ../$(VENV)/bin/jupytext --sync *.ipynb

# build/ is removed first: setuptools never deletes files there, so a module that was renamed
# or removed would otherwise still ship in the wheel
dist: $(STAMP)
	$(TPPO) clean
	rm -rf build
	$(PY) -m pip wheel --no-deps --quiet -w dist .

clean:
	rm -rf $(VENV) build dist
	find data/processed reports -mindepth 1 ! -name .gitkeep -exec rm -rf {} +
