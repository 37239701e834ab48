"""train_sgd: reproducible, reaches the classic accuracy, records snapshots, reports divergence."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from helpers import accuracy, snapshot_schedule, train_sgd
from helpers.training import TrainingDiverged


@pytest.fixture(scope="module")
def classic(mnist):
    """The original experiment: lr 0.5, batch 64, 1000 steps, zero init, fixed seed."""
    return train_sgd(
        mnist.X_train,
        mnist.y_train,
        lr=0.5,
        batch_size=64,
        steps=1000,
        seed=0,
        X_test=mnist.X_test,
        y_test=mnist.y_test,
    )


def test_original_experiment_reaches_about_91_5_percent(classic, mnist):
    test_accuracy = accuracy(classic.W, classic.b, mnist.X_test, mnist.y_test)
    assert 0.905 <= test_accuracy <= 0.925
    assert classic.test_acc[-1] == pytest.approx(test_accuracy)


def test_same_seed_same_weights_other_seed_other_weights(classic, mnist):
    again = train_sgd(mnist.X_train, mnist.y_train, lr=0.5, steps=1000, seed=0)
    other = train_sgd(mnist.X_train, mnist.y_train, lr=0.5, steps=1000, seed=1)
    np.testing.assert_array_equal(again.W, classic.W)
    assert not np.array_equal(other.W, classic.W)


def test_snapshots_are_dense_early_and_match_the_final_weights(classic):
    steps = classic.snapshot_steps
    assert steps[0] == 0 and steps[-1] == 1000
    assert np.all(np.diff(steps) > 0)
    assert np.diff(steps)[:5].max() <= 2 < np.diff(steps)[-5:].min()  # dense early, sparse late
    assert classic.W_snapshots.shape == (len(steps), 784, 10)
    assert not classic.W_snapshots[0].any()  # step 0 is the zero initialisation
    np.testing.assert_array_equal(classic.W_snapshots[-1], classic.W)
    np.testing.assert_array_equal(classic.b_snapshots[-1], classic.b)


def test_curves_start_at_ln_10_and_fall(classic):
    assert classic.train_loss[0] == pytest.approx(math.log(10))
    assert classic.test_loss[0] == pytest.approx(math.log(10), rel=1e-6)
    assert classic.test_acc[0] < 0.2 < 0.9 < classic.test_acc[-1]
    assert classic.test_loss[-1] < 0.4 and classic.train_loss[-1] < 0.4
    assert len(classic.batch_loss) == classic.steps == 1000
    assert classic.epochs(938) == pytest.approx(938 * 64 / 60000)


def test_decay_and_more_epochs_reach_92_5_percent(mnist):
    history = train_sgd(
        mnist.X_train,
        mnist.y_train,
        lr=1.0,
        batch_size=64,
        steps=6562,  # seven epochs
        decay=True,
        snapshot_steps=[6562],
        X_test=mnist.X_test,
        y_test=mnist.y_test,
    )
    assert history.test_acc[-1] >= 0.925


def test_divergence_raises_with_the_learning_rate_and_advice(mnist):
    with pytest.raises(FloatingPointError, match=r"diverged at step \d+ with lr=50.*lr=5\b"):
        train_sgd(mnist.X_train, mnist.y_train, lr=50, steps=1000)


def test_divergence_message_holds_on_every_cpu(mnist):
    # The loss of a diverging run differs in its digits between BLAS kernels (43.2 on one
    # x86-64 machine, 43.6 on another): the message gives its power of ten, not its digits.
    with pytest.raises(TrainingDiverged) as caught:
        train_sgd(mnist.X_train, mnist.y_train, lr=50, steps=1000)
    err = caught.value
    assert (err.step, err.lr) == (100, 50.0) and 10 < err.mean_loss < 100
    assert "mini-batches was over 10, worse than the untrained model's ln(10) = 2.303" in str(err)
    assert not re.search(r"\d\.\d", str(err).replace("2.303", ""))


@pytest.mark.parametrize(
    ("mean_loss", "expected"),
    [
        (4.0, "was above the untrained model's ln(10) = 2.303"),
        (43.6, "was over 10, worse"),
        (1234.5, "was over 1,000, worse"),
        (math.inf, "the loss became infinite or NaN"),
    ],
)
def test_divergence_message_names_the_order_of_magnitude(mean_loss, expected):
    assert expected in str(TrainingDiverged(7, 5.0, mean_loss))


def test_divergence_can_stop_and_keep_the_last_finite_weights(mnist):
    history = train_sgd(
        mnist.X_train,
        mnist.y_train,
        lr=50,
        steps=1000,
        on_divergence="stop",
        X_test=mnist.X_test,
        y_test=mnist.y_test,
    )
    assert history.diverged_at is not None and history.steps < 1000
    assert np.isfinite(history.W).all() and np.isfinite(history.test_loss).all()
    assert history.snapshot_steps[-1] == history.steps
    assert history.test_loss[-1] > math.log(10)  # it really did get worse than guessing


def test_a_good_learning_rate_is_not_called_divergent(mnist):
    history = train_sgd(mnist.X_train, mnist.y_train, lr=2, steps=1000)
    assert history.diverged_at is None


def test_snapshot_schedule():
    steps = snapshot_schedule(1000, num=60)
    assert steps[0] == 0 and steps[-1] == 1000 and len(steps) > 40
    assert snapshot_schedule(1).tolist() == [0, 1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lr": 0}, "lr to be a number above 0"),
        ({"lr": "0.5"}, "lr to be a number above 0"),
        ({"lr": float("nan")}, "lr to be a number above 0"),
        ({"lr": 0.5, "batch_size": 0}, "batch_size to be a whole number"),
        ({"lr": 0.5, "batch_size": 100_000}, "batch_size of at most"),
        ({"lr": 0.5, "steps": 2.5}, "steps to be a whole number"),
        ({"lr": 0.5, "on_divergence": "ignore"}, "on_divergence"),
        ({"lr": 0.5, "snapshot_steps": [0, 5000]}, "snapshot_steps between 0 and"),
        ({"lr": 0.5, "X_test": np.zeros((3, 784))}, "X_test and y_test together"),
    ],
)
def test_bad_arguments_are_refused(mnist, kwargs, message):
    with pytest.raises(ValueError, match=message):
        train_sgd(mnist.X_train[:1000], mnist.y_train[:1000], **kwargs)
