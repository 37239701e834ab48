"""Checkers of 02_softmax_model: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError("operands could not be broadcast together with shapes (3,) (4,)")


def written(Z):
    """A learner's own softmax, as the solution writes it."""
    E = np.exp(Z - Z.max(axis=1, keepdims=True))
    return E / E.sum(axis=1, keepdims=True)


def exps(Z, shift):
    """exp(Z - shift) for every entry, and each row's sum."""
    E = np.exp(Z - shift)
    return E, E.sum(axis=1, keepdims=True)


def cross_entropy(P, y):
    return -np.log(P[np.arange(len(y)), y]).mean()


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            "⏳ Not attempted yet: replace the ... with the number of parameters of the model, "
            "then run this cell again.",
        ),
        (7850, "✅ Correct: 7850 is the number of parameters of the model."),
        (np.int64(7850), "✅ Correct: 7850 is the number of parameters of the model."),
        (7850.0, "✅ Correct: 7850.0 is the number of parameters of the model."),
        (7840, "❌ Not yet: 7840: that counts W only; b adds one bias per class."),
        (7840.0, "❌ Not yet: 7840.0: that counts W only; b adds one bias per class."),
        (794, "❌ Not yet: 794: W is a 784 x 10 table: multiply, do not add."),
        (np.int64(794), "❌ Not yet: 794: W is a 784 x 10 table: multiply, do not add."),
        (
            784,
            "❌ Not yet: 784: that is one class's weights; W has a column of 784 for each of the "
            "10 classes.",
        ),
        (
            100,
            "❌ Not yet: 100 is not the number of parameters of the model. Hint: count the "
            "entries of W (784 x 10) and of b (10); W.size + b.size does it.",
        ),
        (
            "7850",
            "❌ Not yet: expected a number for the number of parameters of the model, got str.",
        ),
        (
            True,
            "❌ Not yet: expected a number for the number of parameters of the model, got bool.",
        ),
        (
            np.array(7850),
            "❌ Not yet: expected a number for the number of parameters of the model, got ndarray.",
        ),
    ],
)
def test_parameter_count_says(said, answer, line):
    assert said(checks.parameter_count, answer) == line


@pytest.mark.parametrize(
    ("my_softmax", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            written,
            "✅ Correct: my_softmax matches helpers.softmax, and stays finite for scores of "
            "+-1000.",
        ),
        (
            lambda Z: written(Z).astype(np.float32),
            "✅ Correct: my_softmax matches helpers.softmax, and stays finite for scores of "
            "+-1000.",
        ),
        (
            lambda Z: written(Z).tolist(),
            "✅ Correct: my_softmax matches helpers.softmax, and stays finite for scores of "
            "+-1000.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,) (for ordinary scores of shape (6, 10)). Hint: "
            "Z.max(axis=1, keepdims=True) has shape (n, 1), which broadcasts against (n, 10).",
        ),
        (
            lambda Z: {}[0],
            "❌ Not yet: your function raised KeyError: 0 (for ordinary scores of shape (6, 10)). "
            "Hint: compute the whole array at once: np.exp(Z - Z.max(axis=1, keepdims=True)).",
        ),
        (
            lambda Z: np.exp(Z - Z.max(axis=1)),
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (6,10) (6,) (for ordinary scores of shape (6, 10)). Hint: "
            "Z.max(axis=1, keepdims=True) has shape (n, 1), which broadcasts against (n, 10).",
        ),
        (
            lambda Z: np.divide(*exps(Z, 0)),
            "❌ Not yet: for scores of +-1000 my_softmax returned NaN or inf: exp overflowed or "
            "every term underflowed to 0. Subtract each row's own maximum before np.exp: Z - "
            "Z.max(axis=1, keepdims=True).",
        ),
        (
            lambda Z: np.divide(*exps(Z, Z.max())),
            "❌ Not yet: for scores of +-1000 my_softmax returned NaN or inf: exp overflowed or "
            "every term underflowed to 0. Subtract each row's own maximum before np.exp: Z - "
            "Z.max(axis=1, keepdims=True).",
        ),
        (
            lambda Z: exps(Z, Z.max(axis=1, keepdims=True))[0] * np.nan,
            "❌ Not yet: for ordinary scores my_softmax returned NaN or inf: check the formula: p "
            "= exp(z) / sum(exp(z)) in each row.",
        ),
        (
            lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0),
            "❌ Not yet: for ordinary scores my_softmax returned columns that sum to 1 instead of "
            "rows: divide by E.sum(axis=1, keepdims=True).",
        ),
        (
            lambda Z: np.exp(Z) / np.exp(Z).sum(),
            "❌ Not yet: for ordinary scores my_softmax returned rows that do not sum to 1. Hint: "
            "divide each row by its own sum: E.sum(axis=1, keepdims=True).",
        ),
        (
            lambda Z: written(2 * Z),
            "❌ Not yet: for ordinary scores my_softmax returned rows that sum to 1 but differ "
            "from softmax, e.g. entry [0, 0] is 0.0015, expected 0.0261. Hint: p = exp(z - max) "
            "/ sum.",
        ),
        (
            lambda Z: written(Z).T,
            "❌ Not yet: for ordinary scores of shape (6, 10) expected probabilities of the same "
            "shape, got shape (10, 6). Hint: keep the row axis with keepdims=True when you take "
            "max and sum.",
        ),
        (
            lambda Z: written(Z)[0],
            "❌ Not yet: for ordinary scores of shape (6, 10) expected probabilities of the same "
            "shape, got shape (10,). Hint: keep the row axis with keepdims=True when you take max "
            "and sum.",
        ),
        (
            lambda Z: "abc",
            "❌ Not yet: for ordinary scores of shape (6, 10) expected probabilities of the same "
            "shape, got str. Hint: keep the row axis with keepdims=True when you take max and sum.",
        ),
    ],
)
def test_stable_softmax_says(said, my_softmax, line):
    assert said(checks.stable_softmax, my_softmax) == line


@pytest.mark.parametrize(
    ("mean_cross_entropy", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            cross_entropy,
            "✅ Correct: mean_cross_entropy gives the mean of -ln p[i, y_i]; untrained: ln 10 = "
            "2.303.",
        ),
        (
            lambda P, y: np.float32(cross_entropy(P, y)),
            "✅ Correct: mean_cross_entropy gives the mean of -ln p[i, y_i]; untrained: ln 10 = "
            "2.303.",
        ),
        (
            lambda P, y: cross_entropy(P, y) * (1 + 5e-7),
            "✅ Correct: mean_cross_entropy gives the mean of -ln p[i, y_i]; untrained: ln 10 = "
            "2.303.",
        ),
        (
            broken,
            "❌ Not yet: your function raised ValueError: operands could not be broadcast "
            "together with shapes (3,) (4,) (for P of shape (5, 10)). Hint: P[np.arange(len(y)), "
            "y] picks the probability of the true class in each row.",
        ),
        (
            lambda P, y: -cross_entropy(P, y),
            "❌ Not yet: for a random model got -2.8611: the sign is wrong: ln p is negative, so "
            "the loss is -ln p.",
        ),
        (
            lambda P, y: len(y) * cross_entropy(P, y),
            "❌ Not yet: for a random model got 14.3054: that is the sum over the rows; take the "
            "mean.",
        ),
        (
            lambda P, y: cross_entropy(P, y) / np.log(10),
            "❌ Not yet: for a random model got 1.2426: that uses log10; the loss uses the "
            "natural log, np.log.",
        ),
        (
            lambda P, y: cross_entropy(P, y) / np.log(2),
            "❌ Not yet: for a random model got 4.1277: that uses log2; the loss uses the natural "
            "log, np.log.",
        ),
        (
            lambda P, y: -np.log(P[:, y]).mean(),
            "❌ Not yet: for a random model got 3.3493: P[:, y] picks whole columns; "
            "P[np.arange(len(y)), y] picks one entry per row.",
        ),
        (
            lambda P, y: -np.log(P[np.arange(len(y)), y]),
            "❌ Not yet: expected a single number, got shape (5,). Hint: one loss per image; "
            "return their mean, a single number.",
        ),
        (
            lambda P, y: -np.log(P[:, y]),
            "❌ Not yet: expected a single number, got shape (5, 5). Hint: P[:, y] picks whole "
            "columns; P[np.arange(len(y)), y] picks one entry per row.",
        ),
        (
            lambda P, y: [cross_entropy(P, y)],
            "❌ Not yet: expected a single number, got shape (1,). Hint: return one number: the "
            "mean over the rows.",
        ),
        (
            lambda P, y: "abc",
            "❌ Not yet: expected a single number, got str. Hint: return one number: the mean "
            "over the rows.",
        ),
        (
            lambda P, y: cross_entropy(P, y) + 0.1,
            "❌ Not yet: for a random model expected 2.8611, got 2.9611. Hint: take -ln of the "
            "probability of the true class in each row, then the mean.",
        ),
        (
            lambda P, y: np.log(10),
            "❌ Not yet: for a random model expected 2.8611, got 2.3026. Hint: take -ln of the "
            "probability of the true class in each row, then the mean.",
        ),
        (
            lambda P, y: True,
            "❌ Not yet: for a random model expected 2.8611, got 1.0000. Hint: take -ln of the "
            "probability of the true class in each row, then the mean.",
        ),
    ],
)
def test_cross_entropy_says(said, mean_cross_entropy, line):
    assert said(checks.cross_entropy, mean_cross_entropy) == line


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan")])
def test_parameter_count_refuses_nan(said, nan):
    """Was a false pass: abs(nan - 7850) > tol is False, so NaN was called correct."""
    assert said(checks.parameter_count, nan) == (
        "❌ Not yet: nan is not a finite number, so it cannot be the number of parameters of the "
        "model. Hint: count the entries of W (784 x 10) and of b (10); W.size + b.size does it."
    )


@pytest.mark.parametrize("nan", [float("nan"), np.float32("nan"), np.array(np.nan)])
def test_cross_entropy_refuses_a_function_that_returns_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.cross_entropy, lambda P, y: nan) == (
        "❌ Not yet: nan is not a finite number, so it cannot be the loss of a random model. "
        "Hint: take -ln of the probability of the true class in each row, then the mean."
    )


def test_cross_entropy_refuses_infinity(said):
    assert said(checks.cross_entropy, lambda P, y: np.inf) == (
        "❌ Not yet: inf is not a finite number, so it cannot be the loss of a random model. "
        "Hint: take -ln of the probability of the true class in each row, then the mean."
    )


def test_an_overflowing_softmax_prints_no_warning(said, recwarn):
    # A warning would reach stderr in the notebook, and strict nbval compares stderr.
    with np.errstate(all="warn"):
        assert "returned NaN or inf" in said(
            checks.stable_softmax, lambda Z: np.divide(*exps(Z, 0))
        )
    assert not recwarn.list


def shifted_by(shift):
    """A my_softmax that subtracts shift(Z), one value per row, instead of each row's maximum."""

    def my_softmax(Z):
        E, sums = exps(Z, shift(Z))
        return E / sums

    return my_softmax


MIN_LINE = (
    "❌ Not yet: for scores far apart within a row my_softmax returned NaN or inf: subtracting "
    "the row's minimum leaves exponents up to 800, and exp overflows. Subtract each row's own "
    "maximum instead, so that every exponent is at most 0."
)
MEAN_LINE = (
    "❌ Not yet: for scores far apart within a row my_softmax returned NaN or inf: subtracting "
    "the row's mean leaves the largest score far above it in a row like [0, 800, 0, ...], and "
    "exp overflows. Subtract each row's own maximum instead, so that every exponent is at most 0."
)
MEDIAN_LINE = MEAN_LINE.replace("row's mean", "row's median")


@pytest.mark.parametrize(
    ("shift", "line"),
    [
        (lambda Z: Z.min(axis=1, keepdims=True), MIN_LINE),
        (lambda Z: Z.mean(axis=1, keepdims=True), MEAN_LINE),
        (lambda Z: np.median(Z, axis=1, keepdims=True), MEDIAN_LINE),
    ],
    ids=["row minimum", "row mean", "row median"],
)
def test_stable_softmax_refuses_a_shift_other_than_the_row_maximum(said, shift, line):
    """Were false passes: every row of +-1000 plus noise has a small spread, so subtracting the
    row's minimum or mean stayed finite there; on [0, 800, 0, ...] they return NaN."""
    assert said(checks.stable_softmax, shifted_by(shift)) == line


def test_stable_softmax_on_far_apart_scores_names_no_mistake_it_cannot_tell(said):
    def inf_in_the_last_row(Z):
        P = written(Z)
        P[-1, 0] = np.inf if len(Z) == 5 else P[-1, 0]
        return P

    assert said(checks.stable_softmax, inf_in_the_last_row) == (
        "❌ Not yet: for scores far apart within a row my_softmax returned NaN or inf: exp "
        "overflowed. Subtract each row's own maximum instead, so that every exponent is at most 0."
    )


def test_a_shift_by_any_constant_that_keeps_exp_finite_is_right(said):
    # The proof allows any constant per row; halfway between mean and maximum stays finite.
    halfway = shifted_by(
        lambda Z: (Z.max(axis=1, keepdims=True) + Z.mean(axis=1, keepdims=True)) / 2
    )
    assert said(checks.stable_softmax, halfway).startswith("✅ Correct:")
