"""The figure inside 06's explorer: ten weight maps beside the curves, one snapshot at a time.

Taught in 06_watching_training. The figure is built once. A frame moves only what changes
(the maps' pixels, the step markers, a few labels), redraws just those artists over a saved
background (blitting) and becomes PNG bytes. The explorer draws the same frames in the
browser from that background and those artists' positions (helpers.explorer_view); the GIF
and the browser tests use the frames drawn here.
"""

from __future__ import annotations

import io

import matplotlib.colors as mcolors
import numpy as np
import PIL.Image
from matplotlib import colormaps
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.figure import Figure, SubFigure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter, PercentFormatter

from helpers._inputs import NUM_CLASSES, one_of, whole_number
from helpers.history import History
from helpers.messages import catalog
from helpers.plotting import checked_history

# The colour scales: one for the whole run, or one per frame. scale_notes() says what each shows.
SCALES = ("fixed", "frame")

say = catalog("helpers.explorer_figure")

GAP, TITLE_ROWS = 4, 7  # blank pixels between tiles, and above each for its title
LOSS_TOP = 3.1  # the loss axis: above the untrained ln 10 = 2.303, with room for the legend
DPI = 80  # 880x296 pixels: sharp enough for 28x28 maps, small enough to send in a few ms


def scale_notes() -> dict[str, str]:
    """What each colour scale of SCALES shows, one sentence each. Used by helpers.explorer_view."""
    return {scale: say(f"scale_note_{scale}") for scale in SCALES}


def explorer_history(history: object) -> History:
    """history, checked to be a finite History with test curves and at least 2 snapshots.

    Used by helpers.explorer and helpers.explorer_view.
    """
    history = checked_history(history)
    if history.test_acc is None:
        raise ValueError(say("no_test_curves"))
    if len(history.snapshot_steps) < 2:
        raise ValueError(say("too_few_snapshots", count=len(history.snapshot_steps)))
    return history


def checked_scale(scale: object) -> str:
    """scale, checked to be one of SCALES ("fixed" or "frame"). Used by helpers.explorer."""
    return one_of(scale, "scale", SCALES)


def _check_index(history: History, index: object) -> int:
    return whole_number(index, say("name_index"), 0, len(history.snapshot_steps) - 1)


def readout_line(history: History, index: int) -> str:
    """The line on snapshot index of a checked history; unchecked. Used by helpers.explorer_view."""
    step = int(history.snapshot_steps[index])
    fields = {
        "step": step,
        "steps": history.steps,
        "epoch": float(history.epochs(step)),
        "accuracy": history.test_acc[index],
    }
    # A diverged run is named in every frame: its maps look like a model, its loss says not.
    if history.diverged_at is not None:
        return say("readout_diverged", diverged_at=history.diverged_at, **fields)
    return say("readout", **fields)


def snapshot_readout(history: History, index: int) -> str:
    """One line on snapshot `index` of history: its step, epoch and test accuracy.

    Taught in 06_watching_training, where it is the line under the explorer's buttons.
    """
    history = explorer_history(history)
    return readout_line(history, _check_index(history, index))


def _png_bytes(rgb: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    # Level 1 instead of Pillow's default 6: 5 ms instead of 15 ms a frame, for a file about
    # 10% larger, which a browser on the same machine decodes just as fast.
    PIL.Image.fromarray(rgb).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


class ExplorerFigure:
    """The figure the explorer redraws: ten weight maps beside the loss and accuracy curves.

    Taught in 06_watching_training. history is a History from train_sgd with test curves.
    show(index, scale) moves the figure to snapshot `index` (0 to k-1) with colour scale
    "fixed" or "frame" and returns the artists it changed; render(index, scale) gives that
    frame as PNG bytes, redrawing only those artists. With readout=True the figure's title
    names step, epoch and accuracy (for the GIF, which has no widget to show them).
    """

    def __init__(self, history: History, *, readout: bool = False) -> None:
        self.history = history = explorer_history(history)
        steps = history.snapshot_steps
        maps = history.W_snapshots.transpose(0, 2, 1).reshape(len(steps), NUM_CLASSES, 28, 28)
        self.peaks = np.abs(maps).reshape(len(steps), -1).max(axis=1)
        self.run_peak = float(self.peaks.max()) or 1.0  # all zeros: any scale shows white
        # The ten maps as tiles of one image: one resampling per frame instead of ten, which
        # halves the cost of a frame. NaN gaps (see-through) leave room for the tiles' titles.
        self.tiles = np.full((len(steps), 2 * (TITLE_ROWS + 28), 5 * (28 + GAP) - GAP), np.nan)
        for digit in range(NUM_CLASSES):
            row, col = TITLE_ROWS + (digit // 5) * (TITLE_ROWS + 28), (digit % 5) * (28 + GAP)
            self.tiles[:, row : row + 28, col : col + 28] = maps[:, digit]

        self.figure = Figure(
            figsize=(11, 3.7 + 0.35 * bool(readout)), dpi=DPI, layout="constrained"
        )
        FigureCanvasAgg(self.figure)
        left, right = self.figure.subfigures(1, 2, width_ratios=[2.5, 1], wspace=0.04)
        self.image, self.bar_labels = self._draw_maps(left)
        # Per curve: the vertical line and the dot that mark the snapshot's step on it.
        self.step_markers = self._draw_curves(right)
        self.title = self.figure.suptitle("", fontsize=13) if readout else None
        self._background = None  # saved by the first render, for blitting
        self._frames: dict[tuple[int, str], bytes] = {}
        self.show(len(steps) - 1)
        self.figure.canvas.draw()  # constrained layout places everything once, with the
        self.figure.set_layout_engine("none")  # widest labels, then stays put for blitting

    def _draw_maps(self, panel: SubFigure) -> tuple[Artist, list[Text]]:
        ax = panel.subplots()
        cmap = colormaps["RdBu"].with_extremes(bad=(1, 1, 1, 0))  # see-through: keeps titles
        peak = self.run_peak
        image = ax.imshow(self.tiles[0], cmap=cmap, vmin=-peak, vmax=peak, interpolation="nearest")
        for digit in range(NUM_CLASSES):
            x, y = (
                (digit % 5) * (28 + GAP) + 13.5,
                (digit // 5) * (TITLE_ROWS + 28) + TITLE_ROWS - 1.5,
            )
            ax.text(x, y, say("digit", digit=digit), ha="center", va="bottom", fontsize=11)
        ax.set_axis_off()
        # The colour bar shows -max..0..+max; the numbers beside it change with the scale, so
        # they are plain texts, cheaper to redraw than the bar's own tick labels.
        bar = panel.colorbar(
            ScalarMappable(mcolors.Normalize(-1, 1), "RdBu"), ax=ax, shrink=0.85, ticks=[]
        )
        bar.ax.set_ylabel(say("weight"), fontsize=10)
        bar.ax.yaxis.set_label_position("left")
        bar.ax.text(1.3, 0.5, "0", transform=bar.ax.transAxes, va="center", fontsize=9)
        labels = [  # the top and bottom of the scale, and which scale it is
            bar.ax.text(x, y, "", transform=bar.ax.transAxes, ha=ha, va=va, fontsize=9)
            for x, y, ha, va in (
                (1.3, 1.0, "left", "top"),
                (1.3, 0.0, "left", "bottom"),
                (0.5, -0.03, "center", "top"),
            )
        ]
        panel.suptitle(say("maps_title"), fontsize=12)
        return image, labels

    def _draw_curves(self, panel: SubFigure) -> list[tuple[Artist, Artist, np.ndarray]]:
        history, steps = self.history, self.history.snapshot_steps
        ax_loss, ax_acc = panel.subplots(2, 1, sharex=True)
        training, test = say("training_batches"), say("test_set")
        ax_loss.plot(steps[1:], history.train_loss[1:], color="0.65", lw=1, label=training)
        ax_loss.plot(steps, history.test_loss, color="C0", lw=1.5, label=test)
        ax_acc.plot(steps, history.test_acc, color="C0", lw=1.5, label=test)
        ax_loss.set(title=say("loss_title"), ylabel=say("loss"), ylim=(0, LOSS_TOP))  # legend
        highest = max(np.nanmax(history.train_loss), np.nanmax(history.test_loss))
        if highest > LOSS_TOP:  # a diverging run: say what the fixed axis leaves out
            ax_loss.text(
                0.02,
                0.04,
                say("off_scale", top=LOSS_TOP, highest=highest),
                transform=ax_loss.transAxes,
                fontsize=8,
                color="C3",
            )
        ax_acc.set(
            title=say("accuracy_title"),
            ylabel=say("accuracy"),
            xlabel=say("step_log"),
            ylim=(0, 1),
        )
        ax_acc.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax_loss.legend(fontsize=8, loc="upper right")
        markers = []
        # The loss marker stays on the axis, at its top, where the curve leaves it.
        shown_loss = np.minimum(history.test_loss, LOSS_TOP)
        for ax, curve in ((ax_loss, shown_loss), (ax_acc, history.test_acc)):
            ax.grid(alpha=0.3)
            line = ax.axvline(0, color="C3", lw=1.2)
            (dot,) = ax.plot([steps[0]], [curve[0]], "o", color="C3", ms=6)
            markers.append((line, dot, curve))
        # Snapshots are spaced geometrically, so a log axis gives every frame the same room;
        # symlog keeps step 0 on it. Set after the markers: a line at step 0 added to a symlog
        # axis makes matplotlib 3.7 warn on stderr that the axis looks linear.
        ax_acc.set_xscale("symlog", linthresh=1)
        ax_acc.set_xlim(-0.2, steps[-1] * 1.2)
        ax_acc.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}"))
        return markers

    def show(self, index: int, scale: str = "fixed") -> list[Artist]:
        """Move the figure to snapshot `index` with colour scale `scale`; returns what changed."""
        index, scale = _check_index(self.history, index), checked_scale(scale)
        # Step 0 is all zeros: no frame peak to rescale to, so it keeps the run's scale.
        per_frame = scale == "frame" and self.peaks[index] > 0
        peak = float(self.peaks[index]) if per_frame else self.run_peak
        self.image.set_data(self.tiles[index])
        self.image.set_clim(-peak, peak)
        where = say("scale_label_frame" if per_frame else "scale_label_run")
        texts = (f"+{peak:.3f}", f"−{peak:.3f}", where)
        for label, text in zip(self.bar_labels, texts, strict=True):
            label.set_text(text)
        changed = [self.image, *self.bar_labels]
        step = self.history.snapshot_steps[index]
        for line, dot, curve in self.step_markers:
            line.set_xdata([step, step])
            dot.set_data([step], [curve[index]])
            changed += [line, dot]
        if self.title is not None:
            self.title.set_text(readout_line(self.history, index))
            changed.append(self.title)
        return changed

    def render(self, index: int, scale: str = "fixed") -> bytes:
        """The PNG bytes of snapshot `index` in `scale`, drawn once and then kept.

        After the first call the changing artists are left out of full redraws: a figure
        that renders is for blitting only.
        """
        key = (_check_index(self.history, index), checked_scale(scale))
        if key not in self._frames:
            canvas = self.figure.canvas
            if self._background is None:
                for artist in self.show(0):
                    artist.set_animated(True)  # left out of the background drawn below
                canvas.draw()
                self._background = canvas.copy_from_bbox(self.figure.bbox)
            artists = self.show(*key)
            canvas.restore_region(self._background)
            for artist in artists:
                self.figure.draw_artist(artist)
            self._frames[key] = _png_bytes(np.asarray(canvas.buffer_rgba())[..., :3])
        return self._frames[key]
