"""Wrong answers to 00's and 01's exercises: the pixels of an image, IDX headers, the data."""

from __future__ import annotations

import numpy as np

from helpers.data import parse_idx
from tests.checks.corpus import Wrong

SHARE = 38_045_844 / (60_000 * 784)  # the share of zero pixels in X_train


def size_at(raw, i, byteorder="big", width=4, first=4):
    """Size number i of an IDX header read with these (possibly wrong) rules."""
    start = first + width * i
    return int.from_bytes(raw[start : start + width], byteorder)


def until_a_zero(raw):
    """Reads sizes until one is 0 (or the bytes run out): the headers' data is not zeros."""
    sizes, i = [], 0
    while 8 + 4 * i <= len(raw) and size_at(raw, i):
        sizes.append(size_at(raw, i))
        i += 1
    return tuple(sizes)


def three_without_zeros(raw):
    return tuple(s for s in (size_at(raw, i) for i in range(3)) if s)


def little_endian(raw):
    return tuple(size_at(raw, i, "little") for i in range(raw[3]))


def two_bytes_each(raw):
    return tuple(size_at(raw, i, width=2) for i in range(raw[3]))


def type_byte_as_count(raw):
    return tuple(size_at(raw, i) for i in range(raw[2]))


def to_the_end(raw):
    return tuple(size_at(raw, i) for i in range((len(raw) - 4) // 4))


def as_text(raw):
    return tuple(str(size_at(raw, i)) for i in range(raw[3]))


def as_floats(raw):
    return [float(size_at(raw, i)) for i in range(raw[3])]


def the_helper(raw):
    return parse_idx(raw).shape


def mean_of(X, y, digit):
    return X[y == digit].mean(axis=0)


CORPUS = {
    "idx_shape": [
        Wrong((until_a_zero,), "holds the number of dimensions", "sizes until a zero"),
        Wrong((three_without_zeros,), "holds the number of dimensions", "three, zeros dropped"),
        Wrong((little_endian,), "IDX is big-endian", "little-endian"),
        Wrong((two_bytes_each,), "each size takes four bytes", "two bytes per size"),
        Wrong((type_byte_as_count,), "read that many sizes, not 8", "byte 2 as the count"),
        Wrong((to_the_end,), "holds the number of dimensions", "every 4 bytes to the end"),
        Wrong((lambda raw: (60000, 28, 28),), "(1 here): read that many sizes", "hard-coded"),
        Wrong((lambda raw: raw[3],), "idx_shape returned the number 3", "the count only"),
        Wrong((as_text,), "expected a tuple of whole numbers", "sizes as text"),
        Wrong((as_floats,), "expected a tuple of whole numbers", "sizes as floats"),
        Wrong((the_helper,), "calls parse_idx from helpers", "helpers' parse_idx"),
        Wrong((lambda raw: (float("inf"), 3),), "expected a tuple of whole numbers", "inf"),
        Wrong((lambda raw: (10**400,),), "holds the number of dimensions", "10**400"),
        Wrong((lambda raw: np.zeros((4, 10)),), "expected a tuple of whole numbers", "2-D array"),
    ],
    "mean_image": [
        Wrong((lambda X, y, d: X.mean(axis=0),), "the mean of all the images", "all images"),
        Wrong((lambda X, y, d: X[y == d].sum(axis=0),), "the sum of the images", "sum"),
        Wrong((lambda X, y, d: np.median(X[y == d], axis=0),), "the median", "median"),
        Wrong((lambda X, y, d: X[y == d][0],), "one image of the digit, the first", "first"),
        Wrong((lambda X, y, d: X[d],), "row number digit of X", "X[digit]"),
        Wrong((lambda X, y, d: X[y != d].mean(axis=0),), "not y != digit", "y != digit"),
        Wrong((lambda X, y, d: X[y == 3].mean(axis=0),), "not of digit 0", "fixed digit 3"),
        Wrong((lambda X, y, d: X[y == d].mean(axis=1),), "one number per image", "axis 1"),
        Wrong((lambda X, y, d: mean_of(X, y, d).reshape(28, 28),), "shape (28, 28)", "28x28"),
        Wrong((lambda X, y, d: mean_of(X, y, d).astype(str),), "got text", "strings"),
        Wrong((lambda X, y, d: X[y == d][:3].mean(axis=0),), "pixel 0 should be", "3 rows"),
        Wrong((lambda X, y, d: X[y == d].mean(axis=0) * np.nan,), "pixel 0 should be", "NaN"),
    ],
    "pixel_count": [
        Wrong((783,), "783 is not the number of pixels", "one short"),
        Wrong((28,), "28 is not the number of pixels", "one side"),
        Wrong((56,), "56 is not the number of pixels", "28 + 28"),
        Wrong((7840,), "7840 is not the number of pixels", "times ten"),
        Wrong(("784",), "got str", "text"),
        Wrong((True,), "got bool", "a boolean"),
        Wrong(([784],), "got list", "a list"),
        Wrong((float("nan"),), "nan is not a finite number", "NaN"),
        Wrong((float("inf"),), "inf is not a finite number", "inf"),
        Wrong((10**400,), "too large for a float", "10**400"),
    ],
    "zero_pixel_share": [
        Wrong((38_045_844,), "the number of zero pixels", "a count"),
        Wrong((100 * SHARE,), "looks like a percentage", "percent"),
        Wrong((1 - SHARE,), "the share of pixels with ink", "ink"),
        Wrong((6_328_781 / 7_840_000,), "the share in X_test", "X_test"),
        Wrong((0.81,), "is close but not exact", "rounded"),
        Wrong((0.808798,), "is close but not exact", "6 decimals"),
        Wrong((str(SHARE),), "got str", "text"),
        Wrong((float("nan"),), "nan is not a finite number", "NaN"),
        Wrong((np.inf,), "inf is not a finite number", "inf"),
        Wrong((10**400,), "too large for a float", "10**400"),
        Wrong((np.array(SHARE),), "got ndarray", "an array"),
    ],
}
