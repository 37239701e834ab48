"""The training explorer of 06: step through train_sgd's snapshots and watch the maps form.

One matplotlib figure (ten weight maps beside the loss and accuracy curves) is built once.
A frame update moves only what changes (the maps' pixels, the step markers, a few labels),
redraws just those artists over a saved background (blitting) and sends the PNG to a
widgets.Image. Redrawing the whole figure would cost several times the 40 ms a frame may
take, and an Output widget fed with `with out:` leaks figures into the cell under nbval.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets
import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from matplotlib import colormaps
from matplotlib.animation import PillowWriter
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, PercentFormatter

from helpers._inputs import NUM_CLASSES, NUM_PIXELS, as_float_matrix, positive_int
from helpers.plotting import symmetric_scale
from helpers.training import History

# What each colour scale shows, in one sentence: the explorer prints it beside the choice.
SCALES = {
    "fixed": (
        "Fixed over the whole run: one colour means one weight value in every frame, so you "
        "see the maps grow from white (all weights 0) to their final strength."
    ),
    "frame": (
        "Rescaled per frame: each frame spends the full colour range on its own largest "
        "weight, so you see the shape of each map early on, but not how large it is."
    ),
}
SCALE_LABELS = {"fixed": "fixed over the run", "frame": "rescaled per frame"}

# The run notebook 06 trains and `make gif` animates: the classic experiment of notebook 04.
NOTEBOOK_RUN = {"lr": 0.5, "batch_size": 64, "steps": 1000, "seed": 0}

GAP, TITLE_ROWS = 4, 7  # blank pixels between tiles, and above each for its title
DPI = 80  # 880x296 pixels: sharp enough for 28x28 maps, small enough to send in a few ms


def _check_history(history: object) -> History:
    if not isinstance(history, History):
        raise ValueError(
            f"Expected the History that train_sgd returns, got {type(history).__name__}."
        )
    if history.test_acc is None:
        raise ValueError(
            "Expected a History with test curves, got one without: pass X_test and y_test "
            "to train_sgd."
        )
    if len(history.snapshot_steps) < 2:
        raise ValueError(
            f"Expected a History with at least 2 snapshots to step through, got "
            f"{len(history.snapshot_steps)}."
        )
    return history


def _check_scale(scale: object) -> str:
    if scale not in SCALES:
        raise ValueError(f"Expected scale to be one of {tuple(SCALES)}, got {scale!r}.")
    return scale


def _check_index(history: History, index: object) -> int:
    last = len(history.snapshot_steps) - 1
    if (
        isinstance(index, bool)
        or not isinstance(index, (int, np.integer))
        or not 0 <= index <= last
    ):
        raise ValueError(f"Expected a snapshot index from 0 to {last}, got {index!r}.")
    return int(index)


def snapshot_readout(history: History, index: int) -> str:
    """One line on snapshot `index` of history: its step, epoch and test accuracy."""
    history = _check_history(history)
    index = _check_index(history, index)
    step = int(history.snapshot_steps[index])
    return (
        f"Step {step} of {history.steps} · epoch {float(history.epochs(step)):.3f} · "
        f"test accuracy {history.test_acc[index]:.1%}"
    )


def explorer_figure(
    history: History, *, readout: bool = False
) -> tuple[Figure, Callable[[int, str], list[Artist]]]:
    """The figure the explorer redraws: ten weight maps beside the loss and accuracy curves.

    Returns (fig, show). show(index, scale) moves the figure to snapshot `index` (0 to k-1)
    with colour scale "fixed" or "frame" and returns the artists it changed, so a caller
    can redraw only those. With readout=True the figure's title names step, epoch and
    accuracy (for the GIF, which has no widget to show them).
    """
    history = _check_history(history)
    steps = history.snapshot_steps
    maps = history.W_snapshots.transpose(0, 2, 1).reshape(len(steps), NUM_CLASSES, 28, 28)
    peaks = np.abs(maps).reshape(len(steps), -1).max(axis=1)
    run_peak = float(peaks.max()) or 1.0  # an all-zero run: any scale shows white

    fig = Figure(figsize=(11, 3.7 + 0.35 * readout), dpi=DPI, layout="constrained")
    FigureCanvasAgg(fig)
    left, right = fig.subfigures(1, 2, width_ratios=[2.5, 1], wspace=0.04)

    # The ten maps as tiles of one image: one resampling per frame instead of ten, which
    # halves the cost of a frame. NaN gaps (see-through) leave room for the tiles' titles.
    tiles = np.full((len(steps), 2 * (TITLE_ROWS + 28), 5 * (28 + GAP) - GAP), np.nan)
    for digit in range(NUM_CLASSES):
        row, col = TITLE_ROWS + (digit // 5) * (TITLE_ROWS + 28), (digit % 5) * (28 + GAP)
        tiles[:, row : row + 28, col : col + 28] = maps[:, digit]
    ax = left.subplots()
    cmap = colormaps["RdBu"].with_extremes(bad=(1, 1, 1, 0))  # see-through: keeps the titles
    image = ax.imshow(tiles[0], cmap=cmap, vmin=-run_peak, vmax=run_peak, interpolation="nearest")
    for digit in range(NUM_CLASSES):
        x, y = (digit % 5) * (28 + GAP) + 13.5, (digit // 5) * (TITLE_ROWS + 28) + TITLE_ROWS - 1.5
        ax.text(x, y, f"digit {digit}", ha="center", va="bottom", fontsize=11)
    ax.set_axis_off()
    # The colour bar shows -max..0..+max; the numbers beside it change with the scale, so
    # they are plain texts, cheaper to redraw than the bar's own tick labels.
    bar = left.colorbar(
        ScalarMappable(mcolors.Normalize(-1, 1), "RdBu"), ax=ax, shrink=0.85, ticks=[]
    )
    bar.ax.set_ylabel("weight", fontsize=10)
    bar.ax.yaxis.set_label_position("left")
    bar.ax.text(1.3, 0.5, "0", transform=bar.ax.transAxes, va="center", fontsize=9)
    bar_texts = [
        bar.ax.text(x, y, "", transform=bar.ax.transAxes, ha=ha, va=va, fontsize=9)
        for x, y, ha, va in (
            (1.3, 1.0, "left", "top"),
            (1.3, 0.0, "left", "bottom"),
            (0.5, -0.03, "center", "top"),
        )
    ]
    left.suptitle("Weights of each class: blue pixels vote for the digit, red against", fontsize=12)

    ax_loss, ax_acc = right.subplots(2, 1, sharex=True)
    ax_loss.plot(steps[1:], history.train_loss[1:], color="0.65", lw=1, label="training batches")
    ax_loss.plot(steps, history.test_loss, color="C0", lw=1.5, label="test set")
    ax_acc.plot(steps, history.test_acc, color="C0", lw=1.5, label="test set")
    ax_loss.set(title="Cross-entropy loss", ylabel="loss", ylim=(0, 3.1))  # room for the legend
    ax_acc.set(title="Test accuracy", ylabel="accuracy", xlabel="step (log scale)", ylim=(0, 1))
    ax_acc.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax_loss.legend(fontsize=8, loc="upper right")
    markers = []
    for ax, curve in ((ax_loss, history.test_loss), (ax_acc, history.test_acc)):
        ax.grid(alpha=0.3)
        markers.append(ax.axvline(0, color="C3", lw=1.2))
        (dot,) = ax.plot([steps[0]], [curve[0]], "o", color="C3", ms=6)
        markers.append(dot)
    # Snapshots are spaced geometrically, so a log axis gives every frame the same room;
    # symlog keeps step 0 on it. Set after the markers: a line at step 0 added to a symlog
    # axis makes matplotlib 3.7 warn on stderr that the axis looks linear.
    ax_acc.set_xscale("symlog", linthresh=1)
    ax_acc.set_xlim(-0.2, steps[-1] * 1.2)
    ax_acc.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    title = fig.suptitle("", fontsize=13) if readout else None

    def show(index: int, scale: str = "fixed") -> list[Artist]:
        index, scale = _check_index(history, index), _check_scale(scale)
        # Step 0 is all zeros: no frame peak to rescale to, so it keeps the run's scale.
        per_frame = scale == "frame" and peaks[index] > 0
        peak = float(peaks[index]) if per_frame else run_peak
        image.set_data(tiles[index])
        image.set_clim(-peak, peak)
        where = "this frame" if per_frame else "whole run"
        labels = (f"+{peak:.3f}", f"−{peak:.3f}", f"scale:\n{where}")
        for text, label in zip(bar_texts, labels, strict=True):
            text.set_text(label)
        step = steps[index]
        for marker, y in zip(markers[1::2], (history.test_loss, history.test_acc), strict=True):
            marker.set_data([step], [y[index]])
        for line in markers[::2]:
            line.set_xdata([step, step])
        changed = [image, *bar_texts, *markers]
        if title is not None:
            title.set_text(snapshot_readout(history, index))
            changed.append(title)
        return changed

    show(len(steps) - 1)
    fig.canvas.draw()  # constrained layout places everything once, with the widest labels,
    fig.set_layout_engine("none")  # then stays put, so frames line up and redraws are cheap
    return fig, show


def frame_renderer(history: History) -> Callable[[int, str], bytes]:
    """A function render(index, scale) giving the PNG bytes of one explorer frame."""
    fig, show = explorer_figure(history)
    canvas = fig.canvas
    changing = show(0)
    for artist in changing:
        artist.set_animated(True)  # left out of the background drawn below
    canvas.draw()
    background = canvas.copy_from_bbox(fig.bbox)

    def render(index: int, scale: str = "fixed") -> bytes:
        artists = show(index, scale)
        canvas.restore_region(background)
        for artist in artists:
            fig.draw_artist(artist)
        return png_bytes(np.asarray(canvas.buffer_rgba())[..., :3])

    return render


def png_bytes(rgb: np.ndarray) -> bytes:
    """Encode an RGB image (height, width, 3) of uint8 as PNG bytes, the same on every run."""
    if (
        not isinstance(rgb, np.ndarray)
        or rgb.dtype != np.uint8
        or rgb.ndim != 3
        or rgb.shape[2] != 3
    ):
        raise ValueError(f"Expected a uint8 array of shape (height, width, 3), got {rgb!r:.60}.")
    buffer = io.BytesIO()
    # Level 1 instead of Pillow's default 6: 5 ms instead of 15 ms a frame, for a file about
    # 10% larger, which a browser on the same machine decodes just as fast.
    PIL.Image.fromarray(rgb).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def training_explorer(
    history: History, *, interval: int = 200, scale: str = "fixed"
) -> widgets.VBox:
    """The explorer: Play, a slider over the snapshots, the figure, a readout and scale choice.

    history is a History from train_sgd with test curves; interval is Play's milliseconds
    per frame; scale is "fixed" (one colour scale for the whole run) or "frame" (rescaled
    to each frame). Frames are drawn when first shown and kept, so replays cost nothing.
    """
    history = _check_history(history)
    interval = positive_int(interval, "interval")
    if not 20 <= interval <= 5000:
        raise ValueError(f"Expected interval between 20 and 5000 milliseconds, got {interval}.")
    scale = _check_scale(scale)
    render = frame_renderer(history)
    last = len(history.snapshot_steps) - 1

    play = widgets.Play(value=0, min=0, max=last, step=1, interval=interval, description="Play")
    slider = widgets.IntSlider(
        value=0,
        min=0,
        max=last,
        description="snapshot",
        readout=False,
        continuous_update=True,
        layout=widgets.Layout(width="420px", margin="0 2em 0 0"),
    )
    widgets.jslink((play, "value"), (slider, "value"))  # in the browser: Play moves the slider
    speed = widgets.IntSlider(
        value=interval,
        min=50,
        max=1000,
        step=50,
        description="ms per frame",
        style={"description_width": "initial"},
    )
    widgets.jslink((speed, "value"), (play, "interval"))
    readout = widgets.HTML()
    image = widgets.Image(format="png")
    scales = widgets.ToggleButtons(
        options=[(label, key) for key, label in SCALE_LABELS.items()], value=scale
    )
    note = widgets.HTML()
    frames: dict[tuple[int, str], bytes] = {}

    def update(_change: object = None) -> None:
        key = (slider.value, scales.value)
        if key not in frames:
            frames[key] = render(*key)
        image.value = frames[key]
        readout.value = (
            f"<b>{snapshot_readout(history, slider.value)}</b> "
            f"(snapshot {slider.value + 1} of {last + 1})"
        )
        note.value = f"<i>{SCALES[scales.value]}</i>"

    slider.observe(update, names="value")
    scales.observe(update, names="value")
    update()
    return widgets.VBox(
        [
            widgets.HBox([play, slider, speed]),
            readout,
            image,
            widgets.HBox([widgets.Label("colour scale:"), scales]),
            note,
        ]
    )


def save_training_gif(
    history: History, path: str | Path, *, fps: int = 8, scale: str = "fixed"
) -> Path:
    """Write the explorer's frames as an animated GIF at path (deterministic); returns the path."""
    history = _check_history(history)
    fps = positive_int(fps, "fps")
    scale = _check_scale(scale)
    path = Path(path)
    if path.suffix.lower() != ".gif":
        raise ValueError(f"Expected a path ending in .gif, got {str(path)!r}.")
    fig, show = explorer_figure(history, readout=True)
    writer = PillowWriter(fps=fps)
    with writer.saving(fig, str(path), DPI):
        for index in range(len(history.snapshot_steps)):
            show(index, scale)
            writer.grab_frame()
        for _ in range(2 * fps):  # hold the final maps for two seconds before the loop restarts
            writer.grab_frame()
    return path


def write_notebook_gif(path: str | Path = "docs/weight_maps.gif") -> Path:
    """Train notebook 06's run (NOTEBOOK_RUN) and write its animation; used by `make gif`."""
    from helpers.data import load_mnist
    from helpers.training import train_sgd

    X_train, y_train, X_test, y_test = load_mnist()
    history = train_sgd(X_train, y_train, X_test=X_test, y_test=y_test, **NOTEBOOK_RUN)
    return save_training_gif(history, path)


def plot_map_rows(rows: dict[str, np.ndarray], *, title: str) -> Figure:
    """Draw several W (784, 10) as rows of ten maps, each row on its own symmetric scale.

    Digit titles head the first row; each row is labelled with its key in rows.
    """
    if not rows:
        raise ValueError("Expected at least one row of maps, got none.")
    fig, axes = plt.subplots(
        len(rows),
        NUM_CLASSES,
        figsize=(11, 1.15 * len(rows) + 0.5),
        squeeze=False,
        layout="constrained",
    )
    for row_index, (row, (label, W)) in enumerate(zip(axes, rows.items(), strict=True)):
        W = as_float_matrix(np.asarray(W), label, columns=NUM_CLASSES)
        if W.shape[0] != NUM_PIXELS:
            raise ValueError(f"Expected {label} of shape (784, 10), got {W.shape}.")
        peak = symmetric_scale(W)
        for digit, ax in enumerate(row):
            ax.imshow(W[:, digit].reshape(28, 28), cmap="RdBu", vmin=-peak, vmax=peak)
            ax.set_xticks([])
            ax.set_yticks([])
            if row_index == 0:
                ax.set_title(f"digit {digit}")
        row[0].set_ylabel(label, rotation=0, ha="right", va="center")
    fig.suptitle(title)
    return fig


def plot_map_correlations(
    correlations: np.ndarray, steps: np.ndarray, *, threshold: float | None = None, title: str
) -> Figure:
    """One line per class: correlations (k, 10) against steps (k,), on a log step axis."""
    correlations, steps = np.asarray(correlations), np.asarray(steps)
    if correlations.ndim != 2 or correlations.shape != (len(steps), NUM_CLASSES):
        raise ValueError(
            f"Expected correlations of shape ({len(steps)}, 10), got {correlations.shape}."
        )
    fig, ax = plt.subplots(figsize=(9, 4.2), layout="constrained")
    for digit in range(NUM_CLASSES):
        ax.plot(steps, correlations[:, digit], color=f"C{digit}", label=f"digit {digit}")
    if threshold is not None:
        ax.axhline(threshold, color="0.3", ls="--", lw=1, label=f"threshold {threshold:g}")
    ax.set_xscale("log")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
    ax.set(xlabel="step (log scale)", ylabel="correlation", title=title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=2, loc="lower right")
    return fig
