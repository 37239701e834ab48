"""The verdicts every checker gives (✅, ❌ and ⏳, one line each), and its contract.

A checker is a function decorated with `@checker(answer=..., given=..., points=...)`. It
returns its ✅ sentence, or raises `NotYet` (❌: what is wrong, and a hint) or `NotAttempted`
(⏳: the stub is untouched) from wherever it finds out; `@checker` prints that one line, so a
checker never prints two and never raises on a learner's mistake. The verdict words come from
the `checks.verdicts` catalog when the line is printed, so a Chinese kernel prints `✅ 正确：`.

The decorator also attaches the checker's `Contract`: whether its answer is a function or a
value, what else it is given (built from a numpy Generator, for tests), and its points as an
nbgrader exercise. `helpers.checks`, its tests and tools/classroom.py read the contracts, so an
exercise is added by writing its checker, its corpus and its notebook cells.

Strict mode, `strict()`, is for graders: there ❌ and ⏳ raise AssertionError carrying the
same line, because nbgrader's autograder fails a test cell only when it raises.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np

from helpers.messages import ENGLISH, catalog, message

__all__ = [
    "ANSWER_KINDS",
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    "SELF_CHECK",
    "Contract",
    "NotAttempted",
    "NotYet",
    "answered",
    "checker",
    "is_stub",
    "strict",
    "verdict_word",
]

say = catalog("checks.verdicts")

# The three verdicts, by their catalog keys; `verdict_word` gives a verdict's word.
CORRECT_KEY, NOT_YET_KEY, NOT_ATTEMPTED_KEY = "correct", "not_yet", "not_attempted"
# The English words (what English tests compare with); a kernel prints its language's words.
CORRECT = message("checks.verdicts", CORRECT_KEY, ENGLISH)
NOT_YET = message("checks.verdicts", NOT_YET_KEY, ENGLISH)
NOT_ATTEMPTED = message("checks.verdicts", NOT_ATTEMPTED_KEY, ENGLISH)

ANSWER_KINDS = ("function", "value")
# The points of an exercise that nbgrader leaves ungraded (a drawing made in a live widget).
SELF_CHECK = "self-check"


def verdict_word(key: str, lang: str | None = None) -> str:
    """A verdict's word with its sign, such as `✅ Correct:`, in `lang` (default: the kernel's)."""
    return message("checks.verdicts", key, lang)


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


@dataclass(frozen=True)
class Contract:
    """What a checker is given besides the answer, what the answer is, and what it is worth."""

    name: str
    module: str
    answer: Literal["function", "value"]
    given: Callable[[np.random.Generator], tuple] | None
    points: int | Literal["self-check"]

    def arguments(self, rng: np.random.Generator) -> tuple:
        """The arguments the checker needs after the answer, built fresh from rng."""
        return () if self.given is None else tuple(self.given(rng))


def _valid(answer: object, given: object, points: object) -> None:
    """Nothing for a good contract; ValueError with one sentence for a bad one."""
    if answer not in ANSWER_KINDS:
        raise ValueError(
            f"Expected a checker's answer to be 'function' or 'value', got {answer!r}."
        )
    whole = isinstance(points, int) and not isinstance(points, bool) and points > 0
    if not (whole or points == SELF_CHECK):
        raise ValueError(
            f"Expected a checker's points to be a positive int or {SELF_CHECK!r}, got {points!r}."
        )
    if given is not None and not callable(given):
        raise ValueError(f"Expected a checker's given to be None or a function, got {given!r}.")


def checker(
    *,
    answer: Literal["function", "value"],
    points: int | Literal["self-check"],
    given: Callable[[np.random.Generator], tuple] | None = None,
) -> Callable[[Callable[..., str]], Callable[..., None]]:
    """Make a function a checker with this contract (see the module docstring).

    The checker prints its one line: ✅ and the sentence the function returns, or ❌/⏳ and
    what it raised; in strict mode ❌ and ⏳ raise AssertionError with that line instead.
    """
    _valid(answer, given, points)

    def decorate(check: Callable[..., str]) -> Callable[..., None]:
        @functools.wraps(check)
        def run(*args: object) -> None:
            try:
                verdict, sentence = CORRECT_KEY, check(*args)
            except NotYet as wrong:
                verdict, sentence = NOT_YET_KEY, str(wrong)
            except NotAttempted as todo:
                verdict, sentence = NOT_ATTEMPTED_KEY, str(todo)
            line = say("line", verdict=verdict_word(verdict), message=sentence)
            if _Mode.strict and verdict != CORRECT_KEY:
                # Raised outside the except blocks: the grader's traceback shows this line
                # only, not the NotYet it came from.
                raise AssertionError(line)
            _print_line(line)

        contract = Contract(check.__name__, check.__module__, answer, given, points)
        run.contract = contract  # type: ignore[attr-defined]
        return run

    return decorate


def _print_line(line: str) -> None:
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
        raise NotAttempted(say("replace_stub", todo=todo))
    return answer
