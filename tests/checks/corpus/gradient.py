"""Wrong answers to 03's exercises: the derivative of weight decay, db at zero, a slope."""

from __future__ import annotations

import numpy as np

import helpers
from helpers import loss_and_gradients, numerical_gradient, softmax
from tests.checks.corpus import Wrong

# Labels with classes of different sizes, as y_train[:1000] has.
LABELS = np.random.default_rng(0).integers(0, 10, size=1000)
SHARE = np.bincount(LABELS, minlength=10) / len(LABELS)


def my_loss_and_gradients(W, b, X, y):
    """03's own version, section 7: the analytic gradient a learner has at hand."""
    n = len(X)
    P = softmax(X @ W + b)
    Y = np.eye(10)[y]
    return -np.log(P[np.arange(n), y]).mean(), X.T @ (P - Y) / n, (P - Y).mean(axis=0)


def notebook_analytic(W, b, X, y, j, k, eps=1e-6):
    return my_loss_and_gradients(W, b, X, y)[1][j, k]


def through_the_module(W, b, X, y, j, k, eps=1e-6):
    return helpers.loss_and_gradients(W, b, X, y)[1][j, k]


def boxed_formula_inline(W, b, X, y, j, k, eps=1e-6):
    P = softmax(X @ W + b)
    P[np.arange(len(y)), y] -= 1
    return (X.T @ P / len(y))[j, k]


def aliased_import(W, b, X, y, j, k, eps=1e-6):
    from helpers.model import loss_and_gradients as grads

    return grads(W, b, X, y)[1][j, k]


def difference(loss, W, b, X, y, j, k, up, down, width):
    """(loss at W[j, k] + up) minus (loss at W[j, k] - down), over width."""
    W_up, W_down = W.copy(), W.copy()
    W_up[j, k] += up
    W_down[j, k] -= down
    return (loss(W_up, b, X, y)[0] - loss(W_down, b, X, y)[0]) / width


def own_step_one_sided(W, b, X, y, j, k, eps=1e-6):
    h = 1e-6  # the learner's own step: eps is ignored
    return difference(loss_and_gradients, W, b, X, y, j, k, h, 0, h)


def own_step_centred_mine(W, b, X, y, j, k, eps=1e-6):
    h = 1e-5
    return difference(my_loss_and_gradients, W, b, X, y, j, k, h, h, 2 * h)


def forward(W, b, X, y, j, k, eps=1e-6):
    return difference(loss_and_gradients, W, b, X, y, j, k, eps, 0, eps)


def backward(W, b, X, y, j, k, eps=1e-6):
    return difference(loss_and_gradients, W, b, X, y, j, k, 0, eps, eps)


def divides_by_eps(W, b, X, y, j, k, eps=1e-6):
    return difference(loss_and_gradients, W, b, X, y, j, k, eps, eps, eps)


def flipped(W, b, X, y, j, k, eps=1e-6):
    return -difference(loss_and_gradients, W, b, X, y, j, k, eps, eps, 2 * eps)


def twice_the_step(W, b, X, y, j, k, eps=1e-6):
    return difference(loss_and_gradients, W, b, X, y, j, k, 2 * eps, 2 * eps, 2 * eps)


def whole_gradient_helper(W, b, X, y, j, k, eps=1e-6):
    W = W.copy()
    return numerical_gradient(lambda: loss_and_gradients(W, b, X, y)[0], W, eps)[j, k]


def nudges_in_place(W, b, X, y, j, k, eps=1e-6):
    W[j, k] += eps
    return difference(loss_and_gradients, W, b, X, y, j, k, 0, 2 * eps, 2 * eps)


def as_text(W, b, X, y, j, k, eps=1e-6):
    return str(difference(loss_and_gradients, W, b, X, y, j, k, eps, eps, 2 * eps))


def decayed(dW=lambda g, W, lam: g + lam * W, db=lambda g, b, lam: g):
    """A decayed_gradients whose dW is dW(grad, W, lam) and db is db(grad, b, lam)."""

    def attempt(W, b, X, y, lam):
        _, grad_W, grad_b = loss_and_gradients(W, b, X, y)
        return dW(grad_W, W, lam), db(grad_b, b, lam)

    return attempt


def shrinks_in_place(W, b, X, y, lam):
    _, dW, db = loss_and_gradients(W, b, X, y)
    W *= 1 - lam
    return dW + lam * W / (1 - lam), db


CORPUS = {
    "numerical_dW_entry": [
        Wrong((notebook_analytic,), "that is the analytic slope dW[j, k]", "my_loss_and_gradients"),
        Wrong((through_the_module,), "returned loss_and_gradients(...)[1][j, k]", "helpers."),
        Wrong((boxed_formula_inline,), "that is the analytic slope dW[j, k]", "formula inline"),
        Wrong((aliased_import,), "returned loss_and_gradients(...)[1][j, k]", "aliased import"),
        Wrong((own_step_one_sided,), "nudged W[j, k] by 1e-06, not by the eps", "own h one-sided"),
        Wrong((own_step_centred_mine,), "that is the analytic slope", "own h centred"),
        Wrong((forward,), "one-sided difference (L(W + eps) - L(W)) / eps", "forward"),
        Wrong((backward,), "one-sided difference (L(W) - L(W - eps)) / eps", "backward"),
        Wrong((divides_by_eps,), "that is twice the slope", "divides by eps"),
        Wrong((flipped,), "the sign is flipped", "flipped sign"),
        Wrong((twice_the_step,), "nudged W[j, k] by 2, not by the eps", "nudges by 2 eps"),
        Wrong((whole_gradient_helper,), "calls numerical_gradient from helpers", "helper"),
        Wrong((numerical_gradient,), "is numerical_gradient from helpers", "the helper itself"),
        Wrong((nudges_in_place,), "changed the W it was given", "nudges W in place"),
        Wrong((as_text,), "got text", "returns a string"),
        Wrong((lambda *args: float("nan"),), "nan is not a finite number", "NaN"),
        Wrong((lambda *args: 10**400,), "expected one number", "10**400"),
    ],
    "decayed_gradients": [
        Wrong((decayed(dW=lambda g, W, lam: g),), "the gradient of L alone", "no penalty"),
        Wrong((decayed(dW=lambda g, W, lam: g + 2 * lam * W),), "dW + 2 lam W", "2 lam W"),
        Wrong((decayed(dW=lambda g, W, lam: g + lam / 2 * W),), "dW + (lam / 2) W", "lam/2 W"),
        Wrong((decayed(dW=lambda g, W, lam: g - lam * W),), "the wrong sign", "minus lam W"),
        Wrong((decayed(dW=lambda g, W, lam: g + lam / 2 * W**2),), "the penalty itself", "W^2"),
        Wrong((decayed(dW=lambda g, W, lam: g + lam * np.sign(W)),), "an L1 penalty", "L1"),
        Wrong((decayed(dW=lambda g, W, lam: lam * W),), "the penalty's slope alone", "lam W"),
        Wrong((decayed(dW=lambda g, W, lam: (g + lam * W).T),), "shape (10, 784)", "transposed"),
        Wrong((decayed(db=lambda g, b, lam: g + lam * b),), "db + lam * b", "decays b"),
        Wrong((decayed(dW=lambda g, W, lam: g + 0.3 * W),), "with lam = 0.02", "fixed lam"),
        Wrong((decayed(dW=lambda g, W, lam: (g + lam * W).astype(str)),), "got text", "text"),
        Wrong((shrinks_in_place,), "writes into an array it was given", "shrinks W in place"),
        Wrong((lambda W, b, X, y, lam: loss_and_gradients(W, b, X, y),), "a pair", "all three"),
    ],
    "bias_gradient_at_zero": [
        Wrong((SHARE - 0.1, LABELS), "the sign is flipped", "share - 0.1"),
        Wrong((SHARE, LABELS), "the mean of Y alone", "share alone"),
        Wrong((len(LABELS) * (0.1 - SHARE), LABELS), "the sum over the images", "the sum"),
        Wrong((np.zeros((len(LABELS), 10)), LABELS), "one row per image", "P - Y per image"),
        Wrong((np.zeros(10), LABELS), "db is the column mean of P - Y", "zeros"),
        Wrong(([str(v) for v in 0.1 - SHARE], LABELS), "got text", "strings"),
        Wrong((np.full(10, np.nan), LABELS), "db is the column mean", "NaN"),
        Wrong((0.1 - np.bincount(LABELS[:500], minlength=10) / 500, LABELS), "column mean", "500"),
        Wrong((np.zeros(5), LABELS), "shape (10,), got shape (5,)", "five numbers"),
    ],
}
