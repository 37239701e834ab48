"""Mini-batch stochastic gradient descent, recording snapshots the explorer can play back."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from helpers._inputs import (
    NUM_CLASSES,
    NUM_PIXELS,
    as_float_matrix,
    as_labels,
    positive_int,
    positive_number,
)
from helpers.model import _log_softmax, _loss_and_gradients

# Training has diverged when the mean loss of the last DIVERGENCE_WINDOW mini-batches is
# above ln(10), the loss of the untrained model that gives every class 1/10: after that many
# steps it does worse than knowing nothing. A window, not one batch, because a good learning
# rate still has single unlucky batches.
DIVERGENCE_WINDOW = 100
_UNTRAINED = "the untrained model's ln(10) = 2.303"


class TrainingDiverged(FloatingPointError):
    """Raised by train_sgd when training diverges; says at which step and what to try."""

    def __init__(self, step: int, lr: float, mean_loss: float):
        self.step, self.lr, self.mean_loss = step, lr, mean_loss
        if not math.isfinite(mean_loss):
            what = "the loss became infinite or NaN"
        elif mean_loss < 10:
            what = (
                f"the mean loss of the last {DIVERGENCE_WINDOW} mini-batches was above {_UNTRAINED}"
            )
        else:
            # A diverging run's loss is chaotic: its digits change with the CPU's BLAS kernel
            # and thread count, its power of ten hardly ever, so only that is printed.
            power = 10 ** math.floor(math.log10(mean_loss))
            what = (
                f"the mean loss of the last {DIVERGENCE_WINDOW} mini-batches was over {power:,}, "
                f"worse than {_UNTRAINED}"
            )
        super().__init__(
            f"Training diverged at step {step} with lr={lr:g}: {what}, so the steps overshoot. "
            f"Try a learning rate 10 times smaller, lr={lr / 10:g}, and smaller again if that "
            "diverges too."
        )


@dataclass
class History:
    """What train_sgd did: final W (784, 10) and b (10,), k snapshots, and the curves at them."""

    W: np.ndarray
    b: np.ndarray
    lr: float
    batch_size: int
    seed: int
    num_train: int
    snapshot_steps: np.ndarray  # (k,) step numbers, 0 = before the first update
    W_snapshots: np.ndarray  # (k, 784, 10)
    b_snapshots: np.ndarray  # (k, 10)
    train_loss: np.ndarray  # (k,) mean mini-batch loss since the previous snapshot
    train_acc: np.ndarray  # (k,) mean mini-batch accuracy since the previous snapshot
    test_loss: np.ndarray | None  # (k,) on the whole test set, when it was given
    test_acc: np.ndarray | None
    batch_loss: np.ndarray  # (steps,) the loss of each mini-batch, before its update
    seconds: float
    diverged_at: int | None = None

    @property
    def steps(self) -> int:
        """Number of updates actually made."""
        return len(self.batch_loss)

    def epochs(self, steps: np.ndarray | int) -> np.ndarray | float:
        """Convert step numbers into epochs: passes over the training set."""
        return np.asarray(steps) * self.batch_size / self.num_train

    def __repr__(self) -> str:
        end = (
            f"test accuracy {self.test_acc[-1]:.3f}"
            if self.test_acc is not None
            else (f"train loss {self.train_loss[-1]:.3f}")
        )
        return (
            f"History(lr={self.lr:g}, batch_size={self.batch_size}, steps={self.steps}, "
            f"{len(self.snapshot_steps)} snapshots, {end})"
        )


def snapshot_schedule(steps: int, num: int = 60) -> np.ndarray:
    """About num step numbers from 0 to steps, dense early and sparse late (geometric)."""
    steps, num = positive_int(steps, "steps"), positive_int(num, "num")
    # The weights change fastest in the first few dozen steps; geometric spacing gives those
    # steps as many frames as the slow polishing that follows.
    grid = np.geomspace(1, steps, num) if steps > 1 else np.array([1.0])
    return np.unique(np.concatenate([[0], np.round(grid).astype(np.int64), [steps]]))


def train_sgd(
    X: np.ndarray,
    y: np.ndarray,
    *,
    lr: float,
    batch_size: int = 64,
    steps: int = 1000,
    seed: int = 0,
    X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    snapshot_steps: np.ndarray | None = None,
    decay: bool = False,
    on_divergence: str = "raise",
) -> History:
    """Mini-batch SGD from zero weights on X (n, 784) and labels y (n,); returns a History.

    Each epoch visits the training rows in a fresh random order. With decay=True the learning
    rate falls linearly to 0 at the last step. Training diverges when the loss is not finite,
    or when the mean loss of the last 100 mini-batches is above ln(10), the untrained model's;
    then on_divergence="raise" raises FloatingPointError with advice, and "stop" returns the
    history up to the last good step with diverged_at set.
    """
    X = as_float_matrix(X)
    y = as_labels(y, len(X))
    lr = positive_number(lr, "lr")
    batch_size = positive_int(batch_size, "batch_size")
    steps = positive_int(steps, "steps")
    if batch_size > len(X):
        raise ValueError(
            f"Expected batch_size of at most {len(X)} (the rows of X), got {batch_size}."
        )
    if on_divergence not in ("raise", "stop"):
        raise ValueError(f"Expected on_divergence 'raise' or 'stop', got {on_divergence!r}.")
    if (X_test is None) != (y_test is None):
        raise ValueError("Expected X_test and y_test together, got only one of them.")
    if X_test is not None:
        X_test = as_float_matrix(X_test, "X_test").astype(X.dtype, copy=False)
        y_test = as_labels(y_test, len(X_test), "y_test")
    if snapshot_steps is None:
        snapshot_steps = snapshot_schedule(steps)
    snapshot_steps = np.unique(np.asarray(snapshot_steps, dtype=np.int64))
    if snapshot_steps.min() < 0 or snapshot_steps.max() > steps:
        raise ValueError(
            f"Expected snapshot_steps between 0 and steps={steps}, got "
            f"{snapshot_steps.min()} to {snapshot_steps.max()}."
        )

    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    W = np.zeros((NUM_PIXELS, NUM_CLASSES), dtype=X.dtype)
    b = np.zeros(NUM_CLASSES, dtype=X.dtype)
    batch_loss = np.empty(steps)
    batch_correct = np.empty(steps)
    snaps_W, snaps_b, curve = [], [], []
    untrained_loss = math.log(NUM_CLASSES)
    order, cursor, diverged_at = rng.permutation(len(X)), 0, None

    def record(step: int) -> None:
        snaps_W.append(W.copy())
        snaps_b.append(b.copy())
        since = slice(int(snapshot_steps[len(curve) - 1]) if curve else 0, step)
        # Step 0 has no batches behind it; zero weights give every class 1/10, so loss ln 10.
        point = (
            [batch_loss[since].mean(), batch_correct[since].mean()]
            if step
            else [math.log(NUM_CLASSES), np.nan]
        )
        if X_test is not None:
            log_P = _log_softmax(X_test @ W + b)
            point += [
                -log_P[np.arange(len(y_test)), y_test].mean(),
                (log_P.argmax(axis=1) == y_test).mean(),
            ]
        curve.append(point)

    if snapshot_steps[0] == 0:
        record(0)
    # A mini-batch product is too small to gain from BLAS threads, and when the cores are
    # busy the threads' hand-offs made batch 128 twenty times slower: one thread it is.
    with threadpool_limits(limits=1, user_api="blas"):
        for step in range(1, steps + 1):
            if cursor + batch_size > len(order):  # start a new epoch in a new order
                order, cursor = rng.permutation(len(X)), 0
            rows = order[cursor : cursor + batch_size]
            cursor += batch_size
            X_batch, y_batch = X[rows], y[rows]
            Z = X_batch @ W + b
            loss, dW, db = _loss_and_gradients(Z, X_batch, y_batch)
            batch_loss[step - 1] = loss
            window = batch_loss[step - DIVERGENCE_WINDOW : step]
            if not math.isfinite(loss) or (
                step >= DIVERGENCE_WINDOW and window.mean() > untrained_loss
            ):
                diverged_at = step
                batch_loss, batch_correct = batch_loss[: step - 1], batch_correct[: step - 1]
                break
            batch_correct[step - 1] = (Z.argmax(axis=1) == y_batch).mean()
            step_lr = lr * (1 - (step - 1) / steps) if decay else lr
            W -= step_lr * dW
            b -= step_lr * db
            if step in snapshot_steps:  # a set lookup would be faster, but k is small
                record(step)

    if diverged_at is not None:
        if on_divergence == "raise":
            mean_loss = float(window.mean()) if math.isfinite(loss) else loss
            raise TrainingDiverged(diverged_at, lr, mean_loss)
        if not curve or snapshot_steps[len(curve) - 1] != diverged_at - 1:
            # Keep the last good weights as the final snapshot, so the curves end where it broke.
            snapshot_steps = np.append(snapshot_steps[: len(curve)], diverged_at - 1)
            record(diverged_at - 1)
    snapshot_steps = snapshot_steps[: len(curve)]
    curve = np.array(curve)
    return History(
        W=W,
        b=b,
        lr=lr,
        batch_size=batch_size,
        seed=seed,
        num_train=len(X),
        snapshot_steps=snapshot_steps,
        W_snapshots=np.array(snaps_W),
        b_snapshots=np.array(snaps_b),
        train_loss=curve[:, 0],
        train_acc=curve[:, 1],
        test_loss=curve[:, 2] if X_test is not None else None,
        test_acc=curve[:, 3] if X_test is not None else None,
        batch_loss=batch_loss,
        seconds=time.perf_counter() - start,
        diverged_at=diverged_at,
    )
