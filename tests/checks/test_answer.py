"""Checkers of 10_the_answer: every diagnosis, word for word from the catalog."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.messages import message
from tests.checks.corpus.answer import COLS, RADIUS, ROWS, W
from tests.checks.sentences import (
    WRITES_INPUT_LINE,
    feedback,
    line,
    not_a_function,
    raised,
    todo,
)
from tests.checks.sentences import stub as stub_line

SQUARE = (np.abs(ROWS - 13.5) < 3) & (np.abs(COLS - 13.5) < 3)


def says(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.answer catalog."""
    return message("checks.answer", key, lang, **fields)


def no(key: str, lead: str = "", **fields: object) -> str:
    """The ❌ line of a checks.answer sentence, after `lead`."""
    return line("not_yet", lead + says(key, **fields))


SHARE_HINT = says("share_hint")


def centre_said(pixels: int, red: float) -> str:
    """The ✅ line of centre_pixels."""
    return line("correct", says("centre_correct", size=pixels, red=red))


def returned(value: float, key: str) -> str:
    """The ❌ line for a share that is a known mistake."""
    return no(key, says("share_lead", value=value))


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


@pytest.mark.parametrize(
    ("centre", "says_it"),
    [
        (..., todo(says("centre_todo"))),
        (RADIUS < 4, centre_said(52, 0.56)),
        ((RADIUS < 4).ravel(), centre_said(52, 0.56)),
        ((RADIUS < 4).astype(int), centre_said(52, 0.56)),
        (SQUARE, centre_said(36, 0.47)),
        (RADIUS < 1, centre_said(4, 0.25)),
        ((RADIUS < 4) * 0.5, no("mask_not_boolean")),
        (RADIUS < 9, no("too_far", far=8.9)),
        (np.ones((28, 28), bool), no("too_far", far=19.1)),
        (np.zeros((28, 28), bool), no("middle_missing")),
        ((RADIUS < 4) & (RADIUS > 1), no("middle_missing")),
        (np.zeros(10), no("mask_shape", got=feedback("shape", shape=(10,)))),
        ("the middle", no("mask_shape", got="str")),
    ],
)
def test_centre_pixels(said, centre, says_it):
    assert said(checks.centre_pixels, centre, W) == says_it


def test_centre_pixels_reads_the_zero_map_it_is_given(said):
    # All of the 0 map red: every centre is all red, whatever the other maps say.
    weights = np.ones((784, 10))
    weights[:, 0] = -1
    assert said(checks.centre_pixels, RADIUS < 3, weights) == centre_said(32, 1.0)


@pytest.mark.parametrize(
    ("func", "says_it"),
    [
        (stub, stub_line()),
        (lambda w, p: (w[p] < 0).mean(), line("correct", says("share_correct"))),
        (
            lambda w, p: float(np.count_nonzero(w[p] < 0)) / np.count_nonzero(p),
            line("correct", says("share_correct")),
        ),
        (lambda w, p: (w[p] <= 0).mean(), returned(0.6747, "share_zeros")),
        (lambda w, p: (w[p] > 0).mean(), returned(0.47, "share_positive")),
        (lambda w, p: (w[p] < 0).sum(), returned(168, "share_count")),
        (lambda w, p: (w < 0).mean(), returned(0.5395, "share_all")),
        (lambda w, p: w[p].mean(), returned(-0.06035, "share_mean")),
        (
            lambda w, p: w < 0,
            no("share_not_one", got=feedback("shape", shape=(28, 28)), hint=SHARE_HINT),
        ),
        (lambda w, p: 1 / 0, raised("ZeroDivisionError", "division by zero", SHARE_HINT)),
        (
            lambda w, p: np.nan,
            line(
                "not_yet",
                feedback(
                    "not_finite",
                    shown=says("share_shown", value=np.nan),
                    what=says("share_what"),
                    hint=SHARE_HINT,
                ),
            ),
        ),
        (lambda w, p: 0.5, no("share_wrong", value=0.5, expected=0.53, hint=SHARE_HINT)),
        ("share", not_a_function("str", SHARE_HINT)),
    ],
)
def test_share_negative(said, func, says_it):
    assert said(checks.share_negative, func) == says_it


def test_share_negative_refuses_an_answer_that_writes_into_its_inputs(said):
    # In the notebook, zeroing the weights it was given would wipe 05's model.
    def clears(weights, pixels):
        share = (weights[pixels] < 0).mean()
        weights[:] = 0
        pixels[:] = False
        return share

    assert said(checks.share_negative, clears) == WRITES_INPUT_LINE


def test_share_negative_refuses_numbers_written_as_text(said):
    text = feedback("got_text", expected=says("share_expected"), shown="'0.5'")
    assert said(checks.share_negative, lambda weights, pixels: "0.5") == line("not_yet", text)


def test_answer_checkers_speak_the_kernels_language(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    assert said(checks.centre_pixels, np.zeros((28, 28), bool), W) == line(
        "not_yet", says("middle_missing", "zh"), "zh"
    )
    lead = says("share_lead", "zh", value=0.47)
    assert said(checks.share_negative, lambda w, p: (w[p] > 0).mean()) == line(
        "not_yet", lead + says("share_positive", "zh"), "zh"
    )
