"""The series' conventions in one place: where its notebooks are and what each cell tag means.

Every tool and test reads structure from here (cell tags and ids), never from heading words,
so a translated notebook keeps its structure whatever its prose says.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

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
# Tags whose cells a reader skips on a first pass: folded answers, generated navigation.
FOLDED = (SOLUTION, MODEL_ANSWER)

# The check cell names its checker in code, the same in every language: `checks.NAME(`.
CHECKER_CALL = re.compile(r"^checks\.(\w+)\(", re.MULTILINE)
# A folded reference solution: the code block inside a <details> block of a `solution` cell.
FOLD = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>\s*", re.DOTALL)
# The label of a fold, such as "Solution": the prose names it when it points to the fold.
FOLD_LABEL = re.compile(r"<summary>(.*?)</summary>", re.DOTALL)

__all__ = [
    "CHECK",
    "CHECKER_CALL",
    "ENGLISH",
    "EXERCISE",
    "FOLD",
    "FOLDED",
    "FOLD_LABEL",
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
    "ConventionError",
    "Exercise",
    "convention_problems",
    "find_exercises",
    "fold_label",
    "folder_language",
    "languages_present",
    "notebook_folder",
    "readme",
    "series_notebooks",
    "tagged",
    "tags",
    "teaching_guide",
]


def notebook_folder(lang: str = ENGLISH) -> Path:
    """notebooks/ for English, notebooks/<lang>/ for a translation."""
    return NOTEBOOKS if lang == ENGLISH else NOTEBOOKS / lang


def readme(lang: str = ENGLISH) -> Path:
    """The front page of a language: README.md for English, README.<lang>.md for a translation."""
    return ROOT / ("README.md" if lang == ENGLISH else f"README.{lang}.md")


def teaching_guide(lang: str = ENGLISH) -> Path:
    """docs/teaching-guide.md for English, docs/<lang>/teaching-guide.md for a translation."""
    docs = ROOT / "docs"
    return (docs if lang == ENGLISH else docs / lang) / "teaching-guide.md"


def series_notebooks(lang: str = ENGLISH) -> list[Path]:
    """The numbered notebooks of one language, in order."""
    return sorted(notebook_folder(lang).glob(NOTEBOOK_GLOB))


def languages_present() -> list[str]:
    """English, then every language whose folder notebooks/<lang>/ holds a .series-language."""
    found = sorted(p.parent.name for p in NOTEBOOKS.glob(f"*/{LANGUAGE_FILE}"))
    return [ENGLISH, *found]


def folder_language(folder: Path) -> str:
    """The language of a notebook folder: its .series-language file, else English."""
    marker = folder / LANGUAGE_FILE
    return marker.read_text(encoding="utf-8").strip() if marker.is_file() else ENGLISH


def tags(cell: dict) -> list[str]:
    """The cell's tags, such as "exercise" and "check"."""
    return cell.get("metadata", {}).get("tags", [])


def tagged(cell: dict, tag: str) -> bool:
    """Whether the cell carries `tag`."""
    return tag in tags(cell)


class Exercise(NamedTuple):
    """One exercise: its checker's name, its stub, check and solution cells, its solution."""

    checker: str
    stub: int
    check: int
    solution_cell: int
    solution: str


class ConventionError(ValueError):
    """A notebook breaks the exercise convention; the message says which cell and how."""


def _exercise(nb: dict, stub: int) -> Exercise:
    """The exercise whose stub is cell `stub`: the next cell is its check, the next its fold."""
    check, solution_cell = stub + 1, stub + 2
    cells = nb["cells"]
    if check >= len(cells) or not tagged(cells[check], CHECK):
        raise ConventionError(f"Expected cell {check}, after exercise {stub}, tagged {CHECK!r}.")
    call = CHECKER_CALL.search(cells[check]["source"])
    if call is None:
        raise ConventionError(f"Expected check cell {check} to call `checks.NAME(...)`.")
    if solution_cell >= len(cells) or not tagged(cells[solution_cell], SOLUTION):
        raise ConventionError(
            f"Expected cell {solution_cell}, after check {check}, tagged {SOLUTION!r}."
        )
    code = FOLD.search(cells[solution_cell]["source"])
    if code is None:
        raise ConventionError(
            f"Expected solution cell {solution_cell} to fold a ```python block in <details>."
        )
    return Exercise(call.group(1), stub, check, solution_cell, code.group(1))


def find_exercises(nb: dict) -> list[Exercise]:
    """Every exercise: a cell tagged exercise, then its check, then its solution, in order."""
    return [_exercise(nb, i) for i, cell in enumerate(nb["cells"]) if tagged(cell, EXERCISE)]


def fold_label(nb: dict) -> str | None:
    """The label of the notebook's solution folds ("Solution" in English), if it has any."""
    for cell in nb["cells"]:
        label = FOLD_LABEL.search(cell["source"]) if tagged(cell, SOLUTION) else None
        if label:
            return label.group(1).strip()
    return None


def _one_cell(nb: dict, tag: str, index: int) -> list[str]:
    """A problem unless exactly one cell carries `tag`, and it is cell `index`."""
    found = [i for i, cell in enumerate(nb["cells"]) if tagged(cell, tag)]
    wanted = index % len(nb["cells"]) if nb["cells"] else 0
    if found != [wanted]:
        return [f"expected one cell tagged {tag!r}, cell {wanted}; found it on cells {found}"]
    return []


def convention_problems(nb: dict) -> list[str]:
    """What breaks the series' structure: header, summary, footer, exercises, answers."""
    problems = _one_cell(nb, HEADER, 0) + _one_cell(nb, SUMMARY, -2) + _one_cell(nb, FOOTER, -1)
    found = []
    for i, cell in enumerate(nb["cells"]):
        if tagged(cell, EXERCISE):
            try:
                found.append(_exercise(nb, i))
            except ConventionError as err:
                problems.append(str(err))
    owned = {e.solution_cell for e in found}
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        if tagged(cell, SOLUTION) and i not in owned:
            problems.append(f"expected solution cell {i} to follow an exercise's check")
        if tagged(cell, WRITTEN) and not (
            i + 1 < len(cells) and tagged(cells[i + 1], MODEL_ANSWER)
        ):
            problems.append(f"expected written cell {i} to be followed by its model answer")
    names = [e.checker for e in found]
    problems += [
        f"expected one exercise per checker, {n!r} has two"
        for n in set(names)
        if names.count(n) > 1
    ]
    return problems
