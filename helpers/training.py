"""Mini-batch stochastic gradient descent, recording snapshots the explorer can play back.

Taught in 04_training_by_hand, whose loop train_sgd runs step for step.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Iterator

import numpy as np
from threadpoolctl import threadpool_limits

from helpers._inputs import (
    NUM_CLASSES,
    NUM_PIXELS,
    as_images,
    as_labels,
    as_whole_numbers,
    one_of,
    positive_int,
    positive_number,
    whole_number,
)
from helpers._training_cache import cached
from helpers.history import UNTRAINED_LOSS, History, Recorder, snapshot_schedule
from helpers.messages import catalog
from helpers.model import unchecked_loss_and_gradients

# Training has diverged when the mean loss of the last DIVERGENCE_WINDOW mini-batches is
# above ln(10), the loss of the untrained model that gives every class 1/10: after that many
# steps it does worse than knowing nothing. A window, not one batch, because a good learning
# rate still has single unlucky batches. From the first step, one mini-batch loss over
# LOSS_CEILING is divergence too: it alone makes the window's mean exceed ln(10), so the window
# would say so at step 100; no converging run of the notebooks comes near (04's worst is 7,
# lr=50 peaks at 429 and is caught at step 100), while lr=1e30 shows 6.8e30 at step 2.
DIVERGENCE_WINDOW = 100
LOSS_CEILING = 1000.0
# A cap on steps: a million take minutes, 10**12 would ask for terabytes of recorded losses.
MAX_STEPS = 1_000_000

say = catalog("helpers.training")


class TrainingDiverged(FloatingPointError):
    """Raised by train_sgd when training diverges; says at which step and what to try.

    Taught in 04_training_by_hand, section 4 (the guard in train_sgd).
    """

    def __init__(self, step: int, lr: float, mean_loss: float):
        self.step, self.lr, self.mean_loss = step, lr, mean_loss
        window = DIVERGENCE_WINDOW
        if not math.isfinite(mean_loss):
            what = say("loss_not_finite")
        elif mean_loss > LOSS_CEILING:
            what = say("batch_loss_over", step=step, power=_power(mean_loss))
        elif mean_loss < 10:
            what = say("window_above_untrained", window=window)
        else:
            what = say("window_loss_over", window=window, power=_power(mean_loss))
        super().__init__(say("diverged", step=step, lr=lr, what=what, smaller=lr / 10))


def _power(loss: float) -> str:
    """The power of ten below loss, as 10, 1,000 or 1e+30: the digits are chaotic, it is not."""
    # A diverging run's loss changes its digits with the CPU's BLAS kernel and thread count,
    # its power of ten hardly ever, so only that is printed.
    exponent = math.floor(math.log10(loss))
    # 10,000,000 still reads at a glance; thirty zeros do not, 1e+30 does.
    return f"{10**exponent:,}" if exponent < 7 else f"{10.0**exponent:g}"


@cached(History)
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
    X_val: np.ndarray | None = None,
    y_val: np.ndarray | None = None,
    weight_decay: float = 0.0,
    snapshot_steps: np.ndarray | None = None,
    decay: bool = False,
    on_divergence: str = "raise",
) -> History:
    """Mini-batch SGD from zero weights on pixel images X (n, 784) and labels y (n,): a History.

    Taught in 04_training_by_hand: it runs that notebook's loop, so the same seed gives the
    same batches and the same weights. decay=True lowers the learning rate linearly to 0 at
    the last step. Training diverges when a loss is not finite, or when the mean loss of the
    last 100 mini-batches is above ln(10), the untrained model's; then on_divergence="raise"
    raises TrainingDiverged (a FloatingPointError) with advice, "stop" returns the history
    up to the last weights with a finite loss, diverged_at set, and "continue" sets
    diverged_at and makes every step. X_val, y_val give the curves val_loss and val_acc, as
    X_test, y_test give test_*. weight_decay lambda adds lambda * W to dW, the gradient of
    (lambda / 2) |W|^2 (b is not decayed); the recorded losses stay the cross-entropy.
    """
    X, y, X_test, y_test = _check_data(X, y, X_test, y_test)
    _, _, X_val, y_val = _check_data(X, y, X_val, y_val, "val")
    lr, batch_size, steps, seed = _check_settings(
        lr, batch_size, steps, seed, decay, on_divergence, len(X)
    )
    weight_decay = _check_weight_decay(weight_decay)
    snapshot_steps = _check_snapshot_steps(snapshot_steps, steps)
    recorder = Recorder(snapshot_steps, steps, X_test, y_test, X_val, y_val)
    start = time.perf_counter()
    # One BLAS thread: a mini-batch product is too small to gain from threads, and when the
    # cores are busy their hand-offs made batch 128 twenty times slower. Overflow passes
    # without a warning: a diverging run is reported once, by TrainingDiverged.
    with threadpool_limits(limits=1, user_api="blas"), np.errstate(over="ignore", invalid="ignore"):
        W, b, diverged_at = _descend(
            X, y, recorder, lr, batch_size, steps, seed, decay, on_divergence, weight_decay
        )
    seconds = time.perf_counter() - start
    run = {"lr": lr, "batch_size": batch_size, "seed": seed, "num_train": len(X)}
    return recorder.history(W, b, **run, seconds=seconds, diverged_at=diverged_at)


def _check_snapshot_steps(snapshot_steps: object, steps: int) -> np.ndarray:
    """The snapshot steps asked for (or the geometric schedule), sorted, from 0 to steps."""
    wanted = snapshot_schedule(steps) if snapshot_steps is None else snapshot_steps
    return as_whole_numbers(wanted, "snapshot_steps", 0, steps)


def _descend(
    X: np.ndarray,
    y: np.ndarray,
    recorder: Recorder,
    lr: float,
    batch_size: int,
    steps: int,
    seed: int,
    decay: bool,
    on_divergence: str,
    weight_decay: float = 0.0,
) -> tuple[np.ndarray, np.ndarray, int | None]:
    """Notebook 04's loop from zero weights: the final W and b, and the step that diverged."""
    W = np.zeros((NUM_PIXELS, NUM_CLASSES), dtype=X.dtype)  # every class starts at p = 0.1
    b = np.zeros(NUM_CLASSES, dtype=X.dtype)
    recorder.snapshot(0, W, b)
    before, batches = (W.copy(), b.copy()), batch_rows(len(X), batch_size, seed)
    diverged_at = None
    for step in range(1, steps + 1):
        rows = next(batches)
        X_batch, y_batch = X[rows], y[rows]
        Z = X_batch @ W + b
        loss, dW, db = unchecked_loss_and_gradients(Z, X_batch, y_batch)
        recorder.batch(step, loss, (Z.argmax(axis=1) == y_batch).mean())
        mean_loss = divergence_loss(recorder.batch_loss[:step])
        if mean_loss is not None and on_divergence == "continue":
            diverged_at = step if diverged_at is None else diverged_at
        elif mean_loss is not None:
            if on_divergence == "raise":
                raise TrainingDiverged(step, lr, mean_loss)
            # Keep the last weights whose loss was finite: a loss that is not finite comes
            # from the previous update, so those are the weights from before it.
            W, b, last = (W, b, step - 1) if math.isfinite(loss) else (*before, step - 2)
            recorder.stop_at(last, W, b)
            return W, b, step
        before = W.copy(), b.copy()
        step_lr = lr * (1 - (step - 1) / steps) if decay else lr
        if weight_decay:  # the gradient of (lambda / 2) |W|^2
            dW += weight_decay * W
        W -= step_lr * dW
        b -= step_lr * db
        recorder.snapshot(step, W, b)
    return W, b, diverged_at


def _check_data(
    X: object, y: object, X_test: object, y_test: object, split: str = "test"
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """The training and (optional) test or validation images and labels of train_sgd, checked."""
    X = as_images(X)
    y = as_labels(y, len(X))
    if (X_test is None) != (y_test is None):
        raise ValueError(say("pair_incomplete", split=split))
    if X_test is not None:
        X_test = as_images(X_test, f"X_{split}").astype(X.dtype, copy=False)
        y_test = as_labels(y_test, len(X_test), f"y_{split}")
    return X, y, X_test, y_test


def _check_weight_decay(weight_decay: object) -> float:
    """weight_decay as a float: 0 (none) or a finite positive number."""
    real = isinstance(weight_decay, numbers.Real) and not isinstance(weight_decay, bool)
    if not (real and math.isfinite(weight_decay) and weight_decay >= 0):
        raise ValueError(say("bad_weight_decay", got=repr(weight_decay)))
    return float(weight_decay)


def _check_settings(
    lr: object,
    batch_size: object,
    steps: object,
    seed: object,
    decay: object,
    on_divergence: object,
    num_rows: int,
) -> tuple[float, int, int, int]:
    """lr, batch_size, steps and seed as numbers, after checking every setting of train_sgd."""
    lr = positive_number(lr, "lr")
    batch_size = positive_int(batch_size, "batch_size")
    if batch_size > num_rows:
        raise ValueError(say("batch_too_large", rows=num_rows, batch_size=batch_size))
    one_of(decay, "decay", (False, True))
    one_of(on_divergence, "on_divergence", ("raise", "stop", "continue"))
    steps = whole_number(steps, "steps", 1, MAX_STEPS)
    return lr, batch_size, steps, whole_number(seed, "seed")


def batch_rows(num_rows: int, batch_size: int, seed: int) -> Iterator[np.ndarray]:
    """Row numbers (batch_size,) of one mini-batch after another, a new order each epoch.

    Used by mlp, whose batches follow train_sgd's.
    """
    rng = np.random.default_rng(seed)
    order, cursor = rng.permutation(num_rows), 0
    while True:
        if cursor + batch_size > len(order):  # epoch used up: a new random order
            order, cursor = rng.permutation(num_rows), 0
        yield order[cursor : cursor + batch_size]
        cursor += batch_size


def divergence_loss(batch_loss: np.ndarray) -> float | None:
    """The loss that shows training diverged (the last, or the window's mean), else None.

    batch_loss (steps so far,) holds each mini-batch's loss. Used by mlp.
    """
    if not math.isfinite(batch_loss[-1]) or batch_loss[-1] > LOSS_CEILING:
        return float(batch_loss[-1])
    if len(batch_loss) >= DIVERGENCE_WINDOW:
        mean_loss = float(batch_loss[-DIVERGENCE_WINDOW:].mean())
        if mean_loss > UNTRAINED_LOSS:
            return mean_loss
    return None
