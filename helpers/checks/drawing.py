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
    as_strokes,
    evidence_map,
    pixel_evidence,
    read_drawing,
    read_image,
    render_checked,
    to_mnist,
)
from helpers.messages import catalog

__all__ = ["evidence", "filled_zero", "fooling_drawing"]

say = catalog("checks.drawing")
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
        (x * W[:, k], say("vote")),
        (W[:, k] - W.mean(axis=1), say("no_x")),
        (x * (W.mean(axis=1) - W[:, k]), say("flipped")),
        (x * (W[:, k] - W.mean()), say("global_mean")),
        (x * (W[:, k] - W.mean(axis=0)[k]), say("class_mean")),
        (x * (W[:, k] - W.mean(axis=1)) / 10, say("divided")),
    ]
    mistakes += [
        (x * (W[:, other] - W.mean(axis=1)), say("other_class", other=other, k=k))
        for other in range(10)
        if other != k
    ]
    return mistakes


# Evidence is about 1 in size: an answer computed in float32 (as 05's W is) is far inside this.
EVIDENCE_CLOSE = within(rtol=1e-5, atol=1e-6)
EVIDENCE_JOB = (evidence_map, pixel_evidence)  # the helpers that do the whole job: tripwires
# Wrong shapes that show what was computed instead, and the key of what each means.
EVIDENCE_SHAPES = (
    ((28, 28), "shape_map"),
    ((784, 10), "shape_all_classes"),
    ((), "shape_one_number"),
    ((10,), "shape_ten"),
)


@checker(answer="function", points=2)
def evidence(evidence: object) -> str:
    """Exercise in 07: evidence(x, W, k), the pixels' evidence for class k against the mean."""
    hint = say("evidence_hint")
    known = [(shape, say(key)) for shape, key in EVIDENCE_SHAPES]
    for x, W, k in _evidence_cases():
        result = attempt(evidence, x, W, k, hint=hint, whole_job=EVIDENCE_JOB)
        got = numbers_or_none(result, say("evidence_expected"))
        if got is None:
            raise NotYet(say("evidence_kind", kind=type(result).__name__))
        otherwise = say("evidence_shape", shape=got.shape, hint=hint)
        expect_shape(got, (784,), known=known, otherwise=otherwise)
        compare(
            got,
            x * (W[:, k] - W.mean(axis=1)),
            close=EVIDENCE_CLOSE,
            mistakes=_evidence_mistakes(x, W, k),
            otherwise=say("evidence_wrong", hint=hint),
        )
    return say("evidence_correct")


def _drawing(answer: object, todo: str) -> list:
    """A learner's strokes from lab.drawing(), or ❌ saying what else it got."""
    answered(answer, todo)
    if not isinstance(answer, list):
        raise NotYet(say("not_strokes", kind=type(answer).__name__))
    if not answer:
        raise NotYet(say("pad_blank"))
    return answer


def _read(strokes: list, W: object, b: object, what: str) -> Reading:
    """read_drawing, with a bad drawing or model said as ❌ instead of raised."""
    try:
        return read_drawing(strokes, W, b)
    except BlankDrawing:
        raise NotYet(say("no_ink", what=what)) from None
    except (TypeError, ValueError) as error:
        raise NotYet(say("unreadable", what=what, error=error)) from None


def _a(digit: int) -> str:
    """The digit with its article: "an 8", "a 7" (in languages without articles, the digit)."""
    return say("an_digit" if digit == 8 else "a_digit", digit=digit)


def _where(evidence_gap: np.ndarray) -> str:
    """The ninth of the 28 x 28 image holding the most of a (28, 28) evidence difference."""
    totals = {
        (row, side): evidence_gap[rows, cols].sum() for row, rows in THIRDS for side, cols in SIDES
    }
    row, side = max(totals, key=totals.get)
    return say(f"where_{row}_{side}")


def _where_added(strokes: list[np.ndarray]) -> dict[str, float]:
    """Shares of the ink strokes[1:] add inside the ring strokes[0], on its line, outside it."""
    ring = render_checked(strokes[:1])
    added = np.clip(render_checked(strokes) - ring, 0, None)
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


@checker(
    answer="value",
    points="self-check",
    given=lambda rng: (rng.normal(size=(784, 10)), np.zeros(10)),
)
def filled_zero(drawn: object, W: object, b: object) -> str:
    """Exercise in 07: a 0 as one stroke, then ink in its centre that sinks P(0), with a control."""
    drawn = _drawing(drawn, say("filled_todo"))
    if len(drawn) < 2:
        raise NotYet(say("one_stroke"))
    ring = _read(drawn[:1], W, b, say("what_first_stroke"))
    filled = _read(drawn, W, b, say("what_drawing"))
    if ring.predicted != 0:
        raise NotYet(say("ring_not_zero", digit=_a(ring.predicted), p=ring.probabilities[0]))
    where = _where_added(as_strokes(drawn))
    if where["outside"] > MOST_OUTSIDE:
        raise NotYet(say("ink_outside", outside=where["outside"]))
    if where["centre"] < LEAST_CENTRE:
        raise NotYet(say("ink_on_ring", centre=where["centre"], ring=where["ring"]))
    before, after = ring.probabilities[0], filled.probabilities[0]
    if not after < before / 2:
        raise NotYet(say("not_half", before=before, after=after))
    thick = _thicker_ring(render_checked(as_strokes(drawn[:1])), where["amount"])
    control = read_image(to_mnist(thick), *as_parameters(W, b)).probabilities[0]
    if not control >= before / 2:
        raise NotYet(say("control_too", before=before, control=control, after=after))
    return say(
        "filled_correct",
        before=before,
        after=after,
        centre=where["centre"],
        digit=_a(filled.predicted),
        control=control,
    )


@checker(
    answer="value",
    points="self-check",
    given=lambda rng: (3, rng.normal(size=(784, 10)), np.zeros(10)),
)
def fooling_drawing(drawn: object, meant: object, W: object, b: object) -> str:
    """Exercise in 07: a drawing of the digit `meant` that the model reads as another digit."""
    drawn = _drawing(drawn, say("fooling_todo"))
    meant = answered(meant, say("meant_todo"))
    if isinstance(meant, bool) or not isinstance(meant, (int, np.integer)) or not 0 <= meant <= 9:
        raise NotYet(say("meant_not_digit", meant=repr(meant)))
    reading = _read(drawn, W, b, say("what_drawing"))
    got, p = reading.predicted, reading.probabilities
    if got == meant:
        raise NotYet(say("read_as_meant", meant=meant, digit=_a(meant), p=p[meant]))
    W = np.asarray(W, dtype=np.float64)
    relative = W - W.mean(axis=1, keepdims=True)
    gap = (reading.image.reshape(784) * (relative[:, got] - relative[:, meant])).reshape(28, 28)
    return say(
        "fooling_correct",
        meant_digit=_a(meant),
        got_digit=_a(got),
        got=got,
        p_got=p[got],
        meant=meant,
        p_meant=p[meant],
        where=_where(gap),
    )
