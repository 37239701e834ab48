"""Wrong answers to 03's exercises: the derivative of weight decay, db at zero, a slope."""

from __future__ import annotations

import numpy as np

import helpers
from helpers import loss_and_gradients, numerical_gradient, softmax
from tests.checks.corpus import Wrong, piece, sentence


def says(key: str) -> str:
    """The mark of a checks.gradient sentence."""
    return piece("checks.gradient", key)


def shared(key: str, domain: str = "checks.feedback") -> str:
    """The mark of a sentence the shared judge says."""
    return piece(domain, key)


def other_step(step: float) -> str:
    """numerical_dW_entry's sentence for a step that is not the eps given."""
    nudge = sentence("checks.gradient", "nudge")
    return sentence("checks.gradient", "other_step", step=step, nudge=nudge)


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
        Wrong((notebook_analytic,), says("analytic_slope"), "my_loss_and_gradients"),
        Wrong((through_the_module,), says("analytic"), "helpers."),
        Wrong((boxed_formula_inline,), says("analytic_slope"), "formula inline"),
        Wrong((aliased_import,), says("analytic"), "aliased import"),
        Wrong((own_step_one_sided,), other_step(1e-06), "own h one-sided"),
        Wrong((own_step_centred_mine,), says("analytic_slope"), "own h centred"),
        Wrong((forward,), says("one_sided_forward"), "forward"),
        Wrong((backward,), says("one_sided_backward"), "backward"),
        Wrong((divides_by_eps,), says("slope_twice"), "divides by eps"),
        Wrong((flipped,), says("slope_flipped"), "flipped sign"),
        Wrong((twice_the_step,), other_step(2), "nudges by 2 eps"),
        Wrong((whole_gradient_helper,), shared("calls_helper", "checks.calling"), "helper"),
        Wrong((numerical_gradient,), shared("is_helper", "checks.calling"), "the helper itself"),
        Wrong((nudges_in_place,), says("changed_w"), "nudges W in place"),
        Wrong((as_text,), shared("got_text"), "returns a string"),
        Wrong((lambda *args: float("nan"),), shared("not_finite"), "NaN"),
        Wrong((lambda *args: 10**400,), says("not_one_slope"), "10**400"),
    ],
    "decayed_gradients": [
        Wrong((decayed(dW=lambda g, W, lam: g),), says("decay_l_alone"), "no penalty"),
        Wrong((decayed(dW=lambda g, W, lam: g + 2 * lam * W),), says("decay_twice"), "2 lam W"),
        Wrong((decayed(dW=lambda g, W, lam: g + lam / 2 * W),), says("decay_half"), "lam/2 W"),
        Wrong((decayed(dW=lambda g, W, lam: g - lam * W),), says("decay_sign"), "minus lam W"),
        Wrong(
            (decayed(dW=lambda g, W, lam: g + lam / 2 * W**2),), says("decay_penalty_itself"), "W^2"
        ),
        Wrong((decayed(dW=lambda g, W, lam: g + lam * np.sign(W)),), says("decay_l1"), "L1"),
        Wrong((decayed(dW=lambda g, W, lam: lam * W),), says("decay_slope_alone"), "lam W"),
        Wrong(
            (decayed(dW=lambda g, W, lam: (g + lam * W).T),), says("dw_transposed"), "transposed"
        ),
        Wrong((decayed(db=lambda g, b, lam: g + lam * b),), says("db_decayed"), "decays b"),
        Wrong(
            (decayed(dW=lambda g, W, lam: g + 0.3 * W),),
            sentence("checks.gradient", "decay_lead", lam=0.02) + says("dw_wrong"),
            "fixed lam",
        ),
        Wrong(
            (decayed(dW=lambda g, W, lam: (g + lam * W).astype(str)),), shared("got_text"), "text"
        ),
        Wrong((shrinks_in_place,), shared("writes_input", "checks.calling"), "shrinks W in place"),
        Wrong(
            (lambda W, b, X, y, lam: loss_and_gradients(W, b, X, y),),
            shared("pair_of_length"),
            "all three",
        ),
    ],
    "bias_gradient_at_zero": [
        Wrong((SHARE - 0.1, LABELS), says("db_flipped"), "share - 0.1"),
        Wrong((SHARE, LABELS), says("db_mean_of_y"), "share alone"),
        Wrong((len(LABELS) * (0.1 - SHARE), LABELS), says("db_sums"), "the sum"),
        Wrong((np.zeros((len(LABELS), 10)), LABELS), says("db_per_image"), "P - Y per image"),
        Wrong((np.zeros(10), LABELS), says("db_at_zero_wrong"), "zeros"),
        Wrong(([str(v) for v in 0.1 - SHARE], LABELS), shared("got_text"), "strings"),
        Wrong((np.full(10, np.nan), LABELS), says("db_at_zero_wrong"), "NaN"),
        Wrong(
            (0.1 - np.bincount(LABELS[:500], minlength=10) / 500, LABELS),
            says("db_at_zero_wrong"),
            "500",
        ),
        Wrong(
            (np.zeros(5), LABELS),
            sentence("checks.gradient", "db_one_per_class", shape=(5,)),
            "five numbers",
        ),
    ],
}
