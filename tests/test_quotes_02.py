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


def test_the_overlap_answers_lean_on_0_and_8():
    found = shown(NB, r"share of the answers per digit: \[(0\.\d+)")
    assert said(NB, r"take (\d+)% and \d+% of the answers") == round(100 * found)
    text = "".join(o.get("text", "") for c in NB.cells for o in c.get("outputs", []))
    shares = text.split("share of the answers per digit: [")[1].split("]")[0].split()
    assert said(NB, r"take \d+% and (\d+)% of the answers") == round(100 * float(shares[8]))


def test_pixels_are_numbered_from_0_and_x_i_has_00s_shape():
    for stem in ("00_welcome", "01_loading_mnist", "02_softmax_model", "03_deriving_the_gradient"):
        text = "\n".join(c.source for c in notebook(stem).cells if c.cell_type == "markdown")
        assert "j = 1" not in text and "j=1" not in text and "1 to 784" not in text, stem
    table = next(c.source for c in NB.cells if c.source.startswith("The letters"))
    assert r"| $1 \times 784$, $n \times 784$ |" in table
    welcome = next(c.source for c in notebook("00_welcome").cells if "## The notation" in c.source)
    assert (
        r"| $x_i$ | image $i$: a row of 784 pixel values between 0 and 1 | $1 \times 784$ |"
        in welcome
    )
