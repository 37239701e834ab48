"""Wrong answers to 07's checkers: the evidence map, the filled 0 and the fooling drawing.

The drawing checkers need a model: a small one built from three stored drawings (class 0 is
the ring's ink, class 8 the ink that fills it, class 1 the stroke of a 1), so the corpus needs
no training and reads the same everywhere.
"""

from __future__ import annotations

import numpy as np

import helpers
from helpers import evidence_map, example_drawing, render_strokes, to_mnist
from tests.checks.corpus import Wrong


def _image(name: str) -> np.ndarray:
    return to_mnist(render_strokes(example_drawing(name))).reshape(784)


def _model() -> tuple[np.ndarray, np.ndarray]:
    """W (784, 10), b (10,) that read the ring as 0, the filled ring as 8, the stroke as 1."""
    ring, one = _image("zero"), _image("one")
    centre = np.clip(_image("filled zero") - ring, 0, None)
    W = np.zeros((784, 10))
    W[:, 0], W[:, 8], W[:, 1] = (
        30 * ring / ring.sum(),
        60 * centre / centre.sum(),
        30 * one / one.sum(),
    )
    return W, np.zeros(10)


W, b = _model()
RING = example_drawing("zero")
# A model that counts ink against a 0 wherever it lies: only the control tells it apart.
ANY_INK_W, ANY_INK_B = np.zeros((784, 10)), np.zeros(10)
ANY_INK_W[:, 0], ANY_INK_B[0] = -0.1, 12.0


def fixed_class(x, W, k):
    return x * (W[:, 3] - W.mean(axis=1))  # k=3 typed in: the first case's class


def calls_the_helper(x, W, k):
    return evidence_map(x, W, k).reshape(784)


def through_the_module(x, W, k):
    return helpers.drawing.pixel_evidence(x, W, k).reshape(784)


def as_text(x, W, k):
    return [str(v) for v in x * (W[:, k] - W.mean(axis=1))]


def in_place(x, W, k):
    x *= W[:, k] - W.mean(axis=1)
    return x


def no_return(x, W, k):
    e = x * (W[:, k] - W.mean(axis=1))  # noqa: F841 - the learner forgot `return e`


EVIDENCE = [
    Wrong((lambda x, W, k: x * W[:, k],), "that is 05's vote", "05's vote"),
    Wrong((lambda x, W, k: W[:, k] - W.mean(axis=1),), "multiply by x", "no x"),
    Wrong((lambda x, W, k: x * (W.mean(axis=1) - W[:, k]),), "the sign is flipped", "sign"),
    Wrong((lambda x, W, k: x * (W[:, k] - W.mean()),), "W.mean() is over all", "global mean"),
    Wrong(
        (lambda x, W, k: x * (W[:, k] - W[:, k].mean()),), "that mean is over the pixels", "axis 0"
    ),
    Wrong((lambda x, W, k: x * (W[:, k] - W.mean(axis=1)) / 10,), "no division by 10", "/10"),
    Wrong((fixed_class,), "that is the evidence for class 3, but k was 0", "one k typed in"),
    Wrong((lambda x, W, k: x @ W,), "that is 10 numbers", "x @ W"),
    Wrong((lambda x, W, k: x[:, None] * W,), "that is every class's evidence", "all classes"),
    Wrong(
        (lambda x, W, k: (x * (W[:, k] - W.mean(axis=1))).reshape(28, 28),),
        "that is a 28 x 28 map",
        "28 x 28",
    ),
    Wrong((calls_the_helper,), "calls evidence_map from helpers", "evidence_map inside"),
    Wrong((through_the_module,), "calls pixel_evidence from helpers", "through the module"),
    Wrong((evidence_map,), "your function is evidence_map from helpers", "evidence = evidence_map"),
    Wrong((as_text,), "numbers written as strings", "strings"),
    Wrong((in_place,), "writes into an array it was given", "x *= ..."),
    Wrong((no_return,), "your function returned None", "no return"),
    Wrong((lambda x, W, k: np.full(784, np.nan),), "that is not the evidence map", "NaN"),
]

FILLED_ZERO = [
    Wrong(([], W, b), "the pad was blank", "blank pad"),
    Wrong(("ring", W, b), "expected the strokes that lab.drawing() returns", "a string"),
    Wrong((RING, W, b), "only one stroke", "the ring alone"),
    Wrong((RING + RING, W, b), "thickens the 0 instead of filling it", "the ring twice"),
    Wrong((RING + [[RING[0][10]]], W, b), "100% on the ring's own line", "a dot on the ring"),
    Wrong(
        (RING + [[[190, 200], [215, 250], [225, 270]]], W, b),
        "99% of the ink you added lies outside the ring",
        "a tail outside",
    ),
    Wrong((example_drawing("zero inked outside"), W, b), "lies outside the ring", "ink outside"),
    Wrong(
        (example_drawing("zero inked on the ring"), W, b),
        "37% of the ink you added lies outside",
        "ink across the line",
    ),
    Wrong((RING + [[[142, 140]]], W, b), "not yet half", "one dot in the centre"),
    Wrong(
        (example_drawing("one") + RING, W, b),
        "your first stroke alone was read as a 1, not a 0",
        "first stroke not a 0",
    ),
    Wrong(
        (example_drawing("filled zero"), ANY_INK_W, ANY_INK_B),
        "the same amount of ink laid on the ring's line lowers P(0) too",
        "the control falls",
    ),
    Wrong(([[[1, 2, 3]], [[4, 5]]], W, b), "your first stroke could not be read", "bad points"),
]

ONE = example_drawing("one")
FOOLING_DRAWING = [
    Wrong(([], 1, W, b), "the pad was blank", "blank pad"),
    Wrong(("a 1", 1, W, b), "expected the strokes that lab.drawing() returns", "a string"),
    Wrong((ONE, 1, W, b), "the model read your 1 as a 1", "read as meant"),
    Wrong((RING, 0, W, b), "the model read your 0 as a 0", "a plain 0"),
    Wrong((ONE, 10, W, b), "a whole number 0 to 9, got 10", "meant 10"),
    Wrong((ONE, -1, W, b), "a whole number 0 to 9, got -1", "meant -1"),
    Wrong((ONE, 2.0, W, b), "a whole number 0 to 9, got 2.0", "meant a float"),
    Wrong((ONE, True, W, b), "a whole number 0 to 9, got True", "meant True"),
    Wrong((ONE, "7", W, b), "a whole number 0 to 9, got '7'", "meant a string"),
    Wrong(([[[1, 2, 3]]], 7, W, b), "the drawing could not be read", "bad points"),
]

CORPUS = {"evidence": EVIDENCE, "filled_zero": FILLED_ZERO, "fooling_drawing": FOOLING_DRAWING}
