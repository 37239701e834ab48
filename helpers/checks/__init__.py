"""The exercise checkers, one module per notebook; notebooks call them as `checks.<name>(...)`.

Each checker prints one line, `✅ Correct:`, `❌ Not yet:` (what is wrong, and a hint) or
`⏳ Not attempted yet:` (in the kernel's language), and never raises on a learner's mistake;
`feedback` holds what they share. A checker is any public function of this package's modules
that carries a contract (`@checker(...)`, see `verdicts`): it is exported here without being
listed. `tests/test_exercises.py` runs every notebook with its reference solutions pasted in
and requires CORRECT from every checker.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable

from helpers.checks.verdicts import CORRECT, NOT_ATTEMPTED, NOT_YET, Contract


def _checkers() -> dict[str, Callable[..., None]]:
    """Every checker of the package by name: the functions its modules define with a contract."""
    found: dict[str, Callable[..., None]] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, value in vars(module).items():
            defined_here = getattr(value, "__module__", None) == module.__name__
            if defined_here and isinstance(getattr(value, "contract", None), Contract):
                if name in found:
                    # Notebooks call checks.<name>: two checkers cannot share one.
                    raise ImportError(f"Expected one checker named {name}, found two.")
                found[name] = value
    return found


CHECKERS = _checkers()
globals().update(CHECKERS)

__all__ = ["CORRECT", "NOT_ATTEMPTED", "NOT_YET", *CHECKERS]
