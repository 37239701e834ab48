"""Every exercise ships as an untouched stub, every reference solution passes its checker,
and a run with the solutions keeps the kernel under KERNEL_MIB; in every language."""

from __future__ import annotations

import pytest

from helpers.checks import CORRECT, NOT_ATTEMPTED
from tests.notebook_tools import (
    ALL_NOTEBOOKS,
    KERNEL_MIB,
    execute,
    exercises,
    label,
    read,
    stream_text,
)
from tools import conventions

WITH_EXERCISES = [
    p
    for p in ALL_NOTEBOOKS
    if any(conventions.tagged(c, conventions.EXERCISE) for c in read(p).cells)
]
# The verdict's mark, the same in every language (its words are the catalog's).
DONE, WAITING = CORRECT.split()[0], NOT_ATTEMPTED.split()[0]


def test_lesson_notebooks_have_two_or_three_exercises():
    # Every notebook after the welcome is a lesson, including any added later, in any language.
    for lang in conventions.languages_present():
        for path in conventions.series_notebooks(lang)[1:]:
            count = len(exercises(read(path)))
            assert 2 <= count <= 3, f"{label(path)} has {count} exercises"


def test_a_translation_has_the_exercises_of_english():
    english = [exercises(read(p)) for p in conventions.series_notebooks()]
    for lang in conventions.languages_present()[1:]:
        found = [exercises(read(p)) for p in conventions.series_notebooks(lang)]
        assert found == english, f"notebooks/{lang}: rebuild it with `python -m tools.translate`"


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=label)
def test_stored_checks_say_not_attempted(path):
    nb = read(path)
    for _, check, _ in exercises(nb):
        assert stream_text(nb.cells[check]).startswith(WAITING), (
            f"{label(path)} cell {check}: a shipped stub should be reported as not attempted"
        )


@pytest.mark.parametrize("path", WITH_EXERCISES, ids=label)
def test_reference_solutions_pass_their_checkers(path):
    nb = read(path)
    found = exercises(nb)
    for stub, _, solution in found:
        nb.cells[stub].source = solution
    peak_mib = execute(nb, folder=path.parent)
    assert peak_mib < KERNEL_MIB, f"{label(path)}: kernel peaked at {peak_mib:.0f} MiB"
    for stub, check, _ in found:
        printed = stream_text(nb.cells[check])
        assert printed.startswith(DONE), f"{label(path)} cell {stub}: {printed!r}"
