"""Numbers quoted in a notebook's prose, and the stored outputs they quote.

A sentence such as "about **91.6%** of the test digits" must stay true when the notebook is
re-executed. A test finds the number in the markdown with `said`, the number in the stored
output with `shown`, and compares them, so the prose cannot drift from what the cells print:

    def test_the_classic_run_is_quoted_right():
        nb = notebook("04_training_by_hand")
        assert said(nb, r"about \\*\\*(\\d+\\.\\d)%\\*\\* of the 10,000") == round(
            100 * shown(nb, r"test accuracy (0\\.\\d+)"), 1)
"""

from __future__ import annotations

import re

import nbformat

from tests.notebook_tools import NOTEBOOK_DIR, read


def notebook(stem: str) -> nbformat.NotebookNode:
    """The stored notebook notebooks/<stem>.ipynb."""
    return read(NOTEBOOK_DIR / f"{stem}.ipynb")


def _texts(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    if kind == "markdown":
        return [cell.source for cell in nb.cells if cell.cell_type == "markdown"]
    texts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") + output.get("data", {}).get("text/plain", ""))
    return texts


def _one_number(nb: nbformat.NotebookNode, pattern: str, kind: str) -> float:
    found = [m for text in _texts(nb, kind) for m in re.finditer(pattern, text)]
    assert len(found) == 1, f"expected one match of {pattern!r} in the {kind}, got {len(found)}"
    return float(found[0].group(1).replace(",", ""))


def said(nb: nbformat.NotebookNode, pattern: str) -> float:
    """The number captured by pattern's first group in the notebook's markdown (one match)."""
    return _one_number(nb, pattern, "markdown")


def shown(nb: nbformat.NotebookNode, pattern: str) -> float:
    """The number captured by pattern's first group in the stored outputs (one match)."""
    return _one_number(nb, pattern, "outputs")


def outputs(nb: nbformat.NotebookNode) -> str:
    """All the text the notebook's cells printed, in order, for patterns over several lines."""
    return "\n".join(text for text in _texts(nb, "outputs") if text)


def markdown(nb: nbformat.NotebookNode) -> str:
    """All the notebook's markdown, in order."""
    return "\n".join(_texts(nb, "markdown"))
