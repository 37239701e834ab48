"""Checkers of 10_the_answer: the pixels that make "the centre", and a claim's share of pixels."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    answered,
    attempt,
    checker,
    described,
    judge,
    numbers_or_none,
    within,
)

__all__ = ["centre_pixels", "share_negative"]

CENTRE_TODO = "a 28 x 28 mask of the pixels you call the centre"
MIDDLE = (slice(13, 15), slice(13, 15))  # the four pixels around the frame's centre 13.5, 13.5
RING_STARTS = 7  # 05's ring of the 0 map runs from radius 7 to 11
SHARE_HINT = "(weight_map[pixels] < 0).mean(): the share of the chosen weights below 0."


def _radius() -> np.ndarray:
    rows, cols = np.mgrid[0:28, 0:28]
    return np.hypot(rows - 13.5, cols - 13.5)


def _mask(centre: object) -> np.ndarray:
    """The learner's centre as a (28, 28) boolean mask, or ❌ saying what is off."""
    got = numbers_or_none(answered(centre, CENTRE_TODO), "a 28 x 28 mask of True/False")
    if got is None or got.size not in (784,) or got.ndim not in (1, 2):
        raise NotYet(
            f"expected a 28 x 28 mask, got {described(got, centre)}. Hint: start from "
            "`radius = np.hypot(rows - 13.5, cols - 13.5)` with `rows, cols = np.mgrid[0:28, "
            "0:28]` and keep the pixels with `radius < r` for a radius r you choose."
        )
    if not np.isin(got, (0, 1)).all():
        raise NotYet(
            "expected True/False for each pixel, got other numbers. Hint: a comparison such as "
            "`radius < 3` gives a True/False mask."
        )
    return got.reshape(28, 28).astype(bool)


@checker
def centre_pixels(centre: object, W: np.ndarray) -> str:
    """Exercise in 10: choose the pixels that make "the centre" of the 0 map (W is 784 x 10)."""
    mask = _mask(centre)
    size = int(mask.sum())
    if not mask[MIDDLE].all():
        raise NotYet(
            "your mask leaves out some of the four middle pixels (rows 13 and 14, columns 13 and "
            "14). Hint: the centre of the frame is at row 13.5, column 13.5."
        )
    far = _radius()[mask].max()
    if far >= RING_STARTS:
        raise NotYet(
            f"your mask reaches {far:.1f} pixels from the centre, into 05's ring (radius 7 to 11) "
            "where a 0 is drawn. Hint: the claim is about the middle, inside the ring: keep "
            "every pixel closer than 7."
        )
    red = float((np.asarray(W)[:, 0].reshape(28, 28)[mask] < 0).mean())
    return (
        f"your centre has {size} pixels, and {red:.2f} of them are red in the 0 map. "
        "Does the claim depend on where you draw the line?"
    )


def _cases() -> list[tuple[np.ndarray, np.ndarray]]:
    """Fresh weight maps with exact zeros (never-inked pixels) and masks, seeded."""
    rng = np.random.default_rng(10)
    cases = []
    for zeros in (0.0, 0.3, 0.6):
        weights = rng.normal(size=(28, 28))
        weights[rng.random((28, 28)) < zeros] = 0.0
        cases.append((weights, rng.random((28, 28)) < 0.4))
    return cases


def _share_mistakes(weights: np.ndarray, pixels: np.ndarray) -> tuple:
    chosen = weights[pixels]
    return (
        (
            (chosen <= 0).mean(),
            "that counts weights of exactly 0 as negative. Hint: never-inked pixels keep their "
            "starting 0 (05): they are neither red nor blue, so use < 0.",
        ),
        ((chosen > 0).mean(), "that is the share of positive (blue) weights; count those < 0."),
        ((chosen < 0).sum(), "that is how many are negative; divide by the number of pixels."),
        (
            (weights < 0).mean(),
            "that is the share over all 784 pixels; use only weight_map[pixels].",
        ),
        (chosen.mean(), "that is the mean weight of the pixels, not the share below 0."),
    )


@checker
def share_negative(func: object) -> str:
    """Exercise in 10: the share of the chosen pixels whose weight is below 0."""
    for weights, pixels in _cases():
        got = attempt(func, weights, pixels, hint=SHARE_HINT)
        value = numbers_or_none(got, "one number between 0 and 1")
        if value is not None and value.size == 1:
            value = value.reshape(())  # one number, whatever its nesting: [[0.5]] is 0.5
        else:
            raise NotYet(
                f"share_negative returned {described(value, got)}, expected one number between "
                f"0 and 1. Hint: {SHARE_HINT}"
            )
        expected = float((weights[pixels] < 0).mean())
        judge(
            float(value),
            expected,
            "the share of the chosen pixels below 0",
            SHARE_HINT,
            close=within(atol=1e-9),
            mistakes=_share_mistakes(weights, pixels),
            lead=f"share_negative returned {float(value):.4g}: ",
            shown=f"share_negative returned {float(value)}, which",
            otherwise=(
                f"share_negative returned {float(value):.4g} where the share below 0 is "
                f"{expected:.4g}. Hint: {SHARE_HINT}"
            ),
        )
    return "the share of the chosen weights that are below 0, with zeros left out, in every case."
