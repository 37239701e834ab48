"""Checkers of 07_draw_a_digit: the evidence map's diagnoses, and the two drawing claims."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks, train_sgd
from helpers.drawing import example_drawing


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


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then"),
        (lambda x, W, k: x * (W[:, k] - W.mean(axis=1)), "✅ Correct: x * (w_k - mean"),
        (lambda x, W, k: x * W[:, k], "❌ Not yet: that is 05's vote"),
        (
            lambda x, W, k: W[:, k] - W.mean(axis=1),
            "❌ Not yet: multiply by x",
        ),
        (
            lambda x, W, k: x * (W.mean(axis=1) - W[:, k]),
            "❌ Not yet: the sign",
        ),
        (lambda x, W, k: x * (W[:, k] - W.mean()), "❌ Not yet: W.mean() is"),
        (
            lambda x, W, k: x * (W[:, k] - W[:, k].mean()),
            "❌ Not yet: that mean",
        ),
        (
            lambda x, W, k: (x * (W[:, k] - W.mean(axis=1))).reshape(28, 28),
            "❌ Not yet: that is a 28",
        ),
        (lambda x, W, k: x @ W, "❌ Not yet: that is 10 numbers"),
        (lambda x, W, k: x[:, None] * W, "❌ Not yet: that is every class's"),
        (lambda x, W, k: x * W[:, k] * 2, "❌ Not yet: that is not the evidence map. Hint: x *"),
    ],
)
def test_evidence_names_each_mistake(said, answer, start):
    assert said(checks.evidence, answer).startswith(start)


def test_filled_zero_judges_the_drawing(said, model):
    W, b = model
    ring, filled = example_drawing("zero"), example_drawing("filled zero")
    assert said(checks.filled_zero, ..., W, b).startswith(
        "⏳ Not attempted yet: replace the ... with lab.drawing()"
    )
    assert said(checks.filled_zero, [], W, b) == (
        "❌ Not yet: the pad was blank when you called lab.drawing(): draw first."
    )
    assert said(checks.filled_zero, "ring", W, b).startswith(
        "❌ Not yet: expected the strokes that lab.drawing() returns, got str."
    )
    assert said(checks.filled_zero, ring, W, b).startswith("❌ Not yet: only one stroke")
    line = said(checks.filled_zero, example_drawing("one") + ring, W, b)
    assert line.startswith("❌ Not yet: your first stroke alone was read as a 1, not a 0")
    # The ring twice over: P(0) does not fall.
    assert said(checks.filled_zero, ring + ring, W, b).startswith("❌ Not yet: P(0) did not fall")
    line = said(checks.filled_zero, filled, W, b)
    assert line.startswith("✅ Correct: P(0) fell from 0.98 for the ring to 0.00"), line
    assert "(read as an 8)" in line


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


def test_a_drawing_that_cannot_be_read_is_said_not_raised(said, model):
    W, b = model
    line = said(checks.filled_zero, [[[1, 2, 3]], [[4, 5]]], W, b)
    assert line.startswith("❌ Not yet: your first stroke could not be read: "), line
