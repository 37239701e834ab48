"""helpers.mlp: the one-hidden-layer network of 08_beyond_linear."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import numerical_gradient, relative_error
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
        ({"hidden": 0}, "Expected hidden to be a whole number from 1 to 4096, got 0."),
        ({"lr": -1}, "Expected lr to be a number above 0, got int -1."),
        ({"epochs": 1.5}, "Expected epochs to be a whole number from 1 to 1000, got float 1.5."),
        ({"batch_size": 100}, "Expected batch_size of at most 16 (the rows of X), got 100."),
        ({"seed": -2}, "Expected seed to be a whole number of at least 0, got -2."),
    ],
)
def test_train_mlp_refuses_bad_settings(kwargs, message):
    X, y = small_problem(16)
    with pytest.raises(ValueError) as raised:
        train_mlp(X, y, **{"batch_size": 4, **kwargs})
    assert str(raised.value) == message


def test_train_mlp_refuses_raw_bytes():
    X, y = small_problem(16)
    with pytest.raises(ValueError, match="between 0 and 1"):
        train_mlp(X * 255, y)


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
    with pytest.raises(ValueError, match="y_val"):
        train_mlp(X, y, batch_size=4, validation=(X, y[:3]))
