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
from helpers.messages import catalog
from helpers.model import cross_entropy as helpers_cross_entropy
from helpers.model import log_softmax, softmax

__all__ = ["cross_entropy", "parameter_count", "stable_softmax"]

say = catalog("checks.softmax")

# (known wrong answer, key of what that mistake is): the sentence follows "answer: ".
PARAMETER_MISTAKES = (
    (7840, "parameters_w_only"),
    (794, "parameters_added"),
    (784, "parameters_one_column"),
)

LOSS_JOB = (helpers_cross_entropy,)  # the helper that does the whole job of the loss


@checker(answer="value", points=1)
def parameter_count(answer: object) -> str:
    """Exercise in 02: how many numbers the softmax model learns."""
    # Said at call time, in the language of the moment.
    mistakes = [(wrong, say(key)) for wrong, key in PARAMETER_MISTAKES]
    what, hint = say("parameters_what"), say("parameters_hint")
    return judge_number(answer, 7850, what, hint, mistakes=mistakes, sep=": ")


def _broadcast_hint(error: str) -> str:
    """The hint for a my_softmax that raised: about broadcasting, or about whole arrays."""
    return say("broadcast_hint" if "broadcast" in error else "whole_array_hint")


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
# Which rows of SPREAD a shift other than the row's maximum breaks, and the key naming it.
SHIFTS = {
    frozenset({0, 1, 2, 3}): "shift_minimum",
    frozenset({1, 2, 3}): "shift_first",
    frozenset({0, 1, 3}): "shift_median",
    frozenset({0, 1}): "shift_mean",
}
# The kinds of scores tried, as names that are also the catalog's keys "scale_<name>".
ORDINARY, EXTREME, HUGE, SPREAD_NAME = "ordinary", "extreme", "huge", "spread"


def _softmax_cases() -> tuple[tuple[np.ndarray, str], ...]:
    """(Z, its kind of scores): ordinary ones with ties, +-1000, +-20000, far apart in a row."""
    rng = np.random.default_rng(2)
    ordinary = np.concatenate(
        [rng.normal(0, 2, size=(4, 10)), np.full((1, 10), 3.0), [[5.0, 5.0] + [1.0] * 8]]
    )
    # Rows of very different size: one maximum for the whole array would turn the row of
    # -1000s into 0 / 0, so only a per-row maximum passes; +-20000 overflows even a longdouble.
    extreme = np.concatenate([1000 + ordinary[:2], -1000 + ordinary[2:3], ordinary[3:]])
    return (ordinary, ORDINARY), (extreme, EXTREME), (20 * extreme, HUGE), (SPREAD, SPREAD_NAME)


def _wrong_rows(P: np.ndarray, Z: np.ndarray, scale: str) -> str:
    """What a softmax whose rows are wrong on scores of this kind did, as a sentence's end."""
    expected = softmax(Z)
    bad = frozenset(np.flatnonzero(~np.isclose(P, expected, rtol=1e-5, atol=1e-8).all(axis=1)))
    finite = np.isfinite(P).all()
    if finite and np.allclose(np.exp(P), expected, rtol=1e-5, atol=1e-8):
        return say("log_probabilities")
    if scale == SPREAD_NAME:
        shown = say("shown_wrong_rows" if finite else "shown_nan")
        if bad in SHIFTS:
            return say("spread_shift", shown=shown, shift=say(SHIFTS[bad]))
        return say("spread_overflow", shown=shown)
    sums_off = not np.allclose(P.sum(axis=1), 1, atol=1e-6)
    if scale in (EXTREME, HUGE) and (not finite or sums_off):
        return say(
            "overflowed",
            shown=say("shown_nan" if not finite else "shown_rows_off"),
            wider=say("wider") if scale == HUGE else "",
            hidden=say("hidden") if finite else "",
        )
    if not finite:
        return say("nan_formula")
    if sums_off:
        if np.allclose(P.sum(axis=0), 1, atol=1e-6):
            return say("columns_sum")
        return say("rows_not_sum")
    row = min(bad)
    return say("rows_differ", row=row, got=P[row, 0], expected=expected[row, 0])


SOFTMAX_JOB = (softmax, log_softmax)  # the helpers that do the whole job of my_softmax


@checker(answer="function", points=2)
def stable_softmax(my_softmax: object) -> str:
    """Exercise in 02: my_softmax(Z) is a row-wise softmax that survives scores of +-1000."""
    refuse_the_helper_itself(my_softmax, SOFTMAX_JOB, say("softmax_hint"))
    for Z, kind in _softmax_cases():
        scale = say(f"scale_{kind}")
        context = say("softmax_context", scale=scale, shape=Z.shape)
        result = attempt(
            my_softmax, Z, context=context, hint=_broadcast_hint, whole_job=SOFTMAX_JOB
        )
        P = numbers_or_none(result, say("probabilities_for", scale=scale))
        if P is None or P.shape != Z.shape:
            got = described(P, result)
            raise NotYet(say("softmax_shape", scale=scale, shape=Z.shape, got=got))
        if not all_close(P, softmax(Z)):
            wrong = _wrong_rows(P, Z, kind)
            raise NotYet(say("softmax_wrong", scale=scale, wrong=wrong))
    return say("softmax_correct")


def _loss_cases() -> tuple[tuple[np.ndarray, np.ndarray, str], ...]:
    """(P, y, which model): a random model, the untrained one, a confident one of 7 rows."""
    rng = np.random.default_rng(3)
    E = np.exp(rng.normal(0, 1.5, size=(5, 10)))
    F = np.exp(rng.normal(0, 4.0, size=(7, 10)))  # far from uniform: a trained model's P
    return (
        (E / E.sum(axis=1, keepdims=True), np.array([3, 0, 9, 3, 7]), say("model_random")),
        (np.full((10, 10), 0.1), np.arange(10), say("model_untrained")),
        (F / F.sum(axis=1, keepdims=True), rng.integers(0, 10, size=7), say("model_confident")),
    )


def _loss_mistakes(P: np.ndarray, y: np.ndarray, expected: float) -> tuple:
    """(known wrong loss, what that mistake is) for P and labels y."""
    n = len(y)
    return (
        (-expected, say("loss_sign")),
        (n * expected, say("loss_sum")),
        (expected / np.log(10), say("loss_log10")),
        (expected / np.log(2), say("loss_log2")),
        (float(-np.log(P[:, y]).mean()), say("pick_hint")),
        (float(-np.log(P.max(axis=1)).mean()), say("loss_max")),
        (float(-np.log(P[np.arange(n), y].mean())), say("loss_log_mean")),
        (float(-np.log(P).mean()), say("loss_every_entry")),
        (expected / 10, say("loss_all_entries")),
    )


@checker(answer="function", points=2)
def cross_entropy(mean_cross_entropy: object) -> str:
    """Exercise in 02: mean_cross_entropy(P, y) is the mean of -ln P[i, y_i]."""
    loss_hint = say("loss_hint")
    refuse_the_helper_itself(mean_cross_entropy, LOSS_JOB, loss_hint)
    for P, y, which in _loss_cases():
        n = len(y)
        context = say("loss_context", shape=P.shape)
        result = attempt(
            mean_cross_entropy, P, y, context=context, hint=say("true_class"), whole_job=LOSS_JOB
        )
        got = numbers_or_none(result, say("single_number"))
        if got is None or got.shape != ():
            # What a wrong shape says about the code: (n, n) from P[:, y], (n,) from no mean.
            shape_hints = {(n, n): "pick_hint", (n,): "one_loss_per_image"}
            hint = shape_hints.get(None if got is None else got.shape[-2:], "return_one_number")
            raise NotYet(say("not_single", got=described(got, result), hint=say(hint)))
        value, expected = float(got), float(-np.log(P[np.arange(n), y]).mean())
        mistakes = _loss_mistakes(P, y, expected)
        what, lead = say("loss_what", model=which), say("loss_lead", model=which, value=value)
        wrong = say("loss_wrong", model=which, expected=expected, value=value, hint=loss_hint)
        close = within(rtol=1e-6, atol=1e-6)
        judge(
            value,
            expected,
            what,
            loss_hint,
            close=close,
            mistakes=mistakes,
            lead=lead,
            otherwise=wrong,
        )
    return say("loss_correct")
