"""The Chinese course, as a teacher builds it (`make classroom LANG=zh`), through real nbgrader.

Every Chinese notebook is released; 02 is submitted three times (untouched, the reference
solutions, one known mistake) and autograded in the language of its notebooks: the grader's
kernel runs in the assignment's folder, whose `.series-language` says zh.
"""

from __future__ import annotations

import html
import re
import subprocess

import nbformat
import pytest

from helpers.checks.softmax import PARAMETER_MISTAKES
from helpers.checks.verdicts import verdict_word
from helpers.messages import LANGUAGE_FILE, message
from tests.classroom_tools import grades, released
from tools import conventions
from tools.classroom import ROOT, load_plan, reference_answers, run_nbgrader, submit
from tools.classroom import generated_files as course_files

LANG = "zh"
STEM = "02_softmax_model"
STEMS = [path.stem for path in conventions.series_notebooks(LANG)]
WRONG_COUNT, WRONG_KEY = PARAMETER_MISTAKES[0]  # 7840: W counted without b
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The Chinese course built by make, released in full, 02 submitted and autograded."""
    root = tmp_path_factory.mktemp("course-zh")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUPYTER_CONFIG_DIR", str(tmp_path_factory.mktemp("jupyter_config")))
        env.delenv("SERIES_LANGUAGE", raising=False)  # the course's own files say the language
        made = subprocess.run(
            ["make", "--no-print-directory", "classroom", f"LANG={LANG}", f"COURSE={root}"],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert made.returncode == 0, made.stdout + made.stderr
        run_nbgrader(root, "generate_assignment", "*")
        reference = reference_answers(STEM, lang=LANG)
        submit(root, "untouched", STEM, {})
        submit(root, "reference", STEM, reference)
        submit(
            root,
            "mistaken",
            STEM,
            {**reference, "answer_parameter_count": f"n_parameters = {WRONG_COUNT}\n"},
        )
        run_nbgrader(root, "autograde", STEM)
        run_nbgrader(root, "generate_feedback", STEM)
    return root


def graded_cells(files: dict[str, bytes], stem: str) -> list[tuple[str, float | None]]:
    nb = nbformat.reads(files[f"source/{stem}/{stem}.ipynb"].decode(), as_version=4)
    return [
        (c.metadata["nbgrader"]["grade_id"], c.metadata["nbgrader"].get("points"))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    ]


def test_the_chinese_course_grades_what_the_english_grades():
    english, chinese = course_files(load_plan()), course_files(load_plan(), LANG)
    stems = [path.stem for path in conventions.series_notebooks()]
    assert STEMS == stems
    for stem in stems:
        assert graded_cells(chinese, stem) == graded_cells(english, stem), stem
        assert chinese[f"source/{stem}/{LANGUAGE_FILE}"] == f"{LANG}\n".encode()
        assert f"source/{stem}/{LANGUAGE_FILE}" not in english


@pytest.mark.parametrize("stem", STEMS)
def test_released_chinese_notebooks_hold_stubs_in_chinese_prose(course, stem):
    nb = released(course, stem)
    text = "\n".join(c.source for c in nb.cells)
    fold = conventions.fold_label(
        nbformat.read(conventions.notebook_folder(LANG) / f"{stem}.ipynb", 4)
    )
    assert "BEGIN SOLUTION" not in text and f"<summary>{fold}" not in text
    prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert sum(bool(HAN.search(p)) for p in prose) >= 0.9 * len(prose)
    written = [c for c in nb.cells if conventions.WRITTEN in c.metadata.get("tags", [])]
    assert all(HAN.search(c.source) for c in written)


def test_the_reference_scores_full_marks_and_untouched_zero(course):
    tests = {k: v for k, v in grades(course, "reference", STEM).items() if k.startswith("test_")}
    assert tests and all(score == top for score, top, _ in tests.values()), tests
    untouched = grades(course, "untouched", STEM)
    assert untouched and all(score == 0 for score, _, _ in untouched.values()), untouched


def test_a_known_mistake_loses_only_its_exercise(course):
    scores = grades(course, "mistaken", STEM)
    assert scores.pop("test_parameter_count")[0] == 0
    assert all(score == top for score, top, _ in scores.values()), scores


def test_the_feedback_speaks_chinese(course):
    page = (course / "feedback" / "mistaken" / STEM / f"{STEM}.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    wrong = verdict_word("not_yet", LANG)
    assert f"AssertionError: {wrong}" in text
    assert message("checks.softmax", WRONG_KEY, LANG) in text
    assert text.count(verdict_word("correct", LANG)) == 2
    assert verdict_word("correct", "en") not in text
