"""feedback, the checkers' shared judge, and the contract every checker keeps through it:
one line, and never an exception for a learner's mistake."""

from __future__ import annotations

import io
import operator
import sys

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
    checker,
    first_known_mistake,
    judge,
    judge_number,
    number,
    numbers,
    within,
)
from helpers.checks.verdicts import SELF_CHECK, Contract, verdict_word
from helpers.messages import message


def _arguments(answer: str) -> dict[str, tuple]:
    """Every checker whose answer is of this kind, with the other arguments its contract gives."""
    rng = np.random.default_rng(0)
    return {
        name: check.contract.arguments(rng)
        for name, check in sorted(checks.CHECKERS.items())
        if check.contract.answer == answer
    }


# Checkers whose answer is a learner's function, and those whose answer is a value, each with
# the other arguments it needs: both read from the checkers' contracts.
FUNCTION_CHECKERS = _arguments("function")
VALUE_CHECKERS = _arguments("value")


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


def test_every_exported_checker_is_in_one_table():
    names = {name for name in checks.__all__ if name.isidentifier() and not name.isupper()}
    assert names == set(FUNCTION_CHECKERS) | set(VALUE_CHECKERS)
    assert not set(FUNCTION_CHECKERS) & set(VALUE_CHECKERS)


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


@checker(answer="value", points=1)
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


def test_checker_attaches_its_contract():
    def given(rng):
        return (rng.integers(10),)

    @checker(answer="function", points="self-check", given=given)
    def drawn(answer, k):
        """A checker with a given."""
        return "fine."

    assert drawn.contract == Contract("drawn", __name__, "function", given, "self-check")
    assert example.contract == Contract("example", __name__, "value", None, 1)
    assert example.contract.arguments(np.random.default_rng(0)) == ()
    assert len(drawn.contract.arguments(np.random.default_rng(0))) == 1


@pytest.mark.parametrize(
    ("contract", "says"),
    [
        ({"answer": "array", "points": 1}, "answer to be 'function' or 'value', got 'array'."),
        ({"answer": "value", "points": 0}, "a positive int or 'self-check', got 0."),
        ({"answer": "value", "points": 1.5}, "a positive int or 'self-check', got 1.5."),
        ({"answer": "value", "points": True}, "a positive int or 'self-check', got True."),
        ({"answer": "value", "points": "self"}, "a positive int or 'self-check', got 'self'."),
        ({"answer": "value", "points": 1, "given": (1, 2)}, "None or a function, got (1, 2)."),
    ],
)
def test_a_bad_contract_is_refused_when_the_checker_is_defined(contract, says):
    with pytest.raises(ValueError) as raised:
        checker(**contract)
    assert str(raised.value).startswith("Expected a checker's ") and str(raised.value).endswith(
        says
    )


def test_every_checker_has_a_contract_with_its_points():
    for name, check in checks.CHECKERS.items():
        assert check.contract.name == name and check.contract.module == check.__module__
        assert check.contract.points == SELF_CHECK or check.contract.points >= 1


def test_verdicts_are_read_from_the_catalog_when_printed(monkeypatch, capsys):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    example("wrong")
    zh = verdict_word("not_yet", "zh")
    assert zh == message("checks.verdicts", "not_yet", "zh") != NOT_YET
    assert capsys.readouterr().out == zh + "it is wrong. Hint: think.\n"
    monkeypatch.setenv("SERIES_LANGUAGE", "en")
    example("right")
    assert capsys.readouterr().out == f"{verdict_word('correct', 'en')} it is right.\n"


def fb(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.feedback catalog, in English unless told."""
    return message("checks.feedback", key, lang, **fields)


def test_a_number_too_large_for_a_float_gets_a_sentence():
    with pytest.raises(NotYet) as raised:
        number(10**400, todo="a count", expected="a count")
    assert str(raised.value) == fb("expected_got", expected="a count", got=fb("too_large"))
    with pytest.raises(NotYet) as raised:
        numbers([10**400, 1], "W")
    assert str(raised.value) == fb("expected_got", expected="W", got=fb("too_large"))


@pytest.mark.parametrize(
    ("value", "key", "fields"),
    [
        ("0.5", "got_text", {"shown": "'0.5'"}),
        (["1"] * 9, "got_text", {"shown": fb("strings_in", kind="list")}),
        ([1j, 2], "got_complex", {}),
        ("abc", "expected_got", {"got": "str"}),
    ],
)
def test_numbers_refuse_text_and_complex_that_numpy_would_convert(value, key, fields):
    with pytest.raises(NotYet) as raised:
        numbers(value, "W")
    assert str(raised.value) == fb(key, expected="W", **fields)


@pytest.mark.parametrize(
    ("answer", "raised", "got"),
    [
        (..., NotAttempted, None),
        (None, NotAttempted, None),
        (True, NotYet, "bool"),
        ("0.5", NotYet, "str"),
        (np.array(0.5), NotYet, "ndarray"),
    ],
)
def test_number_refuses_what_is_not_one_number(answer, raised, got):
    with pytest.raises(raised) as caught:
        number(answer, todo="the rate", expected="a number for the rate", hint="h")
    if got is None:
        said = message("checks.verdicts", "replace_stub", "en", todo="the rate")
    else:
        said = fb("expected_got_hint", expected="a number for the rate", got=got, hint="h")
    assert str(caught.value) == said


@pytest.mark.parametrize("answer", [3, 3.0, np.int64(3), np.float32(3)])
def test_number_returns_a_float(answer):
    value = number(answer, todo="t", expected="e")
    assert value == 3.0 and type(value) is float


def test_as_pair_says_what_is_off():
    first, second = as_pair(([1, 2], 3), "(dW, db)")
    assert first.tolist() == [1.0, 2.0] and second.tolist() == 3.0
    names = {"names": "(dW, db)"}
    for result, said in [
        ((1, 2, 3), fb("pair_of_length", kind="tuple", length=3, returned="dW, db", **names)),
        (7, fb("not_a_pair", kind="int", returned="dW, db", **names)),
        (("a", 1), fb("pair_not_numbers", first="str", second="int", **names)),
        (("1", 1), fb("got_text", expected=fb("pair_of_arrays", **names), shown="'1'")),
    ]:
        with pytest.raises(NotYet) as raised:
            as_pair(result, "(dW, db)")
        assert str(raised.value) == said


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
    assert str(raised.value) == fb("not_finite", shown=value, what="the count", hint="multiply.")


def test_judge_says_the_known_mistake_after_the_lead_or_otherwise():
    close = within(rtol=1e-9)
    mistakes = [(7840, "that counts W only.")]
    assert judge(7850.0, 7850, "the count", "h", close=close, mistakes=mistakes) is None
    with pytest.raises(NotYet, match="^7840: that counts W only.$"):
        judge(7840.0, 7850, "the count", "h", close=close, mistakes=mistakes, lead="7840: ")
    with pytest.raises(NotYet) as raised:
        judge(12.0, 7850, "the count", "h", close=close, mistakes=mistakes)
    assert str(raised.value) == fb("is_not", shown="12.0", what="the count", hint="h")
    with pytest.raises(NotYet, match="^twelve$"):
        judge(12.0, 7850, "the count", "h", close=close, otherwise="twelve")


def test_judge_number_writes_the_answer_as_given():
    assert judge_number(784, 784, "the count", "h") == fb("is_right", shown=784, what="the count")
    said = judge_number(np.float32(784), 784, "the count", "h")
    assert said == fb("is_right", shown="784.0", what="the count")
    with pytest.raises(NotYet) as raised:
        judge_number(np.float32("nan"), 784, "the count", "h")
    assert str(raised.value) == fb("not_finite", shown="nan", what="the count", hint="h")
    with pytest.raises(NotYet, match="^7840: W only$"):
        judge_number(7840, 784, "the count", "h", mistakes=[(7840, "W only")], sep=": ")


def test_the_shared_judge_speaks_the_kernels_language(monkeypatch, capsys):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    checks.pixel_count("784")
    expected = message("checks.loading", "pixel_count_what", "zh")
    got = fb("expected_got", "zh", expected=fb("number_for", "zh", what=expected), got="str")
    assert capsys.readouterr().out == verdict_word("not_yet", "zh") + got + "\n"
    with pytest.raises(NotYet) as raised:
        judge(12.0, 7850, "参数个数", "相乘。", close=within(rtol=1e-9))
    assert str(raised.value) == fb("is_not", "zh", shown="12.0", what="参数个数", hint="相乘。")
