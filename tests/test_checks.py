"""The checkers never crash on a learner's mistake: a stub is 'not attempted', a bug is feedback."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import helpers.checks as checks
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET, attempt

rng = np.random.default_rng(0)
# Checkers whose answer is a learner's function, with the other arguments they need.
FUNCTION_CHECKERS = {
    "check_idx_shape": (),
    "check_mean_image": (),
    "check_stable_softmax": (),
    "check_cross_entropy": (),
    "check_gradient_one_example": (),
    "check_numerical_dW_entry": (),
    "check_sgd_step": (),
    "check_contribution_map": (rng.random(784), rng.normal(size=(784, 10))),
    "check_mean_difference_maps": (),
    "check_correlation_with_final": (),
    "check_settling_steps": (),
}


def untouched_stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def buggy(*args):
    raise ValueError("operands could not be broadcast together")


def returns_nonsense(*args):
    return "not an array"


def test_every_function_checker_is_listed_here():
    names = {name for name in checks.__all__ if name.startswith("check_")}
    value_checkers = {
        "check_pixel_count",
        "check_zero_pixel_share",
        "check_parameter_count",
        "check_bias_gradient_at_zero",
        "check_fast_learning_rate",
        "check_most_confused",
        "check_shift_down_accuracy",
    }
    assert names - value_checkers == set(FUNCTION_CHECKERS)


@pytest.mark.parametrize("name", FUNCTION_CHECKERS)
@pytest.mark.parametrize(
    ("attempt_func", "verdict"),
    [(untouched_stub, NOT_ATTEMPTED), (buggy, NOT_YET), (returns_nonsense, NOT_YET)],
)
def test_function_checkers_give_one_verdict_and_never_raise(name, attempt_func, verdict, capsys):
    getattr(checks, name)(attempt_func, *FUNCTION_CHECKERS[name])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(verdict), lines


def test_attempt_reports_stub_error_and_result(capsys):
    assert attempt(untouched_stub, hint="h") is None
    assert capsys.readouterr().out.startswith(f"{NOT_ATTEMPTED} fill in the body of untouched_stub")
    assert attempt(buggy, context=" (for Z)", hint=lambda e: f"about {e.split()[0]}") is None
    assert capsys.readouterr().out.strip() == (
        f"{NOT_YET} your function raised ValueError: operands could not be broadcast together"
        " (for Z). Hint: about your"
    )
    assert attempt(lambda: 42, hint="h") == 42
    assert capsys.readouterr().out == ""


def test_an_overflowing_attempt_raises_no_warning():
    # A warning would reach stderr in the notebook, and strict nbval compares stderr.
    with np.errstate(all="warn"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert attempt(lambda: np.exp(np.array([1000.0])), hint="h")[0] == np.inf
    assert caught == []


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [(..., NOT_ATTEMPTED), (783, NOT_YET), ("784", NOT_YET), (True, NOT_YET), (28 * 28, CORRECT)],
)
def test_value_checker(answer, verdict, capsys):
    checks.check_pixel_count(answer)
    assert capsys.readouterr().out.startswith(verdict)
