"""The series' conventions in one place: where its notebooks are and what each cell tag means.

Every tool and test reads structure from here (cell tags and ids), never from heading words,
so a translated notebook keeps its structure whatever its prose says.
"""

from __future__ import annotations

from pathlib import Path

from helpers.messages import ENGLISH, LANGUAGE_FILE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NOTEBOOK_GLOB = "[0-9][0-9]_*.ipynb"

# Cell tags. Each names the role of one cell; tools find cells by these, never by their words.
HEADER = "header"  # navigation at the top, written by tools.navigation
FOOTER = "footer"  # navigation at the bottom, written by tools.navigation
SUMMARY = "summary"  # the notebook's closing summary
EXERCISE = "exercise"  # a code cell holding a stub the learner replaces
CHECK = "check"  # the code cell right after an exercise, calling checks.NAME(...)
SOLUTION = "solution"  # the markdown cell holding an exercise's reference solution
WRITTEN = "written"  # a markdown cell where the learner writes an explanation
MODEL_ANSWER = "model-answer"  # the model answer to a written question
PREDICT = "predict"  # a "predict, then run" question

__all__ = [
    "CHECK",
    "ENGLISH",
    "EXERCISE",
    "FOOTER",
    "HEADER",
    "LANGUAGE_FILE",
    "MODEL_ANSWER",
    "NOTEBOOKS",
    "NOTEBOOK_GLOB",
    "PREDICT",
    "ROOT",
    "SOLUTION",
    "SUMMARY",
    "WRITTEN",
    "notebook_folder",
    "series_notebooks",
]


def notebook_folder(lang: str = ENGLISH) -> Path:
    """notebooks/ for English, notebooks/<lang>/ for a translation."""
    return NOTEBOOKS if lang == ENGLISH else NOTEBOOKS / lang


def series_notebooks(lang: str = ENGLISH) -> list[Path]:
    """The numbered notebooks of one language, in order."""
    return sorted(notebook_folder(lang).glob(NOTEBOOK_GLOB))
