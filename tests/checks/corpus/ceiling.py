"""Wrong answers to 09's checkers: the slant, a one-pixel shift, the best template's score."""

from __future__ import annotations

import numpy as np

import helpers
from helpers import class_scores, shift_images, slant
from helpers.messages import message
from tests.checks.corpus import Wrong


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/ceiling.py."""
    return message("checks.ceiling", key, "en", **fields)


FIRST_K = says("template_context", k=3, shape=(5, 30))
NOT_THE_SCORES = says("template_wrong", context=FIRST_K, hint=says("template_hint"))

R, C = np.mgrid[0:28, 0:28].astype(np.float64)


def _centred(x):
    total = x.sum()
    return R - (R * x).sum() / total, C - (C * x).sum() / total


def sign_flipped(x):
    dr, dc = _centred(x)
    return -(dr * dc * x).sum() / (dr**2 * x).sum()


def over_columns(x):
    dr, dc = _centred(x)
    return (dr * dc * x).sum() / (dc**2 * x).sum()


def correlation(x):
    dr, dc = _centred(x)
    return (dr * dc * x).sum() / np.sqrt((dr**2 * x).sum() * (dc**2 * x).sum())


def upside_down(x):
    dr, dc = _centred(x)
    return (dr**2 * x).sum() / (dr * dc * x).sum()


def not_centred(x):
    return (R * C * x).sum() / (R**2 * x).sum()


def every_pixel_alike(x):
    return over_rows(x > 0)


def over_rows(x):
    x = np.asarray(x, dtype=np.float64)
    dr, dc = _centred(x)
    return (dr * dc * x).sum() / (dr**2 * x).sum()


def calls_the_helper(x):
    return slant(x.reshape(1, 784))[0]


def as_text(x):
    return f"{over_rows(x):.6f}"


SLANT = [
    Wrong((sign_flipped,), says("slant_sign"), "sign"),
    Wrong((over_columns,), says("slant_columns"), "var(c)"),
    Wrong((correlation,), says("slant_correlation"), "correlation"),
    Wrong((upside_down,), says("slant_inverse"), "var(r) / cov"),
    Wrong((not_centred,), says("slant_raw"), "raw moments"),
    Wrong((every_pixel_alike,), says("slant_binary"), "binary"),
    Wrong((calls_the_helper,), "calls slant from helpers", "slant() inside"),
    Wrong((as_text,), "numbers written as strings", "a string"),
    Wrong((lambda x: 0.1,), says("slants_wrong", hint=says("slant_hint")), "a constant"),
    Wrong(
        (lambda x: [over_rows(x)] * 2,),
        says("slant_size", shape=(2,), hint=says("slant_hint")),
        "two numbers",
    ),
    Wrong((lambda x: 1 / 0,), "your function raised ZeroDivisionError", "raises"),
]


def moved(pictures, down, right):
    """Right for every move that stays inside the frame: a learner's slices."""
    out = np.zeros_like(pictures)
    rows = slice(max(down, 0), 28 + min(down, 0))
    cols = slice(max(right, 0), 28 + min(right, 0))
    out[:, rows, cols] = pictures[
        :, max(-down, 0) : 28 - max(down, 0), max(-right, 0) : 28 - max(right, 0)
    ]
    return out


def positive_slices(pictures, down, right):
    out = np.zeros_like(pictures)
    out[:, down:, right:] = pictures[:, : 28 - down, : 28 - right]  # fails for negative moves
    return out


def fixed_count(pictures, down, right):
    return moved(pictures.reshape(3, 28, 28), down, right)  # n = 3 typed in


def in_place(pictures, down, right):
    pictures[:] = moved(pictures, down, right)
    return pictures


def through_the_images(pictures, down, right):
    n = len(pictures)
    return shift_images(pictures.reshape(n, 784), down, right).reshape(n, 28, 28)


def through_the_module(pictures, down, right):
    return helpers.ceiling.shift_pictures(pictures, down, right)


SHIFT_PIXELS = [
    Wrong((lambda p, d, r: np.roll(p, (d, r), axis=(1, 2)),), says("shift_roll"), "np.roll"),
    Wrong((lambda p, d, r: moved(p, -d, -r),), says("shift_opposite"), "opposite"),
    Wrong((lambda p, d, r: moved(p, r, d),), says("shift_swapped"), "swapped"),
    Wrong(
        (lambda p, d, r: p.reshape(len(p), -1),),
        says(
            "shift_shape",
            expected=(3, 28, 28),
            shape=(3, 784),
            context=says("shift_context", down=1, right=0),
            hint=says("shift_hint"),
        ),
        "flattened",
    ),
    Wrong(
        (lambda p, d, r: p,),
        says(
            "shift_wrong", context=says("shift_context", down=1, right=0), hint=says("shift_hint")
        ),
        "no move",
    ),
    Wrong((positive_slices,), says("shift_context", down=0, right=-1), "positive moves only"),
    Wrong((fixed_count,), "cannot reshape", "n = 3 typed in"),
    Wrong((in_place,), "writes into an array it was given", "in place"),
    Wrong((through_the_images,), "calls shift_images from helpers", "shift_images"),
    Wrong((through_the_module,), "calls shift_pictures from helpers", "helpers.ceiling"),
    Wrong((lambda p, d, r: moved(p, d, r).astype(str),), "numbers written as strings", "strings"),
]


def k_typed_in(Z, k):
    return Z.reshape(len(Z), 10, 3).max(axis=2)  # the first case's k


def first_template(Z, k):
    return Z[:, ::k]


BEST_TEMPLATE = [
    Wrong((lambda Z, k: Z.reshape(len(Z), 10, k).sum(axis=2),), says("template_sum"), "sum"),
    Wrong((lambda Z, k: Z.reshape(len(Z), 10, k).mean(axis=2),), says("template_mean"), "mean"),
    Wrong(
        (lambda Z, k: Z.reshape(len(Z), k, 10).max(axis=1),),
        says("template_columns"),
        "wrong reshape",
    ),
    Wrong(
        (lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=1),),
        says(
            "template_shape",
            expected=(5, 10),
            shape=(5, 3),
            context=FIRST_K,
            hint=says("template_hint"),
        ),
        "max over digits",
    ),
    Wrong(
        (lambda Z, k: Z.reshape(len(Z), 10, k).argmax(axis=2),),
        NOT_THE_SCORES,
        "argmax",
    ),
    Wrong((first_template,), NOT_THE_SCORES, "first template"),
    Wrong((k_typed_in,), "your function raised ValueError", "k = 3 typed in"),
    Wrong((class_scores,), "your function is class_scores from helpers", "= class_scores"),
    Wrong((lambda Z, k: class_scores(Z, k),), "calls class_scores from helpers", "class_scores()"),
    Wrong(
        (lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=2).tolist().__str__(),),
        f"expected {says('template_expected')}, got str",
        "printed",
    ),
]

CORPUS = {"slant": SLANT, "shift_pixels": SHIFT_PIXELS, "best_template": BEST_TEMPLATE}
