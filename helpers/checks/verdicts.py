"""The verdicts every checker gives: ✅, ❌ and ⏳, one line each, raised in strict mode.

A checker is a function decorated with `@checker`. It returns its ✅ sentence, or raises
`NotYet` (❌: what is wrong, and a hint) or `NotAttempted` (⏳: the stub is untouched) from
wherever it finds out; `@checker` prints that one line, so a checker never prints two and
never raises on a learner's mistake.

Strict mode, `strict()`, is for graders: there ❌ and ⏳ raise AssertionError carrying the
same line, because nbgrader's autograder fails a test cell only when it raises.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    "NotAttempted",
    "NotYet",
    "answered",
    "checker",
    "is_stub",
    "strict",
]

CORRECT = "✅ Correct:"
NOT_YET = "❌ Not yet:"
NOT_ATTEMPTED = "⏳ Not attempted yet:"


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
