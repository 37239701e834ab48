"""Figures in the learner's language: the words a notebook's own code draws, and a CJK font.

A translated notebook runs the English code, so `ax.set_title("Mean image of each digit")`
draws English. Just before a figure is shown, `localise_figure` replaces each text it finds
in the `figures` catalog of the language (msgid: the English text; msgstr: the translation).
An entry may hold `{name}` fields, which match any text and are carried over (`"step {step}"`
-> `"第 {step} 步"`) when its own words and the fields it translates hold a third of the Latin
letters. The entry `{parts}` gives the joiner of a list whose parts, joined by "; " in
English, are translated one by one (alt texts built from parts). Text the catalog lacks
stays as drawn.

matplotlib draws with DejaVu Sans and falls back, glyph by glyph, to the Noto Sans CJK SC
subset shipped in helpers/fonts/ (tools/cjk_font.py cuts it), so Chinese renders on every
machine with no install and no "Glyph missing" warning. Run by `import helpers`; used by
helpers.figures when a figure is displayed.
"""

from __future__ import annotations

import functools
import re
import string
from pathlib import Path

from helpers.messages import ENGLISH, entries, language

__all__ = ["CJK_FAMILY", "CJK_FONT", "figure_text", "localise_figure", "use_cjk_fallback"]

CJK_FONT = Path(__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Common.otf"
CJK_FAMILY = "Noto Sans CJK SC"
DOMAIN = "figures"
PART_SEPARATOR = "; "
LIST_ENTRY = "{parts}"  # its translation joins a "; "-separated list translated part by part
WORDS = re.compile(r"[A-Za-z]{2}")


def use_cjk_fallback() -> None:
    """Let matplotlib fall back to the shipped CJK font for glyphs DejaVu Sans lacks."""
    import matplotlib as mpl
    from matplotlib import font_manager

    if CJK_FAMILY not in {f.name for f in font_manager.fontManager.ttflist}:
        font_manager.fontManager.addfont(str(CJK_FONT))
    families = list(mpl.rcParams["font.family"])
    if CJK_FAMILY not in families:
        # After the families in use (DejaVu Sans by default): English figures look as before,
        # and a glyph none of them has comes from the CJK font.
        mpl.rcParams["font.family"] = [*families, CJK_FAMILY]


@functools.cache
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Each catalog entry as (pattern matching the English it was drawn as, translation)."""
    found = []
    for english, translated in entries(DOMAIN, lang).items():
        if english == LIST_ENTRY:
            continue
        regex, seen = "", set()
        for literal, field, _spec, _conversion in string.Formatter().parse(english):
            regex += re.escape(literal)
            if field is not None:
                # A field named twice must hold the same text twice.
                regex += f"(?P={field})" if field in seen else f"(?P<{field}>.*?)"
                seen.add(field)
        found.append((re.compile(f"^{regex}$", re.DOTALL), translated))
    return found


def _letters(text: str) -> int:
    return sum(c.isascii() and c.isalpha() for c in text)


def english_part(match: re.Match[str]) -> str:
    """The text a match covers with the template's own words, outside its fields."""
    kept, at = [], 0
    for start, end in match.regs[1:]:
        kept.append(match.string[at:start])
        at = end
    return "".join(kept) + match.string[at:]


def figure_text(text: str, lang: str | None = None) -> str:
    """text in `lang` (default: the series language) if the figures catalog knows it."""
    lang = lang or language()
    if lang == ENGLISH or not text.strip():
        return text
    joiner = entries(DOMAIN, lang).get(LIST_ENTRY)
    if joiner and PART_SEPARATOR in text:
        # A list built from parts, when the catalog knows every part that has words.
        parts = text.split(PART_SEPARATOR)
        done = [figure_text(part, lang) for part in parts]
        if all(new != old or not WORDS.search(old) for new, old in zip(done, parts, strict=True)):
            return joiner.join(done)
    for pattern, translated in _patterns(lang):
        match = pattern.match(text)
        if not match:
            continue
        fields = {name: figure_text(value, lang) for name, value in match.groupdict().items()}
        # What the template and its translated fields cover must be a good part of the
        # English the text holds: "a {digit}" reads "a 7", not "a title of someone else's".
        known = _letters(english_part(match)) + sum(
            _letters(value) for name, value in match.groupdict().items() if fields[name] != value
        )
        if 3 * known >= _letters(text):
            return translated.format(**fields)
    if "\n" in text:
        return "\n".join(figure_text(line, lang) for line in text.split("\n"))
    return text


def localise_figure(fig) -> None:
    """Translate, in place, every text drawn on fig (titles, labels, legends, annotations)."""
    lang = language()
    if lang == ENGLISH:
        return
    from matplotlib.text import Text

    for artist in fig.findobj(Text):
        original = artist.get_text()
        translated = figure_text(original, lang)
        if translated != original:
            artist.set_text(translated)
