"""Checkers of 07_draw_a_digit: the evidence map, and two claims tested with your own drawings.

The drawings come from the pad (`lab.drawing()`), so the checkers judge what can be judged,
such as "the filled 0 lost probability", and say the rest in words.
"""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    answered,
    as_numbers,
    attempt,
    checker,
    compare,
    expect_shape,
)
from helpers.drawing import BlankDrawing, Reading, read_drawing

__all__ = ["evidence", "filled_zero", "fooling_drawing"]

EVIDENCE_HINT = "x * (W[:, k] - W.mean(axis=1)): the pixels times class k's weights minus the mean."
# Where on the 28 x 28 image the ink that decided a reading lies: rows, then columns, in thirds.
THIRDS = (("top", slice(0, 9)), ("middle", slice(9, 19)), ("bottom", slice(19, 28)))
SIDES = (("left", slice(0, 9)), ("centre", slice(9, 19)), ("right", slice(19, 28)))


@checker
def evidence(evidence: object) -> str:
    """Exercise in 07: evidence(x, W, k), the pixels' evidence for class k against the mean."""
    rng = np.random.default_rng(7)
    x = rng.random(784) * (rng.random(784) < 0.3)  # mostly blank, like a digit
    W, k = rng.normal(size=(784, 10)), 3
    result = attempt(evidence, x.copy(), W.copy(), k, hint=EVIDENCE_HINT)
    got = as_numbers(result)
    if got is None:
        raise NotYet(f"expected an array of 784 numbers, got {type(result).__name__}.")
    known_shapes = (
        ((28, 28), "that is a 28 x 28 map; return the 784 numbers in a row, like x."),
        ((784, 10), "that is every class's evidence; use column k of W, W[:, k], only."),
        ((), "that is one number, probably the sum; return one number per pixel."),
        ((10,), "that is 10 numbers, one per class; keep one number per pixel, shape (784,)."),
    )
    otherwise = f"expected shape (784,), got {got.shape}. Hint: {EVIDENCE_HINT}"
    expect_shape(got, (784,), known=known_shapes, otherwise=otherwise)
    mistakes = (
        (
            x * W[:, k],
            "that is 05's vote x * W[:, k]; subtract the mean of the ten columns from W[:, k].",
        ),
        (W[:, k] - W.mean(axis=1), "multiply by x: a blank pixel is no evidence either way."),
        (x * (W.mean(axis=1) - W[:, k]), "the sign is flipped: class k's column minus the mean."),
        (x * (W[:, k] - W.mean()), "W.mean() is over all 7840 weights; take axis=1, per pixel."),
        (x * (W[:, k] - W.mean(axis=0)[k]), "that mean is over the pixels of class k; use axis=1."),
        (x * (W[:, k] - W.mean(axis=1)) / 10, "no division by 10: mean(axis=1) already divides."),
    )
    compare(
        got,
        x * (W[:, k] - W.mean(axis=1)),
        mistakes=mistakes,
        otherwise=f"that is not the evidence map. Hint: {EVIDENCE_HINT}",
    )
    return "x * (w_k - mean of the ten columns): class k's evidence relative to the others."


def _drawing(answer: object, todo: str) -> list:
    """A learner's strokes from lab.drawing(), or ❌ saying what else it got."""
    answered(answer, todo)
    if not isinstance(answer, list):
        raise NotYet(
            f"expected the strokes that lab.drawing() returns, got {type(answer).__name__}."
        )
    if not answer:
        raise NotYet("the pad was blank when you called lab.drawing(): draw first.")
    return answer


def _read(strokes: list, W: object, b: object, what: str) -> Reading:
    """read_drawing, with a bad drawing or model said as ❌ instead of raised."""
    try:
        return read_drawing(strokes, W, b)
    except BlankDrawing:
        raise NotYet(f"{what} has no ink on the canvas: draw first.") from None
    except (TypeError, ValueError) as error:
        raise NotYet(f"{what} could not be read: {error}") from None


def _a(digit: int) -> str:
    """The digit with its article: "an 8", "a 7"."""
    return f"an {digit}" if digit == 8 else f"a {digit}"


def _where(evidence_gap: np.ndarray) -> str:
    """The ninth of the 28 x 28 image holding the most of a (28, 28) evidence difference."""
    totals = {
        (row, side): evidence_gap[rows, cols].sum() for row, rows in THIRDS for side, cols in SIDES
    }
    row, side = max(totals, key=totals.get)
    return "centre" if (row, side) == ("middle", "centre") else f"{row} {side}"


@checker
def filled_zero(drawn: object, W: object, b: object) -> str:
    """Exercise in 07: a 0 drawn as one stroke, then its centre filled; P(0) should fall."""
    drawn = _drawing(drawn, "lab.drawing() once you have drawn a 0 and filled its centre")
    if len(drawn) < 2:
        raise NotYet(
            "only one stroke: after the ring, fill its centre with a few more strokes, "
            "then call lab.drawing() again."
        )
    ring, filled = _read(drawn[:1], W, b, "your first stroke"), _read(drawn, W, b, "the drawing")
    if ring.predicted != 0:
        raise NotYet(
            f"your first stroke alone was read as {_a(ring.predicted)}, not a 0 "
            f"(P(0) = {ring.probabilities[0]:.2f}). Hint: Clear, draw the 0 as one closed loop, "
            "round and upright, then fill its centre."
        )
    before, after = ring.probabilities[0], filled.probabilities[0]
    if not after < before:
        raise NotYet(
            f"P(0) did not fall: {before:.2f} for the ring, {after:.2f} filled. Hint: fill "
            "the middle of the ring densely, where the 0's own digits have no ink."
        )
    return (
        f"P(0) fell from {before:.2f} for the ring to {after:.2f} once its centre was filled "
        f"(read as {_a(filled.predicted)}): ink where 0s are blank counts against a 0."
    )


@checker
def fooling_drawing(drawn: object, meant: object, W: object, b: object) -> str:
    """Exercise in 07: a drawing of the digit `meant` that the model reads as another digit."""
    drawn = _drawing(drawn, "lab.drawing() once you have drawn a digit the model misreads")
    meant = answered(meant, "the digit you meant to draw, a whole number from 0 to 9")
    if isinstance(meant, bool) or not isinstance(meant, (int, np.integer)) or not 0 <= meant <= 9:
        raise NotYet(f"meant should be the digit you drew, a whole number 0 to 9, got {meant!r}.")
    reading = _read(drawn, W, b, "the drawing")
    got, p = reading.predicted, reading.probabilities
    if got == meant:
        raise NotYet(
            f"the model read your {meant} as {_a(meant)} (P = {p[meant]:.2f}). Hint: look at the "
            f"evidence map of {meant} on the pad, and draw {_a(meant)} a person still reads but "
            "with ink where that map is red: slanted, crossed, with an open loop."
        )
    W = np.asarray(W, dtype=np.float64)
    relative = W - W.mean(axis=1, keepdims=True)
    gap = (reading.image.reshape(784) * (relative[:, got] - relative[:, meant])).reshape(28, 28)
    return (
        f"you meant {_a(meant)} and the model read {_a(got)} (P({got}) = {p[got]:.2f}, "
        f"P({meant}) = {p[meant]:.2f}); the ink that favoured {got} over {meant} most is in the "
        f"{_where(gap)} of the image. Compare the two evidence maps and explain it below."
    )
