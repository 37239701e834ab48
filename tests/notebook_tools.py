"""Reading and running the stored notebooks, shared by the notebook tests.

The notebooks come from tools/conventions.py: English in notebooks/, every translation that
exists in notebooks/<lang>/, so a new notebook or a new language is tested with nothing to add.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from tools import conventions
from tools.conventions import tags  # noqa: F401 - the notebook tests import tags from here
from tools.execute import run

ROOT = conventions.ROOT
NOTEBOOK_DIR = conventions.NOTEBOOKS
NOTEBOOKS = conventions.series_notebooks()  # English, the source of every translation
# Every language's notebooks: English first, then each notebooks/<lang>/ that exists.
ALL_NOTEBOOKS = [
    path for lang in conventions.languages_present() for path in conventions.series_notebooks(lang)
]
# The most memory a notebook's kernel may take, in one place: Binder gives a whole session
# about 2 GB, so each notebook's kernel must stay far below (benchmarks/bench_notebooks.py
# holds the same target).
KERNEL_MIB = 1024


def label(path: Path) -> str:
    """A test id: the stem, after its language folder for a translation (zh/02_softmax_model)."""
    return path.relative_to(NOTEBOOK_DIR).with_suffix("").as_posix()


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def stream_text(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def exercises(nb: nbformat.NotebookNode) -> list[tuple[int, int, str]]:
    """(stub index, check index, solution code) for each exercise (tools.conventions)."""
    return [(found.stub, found.check, found.solution) for found in conventions.find_exercises(nb)]


def execute(nb: nbformat.NotebookNode, timeout: int = 300, folder: Path = NOTEBOOK_DIR) -> float:
    """Run a notebook in its folder (which sets its language), filling in its outputs; returns
    the kernel's peak resident memory in MiB."""
    return run(nb, folder, timeout).peak_mib
