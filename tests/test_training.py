"""train_sgd: reproducible, reaches the classic accuracy, records snapshots, reports divergence."""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

from helpers import accuracy, loss_and_gradients, snapshot_schedule, train_sgd
from helpers.messages import message
from helpers.training import TrainingDiverged
from tests.checks.test_sgd import reference_loop
from tests.test_inputs import is_sentence, matrix

INPUTS, TRAINING = "helpers._inputs", "helpers.training"


def said(key: str, lang: str = "en", **fields) -> str:
    """The sentence `key` of the helpers.training catalog, filled in."""
    return message(TRAINING, key, lang, **fields)


def diverged(step: int, lr: float, what: str, lang: str = "en") -> str:
    """TrainingDiverged's whole sentence around the catalog's `what` clause."""
    return said("diverged", lang, step=step, lr=lr, what=what, smaller=lr / 10)


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
    with pytest.raises(FloatingPointError) as caught:
        train_sgd(mnist.X_train, mnist.y_train, lr=50, steps=1000)
    assert is_sentence(str(caught.value), TRAINING, "diverged")
    assert "lr=50" in str(caught.value) and "lr=5," in str(caught.value)


def test_divergence_message_holds_on_every_cpu(mnist):
    # The loss of a diverging run differs in its digits between BLAS kernels (43.2 on one
    # x86-64 machine, 43.6 on another): the message gives its power of ten, not its digits.
    with pytest.raises(TrainingDiverged) as caught:
        train_sgd(mnist.X_train, mnist.y_train, lr=50, steps=1000)
    err = caught.value
    assert (err.step, err.lr) == (100, 50.0) and 10 < err.mean_loss < 100
    assert str(err) == diverged(100, 50.0, said("window_loss_over", window=100, power="10"))
    assert not re.search(r"\d\.\d", str(err).replace("2.303", ""))


@pytest.mark.parametrize(
    ("mean_loss", "key", "fields"),
    [
        (4.0, "window_above_untrained", {"window": 100}),
        (43.6, "window_loss_over", {"window": 100, "power": "10"}),
        (43.6e1, "window_loss_over", {"window": 100, "power": "100"}),
        (1234.5, "batch_loss_over", {"step": 7, "power": "1,000"}),
        (3.3e29, "batch_loss_over", {"step": 7, "power": "1e+29"}),
        (math.inf, "loss_not_finite", {}),
    ],
)
def test_divergence_message_names_the_order_of_magnitude(mean_loss, key, fields):
    assert str(TrainingDiverged(7, 5.0, mean_loss)) == diverged(7, 5.0, said(key, **fields))


def test_the_divergence_is_told_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    text = str(TrainingDiverged(7, 5.0, 1234.5))
    what = said("batch_loss_over", "zh", step=7, power="1,000")
    assert text == diverged(7, 5.0, what, "zh")
    assert text.startswith("训练在第 7 步发散（lr=5）") and "lr=0.5" in text


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


def test_a_short_run_diverges_from_step_2(mnist):
    # Issue 18: under 100 steps the window never filled, so lr=1e30 went unnoticed.
    X, y = mnist.X_train[:1000], mnist.y_train[:1000]
    with pytest.raises(TrainingDiverged) as caught:
        train_sgd(X, y, lr=1e30, steps=5)
    assert caught.value.step == 2
    power = str(caught.value).split(" was over ")[1].split(",")[0]
    assert power.startswith("1e+")
    what = said("batch_loss_over", step=2, power=power)
    assert str(caught.value) == diverged(2, 1e30, what)
    assert train_sgd(X, y, lr=1e30, steps=5, on_divergence="continue").diverged_at == 2


def test_steps_are_capped_in_one_sentence(mnist):
    with pytest.raises(ValueError) as err:
        train_sgd(mnist.X_train[:100], mnist.y_train[:100], lr=0.5, steps=10**12)
    span = message(INPUTS, "span", "en", low=1, high=1000000)
    assert str(err.value) == message(
        INPUTS, "whole_out_of_range", "en", name="steps", span=span, got=10**12
    )


def test_a_good_learning_rate_is_not_called_divergent(mnist):
    history = train_sgd(mnist.X_train, mnist.y_train, lr=2, steps=1000)
    assert history.diverged_at is None


def test_snapshot_schedule():
    steps = snapshot_schedule(1000, num=60)
    assert steps[0] == 0 and steps[-1] == 1000 and len(steps) > 40
    assert snapshot_schedule(1).tolist() == [0, 1]


@pytest.mark.parametrize(
    ("kwargs", "domain", "key"),
    [
        ({"lr": 0}, INPUTS, "not_positive"),
        ({"lr": "0.5"}, INPUTS, "not_positive"),
        ({"lr": float("nan")}, INPUTS, "not_positive"),
        ({"lr": 0.5, "batch_size": 0}, INPUTS, "whole_out_of_range"),
        ({"lr": 0.5, "batch_size": 100_000}, TRAINING, "batch_too_large"),
        ({"lr": 0.5, "steps": 2.5}, INPUTS, "not_whole"),
        ({"lr": 0.5, "on_divergence": "ignore"}, INPUTS, "not_one_of"),
        ({"lr": 0.5, "snapshot_steps": [0, 5000]}, INPUTS, "whole_numbers"),
        ({"lr": 0.5, "X_test": np.zeros((3, 784))}, TRAINING, "pair_incomplete"),
        ({"lr": 0.5, "seed": "42"}, INPUTS, "not_whole"),
        ({"lr": 0.5, "snapshot_steps": []}, INPUTS, "whole_numbers_list"),
        ({"lr": 0.5, "snapshot_steps": [0, 10.7]}, INPUTS, "whole_numbers"),
        ({"lr": 0.5, "steps": 1e4}, INPUTS, "not_whole_write"),
        ({"lr": 0.5, "decay": "yes"}, INPUTS, "not_one_of"),
        ({"lr": 0.5, "on_divergence": np.array(["stop"])}, INPUTS, "not_one_of"),
        ({"lr": 0.5, "y_val": np.zeros(3, dtype=int)}, TRAINING, "pair_incomplete"),
        ({"lr": 0.5, "weight_decay": -1e-4}, TRAINING, "bad_weight_decay"),
        ({"lr": 0.5, "weight_decay": True}, TRAINING, "bad_weight_decay"),
        ({"lr": 0.5, "weight_decay": float("inf")}, TRAINING, "bad_weight_decay"),
    ],
)
def test_bad_arguments_are_refused(mnist, kwargs, domain, key):
    with pytest.raises(ValueError) as err:
        train_sgd(mnist.X_train[:1000], mnist.y_train[:1000], **kwargs)
    text = str(err.value)
    assert is_sentence(text, domain, key), text
    assert text.startswith("Expected") and text.endswith(".") and "\n" not in text


def test_a_missing_half_of_a_split_is_named(mnist):
    with pytest.raises(ValueError) as err:
        train_sgd(mnist.X_train[:1000], mnist.y_train[:1000], lr=0.5, y_val=np.zeros(3, int))
    assert str(err.value) == said("pair_incomplete", split="val")


def test_pixels_from_0_to_255_are_refused_before_training(mnist):
    X, y = mnist.X_train[:1000], mnist.y_train[:1000]
    with pytest.raises(ValueError) as err:
        train_sgd(X * 255, y, lr=0.5)
    assert str(err.value) == message(INPUTS, "pixels_raw_bytes", "en", name="X", high=255)
    with pytest.raises(ValueError) as err:
        train_sgd(X, y, lr=0.5, X_test=mnist.X_test[:100] * 255, y_test=mnist.y_test[:100])
    assert str(err.value) == message(INPUTS, "pixels_raw_bytes", "en", name="X_test", high=255)


def test_a_matrix_is_refused_by_name(mnist):
    with pytest.raises(ValueError) as err:
        train_sgd(matrix(mnist.X_train[:1000]), mnist.y_train[:1000], lr=0.5)
    assert str(err.value) == message(INPUTS, "np_matrix", "en", name="X")


@pytest.mark.parametrize("lr", [1e37, 1e39, 1e300])
def test_an_absurd_learning_rate_diverges_in_one_sentence_and_nothing_on_stderr(mnist, lr, capfd):
    # float32 weights and a Python float lr above float32's range overflowed in a cast and
    # printed a RuntimeWarning to stderr, which strict nbval compares.
    X, y = mnist.X_train[:1000], mnist.y_train[:1000]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TrainingDiverged) as caught:
            train_sgd(X, y, lr=lr, steps=300)
        assert str(caught.value) == diverged(2, lr, said("loss_not_finite"))
        stopped = train_sgd(X, y, lr=lr, steps=300, on_divergence="stop", X_test=X, y_test=y)
    assert capfd.readouterr().err == ""
    # The last weights with a finite loss are the zeros the run started from.
    assert stopped.diverged_at == 2 and stopped.steps == 0 and not stopped.W.any()
    assert stopped.snapshot_steps.tolist() == [0] and np.isfinite(stopped.test_loss).all()


def test_train_sgd_is_notebook_04s_loop(mnist):
    # Notebook 04's train(), without its curves: 100 steps of 64 on 1000 rows cross the
    # end of an epoch six times, so the reshuffle is tested too.
    X_train, y_train = mnist.X_train[:1000], mnist.y_train[:1000]
    lr, steps, batch_size, seed = 0.5, 100, 64, 7
    W, b, losses = reference_loop(X_train, y_train, lr, steps, batch_size, seed)
    loss = losses[-1]
    history = train_sgd(X_train, y_train, lr=lr, steps=steps, batch_size=batch_size, seed=seed)
    np.testing.assert_array_equal(history.W, W)
    np.testing.assert_array_equal(history.b, b)
    assert history.batch_loss[-1] == loss


def test_validation_curves_are_measured_beside_the_test_curves(mnist):
    X, y = mnist.X_train[:2000], mnist.y_train[:2000]
    X_val, y_val = mnist.X_train[50000:52000], mnist.y_train[50000:52000]
    both = train_sgd(
        X,
        y,
        lr=0.5,
        steps=60,
        snapshot_steps=[0, 30, 60],
        X_test=mnist.X_test,
        y_test=mnist.y_test,
        X_val=X_val,
        y_val=y_val,
    )
    test_only = train_sgd(
        X, y, lr=0.5, steps=60, snapshot_steps=[0, 30, 60], X_test=mnist.X_test, y_test=mnist.y_test
    )
    np.testing.assert_array_equal(both.test_acc, test_only.test_acc)
    np.testing.assert_array_equal(both.test_loss, test_only.test_loss)
    assert test_only.val_loss is None and test_only.val_acc is None
    for k in range(len(both.snapshot_steps)):
        W, b = both.W_snapshots[k], both.b_snapshots[k]
        assert both.val_acc[k] == pytest.approx(accuracy(W, b, X_val, y_val))
        assert both.val_loss[k] == pytest.approx(
            loss_and_gradients(W, b, X_val, y_val)[0], rel=1e-5
        )
    val_only = train_sgd(X, y, lr=0.5, steps=60, snapshot_steps=[0, 60], X_val=X_val, y_val=y_val)
    assert val_only.test_acc is None and val_only.val_acc[-1] == both.val_acc[-1]


def test_weight_decay_adds_lambda_W_to_the_gradient(mnist):
    # One step from W = 0 has no decay to add; two steps show it: the second step is
    # -lr * (dW + lambda * W) at the W of the first.
    X, y, lr, lam = mnist.X_train[:640], mnist.y_train[:640], 0.5, 0.01
    plain = train_sgd(X, y, lr=lr, steps=2, snapshot_steps=[0, 1, 2], seed=3)
    decayed = train_sgd(X, y, lr=lr, steps=2, snapshot_steps=[0, 1, 2], seed=3, weight_decay=lam)
    W1, b1 = plain.W_snapshots[1], plain.b_snapshots[1]
    np.testing.assert_array_equal(decayed.W_snapshots[1], W1)
    rows = np.random.default_rng(3).permutation(640)[64:128]
    _, dW, db = loss_and_gradients(W1, b1, X[rows], y[rows])
    np.testing.assert_allclose(decayed.W, W1 - lr * (dW + lam * W1), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(decayed.b, b1 - lr * db, rtol=1e-5, atol=1e-7)
    assert decayed.batch_loss[1] == plain.batch_loss[1]  # the recorded loss is the cross-entropy


def test_weight_decay_is_the_gradient_of_half_lambda_w_squared(mnist):
    from helpers import numerical_gradient, relative_error

    X, y, lam = mnist.X_train[:20].astype(np.float64), mnist.y_train[:20], 0.3
    W = np.random.default_rng(0).normal(0, 0.01, (784, 10))
    b = np.zeros(10)

    def loss():
        return loss_and_gradients(W, b, X, y)[0] + lam / 2 * np.sum(W**2)

    analytic = loss_and_gradients(W, b, X, y)[1] + lam * W
    assert relative_error(analytic, numerical_gradient(loss, W)) < 1e-7


def test_weight_decay_zero_is_plain_sgd_and_decay_shrinks_the_weights(mnist):
    X, y = mnist.X_train[:2000], mnist.y_train[:2000]
    plain = train_sgd(X, y, lr=0.5, steps=200)
    zero = train_sgd(X, y, lr=0.5, steps=200, weight_decay=0)
    np.testing.assert_array_equal(zero.W, plain.W)
    decayed = train_sgd(X, y, lr=0.5, steps=200, weight_decay=0.01)
    assert np.linalg.norm(decayed.W) < 0.9 * np.linalg.norm(plain.W)


def test_continue_records_the_divergence_and_runs_every_step(mnist):
    X, y = mnist.X_train[:2000], mnist.y_train[:2000]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = train_sgd(X, y, lr=50, steps=300, on_divergence="continue")
    stopped = train_sgd(X, y, lr=50, steps=300, on_divergence="stop")
    assert run.diverged_at == stopped.diverged_at == 100
    assert run.steps == 300 and run.snapshot_steps[-1] == 300
    fine = train_sgd(X, y, lr=0.5, steps=300, on_divergence="continue")
    assert fine.diverged_at is None
