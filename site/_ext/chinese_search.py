"""The Chinese pages' search: words found by jieba, and the stemmer the search page can load.

Sphinx 9.0 names the script's stemmer after the language (`window.Stemmer = ChineseStemmer;`),
but its Chinese search stems Latin words with the English stemmer, so the search page stops
with "ChineseStemmer is not defined" (sphinx-doc/sphinx#14229, fixed after 9.0.4). Where the
stemmer's script does not define the name Sphinx writes, this registers the same search with
the script's own name.
"""

import logging
from pathlib import Path

import sphinx.search
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese

SCRIPTS = Path(sphinx.search.__file__).parent / "minified-js"


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search, its stemmer's script named as the script names it."""

    js_stemmer_rawcode = ""  # so Sphinx writes js_stemmer_code as it is
    js_stemmer_code = "\n".join(
        (
            (SCRIPTS / "base-stemmer.js").read_text(encoding="utf-8"),
            (SCRIPTS / SearchChinese.js_stemmer_rawcode).read_text(encoding="utf-8"),
            "window.Stemmer = EnglishStemmer;",
        )
    )


def stemmer_is_misnamed() -> bool:
    """Whether Sphinx would name a stemmer that its Chinese script does not define."""
    script = (SCRIPTS / SearchChinese.js_stemmer_rawcode).read_text(encoding="utf-8")
    return f"{SearchChinese.language_name}Stemmer" not in script


def setup(app: Sphinx) -> dict:
    logging.getLogger("jieba").setLevel(logging.WARNING)  # not its dictionary's progress
    if stemmer_is_misnamed():
        app.add_search_language(ChineseSearch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
