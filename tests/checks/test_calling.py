"""calling.attempt: the answer gets read-only copies, and tripwires stand for whole-job helpers."""

from __future__ import annotations

import sys
import warnings

import numpy as np
import pytest

import helpers
from helpers import model, softmax
from helpers.checks.calling import attempt, tripwires
from helpers.checks.feedback import NotAttempted, NotYet
from helpers.messages import message


def says(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.calling catalog."""
    return message("checks.calling", key, lang, **fields)


Z = np.arange(6.0).reshape(2, 3)


def uses_the_global(Z):
    return softmax(Z)


def uses_the_module(Z):
    return helpers.softmax(Z)


def imports_it_inside(Z):
    from helpers.model import softmax as sm

    return sm(Z)


def swallows_the_error(Z):
    try:
        return model.softmax(Z)
    except BaseException:  # noqa: BLE001 - what a learner hiding the call would write
        return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)


@pytest.mark.parametrize(
    "answer", [uses_the_global, uses_the_module, imports_it_inside, swallows_the_error]
)
def test_a_call_to_a_whole_job_helper_is_named_however_it_is_reached(answer):
    with pytest.raises(NotYet) as refused:
        attempt(answer, Z, hint="write it.", whole_job=[softmax])
    assert str(refused.value) == says("calls_helper", name="softmax", hint="write it.")


def test_the_helpers_are_back_after_the_attempt_whatever_happened():
    for answer in (uses_the_global, swallows_the_error):
        with pytest.raises(NotYet):
            attempt(answer, Z, hint="", whole_job=[softmax])
    assert helpers.softmax is model.softmax is softmax
    assert uses_the_global.__globals__["softmax"] is softmax
    assert np.allclose(uses_the_global(Z).sum(axis=1), 1)


def test_an_answer_that_writes_it_out_passes_the_tripwires():
    def writes_it(Z):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)

    got = attempt(writes_it, Z, hint="", whole_job=[softmax])
    assert np.allclose(got, softmax(Z))


def test_tripwires_name_nothing_when_no_helper_is_listed():
    with tripwires(uses_the_global, ()) as called:
        uses_the_global(Z)
    assert called == []


def test_arrays_are_handed_over_as_read_only_copies():
    seen = []

    def keeps(X):
        seen.append(X)
        return X.sum()

    X = np.ones(3)
    attempt(keeps, X, hint="")
    assert seen[0] is not X and not seen[0].flags.writeable and X.flags.writeable


@pytest.mark.parametrize(
    "writes", [lambda X: X.__setitem__(0, 5.0), lambda X: np.divide(X, 2, out=X)]
)
def test_an_answer_that_writes_into_its_input_is_told_so(writes):
    X = np.ones(3)
    with pytest.raises(NotYet) as refused:
        attempt(writes, X, hint="unused", context=" for X of shape (3,)")
    assert str(refused.value) == says(
        "failed",
        error=says("writes_input"),
        context=" for X of shape (3,)",
        hint=says("leave_input"),
    )
    assert (X == 1).all()


def test_writable_hands_the_arrays_as_given():
    X = np.ones(3)
    attempt(lambda X: X.__setitem__(0, 5.0) or 1, X, hint="", writable=True)
    assert X[0] == 5.0


def test_an_answer_that_is_the_helper_itself_is_named():
    with pytest.raises(NotYet) as refused:
        attempt(softmax, Z, hint=lambda error: f"not {error}.", whole_job=[softmax])
    assert str(refused.value) == says("is_helper", name="softmax", hint="not softmax.")


@pytest.mark.parametrize("answer", [uses_the_global, uses_the_module, imports_it_inside])
def test_a_substitute_stands_in_for_its_helper_however_it_is_reached(answer):
    def stand_in(Z):
        return "stand-in"

    assert attempt(answer, Z, hint="", substitute={softmax: stand_in}) == "stand-in"
    assert helpers.softmax is model.softmax is softmax


def test_attempt_speaks_the_kernels_language(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(NotYet) as refused:
        attempt(uses_the_global, Z, hint="写出来。", whole_job=[softmax])
    assert str(refused.value) == says("calls_helper", "zh", name="softmax", hint="写出来。")
    with pytest.raises(NotYet) as refused:
        attempt(lambda Z: Z.__setitem__(0, 1.0), Z, hint="unused")
    assert str(refused.value) == says(
        "failed", "zh", error=says("writes_input", "zh"), context="", hint=says("leave_input", "zh")
    )

    def stub(Z):
        """Untouched."""
        ...

    with pytest.raises(NotAttempted) as todo:
        attempt(stub, Z, hint="unused")
    body = says("fill_in_body", "zh", name="stub")
    assert str(todo.value) == says("then_run_again", "zh", todo=body)
    assert str(todo.value) != says("then_run_again", todo=says("fill_in_body", name="stub"))


def untouched_stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def buggy(*args):
    raise ValueError("operands could not be broadcast together")


def test_attempt_reports_stub_error_and_result():
    with pytest.raises(NotAttempted) as todo:
        attempt(untouched_stub, hint="h")
    body = says("fill_in_body", name="untouched_stub")
    assert str(todo.value) == says("then_run_again", todo=body)
    with pytest.raises(NotAttempted) as todo:
        attempt(lambda: None, hint="h", todo="replace the one line")
    assert str(todo.value) == says("then_run_again", todo="replace the one line")
    with pytest.raises(NotYet) as raised:
        attempt(buggy, context=" (for Z)", hint=lambda error: f"about {error.split()[0]}")
    error = says(
        "raised", error_type="ValueError", error="operands could not be broadcast together"
    )
    hint = f"about {error.split()[0]}"
    assert str(raised.value) == says("failed", error=error, context=" (for Z)", hint=hint)
    with pytest.raises(NotYet) as raised:
        attempt(42, hint="h")
    assert str(raised.value) == says(
        "failed", error=says("expected_function", kind="int"), context="", hint="h"
    )
    assert attempt(lambda: 42, hint="h") == 42


def test_a_body_without_return_is_told_so_not_called_untouched():
    def forgot_return(*args):
        """A finished body whose last line computes the answer but does not return it."""
        answer = len(args) * 2  # noqa: F841

    with pytest.raises(NotYet) as raised:
        attempt(forgot_return, hint="end with the answer")
    said = says("returned_none", name="forgot_return", hint="end with the answer")
    assert str(raised.value) == said


def test_sys_exit_in_a_learners_function_is_feedback():
    def exits(*args):
        sys.exit(1)

    with pytest.raises(NotYet) as raised:
        attempt(exits, hint="h")
    error = says("raised", error_type="SystemExit", error=1)
    assert str(raised.value) == says("failed", error=error, context="", hint="h")


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
