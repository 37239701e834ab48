"""Notebook 06's measurements of the weight maps: where they start, and when they settle.

Taught in 06_watching_training.
"""

from __future__ import annotations

import numpy as np

from helpers._inputs import (
    NUM_CLASSES,
    as_array,
    as_float_matrix,
    as_labels,
    as_weights,
    finite_number,
)
from helpers.messages import catalog

say = catalog("helpers.maps")


def mean_difference_maps(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Mean image of each class minus the mean image of all rows: X (n, 784), y (n,) give (784, 10).

    From zero weights every class gets probability 1/10, so the first SGD steps add about
    lr/10 times these maps to W.
    """
    X = as_float_matrix(X)
    y = as_labels(y, len(X))
    counts = np.bincount(y, minlength=NUM_CLASSES)
    if (counts == 0).any():
        missing = np.flatnonzero(counts == 0).tolist()
        raise ValueError(say("missing_classes", missing=str(missing)))
    one_hot = np.eye(NUM_CLASSES, dtype=X.dtype)[y]
    class_means = (one_hot.T @ X) / counts[:, None]
    return (class_means - X.mean(axis=0, dtype=np.float64)).T


def map_correlations(W_snapshots: np.ndarray, W_reference: np.ndarray) -> np.ndarray:
    """Pearson correlation of each snapshot's map with the reference map of the same class.

    W_snapshots (k, 784, 10) and W_reference (784, 10) give (k, 10): 1 means the same
    picture up to brightness and contrast, 0 nothing in common.
    """
    W_snapshots = as_weights(W_snapshots, "W_snapshots", stack=True).astype(np.float64)
    W_reference = as_weights(W_reference, "W_reference").astype(np.float64)
    A = W_snapshots - W_snapshots.mean(axis=1, keepdims=True)
    B = W_reference - W_reference.mean(axis=0)
    norms = np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=0)
    if (norms == 0).any():
        snapshot, digit = np.argwhere(norms == 0)[0]
        raise ValueError(say("constant_map", digit=digit, snapshot=snapshot))
    return np.einsum("kpc,pc->kc", A, B) / norms


def settling_steps(
    correlations: np.ndarray, steps: np.ndarray, threshold: float = 0.95
) -> np.ndarray:
    """For each class, the first step from which its correlation stays >= threshold.

    correlations (k, 10), one row per snapshot, and steps (k,) give 10 step numbers;
    -1 for a class still below the threshold at the last snapshot.
    """
    correlations = as_array(correlations, "correlations", ndim=(2,), what=say("what_correlations"))
    steps = as_array(steps, "steps", ndim=(1,), what=say("what_steps"))
    threshold = finite_number(threshold, "threshold")
    if correlations.shape[1] != NUM_CLASSES:
        raise ValueError(say("correlations_shape", shape=str(correlations.shape)))
    if steps.shape != (len(correlations),):
        rows, shape = len(correlations), str(steps.shape)
        raise ValueError(say("steps_shape", rows=rows, shape=shape))
    below = correlations < threshold
    # The last row below the threshold, found from the end; settled from the row after it.
    last_below = np.where(below.any(axis=0), len(below) - 1 - np.argmax(below[::-1], axis=0), -1)
    settled = last_below + 1
    return np.where(settled < len(steps), steps[np.minimum(settled, len(steps) - 1)], -1)
