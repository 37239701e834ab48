"""Checkers of 03_deriving_the_gradient: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

import helpers
import helpers.model
from helpers import checks, loss_and_gradients
from helpers.checks import gradient as gradient_checks
from tests.checks.corpus.gradient import decayed, nudges_in_place, shrinks_in_place
from tests.checks.sentences import WRITES_INPUT_LINE

# Labels with classes of different sizes, so db at zero is not 0 for every class.
LABELS = np.random.default_rng(0).integers(0, 10, size=1000)
SHARE = np.bincount(LABELS, minlength=10) / len(LABELS)


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def slope(W, b, X, y, j, k, eps=1e-6, *, forward=False):
    """numerical_dW_entry by centred (or forward) differences, on copies of W."""
    W_plus, W_minus = W.copy(), W.copy()
    W_plus[j, k] += eps
    W_minus[j, k] -= 0 if forward else eps
    step = eps if forward else 2 * eps
    return (loss_and_gradients(W_plus, b, X, y)[0] - loss_and_gradients(W_minus, b, X, y)[0]) / step


@pytest.mark.parametrize(
    ("decayed_gradients", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            decayed(),
            "✅ Correct: the gradient of L + (lam / 2) |W|^2 is (dW + lam * W, db): every step "
            "also pulls each weight toward 0, in proportion to its size.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: call loss_and_gradients(W, b, X, y) for dW "
            "and db, then add lam * W to dW only.",
        ),
        (
            lambda W, b, X, y, lam: "dW",
            "❌ Not yet: expected a pair (dW, db), got str. Hint: end the function with "
            "`return dW, db`.",
        ),
        (
            decayed(dW=lambda g, W, lam: g),
            "❌ Not yet: with lam = 0.3, that is the gradient of L alone; the penalty adds its "
            "own slope, lam * W.",
        ),
        (
            decayed(dW=lambda g, W, lam: g + 2 * lam * W),
            "❌ Not yet: with lam = 0.3, that is dW + 2 lam W: the 1/2 in front of the penalty "
            "cancels the 2 of the derivative of W_jk^2, leaving lam * W.",
        ),
        (
            decayed(dW=lambda g, W, lam: g + lam / 2 * W),
            "❌ Not yet: with lam = 0.3, that is dW + (lam / 2) W: the derivative of W_jk^2 is "
            "2 W_jk, which cancels the 1/2.",
        ),
        (
            decayed(dW=lambda g, W, lam: g - lam * W),
            "❌ Not yet: with lam = 0.3, the penalty's slope has the wrong sign: it is + lam * W, "
            "so that a step against the gradient shrinks every weight.",
        ),
        (
            decayed(dW=lambda g, W, lam: g + lam / 2 * W**2),
            "❌ Not yet: with lam = 0.3, that adds the penalty itself, (lam / 2) W^2; add its "
            "slope.",
        ),
        (
            decayed(dW=lambda g, W, lam: g + lam * np.sign(W)),
            "❌ Not yet: with lam = 0.3, that is the slope of lam * |W| (an L1 penalty); the "
            "square gives lam * W.",
        ),
        (
            decayed(dW=lambda g, W, lam: lam * W),
            "❌ Not yet: with lam = 0.3, that is the penalty's slope alone; add it to the "
            "gradient of L: dW + lam * W.",
        ),
        (
            decayed(dW=lambda g, W, lam: (g + lam * W).T),
            "❌ Not yet: dW has shape (10, 784), the transpose of W's; it needs (784, 10).",
        ),
        (
            decayed(db=lambda g, b, lam: g + lam * b),
            "❌ Not yet: with lam = 0.3, that is db + lam * b: the penalty sums over the weights "
            "W only, so it does not depend on b and db stays the gradient of L.",
        ),
        (
            decayed(db=lambda g, b, lam: g[None]),
            "❌ Not yet: with lam = 0.3: db should have the shape of b, (10,), got (1, 10).",
        ),
        (
            decayed(dW=lambda g, W, lam: g + 0.3 * W),  # a fixed strength, not the argument
            "❌ Not yet: with lam = 0.02, dW should be the gradient of L plus lam * W, with the "
            "lam, W, b, X and y your function is given.",
        ),
        (
            decayed(db=lambda g, b, lam: 2 * g),
            "❌ Not yet: with lam = 0.3, db should be the gradient of L alone: the penalty has "
            "no b in it.",
        ),
    ],
)
def test_decayed_gradients_says(said, decayed_gradients, line):
    assert said(checks.decayed_gradients, decayed_gradients) == line


def test_decayed_gradients_refuses_an_answer_that_writes_into_W(said):
    # shrinks_in_place: W *= 1 - lam, which in a training loop would shrink W twice per step.
    assert said(checks.decayed_gradients, shrinks_in_place) == WRITES_INPUT_LINE


@pytest.mark.parametrize(
    ("db_at_zero", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the ten numbers of db, then run this cell "
            "again.",
        ),
        (
            None,
            "⏳ Not attempted yet: replace the ... with the ten numbers of db, then run this cell "
            "again.",
        ),
        (
            0.1 - SHARE,
            "✅ Correct: db_k = 0.1 - (share of class k): negative for the classes that are more "
            "common than 10%, so the first step raises their bias.",
        ),
        (
            (0.1 - SHARE).astype(np.float32),
            "✅ Correct: db_k = 0.1 - (share of class k): negative for the classes that are more "
            "common than 10%, so the first step raises their bias.",
        ),
        (
            list(0.1 - SHARE),
            "✅ Correct: db_k = 0.1 - (share of class k): negative for the classes that are more "
            "common than 10%, so the first step raises their bias.",
        ),
        (
            SHARE - 0.1,
            "❌ Not yet: the sign is flipped: db is the mean of P - Y, so 0.1 minus the share.",
        ),
        (
            SHARE,
            "❌ Not yet: that is the mean of Y alone; db is the mean of P - Y, and every p_k is "
            "0.1.",
        ),
        (
            len(LABELS) * (0.1 - SHARE),
            "❌ Not yet: that is the sum over the images; db is the mean, so divide by their "
            "number.",
        ),
        (
            0.1 * len(LABELS) - 1000 * SHARE,
            "❌ Not yet: that is the sum over the images; db is the mean, so divide by their "
            "number.",
        ),
        (
            np.zeros((len(LABELS), 10)),
            "❌ Not yet: that has shape (1000, 10), one row per image: P - Y. db is its mean over "
            "the rows, .mean(axis=0).",
        ),
        (np.zeros(5), "❌ Not yet: db has one number per class, shape (10,), got shape (5,)."),
        ("abc", "❌ Not yet: expected ten numbers, got str."),
        (
            0.1 - SHARE + 0.01,
            "❌ Not yet: db is the column mean of P - Y; with W = 0 every p_k is 0.1, and the "
            "mean of column k of Y is the share of class k: np.bincount(y, minlength=10) / len(y).",
        ),
    ],
)
def test_bias_gradient_at_zero_says(said, db_at_zero, line):
    assert said(checks.bias_gradient_at_zero, db_at_zero, LABELS) == line


@pytest.mark.parametrize(
    ("labels", "line"),
    [
        (None, "❌ Not yet: the check needs the labels as its second argument: y_train[:1000]."),
        (
            np.zeros((2, 2)),
            "❌ Not yet: the check needs the labels as its second argument: y_train[:1000].",
        ),
        (
            np.array([]),
            "❌ Not yet: the check needs the labels as its second argument: y_train[:1000].",
        ),
        (
            np.array([1, 11]),
            "❌ Not yet: the check needs the labels as its second argument: y_train[:1000].",
        ),
        ("abc", "❌ Not yet: the check needs the labels as its second argument: y_train[:1000]."),
        ([-1, 2], "❌ Not yet: the check needs the labels as its second argument: y_train[:1000]."),
    ],
)
def test_bias_gradient_at_zero_needs_the_labels(said, labels, line):
    assert said(checks.bias_gradient_at_zero, 0.1 - SHARE, labels) == line


RIGHT_SLOPE = (
    "✅ Correct: your centred differences match at eps = 1, 0.5 and 0.25, steps so large that "
    "the analytic dW or a one-sided difference would miss: you measured the loss itself."
)


@pytest.mark.parametrize(
    ("numerical_dW_entry", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (slope, RIGHT_SLOPE),
        (lambda *args: np.float32(slope(*args)), RIGHT_SLOPE),
        (lambda *args: [slope(*args)], RIGHT_SLOPE),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: nudge a copy: W_plus = W.copy(); W_plus[j, k] "
            "+= eps, and the loss is loss_and_gradients(W_plus, b, X, y)[0].",
        ),
        (
            lambda W, b, X, y, i: 0.0,
            "❌ Not yet: your function raised TypeError: <lambda>() takes 5 positional arguments "
            "but 7 were given. Hint: keep the first line, def numerical_dW_entry(W, b, X, y, j, "
            "k, eps=1e-6):",
        ),
        (
            lambda *args: slope(*args, forward=True),
            "❌ Not yet: for W[363, 2] with eps = 1.0 got -0.0677346, expected -0.0757421: that "
            "is a one-sided difference (L(W + eps) - L(W)) / eps; centre it: (L(W + eps) - L(W - "
            "eps)) / (2 eps), which is far more accurate.",
        ),
        (
            lambda W, b, X, y, j, k, eps: slope(W, b, X, y, j, k),
            "❌ Not yet: for W[363, 2] with eps = 1.0 got -0.0772381, expected -0.0757421: your "
            "function nudged W[j, k] by 1e-06, not by the eps it is given; use eps itself. Hint: "
            "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps.",
        ),
        (
            lambda *args: slope(*args) + 0.01,
            "❌ Not yet: for W[363, 2] with eps = 1.0 got -0.0657421, expected -0.0757421: nudge "
            "W[j, k] up and down by eps and divide the change of the loss by 2 * eps.",
        ),
        (
            nudges_in_place,
            "❌ Not yet: your function changed the W it was given; nudge a copy (W.copy()) or put "
            "the entry back, or every later loss is computed at the wrong weights.",
        ),
        (
            lambda *args: np.array([slope(*args), 1.0]),
            "❌ Not yet: expected one number, the slope for W[363, 2], got an array of shape (2,).",
        ),
    ],
)
def test_numerical_dW_entry_says(said, numerical_dW_entry, line):
    assert said(checks.numerical_dW_entry, numerical_dW_entry) == line


@pytest.mark.parametrize("nan", [float("nan"), np.float32("nan"), np.array(np.nan)])
def test_numerical_dW_entry_refuses_a_function_that_returns_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.numerical_dW_entry, lambda *args: nan) == (
        "❌ Not yet: nan is not a finite number, so it cannot be the slope for W[363, 2]. Hint: "
        "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps."
    )


def test_numerical_dW_entry_refuses_infinity(said):
    assert said(checks.numerical_dW_entry, lambda *args: -np.inf).startswith(
        "❌ Not yet: -inf is not a finite number, so it cannot be the slope for W[363, 2]."
    )


def analytic(W, b, X, y, j, k, eps=1e-6):
    """Skips the point of the exercise: reads the slope off the analytic gradient."""
    return loss_and_gradients(W, b, X, y)[1][j, k]


def analytic_unpacked(W, b, X, y, j, k, eps=1e-6):
    _, dW, _ = loss_and_gradients(W=W, b=b, X=X, y=y)
    return dW[j, k]


@pytest.mark.parametrize("numerical_dW_entry", [analytic, analytic_unpacked])
def test_numerical_dW_entry_refuses_the_analytic_gradient(said, numerical_dW_entry):
    """Was a false pass: the analytic dW[j, k] equals the centred difference to 6 digits."""
    assert said(checks.numerical_dW_entry, numerical_dW_entry) == (
        "❌ Not yet: for W[363, 2] your function returned loss_and_gradients(...)[1][j, k], the "
        "analytic gradient this check exists to test; measure the slope from the loss alone: "
        "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps."
    )


def test_numerical_dW_entry_puts_loss_and_gradients_back(said):
    said(checks.numerical_dW_entry, analytic)
    said(checks.numerical_dW_entry, broken)
    assert globals()["loss_and_gradients"] is helpers.loss_and_gradients
    assert helpers.model.loss_and_gradients is helpers.loss_and_gradients
    assert gradient_checks.loss_and_gradients is helpers.loss_and_gradients


def test_numerical_dW_entry_names_the_analytic_gradient_however_it_is_reached(said):
    """Were false passes: only the global name loss_and_gradients was watched (issue 17)."""

    def through_the_model_module(W, b, X, y, j, k, eps=1e-6):
        import helpers.model as model

        return model.loss_and_gradients(W, b, X, y)[1][j, k]

    assert said(checks.numerical_dW_entry, through_the_model_module) == (
        "❌ Not yet: for W[363, 2] your function returned loss_and_gradients(...)[1][j, k], the "
        "analytic gradient this check exists to test; measure the slope from the loss alone: "
        "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps."
    )
