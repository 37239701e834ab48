"""Lines that the shared judge says for any checker, built from the catalogs as tests expect them.

Every builder speaks English unless given `lang`; the verdict words come first, as printed.
"""

from helpers.checks.verdicts import verdict_word
from helpers.messages import message


def calling(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.calling catalog."""
    return message("checks.calling", key, lang, **fields)


def feedback(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.feedback catalog."""
    return message("checks.feedback", key, lang, **fields)


def line(verdict: str, sentence: str, lang: str = "en") -> str:
    """The printed line: a verdict ('correct', 'not_yet', 'not_attempted') and its sentence."""
    return message(
        "checks.verdicts", "line", lang, verdict=verdict_word(verdict, lang), message=sentence
    )


def right(shown: object, what: str, lang: str = "en") -> str:
    """✅ for a one-number answer: "{shown} is {what}."."""
    return line("correct", feedback("is_right", lang, shown=shown, what=what), lang)


def is_not(shown: object, what: str, hint: str, lang: str = "en") -> str:
    """❌ for a wrong one-number answer that is no known mistake."""
    return line("not_yet", feedback("is_not", lang, shown=shown, what=what, hint=hint), lang)


def not_finite(shown: object, what: str, hint: str, lang: str = "en") -> str:
    """❌ for NaN or infinity given as a one-number answer."""
    return line("not_yet", feedback("not_finite", lang, shown=shown, what=what, hint=hint), lang)


def not_a_number(what: str, got: str, lang: str = "en") -> str:
    """❌ for a one-number answer that is not a number (`got` names its type)."""
    expected = feedback("number_for", lang, what=what)
    return line("not_yet", feedback("expected_got", lang, expected=expected, got=got), lang)


def todo(what: str, lang: str = "en") -> str:
    """⏳ for a value answer still `...`."""
    sentence = message("checks.verdicts", "replace_stub", lang, todo=what)
    return line("not_attempted", sentence, lang)


def stub(name: str = "stub", lang: str = "en") -> str:
    """⏳ for a function answer whose body is still `...`."""
    body = calling("fill_in_body", lang, name=name)
    return line("not_attempted", calling("then_run_again", lang, todo=body), lang)


def raised(kind: str, error: object, hint: str, context: str = "", lang: str = "en") -> str:
    """❌ for a learner's function that raised `kind`: `error`."""
    said = calling("raised", lang, error_type=kind, error=error).strip().rstrip(".")
    return line("not_yet", calling("failed", lang, error=said, context=context, hint=hint), lang)


def not_a_function(kind: str, hint: str, context: str = "", lang: str = "en") -> str:
    """❌ for an answer that should be a function and is a `kind`."""
    said = calling("expected_function", lang, kind=kind)
    return line("not_yet", calling("failed", lang, error=said, context=context, hint=hint), lang)


# An answer that writes into one of the read-only arrays attempt hands it.
WRITES_INPUT_LINE = line(
    "not_yet",
    calling("failed", error=calling("writes_input"), context="", hint=calling("leave_input")),
)
