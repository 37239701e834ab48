"""The figures have the panels, titles and colour scales the notebooks promise."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import plot_digits, plot_learning_curves, plot_weight_maps, train_sgd, weight_images


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_weight_maps_use_a_symmetric_scale_so_white_is_zero():
    W = np.zeros((784, 10))
    W[0, 3], W[1, 3] = 2.0, -0.5
    fig = plot_weight_maps(W)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 10
    assert [ax.get_title() for ax in panels] == [f"digit {d}" for d in range(10)]
    for ax in panels:
        assert ax.images[0].get_clim() == (-2.0, 2.0)
        assert ax.images[0].get_cmap().name == "RdBu"
    assert fig.get_suptitle()
    assert any("votes for" in ax.get_ylabel() for ax in fig.axes)  # the colour bar explains


def test_weight_maps_gray_and_fixed_scale():
    fig = plot_weight_maps(np.ones((784, 10)), cmap="gray", vmax=3)
    assert fig.axes[0].images[0].get_cmap().name == "gray"
    assert fig.axes[0].images[0].get_clim() == (-3, 3)


def test_weight_images_put_pixel_rows_in_image_rows():
    W = np.zeros((784, 10))
    W[28 * 5 + 7, 2] = 1.0  # row 5, column 7 of digit 2's map
    assert weight_images(W)[2, 5, 7] == 1.0 and weight_images(W).sum() == 1.0


def test_digits_grid_labels_and_flags_mistakes():
    X = np.zeros((12, 784))
    fig = plot_digits(X, np.arange(12) % 10, predicted=np.zeros(12, int), ncols=6)
    titled = [ax for ax in fig.axes if ax.get_title()]
    assert len(titled) == 12
    assert titled[1].get_title() == "label 1\npred 0"
    assert titled[1].title.get_color() == "crimson" and titled[0].title.get_color() == "black"


def test_learning_curves_have_labelled_axes(mnist):
    history = train_sgd(
        mnist.X_train,
        mnist.y_train,
        lr=0.5,
        steps=50,
        X_test=mnist.X_test[:500],
        y_test=mnist.y_test[:500],
    )
    fig = plot_learning_curves(history)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() == "step" and ax.get_ylabel()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: plot_weight_maps(np.zeros((10, 784))), r"784, 10"),
        (lambda: plot_weight_maps(np.zeros((784, 10)), cmap="viridis"), "cmap"),
        (lambda: plot_weight_maps(np.zeros((784, 10)), vmax=-1), "vmax above 0"),
        (lambda: plot_digits(np.zeros((200, 784))), "at most 100 images"),
        (lambda: plot_digits(np.zeros((3, 784)), np.zeros(2, int)), "3 entries"),
    ],
)
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()
