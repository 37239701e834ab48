"""Checkers of 09_the_ceiling: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from tests.checks.sentences import WRITES_INPUT_LINE

SLANT_HINT = (
    "Hint: with the ink x as weights, s = sum((r - r_mean) * (c - c_mean) * x) / "
    "sum((r - r_mean)**2 * x)."
)
SHIFT_HINT = (
    "Hint: start from np.zeros_like(pictures) and copy a slice of pictures into a slice of it."
)


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


TEMPLATE_HINT = (
    "Hint: Z_sub.reshape(len(Z_sub), 10, k) puts digit d's templates in row d; take the max."
)


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
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            slant_by("right"),
            "✅ Correct: slants -0.29, -0.01, 0.19, 0.60 for four test strokes: columns moved "
            "right per row down.",
        ),
        (
            slant_by("sign"),
            "❌ Not yet: your slants have the wrong sign: s is how many columns the stroke moves "
            "RIGHT per row DOWN, so a / (top to the right) has s < 0.",
        ),
        (
            slant_by("columns"),
            "❌ Not yet: you divided by the variance of the columns; the slant is the slope of c "
            "against r, so divide the covariance by the variance of the rows.",
        ),
        (
            slant_by("correlation"),
            "❌ Not yet: that is the correlation of r and c, which only says how straight the "
            "stroke is; the slant is the covariance over the variance of r alone.",
        ),
        (
            slant_by("inverse"),
            "❌ Not yet: that is var(r) / cov(r, c), upside down: rows per column, not columns "
            "per row.",
        ),
        (
            slant_by("raw"),
            "❌ Not yet: the moments must be taken about the centre of the ink: subtract r_mean "
            "and c_mean first.",
        ),
        (
            slant_by("binary"),
            "❌ Not yet: you counted every inked pixel alike; weight each pixel by its ink x "
            "instead.",
        ),
        (
            lambda p: np.array([1.0, 2.0]),
            f"❌ Not yet: expected one number for a picture, got shape (2,). {SLANT_HINT}",
        ),
        (
            lambda p: 0.1,
            f"❌ Not yet: the slants of four test strokes are not right. {SLANT_HINT}",
        ),
        (lambda p: "x", "❌ Not yet: expected one number, the slant, got str."),
        (
            lambda p: 1 / 0,
            "❌ Not yet: your function raised ZeroDivisionError: division by zero. " + SLANT_HINT,
        ),
    ],
)
def test_slant(said, func, line):
    assert said(checks.slant, func) == line


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            _shift,
            "✅ Correct: every move puts pixel (r, c) at (r + down, c + right), and what leaves "
            "is lost.",
        ),
        (
            lambda p, d, r: np.roll(p, (d, r), axis=(1, 2)),
            "❌ Not yet: with down=1, right=0: np.roll wraps the ink pushed over one edge round "
            "to the other side; a shifted digit should leave blank pixels behind.",
        ),
        (
            lambda p, d, r: _shift(p, -d, -r),
            "❌ Not yet: with down=1, right=0: the picture moved the opposite way: `down` rows "
            "down means row r lands on r + down.",
        ),
        (
            lambda p, d, r: _shift(p, r, d),
            "❌ Not yet: with down=1, right=0: down and right are swapped: rows are axis 1 of "
            "pictures (n, 28, 28), columns axis 2.",
        ),
        (
            lambda p, d, r: p.reshape(len(p), -1),
            "❌ Not yet: expected shape (3, 28, 28), like pictures, got shape (3, 784) "
            f"(down=1, right=0). {SHIFT_HINT}",
        ),
        (
            lambda p, d, r: p,
            f"❌ Not yet: the shifted pictures are not right (down=1, right=0). {SHIFT_HINT}",
        ),
        (
            # right for every move but the last, (0, 27): only column 0 lands inside
            lambda p, d, r: _shift(p, d, r) if abs(r) < 27 else p,
            f"❌ Not yet: the shifted pictures are not right (down=0, right=27). {SHIFT_HINT}",
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

    line = WRITES_INPUT_LINE.replace("given.", "given (down=1, right=0).")
    assert said(checks.shift_pixels, scribbles) == line


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, "⏳ Not attempted yet: fill in the body of stub, then run this cell again."),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=2),
            "✅ Correct: each digit scores as its best template: z_d = max over j of z_(d, j).",
        ),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).sum(axis=2),
            "❌ Not yet: a sum of the k linear scores is one linear template again, "
            "x (w_1 + ... + w_k) + b: take the best template, the max.",
        ),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).mean(axis=2),
            "❌ Not yet: the mean of the k linear scores is one linear template again (their "
            "average picture): take the best template, the max.",
        ),
        (
            lambda Z, k: Z.reshape(len(Z), k, 10).max(axis=1),
            "❌ Not yet: those are maxima over the wrong columns: digit d's templates are the k "
            "columns d * k to d * k + k - 1, side by side.",
        ),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).max(axis=1),
            "❌ Not yet: expected shape (5, 10), one score per digit, got shape (5, 3) (k=3, "
            f"Z_sub of shape (5, 30)). {TEMPLATE_HINT}",
        ),
        (
            lambda Z, k: Z.reshape(len(Z), 10, k).argmax(axis=2),
            "❌ Not yet: the digit scores are not right (k=3, Z_sub of shape (5, 30)). "
            + TEMPLATE_HINT,
        ),
        (
            lambda Z, k: Z[:, ::k],
            "❌ Not yet: the digit scores are not right (k=3, Z_sub of shape (5, 30)). "
            + TEMPLATE_HINT,
        ),
    ],
)
def test_best_template(said, func, line):
    assert said(checks.best_template, func) == line


def test_best_template_refuses_the_helper_handed_in_as_the_answer(said):
    # `my_class_scores = class_scores`: 09 imports it, and a tripwire cannot catch a direct call.
    from helpers import class_scores

    assert said(checks.best_template, class_scores) == (
        "❌ Not yet: your function is class_scores from helpers, which does this exercise's "
        f"whole job: the exercise is to write it yourself. {TEMPLATE_HINT}"
    )
