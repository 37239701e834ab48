"""Known mistakes of 03's exercises on gradients, with what each one is: data for gradient.py."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.messages import catalog

say = catalog("checks.gradient")

# Added to dW by the loss_and_gradients the learner's function sees: a slope measured from the
# loss is unchanged, one read from the analytic gradient is off by exactly this much.
MARK = 1.0


def decay_mistakes(dW: np.ndarray, W: np.ndarray, lam: float) -> tuple:
    """The wrong dW a derivation of the weight-decay gradient usually gives, and what each is."""
    return (
        (dW, say("decay_l_alone")),
        (dW + 2 * lam * W, say("decay_twice")),
        (dW + lam / 2 * W, say("decay_half")),
        (dW - lam * W, say("decay_sign")),
        (dW + lam / 2 * W**2, say("decay_penalty_itself")),
        (dW + lam * np.sign(W), say("decay_l1")),
        (lam * W, say("decay_slope_alone")),
    )


def slope_mistakes(loss: Callable[[float], float], eps: float, dW_jk: float) -> tuple:
    """The wrong slopes a learner's difference usually gives, and what each one is."""
    centred = (loss(eps) - loss(-eps)) / (2 * eps)
    return (
        ((loss(eps) - loss(0)) / eps, say("one_sided_forward")),
        ((loss(0) - loss(-eps)) / eps, say("one_sided_backward")),
        (2 * centred, say("slope_twice")),
        (-centred, say("slope_flipped")),
        ((loss(2 * eps) - loss(-2 * eps)) / (2 * eps), say("slope_double_step")),
    )
