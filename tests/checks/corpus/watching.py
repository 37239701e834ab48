"""Wrong answers to 06's exercises: mean-difference maps, correlations, settling steps."""

from __future__ import annotations

from string import Formatter

import numpy as np

import helpers
from helpers import map_correlations, mean_difference_maps, settling_steps
from helpers.checks.watching import _class_sets
from helpers.messages import entries, message
from tests.checks.corpus import Wrong


def class_means(X, y):
    return np.stack([X[y == k].mean(axis=0) for k in range(10)], axis=1)


def differences(X, y):
    return class_means(X, y) - X.mean(axis=0)[:, None]


def calls_the_helper(X, y):
    return mean_difference_maps(X, y)


def through_the_module(X, y):
    return helpers.mean_difference_maps(X, y)


def mean_of_means(X, y):
    means = class_means(X, y)
    return means - means.mean(axis=1, keepdims=True)


def centres_in_place(X, y):
    X -= X.mean(axis=0)
    return class_means(X, y)


FIRST_SET = differences(*_class_sets(6))


def as_text(X, y):
    return differences(X, y).astype(str)


def no_return(X, y):
    maps = differences(X, y)  # noqa: F841 (the mistake)


def correlations(W, final=None):
    """A learner's own correlations of each snapshot's maps with `final` (the last, by default)."""
    final = W[-1] if final is None else final
    return np.array([[np.corrcoef(S[:, k], final[:, k])[0, 1] for k in range(10)] for S in W])


def calls_map_correlations(W):
    return map_correlations(W, W[-1])


def map_correlations_by_module(W):
    return helpers.map_correlations(W, W[-1])


def cosines(W):
    return np.einsum("kpc,pc->kc", W, W[-1]) / (
        np.linalg.norm(W, axis=1) * np.linalg.norm(W[-1], axis=0)
    )


def float32_copy(W):
    return correlations(W.astype(np.float32))


def in_float32(W):
    W = W.astype(np.float32)
    A = W - W.mean(axis=1, keepdims=True)
    return np.einsum("kpc,pc->kc", A, A[-1]) / (
        np.linalg.norm(A, axis=1) * np.linalg.norm(A[-1], axis=0)
    )


def correlations_no_return(W):
    corr = correlations(W)  # noqa: F841 (the mistake)


def with_the_first(W):
    return correlations(W, W[0])


def settle(corr, steps, threshold, below=np.less):
    """A learner's own settling steps, `below` deciding what counts as below the threshold."""
    rows = [np.flatnonzero(below(corr[:, k], threshold)) for k in range(10)]
    settled = [r[-1] + 1 if len(r) else 0 for r in rows]
    return np.array([steps[row] if row < len(steps) else -1 for row in settled])


def calls_settling_steps(corr, steps, threshold):
    return settling_steps(corr, steps, threshold)


def below_or_equal(corr, steps, threshold):
    return settle(corr, steps, threshold, below=np.less_equal)


def first_crossing(corr, steps, threshold):
    return steps[np.argmax(corr >= threshold, axis=0)]


def last_below(corr, steps, threshold):
    rows = [np.flatnonzero(corr[:, k] < threshold) for k in range(10)]
    return np.array([steps[r[-1]] if len(r) else steps[0] for r in rows])


def positions(corr, steps, threshold):
    return np.searchsorted(steps, settle(corr, steps, threshold))


def steps_as_text(corr, steps, threshold):
    return [str(step) for step in settle(corr, steps, threshold)]


def first_case(corr, steps, threshold):
    return np.array([20, 1, 2, 10, 20, 50, 100, 5, 10, 2])


def threshold_fixed(corr, steps, threshold):
    return settle(corr, steps, 0.9)


def never_below_forgotten(corr, steps, threshold):
    return np.array([steps[np.flatnonzero(corr[:, k] < threshold)[-1] + 1] for k in range(10)])


def settle_no_return(corr, steps, threshold):
    answer = settle(corr, steps, threshold)  # noqa: F841 (the mistake)


WHOLE_JOB = "from helpers, which does this exercise's whole job"
TEXT = "numbers written as strings are not numbers"


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/watching.py."""
    return message("checks.watching", key, "en", **fields)


def piece(key: str, index: int) -> str:
    """One stretch of the literal text of a sentence of that catalog."""
    return [text for text, *_ in Formatter().parse(entries("checks.watching")[key]) if text][index]


FRESH = piece("fresh_settles", 0)  # "with threshold ": a fresh case, not the first

CORPUS = {
    "mean_difference_maps": [
        Wrong((mean_difference_maps,), f"your function is mean_difference_maps {WHOLE_JOB}", "="),
        Wrong((calls_the_helper,), f"calls mean_difference_maps {WHOLE_JOB}", "calls it"),
        Wrong((through_the_module,), f"calls mean_difference_maps {WHOLE_JOB}", "helpers."),
        Wrong((class_means,), says("class_means"), "class means"),
        Wrong((mean_of_means,), says("average_of_means"), "mean of means"),
        Wrong((lambda X, y: differences(X, y).T,), says("per_row"), "transposed"),
        Wrong((lambda X, y: -differences(X, y),), says("flipped"), "reversed"),
        Wrong((centres_in_place,), "your function writes into an array it was given", "X -="),
        Wrong((lambda X, y: FIRST_SET,), piece("column_differs", 2), "hard-coded"),
        Wrong((as_text,), TEXT, "strings"),
        Wrong((no_return,), "your function returned None", "no return"),
    ],
    "correlation_with_final": [
        Wrong((calls_map_correlations,), f"calls map_correlations {WHOLE_JOB}", "calls it"),
        Wrong((map_correlations_by_module,), f"calls map_correlations {WHOLE_JOB}", "helpers."),
        Wrong((cosines,), says("cosine"), "no centring"),
        Wrong((float32_copy,), says("float32"), "a float32 copy of W"),
        Wrong((in_float32,), says("float32"), "float32 throughout"),
        Wrong((lambda W: correlations(W).T,), says("transposed", s=4), "transposed"),
        Wrong((lambda W: correlations(W).mean(axis=1),), says("one_per_snapshot"), "mean"),
        Wrong((with_the_first,), piece("entry_differs", -2), "with the first snapshot"),
        Wrong((lambda W: correlations(W).astype(str),), TEXT, "strings"),
        Wrong((correlations_no_return,), "your function returned None", "no return"),
    ],
    "settling_steps": [
        Wrong((settling_steps,), f"your function is settling_steps {WHOLE_JOB}", "="),
        Wrong((calls_settling_steps,), f"calls settling_steps {WHOLE_JOB}", "calls it"),
        Wrong((below_or_equal,), says("at_threshold"), "<="),
        Wrong((first_crossing,), says("first_crossing"), "first"),
        Wrong((last_below,), says("last_below"), "last below"),
        Wrong((positions,), says("positions"), "row positions"),
        Wrong((steps_as_text,), TEXT, "strings"),
        Wrong((first_case,), f"{FRESH}0.95", "hard-coded"),
        Wrong((threshold_fixed,), f"{FRESH}0.95", "threshold fixed to 0.9"),
        Wrong((never_below_forgotten,), says("never_below_hint"), "IndexError"),
        Wrong((settle_no_return,), "your function returned None", "no return"),
    ],
}
