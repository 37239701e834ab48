"""The series as nbgrader assignments end to end, with real nbgrader: release, submissions,
autograding, feedback and the grade export.

It runs nbgrader with its own SQLite gradebook in a temporary course directory. Autograding
re-runs whole notebooks, so it grades 02 and 03 only (three and two submissions); every
notebook is released.
"""

from __future__ import annotations

import csv
import html
import re
import subprocess
import sys

import pytest

from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from tests.classroom_tools import (
    GRADED,
    SELF_CHECKED,
    STEMS,
    WRONG_COUNT,
    autograded,
    grades,
    notebook,
    points_of,
    printed_by,
    released,
    with_points,
)
from tests.notebook_tools import read
from tools import conventions
from tools.classroom import (
    ROOT,
    SELF_CHECK,
    STRICT_ON,
    find_exercises,
    load_plan,
    reference_answers,
    run_nbgrader,
    submit,
    write_course,
)

# --- end to end, with nbgrader ---------------------------------------------------------------


# One line a student might add under an untouched stub to earn the marks anyway (issue 17):
# switch strict mode off, replace the checker, silence print, or replace the feedback module.
CHEATS = {
    "cheat-strict": "import helpers.checks.feedback as f; f.strict = lambda on=True: None",
    "cheat-checker": "checks.{checker} = lambda *args, **kwargs: None",
    "cheat-print": "import builtins; builtins.print = lambda *args, **kwargs: None",
    "cheat-module": (
        "import sys, types; sys.modules['helpers.checks.feedback'] = "
        "checks.feedback = types.SimpleNamespace(strict=lambda on=True: None)"
    ),
}


# A wrong softmax that also replaces the helper the judge computes its reference with.
REFERENCE_CHEAT = """
import numpy as np
import helpers, helpers.model
from helpers import checks

def stable_softmax(Z):
    return np.full(np.shape(Z), 0.1)

helpers.model.softmax = helpers.softmax = lambda Z: stable_softmax(Z)
exec(STRICT_ON)
try:
    checks.stable_softmax(stable_softmax)
    print("passed")
except AssertionError as refused:
    print("refused:", refused)
"""


def test_the_fresh_judge_does_not_take_its_reference_from_a_replaced_helper():
    script = f"STRICT_ON = {STRICT_ON!r}\n{REFERENCE_CHEAT}"
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith(f"refused: {NOT_YET}"), ran.stdout


def cheated_stubs(stem: str, cheat: str) -> dict[str, str]:
    """Every answer cell of a notebook left as its stub, with the cheat line under it."""
    nb = notebook(stem)
    return {
        f"answer_{e.checker}": f"{nb.cells[e.stub].source}\n{cheat.format(checker=e.checker)}\n"
        for e in find_exercises(nb)
    }


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A course released in full; 02 and 03 submitted, autograded, with feedback and grades."""
    root = tmp_path_factory.mktemp("course")
    plan = with_points(load_plan(), SELF_CHECKED[0], **{SELF_CHECKED[1]: SELF_CHECK})
    with pytest.MonkeyPatch.context() as env:
        # No teacher's own ~/.jupyter/nbgrader_config.py: only the course's config counts.
        env.setenv("JUPYTER_CONFIG_DIR", str(tmp_path_factory.mktemp("jupyter_config")))
        write_course(root, plan)
        run_nbgrader(root, "generate_assignment", "*")
        for stem in GRADED:
            reference = reference_answers(stem, plan)
            submit(root, "untouched", stem, {})
            submit(root, "reference", stem, reference)
        mistaken = {
            **reference_answers(GRADED[0], plan),
            "answer_parameter_count": f"n_parameters = {WRONG_COUNT}\n",
        }
        submit(root, "mistaken", GRADED[0], mistaken)
        for student, cheat in CHEATS.items():
            submit(root, student, GRADED[0], cheated_stubs(GRADED[0], cheat))
        run_nbgrader(root, "autograde", "0[23]_*")
        run_nbgrader(root, "generate_feedback", GRADED[0])
        run_nbgrader(root, "export", "--to", "grades.csv")
    return root


@pytest.mark.parametrize("stem", STEMS)
def test_released_notebooks_hold_stubs_and_no_solution(course, stem):
    nb, original = released(course, stem), notebook(stem)
    text = "\n".join(c.source for c in nb.cells)
    fold = f"<summary>{conventions.fold_label(original)}"
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", STRICT_ON, fold, "mybinder"):
        assert marker not in text, f"{stem}: {marker!r} reaches students"
    for exercise in find_exercises(original):
        stub = original.cells[exercise.stub].source
        # Every line of the solution that appears nowhere else in the notebook stays out.
        elsewhere = "\n".join(
            c.source for i, c in enumerate(original.cells) if i != exercise.solution_cell
        )
        own = [
            line
            for line in exercise.solution.splitlines()
            if line.strip() and line not in elsewhere
        ]
        assert own and not [line for line in own if line in text], exercise.checker
        assert stub in [c.source.rstrip("\n") for c in nb.cells], f"{stem}: the stub changed"


@pytest.mark.parametrize("stem", GRADED)
def test_untouched_stubs_score_zero(course, stem):
    scores = grades(course, "untouched", stem)
    assert scores and all(score == 0 for score, _, _ in scores.values()), scores


@pytest.mark.parametrize("stem", GRADED)
def test_reference_solutions_score_full_marks(course, stem):
    scores = grades(course, "reference", stem)
    tests = {name: score for name, score in scores.items() if name.startswith("test_")}
    assert tests and all(score == top for score, top, _ in tests.values()), scores
    # Written answers wait for the teacher in the formgrader.
    waiting = {name: manual for name, (_, _, manual) in scores.items() if "written_" in name}
    planned = {f"written_{w.name}": True for w in load_plan().written if w.notebook == stem}
    assert waiting == planned


@pytest.mark.parametrize("student", CHEATS)
def test_a_one_line_cheat_under_the_stubs_scores_zero(course, student):
    scores = grades(course, student, GRADED[0])
    tests = [score for name, (score, _, _) in scores.items() if name.startswith("test_")]
    assert tests and all(score == 0 for score in tests), scores


def test_a_known_mistake_scores_zero_on_its_exercise_only(course):
    scores = grades(course, "mistaken", GRADED[0])
    assert scores.pop("test_parameter_count")[0] == 0
    assert all(score == top for score, top, _ in scores.values()), scores


def test_a_self_check_prints_and_is_not_graded(course):
    stem, checker_name = SELF_CHECKED
    assert f"test_{checker_name}" not in grades(course, "reference", stem)
    for student in ("untouched", "reference"):
        nb = autograded(course, student, stem)
        (check,) = [c for c in nb.cells if f"checks.{checker_name}(" in c.source]
        assert [o.output_type for o in check.outputs] == ["stream"]
        assert check.outputs[0].text.startswith(NOT_ATTEMPTED)  # fill_in leaves it a stub
    # The graded exercise after it is strict again: untouched, it raised.
    (after,) = [
        c
        for c in autograded(course, "untouched", stem).cells
        if "checks.numerical_dW_entry(" in c.source
    ]
    assert after.outputs[-1].output_type == "error" and after.outputs[-1].ename == "AssertionError"


def test_feedback_shows_the_checkers_sentence(course):
    sentence = printed_by("parameter_count", WRONG_COUNT)
    assert sentence.startswith("❌")
    page = (course / "feedback" / "mistaken" / GRADED[0] / f"{GRADED[0]}.html").read_text()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert f"AssertionError: {sentence}" in text
    # The reference's feedback: one ✅ line per graded exercise.
    reference = (course / "feedback" / "reference" / GRADED[0] / f"{GRADED[0]}.html").read_text()
    graded = points_of(GRADED[0])
    assert html.unescape(re.sub(r"<[^>]+>", "", reference)).count(CORRECT) == len(graded)


def test_autograding_draws_no_figure_and_keeps_every_line_of_text(course):
    # No figure is graded: drawing them was a fifth of a class's grading time.
    outputs = [
        o
        for c in autograded(course, "reference", "02_softmax_model").cells
        for o in c.get("outputs", [])
    ]
    shown = [o for o in outputs if o.output_type in ("display_data", "execute_result")]
    assert not [o for o in shown if "image/png" in o.get("data", {})]
    figures = [o for o in shown if o["data"].get("text/plain", "").startswith("<Figure size")]
    stored = read(ROOT / "notebooks" / "02_softmax_model.ipynb")
    drawn = [
        o for c in stored.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == len(drawn) > 0  # each figure still shows, as its text line


def test_grades_export_lists_every_submission(course):
    with open(course / "grades.csv", newline="") as table:
        rows = {
            (r["assignment"], r["student_id"]): float(r["score"]) for r in csv.DictReader(table)
        }
    points = points_of(GRADED[0])
    assert rows[(GRADED[0], "reference")] == sum(points.values())
    assert rows[(GRADED[0], "mistaken")] == sum(points.values()) - points["parameter_count"]
    assert rows[(GRADED[0], "untouched")] == 0 == rows[(GRADED[1], "untouched")]
