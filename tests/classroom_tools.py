"""What the classroom tests share: the series' notebooks and plan, cells by grade id."""

from __future__ import annotations

import contextlib
import io

import nbformat
from nbgrader.api import Gradebook

from helpers import checks
from helpers.checks.softmax import PARAMETER_MISTAKES
from tests.notebook_tools import NOTEBOOKS, read
from tools.classroom import Plan, find_exercises, load_plan
from tools.classroom_plan import plan_for

STEMS = [path.stem for path in NOTEBOOKS]
GRADED = ["02_softmax_model", "03_deriving_the_gradient"]
# The end-to-end course makes one exercise of 03 a self-check, between two graded ones.
SELF_CHECKED = ("03_deriving_the_gradient", "bias_gradient_at_zero")
WRONG_COUNT, _ = PARAMETER_MISTAKES[0]  # 7840: W counted without b


def with_points(plan: Plan, stem: str, **points: float | str) -> Plan:
    """The plan with some exercises of one notebook worth other points (or self-checked)."""
    return plan._replace(points={**plan.points, stem: {**plan.points.get(stem, {}), **points}})


def notebook(stem: str) -> nbformat.NotebookNode:
    """The series' own notebook."""
    return read(NOTEBOOKS[STEMS.index(stem)])


def points_of(stem: str, plan: Plan | None = None) -> dict[str, float | str]:
    """What each exercise of a notebook is worth: contracts, then the plan's overrides."""
    return plan_for(stem, find_exercises(notebook(stem)), plan or load_plan())


def cell(nb: nbformat.NotebookNode, grade_id: str) -> nbformat.NotebookNode:
    """The one cell with this nbgrader grade id."""
    (found,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    return found


def printed_by(checker_name: str, *args: object) -> str:
    """The one line a checker prints, in self-study mode."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        getattr(checks, checker_name)(*args)
    return out.getvalue().strip()


def released(course, stem: str) -> nbformat.NotebookNode:
    """The notebook students receive."""
    return nbformat.read(course / "release" / stem / f"{stem}.ipynb", as_version=4)


def autograded(course, student: str, stem: str) -> nbformat.NotebookNode:
    """A submission as the autograder ran it, with its outputs."""
    return nbformat.read(course / "autograded" / student / stem / f"{stem}.ipynb", as_version=4)


def grades(course, student: str, stem: str) -> dict[str, tuple[float | None, float, bool]]:
    """{grade id: (score, max score, needs a manual grade)} of a submission, from the gradebook."""
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission_notebook(stem, stem, student)
        return {g.name: (g.score, g.max_score, g.needs_manual_grade) for g in submission.grades}
