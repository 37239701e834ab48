"""feedback, the checkers' shared judge, and the contract every checker keeps through it:
one line, and never an exception for a learner's mistake."""

from __future__ import annotations

import io
import operator
import sys
import warnings

import numpy as np
import pytest

from helpers import checks
from helpers.checks.feedback import (
    CORRECT,
    NOT_ATTEMPTED,
    NOT_YET,
    Between,
    NotAttempted,
    NotYet,
    all_close,
    as_pair,
    attempt,
    checker,
    first_known_mistake,
    judge,
    judge_number,
    number,
    numbers,
    within,
)

rng = np.random.default_rng(0)
# Checkers whose answer is a learner's function, with the other arguments they need.
FUNCTION_CHECKERS = {
    "idx_shape": (),
    "mean_image": (),
    "stable_softmax": (),
    "cross_entropy": (),
    "decayed_gradients": (),
    "numerical_dW_entry": (),
    "sgd_loop": (),
    "contribution_map": (rng.random(784), rng.normal(size=(784, 10))),
    "mean_difference_maps": (),
    "correlation_with_final": (),
    "settling_steps": (),
    "relu_backward": (),
    "slant": (),
    "shift_pixels": (),
    "best_template": (),
    "class_accuracy_without": (),
    "evidence": (),
    "share_negative": (),
}
# Checkers whose answer is a value, with the other arguments they need.
VALUE_CHECKERS = {
    "pixel_count": (),
    "zero_pixel_share": (),
    "parameter_count": (),
    "mlp_parameter_count": (),
    "bias_gradient_at_zero": (rng.integers(0, 10, size=100),),
    "fast_learning_rate": (None, None, None, None),
    "red_surround": (np.ones((784, 10)), np.zeros(10), np.ones((20, 784)), np.arange(20) % 10),
    "shift_down_accuracy": (np.zeros((784, 10)), np.zeros(10), np.zeros((20, 784)), np.zeros(20)),
    "filled_zero": (rng.normal(size=(784, 10)), np.zeros(10)),
    "fooling_drawing": (3, rng.normal(size=(784, 10)), np.zeros(10)),
    "centre_pixels": (rng.normal(size=(784, 10)),),
}


def untouched_stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def buggy(*args):
    raise ValueError("operands could not be broadcast together")


def returns_nonsense(*args):
    return "not an array"


def forgot_return(*args):
    """A finished body whose last line computes the answer but does not return it."""
    answer = len(args) * 2  # noqa: F841


def exits(*args):
    sys.exit(1)


def returns_huge(*args):
    return 10**400


def returns_inf_pair(*args):
    return (np.inf, 3)


def test_every_checker_is_listed_here():
    names = {name for name in checks.__all__ if name.isidentifier() and not name.isupper()}
    assert names == set(FUNCTION_CHECKERS) | set(VALUE_CHECKERS)


@pytest.mark.parametrize("name", FUNCTION_CHECKERS)
@pytest.mark.parametrize(
    ("attempt_func", "verdict"),
    [
        (untouched_stub, NOT_ATTEMPTED),
        (buggy, NOT_YET),
        (returns_nonsense, NOT_YET),
        (forgot_return, NOT_YET),
        (exits, NOT_YET),
        (returns_huge, NOT_YET),
        (returns_inf_pair, NOT_YET),
    ],
)
def test_function_checkers_give_one_verdict_and_never_raise(name, attempt_func, verdict, capsys):
    getattr(checks, name)(attempt_func, *FUNCTION_CHECKERS[name])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(verdict), lines


@pytest.mark.parametrize("name", VALUE_CHECKERS)
@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (..., NOT_ATTEMPTED),
        ("not a number", NOT_YET),
        (np.nan, NOT_YET),
        (object(), NOT_YET),
        (10**400, NOT_YET),
        ((np.inf, 3), NOT_YET),
        ([10**400, 3], NOT_YET),
    ],
)
def test_value_checkers_give_one_verdict_and_never_raise(name, answer, verdict, capsys):
    getattr(checks, name)(answer, *VALUE_CHECKERS[name])
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(verdict), lines


# --- the pieces ------------------------------------------------------------------------------


@checker
def example(outcome: str) -> str:
    """A checker that reaches each verdict on request."""
    if outcome == "stub":
        raise NotAttempted("fill it in.")
    if outcome == "wrong":
        raise NotYet("it is wrong. Hint: think.")
    if outcome == "bug":
        raise KeyError("a bug in the checker itself")
    return "it is right."


@pytest.mark.parametrize(
    ("outcome", "line"),
    [
        ("right", f"{CORRECT} it is right."),
        ("wrong", f"{NOT_YET} it is wrong. Hint: think."),
        ("stub", f"{NOT_ATTEMPTED} fill it in."),
    ],
)
def test_checker_prints_the_one_line_of_its_verdict(outcome, line, capsys):
    assert example(outcome) is None
    assert capsys.readouterr().out == line + "\n"


def test_checker_lets_a_bug_of_its_own_raise():
    # Only a learner's mistake is feedback; a checker's own bug must fail the tests.
    with pytest.raises(KeyError):
        example("bug")


def test_a_verdict_prints_where_stdout_cannot_encode_it(monkeypatch):
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr(sys, "stdout", ascii_out)
    example("right")
    ascii_out.flush()
    assert ascii_out.buffer.getvalue() == b"? Correct: it is right.\n"


def test_checker_keeps_the_name_and_docstring():
    assert example.__name__ == "example" and "each verdict" in example.__doc__


def test_attempt_reports_stub_error_and_result():
    with pytest.raises(NotAttempted, match="^fill in the body of untouched_stub, then run"):
        attempt(untouched_stub, hint="h")
    with pytest.raises(NotAttempted, match="^replace the one line, then run this cell again.$"):
        attempt(lambda: None, hint="h", todo="replace the one line")
    with pytest.raises(NotYet) as raised:
        attempt(buggy, context=" (for Z)", hint=lambda error: f"about {error.split()[0]}")
    assert str(raised.value) == (
        "your function raised ValueError: operands could not be broadcast together (for Z). "
        "Hint: about your"
    )
    with pytest.raises(NotYet, match="^expected a function, got int. Hint: h$"):
        attempt(42, hint="h")
    assert attempt(lambda: 42, hint="h") == 42


def test_a_body_without_return_is_told_so_not_called_untouched():
    with pytest.raises(NotYet) as raised:
        attempt(forgot_return, hint="end with the answer")
    assert str(raised.value) == (
        "your function returned None: end forgot_return with `return` and the result. "
        "Hint: end with the answer"
    )


def test_sys_exit_in_a_learners_function_is_feedback():
    with pytest.raises(NotYet, match="^your function raised SystemExit: 1. Hint: h$"):
        attempt(exits, hint="h")


def test_a_number_too_large_for_a_float_gets_a_sentence():
    with pytest.raises(NotYet, match="^expected a count, got a whole number too large for a"):
        number(10**400, todo="a count", expected="a count")
    with pytest.raises(NotYet, match="^expected W, got a whole number too large for a float.$"):
        numbers([10**400, 1], "W")


def test_numbers_refuse_text_and_complex_that_numpy_would_convert():
    with pytest.raises(NotYet, match="^expected W, got text '0.5': numbers written as strings"):
        numbers("0.5", "W")
    with pytest.raises(NotYet, match="^expected W, got complex numbers: the answer is real"):
        numbers([1j, 2], "W")
    with pytest.raises(NotYet, match="^expected W, got str.$"):
        numbers("abc", "W")


def test_a_stub_that_raises_not_implemented_is_a_stub():
    def raises(*args):
        raise NotImplementedError

    with pytest.raises(NotAttempted):
        attempt(raises, hint="h")


def test_an_overflowing_attempt_raises_no_warning():
    # A warning would reach stderr in the notebook, and strict nbval compares stderr.
    with np.errstate(all="warn"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert attempt(lambda: np.exp(np.array([1000.0])), hint="h")[0] == np.inf
    assert caught == []


@pytest.mark.parametrize(
    ("answer", "raised", "message"),
    [
        (..., NotAttempted, "replace the ... with the rate, then run this cell again."),
        (None, NotAttempted, "replace the ... with the rate, then run this cell again."),
        (True, NotYet, "expected a number for the rate, got bool. Hint: h"),
        ("0.5", NotYet, "expected a number for the rate, got str. Hint: h"),
        (np.array(0.5), NotYet, "expected a number for the rate, got ndarray. Hint: h"),
    ],
)
def test_number_refuses_what_is_not_one_number(answer, raised, message):
    with pytest.raises(raised) as caught:
        number(answer, todo="the rate", expected="a number for the rate", hint="h")
    assert str(caught.value) == message


@pytest.mark.parametrize("answer", [3, 3.0, np.int64(3), np.float32(3)])
def test_number_returns_a_float(answer):
    value = number(answer, todo="t", expected="e")
    assert value == 3.0 and type(value) is float


def test_as_pair_says_what_is_off():
    first, second = as_pair(([1, 2], 3), "(dW, db)")
    assert first.tolist() == [1.0, 2.0] and second.tolist() == 3.0
    with pytest.raises(NotYet, match=r"got tuple of length 3\. Hint: .*`return dW, db`"):
        as_pair((1, 2, 3), "(dW, db)")
    with pytest.raises(NotYet, match="to be two arrays of numbers, got str and int"):
        as_pair(("a", 1), "(dW, db)")


def test_first_known_mistake_names_the_first_match_or_none():
    table = [(1.0, "one"), (2.0, "two"), (2.0, "two again"), (Between(10, 100), "a percentage")]
    close = within(rtol=1e-6)
    assert first_known_mistake(2.0000001, table, close) == "two"
    assert first_known_mistake(100, table, close) == "a percentage"
    assert first_known_mistake(10, table, close) is None  # Between excludes its low end
    assert first_known_mistake(np.nan, table, close) is None
    assert first_known_mistake((10, 784), [((10, 784), "transposed")], operator.eq)


def test_within_needs_the_same_shape():
    assert all_close(np.ones(3), np.ones(3) + 1e-9)
    assert not all_close(np.ones(3), np.ones((1, 3)))
    assert not all_close(np.ones(3), np.full(3, np.nan))
    assert within()(np.array([1, 2]), [1, 2]) and not within()(np.array([1, 2]), [1, 3])


@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_judge_refuses_nan_and_infinity_before_comparing(value):
    # NaN is close to nothing, so without this a checker that only asks "is it far from the
    # answer?" (abs(value - expected) > tol is False for NaN) would call it correct.
    def close(got, known):
        return True  # even a rule that accepts everything never sees the value

    with pytest.raises(NotYet) as raised:
        judge(value, 784, "the count", "multiply.", close=close, mistakes=[(value, "a mistake")])
    assert str(raised.value) == (
        f"{value} is not a finite number, so it cannot be the count. Hint: multiply."
    )


def test_judge_says_the_known_mistake_after_the_lead_or_otherwise():
    close = within(rtol=1e-9)
    mistakes = [(7840, "that counts W only.")]
    assert judge(7850.0, 7850, "the count", "h", close=close, mistakes=mistakes) is None
    with pytest.raises(NotYet, match="^7840: that counts W only.$"):
        judge(7840.0, 7850, "the count", "h", close=close, mistakes=mistakes, lead="7840: ")
    with pytest.raises(NotYet, match="^12.0 is not the count. Hint: h$"):
        judge(12.0, 7850, "the count", "h", close=close, mistakes=mistakes)
    with pytest.raises(NotYet, match="^twelve$"):
        judge(12.0, 7850, "the count", "h", close=close, otherwise="twelve")


def test_judge_number_writes_the_answer_as_given():
    assert judge_number(784, 784, "the count", "h") == "784 is the count."
    assert judge_number(np.float32(784), 784, "the count", "h") == "784.0 is the count."
    with pytest.raises(NotYet, match="^nan is not a finite number, so it cannot be the count"):
        judge_number(np.float32("nan"), 784, "the count", "h")
    with pytest.raises(NotYet, match="^7840: W only$"):
        judge_number(7840, 784, "the count", "h", mistakes=[(7840, "W only")], sep=": ")
