"""Checkers of 06_watching_training: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks, maps
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET

# A learner's own answers, from the corpus: the checkers turn helpers.maps' functions into
# tripwires while an answer runs, so these tests must not call them.
from tests.checks.corpus.watching import (
    below_or_equal,
    class_means,
    correlations,
    cosines,
    differences,
    first_case,
    first_crossing,
    last_below,
    never_below_forgotten,
    positions,
    settle,
    threshold_fixed,
)


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def off_at_one_entry(W):
    corr = correlations(W)
    corr[3, 1] += 0.04
    return corr


FRESH_STEPS = "[18, 42, 65, 95, 127, 158, 167, 179, 184, 212, 234, 271]"


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            differences,
            "✅ Correct: each column is a class's mean image minus the mean of all images.",
        ),
        (
            maps.mean_difference_maps,
            "❌ Not yet: your function is mean_difference_maps from helpers, which does this "
            "exercise's whole job: the exercise is to write it yourself. Hint: X[y == k]"
            ".mean(axis=0) is the mean image of class k.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: X[y == k].mean(axis=0) is the mean image of "
            "class k.",
        ),
        (lambda X, y: "abc", "❌ Not yet: expected an array of shape (784, 10), got str."),
        (
            class_means,
            "❌ Not yet: those are the mean images of the classes; subtract the mean image of all "
            "rows, X.mean(axis=0), from each of them.",
        ),
        (
            lambda X, y: class_means(X, y) - class_means(X, y).mean(1)[:, None],
            "❌ Not yet: you subtracted the average of the ten class means; subtract the mean of "
            "all rows, X.mean(axis=0), instead: the classes differ in size, so the two are not "
            "equal.",
        ),
        (
            lambda X, y: differences(X, y).T,
            "❌ Not yet: got shape (10, 784), one row per class; W has one column per class, so "
            "return shape (784, 10), e.g. with np.stack(columns, axis=1) or .T.",
        ),
        (
            lambda X, y: -differences(X, y),
            "❌ Not yet: the signs are flipped: class mean minus overall mean, not the reverse.",
        ),
        (
            lambda X, y: differences(X, y)[:, :5],
            "❌ Not yet: expected shape (784, 10), one column per digit, got shape (784, 5).",
        ),
        (
            lambda X, y: differences(X, y) + np.eye(784, 10),
            "❌ Not yet: column 2 (digit 2) differs from the mean image of the rows labelled 2 "
            "minus the mean image of all rows.",
        ),
    ],
)
def test_mean_difference_maps_says(said, attempt, line):
    assert said(checks.mean_difference_maps, attempt) == line


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            correlations,
            "✅ Correct: each entry correlates one snapshot's map with the final map of its digit.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: work on one digit k at a time: W_snapshots[i, "
            ":, k].",
        ),
        (
            lambda W: "abc",
            "❌ Not yet: expected an array of shape (s, 10) for s snapshots, got str.",
        ),
        (
            cosines,
            "❌ Not yet: that is the cosine similarity; a correlation first subtracts each map's "
            "own mean (np.corrcoef(a, b)[0, 1] does both).",
        ),
        (
            lambda W: correlations(W).T,
            "❌ Not yet: got shape (10, 4); return one row per snapshot: shape (4, 10).",
        ),
        (
            lambda W: correlations(W).mean(axis=1),
            "❌ Not yet: got one number per snapshot; compute one per digit, correlating column k "
            "with column k of the final map: shape (s, 10) for s snapshots.",
        ),
        (
            lambda W: correlations(W)[:2],
            "❌ Not yet: expected shape (4, 10), one row per snapshot, got (2, 10).",
        ),
        (
            off_at_one_entry,
            "❌ Not yet: entry [3, 1] should be 1.0000, the correlation of snapshot 3's map for "
            "digit 1 with the last snapshot's, got 1.0400.",
        ),
    ],
)
def test_correlation_with_final_says(said, attempt, line):
    assert said(checks.correlation_with_final, attempt) == line


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            settle,
            "✅ Correct: each digit's settling step is where it reaches the threshold for good.",
        ),
        (
            lambda c, s, t: list(settle(c, s, t)),
            "✅ Correct: each digit's settling step is where it reaches the threshold for good.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,). Hint: (correlations >= threshold) is an (s, 10) "
            "array of booleans.",
        ),
        (
            never_below_forgotten,
            "❌ Not yet: your function raised IndexError: index -1 is out of bounds for axis 0 "
            "with size 0. Hint: digit 1 is at or above the threshold at every snapshot, so it "
            "has no snapshot below it and below[-1] finds nothing; such a digit settles at the "
            "first step, steps[0].",
        ),
        (lambda c, s, t: "abc", "❌ Not yet: expected 10 step numbers, one per digit, got str."),
        (
            first_crossing,
            "❌ Not yet: that is the first step at or above the threshold; digit 0 crosses at "
            "step 5 but dips back below at step 10. Find the step after the last one below the "
            "threshold.",
        ),
        (
            positions,
            "❌ Not yet: those are row positions; return the step numbers: steps[positions].",
        ),
        (
            lambda c, s, t: settle(c, s, t)[:5],
            "❌ Not yet: expected 10 step numbers, one per digit, got shape (5,).",
        ),
        (
            lambda c, s, t: settle(c, s, t) + 1,
            "❌ Not yet: digit 0 should settle at step 20 (its correlation stays at or above 0.9 "
            "from there on), got 21.",
        ),
        (
            lambda c, s, t: settle(c, s, t) + 0.5,
            "❌ Not yet: digit 0 should settle at step 20 (its correlation stays at or above 0.9 "
            "from there on), got 20.5.",
        ),
        (
            below_or_equal,
            "❌ Not yet: digit 3 reaches exactly the threshold at step 10 and stays at or above "
            "it: 'at or above' includes equal, so it has settled there. Count a snapshot as "
            "below only when correlations < threshold.",
        ),
        (
            lambda c, s, t: s[np.argmax(c > t, axis=0)],
            "❌ Not yet: digit 0 should settle at step 20 (its correlation stays at or above 0.9 "
            "from there on), got 5.",
        ),
        (
            last_below,
            "❌ Not yet: those are the last steps below the threshold; a digit settles at the "
            "snapshot after its last one below.",
        ),
        (
            first_case,  # the right answer to the first case, whatever the case
            f"❌ Not yet: with threshold 0.95 and steps {FRESH_STEPS}, digit 0 should settle at "
            "step 167, got 20.",
        ),
        (
            threshold_fixed,
            f"❌ Not yet: with threshold 0.95 and steps {FRESH_STEPS}, digit 4 should settle at "
            "step 127, got 95.",
        ),
        (
            lambda c, s, t: settle(c, s, t) + (len(s) > 7),
            f"❌ Not yet: with threshold 0.95 and steps {FRESH_STEPS}, digit 0 should settle at "
            "step 167, got 168.",
        ),
    ],
)
def test_settling_steps_says(said, attempt, line):
    assert said(checks.settling_steps, attempt) == line


# The tests below were first written in tests/test_explorer.py, with the check_* names.


def verdict(capsys, check, attempt) -> str:
    check(attempt)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_check_mean_difference_maps_explains_common_mistakes(capsys):
    def means(X, y):
        return np.stack([X[y == k].mean(axis=0) for k in range(10)], axis=1)

    def right(X, y):
        return means(X, y) - X.mean(axis=0)[:, None]

    check = checks.mean_difference_maps
    assert verdict(capsys, check, lambda X, y: ...).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, right).startswith(CORRECT)
    assert "subtract the mean image of all rows" in verdict(capsys, check, means)
    mean_of_means = verdict(capsys, check, lambda X, y: means(X, y) - means(X, y).mean(1)[:, None])
    assert "average of the ten class means" in mean_of_means
    assert "(784, 10)" in verdict(capsys, check, lambda X, y: right(X, y).T)
    assert verdict(capsys, check, lambda X, y: 1 / 0).startswith(NOT_YET)


def test_check_correlation_with_final_explains_common_mistakes(capsys):
    def right(W):
        return correlations(W)

    def cosine(W):
        return np.einsum("kpc,pc->kc", W, W[-1]) / (
            np.linalg.norm(W, axis=1) * np.linalg.norm(W[-1], axis=0)
        )

    check = checks.correlation_with_final
    assert verdict(capsys, check, lambda W: None).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, right).startswith(CORRECT)
    assert "cosine similarity" in verdict(capsys, check, cosine)
    assert "one row per snapshot" in verdict(capsys, check, lambda W: right(W).T)


def test_check_settling_steps_explains_common_mistakes(capsys):
    def first_crossing(corr, steps, threshold):
        return steps[np.argmax(corr >= threshold, axis=0)]

    check = checks.settling_steps
    assert verdict(capsys, check, lambda c, s, t: ...).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, settle).startswith(CORRECT)
    assert "dips back below" in verdict(capsys, check, first_crossing)
    positions = verdict(capsys, check, lambda c, s, t: np.searchsorted(s, settle(c, s, t)))
    assert "row positions" in positions
