"""Numbers and readings quoted in 07_draw_a_digit's prose, compared with the outputs they quote.

The probabilities differ between CPUs in their last digits, so the notebook prints verdicts
against far thresholds, and the prose quotes the thresholds of verdicts that printed True.
"""

from __future__ import annotations

import re

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("07_draw_a_digit")


def _outputs(nb) -> str:
    return "\n".join(
        output.get("text", "") for cell in nb.cells for output in cell.get("outputs", [])
    )


def _markdown(nb) -> str:
    return "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


def test_the_ink_box_is_mnists_20_pixels(nb):
    rows = shown(nb, r"ink box: (\d+) rows x \d+ columns")
    columns = shown(nb, r"ink box: \d+ rows x (\d+) columns")
    assert max(rows, columns) == 20 and "The ink's longer side is now 20 pixels" in _markdown(nb)


def test_every_printed_verdict_is_true(nb):
    verdicts = re.findall(r": (True|False)\b", _outputs(nb))
    assert len(verdicts) >= 8 and set(verdicts) == {"True"}, verdicts


def test_the_filled_zero_is_quoted_right(nb):
    assert "read as: the ring 0, the filled ring 8" in _outputs(nb)
    assert "Filled, the same ring is read as an **8**" in _markdown(nb)
    above = shown(nb, r"P\(0\) above (0\.\d+) for the ring: True")
    below = shown(nb, r"below (0\.\d+) filled: True")
    assert said(nb, r"takes \$P\(0\)\$ from above (0\.\d+)") == above
    assert said(nb, r"from above 0\.\d+ to below (0\.\d+): the red") == below


def test_the_one_and_the_seven_are_quoted_right(nb):
    outputs, markdown = _outputs(nb), _markdown(nb)
    assert "read as: upright 1, slanted 1" in outputs
    assert "P(1) lower by more than 0.05 slanted: True" in outputs
    assert "Both are read as a 1, but the slant costs the 1 some probability" in markdown
    assert "read as: plain 7, crossed 7" in outputs
    threshold = shown(nb, r"P\(7\) above (0\.\d+) for both: True")
    assert said(nb, r"both are read as a 7 with \$P\(7\)\$ above (0\.\d+)") == threshold


def test_the_model_is_05s(nb):
    assert shown(nb, r"test accuracy (0\.\d+)") == shown(
        notebook("05_reading_the_weights"), r"test accuracy (0\.\d+)"
    )
