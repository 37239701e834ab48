"""Reading and running the stored notebooks, shared by the notebook tests."""

from __future__ import annotations

from pathlib import Path

import nbformat

from tools.classroom import find_exercises, tags  # noqa: F401 - the notebook tests import tags from here
from tools.execute import run

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def stream_text(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def exercises(nb: nbformat.NotebookNode) -> list[tuple[int, int, str]]:
    """(stub index, check index, solution code) for each exercise, as `make classroom` finds them.

    The convention: the stub cell (tag "exercise"), then the cell that calls its checker
    (tag "check"), then a markdown cell with the solution in a <details> block.
    """
    return [(found.stub, found.check, found.solution) for found in find_exercises(nb)]


def execute(nb: nbformat.NotebookNode, timeout: int = 300) -> float:
    """Run a notebook from the notebooks folder, filling in its outputs; returns the kernel's
    peak resident memory in MiB."""
    return run(nb, NOTEBOOK_DIR, timeout).peak_mib
