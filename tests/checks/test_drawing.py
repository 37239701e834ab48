"""Checkers of 07_draw_a_digit: the evidence map's diagnoses, and the two drawing claims."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks, train_sgd
from helpers.drawings_stored import example_drawing


@pytest.fixture(scope="module")
def model(mnist):
    """05's model, as 07 trains it."""
    history = train_sgd(mnist[0], mnist[1], lr=0.5, batch_size=64, steps=9375, seed=0, decay=True)
    return history.W, history.b


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def narrow_zero() -> list:
    """A 0 drawn tall and narrow: its ink runs down the middle, where the 0's map is red."""
    angles = np.linspace(0, 2 * np.pi, 30)
    return [[[140 + 25 * np.cos(t), 140 + 110 * np.sin(t)] for t in angles]]


def in_float32(x, W, k):
    x, W = x.astype(np.float32), W.astype(np.float32)
    return x * (W[:, k] - W.mean(axis=1))


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then"),
        (lambda x, W, k: x * (W[:, k] - W.mean(axis=1)), "✅ Correct: x * (w_k - mean"),
        # float32 as 05's W, and written in other ways: still the evidence (the wrong answers
        # are in tests/checks/corpus/drawing.py)
        (in_float32, "✅ Correct:"),
        (lambda x, W, k: x * W[:, k] - x * W.mean(axis=1), "✅ Correct:"),
        (lambda x, W, k: x * (W[:, k] - W.sum(axis=1) / 10), "✅ Correct:"),
    ],
)
def test_evidence_passes_right_answers_written_any_way(said, answer, start):
    assert said(checks.evidence, answer).startswith(start)


RING = example_drawing("zero")
ON_THE_LINE = "❌ Not yet: only 0% of the ink you added lies in the ring's centre, 100% on the ring's own line: that thickens the 0 instead of filling it. Hint: scribble in the middle of the ring, away from its line."  # noqa: E501


def outside(share: int) -> str:
    return (
        f"❌ Not yet: {share}% of the ink you added lies outside the ring: ink outside changes "
        "the box the model scales, so it tests something else. Hint: Undo those strokes and "
        "add ink inside the ring only."
    )


@pytest.mark.parametrize(
    ("drawn", "line"),
    [
        ([], "❌ Not yet: the pad was blank when you called lab.drawing(): draw first."),
        ("ring", "❌ Not yet: expected the strokes that lab.drawing() returns, got str."),
        (
            RING,
            "❌ Not yet: only one stroke: after the ring, fill its centre with a few more "
            "strokes, then call lab.drawing() again.",
        ),
        (
            example_drawing("one") + RING,
            "❌ Not yet: your first stroke alone was read as a 1, not a 0 (P(0) = 0.00). Hint: "
            "Clear, draw the 0 as one closed loop, round and upright, then fill its centre.",
        ),
        (RING + RING, ON_THE_LINE),  # the ring twice over
        (RING + [[RING[0][10]]], ON_THE_LINE),  # a dot on the ring (issue 17: it passed)
        (RING + [[[190, 200], [215, 250], [225, 270]]], outside(99)),  # a tail (issue 17)
        (example_drawing("zero inked outside"), outside(97)),  # the control outside
        (example_drawing("zero inked on the ring"), outside(37)),  # across the ring's line
        (
            RING + [[[142, 140]]],  # one dot in the centre: too little ink
            "❌ Not yet: P(0) fell only from 0.99 for the ring to 0.93: not yet half. Hint: "
            "fill more of the centre, where the 0's own digits have no ink.",
        ),
        (
            [[[1, 2, 3]], [[4, 5]]],
            "❌ Not yet: your first stroke could not be read: Expected strokes[0] to be a list "
            "of (x, y) points, got list [[1, 2, 3]].",
        ),
        (
            example_drawing("filled zero"),
            "✅ Correct: P(0) fell from 0.99 for the ring to 0.00 with 100% of your added ink "
            "in its centre (read as an 8); the same amount of ink on the ring's line leaves "
            "P(0) at 1.00: ink where 0s are blank counts against a 0.",
        ),
    ],
)
def test_filled_zero_names_each_mistake(said, model, drawn, line):
    assert said(checks.filled_zero, drawn, *model) == line


def test_filled_zero_is_not_attempted_while_the_stub_stands(said, model):
    assert said(checks.filled_zero, ..., *model).startswith(
        "⏳ Not attempted yet: replace the ... with lab.drawing()"
    )


def test_filled_zero_refuses_a_model_that_any_ink_sinks(said):
    # A model that counts ink against a 0 wherever it lies: the centre fill passes every
    # other test, and only the control (the same ink on the ring's line) tells it apart.
    W, b = np.zeros((784, 10)), np.zeros(10)
    W[:, 0], b[0] = -0.1, 12.0
    assert said(checks.filled_zero, example_drawing("filled zero"), W, b) == (
        "❌ Not yet: the same amount of ink laid on the ring's line lowers P(0) too, from 0.62 "
        "to 0.06 (yours: 0.02): then ink anywhere sinks a 0, not ink in the centre. Hint: use "
        "less ink, only in the middle."
    )


def test_a_typed_fill_passes_as_the_solution_says(said, model):
    typed = RING + [[[120, 100], [165, 110], [120, 130], [165, 145], [120, 165]]]
    assert said(checks.filled_zero, typed, *model).startswith("✅ Correct: P(0) fell from 0.99")


def test_fooling_drawing_says_what_was_read_and_where(said, model):
    W, b = model
    line = said(checks.fooling_drawing, narrow_zero(), 0, W, b)
    assert line.startswith("✅ Correct: you meant a 0 and the model read an 8"), line
    assert "is in the centre of the image" in line
    line = said(checks.fooling_drawing, example_drawing("one"), 1, W, b)
    assert line.startswith("❌ Not yet: the model read your 1 as a 1 (P = 0.99)")
    assert said(checks.fooling_drawing, narrow_zero(), ..., W, b).startswith(
        "⏳ Not attempted yet: replace the ... with the digit you meant"
    )
    for meant in (10, 2.0, True, "0"):
        assert said(checks.fooling_drawing, narrow_zero(), meant, W, b).startswith(
            "❌ Not yet: meant should be the digit you drew"
        )


def test_evidence_refuses_a_class_typed_in(said):
    # Issue 17: one k was tested, so k = 3 typed in passed; the cases now vary k.
    def fixed_class(x, W, k):
        return x * (W[:, 3] - W.mean(axis=1))

    assert said(checks.evidence, fixed_class) == (
        "❌ Not yet: that is the evidence for class 3, but k was 0: use W[:, k], the k given."
    )
