"""Checkers of 03_deriving_the_gradient: db at zero, the weight-decay gradient, a slope."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    answered,
    as_numbers,
    as_pair,
    attempt,
    checker,
    compare,
    expect_shape,
    judge,
    numbers,
    within,
)
from helpers.model import loss_and_gradients

__all__ = ["bias_gradient_at_zero", "decayed_gradients", "numerical_dW_entry"]

NUDGE = "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps."

DECAY_HINT = "call loss_and_gradients(W, b, X, y) for dW and db, then add lam * W to dW only."
# (seed, lam): fresh weights, images and strengths, so that only the formula passes.
DECAY_CASES = ((32, 0.3), (33, 0.02), (34, 1.5))


def _decay_case(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(W, b, X, y): weights large enough that lam * W shows beside dW, and eight images."""
    rng = np.random.default_rng(seed)
    W, b = rng.normal(0, 0.1, size=(784, 10)), rng.normal(0, 0.1, size=10)
    return W, b, rng.random((8, 784)), rng.integers(0, 10, size=8)


def _decay_mistakes(dW: np.ndarray, W: np.ndarray, lam: float) -> tuple:
    """The wrong dW a derivation of the weight-decay gradient usually gives, and what each is."""
    return (
        (dW, "that is the gradient of L alone; the penalty adds its own slope, lam * W."),
        (
            dW + 2 * lam * W,
            "that is dW + 2 lam W: the 1/2 in front of the penalty cancels the 2 of the "
            "derivative of W_jk^2, leaving lam * W.",
        ),
        (
            dW + lam / 2 * W,
            "that is dW + (lam / 2) W: the derivative of W_jk^2 is 2 W_jk, which cancels the 1/2.",
        ),
        (
            dW - lam * W,
            "the penalty's slope has the wrong sign: it is + lam * W, so that a step against "
            "the gradient shrinks every weight.",
        ),
        (dW + lam / 2 * W**2, "that adds the penalty itself, (lam / 2) W^2; add its slope."),
        (
            dW + lam * np.sign(W),
            "that is the slope of lam * |W| (an L1 penalty); the square gives lam * W.",
        ),
        (lam * W, "that is the penalty's slope alone; add it to the gradient of L: dW + lam * W."),
    )


def _decayed_pair(result: object, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """The learner's (dW, db) with the shapes of W and b, or ❌ saying which shape is off."""
    dW, db = as_pair(result, "(dW, db)")
    transposed = ((10, 784), "dW has shape (10, 784), the transpose of W's; it needs (784, 10).")
    expect_shape(
        dW,
        (784, 10),
        known=[transposed],
        otherwise=f"with lam = {lam}: dW should have the shape of W, (784, 10), got {dW.shape}.",
    )
    expect_shape(
        db,
        (10,),
        otherwise=f"with lam = {lam}: db should have the shape of b, (10,), got {db.shape}.",
    )
    return dW, db


@checker
def decayed_gradients(decayed_gradients: object) -> str:
    """Exercise in 03: the gradients of L + (lam / 2) * sum W^2 are (dW + lam * W, db)."""
    close = within(rtol=1e-6, atol=1e-10)
    for seed, lam in DECAY_CASES:
        W, b, X, y = _decay_case(seed)
        result = attempt(
            decayed_gradients, W.copy(), b.copy(), X.copy(), y.copy(), lam, hint=DECAY_HINT
        )
        dW_got, db_got = _decayed_pair(result, lam)
        _, dW, db = loss_and_gradients(W, b, X, y)
        lead = f"with lam = {lam}, "
        compare(
            dW_got,
            dW + lam * W,
            close=close,
            mistakes=_decay_mistakes(dW, W, lam),
            lead=lead,
            otherwise=lead + "dW should be the gradient of L plus lam * W, with the lam, W, b, X "
            "and y your function is given.",
        )
        compare(
            db_got,
            db,
            close=close,
            mistakes=(
                (
                    db + lam * b,
                    "that is db + lam * b: the penalty sums over the weights W only, so it "
                    "does not depend on b and db stays the gradient of L.",
                ),
            ),
            lead=lead,
            otherwise=lead + "db should be the gradient of L alone: the penalty has no b in it.",
        )
    return (
        "the gradient of L + (lam / 2) |W|^2 is (dW + lam * W, db): every step also pulls each "
        "weight toward 0, in proportion to its size."
    )


def _labels(y_batch: object) -> np.ndarray:
    """The labels the check was given, as integers 0 to 9, or ❌ saying which to pass."""
    labels = as_numbers(y_batch)
    if (
        labels is None
        or labels.ndim != 1
        or not len(labels)
        or not np.isin(labels, range(10)).all()
    ):
        raise NotYet("the check needs the labels as its second argument: y_train[:1000].")
    return labels.astype(np.int64)


@checker
def bias_gradient_at_zero(db_at_zero: object, y_batch: object) -> str:
    """Exercise in 03: db at W = 0, b = 0 for labels y_batch is 1/10 minus each class's share."""
    labels = _labels(y_batch)
    n, share = len(labels), np.bincount(labels, minlength=10) / len(labels)
    answered(db_at_zero, "the ten numbers of db")
    got = numbers(db_at_zero, "ten numbers")
    per_image = (
        f"that has shape ({n}, 10), one row per image: P - Y. db is its mean over the rows, "
        ".mean(axis=0)."
    )
    expect_shape(
        got,
        (10,),
        known=[((n, 10), per_image)],
        otherwise=f"db has one number per class, shape (10,), got shape {got.shape}.",
    )
    sums = "that is the sum over the images; db is the mean, so divide by their number."
    mistakes = (
        (share - 0.1, "the sign is flipped: db is the mean of P - Y, so 0.1 minus the share."),
        (share, "that is the mean of Y alone; db is the mean of P - Y, and every p_k is 0.1."),
        (n * (0.1 - share), sums),
    )
    compare(
        got,
        0.1 - share,
        mistakes=mistakes,
        otherwise="db is the column mean of P - Y; with W = 0 every p_k is 0.1, and the mean of "
        "column k of Y is the share of class k: np.bincount(y, minlength=10) / len(y).",
    )
    return (
        "db_k = 0.1 - (share of class k): negative for the classes that are more common "
        "than 10%, so the first step raises their bias."
    )


def _numerical_hint(error: str) -> str:
    """The hint for a numerical_dW_entry that raised: its signature, or how to nudge a copy."""
    if "positional argument" in error:
        return "keep the first line, def numerical_dW_entry(W, b, X, y, j, k, eps=1e-6):"
    return (
        "nudge a copy: W_plus = W.copy(); W_plus[j, k] += eps, and the loss is "
        "loss_and_gradients(W_plus, b, X, y)[0]."
    )


# Added to dW by the loss_and_gradients the learner's function sees: a slope measured from the
# loss is unchanged, one read from the analytic gradient is off by exactly this much.
MARK = 1.0
ANALYTIC = (
    "returned loss_and_gradients(...)[1][j, k], the analytic gradient this check exists to "
    "test; measure the slope from the loss alone: " + NUDGE
)


def _marked(loss_and_gradients: Callable) -> Callable:
    """loss_and_gradients with dW shifted by MARK: the loss, and so every slope, is unchanged."""

    def marked(*args: object, **kwargs: object) -> tuple:
        loss, dW, db = loss_and_gradients(*args, **kwargs)
        return loss, dW + MARK, db

    return marked


def _attempt_marked(func: object, *args: object) -> object:
    """attempt(func, *args) with loss_and_gradients in func's globals replaced by _marked's."""
    names = getattr(func, "__globals__", {})
    original = names.get("loss_and_gradients")
    if original is not None:
        names["loss_and_gradients"] = _marked(original)
    try:
        return attempt(func, *args, hint=_numerical_hint)
    finally:
        if original is not None:
            names["loss_and_gradients"] = original


def _slope_mistakes(forward: float, expected: float) -> tuple:
    """The wrong slopes a learner's centred difference usually gives, and what each one is."""
    return (
        (
            forward,
            "that is a forward difference (L(W + eps) - L(W)) / eps; centre it: "
            "(L(W + eps) - L(W - eps)) / (2 eps), which is far more accurate.",
        ),
        (2 * expected, "that is twice the slope: divide by 2 * eps, the width of the step."),
        (-expected, "the sign is flipped: L(W + eps) minus L(W - eps), not the reverse."),
    )


@checker
def numerical_dW_entry(numerical_dW_entry: object) -> str:
    """Exercise in 03: a centred difference for one weight matches the analytic dW[j, k].

    The function runs with a loss_and_gradients whose dW is off by MARK, so that returning the
    analytic gradient instead of measuring the slope is caught.
    """
    rng = np.random.default_rng(31)
    X, y = rng.random((6, 784)), np.array([3, 1, 4, 1, 5, 9])
    W, b = rng.normal(0, 0.05, size=(784, 10)), rng.normal(0, 0.05, size=10)
    loss, dW, _ = loss_and_gradients(W, b, X, y)
    # eps = 1e-3 is large enough that a forward difference misses by ~1e-5, while a centred
    # one stays within ~1e-9: the two can be told apart.
    eps = 1e-3
    for j, k in ((350, 2), (500, 7)):
        W_given = W.copy()
        result = _attempt_marked(numerical_dW_entry, W_given, b.copy(), X, y, j, k, eps)
        if W_given.shape != W.shape or np.abs(W_given - W).max() > 1e-12:
            raise NotYet(
                "your function changed the W it was given; nudge a copy (W.copy()) or put the "
                "entry back, or every later loss is computed at the wrong weights."
            )
        got = as_numbers(result)
        if got is None or got.size != 1:
            shape = type(result).__name__ if got is None else f"an array of shape {got.shape}"
            raise NotYet(f"expected one number, the slope for W[{j}, {k}], got {shape}.")
        value, expected = float(got.reshape(())), float(dW[j, k])
        if abs(value - expected - MARK) < 1e-6:
            raise NotYet(f"for W[{j}, {k}] your function {ANALYTIC}")
        W_plus = W.copy()
        W_plus[j, k] += eps
        forward = (loss_and_gradients(W_plus, b, X, y)[0] - loss) / eps
        mistakes = _slope_mistakes(forward, expected)
        lead = f"for W[{j}, {k}] got {value:.6g}, expected {expected:.6g}: "
        what, close = f"the slope for W[{j}, {k}]", within(rtol=1e-6, atol=1e-7)
        judge(
            value,
            expected,
            what,
            NUDGE,
            close=close,
            mistakes=mistakes,
            lead=lead,
            otherwise=lead + NUDGE,
        )
    return "your centred differences match the analytic dW to 6 digits."
