"""Faster autograding: the training a student did not change is run once, by the reference.

`make classroom`'s nbgrader_config.py names training_cache_hook as `nbgrader autograde`'s
pre-convert hook, so the teacher's command is unchanged. Before the first submission of an
assignment, the hook runs the source notebook (the reference solutions) once in a fresh kernel
with the training cache filling a private temporary folder (helpers/_training_cache.py), then
lists each entry's SHA-256 in this process's environment, which every student's kernel inherits:
a student's kernel reuses an entry only while its file still has that digest. Nothing persists
between two nbgrader commands, so no student's code from an earlier run can plant an entry.
If anything fails the hook logs it and nbgrader grades as before, without the cache.

`python autograde.py ASSIGNMENT` (the course folder's copy of COURSE_SCRIPT, written by `make
classroom`) is `nbgrader autograde ASSIGNMENT` split over the machine's cores: it fills the cache
once, then runs one `nbgrader autograde` per core, each on its own share of the submissions
(`--CourseDirectory.student_id_exclude` names the others), all writing the one gradebook.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

# As helpers/_training_cache.py reads them; not imported from it, so that nbgrader's other
# commands, which load this module through the course's config, do not import helpers.
FOLDER_ENV, MODE_ENV, ENTRIES_ENV = (
    "MNIST_TRAINING_CACHE",
    "MNIST_TRAINING_CACHE_MODE",
    "MNIST_TRAINING_CACHE_ENTRIES",
)
# Assignments whose entries the parent `autograde.py` filled and listed before starting nbgrader.
FILLED_ENV = "MNIST_TRAINING_CACHE_FILLED"
# The reference run gets the timeout nbgrader gives a cell (nbgrader_config.py).
CELL_TIMEOUT_S = 300
_filled: dict[str, str] = {}  # assignment -> its entries, for this nbgrader process


def cache_folder() -> Path:
    """This process's private cache folder, removed when the process ends."""
    folder = os.environ.get(FOLDER_ENV)
    if not folder or not Path(folder).is_dir():
        folder = tempfile.mkdtemp(prefix="mnist-training-cache-")  # mode 0700
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        os.environ[FOLDER_ENV] = folder
    return Path(folder)


def run_reference(source: Path, folder: Path) -> None:
    """Execute the source notebook (solutions in) once, with the cache filling `folder`."""
    nb = nbformat.read(source, as_version=4)
    before = {name: os.environ.get(name) for name in (FOLDER_ENV, MODE_ENV, ENTRIES_ENV)}
    os.environ.update({FOLDER_ENV: str(folder), MODE_ENV: "fill", ENTRIES_ENV: ""})
    try:
        with tempfile.TemporaryDirectory() as work:
            shutil.copytree(source.parent, work, dirs_exist_ok=True)
            resources = {"metadata": {"path": work}}
            client = NotebookClient(
                nb, timeout=CELL_TIMEOUT_S, allow_errors=True, resources=resources
            )
            client.execute()
    finally:
        for name, value in before.items():
            os.environ.pop(name, None)
            if value is not None:
                os.environ[name] = value


def entries(folder: Path) -> dict[str, str]:
    """{key: SHA-256 of its file} for every entry in the folder."""
    return {
        path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.glob("*.npz"))
    }


def fill(course: Path, assignment: str) -> dict[str, str]:
    """The trusted entries after the reference run of every notebook of the assignment."""
    folder = cache_folder()
    for source in sorted((course / "source" / assignment).glob("*.ipynb")):
        run_reference(source, folder)
    return entries(folder)


def training_cache_hook(assignment: str, student: str, notebooks: list, **_: object) -> None:
    """nbgrader's pre-convert hook: fill the cache for these assignments once, then trust it."""
    course = Path.cwd()
    filled_by_parent = os.environ.get(FILLED_ENV, "").split(",")
    for folder in sorted((course / "source").glob(assignment or "*")):
        if folder.is_dir() and folder.name not in _filled:
            if folder.name in filled_by_parent:
                _filled[folder.name] = parse(os.environ.get(ENTRIES_ENV, ""))
            else:
                _filled[folder.name] = fill(course, folder.name)
    trusted = {k: v for listed in _filled.values() for k, v in listed.items()}
    os.environ[ENTRIES_ENV] = ",".join(f"{key}={digest}" for key, digest in trusted.items())
    os.environ.pop(MODE_ENV, None)


def parse(listed: str) -> dict[str, str]:
    """{key: digest} from ENTRIES_ENV's "key=digest,..." form."""
    return dict(item.split("=", 1) for item in listed.split(",") if "=" in item)


# --- autograde.py: nbgrader autograde on every core -------------------------------------------

COURSE_SCRIPT = '''"""nbgrader autograde on every core: `python autograde.py ASSIGNMENT [--jobs N]`.

Written by `make classroom` (tools/grading.py of the series does the work). Options: --jobs N
(default: the cores this machine gives you); any other option goes to each `nbgrader autograde`
(for example --force). The grades are those one `nbgrader autograde ASSIGNMENT` gives.
"""

import importlib.util
import pathlib
import sys

# The series beside the helpers installed in this environment (as nbgrader_config.py finds it).
sys.path.insert(0, str(pathlib.Path(importlib.util.find_spec("helpers").origin).parents[1]))
from tools.grading import main  # noqa: E402

main(sys.argv[1:])
'''


def submitted(course: Path, assignment: str) -> list[str]:
    """The students with a submission of the assignment, sorted."""
    return sorted(
        p.parent.name for p in (course / "submitted").glob(f"*/{assignment}") if p.is_dir()
    )


def shares(students: list[str], jobs: int) -> list[list[str]]:
    """The students dealt into at most `jobs` non-empty shares of near-equal size."""
    dealt = [students[i::jobs] for i in range(max(1, jobs))]
    return [share for share in dealt if share]


def nbgrader_env() -> dict[str, str]:
    """This environment, its bin/ first on PATH: nbgrader runs `alembic` from PATH."""
    bin_dir = Path(sys.executable).parent
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def autograde(course: Path, assignment: str, jobs: int, options: list[str]) -> int:
    """Fill the cache once, then one `nbgrader autograde` per share; the worst return code."""
    command = [str(Path(sys.executable).parent / "nbgrader"), "autograde", assignment, *options]
    students = submitted(course, assignment)
    groups = shares(students, jobs)
    if len(groups) < 2 or any(o.startswith("--student") for o in options):
        return subprocess.call(command, cwd=course, env=nbgrader_env())
    env = nbgrader_env()
    try:
        trusted = fill(course, assignment)
        env.update(
            {
                FOLDER_ENV: str(cache_folder()),
                ENTRIES_ENV: ",".join(f"{key}={digest}" for key, digest in trusted.items()),
                FILLED_ENV: assignment,
            }
        )
    except Exception as err:  # noqa: BLE001 - as the hook: grade without the cache
        print(f"autograde.py: grading without the training cache ({err})", file=sys.stderr)
    # Each kernel gets its share of the cores, so that BLAS threads do not fight over them.
    threads = str(max(1, len(os.sched_getaffinity(0)) // len(groups)))
    env.update({name: threads for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")})
    share_commands = [
        [*command, "--CourseDirectory.student_id_exclude=" + ",".join(set(students) - set(group))]
        for group in groups
    ]
    with tempfile.TemporaryDirectory() as logs:
        runs = [(share, Path(logs) / f"share{i}.log") for i, share in enumerate(share_commands)]
        workers = [
            subprocess.Popen(share, cwd=course, env=env, stderr=log.open("w"))
            for share, log in runs
        ]
        codes = [worker.wait() for worker in workers]
        for _, log in runs:
            sys.stderr.write(log.read_text())
        # Two processes share one SQLite gradebook: a share that failed on a write which waited too
        # long for the other's is graded once more, alone, before anything is reported.
        return max(
            subprocess.call(share, cwd=course, env=env)
            if code and "database is locked" in log.read_text()
            else code
            for (share, log), code in zip(runs, codes, strict=True)
        )


def main(argv: list[str]) -> None:
    """autograde.py's command line: ASSIGNMENT [--jobs N] [nbgrader autograde options]."""
    jobs = len(os.sched_getaffinity(0))
    args = list(argv)
    if "--jobs" in args:
        at = args.index("--jobs")
        value = args[at + 1] if at + 1 < len(args) else ""
        if not value.isdigit() or int(value) < 1:
            sys.exit(f"autograde.py: --jobs takes a whole number of processes, got {value!r}.")
        jobs = int(value)
        del args[at : at + 2]
    names = [a for a in args if not a.startswith("-")]
    if len(names) != 1:
        sys.exit("usage: python autograde.py ASSIGNMENT [--jobs N] [nbgrader autograde options]")
    course = Path.cwd()
    if not (course / "source" / names[0]).is_dir():
        sys.exit(f"autograde.py: no source/{names[0]} here; run it in the course folder.")
    options = [a for a in args if a != names[0]]
    sys.exit(autograde(course, names[0], jobs, options))
