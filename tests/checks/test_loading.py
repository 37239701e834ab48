"""Checkers of 00_welcome and 01_loading_mnist: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks

SHARE = 38_045_844 / (60_000 * 784)  # the share of zero pixels in X_train
CLOSE = "is close but not exact: compute it from X_train, without rounding or a float32 sum."


def sizes(raw: bytes, byteorder: str = "big", count: int | None = None, first: int = 4):
    """An idx_shape: `count` sizes (byte 3 says how many), size i ending at byte 8 + 4 i.

    The defaults read the header right; the arguments make the mistakes learners make.
    """
    count = raw[3] if count is None else count
    return tuple(int.from_bytes(raw[first + 4 * i : 8 + 4 * i], byteorder) for i in range(count))


def mean_of_digit(X, y, digit):
    return X[y == digit].mean(axis=0)


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the number of pixels in a 28x28 image, "
            "then run this cell again.",
        ),
        (
            None,
            "⏳ Not attempted yet: replace the ... with the number of pixels in a 28x28 image, "
            "then run this cell again.",
        ),
        (784, "✅ Correct: 784 is the number of pixels in a 28x28 image."),
        (28 * 28, "✅ Correct: 784 is the number of pixels in a 28x28 image."),
        (784.0, "✅ Correct: 784.0 is the number of pixels in a 28x28 image."),
        (np.int64(784), "✅ Correct: 784 is the number of pixels in a 28x28 image."),
        (np.float32(784), "✅ Correct: 784.0 is the number of pixels in a 28x28 image."),
        (
            783,
            "❌ Not yet: 783 is not the number of pixels in a 28x28 image. Hint: an image has 28 "
            "rows of 28 pixels each; multiply.",
        ),
        (
            783.5,
            "❌ Not yet: 783.5 is not the number of pixels in a 28x28 image. Hint: an image has "
            "28 rows of 28 pixels each; multiply.",
        ),
        (
            7840,
            "❌ Not yet: 7840 is not the number of pixels in a 28x28 image. Hint: an image has 28 "
            "rows of 28 pixels each; multiply.",
        ),
        (
            "784",
            "❌ Not yet: expected a number for the number of pixels in a 28x28 image, got str.",
        ),
        (
            True,
            "❌ Not yet: expected a number for the number of pixels in a 28x28 image, got bool.",
        ),
        (
            [784],
            "❌ Not yet: expected a number for the number of pixels in a 28x28 image, got list.",
        ),
        (
            np.array(784),
            "❌ Not yet: expected a number for the number of pixels in a 28x28 image, got ndarray.",
        ),
    ],
)
def test_pixel_count_says(said, answer, line):
    assert said(checks.pixel_count, answer) == line


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the share of training pixels that are "
            "exactly 0, then run this cell again.",
        ),
        (
            SHARE,
            "✅ Correct: 0.8087977040816327 is the share of training pixels that are exactly 0.",
        ),
        (
            np.float32(SHARE),
            "✅ Correct: 0.8087977170944214 is the share of training pixels that are exactly 0.",
        ),
        (
            SHARE + 5e-8,
            "✅ Correct: 0.8087977540816327 is the share of training pixels that are exactly 0.",
        ),
        (
            38_045_844,
            "❌ Not yet: 38045844 is the number of zero pixels; divide it by X_train.size.",
        ),
        (
            100 * SHARE,
            "❌ Not yet: 80.87977040816327 looks like a percentage; give a share between 0 and 1.",
        ),
        (
            np.float32(100 * SHARE),
            "❌ Not yet: 80.87976837158203 looks like a percentage; give a share between 0 and 1.",
        ),
        (50.0, "❌ Not yet: 50.0 looks like a percentage; give a share between 0 and 1."),
        (100, "❌ Not yet: 100 looks like a percentage; give a share between 0 and 1."),
        (
            1 - SHARE,
            "❌ Not yet: 0.19120229591836735 is the share of pixels with ink; count the pixels "
            "equal to 0.",
        ),
        (
            6_328_781 / 7_840_000,
            "❌ Not yet: 0.8072424744897959 is the share in X_test; use X_train.",
        ),
        (0.8, f"❌ Not yet: 0.8 {CLOSE}"),
        (0.81, f"❌ Not yet: 0.81 {CLOSE}"),
        (
            SHARE + 9e-7,
            f"❌ Not yet: 0.8087986040816326 {CLOSE}",
        ),
        (
            100.5,
            "❌ Not yet: 100.5 is not the share of training pixels that are exactly 0. Hint: "
            "X_train == 0 is an array of True/False; its mean is the share of True.",
        ),
        (
            1,
            "❌ Not yet: 1 is not the share of training pixels that are exactly 0. Hint: X_train "
            "== 0 is an array of True/False; its mean is the share of True.",
        ),
        (
            0.5,
            "❌ Not yet: 0.5 is not the share of training pixels that are exactly 0. Hint: "
            "X_train == 0 is an array of True/False; its mean is the share of True.",
        ),
        (
            0,
            "❌ Not yet: 0 is not the share of training pixels that are exactly 0. Hint: X_train "
            "== 0 is an array of True/False; its mean is the share of True.",
        ),
        (
            "0.8",
            "❌ Not yet: expected a number for the share of training pixels that are exactly 0, "
            "got str.",
        ),
        (
            True,
            "❌ Not yet: expected a number for the share of training pixels that are exactly 0, "
            "got bool.",
        ),
        (
            np.array(SHARE),
            "❌ Not yet: expected a number for the share of training pixels that are exactly 0, "
            "got ndarray.",
        ),
    ],
)
def test_zero_pixel_share_says(said, answer, line):
    assert said(checks.zero_pixel_share, answer) == line


@pytest.mark.parametrize(
    ("idx_shape", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (sizes, "✅ Correct: idx_shape reads the MNIST headers, and any other IDX header too."),
        (
            lambda raw: list(sizes(raw)),
            "✅ Correct: idx_shape reads the MNIST headers, and any other IDX header too.",
        ),
        (
            lambda raw: np.array(sizes(raw)),
            "✅ Correct: idx_shape reads the MNIST headers, and any other IDX header too.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,) (for a header of shape (60000, 28, 28)). Hint: byte 3 "
            "says how many sizes follow; each takes 4 bytes, starting at byte 4.",
        ),
        (
            lambda raw: raw[99],
            "❌ Not yet: your function raised IndexError: index out of range (for a header of "
            "shape (60000, 28, 28)). Hint: byte 3 says how many sizes follow; each takes 4 bytes, "
            "starting at byte 4.",
        ),
        (
            42,
            "❌ Not yet: expected a function, got int (for a header of shape (60000, 28, 28)). "
            "Hint: byte 3 says how many sizes follow; each takes 4 bytes, starting at byte 4.",
        ),
        (
            lambda raw: sizes(raw, "little"),
            "❌ Not yet: for the header of a file of shape (60000, 28, 28) idx_shape returned "
            "(1625948160, 469762048, 469762048). Hint: you read the sizes little-endian; IDX is "
            "big-endian: int.from_bytes(..., 'big').",
        ),
        (
            lambda raw: sizes(raw, first=6),
            "❌ Not yet: for the header of a file of shape (70000, 3) idx_shape returned (4464, "
            "3). Hint: each size takes four bytes (bytes 4 to 7 for the first), not two.",
        ),
        (
            lambda raw: sizes(raw, count=3),
            "❌ Not yet: for the header of a file of shape (60000,) idx_shape returned (60000, "
            "3019878357, 1779082897). Hint: byte 3 of the header holds the number of dimensions "
            "(1 here): read that many sizes, not 3.",
        ),
        (
            lambda raw: (60000, 28, 28),
            "❌ Not yet: for the header of a file of shape (60000,) idx_shape returned (60000, "
            "28, 28). Hint: byte 3 of the header holds the number of dimensions (1 here): read "
            "that many sizes, not 3.",
        ),
        (
            lambda raw: 60000,
            "❌ Not yet: idx_shape returned the number 60000; expected a tuple of whole numbers, "
            "one per dimension, such as (60000, 28, 28).",
        ),
        (
            lambda raw: np.int64(5),
            "❌ Not yet: idx_shape returned the number 5; expected a tuple of whole numbers, one "
            "per dimension, such as (60000, 28, 28).",
        ),
        (
            lambda raw: "abc" * 40,
            "❌ Not yet: idx_shape returned str "
            "'abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcab; expected a tuple of "
            "whole numbers, one per dimension, such as (60000, 28, 28).",
        ),
        (
            lambda raw: [60000.0, 28.0, 28.0],
            "❌ Not yet: idx_shape returned list [60000.0, 28.0, 28.0]; expected a tuple of whole "
            "numbers, one per dimension, such as (60000, 28, 28).",
        ),
        (
            lambda raw: (True, 28),
            "❌ Not yet: idx_shape returned tuple (True, 28); expected a tuple of whole numbers, "
            "one per dimension, such as (60000, 28, 28).",
        ),
        (
            lambda raw: np.array([sizes(raw)]),
            "❌ Not yet: idx_shape returned ndarray array([[60000, 28, 28]]); expected a "
            "tuple of whole numbers, one per dimension, such as (60000, 28, 28).",
        ),
    ],
)
def test_idx_shape_says(said, idx_shape, line):
    assert said(checks.idx_shape, idx_shape) == line


@pytest.mark.parametrize(
    ("mean_image", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            mean_of_digit,
            "✅ Correct: mean_image averages the images of one digit into a vector of 784 pixels.",
        ),
        (
            lambda X, y, d: mean_of_digit(X, y, d).astype(np.float32),
            "✅ Correct: mean_image averages the images of one digit into a vector of 784 pixels.",
        ),
        (
            lambda X, y, d: mean_of_digit(X, y, d).reshape(28, 28),
            "❌ Not yet: got shape (28, 28); return the flat vector of shape (784,), one mean per "
            "pixel. Reshape to 28x28 only to draw it.",
        ),
        (
            lambda X, y, d: [mean_of_digit(X, y, d)],
            "❌ Not yet: got shape (1, 784); return the flat vector of shape (784,), one mean per "
            "pixel. Reshape to 28x28 only to draw it.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: X[y == digit] keeps the rows labelled digit.",
        ),
        (
            lambda X, y, d: X[y == d].mean(axis=1),
            "❌ Not yet: got one number per image (shape (4,)): that averages each image over its "
            "pixels. Average over the images instead: .mean(axis=0).",
        ),
        (
            lambda X, y, d: X.mean(axis=1),
            "❌ Not yet: got one number per image (shape (20,)): that averages each image over "
            "its pixels. Average over the images instead: .mean(axis=0).",
        ),
        (
            lambda X, y, d: mean_of_digit(X, y, d)[:10],
            "❌ Not yet: expected a vector of shape (784,), one mean per pixel, got shape (10,). "
            "Hint: X[y == digit] has shape (k, 784); average over axis 0.",
        ),
        (
            lambda X, y, d: X.mean(axis=0),
            "❌ Not yet: that is the mean of all the images; keep only the rows labelled digit "
            "first: X[y == digit].",
        ),
        (
            lambda X, y, d: X[y == d].sum(axis=0),
            "❌ Not yet: that is the sum of the images; divide by their number, or use .mean.",
        ),
        (
            lambda X, y, d: X[y == d][0],
            "❌ Not yet: that is one image of the digit, the first; average all the rows labelled "
            "digit.",
        ),
        (
            lambda X, y, d: np.median(X[y == d], axis=0),
            "❌ Not yet: that is the median of the images, pixel by pixel; the exercise asks for "
            "their mean.",
        ),
        (
            lambda X, y, d: X[d],
            "❌ Not yet: that is row number digit of X, one image; keep the rows whose label in y "
            "is digit: y == digit.",
        ),
        (
            lambda X, y, d: X[y != d].mean(axis=0),
            "❌ Not yet: that is the mean of the images of the other digits; keep the rows where "
            "y == digit, not y != digit.",
        ),
        (
            lambda X, y, d: X[y == 3].mean(axis=0),
            "❌ Not yet: that is the mean image of digit 3, not of digit 0; use the argument digit "
            "rather than a fixed number.",
        ),
        (
            lambda X, y, d: X[y == d][:3].mean(axis=0),
            "❌ Not yet: for digit 3, pixel 0 should be 0.5183 (the mean of pixel 0 over the 4 "
            "images labelled 3), got 0.4860. Hint: average the rows of X whose label in y is digit "
            "over axis 0; use the arguments X, y and digit, not X_train and y_train: the checker "
            "passes its own small arrays.",
        ),
        (lambda X, y, d: "abc", "❌ Not yet: expected an array of 784 numbers, got str."),
    ],
)
def test_mean_image_says(said, mean_image, line):
    assert said(checks.mean_image, mean_image) == line


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan"), np.float32("nan")])
def test_pixel_count_refuses_nan(said, nan):
    """Was a false pass: abs(nan - 784) > tol is False, so NaN was called correct."""
    assert said(checks.pixel_count, nan) == (
        "❌ Not yet: nan is not a finite number, so it cannot be the number of pixels in a 28x28 "
        "image. Hint: an image has 28 rows of 28 pixels each; multiply."
    )


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan"), np.float32("nan")])
def test_zero_pixel_share_refuses_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.zero_pixel_share, nan) == (
        "❌ Not yet: nan is not a finite number, so it cannot be the share of training pixels "
        "that are exactly 0. Hint: X_train == 0 is an array of True/False; its mean is the "
        "share of True."
    )


@pytest.mark.parametrize("infinity", [float("inf"), -np.inf])
def test_value_checkers_refuse_infinity(said, infinity):
    assert said(checks.pixel_count, infinity).startswith(
        f"❌ Not yet: {infinity} is not a finite number, so it cannot be the number of pixels"
    )
    assert said(checks.zero_pixel_share, infinity).startswith(
        f"❌ Not yet: {infinity} is not a finite number, so it cannot be the share"
    )


def test_mean_image_needs_the_digit_argument(said):
    """A mean_image that ignores `digit` is right for one digit only: the checker asks for two."""
    for fixed in range(5):
        line = said(checks.mean_image, lambda X, y, d, fixed=fixed: X[y == fixed].mean(axis=0))
        assert line.startswith("❌ Not yet: that is the mean image of digit"), line
