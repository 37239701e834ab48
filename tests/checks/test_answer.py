"""Checkers of 10_the_answer: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from tests.checks.corpus.answer import COLS, RADIUS, ROWS, W
from tests.checks.sentences import WRITES_INPUT_LINE

SQUARE = (np.abs(ROWS - 13.5) < 3) & (np.abs(COLS - 13.5) < 3)
MASK_HINT = (
    "Hint: start from `radius = np.hypot(rows - 13.5, cols - 13.5)` with `rows, cols = "
    "np.mgrid[0:28, 0:28]` and keep the pixels with `radius < r` for a radius r you choose."
)
SHARE_HINT = "Hint: (weight_map[pixels] < 0).mean(): the share of the chosen weights below 0."
QUESTION = "Does the claim depend on where you draw the line?"


def centre_said(pixels: int, red: str) -> str:
    """The ✅ line of centre_pixels, written out once."""
    return (
        f"✅ Correct: your centre has {pixels} pixels, and {red} of them are red in the 0 map. "
        + QUESTION
    )


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


@pytest.mark.parametrize(
    ("centre", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with a 28 x 28 mask of the pixels you call "
            "the centre, then run this cell again.",
        ),
        (
            RADIUS < 4,
            centre_said(52, "0.56"),
        ),
        (
            (RADIUS < 4).ravel(),
            centre_said(52, "0.56"),
        ),
        (
            (RADIUS < 4).astype(int),
            centre_said(52, "0.56"),
        ),
        (
            SQUARE,
            centre_said(36, "0.47"),
        ),
        (
            RADIUS < 1,
            centre_said(4, "0.25"),
        ),
        (
            (RADIUS < 4) * 0.5,
            "❌ Not yet: expected True/False for each pixel, got other numbers. Hint: a "
            "comparison such as `radius < 3` gives a True/False mask.",
        ),
        (
            RADIUS < 9,
            "❌ Not yet: your mask reaches 8.9 pixels from the centre, into 05's ring (radius 7 "
            "to 11) where a 0 is drawn. Hint: the claim is about the middle, inside the ring: "
            "keep every pixel closer than 7.",
        ),
        (
            np.ones((28, 28), bool),
            "❌ Not yet: your mask reaches 19.1 pixels from the centre, into 05's ring (radius "
            "7 to 11) where a 0 is drawn. Hint: the claim is about the middle, inside the ring: "
            "keep every pixel closer than 7.",
        ),
        (
            np.zeros((28, 28), bool),
            "❌ Not yet: your mask leaves out some of the four middle pixels (rows 13 and 14, "
            "columns 13 and 14). Hint: the centre of the frame is at row 13.5, column 13.5.",
        ),
        (
            (RADIUS < 4) & (RADIUS > 1),
            "❌ Not yet: your mask leaves out some of the four middle pixels (rows 13 and 14, "
            "columns 13 and 14). Hint: the centre of the frame is at row 13.5, column 13.5.",
        ),
        (np.zeros(10), f"❌ Not yet: expected a 28 x 28 mask, got shape (10,). {MASK_HINT}"),
        ("the middle", f"❌ Not yet: expected a 28 x 28 mask, got str. {MASK_HINT}"),
    ],
)
def test_centre_pixels(said, centre, line):
    assert said(checks.centre_pixels, centre, W) == line


def test_centre_pixels_reads_the_zero_map_it_is_given(said):
    # All of the 0 map red: every centre is all red, whatever the other maps say.
    weights = np.ones((784, 10))
    weights[:, 0] = -1
    assert said(checks.centre_pixels, RADIUS < 3, weights) == (centre_said(32, "1.00"))


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            lambda w, p: (w[p] < 0).mean(),
            "✅ Correct: the share of the chosen weights that are below 0, with zeros left "
            "out, in every case.",
        ),
        (
            lambda w, p: float(np.count_nonzero(w[p] < 0)) / np.count_nonzero(p),
            "✅ Correct: the share of the chosen weights that are below 0, with zeros left "
            "out, in every case.",
        ),
        (
            lambda w, p: (w[p] <= 0).mean(),
            "❌ Not yet: share_negative returned 0.6747: that counts weights of exactly 0 as "
            "negative. Hint: never-inked pixels keep their starting 0 (05): they are neither "
            "red nor blue, so use < 0.",
        ),
        (
            lambda w, p: (w[p] > 0).mean(),
            "❌ Not yet: share_negative returned 0.47: that is the share of positive (blue) "
            "weights; count those < 0.",
        ),
        (
            lambda w, p: (w[p] < 0).sum(),
            "❌ Not yet: share_negative returned 168: that is how many are negative; divide by "
            "the number of pixels.",
        ),
        (
            lambda w, p: (w < 0).mean(),
            "❌ Not yet: share_negative returned 0.5395: that is the share over all 784 pixels; "
            "use only weight_map[pixels].",
        ),
        (
            lambda w, p: w[p].mean(),
            "❌ Not yet: share_negative returned -0.06035: that is the mean weight of the "
            "pixels, not the share below 0.",
        ),
        (
            lambda w, p: w < 0,
            "❌ Not yet: share_negative returned shape (28, 28), expected one number between 0 "
            f"and 1. {SHARE_HINT}",
        ),
        (
            lambda w, p: 1 / 0,
            f"❌ Not yet: your function raised ZeroDivisionError: division by zero. {SHARE_HINT}",
        ),
        (
            lambda w, p: np.nan,
            "❌ Not yet: share_negative returned nan, which is not a finite number, so it "
            f"cannot be the share of the chosen pixels below 0. {SHARE_HINT}",
        ),
        (
            lambda w, p: 0.5,
            "❌ Not yet: share_negative returned 0.5 where the share below 0 is 0.53. "
            + SHARE_HINT,
        ),
        ("share", f"❌ Not yet: expected a function, got str. {SHARE_HINT}"),
    ],
)
def test_share_negative(said, func, line):
    assert said(checks.share_negative, func) == line


def test_share_negative_refuses_an_answer_that_writes_into_its_inputs(said):
    # In the notebook, zeroing the weights it was given would wipe 05's model.
    def clears(weights, pixels):
        share = (weights[pixels] < 0).mean()
        weights[:] = 0
        pixels[:] = False
        return share

    assert said(checks.share_negative, clears) == WRITES_INPUT_LINE


def test_share_negative_refuses_numbers_written_as_text(said):
    assert said(checks.share_negative, lambda weights, pixels: "0.5") == (
        "❌ Not yet: expected one number between 0 and 1, got text '0.5': numbers written as "
        "strings are not numbers; return the numbers themselves."
    )
