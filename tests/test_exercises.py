"""Every exercise ships as an untouched stub, every reference solution passes its checker,
and a run with the solutions keeps the kernel under KERNEL_MIB; in every language.

The solutions run once, in the English notebook; right after each check the same check runs
again in each translation's language, in the same kernel, since the translations' code cells
are the English ones (tests/test_translations.py). The stored Chinese notebooks, run whole by
strict nbval, show their stubs "not attempted" in Chinese.
"""

from __future__ import annotations

import textwrap

import nbformat
import pytest

from helpers.checks import CORRECT, NOT_ATTEMPTED
from helpers.checks.verdicts import verdict_word
from helpers.messages import ENGLISH, LANGUAGE_VARIABLE
from tests.notebook_tools import (
    ALL_NOTEBOOKS,
    KERNEL_MIB,
    NOTEBOOKS,
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


TRANSLATIONS = conventions.languages_present()[1:]


def in_language(lang: str, code: str) -> str:
    """A cell that runs code with the series' language set to lang, then sets it back."""
    body = textwrap.indent(code, "    ")
    return (
        f"import os as _os\n_os.environ[{LANGUAGE_VARIABLE!r}] = {lang!r}\n"
        f"try:\n{body}\nfinally:\n    del _os.environ[{LANGUAGE_VARIABLE!r}]"
    )


@pytest.mark.parametrize("path", [p for p in WITH_EXERCISES if p in NOTEBOOKS], ids=label)
def test_reference_solutions_pass_their_checkers(path):
    """The solutions pass in English and, run again at once in the same kernel, in every
    translation (whose code cells are these: tests/test_translations.py), in its own words."""
    nb = read(path)
    found = exercises(nb)
    for stub, _, solution in found:
        nb.cells[stub].source = solution
    # After each check, the same check in each translation: what a learner of that language
    # reads for the same answer (later cells may change the variables a check reads).
    checks = {(check, ENGLISH): nb.cells[check] for _, check, _ in found}
    for _, check, _ in reversed(found):  # from the end, so that earlier indices hold
        for offset, lang in enumerate(TRANSLATIONS, start=1):
            cell = nbformat.v4.new_code_cell(in_language(lang, nb.cells[check].source))
            nb.cells.insert(check + offset, cell)
            checks[(check, lang)] = cell
    peak_mib = execute(nb, folder=path.parent)
    assert peak_mib < KERNEL_MIB, f"{label(path)}: kernel peaked at {peak_mib:.0f} MiB"
    for stub, check, _ in found:
        for lang in [ENGLISH, *TRANSLATIONS]:
            printed = stream_text(checks[(check, lang)])
            word = verdict_word("correct", lang)
            assert printed.startswith(word), f"{label(path)} cell {stub} in {lang}: {printed!r}"
