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
from helpers.messages import catalog

__all__ = ["idx_shape", "mean_image", "pixel_count", "zero_pixel_share"]

say = catalog("checks.loading")

# Pixels that are exactly 0 (background), counted once in the committed files.
ZERO_PIXELS_TRAIN, PIXELS_TRAIN = 38_045_844, 60_000 * 784
ZERO_PIXELS_TEST, PIXELS_TEST = 6_328_781, 10_000 * 784
ZERO_SHARE = ZERO_PIXELS_TRAIN / PIXELS_TRAIN

# (known wrong answer, its catalog key): the sentence follows the learner's answer.
ZERO_SHARE_MISTAKES = (
    (ZERO_PIXELS_TRAIN, "zero_share_count"),
    (1 - ZERO_SHARE, "zero_share_ink"),
    (ZERO_PIXELS_TEST / PIXELS_TEST, "zero_share_test"),
    (Between(1, 100), "zero_share_percentage"),
    (Between(ZERO_SHARE - 0.01, ZERO_SHARE + 0.01), "zero_share_close"),
)

# The real MNIST headers, then ones a hard-coded answer cannot pass: more than 65,535 items
# (the count needs more than two bytes) and a two-dimensional file; _idx_cases adds fresh ones.
IDX_SHAPES = ((60_000, 28, 28), (60_000,), (10_000, 28, 28), (70_000, 3))


@checker(answer="value", points=1)
def pixel_count(answer: object) -> str:
    """Exercise in 00: how many numbers describe one 28x28 image."""
    return judge_number(answer, 784, say("pixel_count_what"), say("pixel_count_hint"))


@checker(answer="value", points=1)
def zero_pixel_share(answer: object) -> str:
    """Exercise in 01: the share of training pixels that are exactly 0."""
    what, hint = say("zero_share_what"), say("zero_share_hint")
    close = within(rtol=1e-7)  # float32 rounding passes; a value typed to 6 decimals does not
    mistakes = [(wrong, say(key)) for wrong, key in ZERO_SHARE_MISTAKES]
    return judge_number(answer, ZERO_SHARE, what, hint, close=close, mistakes=mistakes)


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
        return say("idx_dimensions", dims=len(sizes), got=len(got))
    little_endian = tuple(int.from_bytes(s.to_bytes(4, "big"), "little") for s in sizes)
    header = _idx_header(*sizes)
    two_bytes = tuple(int.from_bytes(header[4 + 2 * i : 6 + 2 * i], "big") for i in range(len(got)))
    four_bytes = say("idx_four_bytes")
    mistakes = (
        (two_bytes, four_bytes),
        (little_endian, say("idx_little_endian")),
        (tuple(s % 65_536 for s in sizes), four_bytes),
    )
    return first_known_mistake(got, mistakes, operator.eq) or say("idx_where")


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


@checker(answer="function", points=2)
def idx_shape(idx_shape: object) -> str:
    """Exercise in 01: idx_shape(raw) returns the dimension sizes in an IDX header."""
    for sizes, raw in _idx_cases():
        context, hint = say("idx_context", sizes=sizes), say("idx_hint")
        result = attempt(idx_shape, raw, context=context, hint=hint, whole_job=[parse_idx])
        got = _whole_numbers(result)
        if got is None and isinstance(result, (int, np.integer)):
            raise NotYet(say("idx_returned_number", result=result, sizes=sizes))
        if got is None:
            shown = " ".join(repr(result).split())[:60]  # one line, also for a 2-D array
            kind = type(result).__name__
            raise NotYet(say("idx_returned_other", kind=kind, shown=shown, sizes=sizes))
        if got != sizes:
            raise NotYet(say("idx_wrong", sizes=sizes, got=got, hint=_idx_hint(sizes, got)))
    return say("idx_correct")


def _pixel_means(result: object, n_images: int, n_rows: int) -> np.ndarray:
    """mean_image's result as 784 numbers, or ❌ saying what its shape shows was averaged."""
    got = numbers(result, say("mean_expected"))
    if got.shape in {(n_images,), (n_rows,)}:
        raise NotYet(say("mean_per_image", shape=got.shape))
    if got.size == 784 and got.shape != (784,):
        raise NotYet(say("mean_grid", shape=got.shape))
    if got.shape != (784,):
        raise NotYet(say("mean_shape", shape=got.shape))
    return got


def _mean_image_mistakes(X: np.ndarray, y: np.ndarray, digit: int) -> Table:
    """(known wrong answer, what that mistake is) for mean_image(X, y, digit)."""
    rows = X[y == digit]
    return (
        (X.mean(axis=0), say("mean_all")),
        (rows.sum(axis=0), say("mean_sum")),
        (np.median(rows, axis=0), say("mean_median")),
        (rows[0], say("mean_first")),
        (X[digit], say("mean_row")),
        (X[y != digit].mean(axis=0), say("mean_others")),
        *(
            (X[y == other].mean(axis=0), say("mean_other_digit", other=other, digit=digit))
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


@checker(answer="function", points=2)
def mean_image(mean_image: object) -> str:
    """Exercise in 01: mean_image(X, y, digit) averages the rows of X labelled digit."""
    for X, y, digit in _mean_image_cases():
        rows = X[y == digit]
        result = attempt(mean_image, X, y, digit, hint=say("mean_hint"))
        got = _pixel_means(result, len(X), len(rows))
        expected = rows.mean(axis=0)
        mistakes = _mean_image_mistakes(X, y, digit)
        wrong = say("mean_wrong", digit=digit, expected=expected[0], count=len(rows), got=got[0])
        compare(
            got, expected, close=within(rtol=1e-5, atol=1e-6), mistakes=mistakes, otherwise=wrong
        )
    return say("mean_correct")
