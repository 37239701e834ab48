"""The stored drawings of 07_draw_a_digit: strokes that look written by hand, drawn by code.

Taught in 07_draw_a_digit. Each drawing is a few pen paths through hand-placed points,
smoothed into curves, with a slow seeded wobble across the path and a little jitter, then
sampled about every 3 canvas pixels as the pad records a stroke: no ruler lines, and the
same points on every machine (coordinates rounded to 0.1 pixel).
"""

from __future__ import annotations

import math

import numpy as np

from helpers._inputs import one_of
from helpers.drawing import CANVAS

STEP = 3.0  # canvas pixels between recorded points, about what the pad keeps
WOBBLE = 2.5  # canvas pixels: how far a slow hand drifts across its path


def _curve(corners: list[tuple[float, float]], closed: bool = False) -> np.ndarray:
    """A Catmull-Rom curve through the corners, about 1 canvas pixel between points."""
    p = np.asarray(corners, dtype=np.float64)
    if closed:  # the loop's own neighbours at its two ends, so it closes smoothly
        p = np.vstack([p[-2], p, p[1]])
    else:
        p = np.vstack([2 * p[0] - p[1], p, 2 * p[-1] - p[-2]])
    pieces = []
    for i in range(1, len(p) - 2):
        a, b, c, d = p[i - 1], p[i], p[i + 1], p[i + 2]
        t = np.linspace(0, 1, max(2, math.ceil(math.dist(b, c))), endpoint=False)[:, None]
        pieces.append(
            0.5
            * (
                2 * b
                + (c - a) * t
                + (2 * a - 5 * b + 4 * c - d) * t**2
                + (3 * b - a - 3 * c + d) * t**3
            )
        )
    return np.vstack([*pieces, p[-2]])


def _hand(curve: np.ndarray, rng: np.random.Generator, wobble: float) -> np.ndarray:
    """The curve with a slow drift across it and jitter, resampled every STEP pixels."""
    along = np.concatenate([[0], np.cumsum(np.hypot(*np.diff(curve, axis=0).T))])
    tangent = np.gradient(curve, axis=0)
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    normal /= np.maximum(np.hypot(*normal.T), 1e-9)[:, None]
    drift = np.zeros(len(curve))
    for wavelength in (60.0, 140.0):  # two slow waves with seeded phases and sizes
        phase, size = rng.uniform(0, 2 * np.pi), rng.uniform(0.4, 1.0)
        drift += size * np.sin(2 * np.pi * along / wavelength + phase)
    path = curve + wobble * drift[:, None] * normal
    keep = np.searchsorted(along, np.arange(0, along[-1], STEP))
    points = np.vstack([path[keep], path[-1]])
    return np.clip(points + rng.normal(0, 0.4, points.shape), 0, CANVAS)


def _strokes(seed: int, *paths: tuple[list, bool], wobble: float = WOBBLE) -> list[np.ndarray]:
    """Hand-drawn strokes through each path's corners (closed or not), from one seed."""
    rng = np.random.default_rng(seed)
    return [_hand(_curve(corners, closed), rng, wobble) for corners, closed in paths]


ONE = [(150, 52), (146, 100), (141, 150), (137, 200), (134, 238)]
SLANTED_ONE = [(178, 48), (163, 100), (147, 150), (130, 200), (116, 240)]
ZERO = [(142, 50), (108, 70), (88, 125), (92, 185), (125, 230), (168, 222), (194, 170),
        (193, 108), (172, 62), (142, 50)]  # fmt: skip
SEVEN = [(82, 62), (130, 56), (200, 58), (178, 110), (155, 165), (140, 235)]
CROSSBAR = [(128, 150), (160, 147), (198, 146)]
# Scribbles: back and forth, moving down, inside the ring (the centre), across the ring's
# own line (on the ring), and in the four corners of the ring's box (outside it).
CENTRE = [(120, 102), (164, 112), (118, 132), (166, 144), (120, 162), (162, 176)]
ON_RING = [(76, 100), (112, 96), (78, 132), (112, 130), (80, 166), (114, 166), (86, 200),
           (116, 206)]  # fmt: skip
ON_RING_RIGHT = [(172, 66), (206, 96), (176, 108), (210, 134), (176, 150), (206, 176),
                 (170, 196)]  # fmt: skip
CORNERS = (
    [(90, 50), (116, 52), (88, 58), (114, 64), (88, 70), (106, 76)],
    [(172, 48), (198, 50), (174, 58), (200, 64), (176, 72), (194, 78)],
    [(88, 206), (108, 212), (88, 220), (112, 226), (90, 232), (110, 234)],
    [(180, 204), (200, 208), (176, 218), (200, 224), (180, 232), (198, 234)],
)


def _examples() -> dict[str, list[np.ndarray]]:
    seven = _strokes(3, (SEVEN, False))
    zero = _strokes(5, (ZERO, True))
    return {
        "one": _strokes(1, (ONE, False)),
        "slanted one": _strokes(2, (SLANTED_ONE, False)),
        "zero": zero,
        "filled zero": zero + _strokes(6, (CENTRE, False)),
        "zero inked on the ring": zero + _strokes(7, (ON_RING, False), (ON_RING_RIGHT, False)),
        "zero inked outside": zero + _strokes(8, *((c, False) for c in CORNERS)),
        "seven": seven,
        "crossed seven": seven + _strokes(4, (CROSSBAR, False)),
    }


EXAMPLES = tuple(_examples())


def as_lists(strokes: list[np.ndarray]) -> list[list[list[float]]]:
    """Strokes, each (n, 2), as plain lists of [x, y] (the pad's JSON), rounded to 0.1 pixel.

    Used by helpers.drawpad.
    """
    return [[[round(float(x), 1), round(float(y), 1)] for x, y in points] for points in strokes]


def example_drawing(name: str) -> list[list[list[float]]]:
    """The strokes of a stored drawing named in EXAMPLES: a list of strokes of [x, y] points.

    Taught in 07_draw_a_digit. "one" is upright, "slanted one" leans right, "zero" is one
    closed loop; "filled zero", "zero inked on the ring" and "zero inked outside" add
    scribbles to that loop in its centre, across its own line and in the corners of its box;
    "seven" is a bar and a stem, "crossed seven" the same with a bar across. Drawn by code
    with a seeded wobble, the same on every call.
    """
    return as_lists(_examples()[one_of(name, "name", EXAMPLES)])
