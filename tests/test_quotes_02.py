"""Numbers quoted in 02_softmax_model's prose match the outputs they describe."""

from __future__ import annotations

import numpy as np

from tests.quotes import notebook, said, shown

NB = notebook("02_softmax_model")


def test_the_ratio_of_two_probabilities_is_e_to_the_score_gap():
    ratio = shown(NB, r"p_3 / p_5 = (\d+\.\d+)")
    assert ratio == shown(NB, r"e\^\(z_3 - z_5\) = (\d+\.\d+)")
    assert said(NB, r"about \*\*(\d+\.\d)\*\* times as probable") == round(ratio, 1)
    assert said(NB, r"A score only (\d\.\d) higher") == shown(NB, r"score gap z_3 - z_5 = (\d\.\d)")


def test_the_mean_image_accuracies_are_quoted_right():
    assert said(NB, r"(\d+)% with no training at all") == round(
        100 * shown(NB, r"largest overlap: (0\.\d+)")
    )
    nearest = round(100 * shown(NB, r"nearest mean image: (0\.\d+)"))
    assert said(NB, r"(\d+)%: a linear model with hand-made weights") == nearest
    assert said(NB, r"rule already recognises (\d+)% of the test digits") == nearest


def test_the_initial_loss_is_ln_10():
    loss = shown(NB, r"loss of the untrained model on the test set: (\d\.\d+)")
    assert loss == shown(NB, r"ln 10:\s+(\d\.\d+)") == round(np.log(10), 4)
    assert said(NB, r"L_0 = \\ln 10 \\approx (\d\.\d+)") == round(loss, 3)


def test_the_loss_curve_values_are_quoted_right():
    # The figure annotates each point with -ln p (its text is in the image, not in an output).
    assert said(NB, r"giving the true class 1% costs (\d\.\d)") == round(-np.log(0.01), 1)


def test_large_random_weights_cost_the_loss_quoted():
    loss = shown(NB, r"standard deviation 1 +: loss +(\d+\.\d+)")
    assert said(NB, r"costs a loss of about (\d+)\.") == round(loss)
    small = shown(NB, r"standard deviation 0\.01 : loss +(\d\.\d+)")
    assert abs(small - said(NB, r"and the loss close to (\d\.\d+)")) < 0.02
