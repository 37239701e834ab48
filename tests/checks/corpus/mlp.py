"""Wrong answers to 08's checkers: ReLU's backward pass, the parameter count, the ablation."""

from __future__ import annotations

import numpy as np

from tests.checks.corpus import Wrong


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
    Wrong((at_zero_too,), "use A > 0, not A >= 0", "A >= 0"),
    Wrong((heaviside_one,), "use A > 0, not A >= 0", "heaviside(A, 1)"),
    Wrong((lambda dH, A: dH,), "dA is dH unchanged", "no mask"),
    Wrong((lambda dH, A: dH * np.maximum(A, 0),), "dA is dH times relu(A)", "times relu(A)"),
    Wrong((lambda dH, A: dH * (A < 0),), "the gradient passed where A < 0", "A < 0"),
    Wrong((lambda dH, A: np.maximum(dH, 0),), "you applied ReLU to dH", "relu(dH)"),
    Wrong((lambda dH, A: (A > 0) * 1.0,), "that is the slope alone", "mask only"),
    Wrong((lambda dH, A: dH * np.sign(A),), "np.sign(A) is -1 where A < 0", "sign(A)"),
    Wrong((lambda dH, A: dH.T,), "expected an array of shape (6, 5)", "transposed"),
    Wrong((lambda dH, A: 2 * dH,), "dA is not right (dH and A of shape (6, 5))", "2 dH"),
    Wrong((in_place,), "writes into an array it was given", "dH changed in place"),
    Wrong((fixed_shape,), "your function raised ValueError: cannot reshape", "shape typed in"),
    Wrong((as_text,), "numbers written as strings", "strings"),
    Wrong((no_return,), "your function returned None", "no return"),
    Wrong((lambda dH, A: dH * (A > 0) + 1j,), "got complex numbers", "complex"),
]

MLP_PARAMETER_COUNT = [
    Wrong((203264,), "that counts W1 and W2 only", "no biases"),
    Wrong((7850,), "that is the linear model of 02", "02's count"),
    Wrong((200704,), "that is W1 only", "W1 only"),
    Wrong((2007040,), "784 x 256 x 10 multiplies the layers", "product"),
    Wrong((3985,), "that counts section 1's network of 5 hidden units", "W1.size + ... of 5 units"),
    Wrong((3970,), "W1 and W2 of section 1's network of 5 units", "5 units, no biases"),
    Wrong((203520,), "b2 is missing", "no b2"),
    Wrong((203274,), "b1 is missing", "no b1"),
    Wrong((200970,), "W2 is missing", "no W2"),
    Wrong(("203530",), "got str", "a string"),
    Wrong((203530.4,), "is not the number of parameters", "not whole"),
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
    Wrong((zeroes_H,), "your function changed the H it was given", "H changed in place"),
    Wrong((all_images,), "that is the accuracy on the images of every class", "every class"),
    Wrong((no_b2,), "the scores need b2 too", "no b2"),
    Wrong((kept_only,), "you silenced every unit except `units`", "inverted"),
    Wrong((chained_assignment,), "nothing was removed", "chained assignment"),
    Wrong((precision,), "that is the share of k among the images read as k", "precision"),
    Wrong((count,), "that is a count of images", "a count"),
    Wrong((error,), "that is the share read wrong", "error rate"),
    Wrong((lambda *args: 0.5,), "not the share of class k still read as k", "a constant"),
    Wrong((as_text,), "expected one number, a share from 0 to 1, got str", "a string"),
    Wrong((lambda *args: float("nan"),), "not the share of class k", "NaN"),
]

CORPUS = {
    "relu_backward": RELU_BACKWARD,
    "mlp_parameter_count": MLP_PARAMETER_COUNT,
    "class_accuracy_without": CLASS_ACCURACY_WITHOUT,
}
