"""helpers._inputs: good input passes untouched, each mistake gets its catalog's sentence."""

from __future__ import annotations

import re
import string
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
from helpers.messages import entries, message

rng = np.random.default_rng(0)
IMAGES = rng.random((5, 784)).astype(np.float32)
W = rng.normal(0, 0.01, (784, 10))
b = np.zeros(10)


def matrix(array: np.ndarray) -> np.matrix:
    """array as the np.matrix a learner may meet (scipy's todense()), without numpy's warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PendingDeprecationWarning)
        return np.asmatrix(array)


def en(key: str, **fields) -> str:
    """The English sentence `key` of the helpers._inputs catalog, filled in."""
    return message("helpers._inputs", key, "en", **fields)


def is_sentence(text: str, domain: str, key: str, lang: str = "en") -> bool:
    """True if text is the catalog's sentence `key` with some values in its placeholders."""
    parts = string.Formatter().parse(entries(domain, lang)[key])
    pattern = "".join(
        re.escape(lit) + ("(.+?)" if field is not None else "") for lit, field, _, _ in parts
    )
    return re.fullmatch(pattern, text, re.S) is not None


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


def shown(a: np.ndarray) -> str:
    """describe's words for an array."""
    return en("describe_array", shape=str(a.shape), dtype=str(a.dtype))


RAW = IMAGES * 255
STANDARDISED = (IMAGES - IMAGES.mean()) / IMAGES.std()
CLIPPED = np.clip(IMAGES * 1.05, 0, 1.05)
ARRAY_2D = en("matrix_expected", columns=784)
# A long value is cut to 57 characters and "...": one line of the error, however long it is.
LISTED = en(
    "describe_value", kind="list", shown=" ".join(repr(IMAGES[:1].tolist()).split())[:57] + "..."
)


@pytest.mark.parametrize(
    ("X", "key", "fields"),
    [
        (RAW, "pixels_raw_bytes", {"high": RAW.max()}),
        (RAW.astype(np.uint8), "pixels_raw_bytes", {"high": RAW.astype(np.uint8).max()}),
        (STANDARDISED, "pixels_below_zero", {"low": STANDARDISED.min()}),
        (CLIPPED, "pixels_above_one", {"high": CLIPPED.max()}),
        (IMAGES[:, :700], "wrong_columns_flatten", {"columns": 784, "shape": "(5, 700)"}),
        (
            IMAGES.reshape(5, 28, 28),
            "not_numeric",
            {
                "expected": ARRAY_2D,
                "got": en("describe_array", shape="(5, 28, 28)", dtype="float32"),
            },
        ),
        (IMAGES[:0], "no_rows", {"shape": "(0, 784)"}),
        (np.where(IMAGES > 0.5, np.nan, IMAGES), "not_finite", {}),
        (matrix(IMAGES), "np_matrix", {}),
        (IMAGES[:1].tolist(), "not_numeric", {"expected": ARRAY_2D, "got": LISTED}),
        (IMAGES > 0.5, "not_numeric", {"expected": ARRAY_2D, "got": shown(IMAGES > 0.5)}),
    ],
)
def test_as_images_refuses_what_is_not_pixels_from_0_to_1(X, key, fields):
    text = refused(as_images, X)
    assert text == en(key, name="X", **fields)


def test_a_refusal_is_said_in_chinese_when_the_series_speaks_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as err:
        as_images(np.full((1, 784), 255, dtype=np.uint8))
    chinese = message("helpers._inputs", "pixels_raw_bytes", "zh", name="X", high=255)
    assert str(err.value) == chinese
    assert chinese.startswith("X 的像素应在 0 到 1 之间") and chinese.endswith("。")
    with pytest.raises(ValueError) as err:
        whole_number(7, "index", 0, 5)
    span = message("helpers._inputs", "span", "zh", low=0, high=5)
    assert str(err.value) == message(
        "helpers._inputs", "whole_out_of_range", "zh", name="index", span=span, got=7
    )


def test_pixels_a_rounding_error_outside_0_to_1_pass():
    X = IMAGES.copy()
    X[0, 0], X[0, 1] = 1 + 1e-6, -1e-6
    assert as_images(X) is X


@pytest.mark.parametrize(
    ("value", "key", "fields"),
    [
        (W.T, "weights_transposed", {"shape": "(784, 10)", "got": shown(W.T)}),
        (W[:, :9], "weights_shape", {"shape": "(784, 10)", "got": shown(W[:, :9])}),
        (
            W.astype(str),
            "not_numeric",
            {"expected": en("array_of_shape", shape="(784, 10)"), "got": shown(W.astype(str))},
        ),
        (W * np.inf, "weights_not_finite", {}),
        (matrix(W), "np_matrix", {}),
    ],
)
def test_as_weights(value, key, fields):
    assert refused(as_weights, value) == en(key, name="W", **fields)


def test_as_weights_for_a_stack_of_snapshots():
    text = refused(as_weights, np.zeros((784, 10)), "W_snapshots", stack=True)
    got = shown(np.zeros((784, 10)))
    assert text == en("weights_shape", name="W_snapshots", shape="(k, 784, 10)", got=got)


def test_as_bias_and_as_labels():
    assert refused(as_bias, np.zeros(9)) == en("bias_shape", name="b", got=shown(np.zeros(9)))
    assert refused(as_bias, np.full(10, np.nan)) == en("bias_not_finite", name="b")
    text = refused(as_labels, np.array([0, 10]), 2)
    assert text == en("labels_range", name="y", low=0, high=10)
    assert refused(as_labels, np.array([0, 1]), 3) == en("labels_count", name="y", rows=3, count=2)
    floats = np.array([0.0, 1.0])
    text = refused(as_labels, floats, 2)
    assert text == en("labels_type", name="y", rows=2, got=shown(floats))


def test_as_array_checks_axes_and_finiteness():
    cube = np.zeros((2, 2, 2))
    axes = en("ndim", n=1) + en("ndim_or") + en("ndim", n=2)
    fields = {"name": "Z", "axes": axes, "what": en("what_scores"), "got": shown(cube)}
    assert refused(as_array, cube, "Z", what="scores") == en("wrong_ndim_axes_what", **fields)
    assert "1-D or 2-D array of scores" in en("wrong_ndim_axes_what", **fields)
    assert refused(as_array, np.array([np.inf]), "Z") == en("not_finite", name="Z")
    assert refused(as_array, np.zeros(0), "Z") == en("empty_array", name="Z", shape="(0,)")
    assert as_array(np.zeros((1, 1, 1, 1)), "a", ndim=None).shape == (1, 1, 1, 1)


def test_what_an_array_holds_is_translated_and_unknown_words_pass_as_they_are(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    for what, said in (
        ("scores", message("helpers._inputs", "what_scores", "zh")),
        ("eggs", "eggs"),
    ):
        with pytest.raises(ValueError, match=said):
            as_array(np.zeros((2, 2, 2)), "Z", what=what)


def test_as_writable_float64():
    text = refused(as_writable_float64, W.astype("f4"))
    assert text == en("not_float64", name="x", dtype="float32")
    frozen = W.copy()
    frozen.flags.writeable = False
    assert refused(as_writable_float64, frozen) == en("read_only", name="x")


def whole(name: str, low: int, high: int | None = None, **fields) -> str:
    """The sentence of whole_number for a name and a span."""
    span = en("span_at_least", low=low) if high is None else en("span", low=low, high=high)
    if isinstance(fields["got"], int):  # a whole number, outside the span
        return en("whole_out_of_range", name=name, span=span, **fields)
    return en(
        "not_whole_write" if "whole" in fields else "not_whole", name=name, span=span, **fields
    )


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (
            lambda: finite_number((2.3, W), "f()"),
            en(
                "not_one_number",
                name="f()",
                got=en("describe_items", kind="tuple", count=2, kinds="float, ndarray"),
            ),
        ),
        (lambda: finite_number(np.nan, "f()"), en("not_finite_number", name="f()", value="nan")),
        (lambda: positive_number(0, "eps"), en("not_positive", name="eps", got="int 0")),
        (lambda: positive_number("0.5", "lr"), en("not_positive", name="lr", got="str '0.5'")),
        (lambda: positive_number(np.inf, "lr"), en("positive_not_finite", name="lr", value="inf")),
        (lambda: positive_int(True, "steps"), whole("steps", 1, got="bool True")),
        (lambda: positive_int(1e4, "steps"), whole("steps", 1, got="float 10000.0", whole=10000)),
        (lambda: whole_number("42", "seed"), whole("seed", 0, got="str '42'")),
        (lambda: whole_number(7, "index", 0, 5), whole("index", 0, 5, got=7)),
        (
            lambda: one_of("ignore", "mode", ("raise", "stop")),
            en("not_one_of", name="mode", options="'raise', 'stop'", got="str 'ignore'"),
        ),
        (
            lambda: one_of(np.array([1]), "scale", ("a", "b")),
            en("not_one_of", name="scale", options="'a', 'b'", got=shown(np.array([1]))),
        ),
    ],
)
def test_numbers_and_choices(call, expected):
    assert refused(call) == expected


def test_numbers_that_pass():
    assert finite_number(np.array(2.5), "f()") == 2.5
    assert whole_number(np.int64(3), "index", 0, 5) == 3
    assert one_of(np.True_, "decay", (False, True))


def listed(shown: str) -> str:
    """describe's words for a list without arrays."""
    return en("describe_value", kind="list", shown=shown)


@pytest.mark.parametrize(
    ("values", "key", "got"),
    [
        ([], "whole_numbers_list", listed("[]")),
        ([0, 10.7], "whole_numbers", "10.7"),
        ([0, np.nan], "whole_numbers", "nan"),
        ([0, 5000], "whole_numbers", "5000"),
        ([-1], "whole_numbers", "-1"),
        ([[0, 1], [2]], "whole_numbers_list", listed("[[0, 1], [2]]")),
        (["10"], "whole_numbers_list", listed("['10']")),
        (np.zeros((2, 2)), "whole_numbers_list", shown(np.zeros((2, 2)))),
    ],
)
def test_as_whole_numbers_refuses(values, key, got):
    text = refused(as_whole_numbers, values, "snapshot_steps", 0, 1000)
    assert text == en(key, name="snapshot_steps", low=0, high=1000, got=got)


def test_as_whole_numbers_sorts_and_accepts_whole_floats():
    steps = as_whole_numbers(np.linspace(0, 1000, 5)[::-1], "snapshot_steps", 0, 1000)
    assert steps.dtype == np.int64 and steps.tolist() == [0, 250, 500, 750, 1000]
    assert as_whole_numbers((3, 3, 1), "s", 0, 5).tolist() == [1, 3]


def test_load_mnist_refuses_a_data_dir_that_is_not_a_path():
    from helpers import load_mnist

    text = refused(load_mnist, 123)
    assert text == message("helpers.data", "data_dir_type", "en", kind="int", shown="123")
