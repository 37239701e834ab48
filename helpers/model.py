"""Softmax regression: scores, probabilities, loss, gradients and a gradient check.

Taught in 02_softmax_model (the model) and 03_deriving_the_gradient (its gradients).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers._inputs import (
    NUM_CLASSES,
    as_array,
    as_float_matrix,
    as_images,
    as_labels,
    as_parameters,
    as_writable_float64,
    finite_number,
    positive_number,
)
from helpers.messages import catalog

say = catalog("helpers.model")


def softmax(Z: np.ndarray) -> np.ndarray:
    """Turn scores into probabilities along the last axis; Z is (n, 10) or (10,).

    Taught in 02_softmax_model, sections 2 to 4: the formula, its overflow, the fix.
    """
    Z = as_array(Z, "Z", what="scores")
    # exp(1000) overflows; subtracting each row's maximum changes nothing mathematically
    # (it cancels between numerator and denominator) but keeps every exponent <= 0.
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Log-probabilities along the last axis, stable for any finite scores; Z is (n, 10).

    Taught in 02_softmax_model (subtract the maximum); 04_training_by_hand uses it.
    """
    return unchecked_log_softmax(as_array(Z, "Z", what="scores"))


def unchecked_log_softmax(Z: np.ndarray) -> np.ndarray:
    """log_softmax of finite scores Z (n, 10) without the input checks. Used by history."""
    # log(sum(exp(s))) with s <= 0 and one s = 0: the sum lies in [1, 10], so no overflow
    # and no log(0), where log(softmax(Z)) would give -inf for a tiny probability.
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def mean_cross_entropy(log_P: np.ndarray, y: np.ndarray) -> float:
    """Mean of -log P[i, y_i] from log-probabilities (n, 10) and labels (n,). Used by history."""
    return float(-log_P[np.arange(len(y)), y].mean())


def cross_entropy(P: np.ndarray, y: np.ndarray) -> float:
    """Mean of -log P[i, y_i] over the rows; P is (n, 10) probabilities, y (n,) labels.

    Taught in 02_softmax_model, section 6.
    """
    P = as_float_matrix(P, "P", columns=NUM_CLASSES)
    y = as_labels(y, len(P))
    if P.min() < 0 or not np.allclose(P.sum(axis=1), 1, atol=1e-4):
        raise ValueError(say("not_probabilities"))
    # A probability of exactly 0 for the true class would give an infinite loss;
    # the smallest positive float keeps the number finite and still enormous.
    return float(-np.log(np.maximum(P[np.arange(len(y)), y], np.finfo(P.dtype).tiny)).mean())


def unchecked_scores(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """Z = XW + b (n, 10) for checked W (784, 10), b (10,), X (n, 784); refused if it overflows.

    Used by drawing (it then warns nowhere).
    """
    with np.errstate(over="ignore", invalid="ignore"):
        Z = X @ W + b
    if not np.isfinite(Z).all():
        raise ValueError(say("scores_overflow"))
    return Z


def scores(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The scores Z = XW + b: X (n, 784) pixel images, W (784, 10), b (10,) give Z (n, 10).

    Taught in 02_softmax_model, section 1.
    """
    W, b = as_parameters(W, b)
    return unchecked_scores(W, b, as_images(X))


def loss_and_gradients(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean cross-entropy of softmax(XW + b) and its gradients: (loss, dW (784, 10), db (10,)).

    Taught in 03_deriving_the_gradient, section 6. X (n, 784) pixel images, y (n,) labels.
    """
    W, b = as_parameters(W, b)
    X = as_images(X)
    y = as_labels(y, len(X))
    return unchecked_loss_and_gradients(unchecked_scores(W, b, X), X, y)


def unchecked_loss_and_gradients(
    Z: np.ndarray, X: np.ndarray, y: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """(loss, dW (784, 10), db (10,)) from scores Z (n, 10), unchecked. Used by training.

    train_sgd validates once instead of every step.
    """
    loss, G = loss_and_score_gradient(Z, y)
    return loss, X.T @ G, G.sum(axis=0)


def loss_and_score_gradient(Z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """The mean cross-entropy of scores Z (n, 10) and dL/dZ = (P - Y) / n, unchecked.

    Used by mlp: the softmax layer of the linear model (03) and of the hidden-layer network (08).
    """
    n = len(y)
    log_P = unchecked_log_softmax(Z)
    G = np.exp(log_P)  # dL/dZ = (P - Y) / n, with Y the one-hot labels
    G[np.arange(n), y] -= 1
    G /= n
    return mean_cross_entropy(log_P, y), G


def predict(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The most likely class of each row: X (n, 784) pixel images give int64 labels (n,).

    Taught in 02_softmax_model, section 5 (the argmax of the untrained model).
    """
    # softmax preserves order, so the largest score is the most probable class.
    return scores(W, b, X).argmax(axis=1)


def accuracy(W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows of X (n, 784) whose predicted class equals y (n,); in [0, 1].

    Taught in 02_softmax_model, section 5.
    """
    W, b = as_parameters(W, b)
    X = as_images(X)
    y = as_labels(y, len(X))
    return float((unchecked_scores(W, b, X).argmax(axis=1) == y).mean())


def _loss(f: Callable[[], float]) -> float:
    value = f()
    if isinstance(value, tuple):  # the whole (loss, dW, db) of loss_and_gradients
        raise ValueError(say("loss_is_tuple", count=len(value)))
    return finite_number(value, say("loss_name"))


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred differences (f(x + eps) - f(x - eps)) / 2 eps for each entry of x, same shape.

    Taught in 03_deriving_the_gradient, section 7. f takes no argument and reads x, which
    is nudged in place and put back; x is any float64 array, transposed ones included.
    """
    if not callable(f):
        raise ValueError(say("f_not_callable", kind=type(f).__name__))
    x = as_writable_float64(x)
    eps = positive_number(eps, "eps")
    grad = np.zeros_like(x)
    # Index x itself: x.reshape(-1) of a transposed x (W.T, scikit-learn's coef_.T) is a
    # copy, and nudging a copy leaves f unchanged, so every slope came out 0.
    for index in np.ndindex(x.shape):
        original = x[index]
        try:
            x[index] = original + eps
            f_plus = _loss(f)
            x[index] = original - eps
            f_minus = _loss(f)
        finally:
            x[index] = original  # also when f fails, so the caller's x is left unchanged
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||) over all entries: 0 if identical, 1 if opposite.

    Taught in 03_deriving_the_gradient, section 7. a and b are arrays of the same shape.
    """
    a = as_array(a, "a", ndim=None).astype(np.float64)
    b = as_array(b, "b", ndim=None).astype(np.float64)
    if a.shape != b.shape:
        raise ValueError(say("shapes_differ", a=str(a.shape), b=str(b.shape)))
    # Unrelated arrays of similar size score about 0.7; a correct gradient scores below 1e-7.
    # Relative, so the verdict does not depend on the gradient's scale; over the whole array,
    # so entries that are ~0 (pixels blank in every example) do not blow up a ratio of noise.
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator > 0 else 0.0


def gradient_check(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray, eps: float = 1e-6
) -> tuple[float, float]:
    """Relative errors of loss_and_gradients' dW and db against centred differences, in float64.

    Taught in 03_deriving_the_gradient, section 7. W (784, 10), b (10,), X (n, 784) of any
    finite numbers, not only pixels, y (n,) labels.
    """
    W, b = (np.array(a, dtype=np.float64) for a in as_parameters(W, b))
    X = as_float_matrix(X).astype(np.float64)
    y = as_labels(y, len(X))
    eps = positive_number(eps, "eps")
    _, dW, db = unchecked_loss_and_gradients(unchecked_scores(W, b, X), X, y)

    def loss() -> float:  # reads the very W and b that numerical_gradient nudges
        return unchecked_loss_and_gradients(unchecked_scores(W, b, X), X, y)[0]

    return (
        relative_error(dW, numerical_gradient(loss, W, eps)),
        relative_error(db, numerical_gradient(loss, b, eps)),
    )
