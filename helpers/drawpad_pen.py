"""The round pen of helpers.drawing: which points of the pad a drawing inks, in Python and JS.

Taught in 07_draw_a_digit (through render_strokes). The drawing pad's front end (drawpad.js)
reads drawings in the browser with the same rule, step for step, so both give the same
canvas; tests/test_browser_pad_equivalence.py checks it. The rule:

- each canvas pixel holds SUPERSAMPLE x SUPERSAMPLE sample points, at ((i + 0.5) / SUPERSAMPLE,
  (j + 0.5) / SUPERSAMPLE) for the sample column i and row j;
- a stroke inks every sample point within PEN_WIDTH / 2 of its path: the straight segments
  between its consecutive points, with round ends (a stroke of one point is a dot);
- a pixel's ink is the share of its sample points inked (anti-aliasing), so the order of the
  strokes does not matter.

A sample row crosses the ink of one segment in one interval (the pen's shape is convex), so
the rule is computed row by row as intervals, from the two end discs and the band between
them, with the same floating-point operations in the same order as the JavaScript.
"""

from __future__ import annotations

import numpy as np

CANVAS = 280  # the drawing pad's width and height, in canvas pixels
PEN_WIDTH = 20  # canvas pixels: about 2 pixels once a digit is shrunk into MNIST's 20 x 20 box
SUPERSAMPLE = 4  # sample points per canvas pixel, along each axis
RADIUS = PEN_WIDTH / 2
SAMPLES = CANVAS * SUPERSAMPLE  # sample points along each axis of the canvas
CHUNK = 250_000  # sample rows computed at once: bounds the memory a long stroke takes


def segments(strokes: list[np.ndarray]) -> np.ndarray:
    """The pen's segments (n, 4): x0, y0, x1, y1; a stroke of one point is one of length 0."""
    parts = [np.hstack([p[:-1], p[1:]]) if len(p) > 1 else np.hstack([p, p]) for p in strokes]
    return np.vstack(parts) if parts else np.zeros((0, 4))


def _sample_rows(y0: np.ndarray, y1: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first and last sample row (inclusive) a segment may ink, held inside the canvas."""
    first = np.ceil(SUPERSAMPLE * (np.minimum(y0, y1) - RADIUS) - 0.5)
    last = np.floor(SUPERSAMPLE * (np.maximum(y0, y1) + RADIUS) - 0.5)
    return np.maximum(first, 0).astype(np.int64), np.minimum(last, SAMPLES - 1).astype(np.int64)


def _disc(px: np.ndarray, py: np.ndarray, c: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where the row at height c crosses the disc around (px, py): lo > hi if it misses it."""
    h = c - py
    q = RADIUS * RADIUS - h * h
    s = np.sqrt(np.maximum(q, 0.0))
    return np.where(q >= 0, px - s, np.inf), np.where(q >= 0, px + s, -np.inf)


def _bounds(num_lo, num_hi, den) -> tuple[np.ndarray, np.ndarray]:
    """u with num_lo <= u * den <= num_hi, for den != 0, as (low, high)."""
    safe = np.where(den != 0, den, 1.0)
    a, b = num_lo / safe, num_hi / safe
    return np.minimum(a, b), np.maximum(a, b)


def _band(x0, y0, x1, y1, c) -> tuple[np.ndarray, np.ndarray]:
    """Where the row at height c crosses the band between a segment's ends: lo > hi if it misses."""
    dx, dy = x1 - x0, y1 - y0
    length2 = dx * dx + dy * dy
    h = c - y0
    hd = h * dy
    rl = RADIUS * np.sqrt(length2)
    # For the row's point X = (x, c), with u = x - x0 and d = (dx, dy), P0 = (x0, y0):
    # Along the segment: 0 <= (X - P0) . d <= |d|^2, i.e. u * dx from -h dy to |d|^2 - h dy.
    along_lo, along_hi = _bounds(-hd, length2 - hd, dx)
    along = np.where(dx != 0, True, (hd >= 0) & (hd <= length2))
    # Across it: |d x (X - P0)| <= r |d|, i.e. u * dy from dx h - r |d| to dx h + r |d|.
    dxh = dx * h
    across_lo, across_hi = _bounds(dxh - rl, dxh + rl, dy)
    across = np.where(dy != 0, True, np.abs(dxh) <= rl)
    lo = np.maximum(np.where(dx != 0, along_lo, -np.inf), np.where(dy != 0, across_lo, -np.inf))
    hi = np.minimum(np.where(dx != 0, along_hi, np.inf), np.where(dy != 0, across_hi, np.inf))
    hit = along & across & (length2 > 0) & (lo <= hi)
    return np.where(hit, x0 + lo, np.inf), np.where(hit, x0 + hi, -np.inf)


def spans(seg: np.ndarray, row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For segments seg (n, 4) and sample rows row (n,): the first and last sample column inked."""
    x0, y0, x1, y1 = seg.T
    c = (row + 0.5) / SUPERSAMPLE
    pieces = [_disc(x0, y0, c), _disc(x1, y1, c), _band(x0, y0, x1, y1, c)]
    lo = np.minimum.reduce([p[0] for p in pieces])
    hi = np.maximum.reduce([p[1] for p in pieces])
    with np.errstate(invalid="ignore"):  # a missed row is inf: its columns come out empty
        first = np.ceil(SUPERSAMPLE * lo - 0.5)
        last = np.floor(SUPERSAMPLE * hi - 0.5)
    first, last = np.maximum(first, 0), np.minimum(last, SAMPLES - 1)
    inked = first <= last
    return np.where(inked, first, 0).astype(np.int64), np.where(inked, last, -1).astype(np.int64)


def _mark(samples: np.ndarray, rows: np.ndarray, first: np.ndarray, last: np.ndarray) -> None:
    """Set samples[row, first..last] for every interval, in place."""
    keep = first <= last
    rows, first, last = rows[keep], first[keep], last[keep]
    if rows.size == 0:
        return
    # Within the intervals' box only: +1 where an interval starts, -1 after it ends; a running
    # sum along each row is then above 0 exactly on the union of the intervals.
    top, left = int(rows.min()), int(first.min())
    height, width = int(rows.max()) - top + 1, int(last.max()) - left + 2
    at = (rows - top) * width - left
    edges = np.bincount(at + first, minlength=height * width)
    edges -= np.bincount(at + last + 1, minlength=height * width)
    depth = np.cumsum(edges.reshape(height, width), axis=1)[:, :-1]
    samples[top : top + height, left : left + width - 1] |= depth > 0


def ink(samples: np.ndarray, strokes: list[np.ndarray]) -> None:
    """Ink checked strokes on samples, a (SAMPLES, SAMPLES) bool array, in place."""
    seg = segments(strokes)
    if len(seg) == 0:
        return
    first, last = _sample_rows(seg[:, 1], seg[:, 3])
    counts = np.maximum(last - first + 1, 0)
    ends = np.cumsum(counts)
    start = 0
    while start < len(seg):
        # As many segments as keep their rows under CHUNK (at least one).
        limit = ends[start] - counts[start] + CHUNK
        stop = max(int(np.searchsorted(ends, limit, "right")), start + 1)
        n = counts[start:stop]
        which = np.repeat(np.arange(start, stop), n)
        offset = np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
        rows = first[which] + offset
        _mark(samples, rows, *spans(seg[which], rows))
        start = stop


def blank() -> np.ndarray:
    """A canvas of sample points with no ink: (SAMPLES, SAMPLES) bool."""
    return np.zeros((SAMPLES, SAMPLES), dtype=bool)


def coverage(samples: np.ndarray) -> np.ndarray:
    """Each canvas pixel's share of inked sample points: (CANVAS, CANVAS) float64 in [0, 1]."""
    # Added as uint8 (at most 16), block row by block row: far faster than a sum over axes.
    blocks = samples.view(np.uint8).reshape(CANVAS, SUPERSAMPLE, CANVAS, SUPERSAMPLE)
    rows = sum(blocks[:, k] for k in range(SUPERSAMPLE))
    return sum(rows[..., k] for k in range(SUPERSAMPLE)) / SUPERSAMPLE**2
