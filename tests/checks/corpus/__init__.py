"""Wrong answers every checker must refuse: one module per checks module, read by test_corpus.

Each module here (named as its `helpers.checks` module) defines

    CORPUS = {"checker_name": [Wrong(args, says, mistake), ...], ...}

`args` are the checker's arguments (the learner's answer first), `says` a piece of the ❌ line
that names the mistake, taken from the English catalog (`piece` or `sentence`), and `mistake`
says in a few words what the wrong answer does (for the test's id and for a reader).
test_corpus calls each in self-study and in strict mode.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from helpers.messages import domains, entries, message


class Wrong(NamedTuple):
    """A wrong answer: the checker's arguments, what its ❌ line must say, and the mistake."""

    args: tuple
    says: str
    mistake: str


# A checker's corpus needs at least this many wrong answers (issue 17: about 250 in all).
AT_LEAST = 8


def piece(domain: str, key: str, lang: str = "en") -> str:
    """The longest stretch of a catalog sentence between placeholders: a ❌ line's mark."""
    template = entries(domain, lang)[key]
    stretches = re.split(r"(?<!\{)\{[^{}]*\}(?!\})", template)
    return max(stretches, key=len).replace("{{", "{").replace("}}", "}").strip()


def sentence(domain: str, key: str, **fields: object) -> str:
    """An English catalog sentence with its placeholders filled."""
    return message(domain, key, "en", **fields)


def mark_in(says: str, lang: str) -> str | None:
    """The mark `says` (a piece of an English sentence) in another language, if it is a piece."""
    for domain in domains("en"):
        for key in entries(domain, "en"):
            if piece(domain, key) == says:
                return piece(domain, key, lang)
    return None
