"""Binder's exact pins: write them from pyproject.toml, or build a virtualenv from them.

    python -m tools.binder_pins              rewrite binder/requirements.txt (`make binder`)
    python -m tools.binder_pins --venv DIR [--python PYTHON]
                                             create DIR, a virtualenv installed as Binder does

Binder (repo2docker) reads only binder/: it installs Python from runtime.txt, runs
`pip install -r binder/requirements.txt`, then binder/postBuild (helpers, JupyterLab's
settings, matplotlib's font cache). The pins are pyproject.toml's dependencies, not the dev
extras, resolved by uv for that Python on Linux x86-64, so every launch gets the versions the
test matrix ran. Writing them needs uv (`pip install uv`) and PyPI; the virtualenv needs pip
and PyPI, so build it before the test suite, whose offline guard refuses downloads.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / "binder"
PINS = BINDER / "requirements.txt"


def binder_python() -> str:
    """The Python version Binder runs, from binder/runtime.txt ("python-3.11" gives "3.11")."""
    return (BINDER / "runtime.txt").read_text().strip().removeprefix("python-")


def write_pins() -> None:
    """Resolve pyproject.toml's dependencies for Binder and write binder/requirements.txt."""
    command = [
        *(sys.executable, "-m", "uv", "pip", "compile", "--quiet"),
        *("pyproject.toml", str((BINDER / "requirements.in").relative_to(ROOT))),
        *("--python-version", binder_python()),
        # mybinder.org runs Ubuntu on x86-64; manylinux_2_28 wheels run there.
        *("--python-platform", "x86_64-manylinux_2_28"),
        # The file's header then says how to regenerate it.
        *("--custom-compile-command", "make binder"),
        *("--output-file", str(PINS.relative_to(ROOT))),
    ]
    subprocess.run(command, cwd=ROOT, check=True)


def make_venv(path: Path, python: str = sys.executable) -> None:
    """Create a virtualenv at path from python with Binder's pins, then run binder/postBuild."""
    ask = [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"]
    version = subprocess.run(ask, capture_output=True, text=True, check=True).stdout.strip()
    if version != binder_python():
        sys.exit(f"Binder runs Python {binder_python()}, but {python} is Python {version}")
    subprocess.run([python, "-m", "venv", str(path)], check=True)
    bin_dir = Path(path).resolve() / "bin"
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "-qq", "-r", PINS], check=True)
    # postBuild calls `python`: put the new environment first on PATH, as Binder's image does.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run([BINDER / "postBuild"], cwd=ROOT, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", type=Path, help="build a virtualenv here instead")
    parser.add_argument("--python", default=sys.executable, help="the venv's Python")
    args = parser.parse_args()
    start = time.perf_counter()
    if args.venv is None:
        write_pins()
        print(f"wrote {PINS.relative_to(ROOT)} for Python {binder_python()}")
    else:
        make_venv(args.venv, args.python)
        print(f"built {args.venv} from Binder's pins in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
