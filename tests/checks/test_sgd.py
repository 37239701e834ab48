"""Checkers of 04_training_by_hand: every diagnosis, word for word."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import checks
from helpers import train_sgd as checks_train_sgd
from helpers.checks import sgd
from tests.checks.corpus.sgd import reference_loop, transposed


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


@pytest.mark.parametrize(
    ("lr", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with a learning rate, then run this cell again.",
        ),
        ("0.5", "❌ Not yet: expected a number for the learning rate, got str."),
        (True, "❌ Not yet: expected a number for the learning rate, got bool."),
        (np.nan, "❌ Not yet: a learning rate is a step size: a number above 0, got nan."),
        (np.inf, "❌ Not yet: a learning rate is a step size: a number above 0, got inf."),
        (-1, "❌ Not yet: a learning rate is a step size: a number above 0, got -1."),
        (0, "❌ Not yet: a learning rate is a step size: a number above 0, got 0."),
    ],
)
def test_fast_learning_rate_refuses_what_is_not_a_step_size(said, lr, line):
    assert said(checks.fast_learning_rate, lr, None, None, None, None) == line


# The losses come from training on this machine: the sentences are matched, not the digits.
@pytest.mark.parametrize(
    ("lr", "pattern"),
    [
        (0.15, r"✅ Correct: with lr=0\.15, 500 steps of 8 reach a validation loss of 0\.3\d\d\."),
        (
            0.001,
            r"❌ Not yet: with lr=0\.001, 500 steps reach a validation loss of 1\.\d{3}, above "
            r"0\.42: the steps are too timid\. Try a larger learning rate\.",
        ),
        (
            0.5,  # the classic rate, on screen all along: too long a step for batches of 8
            r"❌ Not yet: with lr=0\.5, 500 steps reach a validation loss of 0\.5\d\d, above "
            r"0\.42: the steps overshoot: a batch of 8 gives a noisy gradient\. Try a smaller "
            r"learning rate\.",
        ),
        (
            1e6,
            r"❌ Not yet: with lr=1e\+06 training diverged at step \d+: the loss was worse than "
            r"the untrained model's ln 10\. Try a smaller learning rate\.",
        ),
    ],
)
def test_fast_learning_rate_trains_and_says(said, split, lr, pattern):
    assert re.fullmatch(pattern, said(checks.fast_learning_rate, lr, *split))


@pytest.fixture(scope="module")
def split(mnist):
    """The first 50,000 training images to train on, the last 10,000 to validate on."""
    X, y = mnist.X_train, mnist.y_train
    return X[:50000], y[:50000], X[50000:], y[50000:]


def test_fast_learning_rate_reports_data_it_cannot_train_on(said, split):
    X_train, y_train, X_val, y_val = split
    line = said(checks.fast_learning_rate, 0.15, X_train, y_train[:10], X_val, y_val)
    assert line.startswith("❌ Not yet: training could not run: ")


def loop_with(**mistake):
    """The loop with one of LOOP_MISTAKES, as a learner would hand it in."""
    return lambda *args: sgd._loop(*args, **mistake)


def in_float64(X, y, lr, steps, batch_size, seed):
    W, b, losses = reference_loop(X.astype(np.float64), y, lr, steps, batch_size, seed)
    return W, b, losses


@pytest.mark.parametrize(
    ("sgd_loop", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            reference_loop,
            LOOP_RIGHT := "✅ Correct: your loop ends at train_sgd's W and b, "
            "with the same batch losses.",
        ),
        (in_float64, LOOP_RIGHT),
        (loop_with(), LOOP_RIGHT),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,) with n=200 images. Hint: follow the five steps "
            "above, and run the loop by hand for two steps.",
        ),
        (
            lambda *args: reference_loop(*args)[:2],
            "❌ Not yet: expected three results (W, b, losses), got tuple. Hint: end the "
            "function with `return W, b, losses`.",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], "losses"),
            "❌ Not yet: expected (W, b, losses) to be arrays of numbers, got str.",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], reference_loop(*args)[2][1:]),
            "❌ Not yet: losses should hold one loss per step, 40 of them, got shape (39,).",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], np.zeros(40)),
            "❌ Not yet: W and b are right, but losses should hold each batch's loss, computed "
            "before its step, one per step.",
        ),
        (
            lambda X, y, lr, steps, batch_size, seed: reference_loop(
                X, y, lr, steps, batch_size, seed + 1
            ),
            "❌ Not yet: with n=200 images, batches of 16 and seed 3, the final W is not "
            "train_sgd's. Hint: follow the five steps above, and run the loop by hand for "
            "two steps.",
        ),
        *[(loop_with(**wrong), f"❌ Not yet: {why}") for wrong, why in sgd.LOOP_MISTAKES],
    ],
)
def test_sgd_loop_says(said, sgd_loop, line):
    assert said(sgd.sgd_loop, sgd_loop) == line


def test_each_boundary_mistake_shows_in_one_case_only():
    # A short last batch needs leftover rows (200 = 12 x 16 + 8); a dropped full batch needs
    # none (192 = 12 x 16): the checker runs both, so neither passes (95 = 9 x 10 + 5 is
    # short again, with other settings).
    cases = zip(sgd.LOOP_CASES, (True, False, True), (False, True, False), strict=True)
    for case, short_differs, drop_differs in cases:
        X, y = sgd._loop_case(case["n"], case["seed"])
        args = (X, y, *(v for k, v in case.items() if k != "n"))
        right = sgd._loop(*args)[0]
        assert (not np.allclose(sgd._loop(*args, short=True)[0], right)) == short_differs
        assert (not np.allclose(sgd._loop(*args, drop=True)[0], right)) == drop_differs


def test_the_reference_loop_is_train_sgd_exactly(mnist):
    # On MNIST, in float32, across six epoch ends: the same bits, not only close.
    X, y = mnist.X_train[:1000], mnist.y_train[:1000]
    W, b, losses = reference_loop(X, y, 0.5, 100, 64, 7)
    history = checks_train_sgd(X, y, lr=0.5, steps=100, batch_size=64, seed=7)
    assert np.array_equal(history.W, W) and np.array_equal(history.b, b)
    assert np.array_equal(history.batch_loss, losses)


def test_sgd_loop_refuses_a_transposed_W(said):
    assert said(sgd.sgd_loop, transposed) == (
        "❌ Not yet: W should have shape (784, 10), got (10, 784)."
    )
