"""Notebook 06's measurements of the weight maps: mean-difference maps, correlations, settling."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import map_correlations, mean_difference_maps, settling_steps
from helpers.messages import message


def said(key: str, lang: str = "en", /, **fields: object) -> str:
    """The sentence `key` of maps' catalog in `lang`, its placeholders filled."""
    return message("helpers.maps", key, lang, **fields)


def test_mean_difference_maps_is_class_mean_minus_overall_mean():
    rng = np.random.default_rng(0)
    y = rng.permutation(np.arange(40) % 10)
    X = rng.random((40, 784), dtype=np.float32)
    expected = np.stack([X[y == k].mean(axis=0) - X.mean(axis=0) for k in range(10)], axis=1)
    np.testing.assert_allclose(mean_difference_maps(X, y), expected, atol=1e-6)
    with pytest.raises(ValueError) as refused:
        mean_difference_maps(X[y != 9], y[y != 9])
    assert str(refused.value) == said("missing_classes", missing="[9]")


def test_map_correlations_is_pearson_per_class():
    rng = np.random.default_rng(1)
    W = rng.normal(size=(3, 784, 10))
    reference = rng.normal(size=(784, 10))
    got = map_correlations(W, reference)
    expected = [
        [np.corrcoef(W[i, :, k], reference[:, k])[0, 1] for k in range(10)] for i in range(3)
    ]
    np.testing.assert_allclose(got, expected, atol=1e-12)
    np.testing.assert_allclose(map_correlations(2 * W + 1, W[0])[0], 1.0)
    with pytest.raises(ValueError) as refused:
        map_correlations(np.zeros((2, 784, 10)), reference)
    assert str(refused.value) == said("constant_map", digit=0, snapshot=0)
    with pytest.raises(ValueError, match=r"shape \(k, 784, 10\)"):
        map_correlations(W[0], reference)


def test_settling_steps_needs_the_threshold_for_good():
    steps = np.array([1, 2, 5, 10])
    corr = np.tile([[0.5], [0.96], [0.9], [0.97]], (1, 10))
    corr[:, 1] = [0.96, 0.97, 0.98, 0.99]  # above from the start
    corr[:, 2] = [0.5, 0.6, 0.7, 0.8]  # never gets there
    settled = settling_steps(corr, steps, 0.95)
    assert settled[0] == 10  # touched 0.95 at step 2, dropped, settled at step 10
    assert settled[1] == 1
    assert settled[2] == -1
    with pytest.raises(ValueError) as refused:
        settling_steps(corr, steps[:3])
    assert str(refused.value) == said("steps_shape", rows=4, shape="(3,)")


def test_settling_steps_counts_the_threshold_itself_as_reached():
    steps = np.array([1, 2, 5, 10])
    corr = np.tile([[0.5], [0.95], [0.96], [1.0]], (1, 10))
    corr[:, 1] = [0.5, 0.9, 0.95, 1.0]
    settled = settling_steps(corr, steps, 0.95)
    assert settled[0] == 2  # exactly 0.95 at step 2: at or above, so settled there
    assert settled[1] == 5
    # A hair below 0.95 at step 2 is below: then it settles at step 5.
    assert settling_steps(np.nextafter(corr, 0), steps, 0.95)[0] == 5


def test_bad_inputs_are_refused_in_one_sentence():
    steps, corr = np.array([1, 2]), np.full((2, 10), 0.9)
    with pytest.raises(ValueError, match="Expected threshold to be one number, got str '0.9'"):
        settling_steps(corr, steps, "0.9")
    with pytest.raises(ValueError, match="correlations to hold only finite numbers"):
        settling_steps(np.full((2, 10), np.nan), steps)
    with pytest.raises(ValueError, match="finite W_snapshots"):
        map_correlations(np.full((2, 784, 10), np.nan), np.ones((784, 10)))
    with pytest.raises(ValueError) as refused:
        settling_steps(np.zeros((2, 3)), steps)
    assert str(refused.value) == said("correlations_shape", shape="(2, 3)")


def test_a_chinese_learner_reads_the_refusals_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as refused:
        settling_steps(np.zeros((2, 3)), np.array([1, 2]))
    assert str(refused.value) == said("correlations_shape", "zh", shape="(2, 3)")
    assert str(refused.value).startswith("correlations 的形状应是")
