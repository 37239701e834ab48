"""Wrong answers to 10's checkers: a mask of "the centre", and a claim's share of pixels."""

from __future__ import annotations

import numpy as np

from tests.checks.corpus import Wrong, piece, sentence


def says(key: str) -> str:
    """The mark of a checks.answer sentence."""
    return piece("checks.answer", key)


def mask_shape(got: str) -> str:
    """centre_pixels' whole sentence for a mask that is not 28 x 28."""
    return sentence("checks.answer", "mask_shape", got=got)


def shared(key: str, domain: str = "checks.feedback") -> str:
    """The mark of a sentence the shared judge says."""
    return piece(domain, key)


W = np.random.default_rng(1).normal(size=(784, 10))
ROWS, COLS = np.mgrid[0:28, 0:28]
RADIUS = np.hypot(ROWS - 13.5, COLS - 13.5)
DISC = RADIUS < 4

CENTRE_PIXELS = [
    Wrong((np.zeros((28, 28), bool), W), says("middle_missing"), "empty"),
    Wrong(((RADIUS < 4) & (RADIUS > 1), W), says("middle_missing"), "a ring"),
    Wrong((RADIUS < 9, W), says("too_far"), "radius 9"),
    Wrong((RADIUS < 7.2, W), sentence("checks.answer", "too_far", far=7.1), "radius 7.1"),
    Wrong((np.ones((28, 28), bool), W), says("too_far"), "every pixel"),
    Wrong((np.zeros(10), W), mask_shape("shape (10,)"), "ten numbers"),
    Wrong((DISC[:27, :27], W), mask_shape("shape (27, 27)"), "27 x 27"),
    Wrong(("the middle", W), mask_shape("str"), "words"),
    Wrong((DISC.astype(int).astype(str), W), shared("got_text"), "a mask of strings"),
    Wrong((DISC * 0.5, W), says("mask_not_boolean"), "halves"),
    Wrong((np.where(DISC, np.nan, 0.0), W), says("mask_not_boolean"), "NaN"),
    Wrong((RADIUS, W), says("mask_not_boolean"), "the radius itself"),
]


def counts_zeros(weight_map, pixels):
    return (weight_map[pixels] <= 0).mean()  # issue 17's boundary: a 0 weight is not red


def positive(weight_map, pixels):
    return (weight_map[pixels] > 0).mean()


def a_count(weight_map, pixels):
    return (weight_map[pixels] < 0).sum()


def every_pixel(weight_map, pixels):
    return (weight_map < 0).mean()


def mean_weight(weight_map, pixels):
    return weight_map[pixels].mean()


def as_text(weight_map, pixels):
    return f"{(weight_map[pixels] < 0).mean():.6f}"


def in_place(weight_map, pixels):
    share = (weight_map[pixels] < 0).mean()
    weight_map[:] = 0  # in the notebook this would wipe 05's map
    return share


def as_percent(weight_map, pixels):
    return 100 * (weight_map[pixels] < 0).mean()


def no_return(weight_map, pixels):
    share = (weight_map[pixels] < 0).mean()  # noqa: F841 - the learner forgot `return share`


SHARE_NEGATIVE = [
    Wrong((counts_zeros,), says("share_zeros"), "<= 0"),
    Wrong((positive,), says("share_positive"), "> 0"),
    Wrong((a_count,), says("share_count"), "a count"),
    Wrong((every_pixel,), says("share_all"), "all pixels"),
    Wrong((mean_weight,), says("share_mean"), "mean weight"),
    Wrong((as_text,), shared("got_text"), "a string"),
    Wrong((in_place,), shared("writes_input", "checks.calling"), "zeroes its input"),
    Wrong((as_percent,), says("share_wrong"), "a percentage"),
    Wrong((no_return,), shared("returned_none", "checks.calling"), "no return"),
    Wrong((lambda w, p: float("nan"),), shared("not_finite"), "NaN"),
    Wrong((lambda w, p: 10**400,), shared("too_large"), "huge int"),
    Wrong((lambda w, p: [0.5, 0.5],), says("share_not_one"), "two numbers"),
    Wrong((lambda w, p: (w[p] < 0).mean() + 0j,), shared("got_complex"), "complex"),
]

CORPUS = {"centre_pixels": CENTRE_PIXELS, "share_negative": SHARE_NEGATIVE}
