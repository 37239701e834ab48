"""Guards on the committed notebooks: one clean in-order run, the header and footer in step."""

from __future__ import annotations

import re

import pytest

from tests.notebook_tools import NOTEBOOKS, read, tags
from tools import navigation
from tools.execute import ANYWIDGET_RANGE

MARKER = re.compile(r"^\s*#\s*NBVAL_(IGNORE_OUTPUT|SKIP|RAISES_EXCEPTION)\s*$", re.MULTILINE)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def test_every_notebook_of_the_series_is_there():
    assert [p.stem for p in NOTEBOOKS] == [nb.stem for nb in navigation.SERIES]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_stored_outputs_come_from_one_clean_in_order_run(path):
    nb = read(path)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    cells = code_cells(nb)
    counts = [c.execution_count for c in cells]
    assert counts == list(range(1, len(cells) + 1)), "re-run it with `make notebooks`"
    for cell in cells:
        for output in cell.outputs:
            assert output.output_type != "error", f"stored error in: {cell.source[:60]!r}"
            assert output.get("name") != "stderr", f"stored stderr: {output.get('text')!r}"
        assert "execution" not in cell.metadata, "timing metadata: re-run with `make notebooks`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_header_footer_and_summary(path):
    assert navigation.sync_notebook(NOTEBOOKS.index(path), write=False) == []
    nb = read(path)
    assert "header" in tags(nb.cells[0]) and "footer" in tags(nb.cells[-1])
    assert nb.cells[-2].cell_type == "markdown" and nb.cells[-2].source.startswith("## Summary")


def test_readme_table_matches_the_series():
    assert navigation.sync_readme(write=False) == []


# Every cell whose output strict nbval does not compare, with the reason its comment gives.
# Ignoring an output is the last resort: a new one fails this test until it is listed here.
IGNORED_OUTPUTS = [
    ("03_deriving_the_gradient", "timings differ between machines"),
    ("04_training_by_hand", "fit times differ between machines"),
    ("04_training_by_hand", "exactly where depends on"),
    ("04_training_by_hand", "exactly where depends on"),
]


def ignored_cells():
    """(notebook, the cell's comment lines) for each cell with an nbval marker or tag."""
    for path in NOTEBOOKS:
        for cell in code_cells(read(path)):
            if MARKER.search(cell.source) or {"nbval-ignore-output", "nbval-skip"} & set(
                tags(cell)
            ):
                comments = [
                    line.strip().lstrip("#").strip()
                    for line in cell.source.splitlines()
                    if line.strip().startswith("#") and not MARKER.match(line)
                ]
                yield path.stem, " ".join(comments)


def test_every_ignored_output_is_listed_with_its_reason():
    found = list(ignored_cells())
    assert all(reason for _, reason in found), f"an nbval marker without a reason: {found}"
    listed = list(IGNORED_OUTPUTS)
    for stem, reason in found:
        match = next((item for item in listed if item[0] == stem and item[1] in reason), None)
        assert match, f"{stem}: an ignored output not in IGNORED_OUTPUTS: {reason!r}"
        listed.remove(match)
    assert not listed, f"listed in IGNORED_OUTPUTS but no longer ignored: {listed}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_math_is_latex_and_figures_come_with_titles(path):
    nb = read(path)
    if path.stem != "00_welcome":
        assert any("$" in c.source for c in nb.cells if c.cell_type == "markdown")
    # Every plt.subplots figure in a notebook gets a title somewhere in its cell.
    for cell in code_cells(nb):
        if "plt.subplots(" in cell.source or "plt.figure(" in cell.source:
            assert re.search(r"set_title|suptitle|title=|\.set\(", cell.source), cell.source[:80]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_saved_anywidget_state_accepts_every_supported_anywidget(path):
    # anywidget's default saved state names the version that wrote it, and an older anywidget
    # (our minimum) reports it as an error in JupyterLab; the series' widgets declare a range.
    state = read(path).metadata.get("widgets", {})
    models = state.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    versions = {
        m["model_module_version"] for m in models.values() if m["model_module"] == "anywidget"
    }
    assert versions <= {ANYWIDGET_RANGE}, "re-run it with `make notebooks`"
