"""Adversarial calls on training, the network of 08 and the explorer (issue 18, items 2-4, 7).

Each case is a call a careless learner makes; it must be refused with one sentence from our
code, or give a correct result that the test checks. Divergence is reported by
TrainingDiverged (a FloatingPointError with one sentence), checked by its own tests.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import (
    MLP,
    init_mlp,
    mlp_accuracy,
    mlp_loss_and_gradients,
    mlp_predict,
    mlp_scores,
    save_training_gif,
    snapshot_readout,
    train_mlp,
    train_sgd,
    training_explorer,
)
from helpers.explorer_view import ExplorerView
from helpers.history import snapshot_schedule
from helpers.messages import message
from helpers.training import TrainingDiverged
from tests.adversarial.harness import assert_refused
from tests.test_inputs import is_sentence

INPUTS, MLP_WORDS, TRAINING = "helpers._inputs", "helpers.mlp", "helpers.training"

RNG = np.random.default_rng(18)
X = RNG.random((200, 784), dtype=np.float32)
Y = RNG.integers(0, 10, 200)
NET = init_mlp(8, seed=0)


def _net(**changes):
    return NET._replace(**changes)


NAN_NET = _net(W2=np.full_like(NET.W2, np.nan))
NINE = _net(W2=NET.W2[:, :9], b2=NET.b2[:9])
ELEVEN = _net(W2=np.hstack([NET.W2, NET.W2[:, :1]]), b2=np.zeros(11, np.float32))

# (id, call, what the sentence must say)
REFUSED = [
    ("mlp-nan-network-scored", lambda: mlp_accuracy(NAN_NET, X, Y), (INPUTS, "not_finite")),
    ("mlp-nine-classes", lambda: mlp_scores(NINE, X), "10"),
    ("mlp-eleven-classes", lambda: mlp_predict(ELEVEN, X), "10"),
    ("mlp-eleven-classes-loss", lambda: mlp_loss_and_gradients(ELEVEN, X, Y), "10"),
    ("mlp-tuple-network", lambda: mlp_predict(tuple(NET[:4]), X), "MLP"),
    ("mlp-list-network", lambda: mlp_accuracy(list(NET[:4]), X, Y), "MLP"),
    ("mlp-none-network", lambda: mlp_scores(None, X), "MLP"),
    ("mlp-hidden-mismatch", lambda: mlp_scores(_net(b1=np.zeros(9, np.float32)), X), "b1"),
    ("mlp-w2-rows-mismatch", lambda: mlp_scores(_net(W2=np.zeros((9, 10), np.float32)), X), "W2"),
    ("mlp-w1-783-rows", lambda: mlp_scores(_net(W1=NET.W1[:783]), X), "W1"),
    ("mlp-w1-list", lambda: mlp_scores(_net(W1=NET.W1.tolist()), X), "W1"),
    ("mlp-image-783", lambda: mlp_scores(NET, X[:, :783]), (INPUTS, "wrong_columns_flatten")),
    ("mlp-one-image-1d", lambda: mlp_predict(NET, X[0]), (INPUTS, "not_numeric")),
    ("mlp-bytes-255", lambda: mlp_scores(NET, X * 255), "255"),
    ("mlp-tuple-X", lambda: train_mlp(tuple(X), Y, epochs=1), "X"),
    ("mlp-labels-short", lambda: train_mlp(X, Y[:-1], epochs=1), (INPUTS, "labels_count")),
    (
        "mlp-label-10",
        lambda: train_mlp(X, np.where(Y == 0, 10, Y), epochs=1),
        (INPUTS, "labels_range"),
    ),
    ("mlp-float-labels", lambda: mlp_accuracy(NET, X, Y.astype(float)), (INPUTS, "labels_type")),
    ("mlp-lr-nan", lambda: train_mlp(X, Y, lr=float("nan"), epochs=1), "lr"),
    ("mlp-lr-inf", lambda: train_mlp(X, Y, lr=float("inf"), epochs=1), "lr"),
    ("mlp-lr-negative", lambda: train_mlp(X, Y, lr=-0.1, epochs=1), "lr"),
    ("mlp-lr-string", lambda: train_mlp(X, Y, lr="0.1", epochs=1), "lr"),
    ("mlp-epochs-zero", lambda: train_mlp(X, Y, epochs=0), "epochs"),
    ("mlp-epochs-float", lambda: train_mlp(X, Y, epochs=2.5), "epochs"),
    ("mlp-epochs-huge", lambda: train_mlp(X, Y, epochs=10**12), "epochs"),
    ("mlp-batch-zero", lambda: train_mlp(X, Y, batch_size=0, epochs=1), "batch_size"),
    ("mlp-batch-too-big", lambda: train_mlp(X, Y, batch_size=201, epochs=1), "batch_size"),
    (
        "mlp-steps-too-many",
        lambda: train_mlp(np.tile(X, (50, 1)), np.tile(Y, 50), batch_size=1, epochs=200),
        (MLP_WORDS, "too_many_steps"),
    ),
    ("mlp-hidden-zero", lambda: train_mlp(X, Y, hidden=0, epochs=1), "hidden"),
    ("mlp-hidden-huge", lambda: train_mlp(X, Y, hidden=10**9, epochs=1), "hidden"),
    ("mlp-init-hidden-huge", lambda: init_mlp(10**9), "hidden"),
    ("mlp-init-dtype-int", lambda: init_mlp(8, dtype=int), "dtype"),
    ("mlp-init-dtype-str", lambda: init_mlp(8, dtype="abc"), "dtype"),
    ("mlp-seed-negative", lambda: train_mlp(X, Y, seed=-1, epochs=1), "seed"),
    (
        "mlp-validation-one-array",
        lambda: train_mlp(X, Y, epochs=1, validation=X),
        (MLP_WORDS, "validation_not_pair"),
    ),
    (
        "mlp-validation-one-item",
        lambda: train_mlp(X, Y, epochs=1, validation=(X,)),
        (MLP_WORDS, "validation_not_pair"),
    ),
    ("mlp-on-divergence-typo", lambda: train_mlp(X, Y, epochs=1, on_divergence="ignore"), "on_"),
    ("sgd-steps-huge", lambda: train_sgd(X, Y, lr=0.5, steps=10**12), "steps"),
    ("sgd-steps-string", lambda: train_sgd(X, Y, lr=0.5, steps="100"), "steps"),
    ("schedule-num-huge", lambda: snapshot_schedule(100, 10**12), "num"),
]


@pytest.mark.parametrize(("call", "says"), [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_in_one_sentence(call, says):
    assert_refused(call, says)


@pytest.fixture(scope="module")
def calm(mnist):
    X_fit, y_fit = mnist.X_train[:1000], mnist.y_train[:1000]
    return train_sgd(X_fit, y_fit, lr=0.5, steps=20, X_test=X_fit[:200], y_test=y_fit[:200])


EXPLORER_REFUSED = [
    ("explorer-string", lambda h: training_explorer("history"), "History"),
    ("explorer-interval-huge", lambda h: training_explorer(h, interval=10**9), "interval"),
    ("explorer-interval-float", lambda h: training_explorer(h, interval=200.5), "interval"),
    ("explorer-scale-none", lambda h: training_explorer(h, scale=None), "scale"),
    ("readout-index-negative", lambda h: snapshot_readout(h, -1), "index"),
    ("readout-index-past-end", lambda h: snapshot_readout(h, 10**6), "index"),
    ("readout-index-string", lambda h: snapshot_readout(h, "3"), "index"),
    ("gif-path-number", lambda h: save_training_gif(h, 123), "path"),
    ("gif-path-png", lambda h: save_training_gif(h, "run.png"), ".gif"),
    ("gif-missing-folder", lambda h: save_training_gif(h, "/no/such/folder/a.gif"), "folder"),
    ("gif-fps-zero", lambda h: save_training_gif(h, "a.gif", fps=0), "fps"),
    ("gif-fps-huge", lambda h: save_training_gif(h, "a.gif", fps=10**6), "fps"),
]


@pytest.mark.parametrize(
    ("call", "says"), [c[1:] for c in EXPLORER_REFUSED], ids=[c[0] for c in EXPLORER_REFUSED]
)
def test_the_explorer_refuses_in_one_sentence(calm, call, says):
    assert_refused(lambda: call(calm), says)


def _diverges(call, step=None):
    with pytest.raises(TrainingDiverged) as caught:
        call()
    err = caught.value
    text = str(err)
    assert "\n" not in text and is_sentence(text, TRAINING, "diverged"), text
    # Around its clause on the loss, the sentence names the step, lr and the advice exactly.
    fields = {"step": err.step, "lr": err.lr, "smaller": err.lr / 10}
    before, after = message(TRAINING, "diverged", "en", what="\0", **fields).split("\0")
    assert text.startswith(before) and text.endswith(after), text
    if step is not None:
        assert err.step == step
    return err


def test_a_short_run_diverges_from_its_first_steps():
    # Issue 18: lr=1e30 for 5 steps returned diverged_at=None with batch losses of 6.8e30.
    err = _diverges(lambda: train_sgd(X, Y, lr=1e30, steps=5), step=2)
    clauses = [message(TRAINING, "loss_not_finite", "en")] + [
        message(TRAINING, "batch_loss_over", "en", step=2, power=f"1e+{power}")
        for power in range(7, 309)
    ]
    assert any(f": {clause}, " in str(err) for clause in clauses), str(err)
    kept = train_sgd(X, Y, lr=1e30, steps=5, on_divergence="continue")
    assert kept.diverged_at == 2 and kept.steps == 5


def test_the_network_diverges_as_train_sgd_does(mnist):
    X_fit, y_fit = mnist.X_train[:3000], mnist.y_train[:3000]
    err = _diverges(lambda: train_mlp(X_fit, y_fit, lr=100, epochs=1))
    assert err.lr == 100 and "lr=100:" in str(err) and "lr=10," in str(err)
    stopped = train_mlp(X_fit, y_fit, lr=100, epochs=1, on_divergence="stop")
    assert stopped.diverged_at == err.step
    assert all(np.isfinite(p).all() for p in stopped[:4])
    went_on = train_mlp(X_fit, y_fit, lr=100, epochs=1, on_divergence="continue")
    assert went_on.diverged_at == err.step


def test_an_absurd_network_learning_rate_diverges_at_once():
    _diverges(lambda: train_mlp(X, Y, lr=1e30, epochs=1, batch_size=10), step=2)


def test_a_healthy_network_is_not_called_divergent():
    net = train_mlp(X, Y, hidden=16, lr=0.1, epochs=3, batch_size=20)
    assert net.diverged_at is None and mlp_predict(net, X).shape == (200,)


def test_a_network_as_mlp_of_arrays_still_works():
    rebuilt = MLP(*(p.astype(np.float64) for p in NET[:4]))
    np.testing.assert_allclose(mlp_scores(rebuilt, X), mlp_scores(NET, X), rtol=1e-5, atol=1e-5)


@pytest.fixture(scope="module")
def wild(mnist):
    X_fit, y_fit = mnist.X_train[:2000], mnist.y_train[:2000]
    return train_sgd(
        X_fit,
        y_fit,
        lr=50,
        steps=150,
        X_test=X_fit[:500],
        y_test=y_fit[:500],
        on_divergence="continue",
    )


def test_the_explorer_names_a_diverged_run(wild):
    assert wild.diverged_at == 100
    explorer = training_explorer(wild)
    # The readout is drawn in the browser from the view's data, one line per snapshot.
    (view,) = [w for w in explorer.children if isinstance(w, ExplorerView) and w.part == "figure"]
    readouts = view.data["readouts"]
    assert len(readouts) == len(wild.snapshot_steps)
    assert all("this run diverged at step 100" in line for line in readouts)
    assert "this run diverged at step 100" in snapshot_readout(wild, 0)


def test_the_gif_names_a_diverged_run_and_its_clipped_loss(wild, tmp_path):
    from helpers.explorer_figure import ExplorerFigure

    figure = ExplorerFigure(wild, readout=True)
    figure.show(len(wild.snapshot_steps) - 1)
    assert "this run diverged at step 100" in figure.title.get_text()
    notes = [t.get_text() for ax in figure.figure.axes for t in ax.texts]
    assert any("off the scale" in note for note in notes)
    assert save_training_gif(wild, tmp_path / "wild.gif").stat().st_size > 0


def test_a_gif_path_that_is_a_folder_is_refused(wild, tmp_path):
    (tmp_path / "taken.gif").mkdir()
    assert_refused(lambda: save_training_gif(wild, tmp_path / "taken.gif"), "folder")


@pytest.mark.parametrize("steps", ["3", None, [1, "2"], -1, np.nan, True, [[1], [2, 3]]])
def test_history_epochs_refuses_what_is_not_a_step_number(steps):
    history = train_sgd(X, Y, lr=0.5, steps=2)
    assert_refused(lambda: history.epochs(steps), ("helpers.history", "bad_steps"))


def test_history_says_what_it_holds_in_chinese(monkeypatch):
    history = train_sgd(X, Y, lr=0.5, steps=2)
    fields = {"lr": 0.5, "batch_size": 64, "steps": 2, "snapshots": len(history.snapshot_steps)}
    fields["loss"] = history.train_loss[-1]
    assert repr(history) == message("helpers.history", "repr_untested", "en", **fields)
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    chinese = message("helpers.history", "repr_untested", "zh", **fields)
    assert repr(history) == chinese and "训练损失" in chinese


def test_history_epochs_converts_one_step_and_an_array():
    history = train_sgd(X, Y, lr=0.5, steps=2)
    per_step = history.batch_size / history.num_train
    assert float(history.epochs(4)) == 4 * per_step
    assert np.allclose(history.epochs(np.array([0, 2])), [0, 2 * per_step])
