"""The training cache of tools/grading.py gives the same grades as grading without it, faster;
and the course's autograde.py shares the submissions between processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.classroom_tools import autograded, grades, points_of
from tools import grading
from tools.classroom import reference_answers, run_nbgrader, submit, write_course

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
    points = points_of(CACHED)
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
