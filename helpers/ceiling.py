"""What lifts a linear model past its ceiling: deskewing, one-pixel shifts, several templates.

Taught in 09_the_ceiling, each as an intervention measured on the validation split. Images are
rows of 784 pixels from 0 to 1 (n, 784); a 28 x 28 picture has row r (down) and column c.
"""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_limits

from helpers._inputs import (
    NUM_CLASSES,
    as_array,
    as_images,
    as_labels,
    positive_int,
    whole_number,
)
from helpers._training_cache import cached
from helpers.messages import catalog

say = catalog("helpers.ceiling")

SIDE = 28
# Deskew this many images at a time: the interpolation makes a few (chunk, 28, 28) temporaries,
# and 60,000 at once would hold several 188 MB arrays, too much for a 1 GiB kernel.
CHUNK = 4096
# The four one-pixel moves of the augmentation, as (rows down, columns right), and no move.
ONE_PIXEL_MOVES = ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1))


def _pictures(X: np.ndarray) -> np.ndarray:
    return X.reshape(len(X), SIDE, SIDE)


def moments(pictures: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The mean row (n,) and the slant (n,) of pictures (n, 28, 28), unchecked.

    Used by checks.ceiling.
    """
    coords = np.arange(SIDE, dtype=pictures.dtype)
    by_row = pictures.sum(axis=2)  # (n, 28): the ink in each row
    col_sums = (pictures * coords).sum(axis=2)  # (n, 28): sum of c * ink along each row
    ink = np.maximum(by_row.sum(axis=1), np.finfo(pictures.dtype).tiny)
    mean_r = (by_row * coords).sum(axis=1) / ink
    mean_c = col_sums.sum(axis=1) / ink
    dr = coords - mean_r[:, None]  # (n, 28)
    var_r = (by_row * dr**2).sum(axis=1) / ink
    # cov(r, c) = sum over r of (r - mean r) * sum over c of (c - mean c) * ink, over the ink
    cov = (dr * (col_sums - mean_c[:, None] * by_row)).sum(axis=1) / ink
    slope = cov / np.where(var_r > 0, var_r, 1)
    return mean_r, np.where(var_r > 0, slope, 0).astype(pictures.dtype)


def slant(images: np.ndarray) -> np.ndarray:
    """The slant of each image (n,): columns moved right per row down, from its second moments.

    Taught in 09_the_ceiling: with the ink as weights, slant = cov(r, c) / var(r), the slope of
    the regression of the column on the row. A blank image has slant 0.
    """
    return moments(_pictures(as_images(images, "images")))[1]


def _shear(pictures: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Pictures (n, 28, 28) whose row r of picture i reads columns c + shifts[i, r], unchecked."""
    n = len(pictures)
    shifts = np.clip(shifts, -SIDE + 1, SIDE - 1)
    whole = np.floor(shifts)
    frac = (shifts - whole).astype(pictures.dtype)[:, :, None]
    # Blank margins of SIDE columns on each side: a row can read up to 27 columns outside.
    padded = np.zeros((n, SIDE, 3 * SIDE), pictures.dtype)
    padded[:, :, SIDE : 2 * SIDE] = pictures
    start = (np.arange(n * SIDE) * 3 * SIDE).reshape(n, SIDE) + SIDE + whole.astype(np.intp)
    ink = padded.reshape(-1)[start[:, :, None] + np.arange(SIDE + 1)]  # (n, 28, 29)
    left, right = ink[:, :, :SIDE], ink[:, :, 1:]
    out = left + frac * (right - left)  # linear interpolation between the two neighbours
    return np.clip(out, 0, 1, out=out)


def shear_rows(images: np.ndarray, shifts: np.ndarray) -> np.ndarray:
    """Images (n, 784) with row r of image i moved left by shifts[i, r] columns (n, 28).

    Taught in 09_the_ceiling: output pixel (r, c) reads the input at column c + shift, linearly
    interpolated between its two neighbours; columns outside the picture are blank.
    """
    pictures = _pictures(as_images(images, "images"))
    shifts = as_array(shifts, "shifts", ndim=(2,), what="column shifts")
    if shifts.shape != pictures.shape[:2]:
        expected, got = str(pictures.shape[:2]), str(shifts.shape)
        raise ValueError(say("shifts_shape", shape=expected, got=got))
    return _shear(pictures, shifts).reshape(len(pictures), -1)


@cached(np.ndarray)
def deskew(images: np.ndarray) -> np.ndarray:
    """Each image (n, 784) sheared so that its slant is 0, about its mean row; float (n, 784).

    Taught in 09_the_ceiling: row r moves by slant * (r - mean row), so the ink's principal
    stroke stands upright and the centre of the ink stays where it was. Pixels stay in [0, 1].
    """
    X = as_images(images, "images")
    out = np.empty(X.shape, X.dtype)  # as_images made integers float64
    coords = np.arange(SIDE, dtype=X.dtype)
    for start in range(0, len(X), CHUNK):
        pictures = _pictures(X[start : start + CHUNK])
        mean_r, slope = moments(pictures)
        shifts = slope[:, None] * (coords - mean_r[:, None])
        out[start : start + CHUNK] = _shear(pictures, shifts).reshape(len(pictures), -1)
    return out


def shift_pictures(pictures: np.ndarray, down: int, right: int) -> np.ndarray:
    """Pictures (n, 28, 28) moved down and right with blank fill, unchecked.

    Used by checks.ceiling.
    """
    out = np.zeros_like(pictures)
    rows = slice(max(down, 0), SIDE + min(down, 0)), slice(max(-down, 0), SIDE - max(down, 0))
    cols = slice(max(right, 0), SIDE + min(right, 0)), slice(max(-right, 0), SIDE - max(right, 0))
    out[:, rows[0], cols[0]] = pictures[:, rows[1], cols[1]]
    return out


def shift_images(images: np.ndarray, down: int, right: int) -> np.ndarray:
    """Images (n, 784) moved `down` rows and `right` columns (negative: up, left); blank fill.

    Taught in 09_the_ceiling: ink pushed over the edge is lost, it does not wrap round (np.roll
    would wrap it to the other side).
    """
    pictures = _pictures(as_images(images, "images"))
    down = whole_number(down, "down", low=-SIDE, high=SIDE)
    right = whole_number(right, "right", low=-SIDE, high=SIDE)
    return shift_pictures(pictures, down, right).reshape(len(pictures), -1)


def random_one_pixel_shifts(images: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each image (n, 784) moved by one of ONE_PIXEL_MOVES (none, up, down, left, right).

    Taught in 09_the_ceiling: the augmentation line of the training loop, a fresh move per
    image per step, drawn from rng.
    """
    pictures = _pictures(as_images(images, "images"))
    if not isinstance(rng, np.random.Generator):
        raise ValueError(say("not_a_generator", kind=type(rng).__name__))
    move = rng.integers(len(ONE_PIXEL_MOVES), size=len(pictures))
    out = np.empty_like(pictures)
    for m, (down, right) in enumerate(ONE_PIXEL_MOVES):
        out[move == m] = shift_pictures(pictures[move == m], down, right)
    return out.reshape(len(pictures), -1)


@cached(np.ndarray)
def template_labels(
    X: np.ndarray, y: np.ndarray, k: int, seed: int = 0, fit_on: int = 500
) -> np.ndarray:
    """Sub-class labels (n,) from k-means with k clusters inside each digit: digit * k + cluster.

    Taught in 09_the_ceiling: the k centres of each digit are found by scikit-learn's KMeans
    (Lloyd's algorithm, one start, the given seed) on its first `fit_on` images of X (n, 784),
    and every image of the digit joins its nearest centre, so a model can learn k templates.
    """
    from sklearn.cluster import KMeans  # only here: importing scikit-learn takes a second

    X = as_images(X)
    y = as_labels(y, len(X))
    k = positive_int(k, "k")
    counts = np.bincount(y, minlength=NUM_CLASSES)
    if counts.min() < k:
        raise ValueError(say("too_few_images", k=k, count=counts.min()))
    fit_on = whole_number(fit_on, "fit_on", low=k)  # k-means needs k images at least
    seed = whole_number(seed, "seed")
    labels = np.empty(len(X), dtype=np.int64)
    # One thread: 500 images are too few to share, and one fixed order of sums repeats exactly.
    with threadpool_limits(limits=1):
        for digit in range(NUM_CLASSES):
            rows = np.flatnonzero(y == digit)
            kmeans = KMeans(k, init="k-means++", n_init=1, algorithm="lloyd", random_state=seed)
            kmeans.fit(X[rows[:fit_on]])
            labels[rows] = digit * k + kmeans.predict(X[rows])
    return labels


def class_scores(sub_scores: np.ndarray, k: int) -> np.ndarray:
    """The scores (n, 10) of each digit as the best of its k templates' scores (n, 10 * k).

    Taught in 09_the_ceiling: column digit * k + j holds template j of the digit. A max, not a
    sum: a sum of linear scores is one linear template again.
    """
    Z = as_array(sub_scores, "sub_scores", ndim=(2,), what="template scores")
    k = positive_int(k, "k")
    if Z.shape[1] != NUM_CLASSES * k:
        raise ValueError(
            say("sub_scores_columns", columns=NUM_CLASSES * k, k=k, shape=str(Z.shape))
        )
    return Z.reshape(len(Z), NUM_CLASSES, k).max(axis=2)
