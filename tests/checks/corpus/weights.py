"""Wrong answers to 05's exercises: pixel votes, the 1 map's red erased, a digit moved down.

red_surround and shift_down_accuracy judge a model: mean-difference maps of 2,000 training
digits as weights (no training, the same on every machine) and 1,000 test digits.
"""

from __future__ import annotations

from string import Formatter

import numpy as np

import helpers
from helpers import evidence_map, load_mnist, mean_difference_maps
from helpers.messages import entries
from tests.checks.corpus import Wrong

X_train, y_train, X_test, y_test = load_mnist()
W = mean_difference_maps(X_train[:2000], y_train[:2000])
b = np.zeros(10)
X, y = X_test[:1000], y_test[:1000]
MODEL = (W, b, X, y)
x0 = X_test[0]


def with_evidence_map(x, W, k):
    return evidence_map(x, W, k).ravel() + x * W.mean(axis=1)


def through_the_module(x, W, k):
    return helpers.evidence_map(x, W, k).ravel() + x * W.mean(axis=1)


def fixed_digit(x, W, k):
    return x0 * W[:, k]


def fixed_weights(x, W, k):
    return x * MODEL[0][:, k]


def one_k(x, W, k):
    return x * W[:, 7]


def in_float32(x, W, k):
    return x.astype(np.float32) * W[:, k].astype(np.float32)


def as_text(x, W, k):
    return (x * W[:, k]).astype(str)


def no_return(x, W, k):
    votes = x * W[:, k]  # noqa: F841 (the mistake)


def squared(x, W, k):
    return x**2 * W[:, k]


def plus_bias(x, W, k):
    return x * W[:, k] + 0.1


def shifted(rows: int, cols: int = 0, roll: bool = False) -> float:
    """The model's accuracy on X moved down by rows and right by cols (zero fill, or rolled)."""
    images = X.reshape(-1, 28, 28)
    if roll:
        moved = np.roll(images, rows, axis=1)
    else:
        moved = np.zeros_like(images)
        src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
        moved[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return float(((moved.reshape(len(X), 784) @ W + b).argmax(axis=1) == y).mean())


ONE_MAP = W[:, 1].reshape(28, 28)
ROWS, COLS = np.indices((28, 28))


def piece(key: str, index: int = -1, domain: str = "checks.weights") -> str:
    """One stretch of the literal text of a sentence of an English catalog (the last: -1)."""
    return [text for text, *_ in Formatter().parse(entries(domain)[key]) if text][index]


def shifted_piece(key: str) -> str:
    """The words after the number of a sentence about a wrong shift."""
    return piece(key, domain="checks.weights_shifts")


NOT_A_MASK = piece("not_a_mask", 0)
STROKE = piece("erases_stroke", 0)
SHARE = piece("too_little_red", 1)
ACCURACY = entries("checks.weights")["accuracy_expected"]
CALL_EVIDENCE = "your function calls evidence_map from helpers, which does this exercise's whole"

CORPUS = {
    "contribution_map": [
        Wrong((with_evidence_map, x0, W), CALL_EVIDENCE, "evidence_map plus the mean"),
        Wrong((through_the_module, x0, W), CALL_EVIDENCE, "helpers.evidence_map"),
        Wrong((fixed_digit, x0, W), piece("notebook_x"), "x fixed to X_test[0]"),
        Wrong((fixed_weights, x0, W), piece("notebook_w"), "the global W"),
        Wrong(
            (one_k, x0, W),
            piece("other_class", 0) + "7" + piece("other_class", 1) + "3",
            "k fixed to 7",
        ),
        Wrong((in_float32, x0, W), piece("float32"), "float32 copies of W"),
        Wrong((as_text, x0, W), "got text", "votes as strings"),
        Wrong((no_return, x0, W), "your function returned None", "no return"),
        Wrong((squared, x0, W), piece("votes_differ", 0), "x squared"),
        Wrong(
            (plus_bias, x0, W),
            piece("votes_differ", 0) + "784" + piece("votes_differ", 1),
            "adds a bias",
        ),
    ],
    "red_surround": [
        Wrong((np.zeros((28, 28), bool), *MODEL), piece("region_empty", 0), "an empty region"),
        Wrong((np.ones((28, 28), bool), *MODEL), STROKE, "everything erased"),
        Wrong((ONE_MAP > 0, *MODEL), STROKE, "the blue stroke erased"),
        Wrong((COLS < 12, *MODEL), SHARE, "the left side only"),
        Wrong(((ROWS < 3) | (ROWS > 24), *MODEL), SHARE, "the top and bottom rows"),
        Wrong((3, *MODEL), NOT_A_MASK, "a number"),
        Wrong((np.ones((27, 28), bool), *MODEL), NOT_A_MASK, "27 rows"),
        Wrong(((ONE_MAP < 0).astype(int).astype(str), *MODEL), "got text", "a mask of strings"),
        Wrong((ONE_MAP, *MODEL), piece("not_booleans", 0), "the map itself"),
    ],
    "shift_down_accuracy": [
        Wrong((100 * shifted(1), *MODEL), shifted_piece("percentage"), "a percentage"),
        Wrong((1 - shifted(1), *MODEL), shifted_piece("error_rate"), "the error rate"),
        Wrong((shifted(0), *MODEL), shifted_piece("unshifted"), "not moved"),
        Wrong((shifted(-1), *MODEL), shifted_piece("up"), "moved up"),
        Wrong((shifted(0, 1), *MODEL), shifted_piece("right"), "moved right"),
        Wrong((shifted(0, -1), *MODEL), shifted_piece("left"), "moved left"),
        Wrong((shifted(2), *MODEL), shifted_piece("two_down"), "moved two rows"),
        Wrong((f"{shifted(1):.4f}", *MODEL), f"expected {ACCURACY}, got str", "text"),
        Wrong((10**400, *MODEL), f"expected {ACCURACY}", "10**400"),
        Wrong((np.nan, *MODEL), "nan", "NaN"),
    ],
}
