"""Numbers quoted in 05_reading_the_weights' prose, compared with the outputs they quote."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import checks, train_sgd
from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("05_reading_the_weights")


def test_about_460_white_weights_are_strong_elsewhere(nb):
    assert said(nb, r"White is not \"does not matter\": about (\d+) weights") == shown(
        nb, r"of those, strong in another map: about (\d+)"
    )


def test_the_share_of_misread_digits(nb):
    misread = shown(nb, r"(\d+) of 10000 test digits are misread")
    assert said(nb, r"frame\), so the (\d+) misread digits") == misread


def test_the_shift_figures_in_the_summary(nb):
    assert said(nb, r"from about 92% to about (\d+)%") == round(
        100 * shown(nb, r"shifted 2 px right: accuracy (0\.\d+)")
    )


def test_the_misread_digits_are_as_centred_and_differ_in_slant_and_ink(nb):
    def medians(name):
        misread = shown(nb, rf"{name}\s+(\d+\.\d+)\s+\d+\.\d+")
        right = shown(nb, rf"{name}\s+\d+\.\d+\s+(\d+\.\d+)")
        return misread, right

    position = medians(r"position \(px from centre\)")
    slant = medians(r"slant \(distance from usual\)")
    ink = medians(r"ink \(relative distance\)")
    assert abs(position[0] - position[1]) <= 0.02  # "as close to the centre as the others"
    assert slant[0] > slant[1] and ink[0] > ink[1]  # "further from ... usual"


def test_the_disc_counts_most_against_0_and_most_for_4_1_8(nb):
    # "The centre speaks most against a 0 and most for a 4, a 1 and an 8".
    text = "\n".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    lines = [
        line for line in text.splitlines() if line.startswith("digit ") and "in the disc" in line
    ]
    digits = [int(line.split()[1].rstrip(":")) for line in lines]
    assert len(digits) == 10 and digits[0] == 0 and digits[-3:] == [8, 1, 4]


def test_the_white_frame_is_exactly_zero(nb):
    assert shown(nb, r"training images: (\d+)") == 67
    assert shown(nb, r"largest \|weight\| of those pixels, in any map: (\d\.\d+)") == 0


def test_erasing_a_region_of_the_0_map(nb):
    def erased(name, group):
        numbers = r"zeros read as 0: +(\d+) of 980, other digits read as 0: +(\d+)"
        pattern = rf"erased {name} +{numbers}"
        if group == 1:
            pattern = pattern.replace(r"other digits read as 0: +(\d+)", r"other digits read as 0")
        else:
            pattern = pattern.replace(r"zeros read as 0: +(\d+)", r"zeros read as 0: +\d+")
        return shown(nb, pattern)

    assert said(nb, r"now read as 0 \((\d+) before\)") == erased("nothing", 2)
    assert said(nb, r"Erase the ring, and only \*\*(\d+)\*\* of the 980") == erased("the ring", 1)
    assert said(nb, r"almost no other digit is \(\*\*(\d+)\*\*\)") == erased("the ring", 2)
    assert said(nb, r"read as well as before \(\*\*(\d+)\*\*\)") == erased("the disc", 1)
    assert erased("the disc", 1) >= erased("nothing", 1)  # "as well as before"
    assert said(nb, r"but \*\*(\d+)\*\* other digits are now read as 0") == erased("the disc", 2)
    assert said(nb, r"read as 0, against (\d+): the red centre") == erased("nothing", 2)
    assert said(nb, r"erasing its ring leaves (\d+) of 980") == erased("the ring", 1)
    assert said(nb, r"centre lets (\d+) other digits") == erased("the disc", 2)


def test_the_aucs_of_slant_ink_and_position(nb):
    slant = shown(nb, r"AUC of slant \(distance from usual\) +(0\.\d+)")
    ink = shown(nb, r"AUC of ink \(relative distance\) +(0\.\d+)")
    position = shown(nb, r"AUC of position \(px from centre\) +(0\.\d+)")
    fours = shown(nb, r"AUC of slant, the 4s alone: +(0\.\d+)")
    assert said(nb, r"Slant scores an AUC of \*\*(0\.\d+)\*\*") == slant
    assert said(nb, r"and ink \*\*(0\.\d+)\*\*, a little better") == ink
    assert said(nb, r"position scores \*\*(0\.\d+)\*\*, nothing") == position == 0.5
    assert said(nb, r"\(AUC \*\*(0\.\d+)\*\*, below 0\.5\)") == fours < 0.5
    assert 0.5 < ink < slant < 0.65  # "a little better than the coin toss"
    assert said(nb, r"weakly \(AUC (0\.\d+)\s+and") == slant
    assert said(nb, r"in slant\s+and ink \(AUC (0\.\d+)") == slant
    assert said(nb, r"in slant\s+and ink \(AUC 0\.\d+ and (0\.\d+)") == ink


def test_the_model_answer_quotes_the_notebook(nb):
    answer = next(c.source for c in nb.cells if "model-answer" in c.metadata.get("tags", []))
    shifted = shown(nb, r"shifted 2 px right: accuracy (0\.\d+)")
    assert f"drops the accuracy to {shifted:.3f}" in answer
    confused = shown(nb, r"3 and 5 are confused (\d+) times")
    assert f"(3 and 5, {confused:.0f} times)" in answer


def test_the_shifted_maps_are_not_labelled_as_centred(nb):
    shifted_maps = "fig = plot_weight_maps(\n    W_plus"
    cell = next(c.source for c in nb.cells if c.source.startswith(shifted_maps))
    assert "relative to the other classes" not in cell and "not centred" in cell


def test_the_red_surround_solution_quotes_what_the_check_measures(nb, mnist, capsys):
    # The solution's numbers are what checks.red_surround prints for the notebook's model.
    X_train, y_train, X_test, y_test = mnist
    run = train_sgd(X_train, y_train, lr=0.5, batch_size=64, steps=9375, seed=0, decay=True)
    solution = next(c.source for c in nb.cells if "region = maps[1] < 0" in c.source)
    one_map = run.W[:, 1].reshape(28, 28)
    rows, cols = np.mgrid[0:28, 0:28]
    band = (cols >= 12) & (cols <= 15) & (rows >= 4) & (rows <= 23)
    lines = []
    for region in (one_map < 0, ~band, band):
        checks.red_surround(region, run.W, run.b, X_test, y_test)
        lines.append(capsys.readouterr().out)
    red, outside = (
        re.search(r"lets (\d+) other .*\((\d+) before\), while (\d+) ones", line)
        for line in lines[:2]
    )
    assert f"Erasing the {(one_map < 0).sum()} red pixels lets {red[1]} other digits" in solution
    assert f"against {red[2]} before, while\n{red[3]} of the {(y_test == 1).sum()} ones" in solution
    assert f"passes too ({outside[1]} other digits)" in solution
    assert "only 0 of the" in lines[2] and "not one 1 is read as 1" in solution
