"""Checkers of 04_training_by_hand: every diagnosis, word for word."""

from __future__ import annotations

import re

import numpy as np
import pytest

from helpers import checks
from helpers import train_sgd as checks_train_sgd
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET, sgd
from helpers.messages import message
from tests.checks.corpus.sgd import reference_loop, transposed


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/sgd.py."""
    return message("checks.sgd", key, "en", **fields)


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
            f"{NOT_ATTEMPTED} replace the ... with {says('rate_todo')}, then run this cell again.",
        ),
        ("0.5", f"{NOT_YET} expected {says('rate_expected')}, got str."),
        (True, f"{NOT_YET} expected {says('rate_expected')}, got bool."),
        (np.nan, f"{NOT_YET} {says('rate_positive', lr=np.nan)}"),
        (np.inf, f"{NOT_YET} {says('rate_positive', lr=np.inf)}"),
        (-1, f"{NOT_YET} {says('rate_positive', lr=-1)}"),
        (0, f"{NOT_YET} {says('rate_positive', lr=0)}"),
    ],
)
def test_fast_learning_rate_refuses_what_is_not_a_step_size(said, lr, line):
    assert said(checks.fast_learning_rate, lr, None, None, None, None) == line


def pattern(verdict: str, key: str, **fields: object) -> str:
    """A regex of one line of the catalog, with LOSS and STEP standing for any loss and step."""
    text = re.escape(f"{verdict} {says(key, **fields)}")
    return text.replace(re.escape(f"{LOSS:.3f}"), r"\d\.\d{3}").replace(str(STEP), r"\d+")


# Stand-ins that no real run prints: the regex puts any loss or step in their place.
LOSS, STEP = 9.876543, 987654321


# The losses come from training on this machine: the sentences are matched, not the digits.
@pytest.mark.parametrize(
    ("lr", "key", "loss"),
    [
        (0.15, "rate_correct", "0.3"),
        (0.001, "too_timid", "1."),
        # The classic rate, on screen all along: too long a step for batches of 8.
        (0.5, "overshoot", "0.5"),
        (1e6, "diverged", ""),
    ],
)
def test_fast_learning_rate_trains_and_says(said, split, lr, key, loss):
    verdict = CORRECT if key == "rate_correct" else NOT_YET
    line = said(checks.fast_learning_rate, lr, *split)
    fields = {"lr": lr, "steps": 500, "target": 0.42, "loss": LOSS, "step": STEP}
    assert re.fullmatch(pattern(verdict, key, **fields), line), line
    # The loss's first digits say which side of the target the run ended on.
    assert f"{loss}" in line


@pytest.fixture(scope="module")
def split(mnist):
    """The first 50,000 training images to train on, the last 10,000 to validate on."""
    X, y = mnist.X_train, mnist.y_train
    return X[:50000], y[:50000], X[50000:], y[50000:]


def test_fast_learning_rate_reports_data_it_cannot_train_on(said, split):
    X_train, y_train, X_val, y_val = split
    line = said(checks.fast_learning_rate, 0.15, X_train, y_train[:10], X_val, y_val)
    assert line.startswith(f"{NOT_YET} {says('training_failed', error='')}")


def loop_with(**mistake):
    """The loop with one of LOOP_MISTAKES, as a learner would hand it in."""
    return lambda *args: sgd._loop(*args, **mistake)


def in_float64(X, y, lr, steps, batch_size, seed):
    W, b, losses = reference_loop(X.astype(np.float64), y, lr, steps, batch_size, seed)
    return W, b, losses


@pytest.mark.parametrize(
    ("sgd_loop", "line"),
    [
        (stub, f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."),
        (reference_loop, LOOP_RIGHT := f"{CORRECT} {says('loop_correct')}"),
        (in_float64, LOOP_RIGHT),
        (loop_with(), LOOP_RIGHT),
        (
            broken,
            f"{NOT_YET} your function raised ValueError: operands could not be broadcast "
            f"together with shapes (3,) (4,){says('loop_context', n=200)}. "
            f"Hint: {says('loop_hint')}",
        ),
        (
            lambda *args: reference_loop(*args)[:2],
            f"{NOT_YET} {says('three_results', kind='tuple')}",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], "losses"),
            f"{NOT_YET} expected {says('run_numbers')}, got str.",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], reference_loop(*args)[2][1:]),
            f"{NOT_YET} {says('losses_shape', steps=40, got=(39,))}",
        ),
        (
            lambda *args: (*reference_loop(*args)[:2], np.zeros(40)),
            f"{NOT_YET} {says('losses_differ')}",
        ),
        (
            lambda X, y, lr, steps, batch_size, seed: reference_loop(
                X, y, lr, steps, batch_size, seed + 1
            ),
            f"{NOT_YET} "
            + says("final_differs", n=200, batch_size=16, seed=3, name="W", hint=says("loop_hint")),
        ),
        *[(loop_with(**wrong), f"{NOT_YET} {says(why)}") for wrong, why in sgd.LOOP_MISTAKES],
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
    wrong = says("wrong_shape", name="W", shape=(784, 10), got=(10, 784))
    assert said(sgd.sgd_loop, transposed) == f"{NOT_YET} {wrong}"


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.sgd", key, "zh", **fields)

    line = said(checks.fast_learning_rate, -1, None, None, None, None)
    assert line.startswith("❌") and line.endswith(zh("rate_positive", lr=-1)), line
    assert line != f"{NOT_YET} {says('rate_positive', lr=-1)}"
    assert said(sgd.sgd_loop, loop_with(sign=1)).endswith(zh("loop_uphill"))
