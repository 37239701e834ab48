"""The pictures of a drawing read by the model: the static figure, and the lab's PNG tiles.

Taught in 07_draw_a_digit: plot_drawing draws what the drawing lab shows after a stroke, for
readers without a kernel; the lab (helpers.drawpad) shows its maps with the *_png functions.
"""

from __future__ import annotations

import io

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure
from PIL import Image

from helpers._inputs import NUM_CLASSES, as_parameters, whole_number
from helpers.drawing import (
    CANVAS,
    as_strokes,
    pixel_evidence,
    read_image,
    render_checked,
    to_mnist,
)
from helpers.figures import drawing_alt, set_alt_text
from helpers.messages import catalog

say = catalog("helpers.drawing_figure")
ZOOM = 6  # each of the 28 x 28 pixels is shown as ZOOM x ZOOM screen pixels in the lab


def _zoomed_png(rgb: np.ndarray) -> bytes:
    """A (28, 28) or (28, 28, 3) uint8 image as PNG bytes, each pixel a ZOOM x ZOOM square."""
    image = Image.fromarray(rgb)
    image = image.resize((image.width * ZOOM, image.height * ZOOM), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)  # fast: the kernel answers every stroke
    return buffer.getvalue()


def gray_png(image: np.ndarray) -> bytes:
    """The image (28, 28) in [0, 1] as PNG bytes, ink dark on white. Used by helpers.drawpad."""
    return _zoomed_png(np.round(255 * (1 - image)).astype(np.uint8))


def evidence_png(evidence: np.ndarray, vmax: float) -> bytes:
    """An evidence map (28, 28) as PNG bytes in RdBu from -vmax to vmax. Used by helpers.drawpad."""
    colours = matplotlib.colormaps["RdBu"]((evidence / vmax + 1) / 2, bytes=True)
    return _zoomed_png(np.ascontiguousarray(colours[..., :3]))


def colour_key_png() -> bytes:
    """The colour key, RdBu from red (left) to blue, (10, 28 * ZOOM). Used by helpers.drawpad."""
    strip = matplotlib.colormaps["RdBu"](np.linspace(0, 1, 28 * ZOOM), bytes=True)[None, :, :3]
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(np.repeat(strip, 10, axis=0))).save(buffer, format="PNG")
    return buffer.getvalue()


def _compare_class(compare: object, probabilities: np.ndarray) -> int:
    if compare is None:  # the runner-up: the class the model most nearly chose instead
        return int(np.argsort(probabilities)[-2])
    return whole_number(compare, say("name_compare"), 0, NUM_CLASSES - 1)


def _show_evidence(ax: plt.Axes, evidence: np.ndarray, k: int, vmax: float, key: str):
    shown = ax.imshow(evidence, cmap="RdBu", vmin=-vmax, vmax=vmax)
    ax.set_title(say(key, k=k, total=evidence.sum()), fontsize=10)
    ax.set_axis_off()
    return shown


def plot_drawing(
    strokes: object, W: np.ndarray, b: np.ndarray, *, compare: int | None = None
) -> Figure:
    """The drawing, the 28x28 image the model sees, its ten probabilities and two evidence maps.

    Taught in 07_draw_a_digit, for readers without a kernel. The maps are evidence_map for
    the predicted class and for compare (by default the second most probable class), on one
    symmetric RdBu scale: blue for the class, red against it, relative to the other classes.
    A blank drawing raises BlankDrawing.
    """
    checked = as_strokes(strokes)
    W, b = as_parameters(W, b)
    canvas = render_checked(checked)
    reading = read_image(to_mnist(canvas), W, b)
    other = _compare_class(compare, reading.probabilities)
    fig, axes = plt.subplots(
        1, 5, figsize=(15, 3.4), layout="constrained", width_ratios=[1, 1, 1.5, 1, 1]
    )
    drawn, seen, bars, mine, theirs = axes
    drawn.imshow(canvas, cmap="gray_r", vmin=0, vmax=1)
    drawn.set_title(say("as_drawn", canvas=CANVAS), fontsize=10)
    seen.imshow(reading.image, cmap="gray_r", vmin=0, vmax=1)
    seen.set_title(say("model_sees"), fontsize=10)
    for ax in (drawn, seen):
        ax.set_xticks([])
        ax.set_yticks([])
    colours = ["C1" if k == reading.predicted else "0.7" for k in range(NUM_CLASSES)]
    bars.bar(range(NUM_CLASSES), reading.probabilities, color=colours)
    bars.set(xticks=range(NUM_CLASSES), ylim=(0, 1), xlabel=say("class"), ylabel=say("probability"))
    p = reading.probabilities[reading.predicted]
    bars.set_title(say("predicted", k=reading.predicted, p=p), fontsize=10)
    x = reading.image.reshape(-1)
    maps = {k: pixel_evidence(x, W, k) for k in (reading.predicted, other)}
    vmax = max(float(np.abs(m).max()) for m in maps.values()) or 1.0
    top = reading.predicted
    shown = _show_evidence(mine, maps[top], top, vmax, "evidence_predicted")
    key = "evidence_runner_up" if compare is None and other != top else "evidence"
    _show_evidence(theirs, maps[other], other, vmax, key)
    fig.colorbar(shown, ax=[mine, theirs], shrink=0.85, label=say("evidence_bar"))
    sums = {k: float(m.sum()) for k, m in maps.items()}
    return set_alt_text(fig, drawing_alt(reading, other, sums, CANVAS))
