"""Checkers for the exercises: each prints one verdict, so a notebook runs end to end.

An exercise cell ships as a stub (`answer = ...`, or a function whose body is `...`).
Its checker prints exactly one line starting with one of the three markers below;
tests/test_exercises.py runs every notebook with the reference solutions pasted in and
requires CORRECT from every checker.
"""

from __future__ import annotations

import numpy as np

CORRECT = "✅ Correct:"
NOT_YET = "❌ Not yet:"
NOT_ATTEMPTED = "⏳ Not attempted yet:"


def say(verdict: str, message: str) -> None:
    """Print one feedback line: a verdict marker followed by a sentence."""
    print(f"{verdict} {message}")


def is_stub(answer: object) -> bool:
    """True for an untouched stub: `...`, or None (what a function whose body is `...` returns)."""
    return answer is ... or answer is None


def call_attempt(func: object, *args: object) -> tuple[str, object]:
    """Run a learner's function; returns ("stub", None), ("error", message) or ("ok", result)."""
    if not callable(func):
        return "error", f"expected a function, got {type(func).__name__}."
    try:
        result = func(*args)
    except NotImplementedError:
        return "stub", None
    except Exception as err:  # a learner's bug is feedback, not a crash of the notebook
        return "error", f"your function raised {type(err).__name__}: {err}"
    return ("stub", None) if is_stub(result) else ("ok", result)


def _check_value(
    answer: object, expected: float, *, what: str, hint: str, tolerance: float = 1e-9
) -> None:
    """Shared shape of checkers whose answer is a single number."""
    if is_stub(answer):
        say(NOT_ATTEMPTED, f"replace the ... with {what}, then run this cell again.")
    elif not isinstance(answer, (int, float, np.integer, np.floating)) or isinstance(answer, bool):
        say(NOT_YET, f"expected a number for {what}, got {type(answer).__name__}.")
    elif abs(float(answer) - expected) > tolerance * max(1.0, abs(expected)):
        say(NOT_YET, f"{answer} is not {what}. Hint: {hint}")
    else:
        say(CORRECT, f"{answer} is {what}.")


# --- 00_welcome -------------------------------------------------------------------------


def check_pixel_count(answer: object) -> None:
    """Exercise in 00: how many numbers describe one 28x28 image."""
    _check_value(
        answer,
        784,
        what="the number of pixels in a 28x28 image",
        hint="an image has 28 rows of 28 pixels each; multiply.",
    )


# --- 01_loading_mnist -------------------------------------------------------------------


# --- 02_softmax_model --------------------------------------------------------------------


# --- 03_deriving_the_gradient ------------------------------------------------------------


# --- 04_training_by_hand -----------------------------------------------------------------


# --- 05_reading_the_weights --------------------------------------------------------------


# --- 06_watching_training ----------------------------------------------------------------


# --- end of checkers: every check_* above is exported from helpers -----------------------
__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    *sorted(n for n in dir() if n.startswith("check_")),
]
