"""A network with one hidden layer of ReLU units, trained by notebook 04's mini-batch loop.

Taught in 08_beyond_linear: H = relu(X W1 + b1), Z = H W2 + b2, P = softmax(Z), with the
gradients of one more chain-rule step than 03's, and train_sgd's batches in train_sgd's order.
"""

from __future__ import annotations

import time
from typing import NamedTuple

import numpy as np
from threadpoolctl import threadpool_limits

from helpers._inputs import (
    NUM_CLASSES,
    NUM_PIXELS,
    as_array,
    as_images,
    as_labels,
    describe,
    one_of,
    positive_int,
    positive_number,
    whole_number,
)
from helpers._training_cache import cached
from helpers.messages import catalog
from helpers.model import loss_and_score_gradient
from helpers.training import MAX_STEPS, TrainingDiverged, batch_rows, divergence_loss

# Caps a learner cannot need: 4096 units already hold 3.2 million weights, 1000 epochs of
# 50,000 images take hours; 10**9 units would ask for terabytes.
MAX_HIDDEN, MAX_EPOCHS = 4096, 1000

say = catalog("helpers.mlp")


class MLP(NamedTuple):
    """The four parameters of a one-hidden-layer network, the seconds training took, a curve.

    Taught in 08_beyond_linear. W1 (784, h), b1 (h,), W2 (h, 10), b2 (10,).
    """

    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray
    seconds: float = 0.0
    curve: tuple[float, ...] = ()  # validation accuracy after each epoch, if asked for
    diverged_at: int | None = None  # the step whose loss showed training diverged


def _as_network(net: object) -> MLP:
    """net, checked: an MLP of finite arrays W1 (784, h), b1 (h,), W2 (h, 10), b2 (10,)."""
    if not isinstance(net, MLP):
        raise ValueError(say("not_an_mlp", got=describe(net)))
    hidden = as_array(net.W1, "W1", (2,)).shape[1]
    shapes = {"W1": (NUM_PIXELS, hidden), "b1": (hidden,), "W2": (hidden, NUM_CLASSES)}
    shapes["b2"] = (NUM_CLASSES,)
    for name, shape in shapes.items():
        value = as_array(getattr(net, name), name, None)
        if value.shape != shape:
            got = str(value.shape)
            raise ValueError(
                say("wrong_shape", name=name, shape=str(shape), hidden=hidden, got=got)
            )
    return net


def init_mlp(hidden: int, seed: int = 0, dtype: type = np.float32) -> MLP:
    """Random W1, W2 (He's scale sqrt(2 / inputs)) and zero biases for `hidden` ReLU units.

    Taught in 08_beyond_linear. Zero weights would give every hidden unit the same gradient,
    so they would stay identical: random weights break the symmetry.
    """
    hidden = whole_number(hidden, "hidden", 1, MAX_HIDDEN)
    if not (isinstance(dtype, type) and issubclass(dtype, np.floating)):
        raise ValueError(say("bad_dtype", got=repr(dtype)))
    rng = np.random.default_rng([whole_number(seed, "seed"), 8])
    W1 = rng.normal(0, np.sqrt(2 / NUM_PIXELS), (NUM_PIXELS, hidden)).astype(dtype)
    W2 = rng.normal(0, np.sqrt(2 / hidden), (hidden, NUM_CLASSES)).astype(dtype)
    return MLP(W1, np.zeros(hidden, dtype), W2, np.zeros(NUM_CLASSES, dtype))


def mlp_loss_and_gradients(net: MLP, X: np.ndarray, y: np.ndarray) -> tuple[float, tuple]:
    """The mean cross-entropy of net on X (n, 784), y (n,), and (dW1, db1, dW2, db2).

    Taught in 08_beyond_linear, section 2: the forward pass, then the backward pass.
    """
    net, X = _as_network(net), as_images(X)
    return _mlp_step(net, X, as_labels(y, len(X)))


def _mlp_step(net: MLP, X: np.ndarray, y: np.ndarray) -> tuple[float, tuple]:
    """Forward and backward pass, unchecked: train_mlp validates once, not every step."""
    W1, b1, W2, b2 = net[:4]
    A = X @ W1 + b1  # (n, h): what each hidden unit adds up
    H = np.maximum(A, 0)  # ReLU
    # 03's step with H in the place of X: dZ = (P - Y) / n, dW2 = H^T dZ, db2 = column sums.
    loss, dZ = loss_and_score_gradient(H @ W2 + b2, y)
    dW2, db2 = H.T @ dZ, dZ.sum(axis=0)
    # One more step: dH = dZ W2^T, and ReLU lets the gradient through only where A > 0.
    dA = (dZ @ W2.T) * (A > 0)
    return loss, (X.T @ dA, dA.sum(axis=0), dW2, db2)


def mlp_scores(net: MLP, X: np.ndarray) -> np.ndarray:
    """The scores Z = relu(X W1 + b1) W2 + b2 (n, 10) of images X (n, 784).

    Taught in 08_beyond_linear, section 1.
    """
    net, X = _as_network(net), as_images(X)
    return np.maximum(X @ net.W1 + net.b1, 0) @ net.W2 + net.b2


def mlp_predict(net: MLP, X: np.ndarray) -> np.ndarray:
    """The predicted digit (n,) of each image of X (n, 784). Taught in 08_beyond_linear."""
    return mlp_scores(net, X).argmax(axis=1)


def mlp_accuracy(net: MLP, X: np.ndarray, y: np.ndarray) -> float:
    """The share of images of X (n, 784) whose label y (n,) net predicts.

    Taught in 08_beyond_linear."""
    predicted = mlp_predict(net, X)
    return float((predicted == as_labels(y, len(predicted))).mean())


@cached(MLP)
def train_mlp(
    X: np.ndarray,
    y: np.ndarray,
    *,
    hidden: int = 256,
    lr: float = 0.1,
    batch_size: int = 64,
    epochs: int = 10,
    seed: int = 0,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    on_divergence: str = "raise",
) -> MLP:
    """Mini-batch SGD of a one-hidden-layer network on images X (n, 784), labels y (n,).

    Taught in 08_beyond_linear: notebook 04's loop (the batches of train_sgd with the same
    seed, in the same order) with init_mlp's start and the learning rate falling linearly
    to 0 over epochs * (n // batch_size) steps. Returns the trained MLP; with validation =
    (X_val, y_val), its `curve` holds the validation accuracy after each epoch. Divergence
    is judged as in train_sgd, and on_divergence ("raise", "stop", "continue") acts as there.
    """
    X = as_images(X)
    y = as_labels(y, len(X))
    lr, epochs = positive_number(lr, "lr"), whole_number(epochs, "epochs", 1, MAX_EPOCHS)
    batch_size = positive_int(batch_size, "batch_size")
    if batch_size > len(X):
        raise ValueError(say("batch_too_large", rows=len(X), batch_size=batch_size))
    one_of(on_divergence, "on_divergence", ("raise", "stop", "continue"))
    validation = _check_validation(validation)
    per_epoch = len(X) // batch_size
    if epochs * per_epoch > MAX_STEPS:
        raise ValueError(
            say("too_many_steps", max_steps=MAX_STEPS, epochs=epochs, per_epoch=per_epoch)
        )
    net = init_mlp(hidden, seed, X.dtype.type)
    start = time.perf_counter()
    # One BLAS thread, as in train_sgd: a mini-batch's products are too small to share.
    # Overflow passes without a warning: a diverging run is reported once, by TrainingDiverged.
    with threadpool_limits(limits=1, user_api="blas"), np.errstate(over="ignore", invalid="ignore"):
        params, curve, diverged_at = _descend_mlp(
            X, y, list(net[:4]), (lr, batch_size, epochs, seed), validation, on_divergence
        )
    seconds = time.perf_counter() - start
    return MLP(*params, seconds=seconds, curve=tuple(curve), diverged_at=diverged_at)


def _check_validation(validation: object) -> tuple[np.ndarray, np.ndarray] | None:
    """validation as (X_val (m, 784), y_val (m,)), checked, or None."""
    if validation is None:
        return None
    if not isinstance(validation, (tuple, list)) or len(validation) != 2:
        raise ValueError(say("validation_not_pair", got=describe(validation)))
    X_val = as_images(validation[0], "X_val")
    return X_val, as_labels(validation[1], len(X_val), "y_val")


def _descend_mlp(
    X: np.ndarray,
    y: np.ndarray,
    params: list[np.ndarray],
    settings: tuple[float, int, int, int],
    validation: tuple[np.ndarray, np.ndarray] | None,
    on_divergence: str,
) -> tuple[list[np.ndarray], list[float], int | None]:
    """train_mlp's loop: the final parameters, the validation curve, the step that diverged."""
    lr, batch_size, epochs, seed = settings
    batches, per_epoch = batch_rows(len(X), batch_size, seed), len(X) // batch_size
    steps, curve, diverged_at = epochs * per_epoch, [], None
    losses, before = np.empty(steps), None
    for step in range(steps):
        rows = next(batches)
        losses[step], grads = _mlp_step(MLP(*params), X[rows], y[rows])
        shown = divergence_loss(losses[: step + 1])
        if shown is not None and diverged_at is None:
            diverged_at = step + 1
            if on_divergence == "raise":
                raise TrainingDiverged(step + 1, lr, shown)
        if diverged_at is not None and on_divergence == "stop":
            # A loss that is not finite comes from the last update: keep the weights before it.
            kept = params if np.isfinite(losses[step]) or before is None else before
            return kept, curve, diverged_at
        if on_divergence == "stop":
            before = [param.copy() for param in params]
        step_lr = lr * (1 - step / steps)
        for param, grad in zip(params, grads, strict=True):
            param -= step_lr * grad
        if validation is not None and (step + 1) % per_epoch == 0:
            # Unchecked: a run that goes on after diverging may hold NaN, scored as it is.
            W1, b1, W2, b2 = params
            X_val, y_val = validation
            predicted = (np.maximum(X_val @ W1 + b1, 0) @ W2 + b2).argmax(axis=1)
            curve.append(float((predicted == y_val).mean()))
    return params, curve, diverged_at
