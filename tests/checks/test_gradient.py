"""Checkers of 03_deriving_the_gradient: every diagnosis, word for word from the catalog."""

from __future__ import annotations

import numpy as np
import pytest

import helpers
import helpers.model
from helpers import checks, loss_and_gradients
from helpers.checks import gradient as gradient_checks
from helpers.messages import message
from tests.checks.corpus.gradient import decayed, nudges_in_place, shrinks_in_place
from tests.checks.sentences import (
    WRITES_INPUT_LINE,
    feedback,
    line,
    not_finite,
    raised,
    todo,
)
from tests.checks.sentences import stub as stub_line

# Labels with classes of different sizes, so db at zero is not 0 for every class.
LABELS = np.random.default_rng(0).integers(0, 10, size=1000)
SHARE = np.bincount(LABELS, minlength=10) / len(LABELS)


BROADCAST = "operands could not be broadcast together with shapes (3,) (4,)"


def says(key: str, lang: str = "en", **fields: object) -> str:
    """A sentence of the checks.gradient catalog."""
    return message("checks.gradient", key, lang, **fields)


def no(key: str, lead: str = "", **fields: object) -> str:
    """The ❌ line of a checks.gradient sentence, after `lead`."""
    return line("not_yet", lead + says(key, **fields))


def at(lam: float, key: str, **fields: object) -> str:
    """The ❌ line of a weight-decay sentence led by "with lam = ...,"."""
    return no(key, says("decay_lead", lam=lam), **fields)


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def broken(*args):
    raise ValueError(BROADCAST)


def slope(W, b, X, y, j, k, eps=1e-6, *, forward=False):
    """numerical_dW_entry by centred (or forward) differences, on copies of W."""
    W_plus, W_minus = W.copy(), W.copy()
    W_plus[j, k] += eps
    W_minus[j, k] -= 0 if forward else eps
    step = eps if forward else 2 * eps
    return (loss_and_gradients(W_plus, b, X, y)[0] - loss_and_gradients(W_minus, b, X, y)[0]) / step


@pytest.mark.parametrize(
    ("decayed_gradients", "says_it"),
    [
        (stub, stub_line()),
        (decayed(), line("correct", says("decay_correct"))),
        (broken, raised("ValueError", BROADCAST, says("decay_hint"))),
        (
            lambda W, b, X, y, lam: "dW",
            line(
                "not_yet",
                feedback("not_a_pair", names="(dW, db)", kind="str", returned="dW, db"),
            ),
        ),
        (decayed(dW=lambda g, W, lam: g), at(0.3, "decay_l_alone")),
        (decayed(dW=lambda g, W, lam: g + 2 * lam * W), at(0.3, "decay_twice")),
        (decayed(dW=lambda g, W, lam: g + lam / 2 * W), at(0.3, "decay_half")),
        (decayed(dW=lambda g, W, lam: g - lam * W), at(0.3, "decay_sign")),
        (decayed(dW=lambda g, W, lam: g + lam / 2 * W**2), at(0.3, "decay_penalty_itself")),
        (decayed(dW=lambda g, W, lam: g + lam * np.sign(W)), at(0.3, "decay_l1")),
        (decayed(dW=lambda g, W, lam: lam * W), at(0.3, "decay_slope_alone")),
        (decayed(dW=lambda g, W, lam: (g + lam * W).T), no("dw_transposed")),
        (decayed(db=lambda g, b, lam: g + lam * b), at(0.3, "db_decayed")),
        (decayed(db=lambda g, b, lam: g[None]), no("db_shape", lam=0.3, shape=(1, 10))),
        # a fixed strength, not the argument
        (decayed(dW=lambda g, W, lam: g + 0.3 * W), at(0.02, "dw_wrong")),
        (decayed(db=lambda g, b, lam: 2 * g), at(0.3, "db_wrong")),
    ],
)
def test_decayed_gradients_says(said, decayed_gradients, says_it):
    assert said(checks.decayed_gradients, decayed_gradients) == says_it


def test_decayed_gradients_refuses_an_answer_that_writes_into_W(said):
    # shrinks_in_place: W *= 1 - lam, which in a training loop would shrink W twice per step.
    assert said(checks.decayed_gradients, shrinks_in_place) == WRITES_INPUT_LINE


DB_RIGHT = line("correct", says("db_at_zero_correct"))


@pytest.mark.parametrize(
    ("db_at_zero", "says_it"),
    [
        (..., todo(says("db_todo"))),
        (None, todo(says("db_todo"))),
        (0.1 - SHARE, DB_RIGHT),
        ((0.1 - SHARE).astype(np.float32), DB_RIGHT),
        (list(0.1 - SHARE), DB_RIGHT),
        (SHARE - 0.1, no("db_flipped")),
        (SHARE, no("db_mean_of_y")),
        (len(LABELS) * (0.1 - SHARE), no("db_sums")),
        (0.1 * len(LABELS) - 1000 * SHARE, no("db_sums")),
        (np.zeros((len(LABELS), 10)), no("db_per_image", n=1000)),
        (np.zeros(5), no("db_one_per_class", shape=(5,))),
        ("abc", line("not_yet", feedback("expected_got", expected=says("db_expected"), got="str"))),
        (0.1 - SHARE + 0.01, no("db_at_zero_wrong")),
    ],
)
def test_bias_gradient_at_zero_says(said, db_at_zero, says_it):
    assert said(checks.bias_gradient_at_zero, db_at_zero, LABELS) == says_it


@pytest.mark.parametrize(
    "labels", [None, np.zeros((2, 2)), np.array([]), np.array([1, 11]), "abc", [-1, 2]]
)
def test_bias_gradient_at_zero_needs_the_labels(said, labels):
    assert said(checks.bias_gradient_at_zero, 0.1 - SHARE, labels) == no("labels_needed")


RIGHT_SLOPE = line("correct", says("slope_correct"))
WHERE = "W[363, 2]"


def off(got: float, key: str = "", **fields: object) -> str:
    """The ❌ line for a slope at W[363, 2], eps = 1.0 that came out as `got`."""
    lead = says("slope_lead", where=WHERE, eps=1.0, value=got, expected=-0.0757421)
    return line("not_yet", lead + (says(key, **fields) if key else says("nudge")))


@pytest.mark.parametrize(
    ("numerical_dW_entry", "says_it"),
    [
        (stub, stub_line()),
        (slope, RIGHT_SLOPE),
        (lambda *args: np.float32(slope(*args)), RIGHT_SLOPE),
        (lambda *args: [slope(*args)], RIGHT_SLOPE),
        (broken, raised("ValueError", BROADCAST, says("nudge_copy_hint"))),
        (
            lambda W, b, X, y, i: 0.0,
            raised(
                "TypeError",
                "<lambda>() takes 5 positional arguments but 7 were given",
                says("signature_hint"),
            ),
        ),
        (lambda *args: slope(*args, forward=True), off(-0.0677346, "one_sided_forward")),
        (
            lambda W, b, X, y, j, k, eps: slope(W, b, X, y, j, k),
            off(-0.0772381, "other_step", step=1e-06, nudge=says("nudge")),
        ),
        (lambda *args: slope(*args) + 0.01, off(-0.0657421)),
        (nudges_in_place, no("changed_w")),
        (
            lambda *args: np.array([slope(*args), 1.0]),
            no("not_one_slope", where=WHERE, got=says("array_of_shape", shape=(2,))),
        ),
    ],
)
def test_numerical_dW_entry_says(said, numerical_dW_entry, says_it):
    assert said(checks.numerical_dW_entry, numerical_dW_entry) == says_it


@pytest.mark.parametrize("nan", [float("nan"), np.float32("nan"), np.array(np.nan)])
def test_numerical_dW_entry_refuses_a_function_that_returns_nan(said, nan):
    """Was a false pass: NaN is close to no known mistake and was then called correct."""
    assert said(checks.numerical_dW_entry, lambda *args: nan) == not_finite(
        "nan", says("slope_what", where=WHERE), says("nudge")
    )


def test_numerical_dW_entry_refuses_infinity(said):
    assert said(checks.numerical_dW_entry, lambda *args: -np.inf) == not_finite(
        "-inf", says("slope_what", where=WHERE), says("nudge")
    )


ANALYTIC_LINE = no("analytic", where=WHERE, nudge=says("nudge"))


def analytic(W, b, X, y, j, k, eps=1e-6):
    """Skips the point of the exercise: reads the slope off the analytic gradient."""
    return loss_and_gradients(W, b, X, y)[1][j, k]


def analytic_unpacked(W, b, X, y, j, k, eps=1e-6):
    _, dW, _ = loss_and_gradients(W=W, b=b, X=X, y=y)
    return dW[j, k]


@pytest.mark.parametrize("numerical_dW_entry", [analytic, analytic_unpacked])
def test_numerical_dW_entry_refuses_the_analytic_gradient(said, numerical_dW_entry):
    """Was a false pass: the analytic dW[j, k] equals the centred difference to 6 digits."""
    assert said(checks.numerical_dW_entry, numerical_dW_entry) == ANALYTIC_LINE


def test_numerical_dW_entry_puts_loss_and_gradients_back(said):
    said(checks.numerical_dW_entry, analytic)
    said(checks.numerical_dW_entry, broken)
    assert globals()["loss_and_gradients"] is helpers.loss_and_gradients
    assert helpers.model.loss_and_gradients is helpers.loss_and_gradients
    assert gradient_checks.loss_and_gradients is helpers.loss_and_gradients


def test_numerical_dW_entry_names_the_analytic_gradient_however_it_is_reached(said):
    """Were false passes: only the global name loss_and_gradients was watched (issue 17)."""

    def through_the_model_module(W, b, X, y, j, k, eps=1e-6):
        import helpers.model as model

        return model.loss_and_gradients(W, b, X, y)[1][j, k]

    assert said(checks.numerical_dW_entry, through_the_model_module) == ANALYTIC_LINE


def test_gradient_checkers_speak_the_kernels_language(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    assert said(checks.bias_gradient_at_zero, SHARE - 0.1, LABELS) == line(
        "not_yet", says("db_flipped", "zh"), "zh"
    )
    lead = says("decay_lead", "zh", lam=0.3)
    assert said(checks.decayed_gradients, decayed(dW=lambda g, W, lam: g)) == line(
        "not_yet", lead + says("decay_l_alone", "zh"), "zh"
    )
    assert said(checks.numerical_dW_entry, analytic) == line(
        "not_yet", says("analytic", "zh", where=WHERE, nudge=says("nudge", "zh")), "zh"
    )
