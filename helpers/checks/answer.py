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
from helpers.messages import catalog

__all__ = ["centre_pixels", "share_negative"]

say = catalog("checks.answer")

MIDDLE = (slice(13, 15), slice(13, 15))  # the four pixels around the frame's centre 13.5, 13.5
RING_STARTS = 7  # 05's ring of the 0 map runs from radius 7 to 11


def _radius() -> np.ndarray:
    rows, cols = np.mgrid[0:28, 0:28]
    return np.hypot(rows - 13.5, cols - 13.5)


def _mask(centre: object) -> np.ndarray:
    """The learner's centre as a (28, 28) boolean mask, or ❌ saying what is off."""
    got = numbers_or_none(answered(centre, say("centre_todo")), say("mask_expected"))
    if got is None or got.size not in (784,) or got.ndim not in (1, 2):
        raise NotYet(say("mask_shape", got=described(got, centre)))
    if not np.isin(got, (0, 1)).all():
        raise NotYet(say("mask_not_boolean"))
    return got.reshape(28, 28).astype(bool)


@checker(answer="value", points=1, given=lambda rng: (rng.normal(size=(784, 10)),))
def centre_pixels(centre: object, W: np.ndarray) -> str:
    """Exercise in 10: choose the pixels that make "the centre" of the 0 map (W is 784 x 10)."""
    mask = _mask(centre)
    size = int(mask.sum())
    if not mask[MIDDLE].all():
        raise NotYet(say("middle_missing"))
    far = _radius()[mask].max()
    if far >= RING_STARTS:
        raise NotYet(say("too_far", far=far))
    red = float((np.asarray(W)[:, 0].reshape(28, 28)[mask] < 0).mean())
    return say("centre_correct", size=size, red=red)


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
        ((chosen <= 0).mean(), say("share_zeros")),
        ((chosen > 0).mean(), say("share_positive")),
        ((chosen < 0).sum(), say("share_count")),
        ((weights < 0).mean(), say("share_all")),
        (chosen.mean(), say("share_mean")),
    )


@checker(answer="function", points=2)
def share_negative(func: object) -> str:
    """Exercise in 10: the share of the chosen pixels whose weight is below 0."""
    for weights, pixels in _cases():
        hint = say("share_hint")
        got = attempt(func, weights, pixels, hint=hint)
        value = numbers_or_none(got, say("share_expected"))
        if value is not None and value.size == 1:
            value = value.reshape(())  # one number, whatever its nesting: [[0.5]] is 0.5
        else:
            raise NotYet(say("share_not_one", got=described(value, got), hint=hint))
        expected = float((weights[pixels] < 0).mean())
        judge(
            float(value),
            expected,
            say("share_what"),
            hint,
            close=within(atol=1e-9),
            mistakes=_share_mistakes(weights, pixels),
            lead=say("share_lead", value=float(value)),
            shown=say("share_shown", value=float(value)),
            otherwise=say("share_wrong", value=float(value), expected=expected, hint=hint),
        )
    return say("share_correct")
