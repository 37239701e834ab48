"""What every checker shares: the verdict markers, one attempt, number coercion, one judge.

A checker is a function decorated with `@checker`. It returns its ✅ sentence, or raises
`NotYet` (❌: what is wrong, and a hint) or `NotAttempted` (⏳: the stub is untouched) from
wherever it finds out; `@checker` prints that one line, so a checker never prints two and
never raises on a learner's mistake.

Strict mode, `strict()`, is for graders: there ❌ and ⏳ raise AssertionError carrying the
same line, because nbgrader's autograder fails a test cell only when it raises.
"""

from __future__ import annotations

import dis
import functools
import operator
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    "Between",
    "NotAttempted",
    "NotYet",
    "all_close",
    "answered",
    "as_numbers",
    "as_pair",
    "attempt",
    "checker",
    "compare",
    "described",
    "expect_shape",
    "first_known_mistake",
    "is_number",
    "is_stub",
    "judge",
    "judge_number",
    "number",
    "numbers",
    "strict",
    "within",
]

CORRECT = "✅ Correct:"
NOT_YET = "❌ Not yet:"
NOT_ATTEMPTED = "⏳ Not attempted yet:"
# How a sentence names a whole number beyond float64 (10**400), which NumPy cannot convert.
TOO_LARGE = "a whole number too large for a float"

# A closeness rule: close(got, known) is True when got counts as the known answer.
Close = Callable[[object, object], bool]
# A table of known mistakes: (the wrong answer that mistake gives, what that mistake is).
Table = Sequence[tuple[object, str]]


class NotYet(Exception):
    """❌: the answer is wrong; the message says what is wrong and how to put it right."""


class NotAttempted(Exception):
    """⏳: the exercise is still its stub; the message says what to fill in."""


class _Mode:
    """Whether checkers raise instead of printing a verdict other than ✅ (see strict)."""

    strict = False


def strict(on: bool = True) -> None:
    """From now on every checker raises AssertionError for ❌ and ⏳ instead of printing them.

    For grading: nbgrader's autograder scores a test cell by whether it raises, so a printed
    verdict would earn full marks for an untouched stub. ✅ is still printed. `strict(False)`
    goes back to printing, the self-study behaviour.
    """
    _Mode.strict = on


def checker(check: Callable[..., str]) -> Callable[..., None]:
    """Print a checker's one line: ✅ and the sentence it returns, or ❌/⏳ and what it raised.

    In strict mode ❌ and ⏳ raise AssertionError with that line instead of printing it.
    """

    @functools.wraps(check)
    def run(*args: object) -> None:
        try:
            verdict, message = CORRECT, check(*args)
        except NotYet as wrong:
            verdict, message = NOT_YET, str(wrong)
        except NotAttempted as todo:
            verdict, message = NOT_ATTEMPTED, str(todo)
        line = f"{verdict} {message}"
        if _Mode.strict and verdict != CORRECT:
            # Raised outside the except blocks: the grader's traceback shows this line only,
            # not the NotYet it came from.
            raise AssertionError(line)
        _say(line)

    return run


def _say(line: str) -> None:
    """Print the verdict, also where stdout cannot encode ✅ (a script run with LANG=C)."""
    try:
        print(line)
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        print(line.encode(encoding, "replace").decode(encoding))


def is_stub(answer: object) -> bool:
    """True for an untouched stub: `...`, or None (what a function whose body is `...` returns)."""
    return answer is ... or answer is None


def answered(answer: object, todo: str) -> object:
    """answer, or ⏳ "replace the ... with {todo}" while it is still the stub."""
    if is_stub(answer):
        raise NotAttempted(f"replace the ... with {todo}, then run this cell again.")
    return answer


def attempt(
    func: object,
    *args: object,
    hint: str | Callable[[str], str],
    context: str = "",
    todo: str | None = None,
) -> object:
    """Call a learner's function and return its result.

    An untouched stub is ⏳ (with `todo`, by default "fill in the body of NAME"); an exception
    is ❌ with what it raised, `context` such as the input it got, then `hint`, which may be a
    function of the error text. NumPy's warnings are silenced: an attempt that overflows is
    feedback for the checker to give, not text on stderr (which strict nbval compares).
    """
    error = None
    if not callable(func):
        error = f"expected a function, got {type(func).__name__}"
    else:
        try:
            with np.errstate(all="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = func(*args)
        except NotImplementedError:  # `raise NotImplementedError` is a stub too
            return _untouched(func, todo)
        # A learner's bug is feedback, not a crash of the notebook: sys.exit() included.
        except (Exception, SystemExit) as err:
            error = f"your function raised {type(err).__name__}: {err}".strip().rstrip(".")
    if error is not None:
        raise NotYet(f"{error}{context}. Hint: {hint(error) if callable(hint) else hint}")
    name = getattr(func, "__name__", "the function")
    if result is None and not has_empty_body(func):
        raise NotYet(
            f"your function returned None: end {name} with `return` and the result. "
            f"Hint: {hint('returned None') if callable(hint) else hint}"
        )
    if is_stub(result):
        _untouched(func, todo)
    return result


def _untouched(func: object, todo: str | None) -> None:
    """⏳: the learner's function is still its stub."""
    todo = todo or f"fill in the body of {getattr(func, '__name__', 'the function')}"
    raise NotAttempted(f"{todo}, then run this cell again.")


# The instructions of a body that is only `...` or `pass`, on every Python from 3.10 on.
_BOOKKEEPING = {"RESUME", "NOP", "CACHE", "COPY_FREE_VARS", "MAKE_CELL"}
_RETURN_NONE = ([("LOAD_CONST", None), ("RETURN_VALUE", None)], [("RETURN_CONST", None)])


def has_empty_body(func: object) -> bool:
    """True for a function whose body is only `...` or `pass` (and a docstring): a stub."""
    code = getattr(func, "__code__", None)
    if code is None:
        return True  # not a plain function (a builtin, a class): nothing to tell apart
    steps = [
        (step.opname, step.argval)
        for step in dis.get_instructions(code)
        if step.opname not in _BOOKKEEPING
    ]
    return steps in _RETURN_NONE


def is_number(answer: object) -> bool:
    """True for one plain number (Python's or NumPy's), but not for True and False."""
    if isinstance(answer, bool):
        return False
    return isinstance(answer, (int, float, np.integer, np.floating))


def number(answer: object, *, todo: str, expected: str, hint: str = "") -> float:
    """A one-number answer as a float: ⏳ for the stub, ❌ "expected {expected}" for the rest."""
    answered(answer, todo)
    if not is_number(answer):
        hint = f" Hint: {hint}" if hint else ""
        raise NotYet(f"expected {expected}, got {type(answer).__name__}.{hint}")
    try:
        return float(answer)
    except OverflowError:
        raise NotYet(f"expected {expected}, got {TOO_LARGE}.") from None


def as_numbers(value: object) -> np.ndarray | None:
    """A learner's answer as a float64 array, or None when it is not numbers."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int such as 10**400
        return None


def _kind(value: object) -> str:
    """What a learner's value is, in a sentence: its type, or that it overflows a float."""
    try:
        np.asarray(value, dtype=np.float64)
    except OverflowError:
        return TOO_LARGE
    except (TypeError, ValueError):
        pass
    return type(value).__name__


def numbers(value: object, expected: str) -> np.ndarray:
    """A learner's answer as a float64 array, or ❌ "expected {expected}" when it is not numbers."""
    got = as_numbers(value)
    if got is None:
        raise NotYet(f"expected {expected}, got {_kind(value)}.")
    return got


def described(got: np.ndarray | None, value: object) -> str:
    """How a sentence names what a learner returned: its shape, or its type if not numbers."""
    return _kind(value) if got is None else f"shape {got.shape}"


def as_pair(result: object, names: str) -> tuple[np.ndarray, np.ndarray]:
    """A learner's (first, second) result as two float arrays, or ❌ saying what is off."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        length = f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""
        raise NotYet(
            f"expected a pair {names}, got {type(result).__name__}{length}. "
            f"Hint: end the function with `return {names.strip('()')}`."
        )
    first, second = (as_numbers(part) for part in result)
    if first is None or second is None:
        kinds = " and ".join(type(part).__name__ for part in result)
        raise NotYet(f"expected {names} to be two arrays of numbers, got {kinds}.")
    return first, second


class Between(NamedTuple):
    """A known wrong answer that is a whole range of numbers: low < x <= high."""

    low: float
    high: float


def within(rtol: float = 0.0, atol: float = 0.0) -> Close:
    """A closeness rule: the same shape and |got - known| <= atol + rtol * |known| everywhere.

    As np.isclose, with `known` the reference; a `Between` is close to every number in it.
    """

    def close(got: object, known: object) -> bool:
        if isinstance(known, Between):
            return bool(known.low < float(got) <= known.high)
        got, known = np.asarray(got, dtype=np.float64), np.asarray(known, dtype=np.float64)
        return got.shape == known.shape and bool(np.allclose(got, known, rtol=rtol, atol=atol))

    return close


# Equal up to float rounding (rtol 1e-5 suits float32 answers).
all_close = within(rtol=1e-5, atol=1e-8)


def first_known_mistake(answer: object, table: Table, close: Close) -> str | None:
    """What the first mistake of the table is whose wrong answer `answer` is close to, or None."""
    return next((mistake for wrong, mistake in table if close(answer, wrong)), None)


def compare(
    got: object,
    expected: object,
    *,
    close: Close = all_close,
    mistakes: Table = (),
    lead: str = "",
    otherwise: str,
) -> None:
    """Nothing if got is close to expected, else ❌: lead and the known mistake, or otherwise."""
    if close(got, expected):
        return
    mistake = first_known_mistake(got, mistakes, close)
    raise NotYet(otherwise if mistake is None else lead + mistake)


def expect_shape(
    got: np.ndarray, shape: tuple[int, ...], *, known: Table = (), otherwise: str
) -> None:
    """Nothing if got has this shape; else ❌ with what a known wrong shape means, or otherwise."""
    compare(got.shape, shape, close=operator.eq, mistakes=known, otherwise=otherwise)


def judge(
    value: float,
    expected: float,
    what: str,
    hint: str,
    *,
    close: Close,
    mistakes: Table = (),
    lead: str = "",
    otherwise: str | None = None,
    shown: str | None = None,
) -> None:
    """compare() for one number, `what` the answer should be, after refusing NaN and infinity.

    NaN is close to nothing and equal to nothing, so a test such as `abs(nan - 784) > tol` is
    False and would let NaN pass: it is refused first, with infinity, and `hint`. `shown` is
    how sentences write the answer; by default ❌ says it is not `what`, then `hint`.
    """
    shown = f"{value}" if shown is None else shown
    if not np.isfinite(value):
        raise NotYet(f"{shown} is not a finite number, so it cannot be {what}. Hint: {hint}")
    otherwise = f"{shown} is not {what}. Hint: {hint}" if otherwise is None else otherwise
    compare(value, expected, close=close, mistakes=mistakes, lead=lead, otherwise=otherwise)


def judge_number(
    answer: object,
    expected: float,
    what: str,
    hint: str,
    *,
    close: Close | None = None,
    mistakes: Table = (),
    sep: str = " ",
) -> str:
    """The whole check of an answer that is one number: returns the ✅ sentence, or raises.

    Sentences write the answer as the learner's code gave it (784, not 784.0); a known mistake
    is said as the answer, `sep`, then what the mistake is. By default an answer is right
    when it is the expected number up to float rounding.
    """
    value = number(answer, todo=what, expected=f"a number for {what}")
    close, shown = close or within(rtol=1e-9), f"{answer}"
    judge(
        value, expected, what, hint, close=close, mistakes=mistakes, lead=shown + sep, shown=shown
    )
    return f"{shown} is {what}."
