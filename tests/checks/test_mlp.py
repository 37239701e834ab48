"""Checkers of 08_beyond_linear: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks

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
            "W1.size + b1.size + W2.size + b2.size: 784 x 256 + 256 + 256 x 10 + 10.",
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
        (lambda dH, A: 2 * dH, f"❌ Not yet: dA is not right. {RELU_HINT}"),
    ],
)
def test_relu_backward(said, func, line):
    assert said(checks.relu_backward, func) == line
