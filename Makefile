# Two commands do everything on a fresh machine with Python 3.10+:
#   make lab    set up .venv and open JupyterLab on the series
#   make test   set up .venv (with the test tools) and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb))
# JupyterLab refuses to run as root (containers, classroom VMs) without being told it may.
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: lab test setup notebooks navigation lint benchmark gif clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "Python 3.10 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The learner's environment: helpers and the scientific stack.
$(VENV)/.lab-installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@# Build matplotlib's font cache now: on first use it prints a notice on stderr,
	@# which strict nbval would count as a changed output.
	$(BIN)/python -c "import matplotlib.pyplot"
	touch $@

# Plus what the test suite uses (nbconvert, playwright, ruff, repo2docker, ...).
$(VENV)/.test-installed: $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.test-installed

lab: $(VENV)/.lab-installed
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/00_welcome.ipynb

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	@# Format is checked on the Python files; notebook cells keep their hand-made layout.
	$(BIN)/ruff format --check helpers tests tools benchmarks conftest.py
	$(BIN)/python -m tools.navigation --check

test: $(VENV)/.test-installed lint
	$(BIN)/python -m pytest

# Re-execute every notebook in place, top to bottom in a fresh kernel, without timing
# metadata, so the stored outputs are exactly what a learner's run prints.
notebooks: $(VENV)/.test-installed
	$(BIN)/python -m tools.navigation --write
	$(BIN)/python -m tools.execute $(or $(NB),$(NOTEBOOKS))

navigation: $(VENV)/.test-installed
	$(BIN)/python -m tools.navigation --write

# The speed and memory targets of the issues; figures, not pass/fail tests.
benchmark: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_foundation.py
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_explorer.py

# The README's animation: notebook 06's run, its weight maps forming, drawn by helpers.
gif: $(VENV)/.lab-installed
	$(BIN)/python -c 'from helpers.explorer import write_notebook_gif; write_notebook_gif("docs/weight_maps.gif")'
	@ls -l docs/weight_maps.gif

clean:
	rm -rf $(VENV) tests/artifacts
