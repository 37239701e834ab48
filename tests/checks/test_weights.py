"""Checkers of 05_reading_the_weights: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.maps import mean_difference_maps
from helpers.messages import message

rng = np.random.default_rng(5)
X0, W0 = rng.random(784), rng.normal(size=(784, 10))  # a digit and weights for contribution_map


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def votes(x, W, k):
    return x * W[:, k]


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/weights.py."""
    return message("checks.weights", key, "en", **fields)


CALL = "contribution_map(x, W, 7)"
VOTES_RIGHT = f"{CORRECT} {says('votes_correct')}"


def wrong_votes(key: str, **fields: object) -> str:
    """The ❌ line of one sentence about contribution_map(x, W, 7)."""
    return f"{NOT_YET} {says(key, call=CALL, **fields)}"


@pytest.mark.parametrize(
    ("contribution_map", "line"),
    [
        (stub, f"{NOT_ATTEMPTED} {says('votes_todo')}, then run this cell again."),
        (votes, VOTES_RIGHT),
        (lambda x, W, k: votes(x, W, k).reshape(28, 28), wrong_votes("votes_map")),
        (lambda x, W, k: votes(x, W, k)[:, None], wrong_votes("votes_shape", shape=(784, 1))),
        (lambda x, W, k: votes(x, W, k).tolist(), VOTES_RIGHT),
        (
            broken,
            f"{NOT_YET} your function raised ValueError: operands could not be broadcast "
            f"together with shapes (3,) (4,){says('votes_context', call=CALL)}. "
            f"Hint: {says('votes_hint')}",
        ),
        (lambda x, W, k: "abc", wrong_votes("votes_kind", kind="str")),
        (
            lambda x, W, k: votes(x, W, k).sum(),
            wrong_votes("votes_one_number", hint=says("votes_sum_hint")),
        ),
        (
            lambda x, W, k: np.array([1.0]),
            wrong_votes("votes_one_number", hint=says("votes_one_per_pixel")),
        ),
        (lambda x, W, k: x @ W, wrong_votes("votes_ten")),
        (lambda x, W, k: x[:, None] * W, wrong_votes("votes_all_classes")),
        (lambda x, W, k: votes(x, W, k)[:100], wrong_votes("votes_shape", shape=(100,))),
        (lambda x, W, k: W[:, k], wrong_votes("weights_alone")),
        (lambda x, W, k: votes(x, W, 0), wrong_votes("other_class", other=0, k=7)),
        (lambda x, W, k: votes(x, W, k) + 1.0, wrong_votes("votes_differ", wrong=784)),
    ],
)
def test_contribution_map_says(said, contribution_map, line):
    assert said(checks.contribution_map, contribution_map, X0, W0) == line


@pytest.mark.parametrize("x_and_W", [(None, W0), (X0, None), (X0[:10], W0), ("x", W0), (X0, W0.T)])
def test_contribution_map_needs_x_and_W(said, x_and_W):
    line = said(checks.contribution_map, votes, *x_and_W)
    assert line == f"{NOT_YET} {says('needs_x_and_w')}"


ROWS, COLS = np.mgrid[0:28, 0:28]
BAND = (COLS >= 12) & (COLS <= 15) & (ROWS >= 4) & (ROWS <= 23)
SURROUND_HINT = says("surround_hint")
STROKE_ERASED = f"{NOT_YET} {says('erases_stroke', kept=0, ones=234, before=152)}"
ALL_THE_RED = f"{CORRECT} " + says(
    "surround_correct", pixels=605, share=1.0, others=80, before=1, kept=222
)
NEEDS_THE_MODEL = f"{NOT_YET} " + message("checks.weights_shifts", "needs_the_model", "en")


def too_little_red(share: float, others: int) -> str:
    """The ❌ line for a region that holds too little of the 1 map's red."""
    wrong = says("too_little_red", share=share, before=1, others=others, hint=SURROUND_HINT)
    return f"{NOT_YET} {wrong}"


def not_a_mask(got: str) -> str:
    """The ❌ line for a region that is not 784 numbers."""
    return f"{NOT_YET} {says('not_a_mask', got=got)}"


def red_of_1(model):
    return model[0][:, 1].reshape(28, 28) < 0


@pytest.mark.parametrize(
    ("region", "line"),
    [
        (
            lambda model: ...,
            f"{NOT_ATTEMPTED} replace the ... with {says('surround_todo')}, "
            "then run this cell again.",
        ),
        (red_of_1, ALL_THE_RED),
        (lambda model: red_of_1(model).ravel(), ALL_THE_RED),
        (lambda model: red_of_1(model).astype(int), ALL_THE_RED),
        (lambda model: red_of_1(model).tolist(), ALL_THE_RED),
        (
            lambda model: ~BAND,
            f"{CORRECT} "
            + says("surround_correct", pixels=704, share=0.9, others=15, before=1, kept=162),
        ),
        (
            lambda model: np.zeros((28, 28), bool),
            f"{NOT_YET} {says('region_empty', hint=SURROUND_HINT)}",
        ),
        (lambda model: BAND, STROKE_ERASED),
        (lambda model: model[0][:, 1].reshape(28, 28) > 0, STROKE_ERASED),
        (lambda model: np.ones((28, 28), bool), STROKE_ERASED),
        (lambda model: COLS < 12, too_little_red(0.41, 2)),
        (
            lambda model: (ROWS < 3) | (ROWS > 24) | (COLS < 3) | (COLS > 24),
            too_little_red(0.02, 1),
        ),
        (lambda model: 3, not_a_mask(says("mask_shape_of", shape=()))),
        (lambda model: np.ones((27, 28), bool), not_a_mask(says("mask_shape_of", shape=(27, 28)))),
        (lambda model: "red", not_a_mask("str")),
        (lambda model: model[0][:, 1].reshape(28, 28), f"{NOT_YET} {says('not_booleans')}"),
    ],
)
def test_red_surround_says(said, model, region, line):
    assert said(checks.red_surround, region(model), *model) == line


@pytest.mark.parametrize("lost", range(4))
def test_red_surround_needs_the_notebooks_arrays(said, model, lost):
    arrays = [*model]
    arrays[lost] = None
    assert said(checks.red_surround, ~BAND, *arrays) == NEEDS_THE_MODEL


def moved(X: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """(n, 784) images moved down by rows and right by cols (negative: up, left), zero fill."""
    images, out = X.reshape(-1, 28, 28), np.zeros((len(X), 28, 28), X.dtype)
    src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
    out[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return out.reshape(-1, 784)


@pytest.fixture(scope="module")
def model(mnist):
    """W, b, X, y: mean-difference maps as weights (no training), and 2,000 test digits."""
    X_train, y_train, X_test, y_test = mnist
    return (
        mean_difference_maps(X_train[:10_000], y_train[:10_000]),
        np.zeros(10),
        X_test[:2000],
        y_test[:2000],
    )


def test_shift_down_accuracy_says(said, model):
    W, b, X, y = model

    def accuracy(images: np.ndarray) -> float:
        return float(((images @ W + b).argmax(axis=1) == y).mean())

    down, unshifted = accuracy(moved(X, 1, 0)), accuracy(X)
    rolled = accuracy(np.roll(X.reshape(-1, 28, 28), 1, axis=1).reshape(-1, 784))
    up, right, left, two = (accuracy(moved(X, *m)) for m in [(-1, 0), (0, 1), (0, -1), (2, 0)])
    right_answer = f"{CORRECT} " + says("shift_correct", value=down, unshifted=unshifted, down=down)
    todo = f"{NOT_ATTEMPTED} replace the ... with {says('shift_todo')}, then run this cell again."
    not_one = "{verdict} expected {what}, got {kind}. Hint: {hint}"

    def shifted(key: str, value: float) -> str:
        """The ❌ line of a known wrong shift."""
        return f"{NOT_YET} " + message("checks.weights_shifts", key, "en", value=value)

    def not_a_number(kind: str) -> str:
        """The ❌ line for an answer that is not one number."""
        what, hint = says("accuracy_expected"), says("accuracy_hint")
        return not_one.format(verdict=NOT_YET, what=what, kind=kind, hint=hint)

    cases = [
        (..., todo),
        (np.array(...), todo),
        (down, right_answer),
        (np.float32(down), right_answer),
        (np.array(down), right_answer),
        (
            rolled,
            f"{CORRECT} " + says("shift_correct", value=rolled, unshifted=unshifted, down=down),
        ),
        (100 * down, shifted("percentage", 100 * down)),
        (1 - down, shifted("error_rate", 1 - down)),
        (unshifted, shifted("unshifted", unshifted)),
        (up, shifted("up", up)),
        (right, shifted("right", right)),
        (left, shifted("left", left)),
        (two, shifted("two_down", two)),
        (
            0.25,
            f"{NOT_YET} 0.2500 is not {says('shift_todo')}. Hint: {says('shift_hint')}",
        ),
        ("0.8", not_a_number("str")),
        (True, not_a_number("bool")),
        ([down], not_a_number("list")),
    ]
    for answer, line in cases:
        assert said(checks.shift_down_accuracy, answer, W, b, X, y) == line, answer


@pytest.mark.parametrize("not_finite", [np.nan, np.array(np.nan), np.inf, -np.inf])
def test_shift_down_accuracy_refuses_nan_and_infinity(said, model, not_finite):
    assert said(checks.shift_down_accuracy, not_finite, *model) == (
        f"{NOT_YET} {float(not_finite)} is not a finite number, so it cannot be "
        f"{says('shift_todo')}. Hint: {says('shift_hint')}"
    )


@pytest.mark.parametrize("lost", ["W", "b", "X"])
def test_shift_down_accuracy_needs_the_notebooks_arrays(said, model, lost):
    arrays = dict(zip("WbXy", model, strict=True))
    arrays[lost] = "overwritten" if lost != "X" else arrays["X"][:, :10]
    assert said(checks.shift_down_accuracy, 0.5, *arrays.values()) == NEEDS_THE_MODEL


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, model, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.weights", key, "zh", **fields)

    line = said(checks.contribution_map, lambda x, W, k: x @ W, X0, W0)
    assert line.startswith("❌") and line.endswith(zh("votes_ten", call=CALL)), line
    line = said(checks.red_surround, np.zeros((28, 28), bool), *model)
    assert line.endswith(zh("region_empty", hint=zh("surround_hint"))), line
    needs = message("checks.weights_shifts", "needs_the_model", "zh")
    assert said(checks.shift_down_accuracy, 0.5, None, *model[1:]).endswith(needs)
