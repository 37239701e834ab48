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
from helpers.model import loss_and_gradients
from helpers.training import train_sgd

__all__ = ["fast_learning_rate", "sgd_loop"]


# The loop runs on three made-up sets: 200 images leave 8 over at the end of each epoch
# (12 x 16 + 8) and 192 leave none (12 x 16), so a short last batch shows in the first and a
# dropped full batch in the second; the rate, batch size and step count change from case to
# case, so an answer that fixes any of them to the first case's value fails another.
LOOP_CASES = (
    {"n": 200, "lr": 0.01, "steps": 40, "batch_size": 16, "seed": 3},
    {"n": 192, "lr": 0.03, "steps": 40, "batch_size": 16, "seed": 4},
    {"n": 95, "lr": 0.02, "steps": 23, "batch_size": 10, "seed": 5},
)
# (the mistake, as arguments of _loop; what it is): the usual ways a loop goes wrong.
LOOP_MISTAKES = (
    ({"sign": 1}, "W moved uphill: the step is W -= lr * dW, not W += lr * dW."),
    ({"scale": 0}, "W never changed: after computing dW, take the step W -= lr * dW."),
    (
        {"use_lr": False},
        "the step is missing the learning rate: W -= lr * dW, not W -= dW.",
    ),
    (
        {"scale": "n"},
        "each step is batch_size times too long: the gradient was summed over the batch, "
        "not averaged. loss_and_gradients already returns the mean; use it as it is.",
    ),
    (
        {"advance": False},
        "every step used the same batch: move the cursor on by batch_size after each slice.",
    ),
    (
        # Also what a generator made again from the seed at each epoch gives: its first
        # permutation, every time.
        {"reshuffle": False},
        "every epoch visits the images in the same order: when an epoch is used up, draw a "
        "new permutation from the one generator made before the loop (a generator made again "
        "from the seed repeats its first permutation).",
    ),
    (
        {"fresh": True},
        "a new permutation was drawn for every batch: shuffle once per epoch, then take "
        "consecutive slices, so that no image comes twice in an epoch.",
    ),
    (
        {"short": True},
        "the last batch of an epoch was shorter than batch_size: start a new epoch as soon "
        "as cursor + batch_size > n.",
    ),
    (
        {"drop": True},
        "a full batch was dropped at the end of each epoch: start a new epoch only when "
        "cursor + batch_size > n, not when it equals n.",
    ),
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
        raise NotYet(
            f"expected three results (W, b, losses), got {type(result).__name__}. "
            "Hint: end the function with `return W, b, losses`."
        )
    W, b, losses = (numbers(part, "(W, b, losses) to be arrays of numbers") for part in result)
    for name, got, shape in (("W", W, (784, 10)), ("b", b, (10,))):
        expect_shape(got, shape, otherwise=f"{name} should have shape {shape}, got {got.shape}.")
    expect_shape(
        losses,
        (steps,),
        otherwise=f"losses should hold one loss per step, {steps} of them, got shape "
        f"{losses.shape}.",
    )
    return W, b, losses


# Float32 and float64 loops agree to about 1e-6; every mistake is off by far more.
_SAME_RUN = within(rtol=1e-4, atol=1e-6)


@checker
def sgd_loop(sgd_loop: object) -> str:
    """Exercise in 04: the whole mini-batch loop, which must end where train_sgd ends."""
    hint = "follow the five steps above, and run the loop by hand for two steps."
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
            context=f" with n={case['n']} images",
            whole_job=[train_sgd],
        )
        W, b, losses = _as_run(result, settings["steps"])
        twin = train_sgd(X, y, **settings, snapshot_steps=[0, settings["steps"]])
        for got, expected, slot in ((W, twin.W, 0), (b, twin.b, 1)):
            if _SAME_RUN(got, expected):
                continue
            table = tuple((_loop(*args, **wrong)[slot], why) for wrong, why in LOOP_MISTAKES)
            compare(
                got,
                expected,
                close=_SAME_RUN,
                mistakes=table,
                otherwise=(
                    f"with n={case['n']} images, batches of {settings['batch_size']} and seed "
                    f"{settings['seed']}, the final {'Wb'[slot]} is not train_sgd's. Hint: {hint}"
                ),
            )
        compare(
            losses,
            twin.batch_loss,
            close=_SAME_RUN,
            otherwise=(
                "W and b are right, but losses should hold each batch's loss, computed before "
                "its step, one per step."
            ),
        )
    return "your loop ends at train_sgd's W and b, with the same batch losses."


# Exercise 2: batches of 8, 500 steps, and a validation loss to reach. On the validation
# split the best learning rate is near 0.15 (loss 0.379); 0.07 to 0.3 pass, 0.05 (0.435) and
# the classic 0.5 (0.598) do not.
SMALL_BATCH = {"batch_size": 8, "steps": 500, "seed": 0}
TARGET_LOSS = 0.42
BEST_SMALL_BATCH_LR = 0.15


@checker
def fast_learning_rate(
    lr: object, X_train: object, y_train: object, X_val: object, y_val: object
) -> str:
    """Exercise in 04: a learning rate for batches of 8 that reaches a validation loss of 0.42."""
    rate = number(lr, todo="a learning rate", expected="a number for the learning rate")
    if not (np.isfinite(rate) and rate > 0):
        raise NotYet(f"a learning rate is a step size: a number above 0, got {lr}.")
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
        raise NotYet(f"training could not run: {err}") from None
    if history.diverged_at is not None:
        raise NotYet(
            f"with lr={lr:g} training diverged at step {history.diverged_at}: the loss was "
            "worse than the untrained model's ln 10. Try a smaller learning rate."
        )
    loss = float(history.val_loss[-1])
    if not loss < TARGET_LOSS:
        # Below the best rate the steps are too short to get there; above, the noise of
        # 8-image batches throws the weights past the minimum.
        how = (
            "are too timid. Try a larger"
            if rate < BEST_SMALL_BATCH_LR
            else "overshoot: a batch of 8 gives a noisy gradient. Try a smaller"
        )
        raise NotYet(
            f"with lr={lr:g}, {steps} steps reach a validation loss of {loss:.3f}, above "
            f"{TARGET_LOSS}: the steps {how} learning rate."
        )
    return f"with lr={lr:g}, {steps} steps of 8 reach a validation loss of {loss:.3f}."
