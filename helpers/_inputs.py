"""Input checks shared by the public functions: each failure says what was expected and got."""

from __future__ import annotations

import numbers

import numpy as np

NUM_PIXELS = 784
NUM_CLASSES = 10


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    return f"{type(value).__name__} {value!r}"[:120]


def as_float_matrix(X: object, name: str = "X", columns: int | None = NUM_PIXELS) -> np.ndarray:
    """Return X as a finite 2-D float array with the given number of columns."""
    if not isinstance(X, np.ndarray) or X.dtype.kind not in "fiu" or X.ndim != 2:
        raise ValueError(
            f"Expected {name} to be a 2-D numeric array of shape (n, {columns or 'k'}), "
            f"got {_describe(X)}."
        )
    if columns is not None and X.shape[1] != columns:
        hint = " (flatten each 28x28 image with X.reshape(len(X), -1))" if columns == 784 else ""
        raise ValueError(f"Expected {name} to have {columns} columns{hint}, got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError(f"Expected {name} to have at least one row, got shape {X.shape}.")
    if X.dtype.kind != "f":
        X = X.astype(np.float64)
    if not np.isfinite(X).all():
        raise ValueError(f"Expected {name} to hold only finite numbers, got NaN or infinity.")
    return X


def as_labels(y: object, num_rows: int, name: str = "y") -> np.ndarray:
    """Return y as an int64 vector of num_rows labels, each in 0..9."""
    if not isinstance(y, np.ndarray) or y.ndim != 1 or y.dtype.kind not in "iu":
        raise ValueError(
            f"Expected {name} to be a 1-D integer array of {num_rows} labels, got {_describe(y)}."
        )
    if len(y) != num_rows:
        raise ValueError(f"Expected {name} to hold {num_rows} labels (one per row), got {len(y)}.")
    if y.min() < 0 or y.max() >= NUM_CLASSES:
        raise ValueError(
            f"Expected {name} to hold labels 0 to 9, got values from {y.min()} to {y.max()}."
        )
    return y.astype(np.int64, copy=False)


def as_parameters(W: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    """Check that W has shape (784, 10) and b shape (10,), both finite floats."""
    if not isinstance(W, np.ndarray) or W.shape != (NUM_PIXELS, NUM_CLASSES):
        raise ValueError(f"Expected W of shape (784, 10), got {_describe(W)}.")
    if not isinstance(b, np.ndarray) or b.shape != (NUM_CLASSES,):
        raise ValueError(f"Expected b of shape (10,), got {_describe(b)}.")
    if W.dtype.kind != "f" or b.dtype.kind != "f":
        raise ValueError(f"Expected float W and b, got dtypes {W.dtype} and {b.dtype}.")
    if not (np.isfinite(W).all() and np.isfinite(b).all()):
        raise ValueError(
            "Expected finite W and b, got NaN or infinity: the training that made them diverged."
        )
    return W, b


def positive_number(value: object, name: str) -> float:
    """Return value as a float after checking it is a finite number above zero."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"Expected {name} to be a number above 0, got {_describe(value)}.")
    if not np.isfinite(value):
        raise ValueError(f"Expected {name} to be finite, got {value}.")
    return float(value)


def positive_int(value: object, name: str) -> int:
    """Return value as an int after checking it is a whole number of at least 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 1:
        raise ValueError(
            f"Expected {name} to be a whole number of at least 1, got {_describe(value)}."
        )
    return int(value)
