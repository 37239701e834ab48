"""Checkers of 04_training_by_hand: one SGD step, and a learning rate that trains fast."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    as_pair,
    attempt,
    checker,
    compare,
    expect_shape,
    number,
)
from helpers.model import loss_and_gradients
from helpers.training import train_sgd

__all__ = ["fast_learning_rate", "sgd_step"]


def _step_mistakes(name: str, start: np.ndarray, grad: np.ndarray, lr: float) -> tuple:
    """(wrong answer, what that mistake is) for the parameter `name`, after one step."""
    step = f"{name} - lr * d{name}"
    return (
        (start + lr * grad, f"{name} moved uphill: subtract the gradient, {step}."),
        (start - grad, f"the step of {name} is missing the learning rate: {step}."),
        (grad, f"that is the gradient d{name}; return the updated {step}."),
        (lr * grad, f"that is the step lr * d{name}; return {step}."),
        (start, f"{name} did not change: subtract lr * d{name} from it."),
    )


@checker
def sgd_step(sgd_step: object) -> str:
    """Exercise in 04: one SGD update returns (W - lr * dW, b - lr * db)."""
    rng = np.random.default_rng(40)
    W = rng.normal(0, 0.01, size=(784, 10))
    b = rng.normal(0, 0.01, size=10)
    X = rng.random((16, 784))
    y = rng.integers(0, 10, size=16)
    lr = 0.3
    _, dW, db = loss_and_gradients(W, b, X, y)
    hint = "loss, dW, db = loss_and_gradients(W, b, X_batch, y_batch) first."
    result = attempt(sgd_step, W.copy(), b.copy(), X, y, lr, hint=hint)
    for name, got, start, grad in zip(
        "Wb", as_pair(result, "(W, b)"), (W, b), (dW, db), strict=True
    ):
        expect_shape(
            got,
            start.shape,
            otherwise=f"the new {name} should keep its shape {start.shape}, got {got.shape}.",
        )
        compare(
            got,
            start - lr * grad,
            mistakes=_step_mistakes(name, start, grad, lr),
            otherwise=f"the new {name} should be {name} - lr * d{name}.",
        )
    return "W - lr * dW and b - lr * db: one small step downhill."


@checker
def fast_learning_rate(
    lr: object, X_train: object, y_train: object, X_test: object, y_test: object
) -> str:
    """Exercise in 04: a learning rate that reaches 88% test accuracy in 200 steps of 64."""
    rate = number(lr, todo="a learning rate", expected="a number for the learning rate")
    if not (np.isfinite(rate) and rate > 0):
        raise NotYet(f"a learning rate is a step size: a number above 0, got {lr}.")
    try:
        history = train_sgd(
            X_train,
            y_train,
            lr=rate,
            batch_size=64,
            steps=200,
            seed=0,
            X_test=X_test,
            y_test=y_test,
            snapshot_steps=[0, 200],
            on_divergence="stop",
        )
    except Exception as err:  # bad data passed to the check: report, never crash the notebook
        raise NotYet(f"training could not run: {err}") from None
    if history.diverged_at is not None:
        raise NotYet(
            f"with lr={lr:g} training diverged at step {history.diverged_at}: the loss was "
            "worse than the untrained model's ln 10. Try a smaller learning rate."
        )
    acc = float(history.test_acc[-1])
    if acc < 0.88:
        # Below 0.5 the steps are too short to get there; above, they jump past the minimum.
        how = "are too timid. Try a larger" if rate < 0.5 else "overshoot. Try a smaller"
        raise NotYet(
            f"with lr={lr:g}, 200 steps reach {acc:.3f}, below 0.880: the steps {how} "
            "learning rate."
        )
    return f"with lr={lr:g}, 200 steps reach a test accuracy of {acc:.3f}."
