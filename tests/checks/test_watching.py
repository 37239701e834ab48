"""Checkers of 06_watching_training: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks, maps
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.messages import message

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


FRESH_STEPS = [18, 42, 65, 95, 127, 158, 167, 179, 184, 212, 234, 271]
STUB = f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."
RAISED = (
    f"{NOT_YET} your function raised ValueError: operands could not be broadcast together with "
    "shapes (3,) (4,). Hint: {hint}"
)


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/watching.py."""
    return message("checks.watching", key, "en", **fields)


def not_yet(key: str, **fields: object) -> str:
    """The ❌ line of one sentence of the catalog."""
    return f"{NOT_YET} {says(key, **fields)}"


def fresh(digit: int, expected: int, got: float) -> str:
    """The ❌ line for a wrong settling step in the first fresh case (threshold 0.95)."""
    fields = {"threshold": 0.95, "steps": FRESH_STEPS}
    return not_yet("fresh_settles", digit=digit, expected=expected, got=got, **fields)


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, STUB),
        (differences, f"{CORRECT} {says('maps_correct')}"),
        (
            maps.mean_difference_maps,
            f"{NOT_YET} your function is mean_difference_maps from helpers, which does this "
            "exercise's whole job: the exercise is to write it yourself. "
            f"Hint: {says('class_mean_hint')}",
        ),
        (broken, RAISED.format(hint=says("class_mean_hint"))),
        (lambda X, y: "abc", f"{NOT_YET} expected {says('maps_expected')}, got str."),
        (class_means, not_yet("class_means")),
        (
            lambda X, y: class_means(X, y) - class_means(X, y).mean(1)[:, None],
            not_yet("average_of_means"),
        ),
        (lambda X, y: differences(X, y).T, not_yet("per_row")),
        (lambda X, y: -differences(X, y), not_yet("flipped")),
        (lambda X, y: differences(X, y)[:, :5], not_yet("maps_shape", shape=(784, 5))),
        (lambda X, y: differences(X, y) + np.eye(784, 10), not_yet("column_differs", digit=2)),
    ],
)
def test_mean_difference_maps_says(said, attempt, line):
    assert said(checks.mean_difference_maps, attempt) == line


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, STUB),
        (correlations, f"{CORRECT} {says('correlations_correct')}"),
        (broken, RAISED.format(hint=says("one_digit_hint"))),
        (lambda W: "abc", f"{NOT_YET} expected {says('correlations_expected')}, got str."),
        (cosines, not_yet("cosine")),
        (lambda W: correlations(W).T, not_yet("transposed", s=4)),
        (lambda W: correlations(W).mean(axis=1), not_yet("one_per_snapshot")),
        (
            lambda W: correlations(W)[:2],
            not_yet("correlations_shape", expected=(4, 10), shape=(2, 10)),
        ),
        (off_at_one_entry, not_yet("entry_differs", i=3, k=1, expected=1.0, got=1.04)),
    ],
)
def test_correlation_with_final_says(said, attempt, line):
    assert said(checks.correlation_with_final, attempt) == line


@pytest.mark.parametrize(
    ("attempt", "line"),
    [
        (stub, STUB),
        (settle, SETTLED := f"{CORRECT} {says('settling_correct')}"),
        (lambda c, s, t: list(settle(c, s, t)), SETTLED),
        (broken, RAISED.format(hint=says("booleans_hint"))),
        (
            never_below_forgotten,
            f"{NOT_YET} your function raised IndexError: index -1 is out of bounds for axis 0 "
            f"with size 0. Hint: {says('never_below_hint')}",
        ),
        (lambda c, s, t: "abc", not_yet("steps_shape", got="str")),
        (first_crossing, not_yet("first_crossing")),
        (positions, not_yet("positions")),
        (lambda c, s, t: settle(c, s, t)[:5], not_yet("steps_shape", got="shape (5,)")),
        (
            lambda c, s, t: settle(c, s, t) + 1,
            not_yet("digit_settles", digit=0, expected=20, got=21),
        ),
        (
            lambda c, s, t: settle(c, s, t) + 0.5,
            not_yet("digit_settles", digit=0, expected=20, got=20.5),
        ),
        (below_or_equal, not_yet("at_threshold")),
        (
            lambda c, s, t: s[np.argmax(c > t, axis=0)],
            not_yet("digit_settles", digit=0, expected=20, got=5),
        ),
        (last_below, not_yet("last_below")),
        # The right answer to the first case, whatever the case.
        (first_case, fresh(0, 167, 20)),
        (threshold_fixed, fresh(4, 127, 95)),
        (lambda c, s, t: settle(c, s, t) + (len(s) > 7), fresh(0, 167, 168)),
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
    assert says("class_means") in verdict(capsys, check, means)
    mean_of_means = verdict(capsys, check, lambda X, y: means(X, y) - means(X, y).mean(1)[:, None])
    assert says("average_of_means") in mean_of_means
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
    assert says("cosine") in verdict(capsys, check, cosine)
    assert says("transposed", s=4) in verdict(capsys, check, lambda W: right(W).T)


def test_check_settling_steps_explains_common_mistakes(capsys):
    def first_crossing(corr, steps, threshold):
        return steps[np.argmax(corr >= threshold, axis=0)]

    check = checks.settling_steps
    assert verdict(capsys, check, lambda c, s, t: ...).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, settle).startswith(CORRECT)
    assert says("first_crossing") in verdict(capsys, check, first_crossing)
    positions = verdict(capsys, check, lambda c, s, t: np.searchsorted(s, settle(c, s, t)))
    assert says("positions") in positions


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.watching", key, "zh", **fields)

    line = said(checks.mean_difference_maps, lambda X, y: -differences(X, y))
    assert line.startswith("❌") and line.endswith(zh("flipped")), line
    assert said(checks.correlation_with_final, cosines).endswith(zh("cosine"))
    line = said(checks.settling_steps, lambda c, s, t: settle(c, s, t) + 1)
    assert line.endswith(zh("digit_settles", digit=0, expected=20, got=21)), line
