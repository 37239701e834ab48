"""Checkers of 00_welcome and 01_loading_mnist: every diagnosis, word for word from the catalog."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.messages import message
from tests.checks.sentences import (
    is_not,
    line,
    not_a_function,
    not_a_number,
    not_finite,
    raised,
    right,
    todo,
)
from tests.checks.sentences import stub as stub_line


def says(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.loading catalog."""
    return message("checks.loading", key, lang, **fields)


def no(key: str, lead: str = "", **fields: object) -> str:
    """The ❌ line of a checks.loading sentence, after `lead` (the answer it follows)."""
    return line("not_yet", lead + says(key, **fields))


SHARE = 38_045_844 / (60_000 * 784)  # the share of zero pixels in X_train
PIXELS, PIXELS_HINT = says("pixel_count_what"), says("pixel_count_hint")
ZEROS, ZEROS_HINT = says("zero_share_what"), says("zero_share_hint")
IDX_HINT, MEAN_HINT = says("idx_hint"), says("mean_hint")
MNIST_HEADER = says("idx_context", sizes=(60000, 28, 28))
BROADCAST = "operands could not be broadcast together with shapes (3,) (4,)"


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
    raise ValueError(BROADCAST)


@pytest.mark.parametrize(
    ("answer", "says_it"),
    [
        (..., todo(PIXELS)),
        (None, todo(PIXELS)),
        (784, right(784, PIXELS)),
        (28 * 28, right(784, PIXELS)),
        (784.0, right("784.0", PIXELS)),
        (np.int64(784), right(784, PIXELS)),
        (np.float32(784), right("784.0", PIXELS)),
        (783, is_not(783, PIXELS, PIXELS_HINT)),
        (783.5, is_not(783.5, PIXELS, PIXELS_HINT)),
        (7840, is_not(7840, PIXELS, PIXELS_HINT)),
        ("784", not_a_number(PIXELS, "str")),
        (True, not_a_number(PIXELS, "bool")),
        ([784], not_a_number(PIXELS, "list")),
        (np.array(784), not_a_number(PIXELS, "ndarray")),
    ],
)
def test_pixel_count_says(said, answer, says_it):
    assert said(checks.pixel_count, answer) == says_it


@pytest.mark.parametrize(
    ("answer", "says_it"),
    [
        (..., todo(ZEROS)),
        (SHARE, right("0.8087977040816327", ZEROS)),
        (np.float32(SHARE), right("0.8087977170944214", ZEROS)),
        (SHARE + 5e-8, right("0.8087977540816327", ZEROS)),
        (38_045_844, no("zero_share_count", "38045844 ")),
        (100 * SHARE, no("zero_share_percentage", "80.87977040816327 ")),
        (np.float32(100 * SHARE), no("zero_share_percentage", "80.87976837158203 ")),
        (50.0, no("zero_share_percentage", "50.0 ")),
        (100, no("zero_share_percentage", "100 ")),
        (1 - SHARE, no("zero_share_ink", "0.19120229591836735 ")),
        (6_328_781 / 7_840_000, no("zero_share_test", "0.8072424744897959 ")),
        (0.8, no("zero_share_close", "0.8 ")),
        (0.81, no("zero_share_close", "0.81 ")),
        (SHARE + 9e-7, no("zero_share_close", "0.8087986040816326 ")),
        (100.5, is_not(100.5, ZEROS, ZEROS_HINT)),
        (1, is_not(1, ZEROS, ZEROS_HINT)),
        (0.5, is_not(0.5, ZEROS, ZEROS_HINT)),
        (0, is_not(0, ZEROS, ZEROS_HINT)),
        ("0.8", not_a_number(ZEROS, "str")),
        (True, not_a_number(ZEROS, "bool")),
        (np.array(SHARE), not_a_number(ZEROS, "ndarray")),
    ],
)
def test_zero_pixel_share_says(said, answer, says_it):
    assert said(checks.zero_pixel_share, answer) == says_it


def wrong_sizes(shape: tuple, got: tuple, hint: str) -> str:
    """The ❌ line for an idx_shape that read the header of a file of this shape as `got`."""
    return no("idx_wrong", sizes=shape, got=got, hint=hint)


def not_sizes(key: str, **fields: object) -> str:
    """The ❌ line for an idx_shape whose result is not a tuple of whole numbers."""
    return no(key, sizes=(60000, 28, 28), **fields)


@pytest.mark.parametrize(
    ("idx_shape", "says_it"),
    [
        (stub, stub_line()),
        (sizes, line("correct", says("idx_correct"))),
        (lambda raw: list(sizes(raw)), line("correct", says("idx_correct"))),
        (lambda raw: np.array(sizes(raw)), line("correct", says("idx_correct"))),
        (broken, raised("ValueError", BROADCAST, IDX_HINT, MNIST_HEADER)),
        (lambda raw: raw[99], raised("IndexError", "index out of range", IDX_HINT, MNIST_HEADER)),
        (42, not_a_function("int", IDX_HINT, MNIST_HEADER)),
        (
            lambda raw: sizes(raw, "little"),
            wrong_sizes(
                (60000, 28, 28),
                (1625948160, 469762048, 469762048),
                says("idx_little_endian"),
            ),
        ),
        (
            lambda raw: sizes(raw, first=6),
            wrong_sizes((70000, 3), (4464, 3), says("idx_four_bytes")),
        ),
        (
            lambda raw: sizes(raw, count=3),
            wrong_sizes(
                (60000,), (60000, 3019878357, 1779082897), says("idx_dimensions", dims=1, got=3)
            ),
        ),
        (
            lambda raw: (60000, 28, 28),
            wrong_sizes((60000,), (60000, 28, 28), says("idx_dimensions", dims=1, got=3)),
        ),
        (lambda raw: 60000, not_sizes("idx_returned_number", result=60000)),
        (lambda raw: np.int64(5), not_sizes("idx_returned_number", result=5)),
        (
            lambda raw: "abc" * 40,
            not_sizes(
                "idx_returned_other",
                kind="str",
                shown="'abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcab",
            ),
        ),
        (
            lambda raw: [60000.0, 28.0, 28.0],
            not_sizes("idx_returned_other", kind="list", shown="[60000.0, 28.0, 28.0]"),
        ),
        (
            lambda raw: (True, 28),
            not_sizes("idx_returned_other", kind="tuple", shown="(True, 28)"),
        ),
        (
            lambda raw: np.array([sizes(raw)]),
            not_sizes("idx_returned_other", kind="ndarray", shown="array([[60000, 28, 28]])"),
        ),
    ],
)
def test_idx_shape_says(said, idx_shape, says_it):
    assert said(checks.idx_shape, idx_shape) == says_it


@pytest.mark.parametrize(
    ("mean_image", "says_it"),
    [
        (stub, stub_line()),
        (mean_of_digit, line("correct", says("mean_correct"))),
        (
            lambda X, y, d: mean_of_digit(X, y, d).astype(np.float32),
            line("correct", says("mean_correct")),
        ),
        (lambda X, y, d: mean_of_digit(X, y, d).reshape(28, 28), no("mean_grid", shape=(28, 28))),
        (lambda X, y, d: [mean_of_digit(X, y, d)], no("mean_grid", shape=(1, 784))),
        (broken, raised("ValueError", BROADCAST, MEAN_HINT)),
        (lambda X, y, d: X[y == d].mean(axis=1), no("mean_per_image", shape=(4,))),
        (lambda X, y, d: X.mean(axis=1), no("mean_per_image", shape=(20,))),
        (lambda X, y, d: mean_of_digit(X, y, d)[:10], no("mean_shape", shape=(10,))),
        (lambda X, y, d: X.mean(axis=0), no("mean_all")),
        (lambda X, y, d: X[y == d].sum(axis=0), no("mean_sum")),
        (lambda X, y, d: X[y == d][0], no("mean_first")),
        (lambda X, y, d: np.median(X[y == d], axis=0), no("mean_median")),
        (lambda X, y, d: X[d], no("mean_row")),
        (lambda X, y, d: X[y != d].mean(axis=0), no("mean_others")),
        (lambda X, y, d: X[y == 3].mean(axis=0), no("mean_other_digit", other=3, digit=0)),
        (
            lambda X, y, d: X[y == d][:3].mean(axis=0),
            no("mean_wrong", digit=3, expected=0.5183, count=4, got=0.4860),
        ),
        (
            lambda X, y, d: "abc",
            line(
                "not_yet",
                message(
                    "checks.feedback",
                    "expected_got",
                    "en",
                    expected=says("mean_expected"),
                    got="str",
                ),
            ),
        ),
    ],
)
def test_mean_image_says(said, mean_image, says_it):
    assert said(checks.mean_image, mean_image) == says_it


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan"), np.float32("nan")])
def test_pixel_count_refuses_nan(said, nan):
    """Was a false pass: abs(nan - 784) > tol is False, so NaN was called correct."""
    assert said(checks.pixel_count, nan) == not_finite("nan", PIXELS, PIXELS_HINT)


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan"), np.float32("nan")])
def test_zero_pixel_share_refuses_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.zero_pixel_share, nan) == not_finite("nan", ZEROS, ZEROS_HINT)


@pytest.mark.parametrize("infinity", [float("inf"), -np.inf])
def test_value_checkers_refuse_infinity(said, infinity):
    assert said(checks.pixel_count, infinity) == not_finite(infinity, PIXELS, PIXELS_HINT)
    assert said(checks.zero_pixel_share, infinity) == not_finite(infinity, ZEROS, ZEROS_HINT)


def test_mean_image_needs_the_digit_argument(said):
    """A mean_image that ignores `digit` is right for one digit only: the checker asks for two."""
    lead = says("mean_other_digit", other=0, digit=1).split("0")[0]
    for fixed in range(5):
        said_line = said(checks.mean_image, lambda X, y, d, fixed=fixed: X[y == fixed].mean(axis=0))
        assert said_line.startswith(line("not_yet", lead)), said_line


def test_loading_checkers_speak_the_kernels_language(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    zh_what, zh_hint = says("pixel_count_what", "zh"), says("pixel_count_hint", "zh")
    assert said(checks.pixel_count, 783) == is_not(783, zh_what, zh_hint, "zh")
    assert said(checks.pixel_count, 784) == right(784, zh_what, "zh")
    mean_all = line("not_yet", says("mean_all", "zh"), "zh")
    assert said(checks.mean_image, lambda X, y, d: X.mean(axis=0)) == mean_all
    assert mean_all != no("mean_all")
