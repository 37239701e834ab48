"""Checkers of 05_reading_the_weights: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.maps import mean_difference_maps

rng = np.random.default_rng(5)
X0, W0 = rng.random(784), rng.normal(size=(784, 10))  # a digit and weights for contribution_map


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def votes(x, W, k):
    return x * W[:, k]


@pytest.mark.parametrize(
    ("contribution_map", "line"),
    [
        (
            stub,
            "⏳ Not attempted yet: replace the ... in contribution_map with its one line, then "
            "run this cell again.",
        ),
        (
            votes,
            "✅ Correct: contribution_map gives the 784 pixel votes x_i * w_ik; their sum plus "
            "b_k is the score z_k.",
        ),
        (
            lambda x, W, k: votes(x, W, k).reshape(28, 28),
            "❌ Not yet: contribution_map(x, W, 7) returned a 28x28 map; the exercise asks for the "
            "784 votes in a row, shape (784,), like x. Hint: leave out the reshape; plots reshape "
            "the votes themselves.",
        ),
        (
            lambda x, W, k: votes(x, W, k)[:, None],
            "❌ Not yet: contribution_map(x, W, 7) returned shape (784, 1), expected 784 values, "
            "shape (784,). Hint: x * W[:, k].",
        ),
        (
            lambda x, W, k: votes(x, W, k).tolist(),
            "✅ Correct: contribution_map gives the 784 pixel votes x_i * w_ik; their sum plus "
            "b_k is the score z_k.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,) (for contribution_map(x, W, 7)). Hint: multiply x by "
            "column k of W, element by element.",
        ),
        (
            lambda x, W, k: "abc",
            "❌ Not yet: contribution_map(x, W, 7) returned str, expected an array of 784 numbers.",
        ),
        (
            lambda x, W, k: votes(x, W, k).sum(),
            "❌ Not yet: contribution_map(x, W, 7) returned one number, expected 784 pixel votes. "
            "Hint: that is their sum, the score z_k without b; return the 784 terms before they "
            "are added up.",
        ),
        (
            lambda x, W, k: np.array([1.0]),
            "❌ Not yet: contribution_map(x, W, 7) returned one number, expected 784 pixel votes. "
            "Hint: return one vote per pixel.",
        ),
        (
            lambda x, W, k: x @ W,
            "❌ Not yet: contribution_map(x, W, 7) returned 10 numbers, probably x @ W, the "
            "scores of all classes without b. Hint: keep the 784 terms of class k with x * W[:, "
            "k], an element-wise product.",
        ),
        (
            lambda x, W, k: x[:, None] * W,
            "❌ Not yet: contribution_map(x, W, 7) returned the votes for all ten classes, shape "
            "(784, 10). Hint: use only column k of W, W[:, k].",
        ),
        (
            lambda x, W, k: votes(x, W, k)[:100],
            "❌ Not yet: contribution_map(x, W, 7) returned shape (100,), expected 784 values, "
            "shape (784,). Hint: x * W[:, k].",
        ),
        (
            lambda x, W, k: W[:, k],
            "❌ Not yet: contribution_map(x, W, 7) returned the weights w_ik alone. Hint: "
            "multiply each weight by its pixel value x_i, so blank pixels vote 0.",
        ),
        (
            lambda x, W, k: votes(x, W, 0),
            "❌ Not yet: contribution_map(x, W, 7) returned the votes for class 0, not 7. Hint: "
            "use the k the function receives, in W[:, k].",
        ),
        (
            lambda x, W, k: votes(x, W, k) + 1.0,
            "❌ Not yet: contribution_map(x, W, 7) differs from x_i * w_ik at 784 of the 784 "
            "pixels. Hint: x * W[:, k], an element-wise product, without b.",
        ),
    ],
)
def test_contribution_map_says(said, contribution_map, line):
    assert said(checks.contribution_map, contribution_map, X0, W0) == line


@pytest.mark.parametrize(
    ("x_and_W", "line"),
    [
        (
            (None, W0),
            "❌ Not yet: the checker needs the digit x (784,) and W (784, 10) from above; run the "
            "cells above this exercise again.",
        ),
        (
            (X0, None),
            "❌ Not yet: the checker needs the digit x (784,) and W (784, 10) from above; run the "
            "cells above this exercise again.",
        ),
        (
            (X0[:10], W0),
            "❌ Not yet: the checker needs the digit x (784,) and W (784, 10) from above; run the "
            "cells above this exercise again.",
        ),
        (
            ("x", W0),
            "❌ Not yet: the checker needs the digit x (784,) and W (784, 10) from above; run the "
            "cells above this exercise again.",
        ),
        (
            (X0, W0.T),
            "❌ Not yet: the checker needs the digit x (784,) and W (784, 10) from above; run the "
            "cells above this exercise again.",
        ),
    ],
)
def test_contribution_map_needs_x_and_W(said, x_and_W, line):
    assert said(checks.contribution_map, votes, *x_and_W) == line


ROWS, COLS = np.mgrid[0:28, 0:28]
BAND = (COLS >= 12) & (COLS <= 15) & (ROWS >= 4) & (ROWS <= 23)
SURROUND_HINT = (
    "Hint: the claim is about all of the red around the stroke: erase everything outside the "
    "blue stroke, or every pixel where the 1 map is negative."
)
NOT_A_MASK = (
    "Hint: compare arrays such as rows, cols or maps[1] with a number, as section 3 does for band."
)
STROKE_ERASED = (
    "❌ Not yet: your region erases the 1's blue stroke too: only 0 of the 234 ones are still "
    "read as 1 (152 before). The claim is about the red around the stroke; keep the stroke."
)
ALL_THE_RED = (
    "✅ Correct: erasing 605 pixels, 100% of the 1 map's red, lets 80 other digits be read as 1 "
    "(1 before), while 222 ones still are: the red keeps the other digits out."
)


def red_of_1(model):
    return model[0][:, 1].reshape(28, 28) < 0


@pytest.mark.parametrize(
    ("region", "line"),
    [
        (
            lambda model: ...,
            "⏳ Not attempted yet: replace the ... with a (28, 28) mask of True where the 1 map "
            "is erased, then run this cell again.",
        ),
        (red_of_1, ALL_THE_RED),
        (lambda model: red_of_1(model).ravel(), ALL_THE_RED),
        (lambda model: red_of_1(model).astype(int), ALL_THE_RED),
        (lambda model: red_of_1(model).tolist(), ALL_THE_RED),
        (
            lambda model: ~BAND,
            "✅ Correct: erasing 704 pixels, 90% of the 1 map's red, lets 15 other digits be "
            "read as 1 (1 before), while 162 ones still are: the red keeps the other digits out.",
        ),
        (
            lambda model: np.zeros((28, 28), bool),
            f"❌ Not yet: the region is empty: nothing is erased. {SURROUND_HINT}",
        ),
        (lambda model: BAND, STROKE_ERASED),
        (lambda model: model[0][:, 1].reshape(28, 28) > 0, STROKE_ERASED),
        (lambda model: np.ones((28, 28), bool), STROKE_ERASED),
        (
            lambda model: COLS < 12,
            "❌ Not yet: your region holds 41% of the 1 map's red (its negative weights, added "
            f"up); other digits read as 1 went from 1 to 2. {SURROUND_HINT}",
        ),
        (
            lambda model: (ROWS < 3) | (ROWS > 24) | (COLS < 3) | (COLS > 24),
            "❌ Not yet: your region holds 2% of the 1 map's red (its negative weights, added "
            f"up); other digits read as 1 went from 1 to 1. {SURROUND_HINT}",
        ),
        (
            lambda model: 3,
            "❌ Not yet: expected a (28, 28) mask of True and False, got shape (). " + NOT_A_MASK,
        ),
        (
            lambda model: np.ones((27, 28), bool),
            "❌ Not yet: expected a (28, 28) mask of True and False, got shape (27, 28). "
            + NOT_A_MASK,
        ),
        (
            lambda model: "red",
            "❌ Not yet: expected a (28, 28) mask of True and False, got str. " + NOT_A_MASK,
        ),
        (
            lambda model: model[0][:, 1].reshape(28, 28),
            "❌ Not yet: expected a mask of True and False, got other numbers. Hint: a comparison "
            "such as maps[1] < 0 gives True and False.",
        ),
    ],
)
def test_red_surround_says(said, model, region, line):
    assert said(checks.red_surround, region(model), *model) == line


@pytest.mark.parametrize("lost", range(4))
def test_red_surround_needs_the_notebooks_arrays(said, model, lost):
    arrays = [*model]
    arrays[lost] = None
    assert said(checks.red_surround, ~BAND, *arrays) == (
        "❌ Not yet: the checker needs W, b, X_test and y_test from above; run the cells above "
        "this exercise again."
    )


def moved(X: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """(n, 784) images moved down by rows and right by cols (negative: up, left), zero fill."""
    images, out = X.reshape(-1, 28, 28), np.zeros((len(X), 28, 28), X.dtype)
    src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
    out[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return out.reshape(-1, 784)


@pytest.fixture(scope="module")
def model(mnist):
    """W, b, X, y: mean-difference maps as weights (no training), and 2,000 test digits."""
    X_train, y_train, X_test, y_test = mnist
    return (
        mean_difference_maps(X_train[:10_000], y_train[:10_000]),
        np.zeros(10),
        X_test[:2000],
        y_test[:2000],
    )


def test_shift_down_accuracy_says(said, model):
    W, b, X, y = model

    def accuracy(images: np.ndarray) -> float:
        return float(((images @ W + b).argmax(axis=1) == y).mean())

    down, unshifted = accuracy(moved(X, 1, 0)), accuracy(X)
    rolled = accuracy(np.roll(X.reshape(-1, 28, 28), 1, axis=1).reshape(-1, 784))
    up, right, left, two = (accuracy(moved(X, *m)) for m in [(-1, 0), (0, 1), (0, -1), (2, 0)])
    rows_not_columns = "move rows, not columns: axis 1 of the (n, 28, 28) images."
    hint = (
        "Hint: images = X_test.reshape(-1, 28, 28), set each image's rows 1..27 to its rows 0..26 "
        "in a zero array, reshape back to (n, 784) and call accuracy."
    )
    right_answer = (
        f"✅ Correct: {down:.4f}: one pixel down and the accuracy falls from {unshifted:.4f} to "
        f"{down:.4f}."
    )
    cases = [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the accuracy on the test set moved one "
            "pixel down, then run this cell again.",
        ),
        (
            np.array(...),
            "⏳ Not attempted yet: replace the ... with the accuracy on the test set "
            "moved one pixel down, then run this cell again.",
        ),
        (down, right_answer),
        (np.float32(down), right_answer),
        (np.array(down), right_answer),
        (
            rolled,
            f"✅ Correct: {rolled:.4f}: one pixel down and the accuracy falls from "
            f"{unshifted:.4f} to {down:.4f}.",
        ),
        (
            100 * down,
            f"❌ Not yet: {100 * down:g} looks like a percentage; give a fraction between 0 and 1, "
            "as accuracy() returns.",
        ),
        (
            1 - down,
            f"❌ Not yet: {1 - down:.4f} is the error rate, the fraction of mistakes; give the "
            "fraction of correct predictions.",
        ),
        (unshifted, f"❌ Not yet: {unshifted:.4f} is the accuracy of the unshifted test set."),
        (
            up,
            f"❌ Not yet: {up:.4f} is the accuracy after moving the digits up (the last row "
            "should become blank, not the first).",
        ),
        (
            right,
            f"❌ Not yet: {right:.4f} is the accuracy after moving the digits right; "
            + rows_not_columns,
        ),
        (
            left,
            f"❌ Not yet: {left:.4f} is the accuracy after moving the digits left; "
            + rows_not_columns,
        ),
        (
            two,
            f"❌ Not yet: {two:.4f} is the accuracy after a shift of two pixels; move by one.",
        ),
        (
            0.25,
            "❌ Not yet: 0.2500 is not the accuracy on the test set moved one pixel down. " + hint,
        ),
        (
            "0.8",
            "❌ Not yet: expected one number, the accuracy, got str. Hint: accuracy(W, b, "
            "X_down, y_test) returns it.",
        ),
        (
            True,
            "❌ Not yet: expected one number, the accuracy, got bool. Hint: accuracy(W, b, "
            "X_down, y_test) returns it.",
        ),
        (
            [down],
            "❌ Not yet: expected one number, the accuracy, got list. Hint: accuracy(W, b, "
            "X_down, y_test) returns it.",
        ),
    ]
    for answer, line in cases:
        assert said(checks.shift_down_accuracy, answer, W, b, X, y) == line, answer


@pytest.mark.parametrize("not_finite", [np.nan, np.array(np.nan), np.inf, -np.inf])
def test_shift_down_accuracy_refuses_nan_and_infinity(said, model, not_finite):
    assert said(checks.shift_down_accuracy, not_finite, *model) == (
        f"❌ Not yet: {float(not_finite)} is not a finite number, so it cannot be the accuracy on "
        "the test set moved one pixel down. Hint: images = X_test.reshape(-1, 28, 28), set each "
        "image's rows 1..27 to its rows 0..26 in a zero array, reshape back to (n, 784) and "
        "call accuracy."
    )


@pytest.mark.parametrize("lost", ["W", "b", "X"])
def test_shift_down_accuracy_needs_the_notebooks_arrays(said, model, lost):
    arrays = dict(zip("WbXy", model, strict=True))
    arrays[lost] = "overwritten" if lost != "X" else arrays["X"][:, :10]
    assert said(checks.shift_down_accuracy, 0.5, *arrays.values()) == (
        "❌ Not yet: the checker needs W, b, X_test and y_test from above; run the cells above "
        "this exercise again."
    )
