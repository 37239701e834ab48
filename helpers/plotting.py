"""Figures the series reuses: weight maps, digit grids, learning curves, maps through training.

Each function returns the open Figure, as plt.subplots does, so a notebook cell ends in
plt.show(); each gives it an alt text of what it draws (set_alt_text replaces it), and each
refuses bad input with a ValueError that says what it expected.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from helpers._inputs import (
    NUM_CLASSES,
    as_array,
    as_float_matrix,
    as_images,
    as_labels,
    as_weights,
    describe,
    finite_number,
    one_of,
    positive_int,
    positive_number,
)
from helpers.figures import (
    correlations_alt,
    curves_alt,
    digits_alt,
    map_rows_alt,
    set_alt_text,
    weight_maps_alt,
)
from helpers.history import History
from helpers.messages import catalog

CMAPS = ("RdBu", "gray")

say = catalog("helpers.plotting")


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise ValueError(say("not_text", name=name, got=describe(value)))
    return value


def _image_labels(labels: object, num_images: int, name: str) -> np.ndarray:
    # Refused rather than read by argmax: a (n, 10) array may be one-hot labels or
    # probabilities, and every other helper takes the integer labels load_mnist returns.
    if isinstance(labels, np.ndarray) and labels.ndim == 2 and labels.shape[1] == NUM_CLASSES:
        raise ValueError(say("labels_as_rows", name=name))
    return as_labels(labels, num_images, name)


def checked_history(history: object) -> History:
    """history, checked to be a History from train_sgd whose weights and curves are finite.

    Used by helpers.explorer_figure.
    """
    if not isinstance(history, History):
        raise ValueError(say("not_a_history", got=describe(history)))
    steps = history.snapshot_steps
    # Step 0 has no mini-batches behind it, so its training accuracy is NaN by design.
    finite = np.isfinite(history.W_snapshots).all(axis=(1, 2)) & np.isfinite(history.train_loss)
    finite &= np.isfinite(history.train_acc) | (steps == 0)
    for curve in (history.test_loss, history.test_acc):
        if curve is not None:
            finite &= np.isfinite(curve)
    bad = [*steps[~finite], *(np.flatnonzero(~np.isfinite(history.batch_loss)) + 1)]
    if bad:
        raise ValueError(say("history_diverged", step=min(bad), lr=history.lr / 10))
    return history


def _symmetric_scale(values: np.ndarray) -> float:
    # The 99th percentile of |values|, so that a handful of extreme pixels do not wash out
    # the rest; the maximum, then 1, for sparse or all-zero values.
    magnitudes = np.abs(values)
    return float(np.percentile(magnitudes, 99)) or float(magnitudes.max()) or 1.0


def weight_images(W: np.ndarray) -> np.ndarray:
    """Reshape W (784, 10) into ten 28x28 pictures, shape (10, 28, 28).

    Taught in 05_reading_the_weights; 04_training_by_hand uses it first.
    """
    return as_weights(W).T.reshape(NUM_CLASSES, 28, 28)


def plot_weight_maps(
    W: np.ndarray,
    *,
    cmap: str = "RdBu",
    vmax: float | None = None,
    title: str | None = None,
    label: str | None = None,
) -> Figure:
    """Draw the ten columns of W (784, 10) as 28x28 maps in a 2x5 grid; returns the Figure.

    Taught in 05_reading_the_weights (00_welcome shows it first, as a preview).
    With RdBu the scale is symmetric around 0: blue pixels are evidence for the class and red
    against it, relative to the other classes (adding one vector to all ten columns changes
    no prediction), and white is a weight near 0. vmax fixes the ends of the scale; by default
    it is the 99th percentile of |W|, so that a handful of extreme pixels do not wash out the
    rest.
    label names the colour bar (for maps of something other than weights, such as dW); the
    title is "Weights of each class, reshaped to 28x28" unless given.
    """
    images = weight_images(W)
    cmap = one_of(cmap, "cmap", CMAPS)
    vmax = _symmetric_scale(images) if vmax is None else positive_number(vmax, "vmax")
    title = say("weight_maps_title") if title is None else _text(title, "title")
    if label is None:
        label = say("weight_bar_rdbu" if cmap == "RdBu" else "weight_bar")
    label = _text(label, "label")
    fig, axes = plt.subplots(2, 5, figsize=(10, 4.6), layout="constrained")
    for digit, ax in enumerate(axes.flat):
        shown = ax.imshow(images[digit], cmap=cmap, vmin=-vmax, vmax=vmax)
        ax.set_title(say("digit", digit=digit))
        ax.set_axis_off()
    # "both": the arrow ends say that a few weights lie beyond the scale.
    fig.colorbar(shown, ax=axes, shrink=0.8, label=label, extend="both")
    fig.suptitle(title)
    return set_alt_text(fig, weight_maps_alt(title, cmap, vmax))


def plot_digits(
    X: np.ndarray,
    y: np.ndarray | None = None,
    *,
    predicted: np.ndarray | None = None,
    ncols: int = 10,
    title: str | None = None,
) -> Figure:
    """Show the rows of X (n, 784) as 28x28 images, titled with labels (and predictions).

    Taught in 01_loading_mnist. X holds pixels from 0 to 1; y and predicted, when given,
    one integer label 0 to 9 per row; a title is red where the two differ. The figure's
    title is "MNIST digits" unless given.
    """
    X = as_images(X)
    if len(X) > 100:
        raise ValueError(say("too_many_images", count=len(X)))
    y = None if y is None else _image_labels(y, len(X), "y")
    predicted = None if predicted is None else _image_labels(predicted, len(X), "predicted")
    ncols = positive_int(ncols, "ncols")
    title = say("digits_title") if title is None else _text(title, "title")
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
        parts = [] if y is None else [say("label", label=y[i])]
        if predicted is not None:
            parts.append(say("pred", pred=predicted[i]))
        wrong = predicted is not None and y is not None and predicted[i] != y[i]
        ax.set_title("\n".join(parts), fontsize=8, color="crimson" if wrong else "black")
    fig.suptitle(title)
    return set_alt_text(fig, digits_alt(title, len(X), (nrows, ncols), y, predicted))


def plot_learning_curves(history: History, *, title: str | None = None) -> Figure:
    """Loss and accuracy against training step for a History from train_sgd; returns the Figure.

    Taught in 04_training_by_hand. Each mini-batch's loss in grey, the mean of the batches
    between snapshots, and the test set's curves when train_sgd was given one. The title
    is "Learning curves" unless given.
    """
    history = checked_history(history)
    title = say("curves_title") if title is None else _text(title, "title")
    steps = history.snapshot_steps
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 3.8), layout="constrained")
    ax_loss.plot(
        np.arange(1, history.steps + 1),
        history.batch_loss,
        color="0.8",
        lw=0.8,
        label=say("each_batch"),
    )
    training, test = say("training_mean"), say("test_set")
    ax_loss.plot(steps[1:], history.train_loss[1:], marker=".", label=training)
    ax_acc.plot(steps[1:], history.train_acc[1:], marker=".", label=training)
    if history.test_loss is not None:
        ax_loss.plot(steps, history.test_loss, marker=".", label=test)
        ax_acc.plot(steps, history.test_acc, marker=".", label=test)
    ax_loss.axhline(np.log(10), color="0.5", ls="--", lw=1, label=say("untrained"))
    step = say("step")
    ax_loss.set(title=say("loss_title"), xlabel=step, ylabel=say("loss"))
    ax_acc.set(title=say("accuracy_title"), xlabel=step, ylabel=say("accuracy"), ylim=(0, 1))
    for ax in (ax_loss, ax_acc):
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    return set_alt_text(fig, curves_alt(title, history))


def plot_map_rows(rows: dict[str, np.ndarray], *, title: str) -> Figure:
    """Draw several W (784, 10) as rows of ten maps, each row on its own symmetric scale.

    Taught in 06_watching_training. rows maps each row's label to its W; digit titles
    head the first row.
    """
    if not isinstance(rows, dict) or not rows:
        if isinstance(rows, dict):
            raise ValueError(say("rows_empty"))
        raise ValueError(say("rows_not_dict", kind=type(rows).__name__))
    labels = [_text(label, say("name_row_key")) for label in rows]
    maps = [as_weights(W, f"rows[{label!r}]") for label, W in rows.items()]
    title = _text(title, "title")
    fig, axes = plt.subplots(
        len(rows),
        NUM_CLASSES,
        figsize=(11, 1.15 * len(rows) + 0.5),
        squeeze=False,
        layout="constrained",
    )
    for row_index, (row, label, W) in enumerate(zip(axes, labels, maps, strict=True)):
        peak = _symmetric_scale(W)
        for digit, ax in enumerate(row):
            ax.imshow(W[:, digit].reshape(28, 28), cmap="RdBu", vmin=-peak, vmax=peak)
            ax.set_xticks([])
            ax.set_yticks([])
            if row_index == 0:
                ax.set_title(say("digit", digit=digit))
        row[0].set_ylabel(label, rotation=0, ha="right", va="center")
    fig.suptitle(title)
    return set_alt_text(fig, map_rows_alt(title, labels))


def _as_steps(steps: object, count: int) -> np.ndarray:
    steps = as_array(steps, "steps", ndim=(1,), what=say("what_steps"))
    if len(steps) != count:
        raise ValueError(say("steps_count", count=count, got=len(steps)))
    if steps.min() < 1:
        raise ValueError(say("steps_below_one", low=steps.min()))
    return steps


def plot_map_correlations(
    correlations: np.ndarray, steps: np.ndarray, *, threshold: float | None = None, title: str
) -> Figure:
    """Small multiples: one panel per class, correlations (k, 10) against steps (k,), log steps.

    Taught in 06_watching_training. Each panel draws its class's line over the other nine
    in light grey, so ten lines can be told apart without matching colours; threshold, a
    correlation from -1 to 1, is drawn as a dashed line in every panel.
    """
    correlations = as_float_matrix(correlations, "correlations", columns=NUM_CLASSES)
    steps = _as_steps(steps, len(correlations))
    if threshold is not None:
        threshold = finite_number(threshold, "threshold")
        if not -1 <= threshold <= 1:
            raise ValueError(say("threshold_range", threshold=threshold))
    title = _text(title, "title")
    fig, axes = plt.subplots(
        2, 5, figsize=(11, 4.8), sharex=True, sharey=True, layout="constrained"
    )
    for digit, ax in enumerate(axes.flat):
        for other in range(NUM_CLASSES):
            if other != digit:
                ax.plot(steps, correlations[:, other], color="0.85", lw=0.8)
        ax.plot(steps, correlations[:, digit], color="C0", lw=2, label=say("digit", digit=digit))
        if threshold is not None:
            line = say("threshold", threshold=threshold)
            ax.axhline(threshold, color="0.3", ls="--", lw=1, label=line)
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        ax.set_title(say("digit", digit=digit))
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel(say("step_log"))
    for ax in axes[:, 0]:
        ax.set_ylabel(say("correlation"))
    fig.suptitle(title)
    return set_alt_text(fig, correlations_alt(title, correlations, steps, threshold))
