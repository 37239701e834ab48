"""One notebook of the series as an nbgrader source notebook (see tools/classroom.py).

Structure comes from tools.conventions (cell tags and ids), never from the prose, so a
translated notebook becomes an assignment the same way; the words it adds come from the
`classroom` catalog in the notebook's language.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH, message
from tools import conventions
from tools.classroom_plan import CATALOG, SELF_CHECK, Plan, PlanError, plan_for

# Hidden from students: it runs only when nbgrader autogrades, at the start of each test. It
# loads the checkers afresh from their files, so nothing a student's cell rebound (a checker,
# `checks.feedback.strict`, the feedback module itself) is what judges, and turns strict mode
# on: ❌ and ⏳ raise, and fail the cell. What it cannot stop is said in the teaching guide.
STRICT_ON = (
    "import sys as _sys  # autograding: a judge loaded afresh, in strict mode\n"
    "for _name in [n for n in _sys.modules if n.split('.')[0] == 'helpers']:\n"
    "    del _sys.modules[_name]\n"
    "checks = __import__('helpers.checks', fromlist=['feedback'])\n"
    "checks.feedback.strict()"
)
# Every helpers module is loaded afresh, not only the checkers: the judge's reference answers
# come from helpers.model and its kin, which a student's cell could otherwise have replaced.
# Strict mode lasts for the kernel's life: a self-check after a graded exercise turns it off.
STRICT_OFF = "checks.feedback.strict(False)  # a self-check: it prints its verdict, not graded"
# Links found by where they lead, not by their words: Binder, and the contents (a README).
BINDER_LINK = re.compile(r"\[[^\]]*\]\(https://mybinder\.org/[^)]*\) · ")
CONTENTS_LINK = re.compile(r"\[[^\]]*\]\((?:\.\./)+README(?:\.[\w-]+)?\.md[^)]*\)")
NOTEBOOK_LINK = re.compile(r"\]\((\d\d_\w+)\.ipynb\)")
REPOSITORY_FILE_LINK = re.compile(r"\]\(((?:\.\./)+[^)#]+)\)")


def nbgrader_metadata(
    grade_id: str, *, grade: bool = False, solution: bool = False, points: float | None = None
) -> dict:
    """An nbgrader cell: an answer (solution), a test or hand-graded answer (grade), or read-only.

    Tests and read-only cells are locked: autograding restores them from the source version.
    """
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": not solution,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return meta


def answer_source(stub: str, solution: str) -> str:
    """The stub, then the solution region that nbgrader's release replaces with nothing."""
    return f"{stub.rstrip()}\n### BEGIN SOLUTION\n{solution.rstrip()}\n### END SOLUTION"


def autograder_source(check: str) -> str:
    """The check, after the hidden line that makes it raise when nbgrader autogrades."""
    return f"### BEGIN HIDDEN TESTS\n{STRICT_ON}\n### END HIDDEN TESTS\n{check}"


def grade_exercises(nb: nbformat.NotebookNode, stem: str, plan: Plan) -> None:
    """Answer and test cells for the graded exercises; every solution block emptied."""
    exercises = conventions.find_exercises(nb)
    points = plan_for(stem, exercises, plan)
    strict_is_on = False
    for exercise in exercises:
        stub, check = nb.cells[exercise.stub], nb.cells[exercise.check]
        value = points[exercise.checker]
        if value == SELF_CHECK:
            if strict_is_on:
                check.source = f"{STRICT_OFF}\n{check.source}"
                strict_is_on = False
        else:
            stub.source = answer_source(stub.source, exercise.solution)
            stub.metadata["nbgrader"] = nbgrader_metadata(
                f"answer_{exercise.checker}", solution=True
            )
            check.source = autograder_source(check.source)
            check.metadata["nbgrader"] = nbgrader_metadata(
                f"test_{exercise.checker}", grade=True, points=value
            )
            strict_is_on = True
        details = nb.cells[exercise.solution_cell]
        details.source = conventions.FOLD.sub("", details.source).strip()


def anchor(nb: nbformat.NotebookNode, cell_id: str, stem: str) -> int:
    """The index of the cell with this id."""
    found = [i for i, cell in enumerate(nb.cells) if cell.get("id") == cell_id]
    if len(found) != 1:
        raise PlanError(f"tools/classroom.toml: expected a cell with id {cell_id!r} in {stem}.")
    return found[0]


def add_written(nb: nbformat.NotebookNode, stem: str, plan: Plan, lang: str) -> None:
    """The hand-graded answer cells of this notebook, with their prompts."""
    for entry in (w for w in plan.written if w.notebook == stem):
        meta = nbgrader_metadata(
            f"written_{entry.name}", grade=True, solution=True, points=entry.points
        )
        answer = message(CATALOG, entry.name, lang)
        region = f"### BEGIN SOLUTION\n{answer.strip()}\n### END SOLUTION"
        if entry.cell is not None:
            cell = nb.cells[anchor(nb, entry.cell, stem)]
            cell.source = f"{cell.source.rstrip()}\n\n{region}"
            cell.metadata["nbgrader"] = meta
            continue
        key = "points_one" if entry.points == 1 else "points_many"
        points = message(CATALOG, key, lang, points=entry.points)
        prompt = message(CATALOG, f"prompt_{entry.name}", lang).strip()
        # Cell ids of our own, not random ones: the same plan writes the same notebook.
        prompt_cell = nbformat.v4.new_markdown_cell(
            message(CATALOG, "written_prompt", lang, points=points, prompt=prompt),
            id=f"prompt-{entry.name}"[:64],
        )
        prompt_cell.metadata["nbgrader"] = nbgrader_metadata(f"prompt_{entry.name}")
        answer_cell = nbformat.v4.new_markdown_cell(region, id=f"written-{entry.name}"[:64])
        answer_cell.metadata["nbgrader"] = meta
        at = anchor(nb, entry.before, stem)
        nb.cells[at:at] = [prompt_cell, answer_cell]


def solution_pointer(label: str) -> re.Pattern:
    """The sentence that sends the reader to the fold named `label` (as *label*).

    A sentence starts after a full stop (or a link's closing bracket) and a space, after 。 in
    Chinese, after a line break or at the start, and runs to its own full stop within its
    paragraph ("maps.gif" does not end it).
    """
    start = r"(?:(?<=[.!?)])\s+|(?<=[。！？])|(?<=\n)|\A)"
    inside = r"(?:[^.!?)。！？\n]|[.!?)](?!\s)|\n(?!\n))*"
    return re.compile(rf"{start}{inside}?\*{re.escape(label)}\*{inside}[.!?。！？]")


def repository_file(link: str, folder: Path) -> str | None:
    """The repository path a relative link leads to from `folder`, if it stays inside."""
    target = (folder / link).resolve()
    root = conventions.ROOT.resolve()
    if root not in target.parents:
        return None
    return target.relative_to(root).as_posix()


def classroom_markdown(
    text: str, folder: Path = conventions.NOTEBOOKS, label: str | None = None
) -> tuple[str, list[str]]:
    """Markdown without Binder, contents and solution pointers, links between assignments.

    Returns the text and the repository files it shows (such as docs/weight_maps.gif),
    which the assignment carries beside its notebook; links resolve from `folder`.
    """
    text = BINDER_LINK.sub("", text)
    if label:
        text = solution_pointer(label).sub("", text)
    lines = []
    for line in text.split("\n"):
        if CONTENTS_LINK.search(line):
            line = " | ".join(part for part in line.split(" | ") if not CONTENTS_LINK.search(part))
        lines.append(line)
    text = "\n".join(lines)
    shown = []

    def local(link: re.Match) -> str:
        found = repository_file(link.group(1), folder)
        if found is None:
            return link.group(0)
        shown.append(found)
        return f"]({Path(found).name})"

    text = REPOSITORY_FILE_LINK.sub(local, text)
    return NOTEBOOK_LINK.sub(r"](../\1/\1.ipynb)", text), shown


def classroom_notebook(
    nb: nbformat.NotebookNode,
    stem: str,
    plan: Plan,
    folder: Path = conventions.NOTEBOOKS,
    lang: str = ENGLISH,
) -> tuple[nbformat.NotebookNode, list[str]]:
    """The source version of one notebook, and the repository files it needs beside it."""
    nb = nbformat.from_dict(nb)  # a copy: the caller's notebook stays as it was
    label = conventions.fold_label(nb)
    grade_exercises(nb, stem, plan)
    add_written(nb, stem, plan, lang)
    # The folded model answers of written questions are the grader's, not the student's.
    nb.cells = [
        cell
        for cell in nb.cells
        if cell.source.strip() and not conventions.tagged(cell, conventions.MODEL_ANSWER)
    ]
    files = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # nbgrader's release has none either
        else:
            cell.source, shown = classroom_markdown(cell.source, folder, label)
            files += shown
            cell.metadata.setdefault("nbgrader", nbgrader_metadata(f"text_{i:03d}"))
    return nb, files
