"""calling.attempt: the answer gets read-only copies, and tripwires stand for whole-job helpers."""

from __future__ import annotations

import numpy as np
import pytest

import helpers
from helpers import model, softmax
from helpers.checks.calling import LEAVE_INPUT, WRITES_INPUT, attempt, tripwires
from helpers.checks.feedback import NotYet

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
    with pytest.raises(NotYet, match="^your function calls softmax from helpers") as refused:
        attempt(answer, Z, hint="write it.", whole_job=[softmax])
    assert str(refused.value).endswith("Hint: write it.")


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
    assert str(refused.value) == f"{WRITES_INPUT} for X of shape (3,). Hint: {LEAVE_INPUT}"
    assert (X == 1).all()


def test_writable_hands_the_arrays_as_given():
    X = np.ones(3)
    attempt(lambda X: X.__setitem__(0, 5.0) or 1, X, hint="", writable=True)
    assert X[0] == 5.0


def test_an_answer_that_is_the_helper_itself_is_named():
    with pytest.raises(NotYet, match="^your function is softmax from helpers") as refused:
        attempt(softmax, Z, hint=lambda error: f"not {error}.", whole_job=[softmax])
    assert str(refused.value).endswith("Hint: not softmax.")


@pytest.mark.parametrize("answer", [uses_the_global, uses_the_module, imports_it_inside])
def test_a_substitute_stands_in_for_its_helper_however_it_is_reached(answer):
    def stand_in(Z):
        return "stand-in"

    assert attempt(answer, Z, hint="", substitute={softmax: stand_in}) == "stand-in"
    assert helpers.softmax is model.softmax is softmax
