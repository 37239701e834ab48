"""The environment check of notebook 00: is every package present and recent enough?"""

from __future__ import annotations

import sys
from importlib import metadata

from packaging.requirements import Requirement
from packaging.version import Version

DISTRIBUTION = "mnist-logreg-helpers"
MIN_PYTHON = (3, 10)


def requirements() -> list[Requirement]:
    """The packages the series needs, read from the installed helpers' own metadata."""
    # One source of truth: pyproject.toml's dependencies, as pip recorded them.
    declared = metadata.requires(DISTRIBUTION) or []
    return [req for req in map(Requirement, declared) if req.marker is None]


def check_environment() -> bool:
    """Print one line per requirement (ok, too old, or missing); True if all are ok."""
    lines = [("python", sys.version_info >= MIN_PYTHON, "3.10 or newer")]
    for req in requirements():
        minimum = ", ".join(str(spec) for spec in req.specifier) or "any version"
        try:
            installed = Version(metadata.version(req.name))
        except metadata.PackageNotFoundError:
            lines.append((req.name, None, minimum))
            continue
        lines.append((req.name, req.specifier.contains(installed, prereleases=True), minimum))
    for name, ok, needed in lines:
        verdict = {True: "ok", False: "TOO OLD", None: "MISSING"}[ok]
        print(f"{name:<14} {verdict:<8} (needs {needed})")
    problems = [name for name, ok, _ in lines if not ok]
    if problems:
        print(f"Fix: run `make lab` again, or `pip install -e .` in the repository ({problems}).")
    else:
        print(f"All {len(lines)} checks passed: you are ready.")
    return not problems
