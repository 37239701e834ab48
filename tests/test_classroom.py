"""The series as nbgrader assignments (`make classroom`, tools/classroom.py), without nbgrader.

The end-to-end tests with real nbgrader are in tests/test_classroom_nbgrader.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers.messages import LANGUAGE_FILE, message
from tests.classroom_tools import STEMS, cell, notebook, points_of, with_points
from tests.notebook_tools import NOTEBOOKS, exercises, read
from tools import classroom_plan, conventions
from tools.classroom import (
    MODEL_ANSWER_TAG,
    ROOT,
    SELF_CHECK,
    STRICT_OFF,
    STRICT_ON,
    PlanError,
    answer_source,
    autograder_source,
    classroom_markdown,
    classroom_notebook,
    find_exercises,
    generated_files,
    load_plan,
    write_course,
)

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
        assert test.metadata.nbgrader["points"] == points_of("02_softmax_model")[exercise.checker]
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
    for stem in STEMS:
        nb, _ = classroom_notebook(notebook(stem), stem, plan)
        assert not any(MODEL_ANSWER_TAG in cell.metadata.get("tags", []) for cell in nb.cells)


def test_the_plan_says_which_line_to_add_for_a_new_exercise(monkeypatch):
    plan = load_plan()
    table = dict(plan.points.get("02_softmax_model", {}))
    table.pop("stable_softmax", None)
    missing = plan._replace(points={**plan.points, "02_softmax_model": table})
    # A checker without a contract, and no line in the plan: nothing says what it is worth.
    declared = classroom_plan.contract_points
    monkeypatch.setattr(
        classroom_plan,
        "contract_points",
        lambda name: None if name == "stable_softmax" else declared(name),
    )
    with pytest.raises(
        PlanError,
        match=r"\[points\.02_softmax_model\]:\n  stable_softmax = 1 +\(or \"self-check\"\)$",
    ):
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


WRITTEN = 'notebook = "03_deriving_the_gradient"\ncell = "c3d00006"\n'


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("[points\nx = 1\n", r"plan\.toml is not valid TOML: .*line 1.*; fix that line\."),
        (
            f'[[written]]\nname = "w"\npoints = inf\n{WRITTEN}',
            r"written answer w has points = inf; use a finite number above 0\.",
        ),
        (
            f'[[written]]\nname = "why_centred_differences"\npoints = 1\n{WRITTEN}' * 2,
            r"two written answers are named why_centred_differences; grade ids must be unique, "
            r"so rename one\.",
        ),
        (
            f'[[written]]\nname = "no_such_answer"\npoints = 1\n{WRITTEN}',
            r"written answer no_such_answer needs the key no_such_answer in "
            r"helpers/locales/en/classroom\.po\.",
        ),
        (
            f'[[written]]\nname = "w"\npoints = 1\nbefore = "x"\n{WRITTEN}',
            r"written answer w needs either `cell` or `before`\.",
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
    label = conventions.fold_label(notebook("00_welcome"))  # the folds' own label
    text, files = classroom_markdown(header, label=label)
    assert text == (
        "⏱ about 50 minutes\n\n[← 01 · Loading](../01_loading_mnist/01_loading_mnist.ipynb)"
        " | [03 · Gradient →](../03_deriving_the_gradient/03_deriving_the_gradient.ipynb)"
        "\n\n![maps](weight_maps.gif)"
    )
    assert files == ["docs/weight_maps.gif"]


def test_links_are_found_by_where_they_lead_whatever_the_language():
    # A translation one folder deeper: its links climb two levels, its sentences end in 。.
    header = (
        "[▶ 在 Binder 上运行](https://mybinder.org/v2/gh/x/y/HEAD?urlpath=lab/tree/notebooks/zh/"
        "02_softmax_model.ipynb) · ⏱ 约 50 分钟\n\n[目录](../../README.zh.md#本系列) | "
        "[03 · 梯度 →](03_deriving_the_gradient.ipynb)\n\n![图](../../docs/weight_maps.gif)"
        "看图。参考答案藏在折叠起来的*参考答案*块里；卡住了再打开它。"
    )
    text, files = classroom_markdown(header, conventions.NOTEBOOKS / "zh", "参考答案")
    assert text == (
        "⏱ 约 50 分钟\n\n[03 · 梯度 →](../03_deriving_the_gradient/03_deriving_the_gradient.ipynb)"
        "\n\n![图](weight_maps.gif)看图。"
    )
    assert files == ["docs/weight_maps.gif"]


def test_a_checkers_contract_sets_its_points_and_the_plan_overrides_it(monkeypatch):
    plan = load_plan()._replace(points={})  # no teacher's line: the contracts decide
    contract = {"parameter_count": 4, "stable_softmax": SELF_CHECK, "cross_entropy": 2}
    monkeypatch.setattr(classroom_plan, "contract_points", contract.get)
    assert points_of("02_softmax_model", plan) == contract
    plan = with_points(plan, "02_softmax_model", parameter_count=1)
    assert points_of("02_softmax_model", plan)["parameter_count"] == 1
    monkeypatch.setattr(classroom_plan, "contract_points", {**contract, "parameter_count": 0}.get)
    with pytest.raises(PlanError, match=r"contract\.points = 0; use a finite number of points"):
        points_of("02_softmax_model", load_plan()._replace(points={}))


def test_a_translation_becomes_a_course_that_speaks_its_language(tmp_path, monkeypatch):
    # notebooks/ and notebooks/zh/ as tools.translate writes it: the English cells, tags and
    # ids (the prose does not matter here), and its .series-language.
    folder = tmp_path / "notebooks" / "zh"
    folder.mkdir(parents=True)
    for path in NOTEBOOKS:
        (folder / path.name).write_bytes(path.read_bytes())
        (folder.parent / path.name).write_bytes(path.read_bytes())
    (folder / LANGUAGE_FILE).write_text("zh\n")
    monkeypatch.setattr(conventions, "NOTEBOOKS", tmp_path / "notebooks")
    plan = load_plan()
    files = generated_files(plan, "zh")
    for stem in STEMS:
        assert files[f"source/{stem}/{LANGUAGE_FILE}"] == b"zh\n"
    (written,) = [w for w in plan.written if w.notebook == "03_deriving_the_gradient"]
    nb = nbformat.reads(files["source/03_deriving_the_gradient/03_deriving_the_gradient.ipynb"], 4)
    model = message("classroom", written.name, "zh")
    assert model in cell(nb, f"written_{written.name}").source
    assert not [name for name in generated_files(plan) if name.endswith(LANGUAGE_FILE)]


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
        patch.setattr("tools.classroom.generated_files", lambda plan, lang: generated)
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
