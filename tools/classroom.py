"""The series as nbgrader assignments, for teachers who grade: `make classroom`.

Usage: python -m tools.classroom [COURSE_DIR]    (default: classroom/ at the repository root)

Writes an nbgrader course directory from the notebooks: source/<stem>/<stem>.ipynb for each
(the assignment is named after the notebook, such as 02_softmax_model) and nbgrader_config.py.
tools/classroom.toml says what each exercise is worth and which written answers to add.
In each source notebook:

- a graded exercise's stub cell becomes an autograded answer cell: the stub, then the reference
  solution between ### BEGIN SOLUTION and ### END SOLUTION, so the release shows the stub alone;
- its check cell becomes an autograder test cell worth the exercise's points; a hidden line
  turns on strict mode, in which the checker raises instead of printing ❌ or ⏳;
- a "self-check" exercise stays as it is, and its check only prints;
- the <details> solution blocks are left out, and so are the links to Binder and the README
  (Binder serves the series with its solutions); links between notebooks point to the
  neighbouring assignment;
- markdown cells are read-only; code cells stay editable, since learners try things in them.

Only the files it generates are written (source/<stem>/ and nbgrader_config.py, listed with
their digests in source/.make-classroom-files): a gradebook, submissions, feedback and any file
a teacher put in the course directory, source/ included, stay as they are.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import nbformat

from tools.grading import COURSE_SCRIPT
from tools.navigation import BINDER_TEXT

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, from PyPI
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
PLAN = Path(__file__).with_name("classroom.toml")
COURSE_DIR = ROOT / "classroom"
COURSE_ID = "mnist-softmax-series"
SELF_CHECK = "self-check"
# What the last run wrote, with digests: a rerun removes only its own files, and only unchanged.
MANIFEST = "source/.make-classroom-files"
MANIFEST_HEADER = "# written by make classroom (tools/classroom.py); do not edit\n"

# An exercise's reference solution, in the markdown cell after its check (as the notebook
# tests read it); removing the match removes the whole block and the blank lines after it.
SOLUTION = re.compile(r"<details>.*?```python\n(.*?)```.*?</details>\s*", re.DOTALL)
# A markdown cell with the folded model answer of a written question (after a cell tagged
# "written", where the learner writes): shown in self-study, left out of the assignment.
MODEL_ANSWER_TAG = "model-answer"
CHECKER_CALL = re.compile(r"^checks\.(\w+)\(", re.MULTILINE)
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
BINDER_LINK = re.compile(re.escape(BINDER_TEXT) + r"\([^)]*\) · ")
CONTENTS_LINK = re.compile(r"\[Contents\]\(\.\./README\.md[^)]*\)")
NOTEBOOK_LINK = re.compile(r"\]\((\d\d_\w+)\.ipynb\)")
REPOSITORY_FILE_LINK = re.compile(r"\]\(\.\./([^)#]+)\)")
# A sentence that sends the reader to a Solution block, which the classroom version leaves out.
SOLUTION_POINTER = re.compile(r"\s*\b[A-Z][^.]*\*Solution\*[^.]*\.")


class Exercise(NamedTuple):
    """One exercise: its checker's name, its stub, check and solution cells, its solution."""

    checker: str
    stub: int
    check: int
    solution_cell: int
    solution: str


class Written(NamedTuple):
    """A written answer, graded by hand: where it goes, its points, prompt and model answer."""

    notebook: str
    name: str
    points: float
    answer: str
    before: str | None = None
    prompt: str | None = None
    in_cell: str | None = None


class Plan(NamedTuple):
    """tools/classroom.toml: points (or SELF_CHECK) per notebook and checker; written answers."""

    points: dict[str, dict[str, float | str]]
    written: tuple[Written, ...]


class PlanError(ValueError):
    """The plan and the notebooks disagree; the message says what to change."""


def read_toml(path: Path) -> dict:
    """The plan's TOML, or a PlanError that names the file and what is wrong with it."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise PlanError(f"{path}: cannot be read ({err.strerror or err}).") from None
    except tomllib.TOMLDecodeError as err:
        raise PlanError(f"{path.name} is not valid TOML: {err}; fix that line.") from None


def is_points(value: object) -> bool:
    """A finite number of points above 0 (nbgrader writes it into the notebook's JSON)."""
    number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return number and math.isfinite(value) and value > 0


def load_plan(path: Path = PLAN) -> Plan:
    """Read the plan and refuse values that are neither points nor "self-check"."""
    data = read_toml(path)
    points = data.get("points", {})
    for stem, table in points.items():
        for name, value in table.items():
            if not (value == SELF_CHECK or is_points(value)):
                raise PlanError(
                    f"{path.name}: {stem}.{name} = {value!r}; use a finite number of points "
                    f'above 0 or "{SELF_CHECK}".'
                )
    try:
        written = tuple(Written(**entry) for entry in data.get("written", []))
    except TypeError as err:  # a key missing or misspelt
        raise PlanError(f"{path.name}: a [[written]] entry: {err}") from None
    seen = set()
    for entry in written:
        if (entry.before is None) == (entry.in_cell is None) or (entry.before and not entry.prompt):
            raise PlanError(
                f"{path.name}: written answer {entry.name} needs either `before` and `prompt`, "
                "or `in_cell`."
            )
        if not is_points(entry.points):
            raise PlanError(
                f"{path.name}: written answer {entry.name} has points = {entry.points!r}; use a "
                "finite number above 0."
            )
        if entry.name in seen:
            raise PlanError(
                f"{path.name}: two written answers are named {entry.name}; grade ids must be "
                "unique, so rename one."
            )
        seen.add(entry.name)
    return Plan(points, written)


def tags(cell: nbformat.NotebookNode) -> list[str]:
    """The cell's tags, such as "exercise" and "check"."""
    return cell.get("metadata", {}).get("tags", [])


def find_exercises(nb: nbformat.NotebookNode) -> list[Exercise]:
    """Each exercise: a cell tagged "exercise", the next tagged "check", then the solution."""
    found = []
    for stub, cell in enumerate(nb.cells):
        if "exercise" not in tags(cell):
            continue
        check = next(j for j in range(stub + 1, len(nb.cells)) if "check" in tags(nb.cells[j]))
        solution_cell = next(
            j
            for j in range(check + 1, len(nb.cells))
            if nb.cells[j].cell_type == "markdown" and SOLUTION.search(nb.cells[j].source)
        )
        checker = CHECKER_CALL.search(nb.cells[check].source).group(1)
        solution = SOLUTION.search(nb.cells[solution_cell].source).group(1)
        found.append(Exercise(checker, stub, check, solution_cell, solution))
    return found


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


def plan_for(stem: str, exercises: list[Exercise], plan: Plan) -> dict[str, float | str]:
    """This notebook's points per checker; a PlanError if the plan misses or invents one."""
    points = plan.points.get(stem, {})
    found = [exercise.checker for exercise in exercises]
    missing = [name for name in found if name not in points]
    unknown = [name for name in points if name not in found]
    if missing or unknown:
        lines = "".join(f'\n  {name} = 1   (or "{SELF_CHECK}")' for name in missing)
        raise PlanError(
            f"{PLAN.name} and notebooks/{stem}.ipynb disagree."
            + (f"\nAdd under [points.{stem}]:{lines}" if missing else "")
            + (f"\nNo such exercise in {stem}: {', '.join(unknown)}" if unknown else "")
        )
    return points


def grade_exercises(nb: nbformat.NotebookNode, stem: str, plan: Plan) -> None:
    """Answer and test cells for the graded exercises; every solution block emptied."""
    exercises = find_exercises(nb)
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
        details.source = SOLUTION.sub("", details.source).strip()


def anchor(nb: nbformat.NotebookNode, start: str, stem: str) -> int:
    """The index of the one markdown cell that starts with `start`."""
    found = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "markdown" and cell.source.startswith(start)
    ]
    if len(found) != 1:
        raise PlanError(
            f"{PLAN.name}: {len(found)} markdown cells of {stem} start with {start!r}, not one."
        )
    return found[0]


def add_written(nb: nbformat.NotebookNode, stem: str, plan: Plan) -> None:
    """The hand-graded answer cells of this notebook, with their prompts."""
    for entry in (w for w in plan.written if w.notebook == stem):
        meta = nbgrader_metadata(
            f"written_{entry.name}", grade=True, solution=True, points=entry.points
        )
        region = f"### BEGIN SOLUTION\n{entry.answer.strip()}\n### END SOLUTION"
        if entry.in_cell is not None:
            cell = nb.cells[anchor(nb, entry.in_cell, stem)]
            cell.source = f"{cell.source.rstrip()}\n\n{region}"
            cell.metadata["nbgrader"] = meta
            continue
        points = f"{entry.points:g} point{'s' if entry.points != 1 else ''}"
        # Cell ids of our own, not random ones: the same plan writes the same notebook.
        prompt = nbformat.v4.new_markdown_cell(
            f"**Written answer** ({points}, graded by hand). {entry.prompt.strip()}",
            id=f"prompt-{entry.name}"[:64],
        )
        prompt.metadata["nbgrader"] = nbgrader_metadata(f"prompt_{entry.name}")
        answer = nbformat.v4.new_markdown_cell(region, id=f"written-{entry.name}"[:64])
        answer.metadata["nbgrader"] = meta
        at = anchor(nb, entry.before, stem)
        nb.cells[at:at] = [prompt, answer]


def classroom_markdown(text: str) -> tuple[str, list[str]]:
    """Markdown without Binder, README and Solution pointers, links between assignments.

    Returns the text and the repository files it shows (such as ../docs/weight_maps.gif),
    which the assignment carries beside its notebook.
    """
    text = SOLUTION_POINTER.sub("", BINDER_LINK.sub("", text))
    lines = []
    for line in text.split("\n"):
        if CONTENTS_LINK.search(line):
            line = " | ".join(part for part in line.split(" | ") if not CONTENTS_LINK.search(part))
        lines.append(line)
    text = "\n".join(lines)
    shown = REPOSITORY_FILE_LINK.findall(text)
    text = REPOSITORY_FILE_LINK.sub(lambda link: f"]({Path(link.group(1)).name})", text)
    return NOTEBOOK_LINK.sub(r"](../\1/\1.ipynb)", text), shown


def classroom_notebook(
    nb: nbformat.NotebookNode, stem: str, plan: Plan
) -> tuple[nbformat.NotebookNode, list[str]]:
    """The source version of one notebook, and the repository files it needs beside it."""
    nb = nbformat.from_dict(nb)  # a copy: the caller's notebook stays as it was
    grade_exercises(nb, stem, plan)
    add_written(nb, stem, plan)
    # The folded model answers of written questions are the grader's, not the student's.
    nb.cells = [
        cell for cell in nb.cells if cell.source.strip() and MODEL_ANSWER_TAG not in tags(cell)
    ]
    files = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # nbgrader's release has none either
        else:
            cell.source, shown = classroom_markdown(cell.source)
            files += shown
            cell.metadata.setdefault("nbgrader", nbgrader_metadata(f"text_{i:03d}"))
    return nb, files


def nbgrader_config() -> str:
    """The course's nbgrader_config.py."""
    return f'''"""nbgrader's settings for the MNIST series; `make classroom` rewrites this file.

Settings of your own (course id, late penalties, ...) go in nbgrader_config_local.py beside it:
that file is loaded last, and `make classroom` never writes it.
"""

c = get_config()  # noqa: F821  (nbgrader's config loader provides it)
c.CourseDirectory.course_id = "{COURSE_ID}"
# An answer cell holds the exercise's stub above its solution region: releasing turns the
# region into nothing, so students get the stub exactly as the self-study series has it.
c.ClearSolutions.code_stub = {{"python": ""}}
# Seconds per cell when autograding: 04 trains for a few seconds per cell on a laptop.
c.Execute.timeout = 300
# Training the student did not change runs once, in the reference solution (tools/grading.py).
try:
    import importlib.util, pathlib, sys  # noqa: E401
    # The series beside the helpers installed in nbgrader's venv (found without importing them).
    helpers = pathlib.Path(importlib.util.find_spec("helpers").origin)
    sys.path.insert(0, str(helpers.parents[1]))
    from tools.grading import training_cache_hook
    c.Autograde.pre_convert_hook = training_cache_hook
except (ImportError, AttributeError):  # no series next to helpers: grading works, without the cache
    pass
load_subconfig("nbgrader_config_local.py")  # noqa: F821
'''


def generated_files(plan: Plan) -> dict[str, bytes]:
    """What `make classroom` writes, by path inside the course folder, and the bytes of each."""
    notebooks = sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))
    stems = [path.stem for path in notebooks]
    unknown = sorted((set(plan.points) | {w.notebook for w in plan.written}) - set(stems))
    if unknown:
        raise PlanError(f"{PLAN.name} names notebooks that do not exist: {', '.join(unknown)}")
    files = {}
    for path in notebooks:
        nb, shown = classroom_notebook(nbformat.read(path, as_version=4), path.stem, plan)
        files[f"source/{path.stem}/{path.name}"] = nbformat.writes(nb).encode() + b"\n"
        for name in shown:
            files[f"source/{path.stem}/{Path(name).name}"] = (ROOT / name).read_bytes()
    files["nbgrader_config.py"] = nbgrader_config().encode()
    files["autograde.py"] = COURSE_SCRIPT.encode()
    return files


def write_file(course_dir: Path, relative: str, content: bytes) -> None:
    """Write one generated file, never through a symbolic link planted on its way."""
    target = course_dir / relative
    for part in [*reversed(target.relative_to(course_dir).parents), Path(relative)]:
        if (course_dir / part).is_symlink():
            raise PlanError(
                f"{course_dir / part} is a symbolic link; make classroom writes only real "
                "folders and files in the course folder: remove it or choose another COURSE."
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)


def write_course(course_dir: Path, plan: Plan | None = None) -> list[str]:
    """Write source/<stem>/ for each notebook, nbgrader_config.py and autograde.py; the stems.

    Only what it generates is written: a file of an earlier run that is no longer generated is
    removed if it is still as that run wrote it (MANIFEST records their digests), and every
    other file in the course folder (the teacher's, submissions, the gradebook) is left alone.
    """
    files = generated_files(plan or load_plan())
    manifest = course_dir / MANIFEST
    try:
        earlier = read_manifest(manifest)
        for relative, content in files.items():
            write_file(course_dir, relative, content)
        for relative, digest in earlier.items():
            stale = course_dir / relative
            if relative not in files and stale.is_file() and not stale.is_symlink():
                if hashlib.sha256(stale.read_bytes()).hexdigest() == digest:
                    stale.unlink()
        lines = [f"{hashlib.sha256(c).hexdigest()}  {r}" for r, c in sorted(files.items())]
        manifest.write_text(MANIFEST_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    except OSError as err:
        raise PlanError(
            f"cannot write the course folder {course_dir}: {err.strerror or err} "
            f"({err.filename}); choose a COURSE folder you can write."
        ) from None
    return sorted({Path(r).parent.name for r in files if r.startswith("source/")})


def read_manifest(manifest: Path) -> dict[str, str]:
    """{path: sha256} of what the previous `make classroom` wrote (empty on the first run)."""
    if not manifest.is_file():
        return {}
    entries = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, _, relative = line.partition("  ")
            entries[relative] = digest
    return entries


# --- for the end-to-end test and the benchmark ----------------------------------------------


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


def reference_answers(stem: str, plan: Plan | None = None) -> dict[str, str]:
    """Every answer of a notebook as its reference: solutions and model written answers."""
    nb = nbformat.read(NOTEBOOK_DIR / f"{stem}.ipynb", as_version=4)
    answers = {f"answer_{e.checker}": e.solution for e in find_exercises(nb)}
    written = (plan or load_plan()).written
    return answers | {f"written_{w.name}": w.answer for w in written if w.notebook == stem}


def submit(course_dir: Path, student: str, stem: str, answers: dict[str, str]) -> None:
    """Put a submission where `nbgrader autograde` looks: submitted/<student>/<stem>/."""
    release = course_dir / "release" / stem / f"{stem}.ipynb"
    folder = course_dir / "submitted" / student / stem
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(fill_in(nbformat.read(release, as_version=4), answers), folder / release.name)


def main(argv: list[str]) -> None:
    course_dir = Path(argv[0]) if argv else COURSE_DIR
    try:
        stems = write_course(course_dir)
    except PlanError as err:
        sys.exit(f"make classroom: {err}")
    print(f"{course_dir}: {len(stems)} assignments in source/, {stems[0]} to {stems[-1]}")
    activate = Path(sys.executable).parent / "activate"
    print("next, as docs/teaching-guide.md says (Grading with nbgrader):")
    print(f"  cd {shlex.quote(str(course_dir))}; . {shlex.quote(str(activate))}; ", end="")
    print("nbgrader generate_assignment '*'")


if __name__ == "__main__":
    main(sys.argv[1:])
