"""softmax, the loss and its gradients, predict and accuracy, and their input checks."""

from __future__ import annotations

import importlib
import inspect
import math
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

from helpers import (
    accuracy,
    cross_entropy,
    gradient_check,
    log_softmax,
    loss_and_gradients,
    numerical_gradient,
    predict,
    relative_error,
    scores,
    softmax,
)
from helpers.messages import message
from tests.test_inputs import is_sentence, matrix

rng = np.random.default_rng(0)


def small_problem(n=16, dtype=np.float64):
    X = rng.random((n, 784)).astype(dtype)
    y = rng.integers(0, 10, n)
    W = rng.normal(0, 0.01, (784, 10)).astype(dtype)
    b = rng.normal(0, 0.01, 10).astype(dtype)
    return W, b, X, y


def test_softmax_rows_sum_to_one_for_huge_logits():
    Z = np.array([[1000.0, -1000.0, 0.0], [-1000.0, -1000.0, -1000.0], [1000.0, 1000.0, 999.0]])
    P = softmax(Z)
    assert np.isfinite(P).all()
    np.testing.assert_allclose(P.sum(axis=1), 1.0)
    np.testing.assert_allclose(P[0], [1, 0, 0])
    np.testing.assert_allclose(P[1], [1 / 3] * 3)


def test_softmax_matches_the_definition_on_small_logits():
    Z = rng.normal(size=(5, 10))
    np.testing.assert_allclose(softmax(Z), np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True))
    np.testing.assert_allclose(softmax(Z[0]), softmax(Z)[0])


def test_untrained_model_loss_is_ln_10(mnist):
    W, b = np.zeros((784, 10), np.float32), np.zeros(10, np.float32)
    loss, _, _ = loss_and_gradients(W, b, mnist.X_train[:100], mnist.y_train[:100])
    assert loss == pytest.approx(math.log(10), rel=1e-6)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradients_match_centred_differences_in_float64(seed):
    local = np.random.default_rng(seed)
    X = local.random((8, 784))
    y = local.integers(0, 10, 8)
    W, b = local.normal(0, 0.05, (784, 10)), local.normal(0, 0.05, 10)
    err_W, err_b = gradient_check(W, b, X, y)
    assert err_W < 1e-6 and err_b < 1e-6


def test_gradient_check_notices_a_wrong_gradient():
    W, b, X, y = small_problem(4)
    _, dW, _ = loss_and_gradients(W, b, X, y)
    numeric = numerical_gradient(lambda: loss_and_gradients(W, b, X, y)[0], W)
    assert relative_error(dW, numeric) < 1e-6
    assert relative_error(dW.T.reshape(784, 10), numeric) > 0.1  # a transposed gradient fails


def test_loss_is_mean_cross_entropy_of_softmax():
    W, b, X, y = small_problem()
    loss, _, db = loss_and_gradients(W, b, X, y)
    P = softmax(X @ W + b)
    assert loss == pytest.approx(cross_entropy(P, y))
    Y = np.eye(10)[y]
    np.testing.assert_allclose(db, (P - Y).mean(axis=0))


def test_float32_stays_float32():
    W, b, X, y = small_problem(dtype=np.float32)
    _, dW, db = loss_and_gradients(W, b, X, y)
    assert dW.dtype == np.float32 and db.dtype == np.float32


def test_predict_and_accuracy():
    W = np.zeros((784, 10))
    b = np.arange(10, dtype=float)  # class 9 always has the highest score
    X = rng.random((6, 784))
    assert predict(W, b, X).tolist() == [9] * 6
    assert accuracy(W, b, X, np.array([9, 9, 9, 0, 1, 2])) == 0.5


INPUTS, MODEL = "helpers._inputs", "helpers.model"


@pytest.mark.parametrize(
    ("call", "domain", "key"),
    [
        (lambda W, b, X, y: loss_and_gradients(W.T, b, X, y), INPUTS, "weights_transposed"),
        (lambda W, b, X, y: loss_and_gradients(W, b[:9], X, y), INPUTS, "bias_shape"),
        (
            lambda W, b, X, y: loss_and_gradients(W, b, X[:, :700], y),
            INPUTS,
            "wrong_columns_flatten",
        ),
        (
            lambda W, b, X, y: loss_and_gradients(W, b, X.reshape(-1, 28, 28), y),
            INPUTS,
            "not_numeric",
        ),
        (lambda W, b, X, y: loss_and_gradients(W, b, X, y + 10), INPUTS, "labels_range"),
        (lambda W, b, X, y: loss_and_gradients(W, b, X, y[:-1]), INPUTS, "labels_count"),
        (lambda W, b, X, y: loss_and_gradients(W, b, X, y.astype(float)), INPUTS, "labels_type"),
        (lambda W, b, X, y: loss_and_gradients(W * np.nan, b, X, y), INPUTS, "weights_not_finite"),
        (lambda W, b, X, y: predict(W, b, np.full_like(X, np.inf)), INPUTS, "not_finite"),
        (lambda W, b, X, y: softmax([1.0, 2.0]), INPUTS, "not_numeric"),
        (lambda W, b, X, y: softmax(np.array([np.nan, 1.0])), INPUTS, "not_finite"),
        (lambda W, b, X, y: cross_entropy(np.ones((3, 10)), y[:3]), MODEL, "not_probabilities"),
        (lambda W, b, X, y: relative_error(W, b), MODEL, "shapes_differ"),
    ],
)
def test_bad_input_is_refused_with_a_sentence(call, domain, key):
    W, b, X, y = small_problem(4)
    with pytest.raises(ValueError) as err:
        call(W, b, X, y)
    text = str(err.value)
    assert is_sentence(text, domain, key), text
    assert text.startswith("Expected") and text.endswith(".")


def test_a_refusal_of_the_model_is_said_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as err:
        relative_error(np.zeros(3), np.zeros(4))
    assert str(err.value) == message(MODEL, "shapes_differ", "zh", a="(3,)", b="(4,)")
    assert str(err.value) == "两个数组的形状应相同，实际为 (3,) 和 (4,)。"


def test_log_softmax_is_stable_where_log_of_softmax_is_not():
    Z = np.array([[0.0, -1000.0]])
    np.testing.assert_allclose(log_softmax(Z), [[0.0, -1000.0]])
    with np.errstate(divide="ignore"):
        assert np.isneginf(np.log(softmax(Z))[0, 1])  # the naive route loses it
    with pytest.raises(ValueError) as err:
        log_softmax(np.array([np.inf, 0.0]))
    assert str(err.value) == message(INPUTS, "not_finite", "en", name="Z")


# --- learner mistakes: each gets one sentence of ours, or a correct result ----------------


@pytest.mark.parametrize("function", [loss_and_gradients, accuracy, predict, scores])
def test_pixels_from_0_to_255_are_refused_with_the_remedy(function, mnist):
    W, b = np.zeros((784, 10), np.float32), np.zeros(10, np.float32)
    X_bytes, y = mnist.X_train[:64] * 255, mnist.y_train[:64]
    args = (W, b, X_bytes, y) if function in (loss_and_gradients, accuracy) else (W, b, X_bytes)
    with pytest.raises(ValueError) as err:
        function(*args)
    assert str(err.value) == message(INPUTS, "pixels_raw_bytes", "en", name="X", high=255)


def test_numerical_gradient_nudges_a_transposed_array_itself():
    # W.T (and scikit-learn's coef_.T) is Fortran-ordered: reshape(-1) copied it, so the
    # nudges never reached f and every slope came out 0.
    local = np.random.default_rng(5)
    W_T = local.normal(0, 0.05, (10, 784)).T
    b, X, y = local.normal(0, 0.05, 10), local.random((3, 784)), np.array([1, 7, 3])
    assert not W_T.flags.c_contiguous
    numeric = numerical_gradient(lambda: loss_and_gradients(W_T, b, X, y)[0], W_T)
    _, dW, _ = loss_and_gradients(W_T, b, X, y)
    assert relative_error(dW, numeric) < 1e-7


def test_numerical_gradient_of_a_non_contiguous_view():
    x = np.arange(12.0).reshape(3, 4)[:, ::2]  # every other column: neither C nor F order
    weights = np.array([[1.0, -2.0], [3.0, 0.5], [-1.0, 4.0]])
    numeric = numerical_gradient(lambda: float((weights * x**2).sum()), x)
    np.testing.assert_allclose(numeric, 2 * weights * x, rtol=1e-6)


def test_numerical_gradient_puts_x_back_when_f_fails():
    x, calls = np.zeros(3), []

    def f():
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("a learner's bug")
        return float(x.sum())

    with pytest.raises(RuntimeError):
        numerical_gradient(f, x)
    assert not x.any()


@pytest.mark.parametrize(
    ("call", "domain", "key"),
    [
        (lambda W, b, X, y: gradient_check(W, b, X, y, eps=0), INPUTS, "not_positive"),
        (lambda W, b, X, y: numerical_gradient(lambda: 1.0, b, eps=-1e-6), INPUTS, "not_positive"),
        (lambda W, b, X, y: numerical_gradient(lambda: 1.0, b, eps="1e-6"), INPUTS, "not_positive"),
        (lambda W, b, X, y: numerical_gradient(1.0, b), MODEL, "f_not_callable"),
        (
            lambda W, b, X, y: numerical_gradient(lambda: loss_and_gradients(W, b, X, y), b),
            MODEL,
            "loss_is_tuple",
        ),
        (lambda W, b, X, y: numerical_gradient(lambda: 1.0, b.astype("f4")), INPUTS, "not_float64"),
        (lambda W, b, X, y: numerical_gradient(lambda: 1.0, [0.0, 1.0]), INPUTS, "not_numeric"),
        (lambda W, b, X, y: loss_and_gradients(W, b, matrix(X), y), INPUTS, "np_matrix"),
        (lambda W, b, X, y: accuracy(W, b, matrix(X), y), INPUTS, "np_matrix"),
        (lambda W, b, X, y: loss_and_gradients(matrix(W), b, X, y), INPUTS, "np_matrix"),
        (lambda W, b, X, y: predict(W.T.copy(), b, X), INPUTS, "weights_transposed"),
        (lambda W, b, X, y: scores(np.full_like(W, 1e306), b, X), MODEL, "scores_overflow"),
        (lambda W, b, X, y: relative_error("dW", W), INPUTS, "not_numeric"),
    ],
)
def test_learner_mistakes_get_one_sentence_and_no_warning(call, domain, key):
    W, b, X, y = small_problem(4)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a numpy RuntimeWarning would fail the test
        with pytest.raises(ValueError) as err:
            call(W, b, X, y)
    text = str(err.value)
    assert is_sentence(text, domain, key), text
    assert text.startswith("Expected") and text.endswith(".") and "\n" not in text


def test_a_tuple_returned_by_f_is_named_with_its_length():
    W, b, X, y = small_problem(4)
    with pytest.raises(ValueError) as err:
        numerical_gradient(lambda: loss_and_gradients(W, b, X, y), b)
    assert str(err.value) == message(MODEL, "loss_is_tuple", "en", count=3)


def test_gradient_check_takes_any_finite_X_not_only_pixels():
    local = np.random.default_rng(3)
    W, b = local.normal(0, 0.05, (784, 10)), local.normal(0, 0.05, 10)
    X, y = local.normal(0, 3, (4, 784)), np.array([0, 9, 4, 4])
    assert max(gradient_check(W, b, X, y)) < 1e-6


# --- every public function names the notebook that teaches it ----------------------------

NOTEBOOKS = {path.stem for path in (Path(__file__).parent.parent / "notebooks").glob("*.ipynb")}


def public_functions():
    for module in ("model", "training", "history", "data", "environment"):
        loaded = importlib.import_module(f"helpers.{module}")
        for name, item in vars(loaded).items():
            if (inspect.isfunction(item) or inspect.isclass(item)) and not name.startswith("_"):
                if item.__module__ == loaded.__name__:
                    yield pytest.param(item, id=f"{module}.{name}")


@pytest.mark.parametrize("item", list(public_functions()))
def test_every_public_helper_names_the_notebook_that_teaches_it(item):
    # "Used by" is for plumbing no notebook shows (matplotlib's cache, the error subclasses).
    doc = inspect.getdoc(item) or ""
    taught = re.search(r"Taught in (\d\d_\w+)", doc)
    assert (taught and taught[1] in NOTEBOOKS) or "Used by" in doc, item.__qualname__
    named = set(re.findall(r"\b(\d\d_[a-z_]+[a-z])\b", doc))
    assert named <= NOTEBOOKS, f"{item.__qualname__} names {named - NOTEBOOKS}"
