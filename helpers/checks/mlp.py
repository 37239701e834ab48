"""Checkers of 08_beyond_linear: the backward pass through ReLU, and the network's size."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    attempt,
    checker,
    compare,
    expect_shape,
    judge_number,
    numbers,
)

__all__ = ["mlp_parameter_count", "relu_backward"]

# (known wrong answer, what that mistake is) for 784 inputs, 256 hidden units, 10 classes.
PARAMETER_MISTAKES = (
    (203264, "that counts W1 and W2 only; b1 adds one bias per hidden unit and b2 one per class."),
    (7850, "that is the linear model of 02; the network has two layers, W1, b1 and W2, b2."),
    (200704, "that is W1 only; add b1 (256), W2 (256 x 10) and b2 (10)."),
    (2007040, "784 x 256 x 10 multiplies the layers; count each layer's table and add them."),
)

RELU_HINT = "ReLU passes the gradient where its input was positive: dH * (A > 0)."


@checker
def mlp_parameter_count(answer: object) -> str:
    """Exercise in 08: how many numbers a 784-256-10 network learns."""
    return judge_number(
        answer,
        784 * 256 + 256 + 256 * 10 + 10,
        "the number of parameters of the 784-256-10 network",
        "W1.size + b1.size + W2.size + b2.size: 784 x 256 + 256 + 256 x 10 + 10.",
        mistakes=PARAMETER_MISTAKES,
        sep=": ",
    )


@checker
def relu_backward(relu_backward: object) -> str:
    """Exercise in 08: dA from dH (n, h) and A (n, h), the gradient through H = relu(A)."""
    rng = np.random.default_rng(8)
    A, dH = rng.normal(size=(6, 5)), rng.normal(size=(6, 5))
    result = attempt(relu_backward, dH.copy(), A.copy(), hint=RELU_HINT)
    got = numbers(result, "an array like dH")
    shape = f"expected an array of shape {A.shape}, like dH, got shape {got.shape}."
    expect_shape(got, A.shape, otherwise=f"{shape} Hint: {RELU_HINT}")
    mistakes = (
        (dH, "dA is dH unchanged: the ReLU stops the gradient where A <= 0."),
        (
            dH * np.maximum(A, 0),
            "dA is dH times relu(A): multiply by the slope of ReLU, 0 or 1, not by its value.",
        ),
        (dH * (A < 0), "the gradient passed where A < 0: ReLU's slope is 1 where A > 0."),
        (np.maximum(dH, 0), "you applied ReLU to dH: the mask comes from A, the input of ReLU."),
    )
    otherwise = f"dA is not right. Hint: {RELU_HINT}"
    compare(got, dH * (A > 0), mistakes=mistakes, otherwise=otherwise)
    return "dA = dH * (A > 0): the gradient flows through the units that were on, not the rest."
