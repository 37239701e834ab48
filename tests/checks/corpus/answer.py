"""Wrong answers to 10's checkers: a mask of "the centre", and a claim's share of pixels."""

from __future__ import annotations

import numpy as np

from tests.checks.corpus import Wrong

W = np.random.default_rng(1).normal(size=(784, 10))
ROWS, COLS = np.mgrid[0:28, 0:28]
RADIUS = np.hypot(ROWS - 13.5, COLS - 13.5)
DISC = RADIUS < 4

CENTRE_PIXELS = [
    Wrong((np.zeros((28, 28), bool), W), "leaves out some of the four middle pixels", "empty"),
    Wrong(((RADIUS < 4) & (RADIUS > 1), W), "leaves out some of the four middle", "a ring"),
    Wrong((RADIUS < 9, W), "into 05's ring (radius 7 to 11)", "radius 9"),
    Wrong((RADIUS < 7.2, W), "your mask reaches 7.1 pixels", "radius 7.1"),
    Wrong((np.ones((28, 28), bool), W), "into 05's ring", "every pixel"),
    Wrong((np.zeros(10), W), "expected a 28 x 28 mask, got shape (10,)", "ten numbers"),
    Wrong((DISC[:27, :27], W), "expected a 28 x 28 mask, got shape (27, 27)", "27 x 27"),
    Wrong(("the middle", W), "expected a 28 x 28 mask, got str", "words"),
    Wrong((DISC.astype(int).astype(str), W), "numbers written as strings", "a mask of strings"),
    Wrong((DISC * 0.5, W), "expected True/False for each pixel", "halves"),
    Wrong((np.where(DISC, np.nan, 0.0), W), "expected True/False for each pixel", "NaN"),
    Wrong((RADIUS, W), "expected True/False for each pixel", "the radius itself"),
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
    Wrong((counts_zeros,), "that counts weights of exactly 0 as negative", "<= 0"),
    Wrong((positive,), "that is the share of positive (blue) weights", "> 0"),
    Wrong((a_count,), "that is how many are negative", "a count"),
    Wrong((every_pixel,), "that is the share over all 784 pixels", "all pixels"),
    Wrong((mean_weight,), "that is the mean weight of the pixels", "mean weight"),
    Wrong((as_text,), "numbers written as strings", "a string"),
    Wrong((in_place,), "writes into an array it was given", "zeroes its input"),
    Wrong((as_percent,), "where the share below 0 is", "a percentage"),
    Wrong((no_return,), "your function returned None", "no return"),
    Wrong((lambda w, p: float("nan"),), "is not a finite number", "NaN"),
    Wrong((lambda w, p: 10**400,), "too large for a float", "huge int"),
    Wrong((lambda w, p: [0.5, 0.5],), "share_negative returned shape (2,)", "two numbers"),
    Wrong((lambda w, p: (w[p] < 0).mean() + 0j,), "got complex numbers", "complex"),
]

CORPUS = {"centre_pixels": CENTRE_PIXELS, "share_negative": SHARE_NEGATIVE}
