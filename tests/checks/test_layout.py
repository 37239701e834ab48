"""The checkers' layout: one module per notebook, called as checks.<name>(...) in notebooks."""

from __future__ import annotations

import ast
import importlib
import inspect
import re

import pytest

import helpers
from helpers import checks
from tests.notebook_tools import NOTEBOOKS, read, tags

CHECKERS = [name for name in checks.__all__ if not name.isupper()]
# The modules that hold checkers, read from where each checker's contract says it lives.
MODULES = sorted({getattr(checks, name).contract.module.rsplit(".", 1)[1] for name in CHECKERS})


@pytest.mark.parametrize("name", MODULES)
def test_each_module_names_its_notebooks_and_exports_its_checkers(name):
    module = importlib.import_module(f"helpers.checks.{name}")
    taught_in = re.findall(r"\b(\d\d_[a-z_]+[a-z])\b", module.__doc__.split(":")[0])
    assert module.__doc__.startswith("Checkers of ") and taught_in
    assert all((NOTEBOOKS[0].parent / f"{stem}.ipynb").exists() for stem in taught_in)
    assert module.__all__ and set(module.__all__) <= set(CHECKERS)
    for checker in module.__all__:
        assert getattr(checks, checker) is getattr(module, checker)


def test_every_checker_lives_in_one_module():
    found = [c for n in MODULES for c in importlib.import_module(f"helpers.checks.{n}").__all__]
    assert sorted(found) == sorted(CHECKERS)


def test_helpers_exports_no_checker():
    # Some share a name (helpers.cross_entropy is the loss, checks.cross_entropy its checker),
    # none is the same object; check_environment checks the installation, not an exercise.
    checkers = {id(getattr(checks, name)) for name in CHECKERS}
    assert not [name for name in helpers.__all__ if id(getattr(helpers, name)) in checkers]
    assert [name for name in helpers.__all__ if name.startswith("check_")] == ["check_environment"]


def test_every_checker_docstring_names_its_notebook_exercise():
    for name in CHECKERS:
        assert re.match(r"Exercise in \d\d: ", inspect.getdoc(getattr(checks, name))), name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_call_checkers_as_checks_dot_name(path):
    nb = read(path)
    code = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    check_cells = [cell.source for cell in nb.cells if "check" in tags(cell)]
    for source in check_cells:
        called = re.findall(r"^checks\.(\w+)\(", source, flags=re.MULTILINE)
        assert len(called) == 1 and called[0] in CHECKERS, source
        assert "import" not in source, f"{path.name}: a check cell imports; the setup cell does"
    if check_cells:  # the setup cell, the first to import helpers, imports checks
        setup = next(source for source in code if "from helpers import" in source)
        imported = [
            alias.name
            for node in ast.walk(ast.parse(setup))
            if isinstance(node, ast.ImportFrom) and node.module == "helpers"
            for alias in node.names
        ]
        assert "checks" in imported, setup
    assert not any(re.search(r"\bcheck_(?!environment)\w+", source) for source in code)
