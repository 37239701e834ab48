"""Checkers of 04_training_by_hand: every diagnosis, word for word."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import checks, loss_and_gradients


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def step(W_update=None, b_update=None):
    """An sgd_step whose new W or b is replaced by update(start, gradient, lr)."""

    def sgd_step(W, b, X, y, lr):
        _, dW, db = loss_and_gradients(W, b, X, y)
        return (
            W - lr * dW if W_update is None else W_update(W, dW, lr),
            b - lr * db if b_update is None else b_update(b, db, lr),
        )

    return sgd_step


# Wrong updates a learner writes, each applied to W and then to b.
UPHILL, NO_LR = (lambda s, g, lr: s + lr * g), (lambda s, g, lr: s - g)
GRADIENT, STEP = (lambda s, g, lr: g), (lambda s, g, lr: lr * g)
UNCHANGED, DOUBLE = (lambda s, g, lr: s), (lambda s, g, lr: s - 2 * lr * g)
CUT, TRANSPOSED = (lambda s, g, lr: (s - lr * g)[:5]), (lambda s, g, lr: (s - lr * g).T)


@pytest.mark.parametrize(
    ("sgd_step", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (step(), "✅ Correct: W - lr * dW and b - lr * db: one small step downhill."),
        (step(TRANSPOSED), "❌ Not yet: the new W should keep its shape (784, 10), got (10, 784)."),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: loss, dW, db = loss_and_gradients(W, b, "
            "X_batch, y_batch) first.",
        ),
        (
            lambda *args: step()(*args)[0],
            "❌ Not yet: expected a pair (W, b), got ndarray. Hint: end the function with `return "
            "W, b`.",
        ),
        (
            lambda *args: ("a", "b"),
            "❌ Not yet: expected (W, b) to be two arrays of numbers, got str and str.",
        ),
        (step(UPHILL), "❌ Not yet: W moved uphill: subtract the gradient, W - lr * dW."),
        (step(NO_LR), "❌ Not yet: the step of W is missing the learning rate: W - lr * dW."),
        (step(GRADIENT), "❌ Not yet: that is the gradient dW; return the updated W - lr * dW."),
        (step(STEP), "❌ Not yet: that is the step lr * dW; return W - lr * dW."),
        (step(UNCHANGED), "❌ Not yet: W did not change: subtract lr * dW from it."),
        (step(DOUBLE), "❌ Not yet: the new W should be W - lr * dW."),
        (step(CUT), "❌ Not yet: the new W should keep its shape (784, 10), got (5, 10)."),
        (step(b_update=UPHILL), "❌ Not yet: b moved uphill: subtract the gradient, b - lr * db."),
        (
            step(b_update=NO_LR),
            "❌ Not yet: the step of b is missing the learning rate: b - lr * db.",
        ),
        (
            step(b_update=GRADIENT),
            "❌ Not yet: that is the gradient db; return the updated b - lr * db.",
        ),
        (step(b_update=STEP), "❌ Not yet: that is the step lr * db; return b - lr * db."),
        (step(b_update=UNCHANGED), "❌ Not yet: b did not change: subtract lr * db from it."),
        (step(b_update=DOUBLE), "❌ Not yet: the new b should be b - lr * db."),
        (step(b_update=CUT), "❌ Not yet: the new b should keep its shape (10,), got (5,)."),
    ],
)
def test_sgd_step_says(said, sgd_step, line):
    assert said(checks.sgd_step, sgd_step) == line


@pytest.mark.parametrize(
    ("lr", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with a learning rate, then run this cell again.",
        ),
        ("0.5", "❌ Not yet: expected a number for the learning rate, got str."),
        (True, "❌ Not yet: expected a number for the learning rate, got bool."),
        (np.nan, "❌ Not yet: a learning rate is a step size: a number above 0, got nan."),
        (np.inf, "❌ Not yet: a learning rate is a step size: a number above 0, got inf."),
        (-1, "❌ Not yet: a learning rate is a step size: a number above 0, got -1."),
        (0, "❌ Not yet: a learning rate is a step size: a number above 0, got 0."),
    ],
)
def test_fast_learning_rate_refuses_what_is_not_a_step_size(said, lr, line):
    assert said(checks.fast_learning_rate, lr, None, None, None, None) == line


# The accuracies come from training on this machine: the sentences are matched, not the digits.
@pytest.mark.parametrize(
    ("lr", "pattern"),
    [
        (0.5, r"✅ Correct: with lr=0\.5, 200 steps reach a test accuracy of 0\.8\d\d\."),
        (
            0.001,
            r"❌ Not yet: with lr=0\.001, 200 steps reach 0\.\d{3}, below 0\.880: the steps are "
            r"too timid\. Try a larger learning rate\.",
        ),
        (
            2,
            r"❌ Not yet: with lr=2, 200 steps reach 0\.\d{3}, below 0\.880: the steps overshoot\. "
            r"Try a smaller learning rate\.",
        ),
        (
            1e6,
            r"❌ Not yet: with lr=1e\+06 training diverged at step \d+: the loss was worse than "
            r"the untrained model's ln 10\. Try a smaller learning rate\.",
        ),
    ],
)
def test_fast_learning_rate_trains_and_says(said, mnist, lr, pattern):
    assert re.fullmatch(pattern, said(checks.fast_learning_rate, lr, *mnist))


def test_fast_learning_rate_reports_data_it_cannot_train_on(said, mnist):
    X_train, y_train, X_test, y_test = mnist
    line = said(checks.fast_learning_rate, 0.5, X_train, y_train[:10], X_test, y_test)
    assert line.startswith("❌ Not yet: training could not run: ")
