"""Strict mode, for graders: ❌ and ⏳ raise AssertionError with the line they print otherwise."""

from __future__ import annotations

import pytest

from helpers import checks
from helpers.checks.feedback import CORRECT, NOT_ATTEMPTED, NOT_YET, strict
from helpers.checks.verdicts import verdict_word
from tests.checks.sentences import line
from tests.checks.test_feedback import FUNCTION_CHECKERS, VALUE_CHECKERS, example, untouched_stub


@pytest.fixture
def strict_mode():
    """Strict mode for one test, and self-study mode again after it, whatever happens."""
    strict()
    yield
    strict(False)


@pytest.mark.parametrize(
    ("outcome", "line"),
    [("wrong", f"{NOT_YET} it is wrong. Hint: think."), ("stub", f"{NOT_ATTEMPTED} fill it in.")],
)
def test_strict_raises_the_line_it_would_print(outcome, line, strict_mode, capsys):
    with pytest.raises(AssertionError) as raised:
        example(outcome)
    assert str(raised.value) == line
    assert capsys.readouterr().out == ""
    # Raised on its own, so the grader's traceback does not show the NotYet behind it.
    assert raised.value.__context__ is None and raised.value.__cause__ is None


def test_strict_still_prints_correct(strict_mode, capsys):
    assert example("right") is None
    assert capsys.readouterr().out == f"{CORRECT} it is right.\n"


def test_strict_lets_a_bug_of_the_checker_raise_as_itself(strict_mode):
    with pytest.raises(KeyError):
        example("bug")


def test_strict_false_goes_back_to_printing(capsys):
    strict()
    strict(False)
    example("stub")
    assert capsys.readouterr().out == f"{NOT_ATTEMPTED} fill it in.\n"


def test_self_study_is_the_default(capsys):
    # No test may leave strict mode on: the learner's notebooks and every other test print.
    example("wrong")
    assert capsys.readouterr().out.startswith(NOT_YET)


def stub_call(name: str) -> tuple:
    """The arguments that give checker `name` an untouched stub."""
    if name in FUNCTION_CHECKERS:
        return (untouched_stub, *FUNCTION_CHECKERS[name])
    return (..., *VALUE_CHECKERS[name])


@pytest.mark.parametrize("name", sorted({**FUNCTION_CHECKERS, **VALUE_CHECKERS}))
def test_every_checker_fails_an_untouched_stub_in_strict_mode(name, said, said_strictly):
    check = getattr(checks, name)
    printed = said(check, *stub_call(name))
    assert printed.startswith(NOT_ATTEMPTED) and said_strictly(check, *stub_call(name)) == printed


def test_strict_raises_the_line_in_the_kernels_language(strict_mode, monkeypatch, capsys):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(AssertionError) as raised:
        example("stub")
    assert str(raised.value) == line("not_attempted", "fill it in.", "zh")
    assert str(raised.value).startswith(verdict_word("not_attempted", "zh"))
    example("right")
    assert capsys.readouterr().out == line("correct", "it is right.", "zh") + "\n"
