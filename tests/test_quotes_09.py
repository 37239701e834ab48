"""Numbers quoted in 09_the_ceiling's prose, compared with the outputs they quote."""

from __future__ import annotations

import re

import pytest

from tests.quotes import _texts, notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("09_the_ceiling")


def rung(nb, name):
    """(validation, own training images) as printed in the rung's own cell."""
    return (
        shown(nb, rf"{name}: validation (0\.\d+)"),
        shown(
            nb, rf"{name}: validation 0\.\d+(?: \(.*?\))?, own training images (?:over )?(0\.\d+)"
        ),
    )


def test_the_linear_model_reads_its_training_images_no_better(nb):
    val = shown(nb, r"validation images (0\.\d+), its own")
    train = shown(nb, r"its own training images (0\.\d+)")
    assert said(nb, r"It reads (\d+\.\d)% of the\nvalidation images") == round(100 * val, 1)
    assert abs(val - train) <= 0.0015  # "the same to within a tenth of a point"
    assert said(nb, r"with 50,000: (0\.\d+) and") == val
    assert said(nb, r"with 50,000: 0\.\d+ and (0\.\d+)\)") == train
    assert said(nb, r"\*\*(0\.\d+)\*\*\s+against\s+\*\*0\.\d+\*\*\): its limit") == train
    assert said(nb, r"\*\*0\.\d+\*\*\s+against\s+\*\*(0\.\d+)\*\*\): its limit") == val


def test_the_learning_curve(nb):
    def row(size):
        return (
            shown(nb, rf"\n\s*{size}\s+(0\.\d+)\s+\d\.\d+"),
            shown(nb, rf"\n\s*{size}\s+0\.\d+\s+(\d\.\d+)"),
        )

    assert row(1000)[1] == 1.0  # "reads all its training images"
    assert said(nb, r"only (0\.\d+) of new ones") == row(1000)[0]
    gain = said(nb, r"added only \*\*(\d\.\d)\*\*")
    assert gain == round(100 * (row(50000)[0] - row(20000)[0]), 1)
    trains = [row(s)[1] for s in (1000, 5000, 20000, 50000)]
    vals = [row(s)[0] for s in (1000, 5000, 20000, 50000)]
    assert trains == sorted(trains, reverse=True) and vals == sorted(vals)  # falls, rises
    assert abs(trains[-1] - vals[-1]) <= 0.0015  # "at 50,000 the two have met"


def test_the_slants_before_and_after(nb):
    before = [float(s) for s in re.findall(r"-?\d\.\d\d", _line(nb, "slants before:"))]
    after = [float(s) for s in re.findall(r"-?\d\.?\d*", _line(nb, "slants after:"))]
    assert 0.4 <= max(map(abs, before)) <= 0.6  # "up to about half a column per row"
    assert max(map(abs, after)) == 0  # "to 0": below 0.005
    assert shown(nb, r"largest difference from deskew_one: (\d\.\d+)") < 1e-5


def _line(nb, start):
    lines = [
        ln for text in _texts(nb, "outputs") for ln in text.splitlines() if ln.startswith(start)
    ]
    assert len(lines) == 1
    return lines[0]


def test_deskewing_removes_a_third_of_the_errors(nb):
    before = shown(nb, r"validation errors: (0\.\d+) before")
    after = shown(nb, r"before, (0\.\d+) after")
    assert said(nb, r"falls from \*\*(\d\.\d)%\*\*") == round(100 * before, 1)
    assert said(nb, r"to\n\*\*(\d\.\d)%\*\*: about a third") == round(100 * after, 1)
    assert 0.28 <= (before - after) / before <= 0.38
    val, train = rung(nb, "deskewed")
    assert abs(val - train) <= 0.002  # "still equal"
    assert val == pytest.approx(1 - after)


def test_shifts_cost_accuracy(nb):
    linear = shown(nb, r"validation images (0\.\d+), its own")
    linear_train = shown(nb, r"its own training images (0\.\d+)")
    val, train = rung(nb, "one-pixel shifts")
    assert said(nb, r"it costs \*\*(\d\.\d)\*\* points") == round(100 * (linear - val), 1)
    assert said(nb, r"fell as well, from (0\.\d+) to") == linear_train
    assert said(nb, r"fell as well, from 0\.\d+ to \*\*(0\.\d+)\*\*") == train < linear_train


def test_ten_templates(nb):
    val, train = rung(nb, "10 templates per digit")
    deskewed = rung(nb, "deskewed")[0]
    assert said(nb, r"from 0\.929 to \*\*(0\.\d+)\*\*, as far") == val
    assert said(nb, r"training accuracy, \*\*(0\.\d+)\*\*, sits") == train > val
    assert abs(val - deskewed) <= 0.002  # "as far as deskewing took it"


def test_the_network(nb):
    val = shown(nb, r"hidden layer: validation (0\.\d+)")
    assert said(nb, r"reads about \*\*(\d+)%\*\* of the validation") == round(100 * val)
    assert shown(nb, r"own training images over (0\.\d+)") >= 0.99  # "almost all"


def test_the_open_experiment(nb):
    linear = shown(nb, r"validation images (0\.\d+), its own")
    deskewed = rung(nb, "deskewed")[0]
    templates = rung(nb, "10 templates per digit")[0]
    assert said(nb, r"bought (\d\.\d) points; templates") == round(100 * (deskewed - linear), 1)
    assert said(nb, r"templates changed the model and\nbought (\d\.\d)") == round(
        100 * (templates - linear), 1
    )
    both = shown(nb, r"the linear model plus both gains: (0\.\d+)")
    assert both == pytest.approx(deskewed + templates - linear, abs=0.0011)
    assert said(nb, r"the sum of the two gains,\n(0\.\d+)\.") == both
    together = shown(nb, r"deskewed \+ 10 templates: validation (0\.\d+)")
    assert said(nb, r"Together they read \*\*(0\.\d+)\*\*") == together
    assert together > max(deskewed, templates)  # "more than either alone"
    assert said(nb, r"but\n\*\*(\d\.\d)\*\* points short") == round(100 * (both - together), 1)


def test_the_summary(nb):
    together = shown(nb, r"deskewed \+ 10 templates: validation (0\.\d+)")
    network = shown(nb, r"hidden layer: validation (0\.\d+)")
    assert said(nb, r"With deskewing too it reaches (0\.\d+)") == together
    assert said(nb, r"\*\*hidden layer\*\* \((0\.\d+)\)") == network > together


def test_the_test_table_repeats_the_validation_figures(nb):
    table = _line(nb, "rung ").split()  # the header
    assert table == ["rung", "validation", "test"]
    for name in ("linear model", "deskewed", "one-pixel shifts", "10 templates", "hidden layer"):
        val = shown(nb, rf"\n{name}\s+(0\.\d+)\s+0\.\d+")
        assert abs(val - shown(nb, rf"\n{name}\s+0\.\d+\s+(0\.\d+)")) < 0.01
