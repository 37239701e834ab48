"""Input guards of the public functions: each refusal is one sentence, what was expected and got.

Every guard returns the checked value (converted only where said), so a caller writes
`X = as_images(X)`. The arrays are the caller's own, never a copy, unless a guard says so.
The sentences are the helpers._inputs catalog's, in the learner's language.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Hashable, Iterable

import numpy as np

from helpers.messages import catalog

say = catalog("helpers._inputs")

NUM_PIXELS = 784
NUM_CLASSES = 10
# Pixels are fractions of full ink, from 0 to 1. Rounding or resampling may step a hair
# outside; the real mistakes (raw bytes up to 255, standardised images) step far outside.
PIXEL_TOLERANCE = 1e-3


def describe(value: object) -> str:
    """A value in a few words for an error: an array's shape and dtype, else type and repr.

    Used by the input errors of mlp, figures, plotting, explorer and drawing.
    """
    if isinstance(value, np.ndarray):
        return say("describe_array", shape=str(value.shape), dtype=str(value.dtype))
    if isinstance(value, (tuple, list)) and any(isinstance(v, np.ndarray) for v in value):
        kinds = ", ".join(type(v).__name__ for v in value[:4]) + (", ..." if len(value) > 4 else "")
        return say("describe_items", kind=type(value).__name__, count=len(value), kinds=kinds)
    shown = " ".join(repr(value).split())  # one line, however the value prints itself
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return say("describe_value", kind=type(value).__name__, shown=shown)


def _what(what: str) -> str:
    """The caller's English words for an array's contents, in the learner's language."""
    # Callers name the contents in English ("column shifts"); the catalog holds them as what_*.
    key = "what_" + re.sub(r"\W+", "_", what).strip("_")
    try:
        return say(key)
    except KeyError:
        return what


def _as_ndarray(value: object, name: str, expected: str) -> np.ndarray:
    """value itself if it is a numpy array of real numbers; np.matrix is refused by name."""
    if isinstance(value, np.matrix):
        # A matrix stays 2-D under indexing and reductions, so code for arrays goes wrong in it.
        raise ValueError(say("np_matrix", name=name))
    if not isinstance(value, np.ndarray) or value.dtype.kind not in "fiu":
        raise ValueError(say("not_numeric", name=name, expected=expected, got=describe(value)))
    return value


def _finite_range(value: np.ndarray, name: str) -> tuple[float, float]:
    """The smallest and largest entry of a non-empty array, after checking all are finite."""
    # min and max carry any NaN or infinity through, so two reductions check finiteness
    # without the boolean copy np.isfinite would make of a 60000 x 784 X.
    low, high = value.min(), value.max()
    if not (np.isfinite(low) and np.isfinite(high)):
        raise ValueError(say("not_finite", name=name))
    return float(low), float(high)


def as_array(
    value: object, name: str, ndim: tuple[int, ...] | None = (1, 2), what: str = ""
) -> np.ndarray:
    """Return value, a non-empty array of finite numbers with ndim axes (any number if None)."""
    axes = say("ndim_or").join(say("ndim", n=n) for n in ndim) if ndim else ""
    fields = {"axes": axes, "what": _what(what) if what else ""}
    # Four phrasings, with or without the axes and the contents: word order differs by language.
    variant = ("_axes" if axes else "") + ("_what" if what else "")
    value = _as_ndarray(value, name, say("numeric_array" + variant, **fields))
    if ndim is not None and value.ndim not in ndim:
        got = describe(value)
        raise ValueError(say("wrong_ndim" + variant, name=name, got=got, **fields))
    if value.size == 0:
        raise ValueError(say("empty_array", name=name, shape=str(value.shape)))
    _finite_range(value, name)
    return value


def _matrix_and_range(X: object, name: str, columns: int | None) -> tuple[np.ndarray, float, float]:
    expected = say("matrix_expected", columns=columns or "k")
    X = _as_ndarray(X, name, expected)
    if X.ndim != 2:
        raise ValueError(say("not_numeric", name=name, expected=expected, got=describe(X)))
    if columns is not None and X.shape[1] != columns:
        key = "wrong_columns_flatten" if columns == NUM_PIXELS else "wrong_columns"
        raise ValueError(say(key, name=name, columns=columns, shape=str(X.shape)))
    if X.shape[0] == 0:
        raise ValueError(say("no_rows", name=name, shape=str(X.shape)))
    low, high = _finite_range(X, name)
    return X, low, high


def as_float_matrix(X: object, name: str = "X", columns: int | None = NUM_PIXELS) -> np.ndarray:
    """Return X as a finite 2-D float array (n, columns); integers become a float64 copy."""
    X = _matrix_and_range(X, name, columns)[0]
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def as_images(X: object, name: str = "X") -> np.ndarray:
    """Return X, pixel images (n, 784) from 0 to 1 as load_mnist gives them; ints become float64."""
    X, low, high = _matrix_and_range(X, name, NUM_PIXELS)
    if low < -PIXEL_TOLERANCE:
        raise ValueError(say("pixels_below_zero", name=name, low=low))
    if high > 2:  # raw bytes: any ink at all is 2 or more
        raise ValueError(say("pixels_raw_bytes", name=name, high=high))
    if high > 1 + PIXEL_TOLERANCE:
        raise ValueError(say("pixels_above_one", name=name, high=high))
    return X if X.dtype.kind == "f" else X.astype(np.float64)


def as_weights(W: object, name: str = "W", *, stack: bool = False) -> np.ndarray:
    """Return W, finite weights of shape (784, 10); with stack=True a stack (k, 784, 10)."""
    shape = "(k, 784, 10)" if stack else "(784, 10)"
    W = _as_ndarray(W, name, say("array_of_shape", shape=shape))
    if W.shape[-2:] != (NUM_PIXELS, NUM_CLASSES) or W.ndim != 2 + stack:
        # scikit-learn's coef_ is (10, 784): one row per class where we keep a column.
        transposed = W.shape == (NUM_CLASSES, NUM_PIXELS)
        key = "weights_transposed" if transposed else "weights_shape"
        raise ValueError(say(key, name=name, shape=shape, got=describe(W)))
    if W.size and not np.isfinite(W).all():
        raise ValueError(say("weights_not_finite", name=name))
    return W


def as_bias(b: object, name: str = "b") -> np.ndarray:
    """Return b, a finite vector of shape (10,), one bias per class."""
    b = _as_ndarray(b, name, say("array_of_shape", shape="(10,)"))
    if b.shape != (NUM_CLASSES,):
        raise ValueError(say("bias_shape", name=name, got=describe(b)))
    if not np.isfinite(b).all():
        raise ValueError(say("bias_not_finite", name=name))
    return b


def as_parameters(W: object, b: object) -> tuple[np.ndarray, np.ndarray]:
    """Return (W, b) after as_weights and as_bias: W (784, 10) and b (10,), finite numbers."""
    return as_weights(W), as_bias(b)


def as_labels(y: object, num_rows: int, name: str = "y") -> np.ndarray:
    """Return y as an int64 vector of num_rows labels, each in 0..9."""
    if not isinstance(y, np.ndarray) or y.ndim != 1 or y.dtype.kind not in "iu":
        raise ValueError(say("labels_type", name=name, rows=num_rows, got=describe(y)))
    if len(y) != num_rows:
        raise ValueError(say("labels_count", name=name, rows=num_rows, count=len(y)))
    if y.min() < 0 or y.max() >= NUM_CLASSES:
        raise ValueError(say("labels_range", name=name, low=y.min(), high=y.max()))
    return y.astype(np.int64, copy=False)


def as_writable_float64(x: object, name: str = "x") -> np.ndarray:
    """Return x, a float64 array that may be changed in place (any shape, any memory order)."""
    x = _as_ndarray(x, name, say("float64_array"))
    if x.dtype != np.float64:
        raise ValueError(say("not_float64", name=name, dtype=str(x.dtype)))
    if not x.flags.writeable:
        raise ValueError(say("read_only", name=name))
    return x


def finite_number(value: object, name: str) -> float:
    """Return value as a float after checking it is one finite real number (or a 0-D array)."""
    if isinstance(value, np.ndarray) and value.shape == ():
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(say("not_one_number", name=name, got=describe(value)))
    if not np.isfinite(value):
        raise ValueError(say("not_finite_number", name=name, value=value))
    return float(value)


def positive_number(value: object, name: str) -> float:
    """Return value as a float after checking it is a finite number above zero."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not value > 0:
        raise ValueError(say("not_positive", name=name, got=describe(value)))
    if not np.isfinite(value):
        raise ValueError(say("positive_not_finite", name=name, value=value))
    return float(value)


def whole_number(value: object, name: str, low: int = 0, high: int | None = None) -> int:
    """Return value as an int after checking it is a whole number from low to high (inclusive)."""
    span = say("span_at_least", low=low) if high is None else say("span", low=low, high=high)
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        # steps=1e4 is a float: say how to write it rather than only that it is wrong.
        if isinstance(value, float) and value.is_integer():
            got, whole = describe(value), int(value)
            raise ValueError(say("not_whole_write", name=name, span=span, got=got, whole=whole))
        raise ValueError(say("not_whole", name=name, span=span, got=describe(value)))
    if value < low or (high is not None and value > high):
        raise ValueError(say("whole_out_of_range", name=name, span=span, got=value))
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
        raise ValueError(say("not_one_of", name=name, options=options, got=describe(value)))
    return value


def as_whole_numbers(values: object, name: str, low: int, high: int) -> np.ndarray:
    """Return values as sorted, distinct int64 numbers from low to high; a non-empty 1-D list."""
    fields = {"name": name, "low": low, "high": high}
    try:
        array = np.asarray(values)
    except (TypeError, ValueError):  # a ragged list
        array = np.asarray(None)
    if array.ndim != 1 or array.size == 0 or array.dtype.kind not in "fiu":
        raise ValueError(say("whole_numbers_list", got=describe(values), **fields))
    if array.dtype.kind == "f":
        fractional = array[~np.isfinite(array) | (array != np.round(array))]
        if fractional.size:
            raise ValueError(say("whole_numbers", got=f"{fractional[0]:g}", **fields))
    outside = array[(array < low) | (array > high)]
    if outside.size:
        raise ValueError(say("whole_numbers", got=f"{outside[0]:g}", **fields))
    return np.unique(array.astype(np.int64))
