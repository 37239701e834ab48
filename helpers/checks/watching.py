"""Checkers of 06_watching_training: mean-difference maps, correlations, settling steps."""

from __future__ import annotations

import numpy as np

# The module, not its functions: this module's checkers share their names.
from helpers import maps
from helpers.checks.feedback import (
    NotYet,
    attempt,
    checker,
    compare,
    described,
    expect_shape,
    numbers,
    numbers_or_none,
    within,
)
from helpers.messages import catalog

__all__ = ["correlation_with_final", "mean_difference_maps", "settling_steps"]

say = catalog("checks.watching")


def _class_sets(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Made-up images (n, 784) and labels with unequal classes, 2 to 11 images each."""
    rng = np.random.default_rng(seed)
    # With unequal classes the mean of all images differs from the average of the ten class
    # means, so only the right one passes; each seed gives each label another count.
    y = rng.permutation(np.repeat(np.arange(10), rng.permutation(np.arange(2, 12))))
    return rng.random((len(y), 784), dtype=np.float32), y


def _difference_mistakes(expected: np.ndarray, X: np.ndarray) -> tuple:
    """(what a mistake returns, what it is) for mean-difference maps of X."""
    class_means = expected + X.mean(axis=0, dtype=np.float64)[:, None]
    return (
        (class_means, say("class_means")),
        (class_means - class_means.mean(axis=1, keepdims=True), say("average_of_means")),
        (-expected, say("flipped")),
    )


@checker(answer="function", points=2)
def mean_difference_maps(my_mean_difference_maps: object) -> str:
    """Exercise in 06: column k is the mean image of class k minus the mean image of all X."""
    for seed in (6, 7):
        X, y = _class_sets(seed)
        expected = maps.mean_difference_maps(X, y)
        result = attempt(
            my_mean_difference_maps,
            X,
            y,
            hint=say("class_mean_hint"),
            whole_job=[maps.mean_difference_maps],
        )
        got = numbers(result, say("maps_expected"))
        expect_shape(
            got,
            (784, 10),
            known=[((10, 784), say("per_row"))],
            otherwise=say("maps_shape", shape=got.shape),
        )
        digit = int(np.abs(got - expected).max(axis=0).argmax())
        compare(
            got,
            expected,
            close=within(rtol=1e-5, atol=1e-5),
            mistakes=_difference_mistakes(expected, X),
            otherwise=say("column_differs", digit=digit),
        )
    return say("maps_correct")


def _snapshots() -> np.ndarray:
    """Four snapshots of (784, 10) maps, noisier the earlier; the last is the final map."""
    rng = np.random.default_rng(60)
    # Maps whose mean is not 0, so a cosine similarity (no centring) does not pass.
    final = rng.normal(0.3, 1.0, size=(784, 10))
    noisy = [final + rng.normal(0.2, s, size=final.shape) for s in (3.0, 1.0, 0.4)]
    return np.stack([*noisy, final])


_SAME = within(rtol=1e-9, atol=1e-12)


@checker(answer="function", points=2)
def correlation_with_final(my_correlation_with_final: object) -> str:
    """Exercise in 06: entry [i, k] correlates snapshot i's map k with the final map k."""
    W = _snapshots()
    s, final = len(W), W[-1]
    expected = maps.map_correlations(W, final)
    result = attempt(
        my_correlation_with_final,
        W,
        hint=say("one_digit_hint"),
        whole_job=[maps.map_correlations],
    )
    got = numbers(result, say("correlations_expected"))
    expect_shape(
        got,
        expected.shape,
        known=[((10, s), say("transposed", s=s)), ((s,), say("one_per_snapshot"))],
        otherwise=say("correlations_shape", expected=expected.shape, shape=got.shape),
    )
    cosine = np.einsum("kpc,pc->kc", W, final) / (
        np.linalg.norm(W, axis=1) * np.linalg.norm(final, axis=0)
    )
    centring = say("cosine")
    i, k = np.unravel_index(np.abs(got - expected).argmax(), got.shape)
    # The snapshots are float64: a right answer agrees to 1e-12; one computed on float32
    # copies agrees only to about 1e-7, which a looser tolerance would let pass.
    if within(rtol=1e-5, atol=1e-6)(got, expected) and not _SAME(got, expected):
        raise NotYet(say("float32"))
    compare(
        got,
        expected,
        close=_SAME,
        mistakes=[(cosine, centring)],
        otherwise=say("entry_differs", i=i, k=k, expected=expected[i, k], got=got[i, k]),
    )
    return say("correlations_correct")


def _correlations(steps: np.ndarray) -> np.ndarray:
    """(s, 10) correlations that rise to 1, each digit crossing 0.9 at its own snapshot."""
    rng = np.random.default_rng(61)
    # Digit 0 crosses at step 5, dips below at step 10 and recovers at 20, so "first
    # crossing" is not the answer; digit 1 is above from the first step, never below.
    cross = np.array([2, 0, 1, 3, 4, 5, 6, 2, 3, 1])
    rise = np.linspace(0, 1, len(steps))[:, None]
    corr = np.where(np.arange(len(steps))[:, None] >= cross, 0.92, 0.5) + 0.07 * rise
    corr += rng.uniform(0, 0.005, size=corr.shape)
    corr[3, 0] = 0.8
    # Digit 3 reaches exactly the threshold at step 10: "at or above" counts it, so `<=`
    # for "below" gives step 20.
    corr[3, 3] = 0.9
    corr[-1] = 1.0
    return corr


def _fresh_case(seed: int, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """Random correlations (12, 10) and steps (12,) for threshold, one digit exactly at it."""
    rng = np.random.default_rng(seed)
    steps = np.cumsum(rng.integers(1, 40, size=12))
    corr = rng.uniform(threshold - 0.3, threshold - 0.01, size=(12, 10))
    settle = rng.integers(1, 11, size=10)  # the row each digit settles at
    for k in range(10):
        corr[settle[k] :, k] = rng.uniform(threshold + 0.001, 1.0, size=12 - settle[k])
    # Below now and then before settling, so "first crossing" is wrong here too.
    early = settle > 2
    corr[0, early] = threshold + 0.01
    exact = rng.integers(10)  # settles exactly at the threshold: the boundary
    corr[settle[exact], exact] = threshold
    corr[-1] = 1.0
    return corr, steps


def _settling_hint(error: str) -> str:
    """The hint for a settling_steps that raised: an IndexError is the digit never below."""
    return say("never_below_hint" if "IndexError" in error else "booleans_hint")


def _settled(
    my_settling_steps: object, corr: np.ndarray, steps: np.ndarray, threshold: float
) -> np.ndarray:
    """The learner's 10 settling steps for one case (on copies), or ❌ if not 10 numbers."""
    result = attempt(
        my_settling_steps,
        corr,
        steps,
        threshold,
        hint=_settling_hint,
        whole_job=[maps.settling_steps],
    )
    got = numbers_or_none(result, say("steps_expected"))
    if got is None or got.shape != (10,):
        raise NotYet(say("steps_shape", got=described(got, result)))
    return got


def _settling_mistakes(corr: np.ndarray, steps: np.ndarray, threshold: float) -> list:
    """What the usual mistakes return on the first case, and what each is (naming its digits)."""
    expected = maps.settling_steps(corr, steps, threshold)
    rows = np.searchsorted(steps, expected)
    return [
        (steps[np.argmax(corr >= threshold, axis=0)], say("first_crossing")),
        (
            maps.settling_steps(np.where(corr == threshold, -1.0, corr), steps, threshold),
            say("at_threshold"),
        ),
        (steps[np.maximum(rows - 1, 0)], say("last_below")),
        (rows, say("positions")),
    ]


@checker(answer="function", points=2)
def settling_steps(my_settling_steps: object) -> str:
    """Exercise in 06: the first step from which each digit's correlation stays >= threshold."""
    steps = np.array([1, 2, 5, 10, 20, 50, 100])
    corr = _correlations(steps)
    expected = maps.settling_steps(corr, steps, 0.9)
    got = _settled(my_settling_steps, corr, steps, 0.9)
    digit = int(np.argmax(got != expected))
    compare(
        got,
        expected,
        close=within(),  # step numbers are whole: equal or wrong
        mistakes=_settling_mistakes(corr, steps, 0.9),
        otherwise=say("digit_settles", digit=digit, expected=expected[digit], got=got[digit]),
    )
    # Fresh cases: other steps and thresholds, so no answer fitted to the first one passes.
    for seed, threshold in ((62, 0.95), (63, 0.8), (64, 0.9)):
        corr, steps = _fresh_case(seed, threshold)
        expected = maps.settling_steps(corr, steps, threshold)
        got = _settled(my_settling_steps, corr, steps, threshold)
        digit = int(np.argmax(got != expected))
        compare(
            got,
            expected,
            close=within(),
            otherwise=say(
                "fresh_settles",
                threshold=threshold,
                steps=steps.tolist(),
                digit=digit,
                expected=expected[digit],
                got=got[digit],
            ),
        )
    return say("settling_correct")
