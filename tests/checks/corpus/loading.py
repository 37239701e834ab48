"""Wrong answers to 00's and 01's exercises: the pixels of an image, IDX headers, the data."""

from __future__ import annotations

import numpy as np

from helpers.data import parse_idx
from tests.checks.corpus import Wrong, piece, sentence

PIXELS = sentence("checks.loading", "pixel_count_what")
ZEROS = sentence("checks.loading", "zero_share_what")


def says(key: str) -> str:
    """The mark of a checks.loading sentence."""
    return piece("checks.loading", key)


def shared(key: str, domain: str = "checks.feedback") -> str:
    """The mark of a sentence the shared judge says."""
    return piece(domain, key)


def is_not(shown: int) -> str:
    """pixel_count's whole sentence for a number that is not 784."""
    hint = sentence("checks.loading", "pixel_count_hint")
    return sentence("checks.feedback", "is_not", shown=shown, what=PIXELS, hint=hint)


def got(kind: str, what: str = PIXELS) -> str:
    """The sentence for a one-number answer that is a `kind`."""
    expected = sentence("checks.feedback", "number_for", what=what)
    return sentence("checks.feedback", "expected_got", expected=expected, got=kind)


def not_finite(shown: str, what: str) -> str:
    """The start of the sentence for NaN or infinity."""
    return sentence("checks.feedback", "not_finite", shown=shown, what=what, hint="").split(". ")[0]


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
        Wrong((until_a_zero,), says("idx_dimensions"), "sizes until a zero"),
        Wrong((three_without_zeros,), says("idx_dimensions"), "three, zeros dropped"),
        Wrong((little_endian,), says("idx_little_endian"), "little-endian"),
        Wrong((two_bytes_each,), says("idx_four_bytes"), "two bytes per size"),
        Wrong(
            (type_byte_as_count,),
            sentence("checks.loading", "idx_dimensions", dims=3, got=8),
            "byte 2 as the count",
        ),
        Wrong((to_the_end,), says("idx_dimensions"), "every 4 bytes to the end"),
        Wrong(
            (lambda raw: (60000, 28, 28),),
            sentence("checks.loading", "idx_dimensions", dims=1, got=3),
            "hard-coded",
        ),
        Wrong((lambda raw: raw[3],), says("idx_returned_number"), "the count only"),
        Wrong((as_text,), says("idx_returned_other"), "sizes as text"),
        Wrong((as_floats,), says("idx_returned_other"), "sizes as floats"),
        Wrong((the_helper,), shared("calls_helper", "checks.calling"), "helpers' parse_idx"),
        Wrong((lambda raw: (float("inf"), 3),), says("idx_returned_other"), "inf"),
        Wrong((lambda raw: (10**400,),), says("idx_dimensions"), "10**400"),
        Wrong((lambda raw: np.zeros((4, 10)),), says("idx_returned_other"), "2-D array"),
    ],
    "mean_image": [
        Wrong((lambda X, y, d: X.mean(axis=0),), says("mean_all"), "all images"),
        Wrong((lambda X, y, d: X[y == d].sum(axis=0),), says("mean_sum"), "sum"),
        Wrong((lambda X, y, d: np.median(X[y == d], axis=0),), says("mean_median"), "median"),
        Wrong((lambda X, y, d: X[y == d][0],), says("mean_first"), "first"),
        Wrong((lambda X, y, d: X[d],), says("mean_row"), "X[digit]"),
        Wrong((lambda X, y, d: X[y != d].mean(axis=0),), says("mean_others"), "y != digit"),
        Wrong(
            (lambda X, y, d: X[y == 3].mean(axis=0),),
            sentence("checks.loading", "mean_other_digit", other=3, digit=0),
            "fixed digit 3",
        ),
        Wrong((lambda X, y, d: X[y == d].mean(axis=1),), says("mean_per_image"), "axis 1"),
        Wrong(
            (lambda X, y, d: mean_of(X, y, d).reshape(28, 28),),
            sentence("checks.loading", "mean_grid", shape=(28, 28)),
            "28x28",
        ),
        Wrong((lambda X, y, d: mean_of(X, y, d).astype(str),), shared("got_text"), "strings"),
        Wrong((lambda X, y, d: X[y == d][:3].mean(axis=0),), says("mean_wrong"), "3 rows"),
        Wrong((lambda X, y, d: X[y == d].mean(axis=0) * np.nan,), says("mean_wrong"), "NaN"),
    ],
    "pixel_count": [
        Wrong((783,), is_not(783), "one short"),
        Wrong((28,), is_not(28), "one side"),
        Wrong((56,), is_not(56), "28 + 28"),
        Wrong((7840,), is_not(7840), "times ten"),
        Wrong(("784",), got("str"), "text"),
        Wrong((True,), got("bool"), "a boolean"),
        Wrong(([784],), got("list"), "a list"),
        Wrong((float("nan"),), not_finite("nan", PIXELS), "NaN"),
        Wrong((float("inf"),), not_finite("inf", PIXELS), "inf"),
        Wrong((10**400,), shared("too_large"), "10**400"),
    ],
    "zero_pixel_share": [
        Wrong((38_045_844,), says("zero_share_count"), "a count"),
        Wrong((100 * SHARE,), says("zero_share_percentage"), "percent"),
        Wrong((1 - SHARE,), says("zero_share_ink"), "ink"),
        Wrong((6_328_781 / 7_840_000,), says("zero_share_test"), "X_test"),
        Wrong((0.81,), says("zero_share_close"), "rounded"),
        Wrong((0.808798,), says("zero_share_close"), "6 decimals"),
        Wrong((str(SHARE),), got("str", ZEROS), "text"),
        Wrong((float("nan"),), not_finite("nan", ZEROS), "NaN"),
        Wrong((np.inf,), not_finite("inf", ZEROS), "inf"),
        Wrong((10**400,), shared("too_large"), "10**400"),
        Wrong((np.array(SHARE),), got("ndarray", ZEROS), "an array"),
    ],
}
