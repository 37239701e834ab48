"""Reading and running the stored notebooks, shared by the notebook tests."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from tools.execute import run

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>", re.DOTALL)


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def stream_text(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", []) if o.output_type == "stream")


def exercises(nb: nbformat.NotebookNode) -> list[tuple[int, int, str]]:
    """(stub index, check index, solution code) for each cell tagged "exercise".

    The convention: the stub cell (tag "exercise"), then the cell that calls its checker
    (tag "check"), then a markdown cell with the solution in a <details> block.
    """
    found = []
    for i, cell in enumerate(nb.cells):
        if "exercise" not in tags(cell):
            continue
        check = next(j for j in range(i + 1, len(nb.cells)) if "check" in tags(nb.cells[j]))
        solution = next(
            SOLUTION.search(c.source)
            for c in nb.cells[check + 1 :]
            if c.cell_type == "markdown" and SOLUTION.search(c.source)
        )
        found.append((i, check, solution.group(1)))
    return found


def execute(nb: nbformat.NotebookNode, timeout: int = 300) -> float:
    """Run a notebook from the notebooks folder, filling in its outputs; returns the kernel's
    peak resident memory in MiB."""
    return run(nb, NOTEBOOK_DIR, timeout).peak_mib
