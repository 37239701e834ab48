"""Wrong answers to 08's checkers: ReLU's backward pass, the parameter count, the ablation."""

from __future__ import annotations

import numpy as np

from helpers.messages import message
from tests.checks.corpus import Wrong


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/mlp.py."""
    return message("checks.mlp", key, "en", **fields)


NOT_THE_SHARE = says("ablation_wrong", hint=says("ablation_hint"))


def at_zero_too(dH, A):
    return dH * (A >= 0)  # issue 17: passed while no A was exactly 0


def heaviside_one(dH, A):
    return dH * np.heaviside(A, 1.0)  # the slope at 0 taken as 1


def in_place(dH, A):
    dH[A <= 0] = 0
    return dH


def fixed_shape(dH, A):
    return (dH * (A > 0)).reshape(6, 5)  # the first case's shape typed in


def as_text(dH, A):
    return (dH * (A > 0)).astype(str)


def no_return(dH, A):
    dA = dH * (A > 0)  # noqa: F841 - the learner forgot `return dA`


RELU_BACKWARD = [
    Wrong((at_zero_too,), says("relu_at_zero"), "A >= 0"),
    Wrong((heaviside_one,), says("relu_at_zero"), "heaviside(A, 1)"),
    Wrong((lambda dH, A: dH,), says("relu_unchanged"), "no mask"),
    Wrong((lambda dH, A: dH * np.maximum(A, 0),), says("relu_value"), "times relu(A)"),
    Wrong((lambda dH, A: dH * (A < 0),), says("relu_negative"), "A < 0"),
    Wrong((lambda dH, A: np.maximum(dH, 0),), says("relu_on_dh"), "relu(dH)"),
    Wrong((lambda dH, A: (A > 0) * 1.0,), says("relu_slope_alone"), "mask only"),
    Wrong((lambda dH, A: dH * np.sign(A),), says("relu_sign"), "sign(A)"),
    Wrong(
        (lambda dH, A: dH.T,),
        says("relu_shape", shape=(6, 5), got=(5, 6), hint=says("relu_hint")),
        "transposed",
    ),
    Wrong(
        (lambda dH, A: 2 * dH,),
        says("relu_wrong", context=says("relu_context", shape=(6, 5)), hint=says("relu_hint")),
        "2 dH",
    ),
    Wrong((in_place,), "writes into an array it was given", "dH changed in place"),
    Wrong((fixed_shape,), "your function raised ValueError: cannot reshape", "shape typed in"),
    Wrong((as_text,), "numbers written as strings", "strings"),
    Wrong((no_return,), "your function returned None", "no return"),
    Wrong((lambda dH, A: dH * (A > 0) + 1j,), "got complex numbers", "complex"),
]

MLP_PARAMETER_COUNT = [
    Wrong((203264,), says("count_weights_only"), "no biases"),
    Wrong((7850,), says("count_linear"), "02's count"),
    Wrong((200704,), says("count_w1_only"), "W1 only"),
    Wrong((2007040,), says("count_multiplied"), "product"),
    Wrong((3985,), says("count_five_units"), "W1.size + ... of 5 units"),
    Wrong((3970,), says("count_five_weights"), "5 units, no biases"),
    Wrong((203520,), says("count_no_b2"), "no b2"),
    Wrong((203274,), says("count_no_b1"), "no b1"),
    Wrong((200970,), says("count_no_w2"), "no W2"),
    Wrong(("203530",), "got str", "a string"),
    Wrong((203530.4,), f"is not {says('count_what')}", "not whole"),
    Wrong((float("nan"),), "is not a finite number", "NaN"),
    Wrong((10**400,), "too large for a float", "huge int"),
    Wrong((True,), "got bool", "True"),
]


def solution_rows(H, y, k, units):
    quiet = H[y == k]
    quiet[:, units] = 0
    return quiet


def zeroes_H(H, W2, b2, y, k, units):
    H[:, units] = 0
    return float(((H[y == k] @ W2 + b2).argmax(axis=1) == k).mean())


def all_images(H, W2, b2, y, k, units):
    quiet = H.copy()
    quiet[:, units] = 0
    return float(((quiet @ W2 + b2).argmax(axis=1) == y).mean())


def no_b2(H, W2, b2, y, k, units):
    return float(((solution_rows(H, y, k, units) @ W2).argmax(axis=1) == k).mean())


def kept_only(H, W2, b2, y, k, units):
    quiet = np.zeros_like(H[y == k])
    quiet[:, units] = H[y == k][:, units]
    return float(((quiet @ W2 + b2).argmax(axis=1) == k).mean())


def chained_assignment(H, W2, b2, y, k, units):
    H[y == k][:, units] = 0  # sets a copy's columns: nothing is removed
    return float(((H[y == k] @ W2 + b2).argmax(axis=1) == k).mean())


def precision(H, W2, b2, y, k, units):
    quiet = H.copy()
    quiet[:, units] = 0
    read_k = (quiet @ W2 + b2).argmax(axis=1) == k
    return float((y[read_k] == k).mean()) if read_k.any() else 0.0


def count(H, W2, b2, y, k, units):
    return int(((solution_rows(H, y, k, units) @ W2 + b2).argmax(axis=1) == k).sum())


def error(H, W2, b2, y, k, units):
    return float(((solution_rows(H, y, k, units) @ W2 + b2).argmax(axis=1) != k).mean())


def as_text(H, W2, b2, y, k, units):
    return str(float(((solution_rows(H, y, k, units) @ W2 + b2).argmax(axis=1) == k).mean()))


CLASS_ACCURACY_WITHOUT = [
    Wrong((zeroes_H,), says("changed_h"), "H changed in place"),
    Wrong((all_images,), says("ablation_all_images"), "every class"),
    Wrong((no_b2,), says("ablation_no_b2"), "no b2"),
    Wrong((kept_only,), says("ablation_kept_only"), "inverted"),
    Wrong((chained_assignment,), says("ablation_none_removed"), "chained assignment"),
    Wrong((precision,), says("ablation_precision"), "precision"),
    Wrong((count,), says("ablation_count"), "a count"),
    Wrong((error,), says("ablation_error"), "error rate"),
    Wrong((lambda *args: 0.5,), NOT_THE_SHARE, "a constant"),
    Wrong((as_text,), says("not_a_share", kind="str", hint=says("ablation_hint")), "a string"),
    Wrong((lambda *args: float("nan"),), NOT_THE_SHARE, "NaN"),
]

CORPUS = {
    "relu_backward": RELU_BACKWARD,
    "mlp_parameter_count": MLP_PARAMETER_COUNT,
    "class_accuracy_without": CLASS_ACCURACY_WITHOUT,
}
