"""Honest times: every header's minutes agree with the estimate of the stored notebook."""

from __future__ import annotations

import nbformat
import pytest

from tests.notebook_tools import read
from tools import navigation
from tools.navigation import CLASS_MINUTES, IN_CLASS, NOTEBOOKS, SERIES, estimated_minutes


def tolerance(estimate: int) -> float:
    """How far a header's minutes may be from the estimate: 20%, or 5 minutes if more."""
    return max(0.2 * estimate, 5)


@pytest.mark.parametrize("nb", SERIES, ids=lambda nb: nb.stem)
def test_header_minutes_match_the_estimate(nb):
    estimate = estimated_minutes(read(NOTEBOOKS / f"{nb.stem}.ipynb"))
    assert abs(nb.minutes - estimate) <= tolerance(estimate), (
        f"{nb.stem}: SERIES says {nb.minutes} minutes, the estimate is {estimate}; set it "
        "from `python -m tools.navigation --minutes`"
    )


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    return nb


def words(count: int) -> str:
    return " ".join(["word"] * count)


def test_reading_is_100_words_a_minute_rounded_to_5():
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell(words(1000)))) == 10
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell(words(1300)))) == 15
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell(words(1200)))) == 10


def test_a_short_notebook_takes_at_least_5_minutes():
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell("Hello."))) == 5


def test_punctuation_is_not_read_as_words():
    table = "| a | b |\n| --- | --- |\n" + " = + - | " * 2000
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell(table))) == 5


def test_exercises_and_code_cells_take_time():
    exercise = nbformat.v4.new_code_cell("answer = ...", metadata={"tags": ["exercise"]})
    plain = nbformat.v4.new_code_cell("x")
    # 3 exercises: 21 minutes, and 3 code cells of 10 s; 2 + 21 + 0.5 = 23.5, rounded to 25
    text = nbformat.v4.new_markdown_cell(words(200))
    assert estimated_minutes(notebook(text, exercise, exercise, exercise)) == 25
    # 30 code cells of one word: 0.3 minutes of reading and 5 minutes of running
    assert (
        estimated_minutes(notebook(*[plain] * 30, nbformat.v4.new_markdown_cell(words(700)))) == 10
    )


def test_header_footer_solutions_and_model_answers_are_not_counted():
    long = words(3000)
    skipped = notebook(
        *[
            nbformat.v4.new_markdown_cell(long, metadata={"tags": [tag]})
            for tag in ("header", "solution", "model-answer", "footer")
        ]
    )
    assert estimated_minutes(skipped) == 5
    # What marks them is the tag, whatever the words: an untagged fold is read.
    assert estimated_minutes(notebook(nbformat.v4.new_markdown_cell(long))) == 30


def test_the_minutes_table_lists_every_notebook_and_the_total():
    lines = navigation.minutes_table().splitlines()
    assert [line.split()[0] for line in lines] == [nb.stem for nb in SERIES] + ["total"]


def test_the_guides_three_classes_fit_the_headers():
    assert [nb.stem for nb in SERIES] == list(IN_CLASS), "every notebook needs its line in IN_CLASS"
    for number in {number for number, _ in IN_CLASS.values()}:
        in_class = sum(minutes for n, minutes in IN_CLASS.values() if n == number)
        assert in_class <= CLASS_MINUTES, f"class {number} plans {in_class} minutes"
    for nb in SERIES:
        assert 0 < IN_CLASS[nb.stem][1] <= nb.minutes, f"{nb.stem}: more in class than it takes"


def test_extra_minutes_count_derivations_debugging_written_answers_and_predictions():
    text = nbformat.v4.new_markdown_cell(words(1100))  # 11 minutes: rounds to 10 alone
    assert estimated_minutes(notebook(text)) == 10
    for tag, extra in navigation.EXTRA_MINUTES.items():
        tagged = nbformat.v4.new_markdown_cell("Derive it.", metadata={"tags": [tag]})
        assert estimated_minutes(notebook(text, tagged)) == 5 * round((11 + extra) / 5) > 10, tag
