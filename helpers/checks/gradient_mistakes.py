"""Known mistakes of 03's exercises on gradients, with what each one is: data for gradient.py."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

NUDGE = "nudge W[j, k] up and down by eps and divide the change of the loss by 2 * eps."

# Added to dW by the loss_and_gradients the learner's function sees: a slope measured from the
# loss is unchanged, one read from the analytic gradient is off by exactly this much.
MARK = 1.0
ANALYTIC = (
    "returned loss_and_gradients(...)[1][j, k], the analytic gradient this check exists to "
    "test; measure the slope from the loss alone: " + NUDGE
)


def decay_mistakes(dW: np.ndarray, W: np.ndarray, lam: float) -> tuple:
    """The wrong dW a derivation of the weight-decay gradient usually gives, and what each is."""
    return (
        (dW, "that is the gradient of L alone; the penalty adds its own slope, lam * W."),
        (
            dW + 2 * lam * W,
            "that is dW + 2 lam W: the 1/2 in front of the penalty cancels the 2 of the "
            "derivative of W_jk^2, leaving lam * W.",
        ),
        (
            dW + lam / 2 * W,
            "that is dW + (lam / 2) W: the derivative of W_jk^2 is 2 W_jk, which cancels the 1/2.",
        ),
        (
            dW - lam * W,
            "the penalty's slope has the wrong sign: it is + lam * W, so that a step against "
            "the gradient shrinks every weight.",
        ),
        (dW + lam / 2 * W**2, "that adds the penalty itself, (lam / 2) W^2; add its slope."),
        (
            dW + lam * np.sign(W),
            "that is the slope of lam * |W| (an L1 penalty); the square gives lam * W.",
        ),
        (lam * W, "that is the penalty's slope alone; add it to the gradient of L: dW + lam * W."),
    )


def slope_mistakes(loss: Callable[[float], float], eps: float, dW_jk: float) -> tuple:
    """The wrong slopes a learner's difference usually gives, and what each one is."""
    centred = (loss(eps) - loss(-eps)) / (2 * eps)
    return (
        (
            (loss(eps) - loss(0)) / eps,
            "that is a one-sided difference (L(W + eps) - L(W)) / eps; centre it: "
            "(L(W + eps) - L(W - eps)) / (2 eps), which is far more accurate.",
        ),
        (
            (loss(0) - loss(-eps)) / eps,
            "that is a one-sided difference (L(W) - L(W - eps)) / eps; centre it: "
            "(L(W + eps) - L(W - eps)) / (2 eps).",
        ),
        (2 * centred, "that is twice the slope: divide by 2 * eps, the width of the step."),
        (-centred, "the sign is flipped: L(W + eps) minus L(W - eps), not the reverse."),
        (
            (loss(2 * eps) - loss(-2 * eps)) / (2 * eps),
            "that nudges by 2 eps and divides by 2 eps: nudge by eps itself.",
        ),
    )
