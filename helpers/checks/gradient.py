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
    numbers_or_none,
    read_only_copy,
    refuse_the_helper_itself,
    within,
)
from helpers.checks.gradient_mistakes import MARK, decay_mistakes, slope_mistakes
from helpers.messages import catalog
from helpers.model import gradient_check, loss_and_gradients, numerical_gradient

__all__ = ["bias_gradient_at_zero", "decayed_gradients", "numerical_dW_entry"]

say = catalog("checks.gradient")

# (seed, lam): fresh weights, images and strengths, so that only the formula passes.
DECAY_CASES = ((32, 0.3), (33, 0.02), (34, 1.5))


def _decay_case(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(W, b, X, y): weights large enough that lam * W shows beside dW, and eight images."""
    rng = np.random.default_rng(seed)
    W, b = rng.normal(0, 0.1, size=(784, 10)), rng.normal(0, 0.1, size=10)
    return W, b, rng.random((8, 784)), rng.integers(0, 10, size=8)


def _decayed_pair(result: object, lam: float) -> tuple[np.ndarray, np.ndarray]:
    """The learner's (dW, db) with the shapes of W and b, or ❌ saying which shape is off."""
    dW, db = as_pair(result, "(dW, db)")
    transposed = ((10, 784), say("dw_transposed"))
    expect_shape(
        dW, (784, 10), known=[transposed], otherwise=say("dw_shape", lam=lam, shape=dW.shape)
    )
    expect_shape(db, (10,), otherwise=say("db_shape", lam=lam, shape=db.shape))
    return dW, db


@checker(answer="function", points=2)
def decayed_gradients(decayed_gradients: object) -> str:
    """Exercise in 03: the gradients of L + (lam / 2) * sum W^2 are (dW + lam * W, db)."""
    close = within(rtol=1e-6, atol=1e-10)
    for seed, lam in DECAY_CASES:
        W, b, X, y = _decay_case(seed)
        result = attempt(decayed_gradients, W, b, X, y, lam, hint=say("decay_hint"))
        dW_got, db_got = _decayed_pair(result, lam)
        _, dW, db = loss_and_gradients(W, b, X, y)
        lead = say("decay_lead", lam=lam)
        compare(
            dW_got,
            dW + lam * W,
            close=close,
            mistakes=decay_mistakes(dW, W, lam),
            lead=lead,
            otherwise=lead + say("dw_wrong"),
        )
        compare(
            db_got,
            db,
            close=close,
            mistakes=((db + lam * b, say("db_decayed")),),
            lead=lead,
            otherwise=lead + say("db_wrong"),
        )
    return say("decay_correct")


def _labels(y_batch: object) -> np.ndarray:
    """The labels the check was given, as integers 0 to 9, or ❌ saying which to pass."""
    labels = as_numbers(y_batch)
    if (
        labels is None
        or labels.ndim != 1
        or not len(labels)
        or not np.isin(labels, range(10)).all()
    ):
        raise NotYet(say("labels_needed"))
    return labels.astype(np.int64)


@checker(answer="value", points=2, given=lambda rng: (rng.integers(0, 10, size=100),))
def bias_gradient_at_zero(db_at_zero: object, y_batch: object) -> str:
    """Exercise in 03: db at W = 0, b = 0 for labels y_batch is 1/10 minus each class's share."""
    labels = _labels(y_batch)
    n, share = len(labels), np.bincount(labels, minlength=10) / len(labels)
    answered(db_at_zero, say("db_todo"))
    got = numbers(db_at_zero, say("db_expected"))
    expect_shape(
        got,
        (10,),
        known=[((n, 10), say("db_per_image", n=n))],
        otherwise=say("db_one_per_class", shape=got.shape),
    )
    mistakes = (
        (share - 0.1, say("db_flipped")),
        (share, say("db_mean_of_y")),
        (n * (0.1 - share), say("db_sums")),
    )
    compare(got, 0.1 - share, mistakes=mistakes, otherwise=say("db_at_zero_wrong"))
    return say("db_at_zero_correct")


def _numerical_hint(error: str) -> str:
    """The hint for a numerical_dW_entry that raised: its signature, or how to nudge a copy."""
    return say("signature_hint" if "positional argument" in error else "nudge_copy_hint")


# Large steps, where centred, one-sided and analytic slopes differ by 0.2% to 4%: only a
# centred difference with the eps given passes, not the formula nor a tiny step of one's own.
STEPS = (1.0, 0.5, 0.25)
SLOPE_JOB = (numerical_gradient, gradient_check)  # helpers that measure the slope themselves


def _marked(W: np.ndarray, steps: list[float]) -> Callable[..., tuple]:
    """loss_and_gradients with dW shifted by MARK, noting in steps how W[j, k] was nudged.

    The learner's function gets it in place of loss_and_gradients wherever it reaches that
    (attempt's `substitute`); a call at another change of W than one entry notes NaN.
    """
    original = loss_and_gradients  # a local: this module's own name is replaced too

    def marked(*args: object, **kwargs: object) -> tuple:
        loss, dW, db = original(*args, **kwargs)
        given = np.asarray(kwargs.get("W", args[0] if args else W), dtype=np.float64)
        if given.shape == W.shape and (given != W).any():
            changed = np.flatnonzero(given != W)
            steps.append(float((given - W).flat[changed[0]]) if len(changed) == 1 else np.nan)
        return loss, dW + MARK, db + MARK

    return marked


def _judge_slope(value: float, where: str, eps: float, steps: list, loss, dW_jk: float) -> None:
    """❌ naming what a wrong slope for one (j, k, eps) did, or nothing when it is right."""
    expected = (loss(eps) - loss(-eps)) / (2 * eps)
    lead = say("slope_lead", where=where, eps=eps, value=value, expected=expected)
    close, nudge = within(rtol=1e-6, atol=1e-9), say("nudge")
    if np.isfinite(value) and not close(value, expected):
        other = [step for step in steps if not np.isclose(abs(step), eps, rtol=1e-6)]
        if other:
            raise NotYet(lead + say("other_step", step=other[0], nudge=nudge))
        if abs(value - dW_jk - MARK) < 1e-6:
            raise NotYet(say("analytic", where=where, nudge=nudge))
        if abs(value - dW_jk) <= 1e-4 * abs(dW_jk) + 1e-8:
            raise NotYet(lead + say("analytic_slope", nudge=nudge))
    judge(
        value,
        expected,
        say("slope_what", where=where),
        nudge,
        close=close,
        mistakes=slope_mistakes(loss, eps, dW_jk),
        lead=lead,
        otherwise=lead + nudge,
    )


def _slope_case(rng: np.random.Generator) -> tuple:
    """(W, b, X, y): fresh weights, six images and their labels."""
    X, y = rng.random((6, 784)), rng.integers(0, 10, size=6)
    return rng.normal(0, 0.05, size=(784, 10)), rng.normal(0, 0.05, size=10), X, y


@checker(answer="function", points=2)
def numerical_dW_entry(numerical_dW_entry: object) -> str:
    """Exercise in 03: a centred difference for one weight, at the eps it is given.

    Judged at large steps, where only a centred difference of the loss gives the expected
    number; loss_and_gradients' dW is shifted by MARK while the answer runs, to name its use.
    """
    refuse_the_helper_itself(numerical_dW_entry, SLOPE_JOB, say("nudge"))
    rng = np.random.default_rng(31)
    W, b, X, y = _slope_case(rng)
    _, dW, _ = loss_and_gradients(W, b, X, y)
    for eps, j, k in zip(
        STEPS, rng.choice(784, 3, replace=False), rng.permutation(10)[:3], strict=True
    ):
        j, k = int(j), int(k)
        W_given, steps = W.copy(), []
        result = attempt(
            numerical_dW_entry,
            W_given,  # writable: the answer may nudge W[j, k] and put it back
            *(read_only_copy(array) for array in (b, X, y)),
            j,
            k,
            eps,
            hint=_numerical_hint,
            writable=True,
            whole_job=SLOPE_JOB,
            substitute={loss_and_gradients: _marked(W, steps)},
        )
        if W_given.shape != W.shape or np.abs(W_given - W).max() > 1e-12:
            raise NotYet(say("changed_w"))
        where = f"W[{j}, {k}]"
        got = numbers_or_none(result, say("slope_expected", where=where))
        if got is None or got.size != 1:
            shape = type(result).__name__ if got is None else say("array_of_shape", shape=got.shape)
            raise NotYet(say("not_one_slope", where=where, got=shape))

        def loss(step: float, j: int = j, k: int = k) -> float:
            W_step = W.copy()
            W_step[j, k] += step
            return loss_and_gradients(W_step, b, X, y)[0]

        _judge_slope(float(got.reshape(())), where, eps, steps, loss, float(dW[j, k]))
    return say("slope_correct")
