"""Checkers of 02_softmax_model: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.messages import message


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


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/softmax.py."""
    return message("checks.softmax", key, "en", **fields)


RIGHT_COUNT = "{answer} is " + says("parameters_what") + "."
COUNT_HINT = says("parameters_hint")
NOT_A_NUMBER = f"{NOT_YET} expected a number for {says('parameters_what')}, got {{kind}}."


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            f"{NOT_ATTEMPTED} replace the ... with {says('parameters_what')}, "
            "then run this cell again.",
        ),
        (7850, f"{CORRECT} {RIGHT_COUNT.format(answer=7850)}"),
        (np.int64(7850), f"{CORRECT} {RIGHT_COUNT.format(answer=7850)}"),
        (7850.0, f"{CORRECT} {RIGHT_COUNT.format(answer=7850.0)}"),
        (7840, f"{NOT_YET} 7840: {says('parameters_w_only')}"),
        (7840.0, f"{NOT_YET} 7840.0: {says('parameters_w_only')}"),
        (794, f"{NOT_YET} 794: {says('parameters_added')}"),
        (np.int64(794), f"{NOT_YET} 794: {says('parameters_added')}"),
        (784, f"{NOT_YET} 784: {says('parameters_one_column')}"),
        (
            100,
            f"{NOT_YET} 100 is not {says('parameters_what')}. Hint: {COUNT_HINT}",
        ),
        ("7850", NOT_A_NUMBER.format(kind="str")),
        (True, NOT_A_NUMBER.format(kind="bool")),
        (np.array(7850), NOT_A_NUMBER.format(kind="ndarray")),
    ],
)
def test_parameter_count_says(said, answer, line):
    assert said(checks.parameter_count, answer) == line


def returned(scale: str, wrong: str) -> str:
    """The ❌ line for a my_softmax whose rows are wrong on one kind of scores."""
    return f"{NOT_YET} " + says("softmax_wrong", scale=says(f"scale_{scale}"), wrong=wrong)


def wrong_shape(got: str) -> str:
    """The ❌ line for a my_softmax whose result on the ordinary scores has the wrong shape."""
    scale = says("scale_ordinary")
    return f"{NOT_YET} " + says("softmax_shape", scale=scale, shape=(6, 10), got=got)


ORDINARY = says("softmax_context", scale=says("scale_ordinary"), shape=(6, 10))
SOFTMAX_RIGHT = f"{CORRECT} {says('softmax_correct')}"
OVERFLOWED = says("overflowed", shown=says("shown_nan"), wider="", hidden="")


@pytest.mark.parametrize(
    ("my_softmax", "line"),
    [
        (stub, f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."),
        (written, SOFTMAX_RIGHT),
        (lambda Z: written(Z).astype(np.float32), SOFTMAX_RIGHT),
        (lambda Z: written(Z).tolist(), SOFTMAX_RIGHT),
        (
            broken,
            f"{NOT_YET} your function raised ValueError: operands could not be broadcast "
            f"together with shapes (3,) (4,){ORDINARY}. Hint: {says('broadcast_hint')}",
        ),
        (
            lambda Z: {}[0],
            f"{NOT_YET} your function raised KeyError: 0{ORDINARY}. "
            f"Hint: {says('whole_array_hint')}",
        ),
        (
            lambda Z: np.exp(Z - Z.max(axis=1)),
            f"{NOT_YET} your function raised ValueError: operands could not be broadcast "
            f"together with shapes (6,10) (6,){ORDINARY}. Hint: {says('broadcast_hint')}",
        ),
        (lambda Z: np.divide(*exps(Z, 0)), returned("extreme", OVERFLOWED)),
        (lambda Z: np.divide(*exps(Z, Z.max())), returned("extreme", OVERFLOWED)),
        (
            lambda Z: exps(Z, Z.max(axis=1, keepdims=True))[0] * np.nan,
            returned("ordinary", says("nan_formula")),
        ),
        (
            lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0),
            returned("ordinary", says("columns_sum")),
        ),
        (lambda Z: np.exp(Z) / np.exp(Z).sum(), returned("ordinary", says("rows_not_sum"))),
        (
            lambda Z: written(2 * Z),
            returned("ordinary", says("rows_differ", row=0, got=0.0015, expected=0.0261)),
        ),
        (lambda Z: written(Z).T, wrong_shape("shape (10, 6)")),
        (lambda Z: written(Z)[0], wrong_shape("shape (10,)")),
        (lambda Z: "abc", wrong_shape("str")),
    ],
)
def test_stable_softmax_says(said, my_softmax, line):
    assert said(checks.stable_softmax, my_softmax) == line


RANDOM = says("model_random")
LOSS_RIGHT = f"{CORRECT} {says('loss_correct')}"
LOSS_HINT = says("loss_hint")


def random_model_got(value: float, mistake: str) -> str:
    """The ❌ line for a loss that is a known mistake on the random model."""
    return f"{NOT_YET} " + says("loss_lead", model=RANDOM, value=value) + says(mistake)


def not_single(got: str, hint: str) -> str:
    """The ❌ line for a loss that is not one number."""
    return f"{NOT_YET} " + says("not_single", got=got, hint=says(hint))


def off_by(value: float) -> str:
    """The ❌ line for a loss on the random model that is no known mistake."""
    wrong = says("loss_wrong", model=RANDOM, expected=2.8611, value=value, hint=LOSS_HINT)
    return f"{NOT_YET} {wrong}"


@pytest.mark.parametrize(
    ("mean_cross_entropy", "line"),
    [
        (stub, f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."),
        (cross_entropy, LOSS_RIGHT),
        (lambda P, y: np.float32(cross_entropy(P, y)), LOSS_RIGHT),
        (lambda P, y: cross_entropy(P, y) * (1 + 5e-7), LOSS_RIGHT),
        (
            broken,
            f"{NOT_YET} your function raised ValueError: operands could not be broadcast "
            f"together with shapes (3,) (4,){says('loss_context', shape=(5, 10))}. "
            f"Hint: {says('true_class')}",
        ),
        (lambda P, y: -cross_entropy(P, y), random_model_got(-2.8611, "loss_sign")),
        (lambda P, y: len(y) * cross_entropy(P, y), random_model_got(14.3054, "loss_sum")),
        (lambda P, y: cross_entropy(P, y) / np.log(10), random_model_got(1.2426, "loss_log10")),
        (lambda P, y: cross_entropy(P, y) / np.log(2), random_model_got(4.1277, "loss_log2")),
        (lambda P, y: -np.log(P[:, y]).mean(), random_model_got(3.3493, "pick_hint")),
        (
            lambda P, y: -np.log(P[np.arange(len(y)), y]),
            not_single("shape (5,)", "one_loss_per_image"),
        ),
        (lambda P, y: -np.log(P[:, y]), not_single("shape (5, 5)", "pick_hint")),
        (lambda P, y: [cross_entropy(P, y)], not_single("shape (1,)", "return_one_number")),
        (lambda P, y: "abc", not_single("str", "return_one_number")),
        (lambda P, y: cross_entropy(P, y) + 0.1, off_by(2.9611)),
        (lambda P, y: np.log(10), off_by(2.3026)),
        (lambda P, y: True, off_by(1.0)),
    ],
)
def test_cross_entropy_says(said, mean_cross_entropy, line):
    assert said(checks.cross_entropy, mean_cross_entropy) == line


@pytest.mark.parametrize("nan", [float("nan"), np.float64("nan")])
def test_parameter_count_refuses_nan(said, nan):
    """Was a false pass: abs(nan - 7850) > tol is False, so NaN was called correct."""
    assert said(checks.parameter_count, nan) == (
        f"{NOT_YET} nan is not a finite number, so it cannot be {says('parameters_what')}. "
        f"Hint: {COUNT_HINT}"
    )


def not_finite(value: str) -> str:
    """The ❌ line for a loss on the random model that is NaN or infinite."""
    what = says("loss_what", model=RANDOM)
    return f"{NOT_YET} {value} is not a finite number, so it cannot be {what}. Hint: {LOSS_HINT}"


@pytest.mark.parametrize("nan", [float("nan"), np.float32("nan"), np.array(np.nan)])
def test_cross_entropy_refuses_a_function_that_returns_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.cross_entropy, lambda P, y: nan) == not_finite("nan")


def test_cross_entropy_refuses_infinity(said):
    assert said(checks.cross_entropy, lambda P, y: np.inf) == not_finite("inf")


def test_an_overflowing_softmax_prints_no_warning(said, recwarn):
    # A warning would reach stderr in the notebook, and strict nbval compares stderr.
    with np.errstate(all="warn"):
        assert says("shown_nan") in said(checks.stable_softmax, lambda Z: np.divide(*exps(Z, 0)))
    assert not recwarn.list


def shifted_by(shift):
    """A my_softmax that subtracts shift(Z), one value per row, instead of each row's maximum."""

    def my_softmax(Z):
        E, sums = exps(Z, shift(Z))
        return E / sums

    return my_softmax


def spread(shift: str) -> str:
    """The ❌ line for a shift other than the row maximum, on scores far apart in a row."""
    wrong = says("spread_shift", shown=says("shown_nan"), shift=says(shift))
    return returned("spread", wrong)


MIN_LINE, MEAN_LINE, MEDIAN_LINE = (spread(f"shift_{s}") for s in ("minimum", "mean", "median"))


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

    assert said(checks.stable_softmax, inf_in_the_last_row) == returned(
        "spread", says("spread_overflow", shown=says("shown_nan"))
    )


def test_a_shift_by_any_constant_that_keeps_exp_finite_is_right(said):
    # The proof allows any constant per row; halfway between mean and maximum stays finite.
    halfway = shifted_by(
        lambda Z: (Z.max(axis=1, keepdims=True) + Z.mean(axis=1, keepdims=True)) / 2
    )
    assert said(checks.stable_softmax, halfway).startswith(CORRECT)


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.softmax", key, "zh", **fields)

    line = said(checks.parameter_count, 7840)
    assert line.startswith("❌") and f"7840: {zh('parameters_w_only')}" in line, line
    columns = lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0)  # noqa: E731
    wrong = zh("softmax_wrong", scale=zh("scale_ordinary"), wrong=zh("columns_sum"))
    assert wrong in said(checks.stable_softmax, columns)
    assert zh("loss_sign") in said(checks.cross_entropy, lambda P, y: -cross_entropy(P, y))
    assert says("loss_sign") not in said(checks.cross_entropy, lambda P, y: -cross_entropy(P, y))
