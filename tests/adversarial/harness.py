"""What a helper does with bad input, as the adversarial tests see it: one outcome per call.

A call is refused when it raises ValueError with one sentence from the series' own code
(helpers/ or tools/), so a learner reads what was expected; anything else that escapes is
raw (NumPy's, Python's or a TypeError from deep inside); a call that returns is silent,
which is right only when its result is right (the test checks that itself); a call still
running after its time is a hang.
"""

from __future__ import annotations

import signal
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from tests.test_inputs import is_sentence

ROOT = Path(__file__).resolve().parents[2]
OURS = (ROOT / "helpers", ROOT / "tools")


class Outcome(NamedTuple):
    """How a call ended: kind is refused, raw, silent or hang; text is the message or result."""

    kind: str
    text: str
    value: object = None


class _Hang(BaseException):
    """Raised by the alarm: the call did not finish in time."""


def _raised_by_us(err: BaseException) -> bool:
    """True when the innermost frame of err's traceback is in helpers/ or tools/."""
    frames = traceback.extract_tb(err.__traceback__)
    return bool(frames) and any(Path(frames[-1].filename).is_relative_to(p) for p in OURS)


def outcome(call: Callable[[], object], *, seconds: int = 5) -> Outcome:
    """Run call() under an alarm of `seconds` and say how it ended."""

    def alarm(*_: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        value = call()
    except _Hang:
        return Outcome("hang", f"still running after {seconds} s")
    except ValueError as err:
        message = str(err)
        one_sentence = message and "\n" not in message and _raised_by_us(err)
        return Outcome("refused" if one_sentence else "raw", f"{type(err).__name__}: {message}")
    except Exception as err:  # noqa: BLE001 - every other escape is what this harness counts
        return Outcome("raw", f"{type(err).__name__}: {err}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome("silent", repr(value)[:200], value)


def says_it(text: str, says: str | tuple[str, ...]) -> bool:
    """True if an outcome's text holds `says`: a fragment, or (domain, key[, lang]), a sentence."""
    if isinstance(says, str):
        return says in text
    sentence = text.split(": ", 1)[1] if ": " in text else text  # after "ValueError: "
    return is_sentence(sentence, *says)


def assert_refused(
    call: Callable[[], object], says: str | tuple[str, ...], *, seconds: int = 5
) -> str:
    """Assert that call() is refused with the sentence `says` (see says_it); return it."""
    got = outcome(call, seconds=seconds)
    assert got.kind == "refused", f"expected a one-sentence refusal, got {got.kind}: {got.text}"
    assert says_it(got.text, says), f"the sentence does not say {says!r}: {got.text}"
    return got.text
