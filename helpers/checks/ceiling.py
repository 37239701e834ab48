"""Checkers of 09_the_ceiling: the slant from moments, a one-pixel shift, the best template."""

from __future__ import annotations

import numpy as np

from helpers.ceiling import class_scores, moments, shift_images, shift_pictures
from helpers.ceiling import slant as slants_of
from helpers.checks.feedback import NotYet, attempt, checker, compare, expect_shape, numbers, within
from helpers.messages import catalog

__all__ = ["best_template", "shift_pixels", "slant"]

say = catalog("checks.ceiling")
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


# The mistakes _slant_mistakes knows, in the order they are tried; each is said by the
# catalog's "slant_<name>".
SLANT_MISTAKES = ("sign", "columns", "correlation", "inverse", "raw", "binary")


@checker(answer="function", points=2)
def slant(my_slant: object) -> str:
    """Exercise in 09: the slant s = cov(r, c) / var(r) of one picture (28, 28)."""
    rng = np.random.default_rng(9)
    pictures = [_stroke(rng, lean) for lean in (-0.35, 0.0, 0.25, 0.6)]
    hint, got = say("slant_hint"), []
    for picture in pictures:
        result = attempt(my_slant, picture, hint=hint, whole_job=SLANT_JOB)
        value = numbers(result, say("slant_expected"))
        if value.size != 1:
            raise NotYet(say("slant_size", shape=value.shape, hint=hint))
        got.append(float(value.reshape(-1)[0]))
    expected = np.array([float(moments(p[None])[1][0]) for p in pictures])
    wrong = [_slant_mistakes(p) for p in pictures]
    table = [(np.array([w[name] for w in wrong]), say(f"slant_{name}")) for name in SLANT_MISTAKES]
    compare(
        np.array(got),
        expected,
        close=within(rtol=1e-4, atol=1e-6),
        mistakes=table,
        otherwise=say("slants_wrong", hint=hint),
    )
    return say("slant_correct", slants=", ".join(f"{s:.2f}" for s in expected))


# (down, right, n): both signs, no move, a move of all but one column, and n varied.
SHIFT_CASES = ((1, 0, 3), (0, -1, 2), (-2, 1, 1), (0, 0, 3), (0, 27, 2), (-27, -3, 1))


def _shift_mistakes(pictures: np.ndarray, down: int, right: int) -> tuple:
    return (
        (np.roll(pictures, (down, right), axis=(1, 2)), say("shift_roll")),
        (shift_pictures(pictures, -down, -right), say("shift_opposite")),
        (shift_pictures(pictures, right, down), say("shift_swapped")),
    )


@checker(answer="function", points=2)
def shift_pixels(my_shift: object) -> str:
    """Exercise in 09: pictures (n, 28, 28) moved down and right, blank where ink left."""
    rng = np.random.default_rng(19)
    hint = say("shift_hint")
    for down, right, n in SHIFT_CASES:
        pictures = rng.uniform(size=(n, 28, 28)) * (rng.uniform(size=(n, 28, 28)) < 0.4)
        context = say("shift_context", down=down, right=right)
        result = attempt(
            my_shift,
            pictures,
            down,
            right,
            hint=hint,
            context=context,
            whole_job=SHIFT_JOB,
        )
        got = numbers(result, say("shift_expected"))
        expect_shape(
            got,
            pictures.shape,
            otherwise=say(
                "shift_shape", expected=pictures.shape, shape=got.shape, context=context, hint=hint
            ),
        )
        compare(
            got,
            shift_pictures(pictures, down, right),
            mistakes=_shift_mistakes(pictures, down, right),
            lead=say("shift_lead", down=down, right=right),
            otherwise=say("shift_wrong", context=context, hint=hint),
        )
    return say("shift_correct")


TEMPLATE_CASES = ((3, 5), (1, 4), (4, 6))


def _template_mistakes(Z: np.ndarray, k: int) -> tuple:
    by_digit = Z.reshape(len(Z), 10, k)
    by_template = Z.reshape(len(Z), k, 10)
    return (
        (by_digit.sum(axis=2), say("template_sum")),
        (by_digit.mean(axis=2), say("template_mean")),
        (by_template.max(axis=1), say("template_columns")),
    )


@checker(answer="function", points=2)
def best_template(my_class_scores: object) -> str:
    """Exercise in 09: the scores (n, 10) of each digit as the max of its k templates' scores."""
    rng = np.random.default_rng(29)
    hint = say("template_hint")
    for k, n in TEMPLATE_CASES:
        Z = rng.normal(size=(n, 10 * k))
        context = say("template_context", k=k, shape=Z.shape)
        result = attempt(my_class_scores, Z, k, hint=hint, context=context, whole_job=TEMPLATE_JOB)
        got = numbers(result, say("template_expected"))
        expect_shape(
            got,
            (n, 10),
            otherwise=say(
                "template_shape", expected=(n, 10), shape=got.shape, context=context, hint=hint
            ),
        )
        compare(
            got,
            Z.reshape(n, 10, k).max(axis=2),
            mistakes=_template_mistakes(Z, k),
            otherwise=say("template_wrong", context=context, hint=hint),
        )
    return say("template_correct")
