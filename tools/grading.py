"""Faster autograding: the training a student did not change is run once, by the reference.

`make classroom`'s nbgrader_config.py names training_cache_hook as `nbgrader autograde`'s
pre-convert hook, so the teacher's command is unchanged. Before the first submission of an
assignment, the hook runs the source notebook (the reference solutions) once in a fresh kernel
with the training cache filling a private temporary folder (helpers/_training_cache.py), then
lists each entry's SHA-256 in this process's environment, which every student's kernel inherits:
a student's kernel reuses an entry only while its file still has that digest. Nothing persists
between two nbgrader commands, so no student's code from an earlier run can plant an entry.
If anything fails the hook logs it and nbgrader grades as before, without the cache.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
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
    for folder in sorted((course / "source").glob(assignment or "*")):
        if folder.is_dir() and folder.name not in _filled:
            _filled[folder.name] = fill(course, folder.name)
    trusted = {k: v for listed in _filled.values() for k, v in listed.items()}
    os.environ[ENTRIES_ENV] = ",".join(f"{key}={digest}" for key, digest in trusted.items())
    os.environ.pop(MODE_ENV, None)
