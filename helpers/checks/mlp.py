"""Checkers of 08_beyond_linear: the backward pass through ReLU, the network's size, ablation."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    attempt,
    checker,
    compare,
    expect_shape,
    is_number,
    judge_number,
    number,
    numbers,
    within,
)

__all__ = ["class_accuracy_without", "mlp_parameter_count", "relu_backward"]

# (known wrong answer, what that mistake is) for 784 inputs, 256 hidden units, 10 classes.
PARAMETER_MISTAKES = (
    (203264, "that counts W1 and W2 only; b1 adds one bias per hidden unit and b2 one per class."),
    (7850, "that is the linear model of 02; the network has two layers, W1, b1 and W2, b2."),
    (200704, "that is W1 only; add b1 (256), W2 (256 x 10) and b2 (10)."),
    (2007040, "784 x 256 x 10 multiplies the layers; count each layer's table and add them."),
    (3985, "that counts section 1's network of 5 hidden units (W1 there is 784 x 5); count 256."),
    (3970, "that counts W1 and W2 of section 1's network of 5 units; count 256, and the biases."),
    (203520, "b2 is missing: the output layer has one bias per class, 10."),
    (203274, "b1 is missing: the hidden layer has one bias per unit, 256."),
    (200970, "W2 is missing: the output layer has 256 x 10 weights."),
)

RELU_HINT = "ReLU passes the gradient where its input was positive: dH * (A > 0)."


@checker
def mlp_parameter_count(answer: object) -> str:
    """Exercise in 08: how many numbers a 784-256-10 network learns."""
    return judge_number(
        answer,
        784 * 256 + 256 + 256 * 10 + 10,
        "the number of parameters of the 784-256-10 network",
        "W1 has 784 x 256 entries, b1 256, W2 256 x 10 and b2 10: add them.",
        close=within(),  # a count: exactly, so 203530.4 is not it
        mistakes=PARAMETER_MISTAKES,
        sep=": ",
    )


def _relu_cases() -> list[tuple[np.ndarray, np.ndarray]]:
    """Seeded (dH, A) cases of varied shapes, each A with some entries exactly 0 (the boundary)."""
    rng = np.random.default_rng(8)
    cases = []
    for shape in ((6, 5), (3, 8), (1, 4)):
        A, dH = rng.normal(size=shape), rng.normal(size=shape)
        A[rng.random(shape) < 0.25] = 0.0  # a ReLU input of exactly 0: its slope is taken as 0
        A.flat[0] = 0.0
        cases.append((dH, A))
    return cases


def _relu_mistakes(dH: np.ndarray, A: np.ndarray) -> tuple:
    return (
        (
            dH * (A >= 0),
            "at A == 0 exactly you passed the gradient: the exercise takes the slope there as 0, "
            "so use A > 0, not A >= 0.",
        ),
        (dH, "dA is dH unchanged: the ReLU stops the gradient where A <= 0."),
        (
            dH * np.maximum(A, 0),
            "dA is dH times relu(A): multiply by the slope of ReLU, 0 or 1, not by its value.",
        ),
        (dH * (A < 0), "the gradient passed where A < 0: ReLU's slope is 1 where A > 0."),
        (np.maximum(dH, 0), "you applied ReLU to dH: the mask comes from A, the input of ReLU."),
        ((A > 0) * 1.0, "that is the slope alone, (A > 0): multiply dH by it."),
        (dH * np.sign(A), "np.sign(A) is -1 where A < 0: ReLU's slope there is 0, use (A > 0)."),
    )


@checker
def relu_backward(relu_backward: object) -> str:
    """Exercise in 08: dA from dH (n, h) and A (n, h), the gradient through H = relu(A)."""
    for dH, A in _relu_cases():
        context = f" (dH and A of shape {A.shape})"
        result = attempt(relu_backward, dH, A, hint=RELU_HINT, context=context)
        got = numbers(result, "an array like dH")
        shape = f"expected an array of shape {A.shape}, like dH, got shape {got.shape}."
        expect_shape(got, A.shape, otherwise=f"{shape} Hint: {RELU_HINT}")
        otherwise = f"dA is not right{context}. Hint: {RELU_HINT}"
        compare(got, dH * (A > 0), mistakes=_relu_mistakes(dH, A), otherwise=otherwise)
    return "dA = dH * (A > 0): the gradient flows through the units that were on, not the rest."


ABLATION_HINT = (
    "take the rows of class k, set the columns `units` of a copy of H to 0, score them with "
    "W2 and b2, and return the share whose largest score is k."
)


def _ablation_cases() -> list[tuple]:
    """Seeded (H, W2, b2, y, k, units) cases: none removed, all removed, and random subsets.

    Each hidden unit fires for a few classes and votes for them, so class k is mostly read
    right, and silencing its units costs some of it.
    """
    rng = np.random.default_rng(16)
    cases = []
    for units in ([], list(range(12)), [3, 7], [0, 2, 5, 9, 11], [1, 4, 6, 8, 10]):
        tuning = rng.normal(size=(10, 12))  # how much each class drives each unit
        y = rng.integers(0, 10, size=80)
        H = np.maximum(tuning[y] + rng.normal(0, 0.8, (80, 12)), 0)
        W2, b2 = tuning.T + rng.normal(0, 0.3, (12, 10)), rng.normal(0, 0.5, 10)
        cases.append((H, W2, b2, y, int(y[0]), units))
    return cases


def _share_read(H: np.ndarray, W2: np.ndarray, b2: np.ndarray, labels: np.ndarray) -> float:
    """The share of the rows of H whose largest score in H W2 + b2 is their label."""
    return float(((H @ W2 + b2).argmax(axis=1) == labels).mean())


def _silenced(H: np.ndarray, units: list[int]) -> np.ndarray:
    """A copy of H with the columns `units` set to 0."""
    quiet = H.copy()
    quiet[:, units] = 0
    return quiet


def _ablation_answers(H, W2, b2, y, k, units) -> dict[str, float]:
    """The right answer ("right") and each known mistake's answer for one case."""
    of_k, quiet = y == k, _silenced(H, units)
    others = [u for u in range(H.shape[1]) if u not in units]
    read_k = (quiet @ W2 + b2).argmax(axis=1) == k
    right = _share_read(quiet[of_k], W2, b2, k)
    return {
        "right": right,
        "all images": _share_read(quiet, W2, b2, y),
        "no b2": _share_read(quiet[of_k], W2, np.zeros(10), k),
        "kept only": _share_read(_silenced(H, others)[of_k], W2, b2, k),
        "none removed": _share_read(H[of_k], W2, b2, k),
        "precision": float(of_k[read_k].mean()) if read_k.any() else 0.0,
        "count": float(read_k[of_k].sum()),
        "error": 1 - right,
    }


ABLATION_MISTAKES = {
    "all images": "that is the accuracy on the images of every class; keep the rows of class "
    "k only (y == k).",
    "no b2": "the scores need b2 too: H W2 + b2.",
    "kept only": "you silenced every unit except `units`; set the columns `units` to 0.",
    "none removed": "nothing was removed: set the columns `units` of (a copy of) H to 0.",
    "precision": "that is the share of k among the images read as k; divide by the images of "
    "class k instead.",
    "count": "that is a count of images; return a share, divided by the images of class k.",
    "error": "that is the share read wrong; return the share read as k.",
}


@checker
def class_accuracy_without(class_accuracy_without: object) -> str:
    """Exercise in 08: the share of class k still read as k with some hidden units silenced."""
    got, wanted = [], []
    for H, W2, b2, y, k, units in _ablation_cases():
        H_given = H.copy()
        result = attempt(
            class_accuracy_without,
            H_given,
            W2.copy(),
            b2.copy(),
            y.copy(),
            k,
            list(units),
            hint=ABLATION_HINT,
            writable=True,  # H_given is the checker's copy; a change to it gets its own sentence
        )
        if not is_number(result):
            raise NotYet(
                f"expected one number, a share from 0 to 1, got {type(result).__name__}. "
                f"Hint: {ABLATION_HINT}"
            )
        if not np.array_equal(H_given, H):
            raise NotYet(
                "your function changed the H it was given, so the next removal would "
                "start with those units already silent: set the 0s in H.copy()."
            )
        got.append(number(result, todo="", expected="one number, a share from 0 to 1"))
        wanted.append(_ablation_answers(H, W2, b2, y, k, units))
    expected = [case["right"] for case in wanted]
    mistakes = [([case[name] for case in wanted], text) for name, text in ABLATION_MISTAKES.items()]
    compare(
        np.array(got),
        np.array(expected),
        mistakes=mistakes,
        otherwise=f"not the share of class k still read as k. Hint: {ABLATION_HINT}",
    )
    return "silencing a unit is a 0 in its column of H; the share is over class k's images."
