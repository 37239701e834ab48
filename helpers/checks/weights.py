"""Checkers of 05_reading_the_weights: pixel votes, the 1 map's red erased, a digit moved down."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    answered,
    as_numbers,
    attempt,
    checker,
    compare,
    judge,
    number,
    numbers_or_none,
    within,
)
from helpers.checks.weights_shifts import needs_the_model, shift_mistakes, shifted_accuracies
from helpers.drawing import evidence_map
from helpers.messages import catalog

__all__ = ["contribution_map", "red_surround", "shift_down_accuracy"]

say = catalog("checks.weights")


def _votes(result: object, call: str, expected: np.ndarray) -> np.ndarray:
    """A contribution map as 784 votes, or ❌ saying what its shape shows was computed."""
    votes = numbers_or_none(result, say("votes_expected", call=call))
    if votes is None:
        raise NotYet(say("votes_kind", call=call, kind=type(result).__name__))
    if votes.size == 1:
        summed = np.isclose(votes.item(), expected.sum(), rtol=1e-4, atol=1e-4)
        hint = say("votes_sum_hint" if summed else "votes_one_per_pixel")
        raise NotYet(say("votes_one_number", call=call, hint=hint))
    # Shapes that show what was computed instead, and the key of what each means.
    shown = {(10,): "votes_ten", (784, 10): "votes_all_classes", (28, 28): "votes_map"}
    if votes.shape in shown:
        raise NotYet(say(shown[votes.shape], call=call))
    if votes.shape != (784,):
        raise NotYet(say("votes_shape", call=call, shape=votes.shape))
    return votes


def _made_up_cases(x: np.ndarray, W: np.ndarray) -> list[tuple[np.ndarray, np.ndarray, int, str]]:
    """(x, W, k, what x is) to try: the notebook's digit for two k, then made-up float64 ones.

    The made-up digits (a third of the pixels inked) and weights change x, W and k, so an
    answer fixed to X_test[0], to the notebook's W or to one k fails; in float64 a float32
    copy of W is off by about 1e-8, far beyond their tolerance.
    """
    rng = np.random.default_rng(5)
    cases = [(x, W, k, "") for k in (7, 3)]
    for k in rng.permutation(10)[:3]:
        digit = rng.random(784) * (rng.random(784) < 0.3)
        cases.append((digit, rng.normal(0, 0.1, size=(784, 10)), int(k), say("made_up")))
    return cases


def _vote_mistakes(x, W, k, call, notebook_x, notebook_W) -> list[tuple[np.ndarray, str]]:
    """(what a mistake returns, what it is) for the votes of x for class k."""
    single = (x.astype(np.float32) * W[:, k].astype(np.float32)).astype(np.float64)
    return [
        (W[:, k], say("weights_alone", call=call)),
        *[(x * W[:, j], say("other_class", call=call, other=j, k=k)) for j in range(10)],
        (notebook_x * W[:, k], say("notebook_x", call=call)),
        (x * notebook_W[:, k], say("notebook_w", call=call)),
        (single, say("float32", call=call)),
    ]


@checker(
    answer="function", points=2, given=lambda rng: (rng.random(784), rng.normal(size=(784, 10)))
)
def contribution_map(contribution_map: object, x: object, W: object) -> str:
    """Exercise in 05: the 784 pixel votes x_i * w_ik for class k, for several x, W and k."""
    x, W = as_numbers(x), as_numbers(W)
    if x is None or W is None or x.shape != (784,) or W.shape != (784, 10):
        raise NotYet(say("needs_x_and_w"))
    for case_x, case_W, k, which in _made_up_cases(x, W):
        call = f"contribution_map(x, W, {k}){which}"
        result = attempt(
            contribution_map,
            case_x,
            case_W,
            k,
            context=say("votes_context", call=call),
            hint=say("votes_hint"),
            todo=say("votes_todo"),
            whole_job=[evidence_map],
        )
        expected = case_x * case_W[:, k]
        votes = _votes(result, call, expected)
        # The notebook's float32 digit may be multiplied in float64: 1e-4; made-up: exact.
        rtol = 1e-4 if not which else 1e-12
        wrong = int((~np.isclose(votes, expected, rtol=rtol, atol=rtol * 1e-2)).sum())
        differs = say("votes_differ", call=call, wrong=wrong)
        mistakes = _vote_mistakes(case_x, case_W, k, call, x, W)
        close = within(rtol=rtol, atol=rtol * 1e-2)
        compare(votes, expected, close=close, mistakes=mistakes, otherwise=differs)
    return say("votes_correct")


def _read_as_1(region: np.ndarray, W: object, b: object, X: object, y: object) -> tuple:
    """(ones read as 1, other digits read as 1) with the 1 map erased on region, or ❌."""
    try:
        W_erased, X, y = np.array(W, dtype=np.float64), np.asarray(X), np.asarray(y)
        W_erased[region.ravel(), 1] = 0
        read = (X @ W_erased + np.asarray(b)).argmax(axis=1) == 1
        if y.shape != read.shape:
            raise ValueError("one label per digit")
        return int((read & (y == 1)).sum()), int((read & (y != 1)).sum())
    except Exception:  # the learner may have overwritten W, b or X_test above
        raise NotYet(needs_the_model()) from None


def _as_region(answer: object) -> np.ndarray:
    """The learner's region as a (28, 28) boolean mask, or ❌ saying what it is instead."""
    answered(answer, say("surround_todo"))
    mask = numbers_or_none(answer, say("mask_expected"))
    if mask is None or mask.size != 784:
        shown = type(answer).__name__ if mask is None else say("mask_shape_of", shape=mask.shape)
        raise NotYet(say("not_a_mask", got=shown))
    if not np.isin(mask, (0, 1)).all():
        raise NotYet(say("not_booleans"))
    return mask.reshape(28, 28).astype(bool)


@checker(
    answer="value",
    points=2,
    given=lambda rng: (np.ones((784, 10)), np.zeros(10), np.ones((20, 784)), np.arange(20) % 10),
)
def red_surround(answer: object, W: object, b: object, X: object, y: object) -> str:
    """Exercise in 05: erase the red around the 1 map's stroke; do other digits now read as 1?"""
    region = _as_region(answer)
    kept, others = _read_as_1(region, W, b, X, y)  # ❌ first if W, b, X or y are lost
    kept_before, others_before = _read_as_1(np.zeros((28, 28), bool), W, b, X, y)
    one_map = np.asarray(W, dtype=np.float64)[:, 1].reshape(28, 28)
    hint = say("surround_hint")
    if not region.any():
        raise NotYet(say("region_empty", hint=hint))
    if kept < 0.9 * kept_before:
        ones = int((np.asarray(y) == 1).sum())
        raise NotYet(say("erases_stroke", kept=kept, ones=ones, before=kept_before))
    red = np.clip(-one_map, 0, None)
    share = red[region].sum() / red.sum()
    if share < 0.85:
        raise NotYet(
            say("too_little_red", share=share, before=others_before, others=others, hint=hint)
        )
    pixels = int(region.sum())
    return say(
        "surround_correct",
        pixels=pixels,
        share=share,
        others=others,
        before=others_before,
        kept=kept,
    )


@checker(
    answer="value",
    points=2,
    given=lambda rng: (np.zeros((784, 10)), np.zeros(10), np.zeros((20, 784)), np.zeros(20)),
)
def shift_down_accuracy(answer: object, W: object, b: object, X: object, y: object) -> str:
    """Exercise in 05: test accuracy after moving every digit one pixel down."""
    acc = shifted_accuracies(W, b, X, y)
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    todo = say("shift_todo")
    value = number(answer, todo=todo, expected=say("accuracy_expected"), hint=say("accuracy_hint"))
    right = min(acc.down, acc.rolled, key=lambda accuracy: abs(value - accuracy))  # either
    # A quarter of a test digit: float32 sums may flip a borderline prediction or two.
    close = within(atol=2.5 / len(np.asarray(X)))
    mistakes = shift_mistakes(value, acc)
    hint = say("shift_hint")
    judge(value, right, todo, hint, close=close, mistakes=mistakes, shown=f"{value:.4f}")
    return say("shift_correct", value=value, unshifted=acc.unshifted, down=acc.down)
