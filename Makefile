# Plain runner for the project. Everything installs into a local virtual environment (.venv) with pip,
# so a fresh machine needs only Python >= 3.10 and access to the package index.
#
#   make report   set up, then execute every notebook on the bundled corpus -> reports/ (HTML + PNG)
#   make test     set up, then run the whole test suite (what CI runs)
#   make score    set up, then score corpus/ with the CLI -> reports/tables/
#   make bench    run the benchmarks in bench/ (needs ../shared/datasets)
#   make docs     build the API reference (pdoc) into docs/api/

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup report test score bench docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@echo "setup: creating $(VENV) and installing the package with pandas, scikit-learn, nltk, jupyter, seaborn,"
	@echo "setup: papermill and the test tools from the package index (about two minutes the first time) ..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,docs]"
	@touch $(STAMP)
	@echo "setup: done ($(VENV))"

report: $(STAMP)
	@echo "report: executing notebooks/*.ipynb on corpus/ -> reports/*.html, reports/figures/*.png (about a minute)"
	$(PY) -m analysis report --corpus corpus --out reports

score: $(STAMP)
	$(PY) -m analysis score corpus --actors corpus/actors.csv --out reports/tables

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP)
	$(PY) bench/run_all.py

# pdoc documents only the submodules a package lists in __all__, so the public modules are named here
# (analysis.highlight is reached through analysis.__all__).  tests/test_docs.py builds this list.
API_MODULES := analysis analysis.pipeline analysis.corpus analysis.document analysis.quotes analysis.actors \
	analysis.lexicon analysis.framing analysis.sentiment analysis.attribution analysis.compare analysis.plots \
	analysis.sklearn analysis.dask analysis.datasets analysis.validation analysis.coding analysis.report analysis.escaping analysis.cli \
	analysis.labels

docs: $(STAMP)
	$(PY) -m pdoc --docformat numpy -o docs/api $(API_MODULES)

clean:
	rm -rf reports docs/api .pytest_cache
