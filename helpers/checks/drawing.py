"""Checkers of 07_draw_a_digit: the evidence map, and two claims tested with your own drawings.

The drawings come from the pad (`lab.drawing()`) or are typed as lists of points, so the
checkers judge what can be judged (where the added ink lies, what it did to P(0), what the
same ink on the ring's line does) and say the rest in words.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from helpers._inputs import as_parameters
from helpers.checks.feedback import (
    NotYet,
    answered,
    attempt,
    checker,
    compare,
    expect_shape,
    numbers_or_none,
    within,
)
from helpers.drawing import (
    CANVAS,
    BlankDrawing,
    Reading,
    _evidence,
    _reading,
    _render,
    as_strokes,
    evidence_map,
    read_drawing,
    to_mnist,
)

__all__ = ["evidence", "filled_zero", "fooling_drawing"]

EVIDENCE_HINT = "x * (W[:, k] - W.mean(axis=1)): the pixels times class k's weights minus the mean."
# Where on the 28 x 28 image the ink that decided a reading lies: rows, then columns, in thirds.
THIRDS = (("top", slice(0, 9)), ("middle", slice(9, 19)), ("bottom", slice(19, 28)))
# The filled 0: at most this share of the added ink outside the ring, at least this in its centre.
MOST_OUTSIDE, LEAST_CENTRE = 0.10, 0.60
SIDES = (("left", slice(0, 9)), ("centre", slice(9, 19)), ("right", slice(19, 28)))


def _evidence_cases() -> list[tuple[np.ndarray, np.ndarray, int]]:
    """Seeded (x, W, k) cases: a different image, weights and class each time, k 0 and 9 too."""
    rng = np.random.default_rng(7)
    cases = []
    for k in (3, 0, 9, int(rng.integers(1, 9))):
        x = rng.random(784) * (rng.random(784) < 0.3)  # mostly blank, like a digit
        cases.append((x, rng.normal(size=(784, 10)), k))
    return cases


def _evidence_mistakes(x: np.ndarray, W: np.ndarray, k: int) -> list[tuple[np.ndarray, str]]:
    """(wrong map, what that mistake is) for one case, with a fixed class among them."""
    mistakes = [
        (
            x * W[:, k],
            "that is 05's vote x * W[:, k]; subtract the mean of the ten columns from W[:, k].",
        ),
        (W[:, k] - W.mean(axis=1), "multiply by x: a blank pixel is no evidence either way."),
        (x * (W.mean(axis=1) - W[:, k]), "the sign is flipped: class k's column minus the mean."),
        (x * (W[:, k] - W.mean()), "W.mean() is over all 7840 weights; take axis=1, per pixel."),
        (x * (W[:, k] - W.mean(axis=0)[k]), "that mean is over the pixels of class k; use axis=1."),
        (x * (W[:, k] - W.mean(axis=1)) / 10, "no division by 10: mean(axis=1) already divides."),
    ]
    mistakes += [
        (
            x * (W[:, other] - W.mean(axis=1)),
            f"that is the evidence for class {other}, but k was {k}: use W[:, k], the k given.",
        )
        for other in range(10)
        if other != k
    ]
    return mistakes


# Evidence is about 1 in size: an answer computed in float32 (as 05's W is) is far inside this.
EVIDENCE_CLOSE = within(rtol=1e-5, atol=1e-6)
EVIDENCE_JOB = (evidence_map, _evidence)  # the helpers that do the whole job: tripwires
EVIDENCE_SHAPES = (
    ((28, 28), "that is a 28 x 28 map; return the 784 numbers in a row, like x."),
    ((784, 10), "that is every class's evidence; use column k of W, W[:, k], only."),
    ((), "that is one number, probably the sum; return one number per pixel."),
    ((10,), "that is 10 numbers, one per class; keep one number per pixel, shape (784,)."),
)


@checker
def evidence(evidence: object) -> str:
    """Exercise in 07: evidence(x, W, k), the pixels' evidence for class k against the mean."""
    for x, W, k in _evidence_cases():
        result = attempt(evidence, x, W, k, hint=EVIDENCE_HINT, whole_job=EVIDENCE_JOB)
        got = numbers_or_none(result, "an array of 784 numbers")
        if got is None:
            raise NotYet(f"expected an array of 784 numbers, got {type(result).__name__}.")
        otherwise = f"expected shape (784,), got {got.shape}. Hint: {EVIDENCE_HINT}"
        expect_shape(got, (784,), known=EVIDENCE_SHAPES, otherwise=otherwise)
        compare(
            got,
            x * (W[:, k] - W.mean(axis=1)),
            close=EVIDENCE_CLOSE,
            mistakes=_evidence_mistakes(x, W, k),
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


def _where_added(strokes: list[np.ndarray]) -> dict[str, float]:
    """Shares of the ink strokes[1:] add inside the ring strokes[0], on its line, outside it."""
    ring = _render(strokes[:1])
    added = np.clip(_render(strokes) - ring, 0, None)
    inside = Image.new("L", (CANVAS, CANVAS), 0)
    ImageDraw.Draw(inside).polygon([(x, y) for x, y in strokes[0]], fill=1)
    within = np.asarray(inside, dtype=bool)
    total = added.sum()
    if total < 1:  # under one canvas pixel of new ink: everything added lies on the ring
        return {"amount": 0.0, "centre": 0.0, "ring": 1.0, "outside": 0.0}
    return {
        "amount": float(total),
        "centre": float(added[within & (ring == 0)].sum() / total),
        "ring": float(added[ring > 0].sum() / total),
        "outside": float(added[~within & (ring == 0)].sum() / total),
    }


def _thicker_ring(ring: np.ndarray, amount: float) -> np.ndarray:
    """The control: the ring's own line thickened until it holds at least `amount` more ink."""
    picture = Image.fromarray(np.round(ring * 255).astype(np.uint8))
    for size in range(3, 80, 2):
        thick = np.asarray(picture.filter(ImageFilter.MaxFilter(size)), dtype=np.float64) / 255
        if thick.sum() - ring.sum() >= amount:
            break
    return thick


@checker
def filled_zero(drawn: object, W: object, b: object) -> str:
    """Exercise in 07: a 0 as one stroke, then ink in its centre that sinks P(0), with a control."""
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
    where = _where_added(as_strokes(drawn))
    if where["outside"] > MOST_OUTSIDE:
        raise NotYet(
            f"{where['outside']:.0%} of the ink you added lies outside the ring: ink outside "
            "changes the box the model scales, so it tests something else. Hint: Undo those "
            "strokes and add ink inside the ring only."
        )
    if where["centre"] < LEAST_CENTRE:
        raise NotYet(
            f"only {where['centre']:.0%} of the ink you added lies in the ring's centre, "
            f"{where['ring']:.0%} on the ring's own line: that thickens the 0 instead of "
            "filling it. Hint: scribble in the middle of the ring, away from its line."
        )
    before, after = ring.probabilities[0], filled.probabilities[0]
    if not after < before / 2:
        raise NotYet(
            f"P(0) fell only from {before:.2f} for the ring to {after:.2f}: not yet half. "
            "Hint: fill more of the centre, where the 0's own digits have no ink."
        )
    thick = _thicker_ring(_render(as_strokes(drawn[:1])), where["amount"])
    control = _reading(to_mnist(thick), *as_parameters(W, b)).probabilities[0]
    if not control >= before / 2:
        raise NotYet(
            f"the same amount of ink laid on the ring's line lowers P(0) too, from {before:.2f} "
            f"to {control:.2f} (yours: {after:.2f}): then ink anywhere sinks a 0, not ink in "
            "the centre. Hint: use less ink, only in the middle."
        )
    return (
        f"P(0) fell from {before:.2f} for the ring to {after:.2f} with {where['centre']:.0%} "
        f"of your added ink in its centre (read as {_a(filled.predicted)}); the same amount of "
        f"ink on the ring's line leaves P(0) at {control:.2f}: ink where 0s are blank counts "
        "against a 0."
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
