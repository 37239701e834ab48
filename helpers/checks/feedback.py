"""What every checker shares: the verdicts, one attempt, number coercion, one judge.

The verdicts (✅ ❌ ⏳, `@checker`, strict mode for graders) live in `verdicts`, how a learner's
function is called in `calling`; this module adds how an answer is read as numbers (real
numbers only: "0.5" and 1j are refused, issue 17) and judged against the expected one and a
table of known mistakes, and is the one place checkers import from. Its sentences come from the
`checks.feedback` catalog, in the kernel's language.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np

from helpers.checks.calling import (
    Shortcut,
    attempt,
    has_empty_body,
    read_only_copy,
    refuse_the_helper_itself,
    tripwires,
)
from helpers.checks.verdicts import (
    CORRECT,
    NOT_ATTEMPTED,
    NOT_YET,
    NotAttempted,
    NotYet,
    answered,
    checker,
    is_stub,
    strict,
)
from helpers.messages import catalog

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    "Between",
    "NotAttempted",
    "NotYet",
    "Shortcut",
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
    "has_empty_body",
    "is_number",
    "is_stub",
    "judge",
    "judge_number",
    "number",
    "numbers",
    "numbers_or_none",
    "read_only_copy",
    "refuse_the_helper_itself",
    "strict",
    "tripwires",
    "within",
]

say = catalog("checks.feedback")

# A closeness rule: close(got, known) is True when got counts as the known answer.
Close = Callable[[object, object], bool]
# A table of known mistakes: (the wrong answer that mistake gives, what that mistake is).
Table = Sequence[tuple[object, str]]


def is_number(answer: object) -> bool:
    """True for one plain number (Python's or NumPy's), but not for True and False."""
    if isinstance(answer, bool):
        return False
    return isinstance(answer, (int, float, np.integer, np.floating))


def number(answer: object, *, todo: str, expected: str, hint: str = "") -> float:
    """A one-number answer as a float: ⏳ for the stub, ❌ "expected {expected}" for the rest."""
    answered(answer, todo)
    if not is_number(answer):
        got = type(answer).__name__
        if hint:
            raise NotYet(say("expected_got_hint", expected=expected, got=got, hint=hint))
        raise NotYet(say("expected_got", expected=expected, got=got))
    try:
        return float(answer)
    except OverflowError:  # a whole number beyond float64 (10**400)
        raise NotYet(say("expected_got", expected=expected, got=say("too_large"))) from None


def as_numbers(value: object) -> np.ndarray | None:
    """A value as a float64 array, or None when it is not numbers (text converts, as in NumPy)."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int such as 10**400
        return None


def _kind(value: object) -> str:
    """What a learner's value is, in a sentence: its type, or that it overflows a float."""
    try:
        np.asarray(value, dtype=np.float64)
    except OverflowError:
        return say("too_large")
    except (TypeError, ValueError):
        pass
    return type(value).__name__


def _is_text(value: object) -> bool:
    """True for a string, bytes, or an array or list holding any."""
    if isinstance(value, (str, bytes, np.str_, np.bytes_)):
        return True
    if not isinstance(value, (list, tuple, np.ndarray)):
        return False
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):  # ragged lists: not numbers anyway, as_numbers says so
        return False
    if array.dtype.kind in "US":
        return True
    return array.dtype.kind == "O" and any(
        isinstance(item, (str, bytes)) or _is_text(item) for item in array.reshape(-1)
    )


def _is_complex(value: object) -> bool:
    """True for complex numbers, which NumPy would cast to real with a warning on stderr."""
    if isinstance(value, complex):
        return True
    try:
        return np.asarray(value).dtype.kind == "c"
    except (TypeError, ValueError):
        return False


def _refuse_text(value: object, expected: str) -> None:
    """❌ for numbers given as text or complex (other text is not numbers: the caller says so)."""
    if _is_complex(value):
        raise NotYet(say("got_complex", expected=expected))
    if _is_text(value) and as_numbers(value) is not None:
        shown = repr(value)
        shown = shown if len(shown) <= 20 else say("strings_in", kind=type(value).__name__)
        raise NotYet(say("got_text", expected=expected, shown=shown))


def numbers_or_none(value: object, expected: str) -> np.ndarray | None:
    """A learner's answer as a float64 array, or None when it is not numbers; ❌ for text."""
    _refuse_text(value, expected)
    return as_numbers(value)


def numbers(value: object, expected: str) -> np.ndarray:
    """A learner's answer as a float64 array, or ❌ "expected {expected}" when it is not numbers."""
    got = numbers_or_none(value, expected)
    if got is None:
        raise NotYet(say("expected_got", expected=expected, got=_kind(value)))
    return got


def described(got: np.ndarray | None, value: object) -> str:
    """How a sentence names what a learner returned: its shape, or its type if not numbers."""
    return _kind(value) if got is None else say("shape", shape=got.shape)


def as_pair(result: object, names: str) -> tuple[np.ndarray, np.ndarray]:
    """A learner's (first, second) result as two float arrays, or ❌ saying what is off."""
    parts = result if isinstance(result, (tuple, list)) else None
    for part in parts or ():  # text such as "0.5" is not numbers, though NumPy converts it
        _refuse_text(part, say("pair_of_arrays", names=names))
    if parts is None or len(parts) != 2:
        fields = {"names": names, "kind": type(result).__name__, "returned": names.strip("()")}
        if parts is None:
            raise NotYet(say("not_a_pair", **fields))
        raise NotYet(say("pair_of_length", length=len(parts), **fields))
    first, second = (as_numbers(part) for part in result)
    if first is None or second is None:
        kinds = [type(part).__name__ for part in result]
        raise NotYet(say("pair_not_numbers", names=names, first=kinds[0], second=kinds[1]))
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
        raise NotYet(say("not_finite", shown=shown, what=what, hint=hint))
    if otherwise is None:
        otherwise = say("is_not", shown=shown, what=what, hint=hint)
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
    value = number(answer, todo=what, expected=say("number_for", what=what))
    close, shown = close or within(rtol=1e-9), f"{answer}"
    judge(
        value, expected, what, hint, close=close, mistakes=mistakes, lead=shown + sep, shown=shown
    )
    return say("is_right", shown=shown, what=what)
