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
from helpers.messages import catalog

__all__ = ["class_accuracy_without", "mlp_parameter_count", "relu_backward"]

say = catalog("checks.mlp")

# (known wrong answer, key of what that mistake is) for 784 inputs, 256 hidden units, 10 classes.
PARAMETER_MISTAKES = (
    (203264, "count_weights_only"),
    (7850, "count_linear"),
    (200704, "count_w1_only"),
    (2007040, "count_multiplied"),
    (3985, "count_five_units"),
    (3970, "count_five_weights"),
    (203520, "count_no_b2"),
    (203274, "count_no_b1"),
    (200970, "count_no_w2"),
)


@checker(answer="value", points=1)
def mlp_parameter_count(answer: object) -> str:
    """Exercise in 08: how many numbers a 784-256-10 network learns."""
    return judge_number(
        answer,
        784 * 256 + 256 + 256 * 10 + 10,
        say("count_what"),
        say("count_hint"),
        close=within(),  # a count: exactly, so 203530.4 is not it
        mistakes=[(wrong, say(key)) for wrong, key in PARAMETER_MISTAKES],
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
        (dH * (A >= 0), say("relu_at_zero")),
        (dH, say("relu_unchanged")),
        (dH * np.maximum(A, 0), say("relu_value")),
        (dH * (A < 0), say("relu_negative")),
        (np.maximum(dH, 0), say("relu_on_dh")),
        ((A > 0) * 1.0, say("relu_slope_alone")),
        (dH * np.sign(A), say("relu_sign")),
    )


@checker(answer="function", points=2)
def relu_backward(relu_backward: object) -> str:
    """Exercise in 08: dA from dH (n, h) and A (n, h), the gradient through H = relu(A)."""
    hint = say("relu_hint")
    for dH, A in _relu_cases():
        context = say("relu_context", shape=A.shape)
        result = attempt(relu_backward, dH, A, hint=hint, context=context)
        got = numbers(result, say("relu_expected"))
        shape = say("relu_shape", shape=A.shape, got=got.shape, hint=hint)
        expect_shape(got, A.shape, otherwise=shape)
        otherwise = say("relu_wrong", context=context, hint=hint)
        compare(got, dH * (A > 0), mistakes=_relu_mistakes(dH, A), otherwise=otherwise)
    return say("relu_correct")


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


# The mistakes _ablation_answers knows, in the order they are tried, and their catalog keys.
ABLATION_MISTAKES = {
    "all images": "ablation_all_images",
    "no b2": "ablation_no_b2",
    "kept only": "ablation_kept_only",
    "none removed": "ablation_none_removed",
    "precision": "ablation_precision",
    "count": "ablation_count",
    "error": "ablation_error",
}


@checker(answer="function", points=3)
def class_accuracy_without(class_accuracy_without: object) -> str:
    """Exercise in 08: the share of class k still read as k with some hidden units silenced."""
    got, wanted, hint = [], [], say("ablation_hint")
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
            hint=hint,
            writable=True,  # H_given is the checker's copy; a change to it gets its own sentence
        )
        if not is_number(result):
            raise NotYet(say("not_a_share", kind=type(result).__name__, hint=hint))
        if not np.array_equal(H_given, H):
            raise NotYet(say("changed_h"))
        got.append(number(result, todo="", expected=say("share_expected")))
        wanted.append(_ablation_answers(H, W2, b2, y, k, units))
    expected = [case["right"] for case in wanted]
    mistakes = [
        ([case[name] for case in wanted], say(key)) for name, key in ABLATION_MISTAKES.items()
    ]
    compare(
        np.array(got),
        np.array(expected),
        mistakes=mistakes,
        otherwise=say("ablation_wrong", hint=hint),
    )
    return say("ablation_correct")
