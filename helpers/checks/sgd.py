"""Checkers of 04_training_by_hand: the mini-batch SGD loop, and a learning rate that trains
fast with small batches."""

from __future__ import annotations

import numpy as np

from helpers.checks.feedback import (
    NotYet,
    attempt,
    checker,
    compare,
    expect_shape,
    number,
    numbers,
    within,
)
from helpers.messages import catalog
from helpers.model import loss_and_gradients
from helpers.training import train_sgd

__all__ = ["fast_learning_rate", "sgd_loop"]

say = catalog("checks.sgd")


# The loop runs on three made-up sets: 200 images leave 8 over at the end of each epoch
# (12 x 16 + 8) and 192 leave none (12 x 16), so a short last batch shows in the first and a
# dropped full batch in the second; the rate, batch size and step count change from case to
# case, so an answer that fixes any of them to the first case's value fails another.
LOOP_CASES = (
    {"n": 200, "lr": 0.01, "steps": 40, "batch_size": 16, "seed": 3},
    {"n": 192, "lr": 0.03, "steps": 40, "batch_size": 16, "seed": 4},
    {"n": 95, "lr": 0.02, "steps": 23, "batch_size": 10, "seed": 5},
)
# (the mistake, as arguments of _loop; the key of what it is): how a loop goes wrong.
LOOP_MISTAKES = (
    ({"sign": 1}, "loop_uphill"),
    ({"scale": 0}, "loop_unchanged"),
    ({"use_lr": False}, "loop_no_lr"),
    ({"scale": "n"}, "loop_summed"),
    ({"advance": False}, "loop_same_batch"),
    # Also what a generator made again from the seed at each epoch gives: its first
    # permutation, every time.
    ({"reshuffle": False}, "loop_same_order"),
    ({"fresh": True}, "loop_fresh"),
    ({"short": True}, "loop_short"),
    ({"drop": True}, "loop_drop"),
)


def _loop(
    X,
    y,
    lr,
    steps,
    batch_size,
    seed,
    *,
    sign=-1,
    scale=1,
    advance=True,
    reshuffle=True,
    fresh=False,
    use_lr=True,
    short=False,
    drop=False,
):
    """train_sgd's loop, or the loop with one of LOOP_MISTAKES: (W, b, batch losses)."""
    n = len(X)
    scale = (batch_size if scale == "n" else scale) * (lr if use_lr else 1)
    W, b = np.zeros((784, 10), dtype=X.dtype), np.zeros(10, dtype=X.dtype)
    rng = np.random.default_rng(seed)
    order, cursor, losses = rng.permutation(n), 0, []
    for _ in range(steps):
        if cursor >= n if short else cursor + batch_size >= n + (not drop):
            order, cursor = (rng.permutation(n) if reshuffle else order), 0
        if fresh:
            order = rng.permutation(n)
        rows = order[cursor : cursor + batch_size]
        cursor += batch_size if advance and not fresh else 0
        loss, dW, db = loss_and_gradients(W, b, X[rows], y[rows])
        W += sign * scale * dW
        b += sign * scale * db
        losses.append(loss)
    return W, b, np.array(losses)


def _loop_case(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Images (n, 784) of pixels from 0 to 1 and labels (n,) for one case of LOOP_CASES."""
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, size=n)


def _as_run(result: object, steps: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A learner's (W, b, losses) as arrays of the right shapes, or ❌ saying what is off."""
    if not isinstance(result, (tuple, list)) or len(result) != 3:
        raise NotYet(say("three_results", kind=type(result).__name__))
    W, b, losses = (numbers(part, say("run_numbers")) for part in result)
    for name, got, shape in (("W", W, (784, 10)), ("b", b, (10,))):
        wrong = say("wrong_shape", name=name, shape=shape, got=got.shape)
        expect_shape(got, shape, otherwise=wrong)
    wrong = say("losses_shape", steps=steps, got=losses.shape)
    expect_shape(losses, (steps,), otherwise=wrong)
    return W, b, losses


# Float32 and float64 loops agree to about 1e-6; every mistake is off by far more.
_SAME_RUN = within(rtol=1e-4, atol=1e-6)


@checker(answer="function", points=3)
def sgd_loop(sgd_loop: object) -> str:
    """Exercise in 04: the whole mini-batch loop, which must end where train_sgd ends."""
    hint = say("loop_hint")
    for case in LOOP_CASES:
        settings = {k: v for k, v in case.items() if k != "n"}
        X, y = _loop_case(case["n"], case["seed"])
        args = (X, y, *settings.values())
        # attempt hands read-only copies: an answer that rescales X in place is told so, and
        # train_sgd below trains on the checker's own X, untouched.
        result = attempt(
            sgd_loop,
            *args,
            hint=hint,
            context=say("loop_context", n=case["n"]),
            whole_job=[train_sgd],
        )
        W, b, losses = _as_run(result, settings["steps"])
        twin = train_sgd(X, y, **settings, snapshot_steps=[0, settings["steps"]])
        for got, expected, slot in ((W, twin.W, 0), (b, twin.b, 1)):
            if _SAME_RUN(got, expected):
                continue
            table = tuple((_loop(*args, **wrong)[slot], say(why)) for wrong, why in LOOP_MISTAKES)
            differs = say(
                "final_differs",
                n=case["n"],
                batch_size=settings["batch_size"],
                seed=settings["seed"],
                name="Wb"[slot],
                hint=hint,
            )
            compare(got, expected, close=_SAME_RUN, mistakes=table, otherwise=differs)
        compare(losses, twin.batch_loss, close=_SAME_RUN, otherwise=say("losses_differ"))
    return say("loop_correct")


# Exercise 2: batches of 8, 500 steps, and a validation loss to reach. On the validation
# split the best learning rate is near 0.15 (loss 0.379); 0.07 to 0.3 pass, 0.05 (0.435) and
# the classic 0.5 (0.598) do not.
SMALL_BATCH = {"batch_size": 8, "steps": 500, "seed": 0}
TARGET_LOSS = 0.42
BEST_SMALL_BATCH_LR = 0.15


@checker(answer="value", points=1, given=lambda rng: (None, None, None, None))
def fast_learning_rate(
    lr: object, X_train: object, y_train: object, X_val: object, y_val: object
) -> str:
    """Exercise in 04: a learning rate for batches of 8 that reaches a validation loss of 0.42."""
    rate = number(lr, todo=say("rate_todo"), expected=say("rate_expected"))
    if not (np.isfinite(rate) and rate > 0):
        raise NotYet(say("rate_positive", lr=lr))
    steps = SMALL_BATCH["steps"]
    try:
        history = train_sgd(
            X_train,
            y_train,
            lr=rate,
            **SMALL_BATCH,
            X_val=X_val,
            y_val=y_val,
            snapshot_steps=[0, steps],
            on_divergence="stop",
        )
    except Exception as err:  # bad data passed to the check: report, never crash the notebook
        raise NotYet(say("training_failed", error=err)) from None
    if history.diverged_at is not None:
        raise NotYet(say("diverged", lr=lr, step=history.diverged_at))
    loss = float(history.val_loss[-1])
    if not loss < TARGET_LOSS:
        # Below the best rate the steps are too short to get there; above, the noise of
        # 8-image batches throws the weights past the minimum.
        how = "too_timid" if rate < BEST_SMALL_BATCH_LR else "overshoot"
        raise NotYet(say(how, lr=lr, steps=steps, loss=loss, target=TARGET_LOSS))
    return say("rate_correct", lr=lr, steps=steps, loss=loss)
