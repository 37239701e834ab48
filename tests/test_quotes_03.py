"""Numbers quoted in 03_deriving_the_gradient's prose match the outputs they describe."""

from __future__ import annotations

import numpy as np

from tests.quotes import notebook, said, shown

NB = notebook("03_deriving_the_gradient")


def test_the_likelihood_of_the_untrained_model_is_quoted_right():
    assert shown(NB, r"product of the 1000 probabilities: (\d\.\d)") == 0.0
    assert said(NB, r"the sum of the logs is an ordinary number, \*\*(-\d+\.\d)\*\*") == shown(
        NB, r"sum of their logs: (-\d+\.\d)"
    )
    loss = shown(NB, r"mean negative log, the loss L: (\d\.\d+)")
    assert said(NB, r"and the loss is \*\*(\d\.\d+)\*\*") == loss == round(np.log(10), 3)


def test_the_geometric_mean_example_is_quoted_right():
    loss = shown(NB, r"loss L = (\d\.\d+)")
    assert said(NB, r"A loss of \*\*(\d\.\d+)\*\* is a geometric-mean") == loss
    e_minus_loss = shown(NB, r"e\^-L = (\d\.\d+)")
    assert e_minus_loss == shown(NB, r"geometric mean (\d\.\d+)")
    assert said(NB, r"probability of \*\*(\d\.\d+)\*\* for the right answer") == e_minus_loss
    assert said(NB, r"below the plain mean of (\d\.\d+)") == shown(NB, r"arithmetic mean (\d\.\d+)")
    assert said(NB, r"A loss of 0\.3 means \$e\^\{-0\.3\} \\approx (\d\.\d+)\$") == round(
        np.exp(-0.3), 2
    )
    assert said(NB, r"-\\ln 0\.001 \\approx (\d\.\d)") == round(-np.log(0.001), 1)


def test_the_slips_relative_errors_are_quoted_right():
    errors = [
        shown(NB, rf"{slip}: relative error (\d\.\d+)")
        for slip in ("forgot the 1/n", "forgot to subtract Y", "wrong sign")
    ]
    assert said(NB, r"Errors of (\d\.\d) to 1 instead") == round(min(errors), 1)
    assert round(max(errors)) == 1
    assert said(NB, r"each slip shown gives (\d\.\d) to 1") == round(min(errors), 1)


def test_the_forgotten_one_over_n_is_19_over_21():
    error = shown(NB, r"forgot the 1/n: relative error (\d\.\d+)")
    assert said(NB, r"= \\frac\{19\}\{21\} \\approx (\d\.\d+)\$") == error == round(19 / 21, 2)


def test_the_centred_difference_and_float64_are_measured():
    assert shown(NB, r"float64: one-sided off by about 1e(-\d+),") == -8
    assert shown(NB, r"float64: one-sided .*, centred off by less than 1e(-\d+)") == -9
    assert (
        shown(NB, r"float32: one-sided off by more than (0\.01), centred off by more than") == 0.01
    )
    slope = shown(NB, r"the formula: (0\.\d+)")
    assert said(NB, r"one-sided, the slope is off by\s+about \$10\^\{(-\d+)\}\$") == -8
    assert said(NB, r"in float32, by more than 0\.01 in a slope of (0\.\d+)\.") == round(slope, 3)
    assert (
        said(
            NB,
            r"term as its error, about\s+\$10\^\{(-\d+)\}\$",
        )
        == -8
    )


def test_the_written_question_is_in_the_notebook_with_its_model_answer():
    cells = NB.cells
    (at,) = [i for i, c in enumerate(cells) if "written" in c.metadata.get("tags", [])]
    assert cells[at].source.startswith("**Your answer: why centred differences**")
    assert "model-answer" in cells[at + 1].metadata.get("tags", [])
    assert cells[at + 1].source.startswith("<details><summary>Model answer</summary>")
