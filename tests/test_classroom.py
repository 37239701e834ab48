"""The series as nbgrader assignments (`make classroom`, tools/classroom.py), and end to end with
real nbgrader: release, submissions, autograding, feedback and the grade export.

The end-to-end part runs nbgrader with its own SQLite gradebook in a temporary course
directory. Autograding re-runs whole notebooks, so it grades 02 and 03 only (three and two
submissions); every notebook is released.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from helpers import checks
from helpers.checks import CORRECT, NOT_ATTEMPTED
from helpers.checks.softmax import PARAMETER_MISTAKES
from tests.notebook_tools import NOTEBOOKS, exercises, read
from tools import grading
from tools.classroom import (
    MODEL_ANSWER_TAG,
    ROOT,
    SELF_CHECK,
    STRICT_OFF,
    STRICT_ON,
    Plan,
    PlanError,
    answer_source,
    autograder_source,
    classroom_markdown,
    classroom_notebook,
    find_exercises,
    generated_files,
    load_plan,
    reference_answers,
    run_nbgrader,
    submit,
    write_course,
)

STEMS = [path.stem for path in NOTEBOOKS]
GRADED = ["02_softmax_model", "03_deriving_the_gradient"]
# The end-to-end course makes one exercise of 03 a self-check, between two graded ones.
SELF_CHECKED = ("03_deriving_the_gradient", "bias_gradient_at_zero")
WRONG_COUNT, _ = PARAMETER_MISTAKES[0]  # 7840: W counted without b


def with_points(plan: Plan, stem: str, **points: float | str) -> Plan:
    """The plan with some exercises of one notebook worth other points (or self-checked)."""
    return plan._replace(points={**plan.points, stem: {**plan.points[stem], **points}})


def notebook(stem: str) -> nbformat.NotebookNode:
    """The series' own notebook."""
    return read(NOTEBOOKS[STEMS.index(stem)])


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


# --- the generator, without nbgrader ---------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_find_exercises_agrees_with_the_notebook_tests(path):
    nb = read(path)
    found = [(e.stub, e.check, e.solution) for e in find_exercises(nb)]
    assert found == exercises(nb)


def test_graded_exercises_become_answer_and_test_cells():
    plan, original = load_plan(), notebook("02_softmax_model")
    nb, _ = classroom_notebook(original, "02_softmax_model", plan)
    for exercise in find_exercises(original):
        answer, test = cell(nb, f"answer_{exercise.checker}"), cell(nb, f"test_{exercise.checker}")
        stub, check = original.cells[exercise.stub].source, original.cells[exercise.check].source
        assert answer.source == answer_source(stub, exercise.solution)
        assert answer.metadata.nbgrader["solution"] and not answer.metadata.nbgrader["grade"]
        assert test.source == autograder_source(check) and STRICT_ON in test.source
        assert test.metadata.nbgrader["points"] == plan.points["02_softmax_model"][exercise.checker]
        assert test.metadata.nbgrader["locked"]
    markdown = [c for c in nb.cells if c.cell_type == "markdown"]
    assert all(c.metadata.nbgrader["locked"] for c in markdown)
    assert not any("<details>" in c.source for c in markdown)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert not any(c.outputs for c in code)
    # Code stays editable, as in the series (learners try things), but for the tests.
    editable = [c for c in code if not c.metadata.get("nbgrader", {}).get("grade")]
    assert editable and not any(c.metadata.get("nbgrader", {}).get("locked") for c in editable)


def test_a_self_check_stays_as_the_learner_knows_it():
    original = notebook("03_deriving_the_gradient")
    first, second, _ = find_exercises(original)
    plan = with_points(load_plan(), "03_deriving_the_gradient", **{second.checker: SELF_CHECK})
    nb, _ = classroom_notebook(original, "03_deriving_the_gradient", plan)
    stub = original.cells[second.stub].source
    (kept,) = [c for c in nb.cells if c.source == stub]
    assert "nbgrader" not in kept.metadata
    # The graded exercise before it left strict mode on: the self-check turns it off.
    (check,) = [c for c in nb.cells if c.source.endswith(original.cells[second.check].source)]
    assert check.source == f"{STRICT_OFF}\n{original.cells[second.check].source}"
    # Nothing graded before the first exercise: its self-check is the notebook's own cell.
    plan = with_points(load_plan(), "03_deriving_the_gradient", **{first.checker: SELF_CHECK})
    nb, _ = classroom_notebook(original, "03_deriving_the_gradient", plan)
    assert original.cells[first.check].source in [c.source for c in nb.cells]


def test_model_answers_of_written_questions_stay_out_of_every_assignment():
    plan = load_plan()
    model = nbformat.v4.new_markdown_cell(
        "<details><summary>Model answer</summary>\n\nThe ring.\n\n</details>",
        metadata={"tags": [MODEL_ANSWER_TAG]},
    )
    original = notebook("02_softmax_model")
    original.cells.insert(3, model)
    nb, _ = classroom_notebook(original, "02_softmax_model", plan)
    assert not any("The ring." in cell.source for cell in nb.cells)
    for stem in sorted(plan.points):
        nb, _ = classroom_notebook(notebook(stem), stem, plan)
        assert not any(MODEL_ANSWER_TAG in cell.metadata.get("tags", []) for cell in nb.cells)


def test_the_plan_says_which_line_to_add_for_a_new_exercise():
    plan = load_plan()
    table = dict(plan.points["02_softmax_model"])
    del table["stable_softmax"]
    missing = plan._replace(points={**plan.points, "02_softmax_model": table})
    with pytest.raises(PlanError, match=r"\[points\.02_softmax_model\]:\n  stable_softmax = 1"):
        classroom_notebook(notebook("02_softmax_model"), "02_softmax_model", missing)
    invented = with_points(plan, "02_softmax_model", no_such_checker=1)
    with pytest.raises(PlanError, match="No such exercise in 02_softmax_model: no_such_checker"):
        classroom_notebook(notebook("02_softmax_model"), "02_softmax_model", invented)


@pytest.mark.parametrize("value", ["0", "-2", "inf", "nan", '"later"', "true"])
def test_the_plan_refuses_what_is_neither_points_nor_self_check(value, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(f"[points.02_softmax_model]\nparameter_count = {value}\n")
    with pytest.raises(PlanError, match="parameter_count = .*; use a finite number of points"):
        load_plan(path)


WRITTEN = 'notebook = "03_deriving_the_gradient"\nin_cell = "**Your"\nanswer = "a"\n'


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("[points\nx = 1\n", r"plan\.toml is not valid TOML: .*line 1.*; fix that line\."),
        (
            f'[[written]]\nname = "w"\npoints = inf\n{WRITTEN}',
            r"written answer w has points = inf; use a finite number above 0\.",
        ),
        (
            f'[[written]]\nname = "w"\npoints = 1\n{WRITTEN}' * 2,
            r"two written answers are named w; grade ids must be unique, so rename one\.",
        ),
    ],
)
def test_the_plan_says_in_one_sentence_what_is_wrong(text, sentence, tmp_path):
    path = tmp_path / "plan.toml"
    path.write_text(text)
    with pytest.raises(PlanError, match=sentence):
        load_plan(path)
    with pytest.raises(PlanError, match=r"plan\.toml: cannot be read \(No such file"):
        load_plan(tmp_path / "missing" / "plan.toml")


def test_links_lead_to_the_neighbouring_assignments_and_not_to_binder():
    header = (
        "[▶ Run on Binder](https://mybinder.org/v2/gh/x/y/HEAD?urlpath=lab/tree/notebooks/"
        "02_softmax_model.ipynb) · ⏱ about 50 minutes\n\n[← 01 · Loading](01_loading_mnist.ipynb)"
        " | [Contents](../README.md#the-series) | [03 · Gradient →](03_deriving_the_gradient.ipynb)"
        "\n\n![maps](../docs/weight_maps.gif) The answer hides in a collapsed *Solution* block."
    )
    text, files = classroom_markdown(header)
    assert text == (
        "⏱ about 50 minutes\n\n[← 01 · Loading](../01_loading_mnist/01_loading_mnist.ipynb)"
        " | [03 · Gradient →](../03_deriving_the_gradient/03_deriving_the_gradient.ipynb)"
        "\n\n![maps](weight_maps.gif)"
    )
    assert files == ["docs/weight_maps.gif"]


def test_make_classroom_keeps_every_file_it_did_not_write(tmp_path):
    (tmp_path / "submitted" / "ada").mkdir(parents=True)
    (tmp_path / "gradebook.db").write_text("the teacher's grades")
    teachers = tmp_path / "source" / "02_softmax_model" / "extra_data.csv"
    teachers.parent.mkdir(parents=True)
    teachers.write_text("1,2,3")
    assert write_course(tmp_path) == STEMS
    assert write_course(tmp_path) == STEMS  # a rerun, as after `git pull`
    assert (tmp_path / "gradebook.db").read_text() == "the teacher's grades"
    assert (tmp_path / "submitted" / "ada").is_dir() and teachers.read_text() == "1,2,3"
    assert (tmp_path / "source" / "06_watching_training" / "weight_maps.gif").exists()


def test_a_rerun_removes_only_its_own_unchanged_files(tmp_path):
    plan = load_plan()
    write_course(tmp_path, plan)
    gif = tmp_path / "source" / "06_watching_training" / "weight_maps.gif"
    kept = tmp_path / "source" / "02_softmax_model" / "02_softmax_model.ipynb"
    kept.write_text(kept.read_text() + " ")  # the teacher edited what was generated
    fewer = {
        "source/06_watching_training/weight_maps.gif",
        "source/02_softmax_model/02_softmax_model.ipynb",
    }
    generated = {k: v for k, v in generated_files(plan).items() if k not in fewer}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("tools.classroom.generated_files", lambda plan: generated)
        write_course(tmp_path, plan)
    assert not gif.exists() and kept.exists()


def test_make_classroom_refuses_a_planted_link_and_an_unwritable_folder(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    (course / "source" / "00_welcome").symlink_to(elsewhere)
    with pytest.raises(PlanError, match="00_welcome is a symbolic link; make classroom writes"):
        write_course(course)
    assert not list(elsewhere.iterdir())
    if os.geteuid() == 0:
        return  # root writes anywhere: the permission half needs an ordinary user
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    with pytest.raises(PlanError, match="cannot write the course folder .*choose a COURSE"):
        write_course(locked)


def test_make_classroom_takes_a_course_path_with_spaces_and_quotes(tmp_path):
    course = tmp_path / "my course's folder"
    venv = Path(sys.executable).parents[1]
    # -o: the venv is ready; make must not reinstall it whatever the files' times say.
    make = ["make", "-s", "-o", f"{venv}/.test-installed", f"VENV={venv}", f"COURSE={course}"]
    result = subprocess.run(
        [*make, "classroom"], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    assert (course / "source" / "00_welcome" / "00_welcome.ipynb").is_file()
    # The "next" line it prints works when pasted into a shell.
    pasted = result.stdout.splitlines()[-1].split(";")[0].strip()
    shell = subprocess.run(["bash", "-c", f"{pasted} && pwd"], capture_output=True, text=True)
    assert shell.stdout.strip() == str(course)


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
    assert ran.stdout.startswith("refused: ❌ Not yet:"), ran.stdout


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


@pytest.mark.parametrize("stem", STEMS)
def test_released_notebooks_hold_stubs_and_no_solution(course, stem):
    nb, original = released(course, stem), notebook(stem)
    text = "\n".join(c.source for c in nb.cells)
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", STRICT_ON, "<summary>Solution", "mybinder"):
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
    graded = load_plan().points[GRADED[0]]
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
    points = load_plan().points[GRADED[0]]
    assert rows[(GRADED[0], "reference")] == sum(points.values())
    assert rows[(GRADED[0], "mistaken")] == sum(points.values()) - points["parameter_count"]
    assert rows[(GRADED[0], "untouched")] == 0 == rows[(GRADED[1], "untouched")]


# --- the training cache (tools/grading.py): the same grades, faster ---------------------------

CACHED = "04_training_by_hand"


def mistaken_loop() -> dict[str, str]:
    """04's answers with a loop that steps half as far and a learning rate that diverges."""
    answers = reference_answers(CACHED)
    loop = answers["answer_sgd_loop"]
    assert "W -= lr * dW" in loop
    return {
        "answer_sgd_loop": loop.replace("W -= lr * dW", "W -= 0.5 * lr * dW"),
        "answer_fast_learning_rate": "small_batch_lr = 5\n",
    }


def graded_cells(course: Path, student: str) -> list[tuple[str, str, list]]:
    """Each graded test cell of a submission: what it printed and the error it raised.

    Printed text is joined: the kernel may send one line in one message or in two.
    """
    nb = autograded(course, student, CACHED)
    return [
        (
            c.metadata.nbgrader["grade_id"],
            "".join(o.get("text", "") for o in c.outputs if o.output_type == "stream"),
            [(o.ename, o.evalue) for o in c.outputs if o.output_type == "error"],
        )
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    ]


@pytest.fixture(scope="module")
def cached_and_not(tmp_path_factory):
    """04 autograded for a right, a blank and a wrong submission, with the cache, then without."""
    root = tmp_path_factory.mktemp("cache-course")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_CONFIG_DIR", str(tmp_path_factory.mktemp("jupyter_config")))
        write_course(root)
        run_nbgrader(root, "generate_assignment", CACHED)
        submissions = {"right": reference_answers(CACHED), "blank": {}, "wrong": mistaken_loop()}
        for student, answers in submissions.items():
            submit(root, student, CACHED, answers)
        runs = {}
        for mode in ("cached", "parallel", "computed"):
            if mode == "computed":
                (root / "nbgrader_config_local.py").write_text(
                    "c.Autograde.pre_convert_hook = None\n"
                )
            if mode == "parallel":  # the course's autograde.py: two nbgrader processes
                log = subprocess.run(
                    [sys.executable, "autograde.py", CACHED, "--force", "--jobs", "2"],
                    cwd=root,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stderr
            else:
                log = run_nbgrader(root, "autograde", CACHED, "--force").stderr
            runs[mode] = {
                "hook": "Running pre-convert hook" in log and "hook failed" not in log,
                "grades": {s: grades(root, s, CACHED) for s in submissions},
                "cells": {s: graded_cells(root, s) for s in submissions},
            }
    return runs


def test_the_cache_gives_the_same_grades_and_sentences(cached_and_not):
    cached, computed = cached_and_not["cached"], cached_and_not["computed"]
    assert cached["hook"] and not computed["hook"]
    assert cached["grades"] == computed["grades"]
    assert cached["cells"] == computed["cells"]
    parallel = cached_and_not["parallel"]
    assert parallel["hook"]
    assert parallel["grades"] == computed["grades"]
    assert parallel["cells"] == computed["cells"]
    points = load_plan().points[CACHED]
    marks = {s: {n: score for n, (score, _, _) in g.items()} for s, g in cached["grades"].items()}
    assert marks["right"] == {f"test_{name}": p for name, p in points.items()}
    assert set(marks["blank"].values()) == {0} == set(marks["wrong"].values())


def test_autograde_py_deals_every_submission_to_exactly_one_process():
    students = [f"s{i:02d}" for i in range(7)]
    dealt = grading.shares(students, 2)
    assert [len(share) for share in dealt] == [4, 3]
    assert sorted(s for share in dealt for s in share) == students
    assert grading.shares(students[:1], 2) == [["s00"]]  # one student: one process, no empty one
    assert grading.shares([], 2) == []


@pytest.mark.parametrize(
    ("argv", "sentence"),
    [
        (
            ["04_training_by_hand", "--jobs", "0"],
            "--jobs takes a whole number of processes, got '0'",
        ),
        (["04_training_by_hand", "--jobs"], "--jobs takes a whole number of processes, got ''"),
        ([], "usage: python autograde.py ASSIGNMENT [--jobs N]"),
        (["no_such_assignment"], "no source/no_such_assignment here; run it in the course folder"),
    ],
)
def test_autograde_py_says_what_is_wrong_in_one_sentence(argv, sentence, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as stop:
        grading.main(argv)
    assert sentence in str(stop.value)


def test_make_classroom_writes_autograde_py_that_finds_the_series(tmp_path):
    write_course(tmp_path)
    script = tmp_path / "autograde.py"
    assert script.read_text() == grading.COURSE_SCRIPT
    done = subprocess.run(
        [sys.executable, str(script), "--jobs", "x"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "--jobs takes a whole number of processes, got 'x'" in done.stderr
