"""Every sentence a learner reads, from gettext PO catalogs: English is one catalog among others.

A catalog is `helpers/locales/<language>/<domain>.po`, read with Babel. Its msgid is a key, its
msgstr the sentence with named placeholders (`{steps}`, `{share:.1%}`), filled by str.format.
A module asks for its domain once, `say = catalog("checks.softmax")`, then calls
`say("rows_not_normalised", total=...)`.

The language is `$SERIES_LANGUAGE`, else the word in a `.series-language` file in the working
directory (a kernel runs in its notebook's folder, so `notebooks/zh/` speaks Chinese), else
English. Used by every module that prints, raises or draws words; CONTRIBUTING says how to add
a language.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from babel.messages.pofile import read_po

__all__ = [
    "ENGLISH",
    "LANGUAGE_FILE",
    "LANGUAGE_VARIABLE",
    "LOCALES",
    "catalog",
    "domains",
    "entries",
    "language",
    "languages",
    "message",
]

LOCALES = Path(__file__).resolve().parent / "locales"
ENGLISH = "en"
LANGUAGE_FILE = ".series-language"
LANGUAGE_VARIABLE = "SERIES_LANGUAGE"  # the environment variable that chooses the language


def languages() -> list[str]:
    """The languages with catalogs, English first."""
    found = sorted(p.name for p in LOCALES.iterdir() if p.is_dir() and p.name != ENGLISH)
    return [ENGLISH, *found]


def language() -> str:
    """The language learners read: $SERIES_LANGUAGE, else ./.series-language, else English."""
    chosen = os.environ.get(LANGUAGE_VARIABLE, "").strip()
    if not chosen:
        marker = Path.cwd() / LANGUAGE_FILE
        chosen = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ENGLISH
    if chosen not in languages():
        raise ValueError(
            f"Expected the series language to be one of {', '.join(languages())}, got {chosen!r}."
        )
    return chosen


def domains(lang: str = ENGLISH) -> list[str]:
    """The domains a language has catalogs for, such as 'checks.softmax'."""
    return sorted(p.stem for p in (LOCALES / lang).glob("*.po"))


@functools.cache
def entries(domain: str, lang: str = ENGLISH) -> dict[str, str]:
    """key -> sentence for one domain in one language ({} when that catalog does not exist)."""
    path = LOCALES / lang / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as po:
        parsed = read_po(po, locale=None, domain=domain)
    return {str(m.id): str(m.string) for m in parsed if m.id and m.string}


def message(domain: str, key: str, lang: str | None = None, /, **fields: object) -> str:
    """The sentence `key` of `domain` in `lang` (default: language()), its placeholders filled.

    A sentence not yet translated falls back to English, so a learner never meets a key.
    """
    lang = lang or language()
    english = entries(domain, ENGLISH)
    if key not in english:
        raise KeyError(f"Expected a key of the {domain!r} catalog, got {key!r}.")
    template = entries(domain, lang).get(key) or english[key]
    return template.format(**fields)


def catalog(domain: str) -> Callable[..., str]:
    """say(key, **fields) for one domain, in the language current when it is called."""
    if not (LOCALES / ENGLISH / f"{domain}.po").is_file():
        raise ValueError(f"Expected a domain with an English catalog, got {domain!r}.")

    def say(key: str, /, **fields: object) -> str:
        return message(domain, key, **fields)

    say.domain = domain  # type: ignore[attr-defined]
    return say
