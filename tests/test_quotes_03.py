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
