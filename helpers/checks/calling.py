"""How a checker runs a learner's function: fresh read-only copies, tripwires, one verdict.

`attempt` is the only way a checker calls an answer. It hands over copies of the arrays (so
the checker's own data cannot change), replaces the helpers that would do the exercise's
whole job by tripwires while the answer runs, and turns a stub, an exception, `sys.exit()` or
a missing `return` into the ⏳ or ❌ sentence that says so.
"""

from __future__ import annotations

import contextlib
import dis
import sys
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence

import numpy as np

from helpers.checks.verdicts import NotAttempted, NotYet, is_stub
from helpers.messages import catalog

__all__ = [
    "Shortcut",
    "attempt",
    "has_empty_body",
    "read_only_copy",
    "refuse_the_helper_itself",
    "tripwires",
]

say = catalog("checks.calling")


def attempt(
    func: object,
    *args: object,
    hint: str | Callable[[str], str],
    context: str = "",
    todo: str | None = None,
    whole_job: Sequence[Callable] = (),
    substitute: Mapping[Callable, Callable] | None = None,
    writable: bool = False,
) -> object:
    """Call a learner's function on fresh copies of its arrays and return its result.

    Every array argument is handed over as a read-only copy, so the answer cannot change the
    checker's own data and an answer that writes into its input is told so; with `writable`
    the arrays go as given (the checker hands its own copies and looks at them afterwards).
    `whole_job` names the helpers that would do the exercise's whole job: while the function
    runs they are tripwires wherever it could reach them (its globals, the helpers modules),
    and calling one is ❌ naming it; `substitute` maps other helpers to the stand-ins put in
    their place the same way (a checker's instrumented copy). An untouched stub is ⏳ (with
    `todo`, by default "fill in the body of NAME"); an exception is ❌ with what it raised,
    `context` such as the input it got, then `hint`, which may be a function of the error
    text. NumPy's warnings are silenced: an attempt that overflows is feedback for the
    checker to give, not text on stderr (which strict nbval compares).
    """
    error = None
    if not callable(func):
        error = say("expected_function", kind=type(func).__name__)
    else:
        refuse_the_helper_itself(func, whole_job, hint)
        fresh = args if writable else [read_only_copy(arg) for arg in args]
        try:
            with tripwires(func, whole_job, substitute) as called, np.errstate(all="ignore"):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    result = func(*fresh)
        except NotImplementedError:  # `raise NotImplementedError` is a stub too
            return _untouched(func, todo)
        # A learner's bug is feedback, not a crash of the notebook: sys.exit() included.
        except (Exception, SystemExit, Shortcut) as err:
            error = _raised(err)
        if called:
            raise NotYet(_shortcut_sentence(called[0], hint))
    if error is not None:
        raise NotYet(say("failed", error=error, context=context, hint=_hint(error, hint)))
    name = getattr(func, "__name__", None) or say("the_function")
    if result is None and not has_empty_body(func):
        raise NotYet(say("returned_none", name=name, hint=_hint("returned None", hint)))
    if is_stub(result):
        _untouched(func, todo)
    return result


def _hint(error: str, hint: str | Callable[[str], str]) -> str:
    """The hint for an error text: the checker's, or how to leave an input array alone."""
    if error.startswith(say("writes_input")):
        return say("leave_input")
    return hint(error) if callable(hint) else hint


def _raised(err: BaseException) -> str:
    """What a learner's function raised, as the start of a sentence."""
    if isinstance(err, ValueError) and "read-only" in str(err):
        return say("writes_input")
    return say("raised", error_type=type(err).__name__, error=err).strip().rstrip(".")


def read_only_copy(arg: object) -> object:
    """A read-only copy of an array argument; any other argument as it is."""
    if not isinstance(arg, np.ndarray):
        return arg
    copy = arg.copy()
    copy.flags.writeable = False
    return copy


class Shortcut(BaseException):
    """Raised by a tripwire: the learner's function called a helper that does the whole job.

    A BaseException, so that an answer's own `except Exception` does not swallow it.
    """


def _shortcut_sentence(name: str, hint: str | Callable[[str], str]) -> str:
    """❌'s sentence for an answer that calls the helper doing the exercise's whole job."""
    return say("calls_helper", name=name, hint=_hint(name, hint))


def refuse_the_helper_itself(
    func: object, whole_job: Sequence[Callable], hint: str | Callable[[str], str]
) -> None:
    """❌ when the answer IS a whole-job helper (`my_slant = slant`): no tripwire sees that call."""
    for helper in whole_job:
        if func is helper or getattr(func, "__wrapped__", None) is helper:
            raise NotYet(say("is_helper", name=helper.__name__, hint=_hint(helper.__name__, hint)))


def _holders(func: object, targets: set[int]) -> list[tuple[dict, str, object]]:
    """Every (namespace, name, helper) through which func could reach one of the targets."""
    spaces = [getattr(func, "__globals__", {})]
    spaces += [
        vars(module)
        for name, module in list(sys.modules.items())
        if module is not None and (name == "helpers" or name.startswith("helpers."))
    ]
    return [
        (space, name, value)
        for space in spaces
        for name, value in list(space.items())
        if id(value) in targets
    ]


@contextlib.contextmanager
def tripwires(
    func: object,
    whole_job: Sequence[Callable],
    substitute: Mapping[Callable, Callable] | None = None,
) -> Iterator[list[str]]:
    """While inside, every way func has to reach a `whole_job` helper calls a tripwire instead.

    Each helper of `substitute` is replaced by its stand-in the same way. Yields the list of
    helper names that were called (the tripwire also raises Shortcut, but an answer may catch
    even that); the helpers are put back on the way out.
    """
    called: list[str] = []

    def tripwire_for(helper: Callable) -> Callable:
        def tripwire(*_args: object, **_kwargs: object) -> None:
            called.append(getattr(helper, "__name__", None) or say("a_helper"))
            raise Shortcut(called[-1])

        return tripwire

    stand_ins = {id(helper): tripwire_for(helper) for helper in whole_job}
    stand_ins.update({id(helper): stand_in for helper, stand_in in (substitute or {}).items()})
    holders = _holders(func, set(stand_ins)) if stand_ins else []
    for space, name, helper in holders:
        space[name] = stand_ins[id(helper)]
    try:
        yield called
    finally:
        for space, name, helper in holders:
            space[name] = helper


def _untouched(func: object, todo: str | None) -> None:
    """⏳: the learner's function is still its stub."""
    name = getattr(func, "__name__", None) or say("the_function")
    raise NotAttempted(say("then_run_again", todo=todo or say("fill_in_body", name=name)))


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
