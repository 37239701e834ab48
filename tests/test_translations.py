"""Every translation says what the English says: same catalog keys and placeholders, the same
code, prose without English left in it, the same numbers quoted and printed, figures in its
language with a font that has every glyph.

Together the number tests carry the English quote tests (tests/test_quotes_*.py) over to
every translation: a Chinese cell quotes every number its English cell quotes, and the
Chinese notebook prints every number the English one prints, cell by cell.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import nbformat
import pytest
from fontTools.ttLib import TTFont

from helpers.figure_language import CJK_FONT, LIST_ENTRY, figure_text
from helpers.messages import ENGLISH, LOCALES, domains, entries, languages
from tools import conventions
from tools.figure_strings import series_figure_strings
from tools.translate import read_blocks, translate, translated_cells, translation_path

TRANSLATIONS = [lang for lang in languages() if lang != ENGLISH]
# Five English words in a row is a sentence left untranslated; names and code are shorter.
ENGLISH_RUN = re.compile(r"(?<![\w./-])(?:[A-Za-z][a-z']*,?\s+){4}[A-Za-z][a-z']*\b")
# A number stands on its own: not inside an identifier (x1, p10), whatever script is around it.
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])-?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?")
CODE_AND_MATH = re.compile(
    r"```.*?```|`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|<[^>]+>|\]\([^)]*\)|\\[a-zA-Z]+", re.DOTALL
)


def fields(template: str) -> set[tuple[str, str]]:
    """The (name, format spec) of each placeholder in a str.format template."""
    parsed = string.Formatter().parse(template)
    return {(name, spec or "") for _, name, spec, _ in parsed if name is not None}


def prose(markdown: str) -> str:
    """Markdown without code, math, HTML tags and link targets: what a reader reads as words."""
    return CODE_AND_MATH.sub(" ", markdown)


def numbers(text: str) -> list[str]:
    """The numbers a text writes, as written (commas dropped)."""
    return [n.replace(",", "") for n in NUMBER.findall(text)]


def pairs(lang: str) -> list[tuple[Path, Path]]:
    english = conventions.series_notebooks(ENGLISH)
    return [(path, conventions.notebook_folder(lang) / path.name) for path in english]


PAIRS = [pytest.param(lang, en, tr, id=f"{lang}-{en.stem}") for lang in TRANSLATIONS
         for en, tr in pairs(lang)]  # fmt: skip


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


# --- catalogs ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("domain", domains(ENGLISH))
def test_every_catalog_entry_is_translated_with_its_placeholders(lang, domain):
    english, translated = entries(domain, ENGLISH), entries(domain, lang)
    missing = sorted(set(english) - set(translated))
    assert not missing, f"{lang}/{domain}.po lacks {missing}"
    assert not set(translated) - set(english), f"{lang}/{domain}.po has keys English lacks"
    for key, sentence in english.items():
        assert fields(translated[key]) == fields(sentence), f"{lang}/{domain}.po: {key}"
        assert translated[key] != sentence or not re.search(r"[A-Za-z]{3}", sentence), (
            f"{lang}/{domain}.po: {key} is still English"
        )


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_figures_catalog_holds_every_string_the_notebooks_draw(lang):
    catalog = entries("figures", lang)
    drawn = {text for texts in series_figure_strings().values() for text in texts}
    missing = sorted(drawn - set(catalog))
    assert not missing, f"{lang}/figures.po lacks {missing[:5]} ({len(missing)} in all)"
    for english, translated in catalog.items():
        if english != LIST_ENTRY:  # its translation is the joiner of a list, not a template
            assert fields(translated) == fields(english), f"{lang}/figures.po: {english!r}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_no_translated_figure_text_mixes_math_and_a_fallback_script(lang):
    # matplotlib draws a text with $...$ in it through mathtext, whose fonts have no glyph
    # fallback: a CJK character there would be a "Glyph missing" box and a warning on stderr.
    for english, translated in entries("figures", lang).items():
        if "$" in translated:
            assert translated.isascii(), f"{lang}/figures.po: {english!r} mixes math and CJK"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_figure_text_translates_templates_and_leaves_unknown_text(lang):
    catalog = entries("figures", lang)
    template = next(e for e in catalog if fields(e) and e != LIST_ENTRY)
    drawn = template.format(**{name: "0.918" for name, _ in fields(template)})
    assert figure_text(drawn, lang) == catalog[template].format(
        **{name: "0.918" for name, _ in fields(template)}
    )
    assert figure_text("a title no catalog has", lang) == "a title no catalog has"
    # A short template ("digit {digit}") does not swallow a longer English text ...
    assert figure_text("digit of a title no catalog has", lang) == "digit of a title no catalog has"
    # ... while a field may hold text already in the language, however long.
    translated = figure_text("Mean training image of each digit", lang)
    assert figure_text(f"digit {translated}", lang) == figure_text("digit 7", lang).replace(
        "7", translated
    )
    assert figure_text(drawn, ENGLISH) == drawn


def test_the_cjk_font_has_every_character_the_catalogs_use():
    cmap = TTFont(CJK_FONT)["cmap"].getBestCmap()
    dejavu_free = set()
    for lang in TRANSLATIONS:
        for po in (LOCALES / lang).glob("*.po"):
            dejavu_free |= {c for c in po.read_text(encoding="utf-8") if ord(c) > 0x2E7F}
    missing = sorted(c for c in dejavu_free if ord(c) not in cmap and c.isprintable())
    assert not missing, f"{CJK_FONT.name} lacks {''.join(missing)}: rerun python -m tools.cjk_font"


# --- notebooks --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "english", "translated"), PAIRS)
def test_the_translation_is_built_from_the_english_code_and_its_prose(lang, english, translated):
    assert translated.exists(), f"run python -m tools.translate {lang}"
    built = translate(read(english), read_blocks(translation_path(lang, english.stem)), lang)
    stored = read(translated)
    assert [c.id for c in stored.cells] == [c.id for c in built.cells]
    for have, want in zip(stored.cells, built.cells, strict=True):
        assert have.cell_type == want.cell_type
        assert have.metadata.get("tags", []) == want.metadata.get("tags", []), have.id
        if have.cell_type == "code" or want.id in {c.id for c in translated_cells(built)}:
            assert have.source == want.source, f"{translated.name} cell {have.id} is out of date"


@pytest.mark.parametrize(("lang", "english", "translated"), PAIRS)
def test_no_english_sentence_is_left_in_the_prose(lang, english, translated):
    for cell in translated_cells(read(translated)):
        run = ENGLISH_RUN.search(prose(cell.source))
        assert not run, f"{translated.name} cell {cell.id} keeps English: {run.group(0)!r}"


@pytest.mark.parametrize(("lang", "english", "translated"), PAIRS)
def test_the_prose_quotes_every_number_the_english_quotes(lang, english, translated):
    theirs = {c.id: c.source for c in translated_cells(read(translated))}
    for cell in translated_cells(read(english)):
        said = numbers(prose(theirs[cell.id]) + " " + theirs[cell.id])
        for number in numbers(prose(cell.source)):
            assert number in said, f"{translated.name} cell {cell.id} does not quote {number}"


def printed_numbers(cell: nbformat.NotebookNode) -> list[str]:
    text = "".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for o in cell.get("outputs", [])
        if o.output_type != "error"
    )
    return numbers(text)


def ignored_by_nbval(cell: nbformat.NotebookNode) -> bool:
    tags = set(cell.metadata.get("tags", []))
    return (
        "NBVAL_IGNORE_OUTPUT" in cell.source
        or "NBVAL_SKIP" in cell.source
        or bool(tags & {"nbval-ignore-output", "nbval-skip"})
    )


@pytest.mark.parametrize(("lang", "english", "translated"), PAIRS)
def test_the_notebook_prints_the_numbers_the_english_prints(lang, english, translated):
    theirs = {c.id: c for c in read(translated).cells}
    for cell in read(english).cells:
        if cell.cell_type == "code" and not ignored_by_nbval(cell):
            assert printed_numbers(theirs[cell.id]) == printed_numbers(cell), (
                f"{translated.name} cell {cell.id} prints other numbers than the English"
            )


@pytest.mark.parametrize(("lang", "english", "translated"), PAIRS)
def test_stored_alt_texts_are_in_the_language(lang, english, translated):
    for cell in read(translated).cells:
        for output in cell.get("outputs", []):
            alt = output.get("metadata", {}).get("image/png", {}).get("alt")
            if alt:
                run = ENGLISH_RUN.search(alt)
                assert not run, f"{translated.name} cell {cell.id} alt keeps {run.group(0)!r}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_the_folder_says_its_language(lang):
    marker = conventions.notebook_folder(lang) / conventions.LANGUAGE_FILE
    assert marker.read_text(encoding="utf-8").strip() == lang
