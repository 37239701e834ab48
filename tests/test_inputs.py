"""helpers._inputs: good input passes untouched, and each mistake gets one sentence."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from helpers._inputs import (
    as_array,
    as_bias,
    as_float_matrix,
    as_images,
    as_labels,
    as_parameters,
    as_weights,
    as_whole_numbers,
    as_writable_float64,
    finite_number,
    one_of,
    positive_int,
    positive_number,
    whole_number,
)

rng = np.random.default_rng(0)
IMAGES = rng.random((5, 784)).astype(np.float32)
W = rng.normal(0, 0.01, (784, 10))
b = np.zeros(10)


def matrix(array: np.ndarray) -> np.matrix:
    """array as the np.matrix a learner may meet (scipy's todense()), without numpy's warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.asmatrix(array)


def refused(call, *args, **kwargs) -> str:
    """The message of the ValueError that call raises: one sentence starting with Expected."""
    with pytest.raises(ValueError) as err:
        call(*args, **kwargs)
    text = str(err.value)
    assert text.startswith("Expected") and text.endswith(".") and "\n" not in text, text
    return text


def test_good_arrays_pass_as_they_are_not_as_copies():
    assert as_images(IMAGES) is IMAGES
    assert as_float_matrix(IMAGES) is IMAGES
    assert as_weights(W) is W and as_bias(b) is b
    assert as_parameters(W, b)[0] is W
    assert as_array(W, "W") is W
    assert as_writable_float64(W.T) is not None  # a transposed view is fine where x is nudged
    stack = np.zeros((3, 784, 10))
    assert as_weights(stack, "W_snapshots", stack=True) is stack


def test_integers_become_floats():
    assert as_images(np.ones((2, 784), dtype=np.int64)).dtype == np.float64
    assert as_labels(np.array([1, 2], dtype=np.uint8), 2).dtype == np.int64


@pytest.mark.parametrize(
    ("X", "message"),
    [
        (
            IMAGES * 255,
            "got values up to 25\\d(\\.\\d)?: divide the raw bytes by 255, as load_mnist",
        ),
        ((IMAGES * 255).astype(np.uint8), "divide the raw bytes by 255"),
        ((IMAGES - IMAGES.mean()) / IMAGES.std(), "values down to .*not centred or standardised"),
        (np.clip(IMAGES * 1.05, 0, 1.05), r"up to 1.05: clip them with np.clip\(X, 0, 1\)"),
        (IMAGES[:, :700], r"784 columns \(flatten each 28x28 image"),
        (IMAGES.reshape(5, 28, 28), r"2-D numeric array of shape \(n, 784\)"),
        (IMAGES[:0], "at least one row"),
        (np.where(IMAGES > 0.5, np.nan, IMAGES), "only finite numbers"),
        (matrix(IMAGES), r"got an np.matrix: convert it with np.asarray\(X\)"),
        (IMAGES.tolist(), "got list"),
        (IMAGES > 0.5, "dtype bool"),
    ],
)
def test_as_images_refuses_what_is_not_pixels_from_0_to_1(X, message):
    text = refused(as_images, X)
    assert re.search(message, text), text


def test_pixels_a_rounding_error_outside_0_to_1_pass():
    X = IMAGES.copy()
    X[0, 0], X[0, 1] = 1 + 1e-6, -1e-6
    assert as_images(X) is X


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (W.T, r"Expected W of shape \(784, 10\), one column per class \(transpose it with W.T\)"),
        (W[:, :9], r"Expected W of shape \(784, 10\)"),
        (W.astype(str), r"numeric array of shape \(784, 10\)"),
        (W * np.inf, "Expected finite W, got NaN or infinity, as a training that diverged"),
        (matrix(W), "np.matrix"),
    ],
)
def test_as_weights(value, message):
    text = refused(as_weights, value)
    assert re.search(message, text), text


def test_as_weights_for_a_stack_of_snapshots():
    text = refused(as_weights, np.zeros((784, 10)), "W_snapshots", stack=True)
    assert text.startswith(r"Expected W_snapshots of shape (k, 784, 10)")


def test_as_bias_and_as_labels():
    assert "Expected b of shape (10,), one bias per class" in refused(as_bias, np.zeros(9))
    assert "Expected finite b" in refused(as_bias, np.full(10, np.nan))
    assert "labels 0 to 9, got values from 0 to 10" in refused(as_labels, np.array([0, 10]), 2)
    assert "one per row" in refused(as_labels, np.array([0, 1]), 3)
    assert "1-D integer array of 2 labels" in refused(as_labels, np.array([0.0, 1.0]), 2)


def test_as_array_checks_axes_and_finiteness():
    assert "1-D or 2-D array of scores" in refused(
        as_array, np.zeros((2, 2, 2)), "Z", what="scores"
    )
    assert "only finite numbers" in refused(as_array, np.array([np.inf]), "Z")
    assert "at least one number" in refused(as_array, np.zeros(0), "Z")
    assert as_array(np.zeros((1, 1, 1, 1)), "a", ndim=None).shape == (1, 1, 1, 1)


def test_as_writable_float64():
    assert "float64 array (float32 is too coarse" in refused(as_writable_float64, W.astype("f4"))
    frozen = W.copy()
    frozen.flags.writeable = False
    assert "writable, got a read-only array: pass x.copy()" in refused(as_writable_float64, frozen)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: finite_number((2.3, W), "f()"),
            "f() to be one number, got a tuple of 2 items (float, ndarray)",
        ),
        (lambda: finite_number(np.nan, "f()"), "Expected f() to be a finite number, got nan"),
        (lambda: positive_number(0, "eps"), "Expected eps to be a number above 0, got int 0"),
        (lambda: positive_number("0.5", "lr"), "lr to be a number above 0, got str '0.5'"),
        (lambda: positive_number(np.inf, "lr"), "Expected lr to be finite, got inf"),
        (lambda: positive_int(True, "steps"), "Expected steps to be a whole number of at least 1"),
        (lambda: positive_int(1e4, "steps"), "got float 10000.0: write it as 10000"),
        (lambda: whole_number("42", "seed"), "Expected seed to be a whole number of at least 0"),
        (lambda: whole_number(7, "index", 0, 5), "Expected index to be a whole number from 0 to 5"),
        (lambda: one_of("ignore", "mode", ("raise", "stop")), "mode to be one of 'raise', 'stop'"),
        (lambda: one_of(np.array([1]), "scale", ("a", "b")), "one of 'a', 'b', got an array"),
    ],
)
def test_numbers_and_choices(call, message):
    assert message in refused(call)


def test_numbers_that_pass():
    assert finite_number(np.array(2.5), "f()") == 2.5
    assert whole_number(np.int64(3), "index", 0, 5) == 3
    assert one_of(np.True_, "decay", (False, True))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([], "at least one, in a list or 1-D array, got list []"),
        ([0, 10.7], "got 10.7"),
        ([0, np.nan], "got nan"),
        ([0, 5000], "from 0 to 1000, got 5000"),
        ([-1], "got -1"),
        ([[0, 1], [2]], "in a list or 1-D array"),
        (["10"], "in a list or 1-D array"),
        (np.zeros((2, 2)), "in a list or 1-D array"),
    ],
)
def test_as_whole_numbers_refuses(values, message):
    text = refused(as_whole_numbers, values, "snapshot_steps", 0, 1000)
    assert text.startswith("Expected snapshot_steps to hold whole numbers from 0 to 1000")
    assert message in text


def test_as_whole_numbers_sorts_and_accepts_whole_floats():
    steps = as_whole_numbers(np.linspace(0, 1000, 5)[::-1], "snapshot_steps", 0, 1000)
    assert steps.dtype == np.int64 and steps.tolist() == [0, 250, 500, 750, 1000]
    assert as_whole_numbers((3, 3, 1), "s", 0, 5).tolist() == [1, 3]


def test_load_mnist_refuses_a_data_dir_that_is_not_a_path():
    from helpers import load_mnist

    text = refused(load_mnist, 123)
    assert text == "Expected data_dir to be a folder's path (a str or a Path), got int 123."
