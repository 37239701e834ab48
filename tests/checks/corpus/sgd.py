"""Wrong answers to 04's exercises: the mini-batch SGD loop and a learning rate for batches of 8."""

from __future__ import annotations

import numpy as np

import helpers
from helpers import loss_and_gradients, train_sgd
from helpers.messages import message
from tests.checks.corpus import Wrong


def reference_loop(X, y, lr, steps, batch_size, seed, *, reseed=False, prepare=None, after=False):
    """Notebook 04's reference solution; each option is a learner's change to it.

    reseed: a generator made again at each epoch; prepare: X edited first; after: each loss
    taken after its step.
    """
    if prepare is not None:
        X = prepare(X)
    W, b = np.zeros((784, 10), dtype=X.dtype), np.zeros(10, dtype=X.dtype)
    rng = np.random.default_rng(seed)
    order, cursor, losses = rng.permutation(len(X)), 0, []
    for _ in range(steps):
        if cursor + batch_size > len(X):
            rng = np.random.default_rng(seed) if reseed else rng
            order, cursor = rng.permutation(len(X)), 0
        rows = order[cursor : cursor + batch_size]
        cursor += batch_size
        loss, dW, db = loss_and_gradients(W, b, X[rows], y[rows])
        W -= lr * dW
        b -= lr * db
        if after:
            loss = loss_and_gradients(W, b, X[rows], y[rows])[0]
        losses.append(loss)
    return W, b, losses


def scales_in_place(X, y, lr, steps, batch_size, seed):
    X /= 255
    return reference_loop(X, y, lr, steps, batch_size, seed)


def thresholds_in_place(X, y, lr, steps, batch_size, seed):
    X[X < 0.5] = 0
    return reference_loop(X, y, lr, steps, batch_size, seed)


def thresholds_a_copy(X, y, lr, steps, batch_size, seed):
    return reference_loop(
        X, y, lr, steps, batch_size, seed, prepare=lambda X: np.where(X < 0.5, 0, X)
    )


def reseeds_each_epoch(*args):
    return reference_loop(*args, reseed=True)


def loss_after_the_step(*args):
    return reference_loop(*args, after=True)


def calls_train_sgd(X, y, lr, steps, batch_size, seed):
    run = train_sgd(X, y, lr=lr, steps=steps, batch_size=batch_size, seed=seed)
    return run.W, run.b, run.batch_loss


def through_the_module(X, y, lr, steps, batch_size, seed):
    run = helpers.train_sgd(X, y, lr=lr, steps=steps, batch_size=batch_size, seed=seed)
    return run.W, run.b, run.batch_loss


def losses_as_text(*args):
    W, b, losses = reference_loop(*args)
    return W, b, [f"{loss:.6f}" for loss in losses]


def fixed_rate(X, y, lr, steps, batch_size, seed):
    return reference_loop(X, y, 0.01, steps, batch_size, seed)


def fixed_seed(X, y, lr, steps, batch_size, seed):
    return reference_loop(X, y, lr, steps, batch_size, 3)


def no_return(X, y, lr, steps, batch_size, seed):
    W, b, losses = reference_loop(X, y, lr, steps, batch_size, seed)  # noqa: F841 (the mistake)


def uphill(X, y, lr, steps, batch_size, seed):
    W, b, losses = reference_loop(X, y, -lr, steps, batch_size, seed)
    return W, b, losses


def transposed(*args):
    W, b, losses = reference_loop(*args)
    return W.T, b, losses


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/sgd.py."""
    return message("checks.sgd", key, "en", **fields)


HINT = says("loop_hint")
NOT_TRAIN_SGD = says("final_differs", n=200, batch_size=16, seed=3, name="W", hint=HINT)
SECOND_CASE = says("final_differs", n=192, batch_size=16, seed=4, name="W", hint=HINT)
CALLS = "your function calls train_sgd from helpers, which does this exercise's whole job"
RATE = says("rate_expected")

CORPUS = {
    "sgd_loop": [
        Wrong((scales_in_place,), "your function writes into an array it was given", "X /= 255"),
        Wrong((thresholds_in_place,), "X = X / 255, not X /= 255", "X[X < 0.5] = 0"),
        Wrong((thresholds_a_copy,), NOT_TRAIN_SGD, "thresholds a copy of X"),
        Wrong(
            (reseeds_each_epoch,),
            says("loop_same_order"),
            "re-seeds the generator at each epoch",
        ),
        Wrong((calls_train_sgd,), CALLS, "calls train_sgd"),
        Wrong((through_the_module,), CALLS, "calls helpers.train_sgd"),
        Wrong((fixed_rate,), SECOND_CASE, "lr fixed to 0.01"),
        Wrong((fixed_seed,), SECOND_CASE, "seed fixed to 3"),
        Wrong(
            (no_return,), "your function returned None: end no_return with `return`", "no return"
        ),
        Wrong((uphill,), says("loop_uphill"), "W += lr * dW"),
        Wrong((losses_as_text,), "numbers written as strings are not numbers", "losses as text"),
        Wrong((loss_after_the_step,), says("losses_differ"), "loss after the step"),
        Wrong(
            (transposed,),
            says("wrong_shape", name="W", shape=(784, 10), got=(10, 784)),
            "returns W.T",
        ),
    ],
    "fast_learning_rate": [
        Wrong(("0.15", None, None, None, None), "got str", "a string"),
        Wrong((True, None, None, None, None), "got bool", "True"),
        Wrong((np.nan, None, None, None, None), says("rate_positive", lr=np.nan), "NaN"),
        Wrong((np.inf, None, None, None, None), says("rate_positive", lr=np.inf), "infinity"),
        Wrong((-0.15, None, None, None, None), says("rate_positive", lr=-0.15), "negative"),
        Wrong((0, None, None, None, None), says("rate_positive", lr=0), "zero"),
        Wrong((10**400, None, None, None, None), f"expected {RATE}", "10**400"),
        Wrong(([0.15], None, None, None, None), "got list", "a list"),
        Wrong((0.15j, None, None, None, None), f"expected {RATE}", "complex"),
    ],
}
