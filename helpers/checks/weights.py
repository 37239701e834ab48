"""Checkers of 05_reading_the_weights: pixel votes, the 1 map's red erased, a digit moved down."""

from __future__ import annotations

from typing import NamedTuple

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
    within,
)

__all__ = ["contribution_map", "red_surround", "shift_down_accuracy"]

SHIFT_TODO = "the accuracy on the test set moved one pixel down"
SHIFT_HINT = (
    "images = X_test.reshape(-1, 28, 28), set each image's rows 1..27 to its rows 0..26 in a "
    "zero array, reshape back to (n, 784) and call accuracy."
)
ROWS_NOT_COLUMNS = "move rows, not columns: axis 1 of the (n, 28, 28) images"
VOTES_HINT = "multiply x by column k of W, element by element."
VOTES_TODO = "replace the ... in contribution_map with its one line"


def _votes(result: object, call: str, expected: np.ndarray) -> np.ndarray:
    """A contribution map as 784 votes, or ❌ saying what its shape shows was computed."""
    votes = as_numbers(result)
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


@checker
def contribution_map(contribution_map: object, x: object, W: object) -> str:
    """Exercise in 05: the 784 pixel votes x_i * w_ik for class k, for two classes k."""
    x, W = as_numbers(x), as_numbers(W)
    if x is None or W is None or x.shape != (784,) or W.shape != (784, 10):
        raise NotYet(
            "the checker needs the digit x (784,) and W (784, 10) from above; "
            "run the cells above this exercise again."
        )
    close = within(rtol=1e-4, atol=1e-6)
    for k in (7, 3):
        call = f"contribution_map(x, W, {k})"
        result = attempt(
            contribution_map,
            x.copy(),
            W.copy(),
            k,
            context=f" (for {call})",
            hint=VOTES_HINT,
            todo=VOTES_TODO,
        )
        expected = x * W[:, k]
        votes = _votes(result, call, expected)
        weights_alone = (
            f"{call} returned the weights w_ik alone. Hint: multiply each weight by its pixel "
            "value x_i, so blank pixels vote 0."
        )
        other_class = [
            (
                x * W[:, j],
                f"{call} returned the votes for class {j}, not {k}. Hint: use the k the "
                "function receives, in W[:, k].",
            )
            for j in range(10)
        ]
        wrong = int((~np.isclose(votes, expected, rtol=1e-4, atol=1e-6)).sum())
        differs = (
            f"{call} differs from x_i * w_ik at {wrong} of the 784 pixels. "
            "Hint: x * W[:, k], an element-wise product, without b."
        )
        mistakes = [(W[:, k], weights_alone), *other_class]
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
        raise NotYet(
            "the checker needs W, b, X_test and y_test from above; run the cells above this "
            "exercise again."
        ) from None


def _as_region(answer: object) -> np.ndarray:
    """The learner's region as a (28, 28) boolean mask, or ❌ saying what it is instead."""
    answered(answer, SURROUND_TODO)
    mask = as_numbers(answer)
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


def _shift_images(images: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Move (n, 28, 28) images down by rows and right by cols (negative: up, left), zero fill."""
    out = np.zeros_like(images)
    src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
    out[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return out


class Shifted(NamedTuple):
    """Test accuracies of the model on the test set as given and moved in several ways."""

    down: float  # one row down, zero fill: the answer
    rolled: float  # np.roll wraps the bottom row to the top; MNIST's is blank, so also right
    unshifted: float
    up: float
    right: float
    left: float
    two_down: float


def _shifted_accuracies(W: object, b: object, X: object, y: object) -> Shifted:
    """The accuracies of Shifted, or ❌ when the notebook's W, b, X_test or y_test are gone."""
    try:
        W, b, X, y = (np.asarray(a) for a in (W, b, X, y))
        images = X.reshape(len(X), 28, 28)

        def acc(moved: np.ndarray) -> float:
            return float(((moved.reshape(len(X), 784) @ W + b).argmax(axis=1) == y).mean())

        return Shifted(
            down=acc(_shift_images(images, 1, 0)),
            rolled=acc(np.roll(images, 1, axis=1)),
            unshifted=acc(images),
            up=acc(_shift_images(images, -1, 0)),
            right=acc(_shift_images(images, 0, 1)),
            left=acc(_shift_images(images, 0, -1)),
            two_down=acc(_shift_images(images, 2, 0)),
        )
    except Exception:  # the learner may have overwritten W, b or X_test above
        raise NotYet(
            "the checker needs W, b, X_test and y_test from above; run the cells "
            "above this exercise again."
        ) from None


def _shift_mistakes(value: float, acc: Shifted) -> tuple[tuple[float, str], ...]:
    """(wrong answer, what that mistake is) for the accuracy of the digits moved down."""
    percentage = (
        f"{value:g} looks like a percentage; give a fraction between 0 and 1, as accuracy() "
        "returns."
    )
    error_rate = (
        f"{value:.4f} is the error rate, the fraction of mistakes; give the fraction of correct "
        "predictions."
    )
    return (
        (100 * acc.down, percentage),
        (100 * acc.rolled, percentage),
        (1 - acc.down, error_rate),
        (1 - acc.rolled, error_rate),
        (acc.unshifted, f"{value:.4f} is the accuracy of the unshifted test set."),
        (
            acc.up,
            f"{value:.4f} is the accuracy after moving the digits up (the last row should "
            "become blank, not the first).",
        ),
        (
            acc.right,
            f"{value:.4f} is the accuracy after moving the digits right; {ROWS_NOT_COLUMNS}.",
        ),
        (
            acc.left,
            f"{value:.4f} is the accuracy after moving the digits left; {ROWS_NOT_COLUMNS}.",
        ),
        (acc.two_down, f"{value:.4f} is the accuracy after a shift of two pixels; move by one."),
    )


@checker
def shift_down_accuracy(answer: object, W: object, b: object, X: object, y: object) -> str:
    """Exercise in 05: test accuracy after moving every digit one pixel down."""
    acc = _shifted_accuracies(W, b, X, y)
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
    mistakes = _shift_mistakes(value, acc)
    judge(
        value, right, SHIFT_TODO, SHIFT_HINT, close=close, mistakes=mistakes, shown=f"{value:.4f}"
    )
    return (
        f"{value:.4f}: one pixel down and the accuracy falls from {acc.unshifted:.4f} to "
        f"{acc.down:.4f}."
    )
