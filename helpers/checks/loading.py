"""Checkers of 00_welcome and 01_loading_mnist: the size of one image, and the data file by file.

00's one exercise (how many numbers describe a 28x28 image) lives here with 01's, because
01 is the notebook that turns the 28x28 grid into a row of 784 numbers.
"""

from __future__ import annotations

import operator

import numpy as np

from helpers.checks.feedback import (
    Between,
    NotYet,
    Table,
    attempt,
    checker,
    compare,
    first_known_mistake,
    judge_number,
    numbers,
    within,
)
from helpers.data import parse_idx

__all__ = ["idx_shape", "mean_image", "pixel_count", "zero_pixel_share"]

# Pixels that are exactly 0 (background), counted once in the committed files.
ZERO_PIXELS_TRAIN, PIXELS_TRAIN = 38_045_844, 60_000 * 784
ZERO_PIXELS_TEST, PIXELS_TEST = 6_328_781, 10_000 * 784
ZERO_SHARE = ZERO_PIXELS_TRAIN / PIXELS_TRAIN

# (known wrong answer, what that mistake is): the sentence follows the learner's answer.
ZERO_SHARE_MISTAKES = (
    (ZERO_PIXELS_TRAIN, "is the number of zero pixels; divide it by X_train.size."),
    (1 - ZERO_SHARE, "is the share of pixels with ink; count the pixels equal to 0."),
    (ZERO_PIXELS_TEST / PIXELS_TEST, "is the share in X_test; use X_train."),
    (Between(1, 100), "looks like a percentage; give a share between 0 and 1."),
    (
        Between(ZERO_SHARE - 0.01, ZERO_SHARE + 0.01),
        "is close but not exact: compute it from X_train, without rounding or a float32 sum.",
    ),
)

# The real MNIST headers, then ones a hard-coded answer cannot pass: more than 65,535 items
# (the count needs more than two bytes) and a two-dimensional file; _idx_cases adds fresh ones.
IDX_SHAPES = ((60_000, 28, 28), (60_000,), (10_000, 28, 28), (70_000, 3))
IDX_HINT = "byte 3 says how many sizes follow; each takes 4 bytes, starting at byte 4."
MEAN_HINT = "X[y == digit] keeps the rows labelled digit."


@checker
def pixel_count(answer: object) -> str:
    """Exercise in 00: how many numbers describe one 28x28 image."""
    what = "the number of pixels in a 28x28 image"
    return judge_number(answer, 784, what, "an image has 28 rows of 28 pixels each; multiply.")


@checker
def zero_pixel_share(answer: object) -> str:
    """Exercise in 01: the share of training pixels that are exactly 0."""
    what = "the share of training pixels that are exactly 0"
    hint = "X_train == 0 is an array of True/False; its mean is the share of True."
    close = within(rtol=1e-7)  # float32 rounding passes; a value typed to 6 decimals does not
    return judge_number(answer, ZERO_SHARE, what, hint, close=close, mistakes=ZERO_SHARE_MISTAKES)


def _idx_header(*sizes: int) -> bytes:
    """The header of an IDX file of unsigned bytes with these dimension sizes."""
    return bytes([0, 0, 0x08, len(sizes)]) + b"".join(s.to_bytes(4, "big") for s in sizes)


def _whole_numbers(result: object) -> tuple[int, ...] | None:
    """result as a tuple of ints if it is a sequence (or 1-D array) of whole numbers, else None."""
    if isinstance(result, np.ndarray):
        result = result.tolist() if result.ndim == 1 else None
    if not isinstance(result, (tuple, list)):
        return None
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in result):
        return None
    return tuple(int(v) for v in result)


def _idx_hint(sizes: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong idx_shape answer most likely did, for the header with these sizes."""
    if len(got) != len(sizes):
        return (
            f"byte 3 of the header holds the number of dimensions ({len(sizes)} here): "
            f"read that many sizes, not {len(got)}."
        )
    little_endian = tuple(int.from_bytes(s.to_bytes(4, "big"), "little") for s in sizes)
    header = _idx_header(*sizes)
    two_bytes = tuple(int.from_bytes(header[4 + 2 * i : 6 + 2 * i], "big") for i in range(len(got)))
    four_bytes = "each size takes four bytes (bytes 4 to 7 for the first), not two."
    mistakes = (
        (two_bytes, four_bytes),
        (
            little_endian,
            "you read the sizes little-endian; IDX is big-endian: int.from_bytes(..., 'big').",
        ),
        (tuple(s % 65_536 for s in sizes), four_bytes),
    )
    return first_known_mistake(got, mistakes, operator.eq) or (
        "the first size is in bytes 4 to 7, the next in bytes 8 to 11, and so on."
    )


def _idx_cases() -> list[tuple[tuple[int, ...], bytes]]:
    """(sizes, raw bytes): MNIST's headers and fresh ones of 1 to 4 dimensions, then data.

    The data bytes after each header are never 0, so that reading sizes until a zero, or
    reading three and dropping the zeros, does not pass: only byte 3 says how many there are.
    """
    rng = np.random.default_rng(17)
    fresh = [tuple(int(s) for s in rng.integers(1, 2**20, size=n_dims)) for n_dims in (4, 1, 2, 3)]
    return [
        (sizes, _idx_header(*sizes) + bytes(rng.integers(1, 256, size=16).tolist()))
        for sizes in (*IDX_SHAPES, *fresh)
    ]


@checker
def idx_shape(idx_shape: object) -> str:
    """Exercise in 01: idx_shape(raw) returns the dimension sizes in an IDX header."""
    for sizes, raw in _idx_cases():
        context = f" (for a header of shape {sizes})"
        result = attempt(idx_shape, raw, context=context, hint=IDX_HINT, whole_job=[parse_idx])
        got = _whole_numbers(result)
        if got is None:
            single = isinstance(result, (int, np.integer))
            shown = " ".join(repr(result).split())[:60]  # one line, also for a 2-D array
            what = f"the number {result}" if single else f"{type(result).__name__} {shown}"
            raise NotYet(
                f"idx_shape returned {what}; expected a tuple of whole numbers, one per "
                f"dimension, such as {sizes}."
            )
        if got != sizes:
            raise NotYet(
                f"for the header of a file of shape {sizes} idx_shape returned {got}. "
                f"Hint: {_idx_hint(sizes, got)}"
            )
    return "idx_shape reads the MNIST headers, and any other IDX header too."


def _pixel_means(result: object, n_images: int, n_rows: int) -> np.ndarray:
    """mean_image's result as 784 numbers, or ❌ saying what its shape shows was averaged."""
    got = numbers(result, "an array of 784 numbers")
    if got.shape in {(n_images,), (n_rows,)}:
        raise NotYet(
            f"got one number per image (shape {got.shape}): that averages each image over "
            "its pixels. Average over the images instead: .mean(axis=0)."
        )
    if got.size == 784 and got.shape != (784,):
        raise NotYet(
            f"got shape {got.shape}; return the flat vector of shape (784,), one mean per "
            "pixel. Reshape to 28x28 only to draw it."
        )
    if got.shape != (784,):
        raise NotYet(
            f"expected a vector of shape (784,), one mean per pixel, got shape {got.shape}. "
            "Hint: X[y == digit] has shape (k, 784); average over axis 0."
        )
    return got


def _mean_image_mistakes(X: np.ndarray, y: np.ndarray, digit: int) -> Table:
    """(known wrong answer, what that mistake is) for mean_image(X, y, digit)."""
    rows = X[y == digit]
    return (
        (
            X.mean(axis=0),
            "that is the mean of all the images; keep only the rows labelled digit first: "
            "X[y == digit].",
        ),
        (
            rows.sum(axis=0),
            "that is the sum of the images; divide by their number, or use .mean.",
        ),
        (
            np.median(rows, axis=0),
            "that is the median of the images, pixel by pixel; the exercise asks for their mean.",
        ),
        (
            rows[0],
            "that is one image of the digit, the first; average all the rows labelled digit.",
        ),
        (
            X[digit],
            "that is row number digit of X, one image; keep the rows whose label in y is "
            "digit: y == digit.",
        ),
        (
            X[y != digit].mean(axis=0),
            "that is the mean of the images of the other digits; keep the rows where "
            "y == digit, not y != digit.",
        ),
        *(
            (
                X[y == other].mean(axis=0),
                f"that is the mean image of digit {other}, not of digit {digit}; use the "
                "argument digit rather than a fixed number.",
            )
            for other in range(10)
            if other != digit and (y == other).any()
        ),
    )


def _mean_image_cases() -> list[tuple[np.ndarray, np.ndarray, int]]:
    """(X, y, digit): digits 3 and 0 of 20 images, then digit 7 of a fresh set of another size."""
    rng = np.random.default_rng(1)
    X = rng.random((20, 784), dtype=np.float32)
    y = rng.permutation(np.arange(20) % 5)  # digits 0 to 4, four images each
    X_other = rng.random((31, 784), dtype=np.float32)
    y_other = rng.permutation(np.concatenate([np.full(5, 7), rng.integers(0, 7, size=26)]))
    return [(X, y, 3), (X, y, 0), (X_other, y_other, 7)]


@checker
def mean_image(mean_image: object) -> str:
    """Exercise in 01: mean_image(X, y, digit) averages the rows of X labelled digit."""
    for X, y, digit in _mean_image_cases():
        rows = X[y == digit]
        result = attempt(mean_image, X, y, digit, hint=MEAN_HINT)
        got = _pixel_means(result, len(X), len(rows))
        expected = rows.mean(axis=0)
        mistakes = _mean_image_mistakes(X, y, digit)
        wrong = (
            f"for digit {digit}, pixel 0 should be {expected[0]:.4f} (the mean of pixel 0 over "
            f"the {len(rows)} images labelled {digit}), got {got[0]:.4f}. Hint: average the rows "
            "of X whose label in y is digit over axis 0; use the arguments X, y and digit, not "
            "X_train and y_train: the checker passes its own small arrays."
        )
        compare(
            got, expected, close=within(rtol=1e-5, atol=1e-6), mistakes=mistakes, otherwise=wrong
        )
    return "mean_image averages the images of one digit into a vector of 784 pixels."
