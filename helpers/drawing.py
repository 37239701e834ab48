"""A digit drawn by hand, prepared as MNIST prepared its digits, and what the model makes of it.

Taught in 07_draw_a_digit. A drawing is a list of strokes, each a list of (x, y) points in
the pixels of a 280 x 280 canvas (y grows downwards), as the drawing pad records them.
render_strokes inks them with a round pen (the rule of helpers.drawpad_pen, which the pad's
front end follows too); to_mnist then does what LeCun et al. did to NIST's digits: fit the
ink's bounding box into 20 x 20 pixels (aspect ratio kept, anti-aliased) and place it in
28 x 28 with its centre of mass at the centre.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from PIL import Image

from helpers._inputs import (
    NUM_CLASSES,
    PIXEL_TOLERANCE,
    as_array,
    as_parameters,
    as_weights,
    describe,
    whole_number,
)

# CANVAS and PEN_WIDTH are this module's too: the pad's size and its pen, defined with the pen.
from helpers.drawpad_pen import CANVAS, PEN_WIDTH, blank, coverage  # noqa: F401
from helpers.drawpad_pen import ink as ink_strokes
from helpers.messages import catalog
from helpers.model import softmax, unchecked_scores

SIDE = 28  # an MNIST image is SIDE x SIDE
BOX = 20  # the ink's longer side is scaled to BOX pixels
# Where to_mnist puts the centre of mass, with pixel centres at 0, 1, ..., 27: MNIST's own
# digits have their mean centre of mass at (14.0, 14.0) in these coordinates.
CENTRE = 14.0
# Caps, so that no payload keeps the kernel busy: the real pad keeps a point every 2 canvas
# pixels; shading the whole pad twice over in one stroke sent 15,569 (Chromium), a digit ~300.
MAX_STROKES = 1_000
MAX_POINTS = 50_000  # in the whole drawing, so in any one stroke too

say = catalog("helpers.drawing")


class BlankDrawing(ValueError):
    """A drawing without ink, which has no bounding box to scale. Raised in 07_draw_a_digit."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(say("blank_canvas") if message is None else message)

    def _render_traceback_(self) -> list[str]:
        # IPython shows this line instead of a traceback: the sentence says what to do.
        return [f"{type(self).__name__}: {self}"]


class Reading(NamedTuple):
    """What the model makes of a drawing: image (28, 28), probabilities (10,), predicted class.

    Taught in 07_draw_a_digit.
    """

    image: np.ndarray
    probabilities: np.ndarray
    predicted: int


def _length(stroke: object) -> int:
    """How many points a stroke claims to hold, counted without converting it; 0 if unknown."""
    sized = isinstance(stroke, (list, tuple)) or isinstance(stroke, np.ndarray) and stroke.ndim
    return len(stroke) if sized else 0


def as_strokes(strokes: object) -> list[np.ndarray]:
    """Check a drawing and return its strokes as float64 arrays of shape (n, 2), n >= 1."""
    if not isinstance(strokes, (list, tuple)):
        raise ValueError(say("strokes_not_a_list", got=describe(strokes)))
    # Counted before anything is converted, so an oversized payload is refused at once.
    if len(strokes) > MAX_STROKES:
        raise ValueError(say("too_many_strokes", limit=MAX_STROKES, count=len(strokes)))
    lengths = [_length(stroke) for stroke in strokes]
    if sum(lengths) > MAX_POINTS:
        biggest = int(np.argmax(lengths))
        raise ValueError(
            say(
                "too_many_points",
                limit=MAX_POINTS,
                count=sum(lengths),
                most=lengths[biggest],
                index=biggest,
            )
        )
    return [_as_stroke(stroke, f"strokes[{i}]") for i, stroke in enumerate(strokes)]


def _as_points(stroke: object) -> np.ndarray | None:
    """The stroke as a float64 array, or None if it is not made of numbers."""
    try:
        points = np.asarray(stroke)
    except ValueError:  # points of different lengths
        return None
    if points.dtype == object and points.ndim == 2:
        # Whole numbers too large for int64 (a point far off the canvas) come as objects.
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in points.flat):
            return None
        # Beyond float64's range is as far outside the canvas as infinity.
        return np.array(
            [float(v) if abs(v) < 2**1000 else math.inf * (1 if v > 0 else -1) for v in points.flat]
        ).reshape(points.shape)
    return points.astype(np.float64) if points.dtype.kind in "fiu" else None


def _as_stroke(stroke: object, name: str) -> np.ndarray:
    if not isinstance(stroke, (list, tuple, np.ndarray)):
        raise ValueError(say("stroke_not_points", name=name, got=describe(stroke)))
    if len(stroke) == 0:
        raise ValueError(say("stroke_empty", name=name))
    points = _as_points(stroke)
    if points is None or points.ndim != 2 or points.shape[1] != 2:
        raise ValueError(say("stroke_not_points", name=name, got=describe(stroke)))
    if np.isnan(points).any():
        raise ValueError(say("stroke_nan", name=name))
    outside = (points < 0) | (points > CANVAS)  # infinity included: it is outside too
    if outside.any():
        x, y = points[outside.any(axis=1)][0]
        raise ValueError(say("point_outside", name=name, canvas=CANVAS, x=x, y=y))
    return points


def render_checked(strokes: list[np.ndarray]) -> np.ndarray:
    """Ink strokes as_strokes checked: (280, 280) float64 in [0, 1].

    Used by helpers.drawing_figure and helpers.checks.drawing.
    """
    samples = blank()
    ink_strokes(samples, strokes)
    return coverage(samples)


class Pen:
    """render_strokes that remembers: a drawing that adds strokes to the last one draws only those.

    Used by helpers.drawpad's lab, where each stroke extends the drawing before it; ink is a
    union, so the canvas (280, 280) is exactly the one render_checked draws from scratch.
    """

    def __init__(self) -> None:
        self._strokes: list[np.ndarray] = []
        self._samples = blank()

    def render(self, strokes: list[np.ndarray]) -> np.ndarray:
        """The canvas (280, 280) of checked strokes."""
        done = len(self._strokes)
        kept = len(strokes) >= done and all(
            np.array_equal(old, new) for old, new in zip(self._strokes, strokes, strict=False)
        )
        if not kept:  # Undo, Clear or another drawing: start again
            done, self._samples = 0, blank()
        ink_strokes(self._samples, strokes[done:])
        self._strokes = list(strokes)
        return coverage(self._samples)


def render_strokes(strokes: object) -> np.ndarray:
    """Ink strokes with a round pen, PEN_WIDTH pixels wide: a (280, 280) float array in [0, 1].

    Taught in 07_draw_a_digit. Ink is 1, paper 0; pixels on the pen's edge are grey, by
    the share of the pixel's 4 x 4 sample points the pen covers (anti-aliasing). A stroke of
    a single point (a tap) is a dot. Where strokes overlap, a sample point inked twice is
    inked once, so the order of the strokes does not matter.
    """
    return render_checked(as_strokes(strokes))


def _as_canvas(canvas: object) -> np.ndarray:
    canvas = as_array(canvas, "canvas", ndim=(2,), what=say("what_ink"))
    if canvas.shape != (CANVAS, CANVAS):
        raise ValueError(say("canvas_shape", canvas=CANVAS, got=describe(canvas)))
    low, high = float(canvas.min()), float(canvas.max())
    if low < -PIXEL_TOLERANCE or high > 1 + PIXEL_TOLERANCE:
        raise ValueError(say("canvas_range", low=low, high=high))
    return canvas


def _shift(centre_of_mass: float, size: int) -> int:
    """Where the box starts so that its centre of mass lands on CENTRE, inside 0..28 - size."""
    # Rounded half up (not to even), and held inside the frame, so no ink is ever cut off.
    return min(max(math.floor(CENTRE - centre_of_mass + 0.5), 0), SIDE - size)


def to_mnist(canvas: np.ndarray) -> np.ndarray:
    """MNIST's preprocessing of a (280, 280) canvas: the (28, 28) float32 image in [0, 1].

    Taught in 07_draw_a_digit. The bounding box of the ink (every pixel above 0) is scaled,
    aspect ratio kept, so that its longer side is 20 pixels, averaging the canvas pixels
    each new pixel covers (anti-aliasing); that box is placed in 28 x 28 so that its centre
    of mass falls on pixel (14, 14), counting pixel centres from 0 as MNIST's own digits
    have it. The shift is a whole number of pixels, so the centre of mass lands within half
    a pixel of (14, 14), unless that would push ink out of the frame: the box then touches
    the edge instead. A blank canvas raises BlankDrawing.
    """
    # In float32 first, as the image will be: ink fainter than float32 holds (1e-50) is none.
    canvas = _as_canvas(canvas).astype(np.float32)
    rows, cols = np.flatnonzero((canvas > 0).any(axis=1)), np.flatnonzero((canvas > 0).any(axis=0))
    if rows.size == 0:
        raise BlankDrawing()
    ink = canvas[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    height, width = ink.shape
    scale = BOX / max(height, width)
    size = (max(1, round(width * scale)), max(1, round(height * scale)))  # PIL: (width, height)
    box = np.asarray(Image.fromarray(ink).resize(size, Image.Resampling.BOX)).clip(0, 1)
    # Summed in float64, where these sums of float32 pixels are exact, so in any order: a
    # symmetric drawing's centre lands exactly on a half pixel, here as in the pad's front end.
    wide = box.astype(np.float64)
    mass = wide.sum()
    if not mass > 0:  # ink so faint that averaging it into 20 x 20 leaves nothing
        raise BlankDrawing()
    centre_row = (wide.sum(axis=1) * np.arange(box.shape[0])).sum() / mass
    centre_col = (wide.sum(axis=0) * np.arange(box.shape[1])).sum() / mass
    top, left = _shift(centre_row, box.shape[0]), _shift(centre_col, box.shape[1])
    image = np.zeros((SIDE, SIDE), dtype=np.float32)
    image[top : top + box.shape[0], left : left + box.shape[1]] = box
    return image


def read_image(image: np.ndarray, W: np.ndarray, b: np.ndarray) -> Reading:
    """The Reading of image (28, 28) from to_mnist with checked W (784, 10), b (10,); unchecked.

    Used by helpers.drawing_figure, helpers.drawpad and helpers.checks.drawing.
    """
    probabilities = softmax(unchecked_scores(W, b, image.reshape(1, -1)))[0]
    return Reading(image, probabilities, int(probabilities.argmax()))


def read_drawing(strokes: object, W: np.ndarray, b: np.ndarray) -> Reading:
    """What the model W (784, 10), b (10,) makes of a drawing: its image, probabilities, class.

    Taught in 07_draw_a_digit. The image (28, 28) is to_mnist(render_strokes(strokes));
    the probabilities (10,) are softmax(image.reshape(784) @ W + b). A blank drawing raises
    BlankDrawing.
    """
    W, b = as_parameters(W, b)
    return read_image(to_mnist(render_strokes(strokes)), W, b)


def _as_image(image: object) -> np.ndarray:
    image = as_array(image, "image", ndim=(1, 2), what=say("what_pixels"))
    if image.shape not in ((SIDE, SIDE), (SIDE * SIDE,)):
        raise ValueError(say("image_shape", got=describe(image)))
    if image.min() < -PIXEL_TOLERANCE or image.max() > 1 + PIXEL_TOLERANCE:
        raise ValueError(say("image_range", low=float(image.min()), high=float(image.max())))
    return image.reshape(SIDE * SIDE)


def pixel_evidence(x: np.ndarray, W: np.ndarray, k: int) -> np.ndarray:
    """x (784,) times w_k minus the mean weight over the classes, as (28, 28); unchecked.

    Used by helpers.drawing_figure, helpers.drawpad and helpers.checks.drawing.
    """
    return (x * (W[:, k] - W.mean(axis=1))).reshape(SIDE, SIDE)


def evidence_map(image: np.ndarray, W: np.ndarray, k: int) -> np.ndarray:
    """Each pixel's evidence for class k against the others: x * (w_k - mean of w), (28, 28).

    Taught in 07_draw_a_digit, after 05_reading_the_weights read the weights the same way.
    image is (28, 28) or (784,), W (784, 10). Positive (blue in the series) is evidence for k
    relative to the other classes, negative (red) against it. The map sums to
    z_k - mean(z) - (b_k - mean(b)): how far k's score stands above the average score,
    the biases aside.
    """
    x, W = _as_image(image), as_weights(W)
    return pixel_evidence(x, W, whole_number(k, say("name_k"), 0, NUM_CLASSES - 1))
