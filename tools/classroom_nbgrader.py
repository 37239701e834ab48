"""nbgrader at work on a generated course: for the end-to-end test and the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH, message
from tools import conventions
from tools.classroom_plan import CATALOG, Plan, load_plan


def run_nbgrader(course_dir: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `nbgrader ARGS` in the course directory, with this environment's bin/ first on PATH.

    nbgrader creates and upgrades its gradebook with the `alembic` command, found on PATH only.
    """
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [str(bin_dir / "nbgrader"), *args],
        cwd=course_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{result.stderr[-4000:]}")
    return result


def fill_in(release: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    """A student's submission: the released notebook with answers given by grade id."""
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return nb


def reference_answers(stem: str, plan: Plan | None = None, lang: str = ENGLISH) -> dict[str, str]:
    """Every answer of a notebook as its reference: solutions and model written answers."""
    path = conventions.notebook_folder(lang) / f"{stem}.ipynb"
    nb = nbformat.read(path, as_version=4)
    answers = {f"answer_{e.checker}": e.solution for e in conventions.find_exercises(nb)}
    written = (plan or load_plan()).written
    return answers | {
        f"written_{w.name}": message(CATALOG, w.name, lang) for w in written if w.notebook == stem
    }


def submit(course_dir: Path, student: str, stem: str, answers: dict[str, str]) -> None:
    """Put a submission where `nbgrader autograde` looks: submitted/<student>/<stem>/."""
    release = course_dir / "release" / stem / f"{stem}.ipynb"
    folder = course_dir / "submitted" / student / stem
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(fill_in(nbformat.read(release, as_version=4), answers), folder / release.name)
