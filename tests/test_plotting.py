"""The figures have the panels, titles and colour scales the notebooks promise."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers import (
    get_alt_text,
    plot_digits,
    plot_learning_curves,
    plot_map_correlations,
    plot_map_rows,
    plot_weight_maps,
    plotting,
    snapshot_schedule,
    train_sgd,
    weight_images,
)
from helpers.messages import message
from tests.catalog_tools import sentence_pattern
from tests.notebook_tools import NOTEBOOK_DIR

HELPERS = Path(plotting.__file__).parent


def said(key: str, lang: str = "en", /, **fields: object) -> str:
    """The sentence `key` of plotting's catalog in `lang`, its placeholders filled."""
    return message("helpers.plotting", key, lang, **fields)


def pattern(key: str, **fields: object) -> str:
    """A regex for the English sentence `key`: the fields given filled in, any other one .*"""
    return sentence_pattern("helpers.plotting", key, **fields)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def history(mnist):
    return train_sgd(
        mnist.X_train,
        mnist.y_train,
        lr=0.5,
        steps=50,
        X_test=mnist.X_test[:500],
        y_test=mnist.y_test[:500],
        snapshot_steps=snapshot_schedule(50, num=10),
    )


def test_weight_maps_use_a_symmetric_scale_so_white_is_zero():
    W = np.zeros((784, 10))
    W[0, 3], W[1, 3] = 2.0, -0.5
    fig = plot_weight_maps(W)
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 10
    assert [ax.get_title() for ax in panels] == [said("digit", digit=d) for d in range(10)]
    for ax in panels:
        assert ax.images[0].get_clim() == (-2.0, 2.0)
        assert ax.images[0].get_cmap().name == "RdBu"
    assert fig.get_suptitle() == said("weight_maps_title")
    assert said("weight_bar_rdbu") in [ax.get_ylabel() for ax in fig.axes]  # the bar explains


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
    assert titled[1].get_title() == f"{said('label', label=1)}\n{said('pred', pred=0)}"
    assert titled[1].title.get_color() == "crimson" and titled[0].title.get_color() == "black"


def test_learning_curves_have_labelled_axes(history):
    fig = plot_learning_curves(history)
    for ax in fig.axes:
        assert ax.get_title() and ax.get_xlabel() == said("step") and ax.get_ylabel()
    assert fig.get_suptitle() == said("curves_title")


def test_plot_map_rows_titles_the_digits_and_labels_the_rows():
    rng = np.random.default_rng(0)
    fig = plot_map_rows(
        {"first": rng.normal(size=(784, 10)), "second": np.ones((784, 10))}, title="two rows"
    )
    axes = fig.axes
    assert [ax.get_title() for ax in axes[:10]] == [said("digit", digit=d) for d in range(10)]
    assert [ax.get_ylabel() for ax in (axes[0], axes[10])] == ["first", "second"]
    assert fig.get_suptitle() == "two rows"


def test_plot_map_correlations_draws_one_panel_per_digit_with_the_threshold():
    steps = np.array([1, 2, 5, 10, 20])
    correlations = np.linspace(0.2, 1.0, 5)[:, None] + np.arange(10) / 100
    fig = plot_map_correlations(correlations, steps, threshold=0.95, title="settling")
    assert len(fig.axes) == 10 and fig.get_suptitle() == "settling"
    for digit, ax in enumerate(fig.axes):
        labelled = [line for line in ax.get_lines() if not line.get_label().startswith("_")]
        expected = [said("digit", digit=digit), said("threshold", threshold=0.95)]
        assert [line.get_label() for line in labelled] == expected
        np.testing.assert_array_equal(labelled[0].get_ydata(), correlations[:, digit])
        assert len(ax.get_lines()) == 11  # the nine others in grey, the digit, the threshold
        assert ax.get_xscale() == "log" and ax.get_title() == said("digit", digit=digit)
    assert fig.axes[5].get_xlabel() == said("step_log")
    assert fig.axes[0].get_ylabel() == said("correlation")


def test_one_hot_labels_are_refused_with_the_conversion():
    # Refused, not read by argmax: rows of 10 numbers may be one-hot labels or probabilities,
    # and every other helper takes one integer label per image, as load_mnist gives them.
    X, Y = np.zeros((3, 784)), np.eye(10)[[1, 2, 3]]
    with pytest.raises(ValueError) as refused:
        plot_digits(X, Y)
    assert str(refused.value) == said("labels_as_rows", name="y")
    with pytest.raises(ValueError, match=pattern("labels_as_rows", name="predicted")):
        plot_digits(X, np.array([1, 2, 3]), predicted=Y)


def diverged(history):
    test_loss = history.test_loss.copy()
    test_loss[4] = np.nan
    return dataclasses.replace(history, test_loss=test_loss)


REFUSALS = [
    (lambda h: plot_weight_maps(np.zeros((10, 784))), r"784, 10\), one column per class"),
    (lambda h: plot_weight_maps(np.zeros((784, 10)), cmap="viridis"), "cmap to be one of"),
    (lambda h: plot_weight_maps(np.zeros((784, 10)), vmax=-1), "vmax to be a number above 0"),
    (lambda h: plot_weight_maps(np.zeros((784, 10)), vmax="1"), "vmax .* got str '1'"),
    (lambda h: plot_weight_maps(np.full((784, 10), np.nan)), "Expected finite W"),
    (lambda h: plot_weight_maps(np.zeros((784, 10)), title=3), pattern("not_text", name="title")),
    (lambda h: plot_weight_maps(np.zeros((784, 10)), label=3), pattern("not_text", name="label")),
    (lambda h: weight_images([[0.0] * 10] * 784), "W to be a numeric array"),
    (lambda h: plot_digits(np.zeros((200, 784))), pattern("too_many_images", count=200)),
    (lambda h: plot_digits(np.zeros((3, 784)), np.zeros(2, int)), "hold 3 labels"),
    (lambda h: plot_digits(np.zeros((3, 784)), np.array([0, 1, 10])), "labels 0 to 9"),
    (lambda h: plot_digits(np.full((3, 784), 255)), "divide the raw bytes by 255"),
    (lambda h: plot_digits(np.zeros((3, 28, 28))), "2-D numeric array of shape"),
    (lambda h: plot_digits(np.zeros((3, 784)), ncols=0), "ncols to be a whole number"),
    (lambda h: plot_digits(np.zeros((3, 784)), title=1), pattern("not_text", name="title")),
    (lambda h: plot_learning_curves({"loss": [2.3, 0.5]}), pattern("not_a_history")),
    (lambda h: plot_learning_curves(h, title=["a"]), pattern("not_text", name="title")),
    (lambda h: plot_learning_curves(diverged(h)), pattern("history_diverged", lr=0.05)),
    (
        lambda h: plot_map_rows([np.zeros((784, 10))], title="t"),
        pattern("rows_not_dict", kind="list"),
    ),
    (lambda h: plot_map_rows({}, title="t"), pattern("rows_empty")),
    (
        lambda h: plot_map_rows({"a": np.zeros((10, 784))}, title="t"),
        r"transpose it with rows\['a'\]\.T",
    ),
    (
        lambda h: plot_map_rows({1: np.zeros((784, 10))}, title="t"),
        pattern("not_text", name=said("name_row_key")),
    ),
    (lambda h: plot_map_correlations(np.zeros((3, 784)), np.arange(1, 4), title="t"), "10 col"),
    (
        lambda h: plot_map_correlations(np.zeros((3, 10)), np.arange(1, 5), title="t"),
        pattern("steps_count", count=3, got=4),
    ),
    (
        lambda h: plot_map_correlations(np.zeros((3, 10)), np.arange(3), title="t"),
        pattern("steps_below_one", low=0),
    ),
    (
        lambda h: plot_map_correlations(np.zeros((3, 10)), [1, 2, 3], title="t"),
        "steps to be a 1-D numeric array",
    ),
    (
        lambda h: plot_map_correlations(np.zeros((2, 10)), np.ones(2), threshold="0.9", title="t"),
        "threshold to be one number",
    ),
    (
        lambda h: plot_map_correlations(np.zeros((2, 10)), np.ones(2), threshold=2, title="t"),
        pattern("threshold_range", threshold=2),
    ),
]


@pytest.mark.parametrize(("call", "message"), REFUSALS)
def test_bad_input_is_refused_with_our_sentence_before_any_drawing(history, call, message):
    with pytest.raises(ValueError, match=message) as refusal:
        call(history)
    # Raised by helpers' own guards, not deep inside numpy or matplotlib, and before a
    # figure was opened (a refused call leaves no empty figure behind in the notebook).
    assert Path(refusal.traceback[-1].path).parent == HELPERS
    assert str(refusal.value).startswith("Expected ") and str(refusal.value).endswith(".")
    assert plt.get_fignums() == []


def test_every_public_function_names_the_notebook_that_teaches_it():
    # Or, for a function public only so that another module may use it, that module.
    notebooks = {path.stem for path in NOTEBOOK_DIR.glob("*.ipynb")}
    for name, function in inspect.getmembers(plotting, inspect.isfunction):
        if not name.startswith("_") and function.__module__ == plotting.__name__:
            doc = function.__doc__ or ""
            taught = re.search(r"Taught in (\d\d_\w+)", doc)
            used = re.search(r"Used by helpers\.(\w+)", doc)
            assert (taught and taught[1] in notebooks) or (used and used[1] != "plotting"), name


def test_a_chinese_learner_reads_the_figures_and_refusals_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as refused:
        plot_digits(np.zeros((200, 784)))
    assert str(refused.value) == said("too_many_images", "zh", count=200)
    assert str(refused.value) != said("too_many_images", "en", count=200)
    fig = plot_weight_maps(np.ones((784, 10)))
    assert fig.get_suptitle() == said("weight_maps_title", "zh")
    assert fig.axes[0].get_title() == said("digit", "zh", digit=0) == "数字 0"
    fig = plot_digits(np.zeros((2, 784)), np.array([3, 4]), predicted=np.array([3, 5]))
    assert (
        fig.axes[1].get_title() == f"{said('label', 'zh', label=4)}\n{said('pred', 'zh', pred=5)}"
    )


def test_learning_curves_alt_text_gives_where_each_curve_ends(history):
    text = get_alt_text(plot_learning_curves(history, title="Fifty steps"))
    assert text.startswith("Fifty steps: two panels against training step, 0 to 50.")
    for value in (history.train_loss[-1], history.train_acc[-1], history.test_acc[-1]):
        assert f"{value:.2f}" in text


def test_map_figures_alt_texts_name_their_rows_and_ranges():
    rows = {"first": np.ones((784, 10)), "second\nrow": -np.ones((784, 10))}
    assert (
        "2 rows of ten 28x28 maps, digits 0 to 9 from left to right; rows: first; second row."
        in (get_alt_text(plot_map_rows(rows, title="t")))
    )
    correlations = np.linspace(0.2, 1.0, 5)[:, None] + np.arange(10) / 100
    text = get_alt_text(
        plot_map_correlations(correlations, np.arange(1, 6), threshold=0.9, title="t")
    )
    assert "At step 1 the correlations range from 0.20 (digit 0) to 0.29 (digit 9)" in text
    assert text.endswith("a dashed line marks 0.9.")
