# Two commands do everything on a fresh machine with Python 3.10+:
#   make lab    set up .venv and open JupyterLab on the series
#   make test   set up .venv (with the test tools) and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# English in notebooks/, each translation in notebooks/<lang>/, built by tools/translate.py from
# the English code and helpers/locales/<lang>/notebooks/ (a language is a folder there).
TRANSLATIONS := $(notdir $(patsubst %/notebooks,%,$(wildcard helpers/locales/*/notebooks)))
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]_*.ipynb)) \
	$(foreach lang,$(TRANSLATIONS),$(sort $(wildcard notebooks/$(lang)/[0-9][0-9]_*.ipynb)))
# JupyterLab refuses to run as root (containers, classroom VMs) without being told it may.
LAB_FLAGS ?= $(if $(filter 0,$(shell id -u)),--allow-root)
# matplotlib's settings and font cache for every kernel started from here (lab, tests,
# notebooks): in the venv, so a read-only or missing HOME costs no stderr notices.
export MPLCONFIGDIR := $(abspath $(VENV))/matplotlib
# JupyterLab reads settings overrides from its environment's share/jupyter/lab/settings:
# binder/overrides.json answers "get official Jupyter news?" with no, as binder/postBuild does.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json

.PHONY: lab test test-matrix setup notebooks navigation lint benchmark gif binder classroom site clean

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

$(LAB_OVERRIDES): binder/overrides.json | $(BIN)/python
	mkdir -p $(dir $@)
	cp $< $@

setup: $(VENV)/.test-installed $(LAB_OVERRIDES)

lab: $(VENV)/.lab-installed $(LAB_OVERRIDES)
	$(BIN)/jupyter lab $(LAB_FLAGS) notebooks/00_welcome.ipynb

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	@# Format is checked on the Python files; notebook cells keep their hand-made layout.
	$(BIN)/ruff format --check helpers tests tools benchmarks conftest.py
	$(BIN)/python -m tools.navigation --check

# Both cores: each test file (a notebook, a module's course, hub or lab) stays on one worker,
# so what a module builds once is built once. TEST_WORKERS=1 runs one process.
TEST_WORKERS ?= 2
test: $(VENV)/.test-installed $(LAB_OVERRIDES) lint
	$(BIN)/python -m pytest $(if $(filter-out 1,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist loadfile)

# Strict nbval over every notebook once per configuration: BLAS threads, locale, an odd path,
# a non-root user, an unwritable HOME, MPLBACKEND=agg, the minimum versions, Binder's pins.
# `make test-matrix CONFIG=locale-c` runs one; `$(BIN)/python -m tools.matrix --list` names them.
test-matrix: $(VENV)/.test-installed
	$(BIN)/python -m tools.matrix $(CONFIG)

# Re-execute every notebook in place, top to bottom in a fresh kernel, without timing
# metadata, so the stored outputs are exactly what a learner's run prints.
notebooks: $(VENV)/.test-installed
	$(foreach lang,$(TRANSLATIONS),$(BIN)/python -m tools.translate $(lang) >/dev/null &&) true
	$(BIN)/python -m tools.navigation --write
	$(BIN)/python -m tools.execute $(or $(NB),$(NOTEBOOKS))

navigation: $(VENV)/.test-installed
	$(BIN)/python -m tools.navigation --write

# The speed and memory targets of the issues; figures, not pass/fail tests.
benchmark: $(VENV)/.test-installed
	$(BIN)/python benchmarks/bench_foundation.py
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_explorer.py
	$(BIN)/python benchmarks/bench_drawing.py

# The README's animation: notebook 06's run, its weight maps forming, drawn by helpers.
gif: $(VENV)/.lab-installed
	$(BIN)/python -m tools.gif docs/weight_maps.gif
	@ls -l docs/weight_maps.gif

# The series as nbgrader assignments, for teachers who grade (docs/teaching-guide.md, "Grading
# with nbgrader"): writes source/ and nbgrader_config.py into $(COURSE), by default classroom/
# (ignored by git); points come from each checker's contract, a teacher's overrides and the
# written answers from tools/classroom.toml. `make classroom LANG=zh` builds it from
# notebooks/zh/. Only a LANG given on the command line counts: the environment's LANG is the
# shell's locale (such as C.UTF-8), not the series' language.
COURSE ?= classroom
COURSE_LANG = $(if $(filter command line,$(origin LANG)),$(LANG),en)
classroom: $(VENV)/.test-installed
	@# Quoted for the shell: a COURSE path may hold spaces or quotes.
	$(BIN)/python -m tools.classroom --lang '$(COURSE_LANG)' '$(subst ','\'',$(COURSE))'

# The series as a website in build/site/ (open build/site/index.html through a web server):
# every notebook as a page from its stored outputs, no re-execution; the README as the front
# page; the teaching guide. Every script is served from the site (no CDN): npm fetches
# site/package-lock.json once into $TMPDIR/mnist-series-site. .github/workflows/pages.yml
# publishes it on GitHub Pages.
$(VENV)/.site-installed: $(VENV)/.lab-installed
	$(BIN)/python -m pip install --quiet -e ".[site]"
	touch $@

site: $(VENV)/.site-installed
	$(BIN)/python -m tools.site

# Binder's exact pins: pyproject.toml's dependencies resolved by uv for binder/runtime.txt's
# Python on Linux x86-64. Run after changing the dependencies; commit the result.
binder: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/python -m tools.binder_pins

clean:
	rm -rf $(VENV) tests/artifacts build
