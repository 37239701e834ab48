"""Checkers for the exercises: each prints one verdict, so a notebook runs end to end.

An exercise cell ships as a stub (`answer = ...`, or a function whose body is `...`).
Its checker prints exactly one line starting with one of the three markers below;
tests/test_exercises.py runs every notebook with the reference solutions pasted in and
requires CORRECT from every checker.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np

CORRECT = "✅ Correct:"
NOT_YET = "❌ Not yet:"
NOT_ATTEMPTED = "⏳ Not attempted yet:"


def say(verdict: str, message: str) -> None:
    """Print one feedback line: a verdict marker followed by a sentence."""
    print(f"{verdict} {message}")


def is_stub(answer: object) -> bool:
    """True for an untouched stub: `...`, or None (what a function whose body is `...` returns)."""
    return answer is ... or answer is None


def call_attempt(func: object, *args: object) -> tuple[str, object]:
    """Run a learner's function; returns ("stub", None), ("error", message) or ("ok", result)."""
    if not callable(func):
        return "error", f"expected a function, got {type(func).__name__}."
    try:
        # An attempt that overflows is feedback for the checker to give, not a warning on
        # stderr (which would also make the stored notebook differ under strict nbval).
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = func(*args)
    except NotImplementedError:
        return "stub", None
    except Exception as err:  # a learner's bug is feedback, not a crash of the notebook
        return "error", f"your function raised {type(err).__name__}: {err}"
    return ("stub", None) if is_stub(result) else ("ok", result)


def as_numbers(value: object) -> np.ndarray | None:
    """A learner's answer as a float64 array, or None when it is not numbers."""
    try:
        return np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return None


def attempt(
    func: object,
    *args: object,
    hint: str | Callable[[str], str],
    context: str = "",
    todo: str | None = None,
) -> object | None:
    """Call a learner's function and return its result, or None once a verdict is printed.

    None means the attempt needs no further checking: an untouched stub (⏳, with `todo`,
    by default "fill in the body of NAME"), or an exception (❌, what it raised, `context`
    such as the input it got, then `hint`, which may be a function of the error text).
    """
    status, result = call_attempt(func, *args)
    if status == "stub":
        todo = todo or f"fill in the body of {getattr(func, '__name__', 'the function')}"
        say(NOT_ATTEMPTED, f"{todo}, then run this cell again.")
        return None
    if status == "error":
        error = str(result).strip().rstrip(".")
        say(NOT_YET, f"{error}{context}. Hint: {hint(error) if callable(hint) else hint}")
        return None
    return result


def as_pair(result: object, names: str) -> tuple[np.ndarray, np.ndarray] | None:
    """A learner's (first, second) result as two float arrays, or None once ❌ says what is off."""
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        length = f" of length {len(result)}" if isinstance(result, (tuple, list)) else ""
        say(
            NOT_YET,
            f"expected a pair {names}, got {type(result).__name__}{length}. "
            f"Hint: end the function with `return {names.strip('()')}`.",
        )
        return None
    first, second = (as_numbers(part) for part in result)
    if first is None or second is None:
        kinds = " and ".join(type(part).__name__ for part in result)
        say(NOT_YET, f"expected {names} to be two arrays of numbers, got {kinds}.")
        return None
    return first, second


def all_close(got: np.ndarray, expected: np.ndarray) -> bool:
    """Same shape and equal up to float rounding (rtol 1e-5 suits float32 answers)."""
    return got.shape == expected.shape and bool(np.allclose(got, expected, rtol=1e-5, atol=1e-8))


def _check_value(
    answer: object, expected: float, *, what: str, hint: str, tolerance: float = 1e-9
) -> None:
    """Shared shape of checkers whose answer is a single number."""
    if is_stub(answer):
        say(NOT_ATTEMPTED, f"replace the ... with {what}, then run this cell again.")
    elif not isinstance(answer, (int, float, np.integer, np.floating)) or isinstance(answer, bool):
        say(NOT_YET, f"expected a number for {what}, got {type(answer).__name__}.")
    elif abs(float(answer) - expected) > tolerance * max(1.0, abs(expected)):
        say(NOT_YET, f"{answer} is not {what}. Hint: {hint}")
    else:
        say(CORRECT, f"{answer} is {what}.")


# --- 00_welcome -------------------------------------------------------------------------


def check_pixel_count(answer: object) -> None:
    """Exercise in 00: how many numbers describe one 28x28 image."""
    _check_value(
        answer,
        784,
        what="the number of pixels in a 28x28 image",
        hint="an image has 28 rows of 28 pixels each; multiply.",
    )


# --- 01_loading_mnist -------------------------------------------------------------------


# Pixels that are exactly 0 (background), counted once in the committed files.
ZERO_PIXELS_TRAIN, PIXELS_TRAIN = 38_045_844, 60_000 * 784
ZERO_PIXELS_TEST, PIXELS_TEST = 6_328_781, 10_000 * 784


def _idx_header(*sizes: int) -> bytes:
    """The header of an IDX file of unsigned bytes with these dimension sizes."""
    return bytes([0, 0, 0x08, len(sizes)]) + b"".join(s.to_bytes(4, "big") for s in sizes)


def _whole_numbers(result: object) -> tuple[int, ...] | None:
    """result as a tuple of ints if it is a sequence (or 1-D array) of whole numbers, else None."""
    if isinstance(result, np.ndarray):
        result = result.tolist() if result.ndim == 1 else None
    if not isinstance(result, (tuple, list)):
        return None
    if not all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in result):
        return None
    return tuple(int(v) for v in result)


def _idx_hint(sizes: tuple[int, ...], got: tuple[int, ...]) -> str:
    """What a wrong idx_shape answer most likely did, for the header with these sizes."""
    if len(got) != len(sizes):
        return (
            f"byte 3 of the header holds the number of dimensions ({len(sizes)} here): "
            f"read that many sizes, not {len(got)}."
        )
    if got == tuple(int.from_bytes(s.to_bytes(4, "big"), "little") for s in sizes):
        return "you read the sizes little-endian; IDX is big-endian: int.from_bytes(..., 'big')."
    if got == tuple(s % 65_536 for s in sizes):
        return "each size takes four bytes (bytes 4 to 7 for the first), not two."
    return "the first size is in bytes 4 to 7, the next in bytes 8 to 11, and so on."


def check_idx_shape(idx_shape: object) -> None:
    """Exercise in 01: idx_shape(raw) returns the dimension sizes in an IDX header."""
    # The real MNIST headers, then ones a hard-coded answer cannot pass: more than 65,535
    # items (the count needs more than two bytes) and a two-dimensional file.
    for sizes in [(60_000, 28, 28), (60_000,), (10_000, 28, 28), (70_000, 3)]:
        raw = _idx_header(*sizes) + bytes(12)  # a few data bytes after the header
        result = attempt(
            idx_shape,
            raw,
            context=f" (for a header of shape {sizes})",
            hint="byte 3 says how many sizes follow; each takes 4 bytes, starting at byte 4.",
        )
        if result is None:
            return
        got = _whole_numbers(result)
        if got is None:
            single = isinstance(result, (int, np.integer))
            what = f"the number {result}" if single else f"{type(result).__name__} {result!r:.60}"
            say(
                NOT_YET,
                f"idx_shape returned {what}; expected a tuple of whole numbers, one per "
                f"dimension, such as {sizes}.",
            )
            return
        if got != sizes:
            say(
                NOT_YET,
                f"for the header of a file of shape {sizes} idx_shape returned {got}. "
                f"Hint: {_idx_hint(sizes, got)}",
            )
            return
    say(CORRECT, "idx_shape reads the MNIST headers, and any other IDX header too.")


def check_zero_pixel_share(answer: object) -> None:
    """Exercise in 01: the share of training pixels that are exactly 0."""
    expected = ZERO_PIXELS_TRAIN / PIXELS_TRAIN
    if isinstance(answer, (int, float, np.integer, np.floating)) and not isinstance(answer, bool):
        value = float(answer)
        hints = [
            (ZERO_PIXELS_TRAIN, "is the number of zero pixels; divide it by X_train.size."),
            (100 * expected, "looks like a percentage; give a share between 0 and 1."),
            (1 - expected, "is the share of pixels with ink; count the pixels equal to 0."),
            (ZERO_PIXELS_TEST / PIXELS_TEST, "is the share in X_test; use X_train."),
        ]
        for wrong, hint in hints:
            if abs(value - wrong) <= 1e-6 * abs(wrong):
                say(NOT_YET, f"{answer} {hint}")
                return
        if 1 < value <= 100:
            say(NOT_YET, f"{answer} looks like a percentage; give a share between 0 and 1.")
            return
        if 1e-6 * expected < abs(value - expected) < 0.01:
            say(NOT_YET, f"{answer} is close; compute it from X_train rather than rounding.")
            return
    _check_value(
        answer,
        expected,
        what="the share of training pixels that are exactly 0",
        hint="X_train == 0 is an array of True/False; its mean is the share of True.",
        tolerance=1e-6,
    )


def check_mean_image(mean_image: object) -> None:
    """Exercise in 01: mean_image(X, y, digit) averages the rows of X labelled digit."""
    rng = np.random.default_rng(1)
    X = rng.random((20, 784), dtype=np.float32)
    y = rng.permutation(np.arange(20) % 5)  # digits 0 to 4, four images each
    for digit in (3, 0):
        expected = X[y == digit].mean(axis=0)
        result = attempt(
            mean_image,
            X.copy(),
            y.copy(),
            digit,
            hint="X[y == digit] keeps the rows labelled digit.",
        )
        if result is None:
            return
        try:
            got = np.asarray(result, dtype=np.float64)
        except (TypeError, ValueError):
            say(NOT_YET, f"expected an array of 784 numbers, got {type(result).__name__}.")
            return
        if got.shape == (20,) or got.shape == (int((y == digit).sum()),):
            say(
                NOT_YET,
                f"got one number per image (shape {got.shape}): that averages each image over "
                "its pixels. Average over the images instead: .mean(axis=0).",
            )
        elif got.size == 784 and got.shape != (784,):
            say(
                NOT_YET,
                f"got shape {got.shape}; return the flat vector of shape (784,), one mean per "
                "pixel. Reshape to 28x28 only to draw it.",
            )
        elif got.shape != (784,):
            say(
                NOT_YET,
                f"expected a vector of shape (784,), one mean per pixel, got shape {got.shape}. "
                "Hint: X[y == digit] has shape (k, 784); average over axis 0.",
            )
        elif np.allclose(got, X.mean(axis=0), atol=1e-6):
            say(
                NOT_YET,
                "that is the mean of all the images; keep only the rows labelled digit first: "
                "X[y == digit].",
            )
        elif np.allclose(got, X[y == digit].sum(axis=0), atol=1e-5):
            say(NOT_YET, "that is the sum of the images; divide by their number, or use .mean.")
        elif not np.allclose(got, expected, atol=1e-6):
            say(
                NOT_YET,
                f"for digit {digit}, pixel 0 should be {expected[0]:.4f} (the mean of pixel 0 "
                f"over the images labelled {digit}), got {got[0]:.4f}. Hint: use the arguments "
                "X, y and digit, not X_train: the checker passes its own small arrays.",
            )
        else:
            continue
        return
    say(CORRECT, "mean_image averages the images of one digit into a vector of 784 pixels.")


# --- 02_softmax_model --------------------------------------------------------------------


def check_parameter_count(answer: object) -> None:
    """Exercise in 02: how many numbers the softmax model learns."""
    hints = {
        7840: "that counts W only; b adds one bias per class.",
        794: "W is a 784 x 10 table: multiply, do not add.",
        784: "that is one class's weights; W has a column of 784 for each of the 10 classes.",
    }
    if not isinstance(answer, bool) and isinstance(answer, (int, np.integer)) and answer in hints:
        say(NOT_YET, f"{answer}: {hints[int(answer)]}")
        return
    _check_value(
        answer,
        7850,
        what="the number of parameters of the model",
        hint="count the entries of W (784 x 10) and of b (10); W.size + b.size does it.",
    )


def check_stable_softmax(my_softmax: object) -> None:
    """Exercise in 02: my_softmax(Z) is a row-wise softmax that survives scores of +-1000."""
    from helpers.model import softmax

    rng = np.random.default_rng(2)
    ordinary = rng.normal(0, 2, size=(4, 10))
    # Rows of very different size: one maximum for the whole array would turn the row of
    # -1000s into 0 / 0, so only a per-row maximum passes.
    extreme = np.concatenate([1000 + ordinary[:2], -1000 + ordinary[2:3], ordinary[3:]])
    for Z, scale in ((ordinary, "ordinary scores"), (extreme, "scores of +-1000")):
        result = attempt(
            my_softmax,
            Z.copy(),
            context=f" (for {scale} of shape {Z.shape})",
            hint=lambda error: (
                "Z.max(axis=1, keepdims=True) has shape (n, 1), which broadcasts against (n, 10)."
                if "broadcast" in error
                else "compute the whole array at once: np.exp(Z - Z.max(axis=1, keepdims=True))."
            ),
        )
        if result is None:
            return
        P = as_numbers(result)
        if P is None or P.shape != Z.shape:
            got = f"shape {P.shape}" if P is not None else type(result).__name__
            say(
                NOT_YET,
                f"for {scale} of shape {Z.shape} expected probabilities of the same shape, got "
                f"{got}. Hint: keep the row axis with keepdims=True when you take max and sum.",
            )
            return
        if not np.isfinite(P).all():
            hint = (
                "exp overflowed or every term underflowed to 0. Subtract each row's own maximum "
                "before np.exp: Z - Z.max(axis=1, keepdims=True)."
                if Z is extreme
                else "check the formula: p = exp(z) / sum(exp(z)) in each row."
            )
            say(NOT_YET, f"for {scale} my_softmax returned NaN or inf: {hint}")
            return
        if not np.allclose(P.sum(axis=1), 1, atol=1e-6):
            hint = (
                "the columns sum to 1 instead: divide by E.sum(axis=1, keepdims=True)."
                if np.allclose(P.sum(axis=0), 1, atol=1e-6)
                else "divide each row by its own sum: E.sum(axis=1, keepdims=True)."
            )
            say(NOT_YET, f"for {scale} the rows should each sum to 1. Hint: {hint}")
            return
        expected = softmax(Z)
        if not np.allclose(P, expected, rtol=1e-5, atol=1e-8):
            say(
                NOT_YET,
                f"for {scale} the rows sum to 1 but differ from softmax, e.g. entry [0, 0] is "
                f"{P[0, 0]:.4f}, expected {expected[0, 0]:.4f}. Hint: p = exp(z - max) / sum.",
            )
            return
    say(CORRECT, "my_softmax matches helpers.softmax, and stays finite for scores of +-1000.")


def check_cross_entropy(mean_cross_entropy: object) -> None:
    """Exercise in 02: mean_cross_entropy(P, y) is the mean of -ln P[i, y_i]."""
    rng = np.random.default_rng(3)
    E = np.exp(rng.normal(0, 1.5, size=(5, 10)))
    random_model = (E / E.sum(axis=1, keepdims=True), np.array([3, 0, 9, 3, 7]))
    untrained = (np.full((10, 10), 0.1), np.arange(10))
    for (P, y), which in ((random_model, "a random model"), (untrained, "the untrained model")):
        n = len(y)
        expected = float(-np.log(P[np.arange(n), y]).mean())
        result = attempt(
            mean_cross_entropy,
            P.copy(),
            y.copy(),
            context=f" (for P of shape {P.shape})",
            hint="P[np.arange(len(y)), y] picks the probability of the true class in each row.",
        )
        if result is None:
            return
        got = as_numbers(result)
        if got is None or got.shape != ():
            shape = f"shape {got.shape}" if got is not None else type(result).__name__
            hint = (
                "P[:, y] picks whole columns; P[np.arange(len(y)), y] picks one entry per row."
                if got is not None and got.shape[-2:] == (n, n)
                else "one loss per image; return their mean, a single number."
                if got is not None and got.shape == (n,)
                else "return one number: the mean over the rows."
            )
            say(NOT_YET, f"expected a single number, got {shape}. Hint: {hint}")
            return
        value = float(got)
        mistakes = [
            (-expected, "the sign is wrong: ln p is negative, so the loss is -ln p."),
            (n * expected, "that is the sum over the rows; take the mean."),
            (expected / np.log(10), "that uses log10; the loss uses the natural log, np.log."),
            (expected / np.log(2), "that uses log2; the loss uses the natural log, np.log."),
            (
                float(-np.log(P[:, y]).mean()),
                "P[:, y] picks whole columns; P[np.arange(len(y)), y] picks one entry per row.",
            ),
        ]
        for wrong, hint in mistakes:
            if abs(value - wrong) <= 1e-6 * max(1.0, abs(wrong)) and abs(wrong - expected) > 1e-6:
                say(NOT_YET, f"for {which} got {value:.4f}: {hint}")
                return
        if abs(value - expected) > 1e-6 * max(1.0, expected):
            say(
                NOT_YET,
                f"for {which} expected {expected:.4f}, got {value:.4f}. Hint: take "
                "-ln of the probability of the true class in each row, then the mean.",
            )
            return
    say(CORRECT, "mean_cross_entropy gives the mean of -ln p[i, y_i]; untrained: ln 10 = 2.303.")


# --- 03_deriving_the_gradient ------------------------------------------------------------


def check_gradient_one_example(gradient_one_example: object) -> None:
    """Exercise in 03: one example's gradients, dW = outer(x, p - y) (784, 10) and db = p - y."""
    rng = np.random.default_rng(30)
    x = np.where(rng.random(784) < 0.2, rng.random(784), 0.0)  # sparse, like a digit's ink
    z = rng.normal(0, 1, 10)
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    label = 7
    y = np.eye(10)[label]
    result = attempt(
        gradient_one_example,
        x.copy(),
        p.copy(),
        label,
        hint="y = np.eye(10)[label] is the one-hot vector; np.outer(x, p - y) is dW.",
    )
    if result is None:
        return
    pair = as_pair(result, "(dW, db)")
    if pair is None:
        return
    dW, db = pair
    error = p - y
    # Each entry: a wrong answer the derivation invites, and what to say about it.
    dW_mistakes = (
        (-np.outer(x, error), "dW has the wrong sign: it is x_i (p_j - y_j), not y_j - p_j."),
        (np.outer(x, p), "dW is outer(x, p): subtract the one-hot y, np.outer(x, p - y)."),
        (
            np.outer(x, p - label),
            "you subtracted the label number from p; subtract the one-hot vector "
            "y = np.eye(10)[label] instead.",
        ),
    )
    db_mistakes = (
        (-error, "db has the wrong sign: it is p - y, not y - p."),
        (p, "db is p: subtract the one-hot y, db = p - y."),
        (p - label, "db: subtract the one-hot vector y = np.eye(10)[label], not the label number."),
    )
    if dW.shape == (10, 784):
        say(
            NOT_YET,
            "dW has shape (10, 784), the transpose of W's. Hint: np.outer(x, p - y) puts the "
            "784 pixels in the rows and the 10 classes in the columns, like W.",
        )
    elif dW.shape != (784, 10):
        say(
            NOT_YET,
            f"dW should have the shape of W, (784, 10), got shape {dW.shape}. Hint: "
            "np.outer(x, p - y) turns (784,) and (10,) into (784, 10).",
        )
    elif not all_close(dW, np.outer(x, error)):
        hint = next((h for wrong, h in dW_mistakes if all_close(dW, wrong)), None)
        say(NOT_YET, hint or "dW[i, j] should be x[i] * (p[j] - y[j]): np.outer(x, p - y).")
    elif db.shape != (10,):
        say(NOT_YET, f"db should have the shape of b, (10,), got shape {db.shape}. Hint: p - y.")
    elif not all_close(db, error):
        hint = next((h for wrong, h in db_mistakes if all_close(db, wrong)), None)
        say(NOT_YET, hint or "db[j] should be p[j] - y[j], since dz_j/db_j = 1.")
    else:
        say(CORRECT, "dW = outer(x, p - y) has the shape of W, (784, 10), and db = p - y.")


def check_bias_gradient_at_zero(db_at_zero: object, y_batch: object) -> None:
    """Exercise in 03: db at W = 0, b = 0 for labels y_batch is 1/10 minus each class's share."""
    labels = as_numbers(y_batch)
    if (
        labels is None
        or labels.ndim != 1
        or len(labels) == 0
        or not np.isin(labels, range(10)).all()
    ):
        say(NOT_YET, "the check needs the labels as its second argument: y_train[:1000].")
        return
    counts = np.bincount(labels.astype(np.int64), minlength=10)
    n = len(labels)
    expected = 0.1 - counts / n
    if is_stub(db_at_zero):
        say(NOT_ATTEMPTED, "replace the ... with the ten numbers of db, then run this cell again.")
        return
    got = as_numbers(db_at_zero)
    mistakes = (
        (-expected, "the sign is flipped: db is the mean of P - Y, so 0.1 minus the share."),
        (counts / n, "that is the mean of Y alone; db is the mean of P - Y, and every p_k is 0.1."),
        (
            n * expected,
            "that is the sum over the images; db is the mean, so divide by their number.",
        ),
        (0.1 * n - counts, "that is the sum over the images; db is the mean, so divide by n."),
    )
    if got is None:
        say(NOT_YET, f"expected ten numbers, got {type(db_at_zero).__name__}.")
    elif got.shape == (n, 10):
        say(
            NOT_YET,
            f"that has shape ({n}, 10), one row per image: P - Y. db is its mean over the rows, "
            ".mean(axis=0).",
        )
    elif got.shape != (10,):
        say(NOT_YET, f"db has one number per class, shape (10,), got shape {got.shape}.")
    elif all_close(got, expected):
        say(
            CORRECT,
            "db_k = 0.1 - (share of class k): negative for the classes that are more common "
            "than 10%, so the first step raises their bias.",
        )
    else:
        hint = next((h for wrong, h in mistakes if all_close(got, wrong)), None)
        say(
            NOT_YET,
            hint
            or "db is the column mean of P - Y; with W = 0 every p_k is 0.1, and the mean of "
            "column k of Y is the share of class k: np.bincount(y, minlength=10) / len(y).",
        )


def check_numerical_dW_entry(numerical_dW_entry: object) -> None:
    """Exercise in 03: a centred difference for one weight matches the analytic dW[i, j]."""
    from helpers.model import loss_and_gradients

    rng = np.random.default_rng(31)
    X = rng.random((6, 784))
    y = np.array([3, 1, 4, 1, 5, 9])
    W = rng.normal(0, 0.05, size=(784, 10))
    b = rng.normal(0, 0.05, size=10)
    _, dW, _ = loss_and_gradients(W, b, X, y)
    # eps = 1e-3 is large enough that a forward difference misses by ~1e-5, while a centred
    # one stays within ~1e-9: the two can be told apart.
    eps = 1e-3

    def loss_at(i: int, j: int, shift: float) -> float:
        nudged = W.copy()
        nudged[i, j] += shift
        return loss_and_gradients(nudged, b, X, y)[0]

    for i, j in ((350, 2), (500, 7)):
        W_given = W.copy()
        result = attempt(
            numerical_dW_entry,
            W_given,
            b.copy(),
            X,
            y,
            i,
            j,
            eps,
            hint=lambda error: (
                "keep the first line, def numerical_dW_entry(W, b, X, y, i, j, eps=1e-6):"
                if "positional argument" in error
                else "nudge a copy: W_plus = W.copy(); W_plus[i, j] += eps, and the loss is "
                "loss_and_gradients(W_plus, b, X, y)[0]."
            ),
        )
        if result is None:
            return
        if W_given.shape != W.shape or np.abs(W_given - W).max() > 1e-12:
            say(
                NOT_YET,
                "your function changed the W it was given; nudge a copy (W.copy()) or put the "
                "entry back, or every later loss is computed at the wrong weights.",
            )
            return
        got = as_numbers(result)
        if got is None or got.size != 1:
            shape = type(result).__name__ if got is None else f"an array of shape {got.shape}"
            say(NOT_YET, f"expected one number, the slope for W[{i}, {j}], got {shape}.")
            return
        value, expected = float(got.reshape(())), float(dW[i, j])
        centre = loss_at(i, j, 0.0)
        mistakes = (
            (
                (loss_at(i, j, eps) - centre) / eps,
                "that is a forward difference (L(W + eps) - L(W)) / eps; centre it: "
                "(L(W + eps) - L(W - eps)) / (2 eps), which is far more accurate.",
            ),
            (2 * expected, "that is twice the slope: divide by 2 * eps, the width of the step."),
            (-expected, "the sign is flipped: L(W + eps) minus L(W - eps), not the reverse."),
        )
        if abs(value - expected) > 1e-7 + 1e-6 * abs(expected):
            hint = next(
                (h for wrong, h in mistakes if abs(value - wrong) <= 1e-9 + 1e-6 * abs(wrong)),
                "nudge W[i, j] up and down by eps and divide the change of the loss by 2 * eps.",
            )
            say(NOT_YET, f"for W[{i}, {j}] got {value:.6g}, expected {expected:.6g}: {hint}")
            return
    say(CORRECT, "your centred differences match the analytic dW to 6 digits.")


# --- 04_training_by_hand -----------------------------------------------------------------


def check_sgd_step(sgd_step: object) -> None:
    """Exercise in 04: one SGD update returns (W - lr * dW, b - lr * db)."""
    from helpers.model import loss_and_gradients

    rng = np.random.default_rng(40)
    W = rng.normal(0, 0.01, size=(784, 10))
    b = rng.normal(0, 0.01, size=10)
    X = rng.random((16, 784))
    y = rng.integers(0, 10, size=16)
    lr = 0.3
    _, dW, db = loss_and_gradients(W, b, X, y)
    result = attempt(
        sgd_step,
        W.copy(),
        b.copy(),
        X,
        y,
        lr,
        hint="loss, dW, db = loss_and_gradients(W, b, X_batch, y_batch) first.",
    )
    if result is None:
        return
    pair = as_pair(result, "(W, b)")
    if pair is None:
        return
    # W first, then b: each with the wrong answers one step invites, and what to say about them.
    for name, got, start, grad in (("W", pair[0], W, dW), ("b", pair[1], b, db)):
        mistakes = (
            (
                start + lr * grad,
                f"{name} moved uphill: subtract the gradient, {name} - lr * d{name}.",
            ),
            (
                start - grad,
                f"the step of {name} is missing the learning rate: {name} - lr * d{name}.",
            ),
            (grad, f"that is the gradient d{name}; return the updated {name} - lr * d{name}."),
            (lr * grad, f"that is the step lr * d{name}; return {name} - lr * d{name}."),
            (start, f"{name} did not change: subtract lr * d{name} from it."),
        )
        if got.shape != start.shape:
            say(NOT_YET, f"the new {name} should keep its shape {start.shape}, got {got.shape}.")
            return
        if not all_close(got, start - lr * grad):
            hint = next((h for wrong, h in mistakes if all_close(got, wrong)), None)
            say(NOT_YET, hint or f"the new {name} should be {name} - lr * d{name}.")
            return
    say(CORRECT, "W - lr * dW and b - lr * db: one small step downhill.")


def check_fast_learning_rate(
    lr: object, X_train: object, y_train: object, X_test: object, y_test: object
) -> None:
    """Exercise in 04: a learning rate that reaches 88% test accuracy in 200 steps of 64."""
    from helpers.training import train_sgd

    if is_stub(lr):
        say(NOT_ATTEMPTED, "replace the ... with a learning rate, then run this cell again.")
        return
    if isinstance(lr, bool) or not isinstance(lr, (int, float, np.integer, np.floating)):
        say(NOT_YET, f"expected a number for the learning rate, got {type(lr).__name__}.")
        return
    if not (np.isfinite(lr) and lr > 0):
        say(NOT_YET, f"a learning rate is a step size: a number above 0, got {lr}.")
        return
    try:
        history = train_sgd(
            X_train,
            y_train,
            lr=float(lr),
            batch_size=64,
            steps=200,
            seed=0,
            X_test=X_test,
            y_test=y_test,
            snapshot_steps=[0, 200],
            on_divergence="stop",
        )
    except Exception as err:  # bad data passed to the check: report, never crash the notebook
        say(NOT_YET, f"training could not run: {err}")
        return
    if history.diverged_at is not None:
        say(
            NOT_YET,
            f"with lr={lr:g} training diverged at step {history.diverged_at}: the loss was "
            "worse than the untrained model's ln 10. Try a smaller learning rate.",
        )
        return
    acc = float(history.test_acc[-1])
    if acc >= 0.88:
        say(CORRECT, f"with lr={lr:g}, 200 steps reach a test accuracy of {acc:.3f}.")
    elif lr < 0.5:
        say(
            NOT_YET,
            f"with lr={lr:g}, 200 steps reach {acc:.3f}, below 0.880: the steps are too timid. "
            "Try a larger learning rate.",
        )
    else:
        say(
            NOT_YET,
            f"with lr={lr:g}, 200 steps reach {acc:.3f}, below 0.880: the steps overshoot. "
            "Try a smaller learning rate.",
        )


# --- 05_reading_the_weights --------------------------------------------------------------


def check_contribution_map(contribution_map: object, x: object, W: object) -> None:
    """Exercise in 05: the 784 pixel votes x_i * w_ik for class k, for two classes k."""
    x, W = as_numbers(x), as_numbers(W)
    if x is None or W is None or x.shape != (784,) or W.shape != (784, 10):
        say(
            NOT_YET,
            "the checker needs the digit x (784,) and W (784, 10) from above; "
            "run the cells above this exercise again.",
        )
        return
    for k in (7, 3):
        result = attempt(
            contribution_map,
            x.copy(),
            W.copy(),
            k,
            context=f" (for contribution_map(x, W, {k}))",
            hint="multiply x by column k of W, element by element.",
            todo="replace the ... in contribution_map with its one line",
        )
        if result is None:
            return
        votes = as_numbers(result)
        expected = x * W[:, k]
        if votes is None:
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned {type(result).__name__}, "
                "expected an array of 784 numbers.",
            )
            return
        if votes.size == 1:
            near_sum = np.isclose(votes.item(), expected.sum(), rtol=1e-4, atol=1e-4)
            hint = (
                "that is their sum, the score z_k without b; return the 784 terms "
                "before they are added up"
                if near_sum
                else "return one vote per pixel"
            )
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned one number, expected 784 "
                f"pixel votes. Hint: {hint}.",
            )
            return
        if votes.shape == (10,):
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned 10 numbers, probably x @ W, "
                "the scores of all classes without b. Hint: keep the 784 terms of class k "
                "with x * W[:, k], an element-wise product.",
            )
            return
        if votes.shape == (784, 10):
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned the votes for all ten classes, "
                "shape (784, 10). Hint: use only column k of W, W[:, k].",
            )
            return
        if votes.size != 784:
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned shape {votes.shape}, expected "
                "784 values (or a 28x28 map). Hint: x * W[:, k].",
            )
            return
        votes = votes.reshape(784)
        if np.allclose(votes, expected, rtol=1e-4, atol=1e-6):
            continue
        if np.allclose(votes, W[:, k], rtol=1e-4, atol=1e-6):
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned the weights w_ik alone. Hint: "
                "multiply each weight by its pixel value x_i, so blank pixels vote 0.",
            )
            return
        other = [j for j in range(10) if np.allclose(votes, x * W[:, j], rtol=1e-4, atol=1e-6)]
        if other:
            say(
                NOT_YET,
                f"contribution_map(x, W, {k}) returned the votes for class {other[0]}, "
                f"not {k}. Hint: use the k the function receives, in W[:, k].",
            )
            return
        wrong = int((~np.isclose(votes, expected, rtol=1e-4, atol=1e-6)).sum())
        say(
            NOT_YET,
            f"contribution_map(x, W, {k}) differs from x_i * w_ik at {wrong} of the "
            "784 pixels. Hint: x * W[:, k], an element-wise product, without b.",
        )
        return
    say(
        CORRECT,
        "contribution_map gives the 784 pixel votes x_i * w_ik; their sum plus b_k "
        "is the score z_k.",
    )


def check_most_confused(answer: object, cm: object) -> None:
    """Exercise in 05: the (true, predicted) cell of the confusion matrix with most mistakes."""
    cm = as_numbers(cm)
    if cm is None or cm.shape != (10, 10):
        say(
            NOT_YET,
            "the checker needs the 10x10 confusion matrix cm from above; run the "
            "cells above this exercise again.",
        )
        return
    if is_stub(answer):
        say(
            NOT_ATTEMPTED,
            "replace the ... with a pair (true digit, predicted digit), then run this cell again.",
        )
        return
    if isinstance(answer, (int, np.integer)) and not isinstance(answer, bool):
        say(
            NOT_YET,
            f"expected a pair (true digit, predicted digit), got the single number "
            f"{answer}. Hint: np.unravel_index(flat, cm.shape) turns the position that argmax "
            "returns into (row, column).",
        )
        return
    pair = as_numbers(answer)
    if pair is None or pair.shape != (2,) or not np.all(pair == np.round(pair)):
        say(NOT_YET, f"expected a pair of two digits such as (4, 9), got {answer!r:.60}.")
        return
    true, predicted = (int(v) for v in pair)
    if not (0 <= true <= 9 and 0 <= predicted <= 9):
        say(NOT_YET, f"({true}, {predicted}) is not a pair of digits 0 to 9.")
        return
    off = cm.copy()
    np.fill_diagonal(off, -1)
    most = off.max()
    if true == predicted:
        say(
            NOT_YET,
            f"({true}, {predicted}) is on the diagonal: those {int(cm[true, true])} "
            "digits were read correctly. Hint: set the diagonal to 0 first, with "
            "np.fill_diagonal, then look for the largest cell.",
        )
    elif off[true, predicted] == most:
        say(
            CORRECT,
            f"a true {true} read as {predicted} is the most common mistake, {int(most)} times.",
        )
    elif off[predicted, true] == most:
        say(
            NOT_YET,
            f"({true}, {predicted}) is the right pair the wrong way round: rows of the "
            "confusion matrix are the true digit and columns the prediction, so cm[i, j] counts "
            "true i read as j.",
        )
    else:
        say(
            NOT_YET,
            f"a true {true} read as {predicted} happens {int(off[true, predicted])} "
            "times, but another cell off the diagonal is larger. Hint: zero the diagonal, then "
            "np.unravel_index(cm.argmax(), cm.shape).",
        )


def _shift_images(images: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Move (n, 28, 28) images down by rows and right by cols (negative: up, left), zero fill."""
    out = np.zeros_like(images)
    src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
    out[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return out


def check_shift_down_accuracy(answer: object, W: object, b: object, X: object, y: object) -> None:
    """Exercise in 05: test accuracy after moving every digit one pixel down."""
    try:
        W, b = np.asarray(W), np.asarray(b)
        X, y = np.asarray(X), np.asarray(y)
        images = X.reshape(len(X), 28, 28)

        def acc(shifted: np.ndarray) -> float:
            return float(((shifted.reshape(len(X), 784) @ W + b).argmax(axis=1) == y).mean())

        expected = acc(_shift_images(images, 1, 0))
        rolled = acc(np.roll(images, 1, axis=1))
        unshifted = acc(images)
        others = {
            "the accuracy of the unshifted test set": unshifted,
            "the accuracy after moving the digits up (the last row should become blank, "
            "not the first)": acc(_shift_images(images, -1, 0)),
            "the accuracy after moving the digits right; move rows, not columns: axis 1 "
            "of the (n, 28, 28) images": acc(_shift_images(images, 0, 1)),
            "the accuracy after moving the digits left; move rows, not columns: axis 1 "
            "of the (n, 28, 28) images": acc(_shift_images(images, 0, -1)),
            "the accuracy after a shift of two pixels; move by one": acc(
                _shift_images(images, 2, 0)
            ),
        }
    except Exception:  # the learner may have overwritten W, b or X_test above
        say(
            NOT_YET,
            "the checker needs W, b, X_test and y_test from above; run the cells "
            "above this exercise again.",
        )
        return
    if isinstance(answer, np.ndarray) and answer.ndim == 0:
        answer = answer.item()
    if is_stub(answer):
        say(
            NOT_ATTEMPTED,
            "replace the ... with the accuracy on the test set moved one pixel "
            "down, then run this cell again.",
        )
        return
    if not isinstance(answer, (int, float, np.integer, np.floating)) or isinstance(answer, bool):
        say(
            NOT_YET,
            f"expected one number, the accuracy, got {type(answer).__name__}. "
            "Hint: accuracy(W, b, X_down, y_test) returns it.",
        )
        return
    answer = float(answer)
    # A quarter of a test digit: float32 sums may flip a borderline prediction or two.
    tolerance = 2.5 / len(X)

    def near(value: float) -> bool:
        return abs(answer - value) <= tolerance

    if near(expected) or near(rolled):
        say(
            CORRECT,
            f"{answer:.4f}: one pixel down and the accuracy falls from "
            f"{unshifted:.4f} to {expected:.4f}.",
        )
    elif near(expected * 100) or near(rolled * 100):
        say(
            NOT_YET,
            f"{answer:g} looks like a percentage; give a fraction between 0 and 1, "
            "as accuracy() returns.",
        )
    elif near(1 - expected) or near(1 - rolled):
        say(
            NOT_YET,
            f"{answer:.4f} is the error rate, the fraction of mistakes; give the "
            "fraction of correct predictions.",
        )
    else:
        for what, value in others.items():
            if near(value):
                say(NOT_YET, f"{answer:.4f} is {what}.")
                return
        say(
            NOT_YET,
            f"{answer:.4f} is not the accuracy on the test set moved one pixel down. "
            "Hint: images = X_test.reshape(-1, 28, 28), set each image's rows 1..27 to its rows "
            "0..26 in a zero array, reshape back to (n, 784) and call accuracy.",
        )


# --- 06_watching_training ----------------------------------------------------------------


def check_mean_difference_maps(my_mean_difference_maps: object) -> None:
    """Exercise in 06: column k is the mean image of class k minus the mean image of all X."""
    from helpers.maps import mean_difference_maps

    rng = np.random.default_rng(6)
    # 2 to 11 images per class: with unequal classes the mean of all images differs from
    # the average of the ten class means, so only the right one passes.
    y = rng.permutation(np.repeat(np.arange(10), np.arange(2, 12)))
    X = rng.random((len(y), 784), dtype=np.float32)
    expected = mean_difference_maps(X, y)
    class_means = expected + X.mean(axis=0, dtype=np.float64)[:, None]
    result = attempt(
        my_mean_difference_maps,
        X.copy(),
        y.copy(),
        hint="X[y == k].mean(axis=0) is the mean image of class k.",
    )
    if result is None:
        return
    got = as_numbers(result)
    if got is None:
        say(NOT_YET, f"expected an array of shape (784, 10), got {type(result).__name__}.")
    elif got.shape == (10, 784):
        say(
            NOT_YET,
            "got shape (10, 784), one row per class; W has one column per class, so return "
            "shape (784, 10), e.g. with np.stack(columns, axis=1) or .T.",
        )
    elif got.shape != (784, 10):
        say(NOT_YET, f"expected shape (784, 10), one column per digit, got shape {got.shape}.")
    elif np.allclose(got, class_means, atol=1e-5):
        say(
            NOT_YET,
            "those are the mean images of the classes; subtract the mean image of all rows, "
            "X.mean(axis=0), from each of them.",
        )
    elif np.allclose(got, class_means - class_means.mean(axis=1, keepdims=True), atol=1e-5):
        say(
            NOT_YET,
            "you subtracted the average of the ten class means; subtract the mean of all rows, "
            "X.mean(axis=0), instead: the classes differ in size, so the two are not equal.",
        )
    elif np.allclose(got, -expected, atol=1e-5):
        say(NOT_YET, "the signs are flipped: class mean minus overall mean, not the reverse.")
    elif not np.allclose(got, expected, atol=1e-5):
        digit = int(np.abs(got - expected).max(axis=0).argmax())
        say(
            NOT_YET,
            f"column {digit} (digit {digit}) differs from the mean image of the rows labelled "
            f"{digit} minus the mean image of all rows.",
        )
    else:
        say(CORRECT, "each column is a class's mean image minus the mean of all images.")


def check_correlation_with_final(my_correlation_with_final: object) -> None:
    """Exercise in 06: entry [i, k] correlates snapshot i's map k with the final map k."""
    from helpers.maps import map_correlations

    rng = np.random.default_rng(60)
    # Maps whose mean is not 0, so a cosine similarity (no centring) does not pass.
    final = rng.normal(0.3, 1.0, size=(784, 10))
    W = np.stack([final + rng.normal(0.2, s, size=final.shape) for s in (3.0, 1.0, 0.4)] + [final])
    expected = map_correlations(W, W[-1])
    result = attempt(
        my_correlation_with_final,
        W.copy(),
        hint="work on one digit k at a time: W_snapshots[i, :, k].",
    )
    if result is None:
        return
    got = as_numbers(result)
    cosine = np.einsum("kpc,pc->kc", W, final) / (
        np.linalg.norm(W, axis=1) * np.linalg.norm(final, axis=0)
    )
    if got is None:
        say(
            NOT_YET,
            f"expected an array of shape (s, 10) for s snapshots, got {type(result).__name__}.",
        )
    elif got.shape == (10, len(W)):
        say(NOT_YET, f"got shape {got.shape}; return one row per snapshot: shape ({len(W)}, 10).")
    elif got.shape == (len(W),):
        say(
            NOT_YET,
            "got one number per snapshot; compute one per digit, correlating column k with "
            "column k of the final map: shape (s, 10) for s snapshots.",
        )
    elif got.shape != expected.shape:
        say(NOT_YET, f"expected shape {expected.shape}, one row per snapshot, got {got.shape}.")
    elif np.allclose(got, cosine, atol=1e-6):
        say(
            NOT_YET,
            "that is the cosine similarity; a correlation first subtracts each map's own mean "
            "(np.corrcoef(a, b)[0, 1] does both).",
        )
    elif not np.allclose(got, expected, atol=1e-6):
        i, k = np.unravel_index(np.abs(got - expected).argmax(), got.shape)
        say(
            NOT_YET,
            f"entry [{i}, {k}] should be {expected[i, k]:.4f}, the correlation of snapshot {i}'s "
            f"map for digit {k} with the last snapshot's, got {got[i, k]:.4f}.",
        )
    else:
        say(CORRECT, "each entry correlates one snapshot's map with the final map of its digit.")


def check_settling_steps(my_settling_steps: object) -> None:
    """Exercise in 06: the first step from which each digit's correlation stays >= threshold."""
    from helpers.maps import settling_steps

    steps = np.array([1, 2, 5, 10, 20, 50, 100])
    rng = np.random.default_rng(61)
    # Each digit rises to 1 and crosses 0.9 at its own snapshot; digit 0 crosses at step 5,
    # dips below at step 10 and recovers at 20, so "first crossing" is not the answer.
    cross = np.array([2, 0, 1, 3, 4, 5, 6, 2, 3, 1])
    rise = np.linspace(0, 1, len(steps))[:, None]
    corr = np.where(np.arange(len(steps))[:, None] >= cross, 0.92, 0.5) + 0.07 * rise
    corr += rng.uniform(0, 0.005, size=corr.shape)
    corr[3, 0] = 0.8
    corr[-1] = 1.0
    expected = settling_steps(corr, steps, 0.9)
    result = attempt(
        my_settling_steps,
        corr.copy(),
        steps.copy(),
        0.9,
        hint="(correlations >= threshold) is an (s, 10) array of booleans.",
    )
    if result is None:
        return
    got = as_numbers(result)
    first_crossing = steps[np.argmax(corr >= 0.9, axis=0)]
    positions = np.searchsorted(steps, expected)
    if got is None or got.shape != (10,):
        what = type(result).__name__ if got is None else f"shape {got.shape}"
        say(NOT_YET, f"expected 10 step numbers, one per digit, got {what}.")
    elif np.array_equal(got, first_crossing):
        say(
            NOT_YET,
            "that is the first step at or above the threshold; digit 0 crosses at step 5 but "
            "dips back below at step 10. Find the step after the last one below the threshold.",
        )
    elif np.array_equal(got, positions):
        say(NOT_YET, "those are row positions; return the step numbers: steps[positions].")
    elif not np.array_equal(got, expected):
        digit = int(np.flatnonzero(got != expected)[0])
        say(
            NOT_YET,
            f"digit {digit} should settle at step {expected[digit]} (its correlation stays at "
            f"or above 0.9 from there on), got {got[digit]:g}.",
        )
    else:
        say(CORRECT, "each digit's settling step is where it reaches the threshold for good.")


# --- end of checkers: every check_* above is exported from helpers -----------------------
__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    *sorted(n for n in dir() if n.startswith("check_")),
]
