"""helpers.mlp: the one-hidden-layer network of 08_beyond_linear."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import numerical_gradient, relative_error
from helpers.messages import message
from helpers.mlp import (
    MLP,
    init_mlp,
    mlp_accuracy,
    mlp_loss_and_gradients,
    mlp_predict,
    mlp_scores,
    train_mlp,
)
from helpers.training import batch_rows
from tests.test_inputs import is_sentence

INPUTS = "helpers._inputs"


def en(domain: str, key: str, **fields) -> str:
    """The English sentence `key` of a catalog, filled in."""
    return message(domain, key, "en", **fields)


def whole(name: str, low: int, high: int | None, got: str | int) -> str:
    """whole_number's refusal for a name, a span and the value got."""
    span = (
        en(INPUTS, "span_at_least", low=low)
        if high is None
        else en(INPUTS, "span", low=low, high=high)
    )
    key = "whole_out_of_range" if isinstance(got, int) else "not_whole"
    return en(INPUTS, key, name=name, span=span, got=got)


def small_problem(n=12, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784)), rng.integers(0, 10, size=n)


def test_gradients_match_centred_differences():
    X, y = small_problem()
    net = MLP(*(p.astype(np.float64) for p in init_mlp(7, seed=1, dtype=np.float64)[:4]))
    net = net._replace(b1=np.full(7, 0.1), b2=np.linspace(-0.1, 0.1, 10))
    _, grads = mlp_loss_and_gradients(net, X, y)
    for param, grad in zip(net[:4], grads, strict=True):
        numeric = numerical_gradient(lambda: mlp_loss_and_gradients(net, X, y)[0], param)
        assert relative_error(grad, numeric) < 1e-6


def test_init_is_seeded_and_breaks_symmetry():
    a, b = init_mlp(5, seed=3), init_mlp(5, seed=3)
    assert all(np.array_equal(p, q) for p, q in zip(a[:4], b[:4], strict=True))
    assert a.W1.shape == (784, 5) and a.W2.shape == (5, 10) and a.W1.dtype == np.float32
    assert not np.allclose(a.W1[:, 0], a.W1[:, 1]) and not a.b1.any()


def test_train_mlp_learns_a_small_set_and_is_reproducible():
    X, y = small_problem(64)
    X = X.astype(np.float32)
    first = train_mlp(X, y, hidden=32, lr=0.005, batch_size=8, epochs=200, seed=2)
    again = train_mlp(X, y, hidden=32, lr=0.005, batch_size=8, epochs=200, seed=2)
    assert np.array_equal(first.W1, again.W1)
    assert mlp_accuracy(first, X, y) > 0.9
    assert mlp_predict(first, X).shape == (64,) and mlp_scores(first, X).shape == (64, 10)
    assert first.seconds >= 0


def test_train_mlp_uses_the_batches_of_train_sgd():
    # One step of batch 4 moves only W1 rows where that batch has ink: the batch train_sgd takes.
    X = np.zeros((16, 784), dtype=np.float32)
    X[np.arange(16), np.arange(16)] = 1.0  # image i inks pixel i only
    y = np.arange(16) % 10
    net = train_mlp(X, y, hidden=3, lr=0.1, batch_size=4, epochs=1, seed=5)
    moved = np.flatnonzero(np.abs(net.W1 - init_mlp(3, seed=5).W1).sum(axis=1) > 0)
    batches = batch_rows(16, 4, 5)
    taken = set(np.concatenate([next(batches) for _ in range(4)]).tolist())
    assert set(moved.tolist()) <= taken and len(moved) > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hidden": 0}, whole("hidden", 1, 4096, 0)),
        ({"lr": -1}, en(INPUTS, "not_positive", name="lr", got="int -1")),
        ({"epochs": 1.5}, whole("epochs", 1, 1000, "float 1.5")),
        ({"batch_size": 100}, en("helpers.mlp", "batch_too_large", rows=16, batch_size=100)),
        ({"seed": -2}, whole("seed", 0, None, -2)),
        (
            {"epochs": 1000, "batch_size": 1},
            en("helpers.mlp", "too_many_steps", max_steps=1_000_000, epochs=1000, per_epoch=2_000),
        ),
    ],
)
def test_train_mlp_refuses_bad_settings(kwargs, message):
    X, y = small_problem(2000 if kwargs.get("epochs") == 1000 else 16)  # 2000 steps per epoch
    with pytest.raises(ValueError) as raised:
        train_mlp(X, y, **{"batch_size": 4, **kwargs})
    assert str(raised.value) == message


def test_train_mlp_refuses_raw_bytes():
    X, y = small_problem(16)
    with pytest.raises(ValueError) as raised:
        train_mlp(X * 255, y)
    assert is_sentence(str(raised.value), INPUTS, "pixels_raw_bytes")


def test_a_network_refusal_is_said_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    X, _ = small_problem(4)
    with pytest.raises(ValueError) as raised:
        mlp_scores((1, 2), X)
    got = message(INPUTS, "describe_value", "zh", kind="tuple", shown="(1, 2)")
    assert str(raised.value) == message("helpers.mlp", "not_an_mlp", "zh", got=got)
    assert str(raised.value).startswith("net 应为 MLP")


def test_train_mlp_records_the_validation_curve_without_changing_the_run():
    X, y = small_problem(64)
    X = X.astype(np.float32)
    plain = train_mlp(X, y, hidden=8, lr=0.01, batch_size=8, epochs=3, seed=1)
    watched = train_mlp(
        X, y, hidden=8, lr=0.01, batch_size=8, epochs=3, seed=1, validation=(X[:16], y[:16])
    )
    assert plain.curve == () and len(watched.curve) == 3
    assert np.array_equal(plain.W1, watched.W1)
    assert watched.curve[-1] == mlp_accuracy(watched, X[:16], y[:16])


def test_train_mlp_refuses_a_bad_validation_split():
    X, y = small_problem(16)
    with pytest.raises(ValueError) as raised:
        train_mlp(X, y, batch_size=4, validation=(X, y[:3]))
    assert str(raised.value) == en(INPUTS, "labels_count", name="y_val", rows=16, count=3)
