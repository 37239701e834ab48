"""Input guards of the public functions: each refusal is one sentence, what was expected and got.

Every guard returns the checked value (converted only where said), so a caller writes
`X = as_images(X)`. The arrays are the caller's own, never a copy, unless a guard says so.
"""

from __future__ import annotations

import numbers
from collections.abc import Hashable, Iterable

import numpy as np

NUM_PIXELS = 784
NUM_CLASSES = 10
# Pixels are fractions of full ink, from 0 to 1. Rounding or resampling may step a hair
# outside; the real mistakes (raw bytes up to 255, standardised images) step far outside.
PIXEL_TOLERANCE = 1e-3


def _describe(value: object) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (tuple, list)) and any(isinstance(v, np.ndarray) for v in value):
        kinds = ", ".join(type(v).__name__ for v in value[:4]) + (", ..." if len(value) > 4 else "")
        return f"a {type(value).__name__} of {len(value)} items ({kinds})"
    shown = " ".join(repr(value).split())  # one line, however the value prints itself
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:57] + '...'}"


def _as_ndarray(value: object, name: str, expected: str) -> np.ndarray:
    """value itself if it is a numpy array of real numbers; np.matrix is refused by name."""
    if isinstance(value, np.matrix):
        # A matrix stays 2-D under indexing and reductions, so code for arrays goes wrong in it.
        raise ValueError(
            f"Expected {name} to be a numpy array, got an np.matrix: convert it with "
            f"np.asarray({name})."
        )
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "fiu":
        raise ValueError(f"Expected {name} to be {expected}, got {_describe(value)}.")
    return value


def _finite_range(value: np.ndarray, name: str) -> tuple[float, float]:
    """The smallest and largest entry of a non-empty array, after checking all are finite."""
    # min and max carry any NaN or infinity through, so two reductions check finiteness
    # without the boolean copy np.isfinite would make of a 60000 x 784 X.
    low, high = value.min(), value.max()
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(f"Expected {name} to hold only finite numbers, got NaN or infinity.")
    return float(low), float(high)


def as_array(
    value: object, name: str, ndim: tuple[int, ...] | None = (1, 2), what: str = ""
) -> np.ndarray:
    """Return value, a non-empty array of finite numbers with ndim axes (any number if None)."""
    axes = " or ".join(f"{n}-D" for n in ndim) + " " if ndim else ""
    of_what = f" of {what}" if what else ""
    value = _as_ndarray(value, name, f"a {axes}numeric array{of_what}")
    if ndim is not None and value.ndim not in ndim:
        raise ValueError(f"Expected {name} to be a {axes}array{of_what}, got {_describe(value)}.")
    if value.size == 0:
        raise ValueError(f"Expected {name} to hold at least one number, got shape {value.shape}.")
    _finite_range(value, name)
    return value


def _matrix_and_range(X: object, name: str, columns: int | None) -> tuple[np.ndarray, float, float]:
    X = _as_ndarray(X, name, f"a 2-D numeric array of shape (n, {columns or 'k'})")
    if X.ndim != 2:
        raise ValueError(
            f"Expected {name} to be a 2-D numeric array of shape (n, {columns or 'k'}), "
            f"got {_describe(X)}."
        )
    if columns is not None and X.shape[1] != columns:
        flatten = f" (flatten each 28x28 image with {name}.reshape(len({name}), -1))"
        hint = flatten if columns == NUM_PIXELS else ""
        raise ValueError(f"Expected {name} to have {columns} columns{hint}, got shape {X.shape}.")
    if X.shape[0] == 0:
        raise ValueError(f"Expected {name} to have at least one row, got shape {X.shape}.")
    low, high = _finite_range(X, name)
    return X, low, high


def as_float_matrix(X: object, name: str = "X", columns: int | None = NUM_PIXELS) -> np.ndarray:
    """Return X as a finite 2-D float array (n, columns); integers become a float64 copy."""
    X = _matrix_and_range(X, name, columns)[0]
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def as_images(X: object, name: str = "X") -> np.ndarray:
    """Return X, pixel images (n, 784) from 0 to 1 as load_mnist gives them; ints become float64."""
    X, low, high = _matrix_and_range(X, name, NUM_PIXELS)
    expected = f"Expected {name} with pixels between 0 and 1"
    if low < -PIXEL_TOLERANCE:
        raise ValueError(
            f"{expected}, got values down to {low:.4g}: use the images as load_mnist gives "
            "them, from 0 (blank) to 1 (full ink), not centred or standardised."
        )
    if high > 2:  # raw bytes: any ink at all is 2 or more
        raise ValueError(
            f"{expected}, got values up to {high:.4g}: divide the raw bytes by 255, "
            "as load_mnist does."
        )
    if high > 1 + PIXEL_TOLERANCE:
        raise ValueError(
            f"{expected}, got values up to {high:.4g}: clip them with np.clip({name}, 0, 1)."
        )
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def as_weights(W: object, name: str = "W", *, stack: bool = False) -> np.ndarray:
    """Return W, finite weights of shape (784, 10); with stack=True a stack (k, 784, 10)."""
    shape = "(k, 784, 10)" if stack else "(784, 10)"
    W = _as_ndarray(W, name, f"a numeric array of shape {shape}")
    if W.shape[-2:] != (NUM_PIXELS, NUM_CLASSES) or W.ndim != 2 + stack:
        # scikit-learn's coef_ is (10, 784): one row per class where we keep a column.
        hint = f" (transpose it with {name}.T)" if W.shape == (NUM_CLASSES, NUM_PIXELS) else ""
        raise ValueError(
            f"Expected {name} of shape {shape}, one column per class{hint}, got {_describe(W)}."
        )
    if W.size and not np.isfinite(W).all():
        raise ValueError(
            f"Expected finite {name}, got NaN or infinity, as a training that diverged leaves "
            "its weights."
        )
    return W


def as_bias(b: object, name: str = "b") -> np.ndarray:
    """Return b, a finite vector of shape (10,), one bias per class."""
    b = _as_ndarray(b, name, "a numeric array of shape (10,)")
    if b.shape != (NUM_CLASSES,):
        raise ValueError(f"Expected {name} of shape (10,), one bias per class, got {_describe(b)}.")
    if not np.isfinite(b).all():
        raise ValueError(
            f"Expected finite {name}, got NaN or infinity, as a training that diverged leaves "
            "its biases."
        )
    return b


def as_parameters(W: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    """Return (W, b) after as_weights and as_bias: W (784, 10) and b (10,), finite numbers."""
    return as_weights(W), as_bias(b)


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


def as_writable_float64(x: object, name: str = "x") -> np.ndarray:
    """Return x, a float64 array that may be changed in place (any shape, any memory order)."""
    x = _as_ndarray(x, name, "a float64 array")
    if x.dtype != np.float64:
        raise ValueError(
            f"Expected {name} to be a float64 array (float32 is too coarse for eps=1e-6), "
            f"got dtype {x.dtype}: convert it with {name}.astype(np.float64)."
        )
    if not x.flags.writeable:
        raise ValueError(
            f"Expected {name} to be writable, got a read-only array: pass {name}.copy()."
        )
    return x


def finite_number(value: object, name: str) -> float:
    """Return value as a float after checking it is one finite real number (or a 0-D array)."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"Expected {name} to be one number, got {_describe(value)}.")
    if not np.isfinite(value):
        raise ValueError(f"Expected {name} to be a finite number, got {value}.")
    return float(value)


def positive_number(value: object, name: str) -> float:
    """Return value as a float after checking it is a finite number above zero."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(f"Expected {name} to be a number above 0, got {_describe(value)}.")
    if not np.isfinite(value):
        raise ValueError(f"Expected {name} to be finite, got {value}.")
    return float(value)


def whole_number(value: object, name: str, low: int = 0, high: int | None = None) -> int:
    """Return value as an int after checking it is a whole number from low to high (inclusive)."""
    span = f"of at least {low}" if high is None else f"from {low} to {high}"
    expected = f"Expected {name} to be a whole number {span}"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        # steps=1e4 is a float: say how to write it rather than only that it is wrong.
        whole = isinstance(value, float) and value.is_integer()
        fix = f": write it as {int(value)}" if whole else ""
        raise ValueError(f"{expected}, got {_describe(value)}{fix}.")
    if value < low or (high is not None and value > high):
        raise ValueError(f"{expected}, got {value}.")
    return int(value)


def positive_int(value: object, name: str) -> int:
    """Return value as an int after checking it is a whole number of at least 1."""
    return whole_number(value, name, low=1)


def one_of(value: object, name: str, choices: Iterable[Hashable]) -> object:
    """Return value after checking it is one of choices (compared by ==, so 1 counts as True)."""
    choices = tuple(choices)
    # An array is not hashable; testing `in` on it would raise numpy's ambiguous-truth error.
    if not isinstance(value, Hashable) or value not in set(choices):
        options = ", ".join(map(repr, choices))
        raise ValueError(f"Expected {name} to be one of {options}, got {_describe(value)}.")
    return value


def as_whole_numbers(values: object, name: str, low: int, high: int) -> np.ndarray:
    """Return values as sorted, distinct int64 numbers from low to high; a non-empty 1-D list."""
    expected = f"Expected {name} to hold whole numbers from {low} to {high}"
    try:
        array = np.asarray(values)
    except (TypeError, ValueError):  # a ragged list
        array = np.asarray(None)
    if array.ndim != 1 or array.size == 0 or array.dtype.kind not in "fiu":
        raise ValueError(
            f"{expected}, at least one, in a list or 1-D array, got {_describe(values)}."
        )
    if array.dtype.kind == "f":
        fractional = array[~np.isfinite(array) | (array != np.round(array))]
        if fractional.size:
            raise ValueError(f"{expected}, got {fractional[0]:g}.")
    outside = array[(array < low) | (array > high)]
    if outside.size:
        raise ValueError(f"{expected}, got {outside[0]:g}.")
    return np.unique(array.astype(np.int64))
