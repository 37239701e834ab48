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
from helpers.checks.weights_shifts import NEEDS_THE_MODEL, shift_mistakes, shifted_accuracies
from helpers.drawing import evidence_map

__all__ = ["contribution_map", "red_surround", "shift_down_accuracy"]

SHIFT_TODO = "the accuracy on the test set moved one pixel down"
SHIFT_HINT = (
    "images = X_test.reshape(-1, 28, 28), set each image's rows 1..27 to its rows 0..26 in a "
    "zero array, reshape back to (n, 784) and call accuracy."
)
VOTES_HINT = "multiply x by column k of W, element by element."
VOTES_TODO = "replace the ... in contribution_map with its one line"


def _votes(result: object, call: str, expected: np.ndarray) -> np.ndarray:
    """A contribution map as 784 votes, or ❌ saying what its shape shows was computed."""
    votes = numbers_or_none(result, f"from {call} an array of 784 numbers")
    if votes is None:
        raise NotYet(f"{call} returned {type(result).__name__}, expected an array of 784 numbers.")
    if votes.size == 1:
        hint = (
            "that is their sum, the score z_k without b; return the 784 terms before they are "
            "added up"
            if np.isclose(votes.item(), expected.sum(), rtol=1e-4, atol=1e-4)
            else "return one vote per pixel"
        )
        raise NotYet(f"{call} returned one number, expected 784 pixel votes. Hint: {hint}.")
    if votes.shape == (10,):
        raise NotYet(
            f"{call} returned 10 numbers, probably x @ W, the scores of all classes without b. "
            "Hint: keep the 784 terms of class k with x * W[:, k], an element-wise product."
        )
    if votes.shape == (784, 10):
        raise NotYet(
            f"{call} returned the votes for all ten classes, shape (784, 10). Hint: use only "
            "column k of W, W[:, k]."
        )
    if votes.shape == (28, 28):
        raise NotYet(
            f"{call} returned a 28x28 map; the exercise asks for the 784 votes in a row, shape "
            "(784,), like x. Hint: leave out the reshape; plots reshape the votes themselves."
        )
    if votes.shape != (784,):
        raise NotYet(
            f"{call} returned shape {votes.shape}, expected 784 values, shape (784,). "
            "Hint: x * W[:, k]."
        )
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
        cases.append((digit, rng.normal(0, 0.1, size=(784, 10)), int(k), " for a made-up x"))
    return cases


def _vote_mistakes(x, W, k, call, notebook_x, notebook_W) -> list[tuple[np.ndarray, str]]:
    """(what a mistake returns, what it is) for the votes of x for class k."""
    single = (x.astype(np.float32) * W[:, k].astype(np.float32)).astype(np.float64)
    return [
        (
            W[:, k],
            f"{call} returned the weights w_ik alone. Hint: multiply each weight by its pixel "
            "value x_i, so blank pixels vote 0.",
        ),
        *[
            (
                x * W[:, j],
                f"{call} returned the votes for class {j}, not {k}. Hint: use the k the "
                "function receives, in W[:, k].",
            )
            for j in range(10)
        ],
        (notebook_x * W[:, k], f"{call} used the notebook's X_test[0], not the x it receives."),
        (x * notebook_W[:, k], f"{call} used the notebook's W, not the W it receives."),
        (single, f"{call} was computed in float32: keep x and W as they are (no float32 copy)."),
    ]


@checker
def contribution_map(contribution_map: object, x: object, W: object) -> str:
    """Exercise in 05: the 784 pixel votes x_i * w_ik for class k, for several x, W and k."""
    x, W = as_numbers(x), as_numbers(W)
    if x is None or W is None or x.shape != (784,) or W.shape != (784, 10):
        raise NotYet(
            "the checker needs the digit x (784,) and W (784, 10) from above; "
            "run the cells above this exercise again."
        )
    for case_x, case_W, k, which in _made_up_cases(x, W):
        call = f"contribution_map(x, W, {k}){which}"
        result = attempt(
            contribution_map,
            case_x,
            case_W,
            k,
            context=f" (for {call})",
            hint=VOTES_HINT,
            todo=VOTES_TODO,
            whole_job=[evidence_map],
        )
        expected = case_x * case_W[:, k]
        votes = _votes(result, call, expected)
        # The notebook's float32 digit may be multiplied in float64: 1e-4; made-up: exact.
        rtol = 1e-4 if not which else 1e-12
        wrong = int((~np.isclose(votes, expected, rtol=rtol, atol=rtol * 1e-2)).sum())
        differs = (
            f"{call} differs from x_i * w_ik at {wrong} of the 784 pixels. "
            "Hint: x * W[:, k], an element-wise product, without b."
        )
        mistakes = _vote_mistakes(case_x, case_W, k, call, x, W)
        close = within(rtol=rtol, atol=rtol * 1e-2)
        compare(votes, expected, close=close, mistakes=mistakes, otherwise=differs)
    return (
        "contribution_map gives the 784 pixel votes x_i * w_ik; their sum plus b_k "
        "is the score z_k."
    )


SURROUND_TODO = "a (28, 28) mask of True where the 1 map is erased"
SURROUND_HINT = (
    "the claim is about all of the red around the stroke: erase everything outside the blue "
    "stroke, or every pixel where the 1 map is negative."
)


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
        raise NotYet(NEEDS_THE_MODEL) from None


def _as_region(answer: object) -> np.ndarray:
    """The learner's region as a (28, 28) boolean mask, or ❌ saying what it is instead."""
    answered(answer, SURROUND_TODO)
    mask = numbers_or_none(answer, "a (28, 28) mask of True and False")
    if mask is None or mask.size != 784:
        shown = type(answer).__name__ if mask is None else f"shape {mask.shape}"
        raise NotYet(
            f"expected a (28, 28) mask of True and False, got {shown}. Hint: compare arrays such "
            "as rows, cols or maps[1] with a number, as section 3 does for band."
        )
    if not np.isin(mask, (0, 1)).all():
        raise NotYet(
            "expected a mask of True and False, got other numbers. Hint: a comparison such as "
            "maps[1] < 0 gives True and False."
        )
    return mask.reshape(28, 28).astype(bool)


@checker
def red_surround(answer: object, W: object, b: object, X: object, y: object) -> str:
    """Exercise in 05: erase the red around the 1 map's stroke; do other digits now read as 1?"""
    region = _as_region(answer)
    kept, others = _read_as_1(region, W, b, X, y)  # ❌ first if W, b, X or y are lost
    kept_before, others_before = _read_as_1(np.zeros((28, 28), bool), W, b, X, y)
    one_map = np.asarray(W, dtype=np.float64)[:, 1].reshape(28, 28)
    if not region.any():
        raise NotYet(f"the region is empty: nothing is erased. Hint: {SURROUND_HINT}")
    if kept < 0.9 * kept_before:
        raise NotYet(
            f"your region erases the 1's blue stroke too: only {kept} of the "
            f"{int((np.asarray(y) == 1).sum())} ones are still read as 1 ({kept_before} before). "
            "The claim is about the red around the stroke; keep the stroke."
        )
    red = np.clip(-one_map, 0, None)
    share = red[region].sum() / red.sum()
    if share < 0.85:
        raise NotYet(
            f"your region holds {share:.0%} of the 1 map's red (its negative weights, added "
            f"up); other digits read as 1 went from {others_before} to {others}. Hint: "
            f"{SURROUND_HINT}"
        )
    return (
        f"erasing {int(region.sum())} pixels, {share:.0%} of the 1 map's red, lets {others} other "
        f"digits be read as 1 ({others_before} before), while {kept} ones still are: the red "
        "keeps the other digits out."
    )


@checker
def shift_down_accuracy(answer: object, W: object, b: object, X: object, y: object) -> str:
    """Exercise in 05: test accuracy after moving every digit one pixel down."""
    acc = shifted_accuracies(W, b, X, y)
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    value = number(
        answer,
        todo=SHIFT_TODO,
        expected="one number, the accuracy",
        hint="accuracy(W, b, X_down, y_test) returns it.",
    )
    right = min(acc.down, acc.rolled, key=lambda accuracy: abs(value - accuracy))  # either
    # A quarter of a test digit: float32 sums may flip a borderline prediction or two.
    close = within(atol=2.5 / len(np.asarray(X)))
    mistakes = shift_mistakes(value, acc)
    judge(
        value, right, SHIFT_TODO, SHIFT_HINT, close=close, mistakes=mistakes, shown=f"{value:.4f}"
    )
    return (
        f"{value:.4f}: one pixel down and the accuracy falls from {acc.unshifted:.4f} to "
        f"{acc.down:.4f}."
    )
