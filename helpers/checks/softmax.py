"""Checkers of 02_softmax_model: the model's size, a stable softmax, and the cross-entropy loss."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    all_close,
    attempt,
    checker,
    described,
    judge,
    judge_number,
    numbers_or_none,
    refuse_the_helper_itself,
    within,
)
from helpers.model import cross_entropy as helpers_cross_entropy
from helpers.model import log_softmax, softmax

__all__ = ["cross_entropy", "parameter_count", "stable_softmax"]

# (known wrong answer, what that mistake is): the sentence follows "answer: ".
PARAMETER_MISTAKES = (
    (7840, "that counts W only; b adds one bias per class."),
    (794, "W is a 784 x 10 table: multiply, do not add."),
    (784, "that is one class's weights; W has a column of 784 for each of the 10 classes."),
)

LOSS_HINT = "take -ln of the probability of the true class in each row, then the mean."
PICK_HINT = "P[:, y] picks whole columns; P[np.arange(len(y)), y] picks one entry per row."
LOSS_JOB = (helpers_cross_entropy,)  # the helper that does the whole job of the loss
SOFTMAX_HINT = "E = np.exp(Z - Z.max(axis=1, keepdims=True)), then divide each row by its sum."
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


# Rows whose scores lie far apart, each overflowing for a different wrong shift: subtracting
# the row's minimum breaks rows 0 to 3, its first score 1 to 3, its median 0, 1 and 3, its mean
# 0 and 1 (exp overflows above 709); the last row is ordinary.
SPREAD = np.array(
    [
        [800.0] + [0.0] * 9,
        [0.0, 800.0] + [0.0] * 8,
        [0.0] + [720.0] * 9,
        [0.0] * 6 + [720.0] * 4,
        [1.0, -2.0] + [0.5] * 8,
    ]
)
SPREAD_NAME = "scores far apart within a row"
AT_MOST_0 = "Subtract each row's own maximum instead, so that every exponent is at most 0."
# Which rows of SPREAD a shift other than the row's maximum breaks, and what it is called.
SHIFTS = {
    frozenset({0, 1, 2, 3}): "subtracting the row's minimum leaves exponents up to 800",
    frozenset({1, 2, 3}): (
        "subtracting each row's first score leaves exponents up to 800 where the first score "
        "is not the largest"
    ),
    frozenset({0, 1, 3}): (
        "subtracting the row's median leaves the largest score far above it in a row like "
        "[0, 800, 0, ...]"
    ),
    frozenset({0, 1}): (
        "subtracting the row's mean leaves the largest score far above it in a row like "
        "[0, 800, 0, ...]"
    ),
}
ORDINARY, EXTREME, HUGE = "ordinary scores", "scores of +-1000", "scores of +-20000"


def _softmax_cases() -> tuple[tuple[np.ndarray, str], ...]:
    """(Z, what its scores are): ordinary ones with ties, +-1000, +-20000, far apart in a row."""
    rng = np.random.default_rng(2)
    ordinary = np.concatenate(
        [rng.normal(0, 2, size=(4, 10)), np.full((1, 10), 3.0), [[5.0, 5.0] + [1.0] * 8]]
    )
    # Rows of very different size: one maximum for the whole array would turn the row of
    # -1000s into 0 / 0, so only a per-row maximum passes; +-20000 overflows even a longdouble.
    extreme = np.concatenate([1000 + ordinary[:2], -1000 + ordinary[2:3], ordinary[3:]])
    return (ordinary, ORDINARY), (extreme, EXTREME), (20 * extreme, HUGE), (SPREAD, SPREAD_NAME)


def _wrong_rows(P: np.ndarray, Z: np.ndarray, scale: str) -> str:
    """What a softmax whose rows are wrong on these scores did, as the end of a sentence."""
    expected = softmax(Z)
    bad = frozenset(np.flatnonzero(~np.isclose(P, expected, rtol=1e-5, atol=1e-8).all(axis=1)))
    finite = np.isfinite(P).all()
    if finite and np.allclose(np.exp(P), expected, rtol=1e-5, atol=1e-8):
        return (
            "those are log-probabilities (exp of them sums to 1): return the probabilities "
            "themselves, E / E.sum(axis=1, keepdims=True)."
        )
    if scale == SPREAD_NAME:
        shown = "wrong rows" if finite else "NaN or inf"
        shift = SHIFTS.get(bad)
        return (
            f"{shown}: {shift + ', and exp overflows' if shift else 'exp overflowed'}. {AT_MOST_0}"
        )
    sums_off = not np.allclose(P.sum(axis=1), 1, atol=1e-6)
    if scale in (EXTREME, HUGE) and (not finite or sums_off):
        wider = " (a wider float such as np.longdouble only moves that limit)"
        overflowed = (
            f"exp overflowed or every term underflowed to 0{wider if scale == HUGE else ''}"
        )
        hidden = "" if not finite else ", and replacing NaN or inf (np.nan_to_num) only hides it"
        return (
            f"{'NaN or inf' if not finite else 'rows that do not sum to 1'}: {overflowed}{hidden}. "
            "Subtract each row's own maximum before np.exp: Z - Z.max(axis=1, keepdims=True)."
        )
    if not finite:
        return "NaN or inf: check the formula: p = exp(z) / sum(exp(z)) in each row."
    if sums_off:
        if np.allclose(P.sum(axis=0), 1, atol=1e-6):
            return "columns that sum to 1 instead of rows: divide by E.sum(axis=1, keepdims=True)."
        return (
            "rows that do not sum to 1. Hint: divide each row by its own sum: "
            "E.sum(axis=1, keepdims=True)."
        )
    row = min(bad)
    return (
        f"rows that sum to 1 but differ from softmax, e.g. entry [{row}, 0] is {P[row, 0]:.4f}, "
        f"expected {expected[row, 0]:.4f}. Hint: p = exp(z - max) / sum."
    )


SOFTMAX_JOB = (softmax, log_softmax)  # the helpers that do the whole job of my_softmax


@checker
def stable_softmax(my_softmax: object) -> str:
    """Exercise in 02: my_softmax(Z) is a row-wise softmax that survives scores of +-1000."""
    refuse_the_helper_itself(my_softmax, SOFTMAX_JOB, SOFTMAX_HINT)
    for Z, scale in _softmax_cases():
        context = f" (for {scale} of shape {Z.shape})"
        result = attempt(
            my_softmax, Z, context=context, hint=_broadcast_hint, whole_job=SOFTMAX_JOB
        )
        P = numbers_or_none(result, f"probabilities for {scale}")
        if P is None or P.shape != Z.shape:
            raise NotYet(
                f"for {scale} of shape {Z.shape} expected probabilities of the same shape, got "
                f"{described(P, result)}. Hint: keep the row axis with keepdims=True when you "
                "take max and sum."
            )
        if not all_close(P, softmax(Z)):
            raise NotYet(f"for {scale} my_softmax returned {_wrong_rows(P, Z, scale)}")
    return "my_softmax matches helpers.softmax, and stays finite for scores of +-1000."


def _loss_cases() -> tuple[tuple[np.ndarray, np.ndarray, str], ...]:
    """(P, y, which model): a random model, the untrained one, a confident one of 7 rows."""
    rng = np.random.default_rng(3)
    E = np.exp(rng.normal(0, 1.5, size=(5, 10)))
    F = np.exp(rng.normal(0, 4.0, size=(7, 10)))  # far from uniform: a trained model's P
    return (
        (E / E.sum(axis=1, keepdims=True), np.array([3, 0, 9, 3, 7]), "a random model"),
        (np.full((10, 10), 0.1), np.arange(10), "the untrained model"),
        (F / F.sum(axis=1, keepdims=True), rng.integers(0, 10, size=7), "a confident model"),
    )


def _loss_mistakes(P: np.ndarray, y: np.ndarray, expected: float) -> tuple:
    """(known wrong loss, what that mistake is) for P and labels y."""
    n = len(y)
    return (
        (-expected, "the sign is wrong: ln p is negative, so the loss is -ln p."),
        (n * expected, "that is the sum over the rows; take the mean."),
        (expected / np.log(10), "that uses log10; the loss uses the natural log, np.log."),
        (expected / np.log(2), "that uses log2; the loss uses the natural log, np.log."),
        (float(-np.log(P[:, y]).mean()), PICK_HINT),
        (
            float(-np.log(P.max(axis=1)).mean()),
            "that uses each row's largest probability; take the one of the true class y.",
        ),
        (
            float(-np.log(P[np.arange(n), y].mean())),
            "that is -ln of the mean probability; take the mean of the -ln of each.",
        ),
        (
            float(-np.log(P).mean()),
            "that averages -ln p over every entry of P; keep only the true class's.",
        ),
        (
            expected / 10,
            "that is a mean over all n x 10 entries of Y * ln P: sum over the classes, then "
            "take the mean over the rows.",
        ),
    )


@checker
def cross_entropy(mean_cross_entropy: object) -> str:
    """Exercise in 02: mean_cross_entropy(P, y) is the mean of -ln P[i, y_i]."""
    refuse_the_helper_itself(mean_cross_entropy, LOSS_JOB, LOSS_HINT)
    for P, y, which in _loss_cases():
        n = len(y)
        context = f" (for P of shape {P.shape})"
        result = attempt(
            mean_cross_entropy, P, y, context=context, hint=TRUE_CLASS, whole_job=LOSS_JOB
        )
        got = numbers_or_none(result, "a single number")
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
        mistakes = _loss_mistakes(P, y, expected)
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
