"""Checkers of 09_the_ceiling: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.messages import message
from tests.checks.sentences import WRITES_INPUT_LINE


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/ceiling.py."""
    return message("checks.ceiling", key, "en", **fields)


def not_yet(key: str, **fields: object) -> str:
    """The ❌ line of one sentence of the catalog."""
    return f"{NOT_YET} {says(key, **fields)}"


STUB = f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."
SLANT_HINT = f"Hint: {says('slant_hint')}"
SHIFT_HINT = f"Hint: {says('shift_hint')}"
FIRST_MOVE = says("shift_context", down=1, right=0)
LAST_MOVE = says("shift_context", down=0, right=27)


def _shift(pictures, down, right):
    """A learner's own move, written out (the helper's would trip the checker's tripwire)."""
    out = np.zeros_like(pictures)
    rows, cols = pictures.shape[1:]
    if abs(down) >= rows or abs(right) >= cols:
        return out
    src_r = slice(max(-down, 0), rows - max(down, 0))
    src_c = slice(max(-right, 0), cols - max(right, 0))
    dst_r = slice(max(down, 0), rows - max(-down, 0))
    dst_c = slice(max(right, 0), cols - max(-right, 0))
    out[:, dst_r, dst_c] = pictures[:, src_r, src_c]
    return out


TEMPLATE_HINT = f"Hint: {says('template_hint')}"
FIRST_K = says("template_context", k=3, shape=(5, 30))


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def slant_by(kind):
    """A learner's slant function, right or with one known mistake."""

    def my_slant(p):
        r, c = np.mgrid[0:28, 0:28]
        w = (p > 0).astype(float) if kind == "binary" else p
        t = w.sum()
        dr, dc = r - (r * w).sum() / t, c - (c * w).sum() / t
        cov, var_r, var_c = (dr * dc * w).sum(), (dr**2 * w).sum(), (dc**2 * w).sum()
        return {
            "right": cov / var_r,
            "binary": cov / var_r,
            "sign": -cov / var_r,
            "columns": cov / var_c,
            "correlation": cov / np.sqrt(var_r * var_c),
            "inverse": var_r / cov,
            "raw": (r * c * p).sum() / (r**2 * p).sum(),
        }[kind]

    return my_slant


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, STUB),
        (
            slant_by("right"),
            f"{CORRECT} {says('slant_correct', slants='-0.29, -0.01, 0.19, 0.60')}",
        ),
        *[
            (slant_by(kind), not_yet(f"slant_{kind}"))
            for kind in ("sign", "columns", "correlation", "inverse", "raw", "binary")
        ],
        (
            lambda p: np.array([1.0, 2.0]),
            not_yet("slant_size", shape=(2,), hint=says("slant_hint")),
        ),
        (lambda p: 0.1, not_yet("slants_wrong", hint=says("slant_hint"))),
        (lambda p: "x", f"{NOT_YET} expected {says('slant_expected')}, got str."),
        (
            lambda p: 1 / 0,
            f"{NOT_YET} your function raised ZeroDivisionError: division by zero. " + SLANT_HINT,
        ),
    ],
)
def test_slant(said, func, line):
    assert said(checks.slant, func) == line


def first_move(key: str) -> str:
    """The ❌ line of a known wrong move, found on the first move, down=1, right=0."""
    return f"{NOT_YET} {says('shift_lead', down=1, right=0)}{says(key)}"


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, STUB),
        (_shift, f"{CORRECT} {says('shift_correct')}"),
        (lambda p, d, r: np.roll(p, (d, r), axis=(1, 2)), first_move("shift_roll")),
        (lambda p, d, r: _shift(p, -d, -r), first_move("shift_opposite")),
        (lambda p, d, r: _shift(p, r, d), first_move("shift_swapped")),
        (
            lambda p, d, r: p.reshape(len(p), -1),
            f"{NOT_YET} "
            + says(
                "shift_shape",
                expected=(3, 28, 28),
                shape=(3, 784),
                context=FIRST_MOVE,
                hint=says("shift_hint"),
            ),
        ),
        (
            lambda p, d, r: p,
            not_yet("shift_wrong", context=FIRST_MOVE, hint=says("shift_hint")),
        ),
        (
            # right for every move but the last, (0, 27): only column 0 lands inside
            lambda p, d, r: _shift(p, d, r) if abs(r) < 27 else p,
            not_yet("shift_wrong", context=LAST_MOVE, hint=says("shift_hint")),
        ),
    ],
)
def test_shift_pixels(said, func, line):
    assert said(checks.shift_pixels, func) == line


def test_shift_pixels_refuses_an_answer_that_writes_into_its_input(said):
    def scribbles(pictures, down, right):
        out = _shift(pictures, down, right)
        pictures[:] = 0  # in the notebook this would blank the training images
        return out

    line = WRITES_INPUT_LINE.replace("given.", f"given{FIRST_MOVE}.")
    assert said(checks.shift_pixels, scribbles) == line


def not_the_scores() -> str:
    """The ❌ line for scores of the first case (k=3) that are no known mistake."""
    return not_yet("template_wrong", context=FIRST_K, hint=says("template_hint"))


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, STUB),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=2),
            f"{CORRECT} {says('template_correct')}",
        ),
        (lambda Z, k: Z.reshape(len(Z), 10, k).sum(axis=2), not_yet("template_sum")),
        (lambda Z, k: Z.reshape(len(Z), 10, k).mean(axis=2), not_yet("template_mean")),
        (lambda Z, k: Z.reshape(len(Z), k, 10).max(axis=1), not_yet("template_columns")),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=1),
            not_yet(
                "template_shape",
                expected=(5, 10),
                shape=(5, 3),
                context=FIRST_K,
                hint=says("template_hint"),
            ),
        ),
        (lambda Z, k: Z.reshape(len(Z), 10, k).argmax(axis=2), not_the_scores()),
        (lambda Z, k: Z[:, ::k], not_the_scores()),
    ],
)
def test_best_template(said, func, line):
    assert said(checks.best_template, func) == line


def test_best_template_refuses_the_helper_handed_in_as_the_answer(said):
    # `my_class_scores = class_scores`: 09 imports it, and a tripwire cannot catch a direct call.
    from helpers import class_scores

    assert said(checks.best_template, class_scores) == (
        f"{NOT_YET} your function is class_scores from helpers, which does this exercise's "
        f"whole job: the exercise is to write it yourself. {TEMPLATE_HINT}"
    )


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.ceiling", key, "zh", **fields)

    line = said(checks.slant, slant_by("sign"))
    assert line.startswith("❌") and line.endswith(zh("slant_sign")), line
    line = said(checks.shift_pixels, lambda p, d, r: np.roll(p, (d, r), axis=(1, 2)))
    assert line.endswith(zh("shift_lead", down=1, right=0) + zh("shift_roll")), line
    assert said(checks.best_template, lambda Z, k: Z[:, ::k]).endswith(
        zh(
            "template_wrong",
            context=zh("template_context", k=3, shape=(5, 30)),
            hint=zh("template_hint"),
        )
    )
