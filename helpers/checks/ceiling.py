"""Checkers of 09_the_ceiling: the slant from moments, a one-pixel shift, the best template."""

from __future__ import annotations

import numpy as np

from helpers.ceiling import class_scores, moments, shift_images, shift_pictures
from helpers.ceiling import slant as slants_of
from helpers.checks.feedback import NotYet, attempt, checker, compare, expect_shape, numbers, within

__all__ = ["best_template", "shift_pixels", "slant"]

SLANT_HINT = (
    "with the ink x as weights, s = sum((r - r_mean) * (c - c_mean) * x) / "
    "sum((r - r_mean)**2 * x)."
)
SHIFT_HINT = "start from np.zeros_like(pictures) and copy a slice of pictures into a slice of it."
TEMPLATE_HINT = "Z_sub.reshape(len(Z_sub), 10, k) puts digit d's templates in row d; take the max."
# The helpers that would do each exercise's whole job (tripwires while the answer runs, and
# refused as the answer itself).
SLANT_JOB, SHIFT_JOB, TEMPLATE_JOB = (
    (slants_of, moments),
    (shift_images, shift_pictures),
    (class_scores,),
)


def _stroke(rng: np.random.Generator, lean: float) -> np.ndarray:
    """A 28 x 28 picture of a thick stroke leaning `lean` columns per row, plus faint specks."""
    r, c = np.mgrid[0:28, 0:28].astype(np.float64)
    top, centre = rng.uniform(4, 8), rng.uniform(11, 16)
    along = centre + lean * (r - 14)  # the stroke's column in each row
    ink = np.clip(1.6 - np.abs(c - along), 0, 1) * ((r >= top) & (r <= 28 - top))
    specks = rng.uniform(size=(28, 28)) * (rng.uniform(size=(28, 28)) < 0.01)
    return np.clip(ink + 0.3 * specks, 0, 1)


def _slant_mistakes(picture: np.ndarray) -> dict[str, float]:
    """The slants a known mistake gives for one picture (28, 28)."""
    r, c = np.mgrid[0:28, 0:28].astype(np.float64)

    def moments(weights):
        total = weights.sum()
        dr = r - (r * weights).sum() / total
        dc = c - (c * weights).sum() / total
        return ((dr * dc * weights).sum(), (dr**2 * weights).sum(), (dc**2 * weights).sum())

    cov, var_r, var_c = moments(picture)
    cov_b, var_r_b, _ = moments((picture > 0).astype(np.float64))
    return {
        "sign": -cov / var_r,
        "columns": cov / var_c,
        "correlation": cov / np.sqrt(var_r * var_c),
        "inverse": var_r / cov,
        "raw": (r * c * picture).sum() / (r**2 * picture).sum(),
        "binary": cov_b / var_r_b,
    }


SLANT_MISTAKES = {
    "sign": "your slants have the wrong sign: s is how many columns the stroke moves RIGHT per "
    "row DOWN, so a / (top to the right) has s < 0.",
    "columns": "you divided by the variance of the columns; the slant is the slope of c against "
    "r, so divide the covariance by the variance of the rows.",
    "correlation": "that is the correlation of r and c, which only says how straight the stroke "
    "is; the slant is the covariance over the variance of r alone.",
    "inverse": "that is var(r) / cov(r, c), upside down: rows per column, not columns per row.",
    "raw": "the moments must be taken about the centre of the ink: subtract r_mean and c_mean "
    "first.",
    "binary": "you counted every inked pixel alike; weight each pixel by its ink x instead.",
}


@checker
def slant(my_slant: object) -> str:
    """Exercise in 09: the slant s = cov(r, c) / var(r) of one picture (28, 28)."""
    rng = np.random.default_rng(9)
    pictures = [_stroke(rng, lean) for lean in (-0.35, 0.0, 0.25, 0.6)]
    got = []
    for picture in pictures:
        result = attempt(my_slant, picture, hint=SLANT_HINT, whole_job=SLANT_JOB)
        value = numbers(result, "one number, the slant")
        if value.size != 1:
            raise NotYet(
                f"expected one number for a picture, got shape {value.shape}. Hint: {SLANT_HINT}"
            )
        got.append(float(value.reshape(-1)[0]))
    expected = np.array([float(moments(p[None])[1][0]) for p in pictures])
    wrong = [_slant_mistakes(p) for p in pictures]
    table = [(np.array([w[name] for w in wrong]), text) for name, text in SLANT_MISTAKES.items()]
    compare(
        np.array(got),
        expected,
        close=within(rtol=1e-4, atol=1e-6),
        mistakes=table,
        otherwise=f"the slants of four test strokes are not right. Hint: {SLANT_HINT}",
    )
    return (
        f"slants {', '.join(f'{s:.2f}' for s in expected)} for four test strokes: columns moved "
        "right per row down."
    )


# (down, right, n): both signs, no move, a move of all but one column, and n varied.
SHIFT_CASES = ((1, 0, 3), (0, -1, 2), (-2, 1, 1), (0, 0, 3), (0, 27, 2), (-27, -3, 1))


def _shift_mistakes(pictures: np.ndarray, down: int, right: int) -> tuple:
    return (
        (
            np.roll(pictures, (down, right), axis=(1, 2)),
            "np.roll wraps the ink pushed over one edge round to the other side; a shifted "
            "digit should leave blank pixels behind.",
        ),
        (
            shift_pictures(pictures, -down, -right),
            "the picture moved the opposite way: `down` rows down means row r lands on r + down.",
        ),
        (
            shift_pictures(pictures, right, down),
            "down and right are swapped: rows are axis 1 of pictures (n, 28, 28), columns axis 2.",
        ),
    )


@checker
def shift_pixels(my_shift: object) -> str:
    """Exercise in 09: pictures (n, 28, 28) moved down and right, blank where ink left."""
    rng = np.random.default_rng(19)
    for down, right, n in SHIFT_CASES:
        pictures = rng.uniform(size=(n, 28, 28)) * (rng.uniform(size=(n, 28, 28)) < 0.4)
        context = f" (down={down}, right={right})"
        result = attempt(
            my_shift,
            pictures,
            down,
            right,
            hint=SHIFT_HINT,
            context=context,
            whole_job=SHIFT_JOB,
        )
        got = numbers(result, "an array like pictures")
        expect_shape(
            got,
            pictures.shape,
            otherwise=f"expected shape {pictures.shape}, like pictures, got shape {got.shape}"
            f"{context}. Hint: {SHIFT_HINT}",
        )
        compare(
            got,
            shift_pictures(pictures, down, right),
            mistakes=_shift_mistakes(pictures, down, right),
            lead=f"with down={down}, right={right}: ",
            otherwise=f"the shifted pictures are not right{context}. Hint: {SHIFT_HINT}",
        )
    return "every move puts pixel (r, c) at (r + down, c + right), and what leaves is lost."


TEMPLATE_CASES = ((3, 5), (1, 4), (4, 6))


def _template_mistakes(Z: np.ndarray, k: int) -> tuple:
    by_digit = Z.reshape(len(Z), 10, k)
    by_template = Z.reshape(len(Z), k, 10)
    return (
        (
            by_digit.sum(axis=2),
            "a sum of the k linear scores is one linear template again, x (w_1 + ... + w_k) "
            "+ b: take the best template, the max.",
        ),
        (
            by_digit.mean(axis=2),
            "the mean of the k linear scores is one linear template again (their average "
            "picture): take the best template, the max.",
        ),
        (
            by_template.max(axis=1),
            "those are maxima over the wrong columns: digit d's templates are the k columns "
            "d * k to d * k + k - 1, side by side.",
        ),
    )


@checker
def best_template(my_class_scores: object) -> str:
    """Exercise in 09: the scores (n, 10) of each digit as the max of its k templates' scores."""
    rng = np.random.default_rng(29)
    for k, n in TEMPLATE_CASES:
        Z = rng.normal(size=(n, 10 * k))
        context = f" (k={k}, Z_sub of shape {Z.shape})"
        result = attempt(
            my_class_scores, Z, k, hint=TEMPLATE_HINT, context=context, whole_job=TEMPLATE_JOB
        )
        got = numbers(result, "an array of scores")
        expect_shape(
            got,
            (n, 10),
            otherwise=f"expected shape {(n, 10)}, one score per digit, got shape {got.shape}"
            f"{context}. Hint: {TEMPLATE_HINT}",
        )
        compare(
            got,
            Z.reshape(n, 10, k).max(axis=2),
            mistakes=_template_mistakes(Z, k),
            otherwise=f"the digit scores are not right{context}. Hint: {TEMPLATE_HINT}",
        )
    return "each digit scores as its best template: z_d = max over j of z_(d, j)."
