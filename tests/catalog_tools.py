"""The tests' ways to name a catalog sentence (helpers/messages.py) rather than copy it."""

from __future__ import annotations

import re
import string

from helpers.messages import ENGLISH, entries, message


def helper_said(module: str, key: str, lang: str = ENGLISH, /, **fields: object) -> str:
    """The sentence `key` of helpers.<module>'s catalog in `lang`, its placeholders filled."""
    return message(f"helpers.{module}", key, lang, **fields)


def sentence_pattern(domain: str, key: str, lang: str = ENGLISH, /, **fields: object) -> str:
    """A regex for the sentence `key` of `domain` in `lang`: the fields given filled in, any
    other one .*"""
    parts = []
    for text, name, spec, _ in string.Formatter().parse(entries(domain, lang)[key]):
        parts.append(re.escape(text))
        if name is not None:
            parts.append(re.escape(format(fields[name], spec)) if name in fields else ".*")
    return "".join(parts)
