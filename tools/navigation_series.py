"""The series in one table: each notebook's stem and minutes; its words from the catalog.

The title, prerequisites, one-line question and objectives of each notebook are sentences of
the `navigation` catalog (helpers/locales/<lang>/navigation.po), so every language's header
says them in its own words; the minutes are the same in every language.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from helpers.messages import ENGLISH, message

DOMAIN = "navigation"

# (stem, minutes) in order. Set the minutes from `python -m tools.navigation --minutes`.
PLAN = (
    ("00_welcome", 25),
    ("01_loading_mnist", 55),
    ("02_softmax_model", 55),
    ("03_deriving_the_gradient", 80),
    ("04_training_by_hand", 80),
    ("05_reading_the_weights", 80),
    ("06_watching_training", 60),
    ("07_draw_a_digit", 65),
    ("08_beyond_linear", 75),
    ("09_the_ceiling", 85),
    ("10_the_answer", 55),
)


class Notebook(NamedTuple):
    """One notebook of the series, in one language."""

    stem: str
    title: str
    minutes: int
    prerequisites: str
    objectives: tuple[str, ...]
    question: str  # the one-line teaser used in the README table and the previous footer


def say(key: str, lang: str = ENGLISH, **fields: object) -> str:
    """A sentence of the navigation catalog in `lang`."""
    return message(DOMAIN, key, lang, **fields)


@functools.cache
def series(lang: str = ENGLISH) -> tuple[Notebook, ...]:
    """Every notebook of the series, its words in `lang`."""
    return tuple(
        Notebook(
            stem,
            say(f"title_{stem}", lang),
            minutes,
            say(f"prerequisites_{stem}", lang),
            tuple(say(f"objectives_{stem}", lang).split("\n")),
            say(f"question_{stem}", lang),
        )
        for stem, minutes in PLAN
    )


SERIES = series(ENGLISH)


def label(nb: Notebook) -> str:
    """The notebook's number and title, as links and headings show it."""
    return f"{nb.stem[:2]} · {nb.title}"
