"""Every checker refuses its corpus of wrong answers, in self-study and in strict mode alike.

The corpus (tests/checks/corpus/) holds the wrong answers a learner really gives, the false
passes found by trying every exercise as a learner would, and the shortcuts; each must get
❌ with a sentence naming its mistake. A checker without a corpus of its own fails here.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from helpers import checks
from helpers.checks.feedback import NOT_YET
from helpers.checks.verdicts import verdict_word
from helpers.messages import ENGLISH, languages
from tests.checks import corpus
from tests.checks.corpus import AT_LEAST, mark_in

CHECKERS = sorted(name for name in checks.__all__ if not name.isupper())


def _corpus() -> tuple[dict[str, list], dict[str, str]]:
    """Every checker's wrong answers, and the corpus module that holds them."""
    gathered: dict[str, list] = {}
    held_in: dict[str, str] = {}
    for found in pkgutil.iter_modules(corpus.__path__):
        module = importlib.import_module(f"{corpus.__name__}.{found.name}")
        for name, wrongs in module.CORPUS.items():
            assert name not in gathered, f"{name} has a corpus in two modules"
            gathered[name], held_in[name] = list(wrongs), found.name
    return gathered, held_in


CORPUS, HELD_IN = _corpus()
CASES = [(name, wrong) for name, wrongs in sorted(CORPUS.items()) for wrong in wrongs]


@pytest.mark.parametrize("name", CHECKERS)
def test_every_checker_has_a_corpus_of_its_own(name):
    assert len(CORPUS.get(name, ())) >= AT_LEAST, (
        f"{name} needs at least {AT_LEAST} wrong answers in tests/checks/corpus/"
    )


@pytest.mark.parametrize("name", CHECKERS)
def test_a_checkers_corpus_is_named_as_its_module(name):
    module = getattr(checks, name).contract.module.rsplit(".", 1)[1]
    assert HELD_IN.get(name) == module, (
        f"{name}'s corpus belongs in tests/checks/corpus/{module}.py"
    )


def test_the_corpus_names_only_checkers():
    assert set(CORPUS) <= set(CHECKERS)


def test_the_corpus_is_about_250_wrong_answers():
    assert len(CASES) >= 250


@pytest.mark.parametrize(
    ("name", "wrong"), CASES, ids=[f"{name}-{wrong.mistake}" for name, wrong in CASES]
)
def test_a_wrong_answer_is_refused_with_its_mistake_named_in_both_modes(
    name, wrong, said, said_strictly
):
    check = getattr(checks, name)
    printed = said(check, *wrong.args)
    assert printed.startswith(NOT_YET), printed
    assert wrong.says in printed, printed
    assert said_strictly(check, *wrong.args) == printed


@pytest.mark.parametrize("lang", [lang for lang in languages() if lang != ENGLISH])
@pytest.mark.parametrize(
    ("name", "wrong"), CASES, ids=[f"{name}-{wrong.mistake}" for name, wrong in CASES]
)
def test_a_wrong_answer_is_refused_in_every_language(
    name, wrong, lang, said, said_strictly, monkeypatch
):
    check = getattr(checks, name)
    english = said(check, *wrong.args)
    monkeypatch.setenv("SERIES_LANGUAGE", lang)
    printed = said(check, *wrong.args)
    assert printed.startswith(verdict_word("not_yet", lang)) and printed != english, printed
    mark = mark_in(wrong.says, lang)  # None for a mark taken from a filled-in sentence
    assert mark is None or mark in printed, (mark, printed)
    assert said_strictly(check, *wrong.args) == printed
