"""The picture of 06's explorer, drawn in the browser: no kernel needed to step through a run.

Taught in 06_watching_training. explorer_data packs what ExplorerFigure would draw, once:
the figure without its moving parts as one PNG (titles, curves, colour bar), every
snapshot's ten maps quantised to 8 bits, and where the markers and labels go in pixels.
ExplorerView (an anywidget; its front end is explorer_view.js, shipped in this package)
draws a snapshot from them on a canvas, so a slider jslinked to it costs no round trip to
the kernel, and the stored widget state works on a static page.
"""

from __future__ import annotations

import base64
import io
import zlib
from pathlib import Path

import anywidget
import numpy as np
import PIL.Image
import traitlets
from matplotlib import colormaps
from matplotlib.transforms import Bbox

from helpers.environment import ANYWIDGET_RANGE
from helpers.explorer_figure import (
    DPI,
    GAP,
    SCALES,
    TITLE_ROWS,
    ExplorerFigure,
    explorer_history,
    readout_line,
    scale_notes,
)
from helpers.history import History
from helpers.messages import ENGLISH, entries, language

ESM = Path(__file__).with_name("explorer_view.js")
LEVELS = 127  # each map is sent as whole numbers -127..127 times its frame's peak / 127
MARKER = "#d62728"  # matplotlib's C3, the colour of the step markers
# The words explorer_view.js shows, by domain: it gets them in the `texts` trait.
VIEW_TEXTS = {
    "helpers.explorer_view": ("snapshot_of", "figure_label_fixed", "figure_label_frame"),
    "helpers.explorer_figure": ("scale_label_run", "scale_label_frame"),
}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _quantised_maps(history: History) -> tuple[np.ndarray, np.ndarray]:
    """Each snapshot's ten maps as int8 (s, 10, 784), scaled to its own peak, and the peaks.

    Scaled per frame, an early frame's small weights keep all 255 levels, as many as the
    256 colours of RdBu: the per-frame colour scale shows them as finely as matplotlib does.
    """
    maps = np.asarray(history.W_snapshots, dtype=np.float64).transpose(0, 2, 1)
    peaks = np.abs(maps).reshape(len(maps), -1).max(axis=1)
    safe = np.where(peaks > 0, peaks, 1.0)[:, None, None]
    return np.round(maps / safe * LEVELS).astype(np.int8), peaks


def _pack_maps(quantised: np.ndarray) -> str:
    """Frame-to-frame differences (int8, wrapping), zlib-compressed, in base64.

    Consecutive snapshots differ little, so differences compress to 0.6 of the plain maps;
    the browser adds them up again (explorer_view.js).
    """
    deltas = np.diff(quantised, axis=0, prepend=np.zeros_like(quantised[:1]))
    return _b64(zlib.compress(deltas.astype(np.int8).tobytes(), 9))


def _png(rgb: np.ndarray) -> str:
    buffer = io.BytesIO()
    PIL.Image.fromarray(rgb).save(buffer, format="PNG", optimize=True)
    return _b64(buffer.getvalue())


def _box(bbox: Bbox, height: int) -> list[float]:
    """A matplotlib display box as canvas [left, top, width, height] (y grows downwards)."""
    return [round(v, 2) for v in (bbox.x0, height - bbox.y1, bbox.width, bbox.height)]


def _labels(figure: ExplorerFigure, height: int) -> list[dict]:
    """Where the colour bar's three changing labels go: anchor, alignment and font size."""
    out = []
    for label in figure.bar_labels:
        x, y = label.get_transform().transform(label.get_position())
        out.append(
            {
                "x": round(float(x), 2),
                "y": round(float(height - y), 2),
                "ha": label.get_ha(),
                "va": label.get_va(),
                "px": round(label.get_fontsize() * DPI / 72, 2),
            }
        )
    return out


def _curves(figure: ExplorerFigure, height: int) -> list[dict]:
    """For each curve: its axes box and the marker's pixel position at every snapshot."""
    steps = figure.history.snapshot_steps
    out = []
    for line, _dot, curve in figure.step_markers:
        ax = line.axes
        points = ax.transData.transform(np.column_stack([steps, curve]))
        out.append(
            {
                "box": _box(ax.bbox, height),
                "x": np.round(points[:, 0], 2).tolist(),
                "y": np.round(height - points[:, 1], 2).tolist(),
            }
        )
    return out


def explorer_data(history: History) -> dict:
    """Everything the browser needs to draw any snapshot of history, as JSON-ready values.

    Taught in 06_watching_training. The background is ExplorerFigure drawn without the
    parts that move (the maps, the colour bar's numbers, the step markers); the rest says
    how to draw those parts, exactly where the figure puts them.
    """
    history = explorer_history(history)
    figure = ExplorerFigure(history)
    for artist in figure.show(0):
        artist.set_animated(True)  # left out of the background, as when blitting
    figure.figure.canvas.draw()
    background = np.asarray(figure.figure.canvas.buffer_rgba())[..., :3]
    height, width = background.shape[:2]
    quantised, peaks = _quantised_maps(history)
    n = len(history.snapshot_steps)
    return {
        "width": width,
        "height": height,
        "background": _png(background),
        "maps": _pack_maps(quantised),
        "peaks": [float(p) for p in peaks],
        "run_peak": float(figure.run_peak),
        "levels": LEVELS,
        "tiles": {
            "box": _box(figure.image.get_window_extent(), height),
            "rows": figure.tiles.shape[1],
            "cols": figure.tiles.shape[2],
            "gap": GAP,
            "title_rows": TITLE_ROWS,
        },
        "lut": _b64(colormaps["RdBu"](np.arange(256), bytes=True)[:, :3].tobytes()),
        "labels": _labels(figure, height),
        "curves": _curves(figure, height),
        "marker": {"color": MARKER, "line_px": 1.2 * DPI / 72, "dot_px": (6 + 1) / 2 * DPI / 72},
        "readouts": [readout_line(history, i) for i in range(n)],
        "steps": [int(s) for s in history.snapshot_steps],
        "total_steps": int(history.steps),
    }


class ExplorerView(anywidget.AnyWidget):
    """The explorer's picture and readout (part "figure") or its scale note (part "note").

    Taught in 06_watching_training, where training_explorer links it to the slider and the
    scale buttons. index is the snapshot shown, scale 0 (fixed) or 1 (per frame); data is
    explorer_data's dict for the figure, the scale sentences for the note.
    """

    # The source itself, not its path: anywidget would watch a path for changes.
    _esm = ESM.read_text(encoding="utf-8")
    # Saved with the notebook, for a static page: any supported anywidget restores it.
    _model_module_version = traitlets.Unicode(ANYWIDGET_RANGE).tag(sync=True)
    _view_module_version = traitlets.Unicode(ANYWIDGET_RANGE).tag(sync=True)
    part = traitlets.Unicode("figure").tag(sync=True)
    index = traitlets.Int(0).tag(sync=True)
    scale = traitlets.Int(0).tag(sync=True)
    data = traitlets.Dict().tag(sync=True)
    # The front end's words, from the catalogs in the learner's language: it has none of its own.
    texts = traitlets.Dict().tag(sync=True)

    @traitlets.default("texts")
    def _texts_now(self) -> dict[str, str]:
        return _view_texts()

    def __repr__(self) -> str:
        return f"ExplorerView(part={self.part!r})"


def _view_texts() -> dict[str, str]:
    """The words of explorer_view.js, key -> template, in the language current now.

    Templates, not sentences: the front end fills their {placeholders} itself.
    """
    lang = language()
    return {
        key: entries(domain, lang).get(key) or entries(domain, ENGLISH)[key]
        for domain, keys in VIEW_TEXTS.items()
        for key in keys
    }


def scale_note_data() -> dict:
    """The note's data: the sentence for each colour scale of SCALES, in the buttons' order.

    Used by helpers.explorer.
    """
    notes = scale_notes()
    return {"notes": [notes[scale] for scale in SCALES]}
