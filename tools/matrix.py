"""The reproducibility matrix: strict nbval over every notebook, once per configuration that a
learner's laptop, a teacher's CI or Binder may have.

    python -m tools.matrix             run every configuration
    python -m tools.matrix --list      list them, with what each changes
    python -m tools.matrix NAME ...    run some of them
    python -m tools.matrix NAME --notebook notebooks/05_reading_the_weights.ipynb
                                       only that notebook (repeatable)

Each configuration runs `pytest notebooks` (strict nbval with the sanitize file, exactly as
`make test` does) in a fresh process with its own environment, user, folder or virtual
environment, and a table at the end gives each one's pass count and time. The translations
(notebooks/<lang>/) run where a language could change what prints: locale-c,
minimum-versions and binder-pins. Two virtual
environments are built on first use and kept while their requirements stay the same: every
dependency at the minimum `pyproject.toml` declares, and Binder's exact pins.

Nothing here sets OPENBLAS_CORETYPE or OPENBLAS_L2_SIZE: some machines set them so that
OpenBLAS computes correctly, and the outputs must hold whatever kernel OpenBLAS picks.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from packaging.requirements import Requirement

from tools import conventions
from tools.binder_pins import make_venv

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
MATRIX_DIR = Path(os.environ.get("MATRIX_DIR", Path(tempfile.gettempdir()) / "mnist-series-matrix"))
# A clone whose path holds a space and letters outside ASCII, as on many learners' laptops.
ODD_PATH = MATRIX_DIR / "Ørsted's classroom" / "mnist séries"
NOBODY = 65534  # the unprivileged user every Linux has
# The oldest Python the project supports goes with the oldest dependencies.
MINIMUM_PYTHON = os.environ.get("MINIMUM_PYTHON", "python3.10")
# Binder's Python (binder/runtime.txt); the system's, so that a non-root user can run it too.
BINDER_PYTHON = os.environ.get("BINDER_PYTHON", "/usr/bin/python3")


@dataclass
class Config:
    """One run of strict nbval: what it changes, in which venv, as whom, in which folder."""

    name: str
    what: str
    env: dict[str, str | None] = field(default_factory=dict)  # None: unset the variable
    venv: str = "project"  # "project" (the one running this), "minimum" or "binder"
    as_nobody: bool = False
    home: str | None = None  # "temp": a fresh writable HOME; else a path
    odd_path: bool = False
    # Also the translations (notebooks/<lang>/): where the language could change what prints.
    translations: bool = False


CONFIGS = [
    Config("blas-1-thread", "OpenBLAS and OpenMP with one thread", {
        "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}),
    Config("blas-4-threads", "OpenBLAS and OpenMP with four threads on two cores", {
        "OPENBLAS_NUM_THREADS": "4", "OMP_NUM_THREADS": "4"}),
    Config("locale-c", "LC_ALL=C, the bare POSIX locale of many containers", {
        "LC_ALL": "C", "LANG": "C"}, translations=True),
    Config("odd-path", "a copy in a folder whose path holds a space and non-ASCII letters",
           odd_path=True),
    Config("non-root", "an unprivileged user with a fresh home", venv="binder",
           as_nobody=True, home="temp"),
    Config("home-unwritable", "an unprivileged user whose HOME does not exist, no MPLCONFIGDIR",
           {"MPLCONFIGDIR": None, "XDG_CONFIG_HOME": None, "XDG_CACHE_HOME": None},
           venv="binder", as_nobody=True, home="/nonexistent"),
    Config("mplbackend-agg", "MPLBACKEND=agg, which CI images often set", {
        "MPLBACKEND": "agg"}),
    Config("minimum-versions", "every dependency at the minimum pyproject.toml declares",
           venv="minimum", translations=True),
    Config("binder-pins", "exactly the versions binder/requirements.txt pins", venv="binder",
           translations=True),
]  # fmt: skip


def minimum_pins() -> list[str]:
    """`name==minimum` for each of pyproject's dependencies, read from pyproject itself."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    pins = []
    for requirement in map(Requirement, project["dependencies"]):
        floors = [spec.version for spec in requirement.specifier if spec.operator == ">="]
        if len(floors) != 1:
            raise ValueError(f"Expected one `>=` minimum for {requirement}, got {floors}.")
        marker = f"; {requirement.marker}" if requirement.marker else ""
        pins.append(f"{requirement.name}=={floors[0]}{marker}")
    return pins


def find_python(command: str) -> str:
    """The path of a working `command` (such as python3.10), also among pyenv's versions."""
    candidates = [shutil.which(command) or command]
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    version = command.removeprefix("python")
    candidates += sorted(map(str, pyenv.glob(f"{version}*/bin/{command}")), reverse=True)
    for candidate in candidates:
        if subprocess.run([candidate, "-c", ""], capture_output=True).returncode == 0:
            return candidate
    raise FileNotFoundError(f"Expected {command} on PATH or in pyenv, found none that runs.")


def venv_python(kind: str) -> Path:
    """The python of a matrix venv, built (or rebuilt when its requirements changed) first."""
    if kind == "project":
        return Path(sys.executable)
    binder = ROOT / "binder"
    if kind == "minimum":
        base, requirements = find_python(MINIMUM_PYTHON), minimum_pins()
    else:
        base = BINDER_PYTHON
        requirements = [(binder / name).read_text() for name in ("requirements.txt", "postBuild")]
    folder = MATRIX_DIR / f"venv-{kind}"
    python, stamp = folder / "bin" / "python", folder / "requirements.stamp"
    wanted = "\n".join([base, *requirements])
    if stamp.is_file() and stamp.read_text() == wanted and python.exists():
        return python
    print(f"building the {kind} venv in {folder} ...", flush=True)
    start = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    pip = [str(python), "-m", "pip", "install", "-qq"]  # errors only: no index notices
    if kind == "binder":
        make_venv(folder, python=base)  # as Binder installs: the pins, then postBuild
    else:
        subprocess.run([base, "-m", "venv", str(folder)], check=True)
        subprocess.run([*pip, *requirements], check=True)
        # The helpers' own metadata (notebook 00's environment check reads it), not its
        # code: each run imports helpers from the tree under test, through PYTHONPATH.
        subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    # pytest-xdist only spreads the notebooks over both cores; it changes nothing they print.
    subprocess.run([*pip, "pytest-xdist"], check=True)
    folder.chmod(0o755)
    stamp.write_text(wanted)
    print(f"built the {kind} venv in {time.perf_counter() - start:.0f} s", flush=True)
    return python


def copy_tree(destination: Path) -> Path:
    """Copy the repository's files (tracked and new, not ignored) into destination."""
    shutil.rmtree(destination, ignore_errors=True)
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, check=True,
    ).stdout.decode().split("\0")  # fmt: skip
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    for folder in [destination, *destination.parents]:
        if folder == MATRIX_DIR.parent:
            break
        folder.chmod(0o755)  # readable by the unprivileged user too
    for path in destination.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return destination


def environment(config: Config, tree: Path) -> dict[str, str]:
    """The process environment of one configuration."""
    env = dict(os.environ)
    # The tree under test, not wherever the venv's editable install points.
    env["PYTHONPATH"] = str(tree)
    if config.as_nobody:
        # The project's MPLCONFIGDIR belongs to root; the unprivileged user must manage alone.
        env.pop("MPLCONFIGDIR", None)
        env["USER"] = env["LOGNAME"] = "nobody"
    if config.home == "temp":
        home = MATRIX_DIR / "home-nobody"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        if os.geteuid() == 0:
            os.chown(home, NOBODY, NOBODY)
        env["HOME"] = str(home)
    elif config.home:
        env["HOME"] = config.home
    for name, value in config.env.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def translation_folders() -> list[str]:
    """notebooks/<lang> for each translation, as tools/conventions.py finds them."""
    folders = map(conventions.notebook_folder, conventions.languages_present()[1:])
    return [folder.relative_to(conventions.ROOT).as_posix() for folder in folders]


def nbval_command(config: Config, python: Path | str, notebooks: tuple[str, ...]) -> list[str]:
    """The pytest command of one configuration, run from the tree under test."""
    command = [str(python), "-m", "pytest", *notebooks, "-q", "-p", "no:cacheprovider"]
    if not config.translations and notebooks == ("notebooks",):  # the English notebooks only
        command += [f"--ignore={folder}" for folder in translation_folders()]
    return [*command, "-n", "2", "--dist", "loadscope"]


def run(config: Config, notebooks: tuple[str, ...] = ("notebooks",)) -> tuple[str, float]:
    """Run strict nbval over the notebooks in one configuration; returns (summary, seconds)."""
    python = venv_python(config.venv)
    if config.odd_path:
        tree = copy_tree(ODD_PATH)
    elif config.as_nobody:
        tree = copy_tree(MATRIX_DIR / "tree")  # where the unprivileged user may read
    else:
        tree = ROOT
    env = environment(config, tree)
    prefix = []
    if config.as_nobody and os.geteuid() == 0:
        prefix = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "--"]
    # The kernels must import the helpers of the tree under test.
    found = subprocess.run(
        [*prefix, str(python), "-c", "import helpers; print(helpers.__file__)"],
        cwd=tree / "notebooks", env=env, capture_output=True, text=True,
    )  # fmt: skip
    if not found.stdout.strip().startswith(str(tree)):
        return f"helpers not importable from the tree: {found.stdout}{found.stderr}", 0.0
    command = [*prefix, *nbval_command(config, python, notebooks)]
    print(f"\n=== {config.name}: {config.what}", flush=True)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    lines = result.stdout.strip().splitlines()
    summary = re.sub(r"\s+in [\d.]+s.*", "", lines[-1] if lines else "no output").strip("= ")
    if result.returncode != 0:
        print(result.stdout[-6000:], result.stderr[-3000:], sep="\n")
        summary = f"FAILED: {summary}"
    print(f"{config.name}: {summary} ({seconds:.0f} s)", flush=True)
    return summary, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="configurations to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the configurations")
    parser.add_argument(
        "--notebook",
        action="append",
        help="a notebook to check (repeatable; default: all of notebooks/)",
    )
    args = parser.parse_args(argv)
    by_name = {config.name: config for config in CONFIGS}
    if args.list:
        for config in CONFIGS:
            also = " (and the translations)" if config.translations else ""
            print(f"{config.name:<18} {config.what}{also}")
        return 0
    unknown = sorted(set(args.names) - set(by_name))
    if unknown:
        parser.error(f"unknown configuration {unknown}; expected some of {sorted(by_name)}")
    MATRIX_DIR.mkdir(parents=True, exist_ok=True)
    MATRIX_DIR.chmod(0o755)
    start = time.perf_counter()
    notebooks = tuple(args.notebook or ["notebooks"])
    results = {name: run(by_name[name], notebooks) for name in args.names or by_name}
    print("\n| configuration | strict nbval | time |\n| --- | --- | --- |")
    for name, (summary, seconds) in results.items():
        print(f"| {name} | {summary} | {seconds:.0f} s |")
    print(f"whole matrix: {time.perf_counter() - start:.0f} s")
    failed = [name for name, (summary, _) in results.items() if not summary[:1].isdigit()]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
