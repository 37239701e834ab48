"""Wrong answers to 02's exercises: the model's size, a stable softmax, the cross-entropy."""

from __future__ import annotations

import numpy as np

import helpers
from helpers import cross_entropy, log_softmax, softmax
from helpers.messages import message
from tests.checks.corpus import Wrong


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/softmax.py."""
    return message("checks.softmax", key, "en", **fields)


ORDINARY, RANDOM = says("scale_ordinary"), says("model_random")
# How an exp that overflowed on +-1000 is told, whatever the fix: NaN, and no np.longdouble.
OVERFLOWED = says("overflowed", shown=says("shown_nan"), wider="", hidden="")


def divided(E):
    return E / E.sum(axis=1, keepdims=True)


def shifted(shift):
    """A my_softmax that subtracts shift(Z) instead of each row's maximum."""
    return lambda Z: divided(np.exp(Z - shift(Z)))


def calls_the_helper(Z):
    return softmax(Z)


def through_the_module(Z):
    return helpers.softmax(Z)


def exp_of_log_softmax(Z):
    return np.exp(log_softmax(Z))


def in_longdouble(Z):
    """Exact in an 80-bit float up to scores of about 11356: a pass that depends on the CPU."""
    return divided(np.exp(Z.astype(np.longdouble))).astype(np.float64)


def log_probabilities(Z):
    shifted_Z = Z - Z.max(axis=1, keepdims=True)
    return shifted_Z - np.log(np.exp(shifted_Z).sum(axis=1, keepdims=True))


def nan_to_num(Z):
    return np.nan_to_num(divided(np.exp(Z)))


def in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)
    return divided(np.exp(Z))


def rows(P, y):
    return P[np.arange(len(y)), y]


def loss_helper(P, y):
    return cross_entropy(P, y)


CORPUS = {
    "parameter_count": [
        Wrong((7840,), says("parameters_w_only"), "W only"),
        Wrong((794,), says("parameters_added"), "784 + 10"),
        Wrong((784,), says("parameters_one_column"), "one column"),
        Wrong((7860,), f"7860 is not {says('parameters_what')}", "b counted twice"),
        Wrong(("7850",), "got str", "text"),
        Wrong((True,), "got bool", "a boolean"),
        Wrong(([7850],), "got list", "a list"),
        Wrong((float("nan"),), "nan is not a finite number", "NaN"),
        Wrong((np.inf,), "inf is not a finite number", "inf"),
        Wrong((10**400,), "too large for a float", "10**400"),
    ],
    "stable_softmax": [
        Wrong((softmax,), "your function is softmax from helpers", "the helper itself"),
        Wrong((calls_the_helper,), "calls softmax from helpers", "softmax(Z)"),
        Wrong((through_the_module,), "calls softmax from helpers", "helpers.softmax(Z)"),
        Wrong((exp_of_log_softmax,), "calls log_softmax from helpers", "exp(log_softmax)"),
        Wrong((shifted(lambda Z: 0),), OVERFLOWED, "no shift"),
        Wrong((shifted(lambda Z: Z.max()),), OVERFLOWED, "global max"),
        Wrong((in_longdouble,), says("wider"), "longdouble"),
        Wrong((log_probabilities,), says("log_probabilities"), "log-softmax"),
        Wrong((nan_to_num,), says("hidden"), "nan_to_num"),
        Wrong((shifted(lambda Z: Z[:, :1]),), says("shift_first"), "first column"),
        Wrong((shifted(lambda Z: Z.min(axis=1, keepdims=True)),), says("shift_minimum"), "row min"),
        Wrong((shifted(lambda Z: Z.mean(axis=1, keepdims=True)),), says("shift_mean"), "row mean"),
        Wrong(
            (shifted(lambda Z: np.median(Z, axis=1, keepdims=True)),),
            says("shift_median"),
            "median",
        ),
        Wrong((lambda Z: np.exp(Z) / np.exp(Z).sum(axis=0),), says("columns_sum"), "axis 0"),
        Wrong((lambda Z: np.exp(Z) / np.exp(Z).sum(),), says("rows_not_sum"), "total"),
        Wrong(
            (lambda Z: shifted(lambda Z: 0)(2 * Z),),
            says("rows_differ", row=0, got=0.0015, expected=0.0261),
            "2 Z",
        ),
        Wrong(
            (lambda Z: divided(np.exp(Z - Z.max())).T,),
            says("softmax_shape", scale=ORDINARY, shape=(6, 10), got="shape (10, 6)"),
            "transposed",
        ),
        Wrong((lambda Z: shifted(lambda Z: 0)(Z).astype(str),), "got text", "strings"),
        Wrong((in_place,), "writes into an array it was given", "Z -= max"),
    ],
    "cross_entropy": [
        Wrong((cross_entropy,), "your function is cross_entropy from helpers", "the helper"),
        Wrong((loss_helper,), "calls cross_entropy from helpers", "cross_entropy(P, y)"),
        Wrong((lambda P, y: np.log(rows(P, y)).mean(),), says("loss_sign"), "sign"),
        Wrong((lambda P, y: -np.log(rows(P, y)).sum(),), says("loss_sum"), "sum"),
        Wrong((lambda P, y: -np.log10(rows(P, y)).mean(),), says("loss_log10"), "log10"),
        Wrong((lambda P, y: -np.log2(rows(P, y)).mean(),), says("loss_log2"), "log2"),
        Wrong((lambda P, y: -np.log(P[:, y]).mean(),), says("pick_hint"), "P[:, y]"),
        Wrong((lambda P, y: -np.log(P.max(axis=1)).mean(),), says("loss_max"), "max"),
        Wrong((lambda P, y: -np.log(rows(P, y).mean()),), says("loss_log_mean"), "log of mean"),
        Wrong((lambda P, y: -np.log(P).mean(),), says("loss_every_entry"), "all entries"),
        Wrong(
            (lambda P, y: -(np.eye(10)[y] * np.log(P)).mean(),),
            says("loss_all_entries"),
            "one-hot mean",
        ),
        Wrong((lambda P, y: -np.log(rows(P, y)),), says("one_loss_per_image"), "no mean"),
        Wrong((lambda P, y: str(-np.log(rows(P, y)).mean()),), "got text", "text"),
        Wrong(
            (lambda P, y: np.log(10),),
            says("loss_wrong", model=RANDOM, expected=2.8611, value=2.3026, hint=says("loss_hint")),
            "ln 10 hard-coded",
        ),
        Wrong((lambda P, y: float("nan"),), "nan is not a finite number", "NaN"),
    ],
}
