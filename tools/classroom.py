"""The series as nbgrader assignments, for teachers who grade: `make classroom`.

Usage: python -m tools.classroom [--lang LANG] [COURSE_DIR]    (default: English, classroom/)

Writes an nbgrader course directory from the notebooks of one language (notebooks/ or
notebooks/<lang>/): source/<stem>/<stem>.ipynb for each (the assignment is named after the
notebook, such as 02_softmax_model), nbgrader_config.py and autograde.py; a translation's
source folders also get a .series-language file, so the autograder's kernel speaks it.
Each checker's contract says what its exercise is worth; tools/classroom.toml holds a
teacher's overrides and the written answers (tools/classroom_plan.py), whose model answers
are in the `classroom` catalog. Structure comes from cell tags (tools/conventions.py).
In each source notebook (tools/classroom_notebook.py):

- a graded exercise's stub cell becomes an autograded answer cell: the stub, then the reference
  solution between ### BEGIN SOLUTION and ### END SOLUTION, so the release shows the stub alone;
- its check cell becomes an autograder test cell worth the exercise's points; a hidden line
  turns on strict mode, in which the checker raises instead of printing ❌ or ⏳;
- a "self-check" exercise stays as it is, and its check only prints;
- the cells tagged "solution" lose their folded solution, and so do the links to Binder and
  the README and the sentence pointing to the fold (Binder serves the series with its
  solutions); links between notebooks point to the neighbouring assignment;
- markdown cells are read-only; code cells stay editable, since learners try things in them.

Only the files it generates are written (source/<stem>/ and nbgrader_config.py, listed with
their digests in source/.make-classroom-files): a gradebook, submissions, feedback and any file
a teacher put in the course directory, source/ included, stay as they are.
"""

from __future__ import annotations

import argparse
import hashlib
import shlex
import sys
from pathlib import Path

import nbformat

from helpers.messages import ENGLISH, LANGUAGE_FILE, languages
from tools import conventions
from tools.classroom_nbgrader import fill_in, reference_answers, run_nbgrader, submit
from tools.classroom_notebook import (
    STRICT_OFF,
    STRICT_ON,
    answer_source,
    autograder_source,
    classroom_markdown,
    classroom_notebook,
)
from tools.classroom_plan import PLAN, SELF_CHECK, Plan, PlanError, load_plan
from tools.conventions import MODEL_ANSWER as MODEL_ANSWER_TAG
from tools.conventions import ROOT, find_exercises
from tools.grading import COURSE_SCRIPT

# What the tests, the benchmark and tools.hub use, wherever it is written.
__all__ = [
    "COURSE_ID",
    "MODEL_ANSWER_TAG",
    "PLAN",
    "ROOT",
    "SELF_CHECK",
    "STRICT_OFF",
    "STRICT_ON",
    "Plan",
    "PlanError",
    "answer_source",
    "autograder_source",
    "classroom_markdown",
    "classroom_notebook",
    "fill_in",
    "find_exercises",
    "generated_files",
    "load_plan",
    "reference_answers",
    "run_nbgrader",
    "submit",
    "write_course",
]

COURSE_DIR = ROOT / "classroom"
COURSE_ID = "mnist-softmax-series"
# What the last run wrote, with digests: a rerun removes only its own files, and only unchanged.
MANIFEST = "source/.make-classroom-files"
MANIFEST_HEADER = "# written by make classroom (tools/classroom.py); do not edit\n"


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


def generated_files(plan: Plan, lang: str = ENGLISH) -> dict[str, bytes]:
    """What `make classroom` writes, by path inside the course folder, and the bytes of each."""
    folder = conventions.notebook_folder(lang)
    notebooks = conventions.series_notebooks(lang)
    if not notebooks:
        raise PlanError(f"expected the notebooks of {lang!r} in {folder}; build them first.")
    stems = [path.stem for path in notebooks]
    unknown = sorted((set(plan.points) | {w.notebook for w in plan.written}) - set(stems))
    if unknown:
        raise PlanError(f"{PLAN.name} names notebooks that do not exist: {', '.join(unknown)}")
    files = {}
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        try:
            nb, shown = classroom_notebook(nb, path.stem, plan, folder, lang)
        except conventions.ConventionError as err:
            raise PlanError(f"{path.relative_to(ROOT)}: {err}") from None
        files[f"source/{path.stem}/{path.name}"] = nbformat.writes(nb).encode() + b"\n"
        for name in shown:
            files[f"source/{path.stem}/{Path(name).name}"] = (ROOT / name).read_bytes()
        if lang != ENGLISH:  # the autograder's kernel runs here: it speaks the notebook's language
            files[f"source/{path.stem}/{LANGUAGE_FILE}"] = f"{lang}\n".encode()
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


def write_course(course_dir: Path, plan: Plan | None = None, lang: str = ENGLISH) -> list[str]:
    """Write source/<stem>/ for each notebook, nbgrader_config.py and autograde.py; the stems.

    Only what it generates is written: a file of an earlier run that is no longer generated is
    removed if it is still as that run wrote it (MANIFEST records their digests), and every
    other file in the course folder (the teacher's, submissions, the gradebook) is left alone.
    """
    files = generated_files(plan or load_plan(), lang)
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


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("course_dir", nargs="?", type=Path, default=COURSE_DIR)
    parser.add_argument("--lang", default=ENGLISH, choices=languages())
    args = parser.parse_args(argv)
    try:
        stems = write_course(args.course_dir, lang=args.lang)
    except PlanError as err:
        sys.exit(f"make classroom: {err}")
    course_dir = args.course_dir
    print(f"{course_dir}: {len(stems)} assignments in source/, {stems[0]} to {stems[-1]}")
    activate = Path(sys.executable).parent / "activate"
    print("next, as docs/teaching-guide.md says (Grading with nbgrader):")
    print(f"  cd {shlex.quote(str(course_dir))}; . {shlex.quote(str(activate))}; ", end="")
    print("nbgrader generate_assignment '*'")


if __name__ == "__main__":
    main(sys.argv[1:])
