"""Checkers of 02_softmax_model: the model's size, a stable softmax, and the cross-entropy loss."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    all_close,
    as_numbers,
    attempt,
    checker,
    described,
    judge,
    judge_number,
    within,
)
from helpers.model import softmax

__all__ = ["cross_entropy", "parameter_count", "stable_softmax"]

# (known wrong answer, what that mistake is): the sentence follows "answer: ".
PARAMETER_MISTAKES = (
    (7840, "that counts W only; b adds one bias per class."),
    (794, "W is a 784 x 10 table: multiply, do not add."),
    (784, "that is one class's weights; W has a column of 784 for each of the 10 classes."),
)

LOSS_HINT = "take -ln of the probability of the true class in each row, then the mean."
PICK_HINT = "P[:, y] picks whole columns; P[np.arange(len(y)), y] picks one entry per row."
TRUE_CLASS = "P[np.arange(len(y)), y] picks the probability of the true class in each row."


@checker
def parameter_count(answer: object) -> str:
    """Exercise in 02: how many numbers the softmax model learns."""
    what = "the number of parameters of the model"
    hint = "count the entries of W (784 x 10) and of b (10); W.size + b.size does it."
    return judge_number(answer, 7850, what, hint, mistakes=PARAMETER_MISTAKES, sep=": ")


def _broadcast_hint(error: str) -> str:
    """The hint for a my_softmax that raised: about broadcasting, or about whole arrays."""
    if "broadcast" in error:
        return "Z.max(axis=1, keepdims=True) has shape (n, 1), which broadcasts against (n, 10)."
    return "compute the whole array at once: np.exp(Z - Z.max(axis=1, keepdims=True))."


# Rows whose scores lie far apart: the spread inside a row of +-1000 plus noise is small, so
# subtracting the row's minimum or mean passes there; here it overflows. Row 0 tells the two
# apart: its minimum is 720 below the rest (overflow), its mean and median only 72 (no overflow).
SPREAD = np.array([[0.0] + [720.0] * 9, [0.0, 1000.0, 5.0] + [0.0] * 7, [1.0, -2.0] + [0.5] * 8])
SPREAD_NAME = "scores far apart within a row"
AT_MOST_0 = "Subtract each row's own maximum instead, so that every exponent is at most 0."


def _spread_hint(P: np.ndarray) -> str:
    """What a softmax that overflows only on rows of far-apart scores subtracted instead."""
    broken = ~np.isfinite(P).all(axis=1)
    if broken[0] and broken[1]:
        return (
            "subtracting the row's minimum leaves exponents up to 1000, and exp overflows. "
            + AT_MOST_0
        )
    if broken[1]:
        return (
            "subtracting the row's mean (or median) leaves the largest score far above it in a "
            f"row like [0, 1000, 5, 0, ...], and exp overflows. {AT_MOST_0}"
        )
    return f"exp overflowed. {AT_MOST_0}"


@checker
def stable_softmax(my_softmax: object) -> str:
    """Exercise in 02: my_softmax(Z) is a row-wise softmax that survives scores of +-1000."""
    rng = np.random.default_rng(2)
    ordinary = rng.normal(0, 2, size=(4, 10))
    # Rows of very different size: one maximum for the whole array would turn the row of
    # -1000s into 0 / 0, so only a per-row maximum passes.
    extreme = np.concatenate([1000 + ordinary[:2], -1000 + ordinary[2:3], ordinary[3:]])
    cases = ((ordinary, "ordinary scores"), (extreme, "scores of +-1000"), (SPREAD, SPREAD_NAME))
    for Z, scale in cases:
        result = attempt(
            my_softmax, Z.copy(), context=f" (for {scale} of shape {Z.shape})", hint=_broadcast_hint
        )
        P = as_numbers(result)
        if P is None or P.shape != Z.shape:
            raise NotYet(
                f"for {scale} of shape {Z.shape} expected probabilities of the same shape, got "
                f"{described(P, result)}. Hint: keep the row axis with keepdims=True when you "
                "take max and sum."
            )
        if not np.isfinite(P).all():
            if Z is SPREAD:
                raise NotYet(f"for {scale} my_softmax returned NaN or inf: {_spread_hint(P)}")
            hint = (
                "exp overflowed or every term underflowed to 0. Subtract each row's own maximum "
                "before np.exp: Z - Z.max(axis=1, keepdims=True)."
                if Z is extreme
                else "check the formula: p = exp(z) / sum(exp(z)) in each row."
            )
            raise NotYet(f"for {scale} my_softmax returned NaN or inf: {hint}")
        if not np.allclose(P.sum(axis=1), 1, atol=1e-6):
            hint = (
                "the columns sum to 1 instead: divide by E.sum(axis=1, keepdims=True)."
                if np.allclose(P.sum(axis=0), 1, atol=1e-6)
                else "divide each row by its own sum: E.sum(axis=1, keepdims=True)."
            )
            raise NotYet(f"for {scale} the rows should each sum to 1. Hint: {hint}")
        expected = softmax(Z)
        if not all_close(P, expected):
            raise NotYet(
                f"for {scale} the rows sum to 1 but differ from softmax, e.g. entry [0, 0] is "
                f"{P[0, 0]:.4f}, expected {expected[0, 0]:.4f}. Hint: p = exp(z - max) / sum."
            )
    return "my_softmax matches helpers.softmax, and stays finite for scores of +-1000."


def _loss_cases() -> tuple[tuple[np.ndarray, np.ndarray, str], ...]:
    """(P, y, which model) for a random model and for the untrained one."""
    rng = np.random.default_rng(3)
    E = np.exp(rng.normal(0, 1.5, size=(5, 10)))
    return (
        (E / E.sum(axis=1, keepdims=True), np.array([3, 0, 9, 3, 7]), "a random model"),
        (np.full((10, 10), 0.1), np.arange(10), "the untrained model"),
    )


@checker
def cross_entropy(mean_cross_entropy: object) -> str:
    """Exercise in 02: mean_cross_entropy(P, y) is the mean of -ln P[i, y_i]."""
    for P, y, which in _loss_cases():
        n = len(y)
        context = f" (for P of shape {P.shape})"
        result = attempt(mean_cross_entropy, P.copy(), y.copy(), context=context, hint=TRUE_CLASS)
        got = as_numbers(result)
        if got is None or got.shape != ():
            # What a wrong shape says about the code: (n, n) from P[:, y], (n,) from no mean.
            shape_hints = {
                (n, n): PICK_HINT,
                (n,): "one loss per image; return their mean, a single number.",
            }
            hint = shape_hints.get(
                None if got is None else got.shape[-2:],
                "return one number: the mean over the rows.",
            )
            raise NotYet(f"expected a single number, got {described(got, result)}. Hint: {hint}")
        value, expected = float(got), float(-np.log(P[np.arange(n), y]).mean())
        mistakes = (
            (-expected, "the sign is wrong: ln p is negative, so the loss is -ln p."),
            (n * expected, "that is the sum over the rows; take the mean."),
            (expected / np.log(10), "that uses log10; the loss uses the natural log, np.log."),
            (expected / np.log(2), "that uses log2; the loss uses the natural log, np.log."),
            (float(-np.log(P[:, y]).mean()), PICK_HINT),
        )
        what, lead = f"the loss of {which}", f"for {which} got {value:.4f}: "
        wrong = f"for {which} expected {expected:.4f}, got {value:.4f}. Hint: {LOSS_HINT}"
        close = within(rtol=1e-6, atol=1e-6)
        judge(
            value,
            expected,
            what,
            LOSS_HINT,
            close=close,
            mistakes=mistakes,
            lead=lead,
            otherwise=wrong,
        )
    return "mean_cross_entropy gives the mean of -ln p[i, y_i]; untrained: ln 10 = 2.303."
