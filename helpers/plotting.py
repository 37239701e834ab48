"""Figures the series reuses: weight maps, digit grids and learning curves."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from helpers._inputs import NUM_CLASSES, NUM_PIXELS, as_float_matrix

CMAPS = ("RdBu", "gray")


def weight_images(W: np.ndarray) -> np.ndarray:
    """Reshape W (784, 10) into ten 28x28 pictures, shape (10, 28, 28)."""
    if not isinstance(W, np.ndarray) or W.shape != (NUM_PIXELS, NUM_CLASSES):
        shape = getattr(W, "shape", type(W).__name__)
        raise ValueError(f"Expected W of shape (784, 10), one column per class, got {shape}.")
    W = as_float_matrix(W, "W", columns=NUM_CLASSES)
    return W.T.reshape(NUM_CLASSES, 28, 28)


def symmetric_scale(values: np.ndarray) -> float:
    """The end of a colour scale symmetric around 0: the 99th percentile of |values|.

    A percentile rather than the maximum, so that a handful of extreme pixels do not wash out
    the rest; falls back to the maximum, then 1, for sparse or all-zero values.
    """
    magnitudes = np.abs(values)
    return float(np.percentile(magnitudes, 99)) or float(magnitudes.max()) or 1.0


def plot_weight_maps(
    W: np.ndarray,
    *,
    cmap: str = "RdBu",
    vmax: float | None = None,
    title: str = "Weights of each class, reshaped to 28x28",
    label: str | None = None,
) -> Figure:
    """Draw the ten columns of W (784, 10) as 28x28 maps in a 2x5 grid; returns the Figure.

    With RdBu the scale is symmetric around 0, so white means 0, blue pixels vote for the
    class and red pixels against it. vmax fixes the ends of the scale; by default it is the
    99th percentile of |W|, so that a handful of extreme pixels do not wash out the rest.
    label names the colour bar (for maps of something other than weights, such as dW).
    """
    images = weight_images(W)
    if cmap not in CMAPS:
        raise ValueError(f"Expected cmap to be one of {CMAPS}, got {cmap!r}.")
    if vmax is None:
        vmax = symmetric_scale(images)
    elif not vmax > 0:
        raise ValueError(f"Expected vmax above 0, got {vmax!r}.")
    fig, axes = plt.subplots(2, 5, figsize=(10, 4.6), layout="constrained")
    for digit, ax in enumerate(axes.flat):
        shown = ax.imshow(images[digit], cmap=cmap, vmin=-vmax, vmax=vmax)
        ax.set_title(f"digit {digit}")
        ax.set_axis_off()
    if label is None:
        label = "weight (blue: votes for, red: against)" if cmap == "RdBu" else "weight"
    # "both": the arrow ends say that a few weights lie beyond the scale.
    fig.colorbar(shown, ax=axes, shrink=0.8, label=label, extend="both")
    fig.suptitle(title)
    return fig


def plot_digits(
    X: np.ndarray,
    y: np.ndarray | None = None,
    *,
    predicted: np.ndarray | None = None,
    ncols: int = 10,
    title: str = "MNIST digits",
) -> Figure:
    """Show the rows of X (n, 784) as 28x28 images, titled with labels (and predictions)."""
    X = as_float_matrix(X)
    if len(X) > 100:
        raise ValueError(f"Expected at most 100 images to draw, got {len(X)}; pass a slice.")
    for name, labels in (("y", y), ("predicted", predicted)):
        if labels is not None and len(labels) != len(X):
            raise ValueError(f"Expected {name} to have {len(X)} entries, got {len(labels)}.")
    nrows = -(-len(X) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(ncols * 1.0, nrows * 1.2 + 0.5), squeeze=False, layout="constrained"
    )
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i >= len(X):
            continue
        # gray_r draws ink dark on a white page, as the digits were written.
        ax.imshow(X[i].reshape(28, 28), cmap="gray_r", vmin=0, vmax=1)
        parts = [] if y is None else [f"label {y[i]}"]
        if predicted is not None:
            parts.append(f"pred {predicted[i]}")
        ax.set_title(
            "\n".join(parts),
            fontsize=8,
            color="crimson"
            if predicted is not None and y is not None and predicted[i] != y[i]
            else "black",
        )
    fig.suptitle(title)
    return fig


def plot_learning_curves(history, *, title: str = "Learning curves") -> Figure:
    """Loss and accuracy against training step for a History from train_sgd; returns the Figure."""
    steps = history.snapshot_steps
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
    ax_loss.plot(
        np.arange(1, history.steps + 1),
        history.batch_loss,
        color="0.8",
        lw=0.8,
        label="each mini-batch",
    )
    ax_loss.plot(steps[1:], history.train_loss[1:], marker=".", label="training (mean of batches)")
    ax_acc.plot(steps[1:], history.train_acc[1:], marker=".", label="training (mean of batches)")
    if history.test_loss is not None:
        ax_loss.plot(steps, history.test_loss, marker=".", label="test set")
        ax_acc.plot(steps, history.test_acc, marker=".", label="test set")
    ax_loss.axhline(np.log(10), color="0.5", ls="--", lw=1, label="untrained: ln 10")
    ax_loss.set(title="Cross-entropy loss", xlabel="step", ylabel="loss")
    ax_acc.set(title="Accuracy", xlabel="step", ylabel="accuracy", ylim=(0, 1))
    for ax in (ax_loss, ax_acc):
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    return fig
