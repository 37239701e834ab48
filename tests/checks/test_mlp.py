"""Checkers of 08_beyond_linear: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from tests.checks.corpus.mlp import all_images, count, kept_only, no_b2, precision, zeroes_H

RELU_HINT = "Hint: ReLU passes the gradient where its input was positive: dH * (A > 0)."


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the number of parameters of the "
            "784-256-10 network, then run this cell again.",
        ),
        (203530, "✅ Correct: 203530 is the number of parameters of the 784-256-10 network."),
        (
            203264,
            "❌ Not yet: 203264: that counts W1 and W2 only; b1 adds one bias per hidden "
            "unit and b2 one per class.",
        ),
        (
            7850,
            "❌ Not yet: 7850: that is the linear model of 02; the network has two layers, "
            "W1, b1 and W2, b2.",
        ),
        (200704, "❌ Not yet: 200704: that is W1 only; add b1 (256), W2 (256 x 10) and b2 (10)."),
        (
            2007040,
            "❌ Not yet: 2007040: 784 x 256 x 10 multiplies the layers; count each "
            "layer's table and add them.",
        ),
        (
            5,
            "❌ Not yet: 5 is not the number of parameters of the 784-256-10 network. Hint: "
            "W1 has 784 x 256 entries, b1 256, W2 256 x 10 and b2 10: add them.",
        ),
    ],
)
def test_mlp_parameter_count(said, answer, line):
    assert said(checks.mlp_parameter_count, answer) == line


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            lambda dH, A: dH * (A > 0),
            "✅ Correct: dA = dH * (A > 0): the gradient flows through the units that were on, "
            "not the rest.",
        ),
        (
            lambda dH, A: dH,
            "❌ Not yet: dA is dH unchanged: the ReLU stops the gradient where A <= 0.",
        ),
        (
            lambda dH, A: dH * np.maximum(A, 0),
            "❌ Not yet: dA is dH times relu(A): multiply by the slope of ReLU, 0 or 1, not by "
            "its value.",
        ),
        (
            lambda dH, A: dH * (A < 0),
            "❌ Not yet: the gradient passed where A < 0: ReLU's slope is 1 where A > 0.",
        ),
        (
            lambda dH, A: np.maximum(dH, 0),
            "❌ Not yet: you applied ReLU to dH: the mask comes from A, the input of ReLU.",
        ),
        (
            lambda dH, A: dH.T,
            "❌ Not yet: expected an array of shape (6, 5), like dH, got shape "
            f"(5, 6). {RELU_HINT}",
        ),
        (
            lambda dH, A: 2 * dH,
            f"❌ Not yet: dA is not right (dH and A of shape (6, 5)). {RELU_HINT}",
        ),
    ],
)
def test_relu_backward(said, func, line):
    assert said(checks.relu_backward, func) == line


@pytest.mark.parametrize(
    "func",
    [
        lambda dH, A: np.where(A > 0, dH, 0.0),
        lambda dH, A: dH * np.heaviside(A, 0.0),
        lambda dH, A: (dH * (A > 0)).astype(np.float32),
        lambda dH, A: [list(row) for row in dH * (A > 0)],
    ],
)
def test_relu_backward_passes_right_answers_written_any_way(said, func):
    # The wrong answers, A >= 0 among them, are in tests/checks/corpus/mlp.py.
    assert said(checks.relu_backward, func).startswith("✅ Correct:")


def solution(H, W2, b2, y, k, units):
    quiet = H[y == k]
    quiet[:, units] = 0
    return float(((quiet @ W2 + b2).argmax(axis=1) == k).mean())


def none_removed(H, W2, b2, y, k, units):
    return float(((H[y == k] @ W2 + b2).argmax(axis=1) == k).mean())


ABLATION = "Hint: take the rows of class k, set the columns `units` of a copy of H to 0, score "
ABLATION += "them with W2 and b2, and return the share whose largest score is k."


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (
            stub,
            "⏳ Not attempted yet: fill in the body of stub, then run this cell again.",
        ),
        (
            solution,
            "✅ Correct: silencing a unit is a 0 in its column of H; the share is over class "
            "k's images.",
        ),
        (
            zeroes_H,
            "❌ Not yet: your function changed the H it was given, so the next removal would "
            "start with those units already silent: set the 0s in H.copy().",
        ),
        (
            all_images,
            "❌ Not yet: that is the accuracy on the images of every class; keep the rows of "
            "class k only (y == k).",
        ),
        (no_b2, "❌ Not yet: the scores need b2 too: H W2 + b2."),
        (
            kept_only,
            "❌ Not yet: you silenced every unit except `units`; set the columns `units` to 0.",
        ),
        (
            none_removed,
            "❌ Not yet: nothing was removed: set the columns `units` of (a copy of) H to 0.",
        ),
        (
            precision,
            "❌ Not yet: that is the share of k among the images read as k; divide by the "
            "images of class k instead.",
        ),
        (
            count,
            "❌ Not yet: that is a count of images; return a share, divided by the images of "
            "class k.",
        ),
        (
            lambda *args: 1 - solution(*args),
            "❌ Not yet: that is the share read wrong; return the share read as k.",
        ),
        (
            lambda *args: 0.5,
            f"❌ Not yet: not the share of class k still read as k. {ABLATION}",
        ),
        (
            lambda *args: "high",
            f"❌ Not yet: expected one number, a share from 0 to 1, got str. {ABLATION}",
        ),
        (
            lambda *args: np.array([0.5]),
            f"❌ Not yet: expected one number, a share from 0 to 1, got ndarray. {ABLATION}",
        ),
        (
            lambda H, W2, b2, y, k, units: H[units],
            f"❌ Not yet: expected one number, a share from 0 to 1, got ndarray. {ABLATION}",
        ),
    ],
)
def test_class_accuracy_without(said, func, line):
    assert said(checks.class_accuracy_without, func) == line


def test_mlp_parameter_count_knows_the_five_unit_network(said):
    assert said(checks.mlp_parameter_count, 3985) == (
        "❌ Not yet: 3985: that counts section 1's network of 5 hidden units (W1 there is "
        "784 x 5); count 256."
    )


def test_relu_backward_refuses_the_slope_1_at_0(said):
    # Issue 17: A >= 0 passed while no case had an A of exactly 0; every case has some now.
    assert said(checks.relu_backward, lambda dH, A: dH * (A >= 0)) == (
        "❌ Not yet: at A == 0 exactly you passed the gradient: the exercise takes the slope "
        "there as 0, so use A > 0, not A >= 0."
    )
