"""How long each notebook takes: the estimate from the stored notebook, and the class plan."""

from __future__ import annotations

import re

import nbformat

from tools import conventions
from tools.conventions import NOTEBOOKS, tagged
from tools.navigation_series import SERIES, label

# Honest times (CONTRIBUTING, "Time estimates"): what a first-time learner needs, from the
# stored notebook. Technical prose with math reads at about 100 words a minute, and code as
# slowly, word for word; an exercise takes about 7 minutes (a reviewer who solved the 17 the
# series then had on the first try needed 80 minutes, 4.7 each; a learner usually makes one
# wrong attempt and reads the hint); running a code cell and looking at what it printed or
# drew takes about 10 seconds (every notebook runs in under 20 s in all).
WORDS_PER_MINUTE = 100
MINUTES_PER_EXERCISE = 7
MINUTES_PER_CODE_CELL = 10 / 60
# What a first-year learner adds beyond reading and a first wrong attempt, by cell tag: a
# pencil-and-paper derivation (03's took reviewers 15-25 minutes), an exercise whose code
# usually needs debugging (04's loop), a written answer, a prediction written down first.
EXTRA_MINUTES = {"derivation": 15, "debugging": 10, "written": 5, "predict": 2}
# A word has a letter or a digit: table rules, "=" and "+" are not read as words.
WORD = re.compile(r"\S*[A-Za-z0-9]\S*")


def _counted(cell: dict) -> bool:
    """Header, footer, the folded solutions and model answers are not part of the reading."""
    skipped = (conventions.HEADER, conventions.FOOTER, *conventions.FOLDED)
    return not any(tagged(cell, tag) for tag in skipped)


def estimated_minutes(nb: nbformat.NotebookNode) -> int:
    """Minutes a first-time learner needs for the notebook, rounded to 5 (at least 5)."""
    cells = [cell for cell in nb.cells if _counted(cell)]
    words = sum(len(WORD.findall(cell.source)) for cell in cells)
    code = [cell for cell in cells if cell.cell_type == "code"]
    exercises = sum(tagged(cell, "exercise") for cell in code)
    extra = sum(
        minutes for cell in cells for tag, minutes in EXTRA_MINUTES.items() if tagged(cell, tag)
    )
    minutes = (
        words / WORDS_PER_MINUTE
        + exercises * MINUTES_PER_EXERCISE
        + len(code) * MINUTES_PER_CODE_CELL
        + extra
    )
    return max(5, 5 * round(minutes / 5))


# The teaching guide's plan of three 90-minute classes: the minutes of each notebook done in
# class (docs/teaching-guide.md, "How long it takes"); the rest of its header's time is homework.
CLASS_MINUTES = 90
IN_CLASS = {
    "00_welcome": (1, 10),
    "01_loading_mnist": (1, 15),
    "02_softmax_model": (1, 25),
    "03_deriving_the_gradient": (1, 40),
    "04_training_by_hand": (2, 35),
    "05_reading_the_weights": (2, 35),
    "06_watching_training": (2, 20),
    "07_draw_a_digit": (3, 20),
    "08_beyond_linear": (3, 25),
    "09_the_ceiling": (3, 30),
    "10_the_answer": (3, 15),
}


def guide_time_plan() -> str:
    """The guide's table: each notebook's header time, what is done in class, the homework."""
    rows = ["| notebook | header | in class | homework |", "| --- | --- | --- | --- |"]
    for nb in SERIES:
        number, minutes = IN_CLASS[nb.stem]
        rows.append(
            f"| {label(nb)} | {nb.minutes} min | {minutes} min (class {number}) | "
            f"{nb.minutes - minutes} min |"
        )
    total = sum(nb.minutes for nb in SERIES)
    in_class = sum(minutes for _, minutes in IN_CLASS.values())
    rows.append(f"| **all** | {total} min | {in_class} min | {total - in_class} min |")
    return "\n".join(rows)


def minutes_table() -> str:
    """Each notebook's minutes in SERIES beside the estimate of its stored version."""
    lines, estimates = [], []
    for nb in SERIES:
        estimates.append(
            estimated_minutes(nbformat.read(NOTEBOOKS / f"{nb.stem}.ipynb", as_version=4))
        )
        lines.append(f"{nb.stem:28} SERIES {nb.minutes:3}   estimate {estimates[-1]:3}")
    total = sum(nb.minutes for nb in SERIES)
    lines.append(f"{'total':28} SERIES {total:3}   estimate {sum(estimates):3}")
    return "\n".join(lines)
