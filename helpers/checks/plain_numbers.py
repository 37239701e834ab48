"""Answers read as numbers only when they are real numbers: "0.5" and 1j are refused (issue 17).

`feedback.numbers` and `feedback.as_numbers` convert "0.5" and ["1", "0"] as NumPy does, so a
string passed as a share, a slant or a mask, and cast complex numbers to their real part (a
warning on stderr); checkers read answers through these instead.
"""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import NotYet, as_numbers, numbers

__all__ = ["is_text", "numbers_only", "numbers_or_none"]


def is_text(value: object) -> bool:
    """True for a string, bytes, or an array or list holding any."""
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return True
    if not isinstance(value, (list, tuple, np.ndarray)):
        return False
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):  # ragged lists: not numbers anyway, as_numbers says so
        return False
    if array.dtype.kind in "US":
        return True
    return array.dtype.kind == "O" and any(
        isinstance(item, (str, bytes)) or is_text(item) for item in array.reshape(-1)
    )


def _is_complex(value: object) -> bool:
    """True for complex numbers, which NumPy would cast to real with a warning on stderr."""
    if isinstance(value, complex):
        return True
    try:
        return np.asarray(value).dtype.kind == "c"
    except (TypeError, ValueError):
        return False


def _refuse_text(value: object, expected: str) -> None:
    """❌ for numbers given as text or complex (other text is not numbers: feedback says so)."""
    if _is_complex(value):
        raise NotYet(
            f"expected {expected}, got complex numbers: the answer is real, so look for a "
            "square root of a negative number or a complex dtype on the way."
        )
    if is_text(value) and as_numbers(value) is not None:
        shown = repr(value) if len(repr(value)) <= 20 else f"(a {type(value).__name__} of strings)"
        raise NotYet(
            f"expected {expected}, got text {shown}: numbers written as strings are "
            "not numbers; return the numbers themselves."
        )


def numbers_only(value: object, expected: str) -> np.ndarray:
    """feedback.numbers, with text refused instead of converted."""
    _refuse_text(value, expected)
    return numbers(value, expected)


def numbers_or_none(value: object, expected: str) -> np.ndarray | None:
    """feedback.as_numbers (None when not numbers), with text refused instead of converted."""
    _refuse_text(value, expected)
    return as_numbers(value)
