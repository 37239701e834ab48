"""Guards on the committed notebooks: one clean in-order run, the header and footer in step."""

from __future__ import annotations

import re

import pytest

from tests.notebook_tools import ALL_NOTEBOOKS, label, read, tags
from tools import conventions, navigation
from tools.execute import ANYWIDGET_RANGE

MARKER = re.compile(r"^\s*#\s*NBVAL_(IGNORE_OUTPUT|SKIP|RAISES_EXCEPTION)\s*$", re.MULTILINE)


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]


def language(path):
    """The language of a stored notebook, from its folder."""
    return conventions.folder_language(path.parent)


def test_every_notebook_of_the_series_is_there():
    for lang in conventions.languages_present():
        stems = [p.stem for p in conventions.series_notebooks(lang)]
        assert stems == [nb.stem for nb in navigation.SERIES], f"notebooks of {lang!r}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=label)
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=label)
def test_header_footer_summary_and_exercises_follow_the_conventions(path):
    stems = [nb.stem for nb in navigation.SERIES]
    assert navigation.sync_notebook(stems.index(path.stem), False, language(path)) == []
    nb = read(path)
    assert conventions.convention_problems(nb) == []


def test_convention_problems_name_what_breaks_the_structure():
    nb = read(ALL_NOTEBOOKS[1])
    exercise = next(i for i, c in enumerate(nb.cells) if conventions.EXERCISE in tags(c))
    nb.cells[exercise + 2].metadata["tags"] = []  # the solution fold loses its tag
    nb.cells[-2].metadata["tags"] = []  # and the summary its tag
    problems = conventions.convention_problems(nb)
    assert any(f"cell {exercise + 2}, after check {exercise + 1}" in p for p in problems)
    assert any("'summary'" in p for p in problems), problems


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
    for path in conventions.series_notebooks():  # a translation's code is English's
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


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=label)
def test_math_is_latex_and_figures_come_with_titles(path):
    nb = read(path)
    if path.stem != navigation.SERIES[0].stem:  # the welcome has no formula
        assert any("$" in c.source for c in nb.cells if c.cell_type == "markdown")
    # Every plt.subplots figure in a notebook gets a title somewhere in its cell.
    for cell in code_cells(nb):
        if "plt.subplots(" in cell.source or "plt.figure(" in cell.source:
            assert re.search(r"set_title|suptitle|title=|\.set\(", cell.source), cell.source[:80]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=label)
def test_saved_anywidget_state_accepts_every_supported_anywidget(path):
    # anywidget's default saved state names the version that wrote it, and an older anywidget
    # (our minimum) reports it as an error in JupyterLab; the series' widgets declare a range.
    state = read(path).metadata.get("widgets", {})
    models = state.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    versions = {
        m["model_module_version"] for m in models.values() if m["model_module"] == "anywidget"
    }
    assert versions <= {ANYWIDGET_RANGE}, "re-run it with `make notebooks`"
