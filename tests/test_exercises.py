"""Every exercise ships as an untouched stub, every reference solution passes its checker,
and a run with the solutions keeps the kernel under 1 GiB."""

from __future__ import annotations

import pytest

from helpers.checks import CORRECT, NOT_ATTEMPTED
from tests.notebook_tools import NOTEBOOKS, execute, exercises, read, stream_text

WITH_EXERCISES = [p for p in NOTEBOOKS if exercises(read(p))]


def test_lesson_notebooks_have_two_or_three_exercises():
    # Every notebook after the welcome is a lesson, including any added later.
    for path in NOTEBOOKS[1:]:
        count = len(exercises(read(path)))
        assert 2 <= count <= 3, f"{path.name} has {count} exercises"


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_stored_checks_say_not_attempted(path):
    nb = read(path)
    for _, check, _ in exercises(nb):
        assert stream_text(nb.cells[check]).startswith(NOT_ATTEMPTED), (
            f"{path.name} cell {check}: a shipped stub should be reported as not attempted"
        )


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=lambda p: p.stem)
def test_reference_solutions_pass_their_checkers(path):
    nb = read(path)
    found = exercises(nb)
    for stub, _, solution in found:
        nb.cells[stub].source = solution
    peak_mib = execute(nb)
    # Binder gives a whole session about 2 GB; each notebook's kernel must stay far below.
    assert peak_mib < 1024, f"{path.name}: kernel peaked at {peak_mib:.0f} MiB"
    for stub, check, _ in found:
        printed = stream_text(nb.cells[check])
        assert printed.startswith(CORRECT), f"{path.name} cell {stub}: {printed!r}"
