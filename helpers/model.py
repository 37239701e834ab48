"""Softmax regression: scores, probabilities, loss, gradients and a gradient checker."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers._inputs import NUM_CLASSES, as_float_matrix, as_labels, as_parameters


def _check_scores(Z: object) -> None:
    if not isinstance(Z, np.ndarray) or Z.ndim not in (1, 2) or Z.dtype.kind not in "fiu":
        raise ValueError(f"Expected Z to be a 1-D or 2-D numeric array of scores, got {Z!r:.80}.")
    if not np.isfinite(Z).all():
        raise ValueError("Expected finite scores Z, got NaN or infinity.")


def softmax(Z: np.ndarray) -> np.ndarray:
    """Turn scores into probabilities along the last axis; Z is (n, 10) or (10,)."""
    _check_scores(Z)
    # exp(1000) overflows; subtracting each row's maximum changes nothing mathematically
    # (it cancels between numerator and denominator) but keeps every exponent <= 0.
    E = np.exp(Z - Z.max(axis=-1, keepdims=True))
    return E / E.sum(axis=-1, keepdims=True)


def log_softmax(Z: np.ndarray) -> np.ndarray:
    """Log-probabilities along the last axis, stable for any finite scores; Z is (n, 10)."""
    _check_scores(Z)
    return _log_softmax(Z)


def _log_softmax(Z: np.ndarray) -> np.ndarray:
    # log(sum(exp(s))) with s <= 0 and one s = 0: the sum lies in [1, 10], so no overflow
    # and no log(0), where log(softmax(Z)) would give -inf for a tiny probability.
    shifted = Z - Z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def cross_entropy(P: np.ndarray, y: np.ndarray) -> float:
    """Mean of -log P[i, y_i] over the rows; P is (n, 10) probabilities, y (n,) labels."""
    P = as_float_matrix(P, "P", columns=NUM_CLASSES)
    y = as_labels(y, len(P))
    if P.min() < 0 or not np.allclose(P.sum(axis=1), 1, atol=1e-4):
        raise ValueError("Expected P to hold probabilities (non-negative rows summing to 1).")
    # A probability of exactly 0 for the true class would give an infinite loss;
    # the smallest positive float keeps the number finite and still enormous.
    return float(-np.log(np.maximum(P[np.arange(len(y)), y], np.finfo(P.dtype).tiny)).mean())


def scores(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The scores Z = XW + b: X (n, 784), W (784, 10), b (10,) give Z (n, 10)."""
    W, b = as_parameters(W, b)
    return as_float_matrix(X) @ W + b


def loss_and_gradients(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """Mean cross-entropy of softmax(XW + b) and its gradients: (loss, dW (784, 10), db (10,))."""
    Z = scores(W, b, X)
    y = as_labels(y, len(Z))
    return _loss_and_gradients(Z, X, y)


def _loss_and_gradients(
    Z: np.ndarray, X: np.ndarray, y: np.ndarray
) -> tuple[float, np.ndarray, np.ndarray]:
    """The unchecked core shared with train_sgd, which validates once instead of every step."""
    n = len(y)
    log_P = _log_softmax(Z)
    loss = -log_P[np.arange(n), y].mean()
    G = np.exp(log_P)  # dL/dZ = (P - Y) / n, with Y the one-hot labels
    G[np.arange(n), y] -= 1
    G /= n
    return float(loss), X.T @ G, G.sum(axis=0)


def predict(W: np.ndarray, b: np.ndarray, X: np.ndarray) -> np.ndarray:
    """The most likely class of each row: X (n, 784) gives int64 labels (n,)."""
    # softmax preserves order, so the largest score is the most probable class.
    return scores(W, b, X).argmax(axis=1)


def accuracy(W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of rows of X whose predicted class equals y; a float in [0, 1]."""
    y_hat = predict(W, b, X)
    return float((y_hat == as_labels(y, len(y_hat))).mean())


def numerical_gradient(f: Callable[[], float], x: np.ndarray, eps: float = 1e-6) -> np.ndarray:
    """Centred differences (f(x + eps) - f(x - eps)) / 2 eps for each entry of x, same shape."""
    if not isinstance(x, np.ndarray) or x.dtype != np.float64:
        raise ValueError("Expected x to be a float64 array (float32 is too coarse for eps=1e-6).")
    grad = np.zeros_like(x)
    flat, grad_flat = x.reshape(-1), grad.reshape(-1)  # views: nudging flat nudges x
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + eps
        f_plus = f()
        flat[i] = original - eps
        f_minus = f()
        flat[i] = original
        grad_flat[i] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||) over all entries: 0 if identical, 1 if opposite."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"Expected two arrays of the same shape, got {a.shape} and {b.shape}.")
    # Unrelated arrays of similar size score about 0.7; a correct gradient scores below 1e-7.
    # Relative, so the verdict does not depend on the gradient's scale; over the whole array,
    # so entries that are ~0 (pixels blank in every example) do not blow up a ratio of noise.
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator > 0 else 0.0


def gradient_check(
    W: np.ndarray, b: np.ndarray, X: np.ndarray, y: np.ndarray, eps: float = 1e-6
) -> tuple[float, float]:
    """Relative errors of loss_and_gradients' dW and db against centred differences, in float64."""
    W, b = (np.array(a, dtype=np.float64) for a in as_parameters(W, b))
    X = as_float_matrix(X).astype(np.float64)
    _, dW, db = loss_and_gradients(W, b, X, y)
    num_dW = numerical_gradient(lambda: loss_and_gradients(W, b, X, y)[0], W, eps)
    num_db = numerical_gradient(lambda: loss_and_gradients(W, b, X, y)[0], b, eps)
    return relative_error(dW, num_dW), relative_error(db, num_db)
