"""helpers.messages: the language chosen, sentences filled in, English as the fallback.

Most tests read a small catalog written to a temporary folder, so they do not depend on the
series' own sentences; the last ones read the real catalogs.
"""

from __future__ import annotations

import string

import pytest

from helpers import messages
from helpers.messages import ENGLISH, catalog, domains, entries, language, languages, message

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: {lang}\\n"\n\n'
)
ENGLISH_PO = """msgid "greeting"
msgstr "Hello {name}, {share:.1%} done."

msgid "only_english"
msgstr "Only in English, {count}."

msgid "empty_in_chinese"
msgstr "Said in English."

msgid "quoted"
msgstr ""
"A \\"quoted\\" word and a brace {{ }} "
"on two lines."
"""
CHINESE_PO = """msgid "greeting"
msgstr "你好，{name}，已完成 {share:.1%}。"

msgid "empty_in_chinese"
msgstr ""
"""


@pytest.fixture
def demo(tmp_path, monkeypatch):
    """A locales folder with one domain, 'demo', in English and (partly) in Chinese."""
    for lang, body in ((ENGLISH, ENGLISH_PO), ("zh", CHINESE_PO)):
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "demo.po").write_text(HEADER.format(lang=lang) + body, "utf-8")
    monkeypatch.setattr(messages, "LOCALES", tmp_path)
    monkeypatch.delenv("SERIES_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)  # no .series-language file here
    entries.cache_clear()
    yield tmp_path
    entries.cache_clear()  # the real catalogs again for the tests that follow


def test_english_is_the_default_without_a_setting(demo):
    assert language() == ENGLISH
    assert message("demo", "greeting", name="Ada", share=0.5) == "Hello Ada, 50.0% done."


def test_the_environment_variable_chooses_the_language(demo, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    assert language() == "zh"
    assert message("demo", "greeting", name="Ada", share=0.25) == "你好，Ada，已完成 25.0%。"


def test_a_language_file_in_the_working_folder_chooses_the_language(demo, tmp_path):
    (tmp_path / messages.LANGUAGE_FILE).write_text("zh\n", "utf-8")
    assert language() == "zh"


def test_the_environment_variable_wins_over_the_file(demo, tmp_path, monkeypatch):
    (tmp_path / messages.LANGUAGE_FILE).write_text("zh\n", "utf-8")
    monkeypatch.setenv("SERIES_LANGUAGE", "en")
    assert language() == ENGLISH


@pytest.mark.parametrize("where", ["environment", "file"])
def test_an_unknown_language_is_refused_in_one_sentence(demo, tmp_path, monkeypatch, where):
    if where == "environment":
        monkeypatch.setenv("SERIES_LANGUAGE", "xx")
    else:
        (tmp_path / messages.LANGUAGE_FILE).write_text("xx", "utf-8")
    with pytest.raises(ValueError, match=r"^Expected the series language to be one of en, zh, "):
        language()


def test_the_languages_and_domains_are_listed(demo):
    assert languages() == [ENGLISH, "zh"]
    assert domains() == domains("zh") == ["demo"]


def test_an_untranslated_sentence_falls_back_to_english(demo):
    assert message("demo", "only_english", "zh", count=3) == "Only in English, 3."
    assert message("demo", "empty_in_chinese", "zh") == "Said in English."


def test_escapes_continued_lines_and_doubled_braces_are_read(demo):
    assert message("demo", "quoted", "en") == 'A "quoted" word and a brace { } on two lines.'


def test_an_unknown_key_is_refused_even_if_another_language_has_it(demo):
    with pytest.raises(KeyError, match="Expected a key of the 'demo' catalog, got 'missing'"):
        message("demo", "missing", "zh")


def test_a_missing_placeholder_is_an_error_not_a_half_sentence(demo):
    with pytest.raises(KeyError, match="share"):
        message("demo", "greeting", "en", name="Ada")


def test_catalog_speaks_the_language_of_the_moment_it_is_called(demo, monkeypatch):
    say = catalog("demo")
    assert say("greeting", name="Bo", share=1) == "Hello Bo, 100.0% done."
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    assert say("greeting", name="Bo", share=1) == "你好，Bo，已完成 100.0%。"
    assert say.domain == "demo"


def test_catalog_refuses_a_domain_without_an_english_catalog(demo):
    with pytest.raises(ValueError, match="Expected a domain with an English catalog, got 'nope'"):
        catalog("nope")


OWN_DOMAINS = [
    "helpers._inputs",
    "helpers.ceiling",
    "helpers.data",
    "helpers.environment",
    "helpers.figures",
    "helpers.history",
    "helpers.mlp",
    "helpers.model",
    "helpers.training",
]


@pytest.mark.parametrize("domain", OWN_DOMAINS)
def test_the_helpers_catalogs_are_complete_in_chinese(domain):
    def fields(text: str) -> list[tuple]:
        return sorted({(f, spec) for _, f, spec, _ in string.Formatter().parse(text) if f})

    english, chinese = entries(domain, ENGLISH), entries(domain, "zh")
    assert english, f"no English catalog for {domain}"
    assert sorted(chinese) == sorted(english)
    for key, text in english.items():
        assert fields(chinese[key]) == fields(text), key
