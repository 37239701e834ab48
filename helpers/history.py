"""What a run of train_sgd records: the History of its snapshots and curves, and its schedule.

Taught in 04_training_by_hand (the learning curves); 06_watching_training plays the
snapshots back.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass

import numpy as np

from helpers._inputs import NUM_CLASSES, positive_int, whole_number
from helpers.messages import catalog
from helpers.model import mean_cross_entropy, unchecked_log_softmax

say = catalog("helpers.history")

# Zero weights give every class 1/10: the loss of the untrained model.
UNTRAINED_LOSS = math.log(NUM_CLASSES)


@dataclass
class History:
    """What train_sgd did: final W (784, 10) and b (10,), k snapshots, and the curves at them.

    Taught in 04_training_by_hand; 06_watching_training plays its snapshots back.
    """

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
    diverged_at: int | None = None  # the step whose loss showed the divergence
    val_loss: np.ndarray | None = None  # (k,) on the validation split, when it was given
    val_acc: np.ndarray | None = None

    @property
    def steps(self) -> int:
        """Number of updates actually made."""
        return len(self.batch_loss)

    def epochs(self, steps: np.ndarray | int) -> np.ndarray | float:
        """Step numbers (one, or an array of them) as epochs: passes over the training set."""
        try:
            array = np.asarray(steps)
        except ValueError:  # a ragged list
            array = np.asarray(None)
        if array.dtype.kind not in "iuf" or not np.isfinite(array).all() or (array < 0).any():
            shown = repr(steps) if len(repr(steps)) <= 40 else type(steps).__name__
            raise ValueError(say("bad_steps", got=shown))
        return array * self.batch_size / self.num_train

    def __repr__(self) -> str:
        run = {"lr": self.lr, "batch_size": self.batch_size, "steps": self.steps}
        run["snapshots"] = len(self.snapshot_steps)
        if self.test_acc is not None:
            return say("repr_tested", accuracy=self.test_acc[-1], **run)
        return say("repr_untested", loss=self.train_loss[-1], **run)


def snapshot_schedule(steps: int, num: int = 60) -> np.ndarray:
    """About num step numbers from 0 to steps, dense early and sparse late (geometric).

    Taught in 06_watching_training, section 1 (why the snapshots are not evenly spaced).
    """
    # num is capped: each snapshot keeps a copy of W (31 KB), and 10**12 would ask for terabytes.
    steps, num = positive_int(steps, "steps"), whole_number(num, "num", 1, 10_000)
    # The weights change fastest in the first few dozen steps; geometric spacing gives those
    # steps as many frames as the slow polishing that follows.
    grid = np.geomspace(1, steps, num) if steps > 1 else np.array([1.0])
    return np.unique(np.concatenate([[0], np.round(grid).astype(np.int64), [steps]]))


class Recorder:
    """The snapshots (k, 784, 10) and curves (k,) of one run, as 04's record() keeps them.

    Used by training.
    """

    def __init__(
        self,
        snapshot_steps: np.ndarray,
        steps: int,
        X_test: np.ndarray | None,
        y_test: object,
        X_val: np.ndarray | None = None,
        y_val: object = None,
    ):
        self.wanted = set(snapshot_steps.tolist())
        # Measured at every snapshot, when given: the test set, then the validation split.
        self.measured = [(X, y) for X, y in ((X_test, y_test), (X_val, y_val)) if X is not None]
        self.X_test, self.X_val = X_test, X_val
        self.batch_loss = np.empty(steps)  # the loss of each mini-batch, before its update
        self.batch_correct = np.empty(steps)  # and the share of it predicted right
        self.steps: list[int] = []  # the snapshots taken: their steps, weights and curves
        self.W: list[np.ndarray] = []
        self.b: list[np.ndarray] = []
        self.curve: list[list[float]] = []

    def batch(self, step: int, loss: float, correct: float) -> None:
        """Note the loss of mini-batch `step` and the share of it predicted right."""
        self.batch_loss[step - 1], self.batch_correct[step - 1] = loss, correct

    def snapshot(self, step: int, W: np.ndarray, b: np.ndarray) -> None:
        """Keep W and b after `step` updates, with the curves there, if step is a snapshot step."""
        if step in self.wanted:
            self._record(step, W, b)

    def _record(self, step: int, W: np.ndarray, b: np.ndarray) -> None:
        since = self.steps[-1] if self.steps else 0
        # Step 0 has no batches behind it; zero weights give every class 1/10, so loss ln 10.
        point = (
            [self.batch_loss[since:step].mean(), self.batch_correct[since:step].mean()]
            if step
            else [UNTRAINED_LOSS, np.nan]
        )
        for X, y in self.measured:
            log_P = unchecked_log_softmax(X @ W + b)
            point += [mean_cross_entropy(log_P, y), (log_P.argmax(axis=1) == y).mean()]
        self.steps.append(step)
        self.W.append(W.copy())
        self.b.append(b.copy())
        self.curve.append(point)

    def stop_at(self, step: int, W: np.ndarray, b: np.ndarray) -> None:
        """End the record after `step` updates, with W and b as its last snapshot."""
        kept = bisect.bisect_right(self.steps, step)
        for taken in (self.steps, self.W, self.b, self.curve):
            del taken[kept:]
        self.batch_loss, self.batch_correct = self.batch_loss[:step], self.batch_correct[:step]
        if not self.steps or self.steps[-1] != step:
            self._record(step, W, b)

    def history(self, W: np.ndarray, b: np.ndarray, **run: object) -> History:
        """The History of the run: these snapshots and curves, W and b, and run's settings."""
        curve, tested = np.array(self.curve), self.X_test is not None
        val = 4 if tested else 2  # the validation curves follow the test curves
        return History(
            W=W,
            b=b,
            snapshot_steps=np.array(self.steps, dtype=np.int64),
            W_snapshots=np.array(self.W),
            b_snapshots=np.array(self.b),
            train_loss=curve[:, 0],
            train_acc=curve[:, 1],
            test_loss=curve[:, 2] if tested else None,
            test_acc=curve[:, 3] if tested else None,
            batch_loss=self.batch_loss,
            val_loss=curve[:, val] if self.X_val is not None else None,
            val_acc=curve[:, val + 1] if self.X_val is not None else None,
            **run,
        )
