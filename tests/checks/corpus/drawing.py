"""Wrong answers to 07's checkers: the evidence map, the filled 0 and the fooling drawing.

The drawing checkers need a model: a small one built from three stored drawings (class 0 is
the ring's ink, class 8 the ink that fills it, class 1 the stroke of a 1), so the corpus needs
no training and reads the same everywhere.
"""

from __future__ import annotations

from string import Formatter

import numpy as np

import helpers
from helpers import evidence_map, example_drawing, render_strokes, to_mnist
from helpers.messages import entries, message
from tests.checks.corpus import Wrong


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/drawing.py."""
    return message("checks.drawing", key, "en", **fields)


def piece(key: str, index: int) -> str:
    """One stretch of the literal text of a sentence of that catalog."""
    return [text for text, *_ in Formatter().parse(entries("checks.drawing")[key]) if text][index]


def read_as_meant(digit: int) -> str:
    """How a drawing of `digit` that the model reads as drawn is told, up to its probability."""
    return piece("read_as_meant", 0) + f"{digit}" + piece("read_as_meant", 1) + a_digit(digit)


def a_digit(digit: int) -> str:
    """The digit with its article (none of these is an 8)."""
    return says("a_digit", digit=digit)


def not_read(what: str) -> str:
    """How a drawing that cannot be read is told, up to helpers.drawing's reason."""
    return says("unreadable", what=says(what), error="")


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
    Wrong((lambda x, W, k: x * W[:, k],), says("vote"), "05's vote"),
    Wrong((lambda x, W, k: W[:, k] - W.mean(axis=1),), says("no_x"), "no x"),
    Wrong((lambda x, W, k: x * (W.mean(axis=1) - W[:, k]),), says("flipped"), "sign"),
    Wrong((lambda x, W, k: x * (W[:, k] - W.mean()),), says("global_mean"), "global mean"),
    Wrong((lambda x, W, k: x * (W[:, k] - W[:, k].mean()),), says("class_mean"), "axis 0"),
    Wrong((lambda x, W, k: x * (W[:, k] - W.mean(axis=1)) / 10,), says("divided"), "/10"),
    Wrong((fixed_class,), says("other_class", other=3, k=0), "one k typed in"),
    Wrong((lambda x, W, k: x @ W,), says("shape_ten"), "x @ W"),
    Wrong((lambda x, W, k: x[:, None] * W,), says("shape_all_classes"), "all classes"),
    Wrong(
        (lambda x, W, k: (x * (W[:, k] - W.mean(axis=1))).reshape(28, 28),),
        says("shape_map"),
        "28 x 28",
    ),
    Wrong((calls_the_helper,), "calls evidence_map from helpers", "evidence_map inside"),
    Wrong((through_the_module,), "calls pixel_evidence from helpers", "through the module"),
    Wrong((evidence_map,), "your function is evidence_map from helpers", "evidence = evidence_map"),
    Wrong((as_text,), "numbers written as strings", "strings"),
    Wrong((in_place,), "writes into an array it was given", "x *= ..."),
    Wrong((no_return,), "your function returned None", "no return"),
    Wrong(
        (lambda x, W, k: np.full(784, np.nan),),
        says("evidence_wrong", hint=says("evidence_hint")),
        "NaN",
    ),
]

FILLED_ZERO = [
    Wrong(([], W, b), says("pad_blank"), "blank pad"),
    Wrong(("ring", W, b), says("not_strokes", kind="str"), "a string"),
    Wrong((RING, W, b), says("one_stroke"), "the ring alone"),
    Wrong((RING + RING, W, b), says("ink_on_ring", centre=0.0, ring=1.0), "the ring twice"),
    Wrong(
        (RING + [[RING[0][10]]], W, b),
        says("ink_on_ring", centre=0.0, ring=1.0),
        "a dot on the ring",
    ),
    Wrong(
        (RING + [[[190, 200], [215, 250], [225, 270]]], W, b),
        says("ink_outside", outside=0.99),
        "a tail outside",
    ),
    Wrong((example_drawing("zero inked outside"), W, b), piece("ink_outside", 0), "ink outside"),
    Wrong(
        (example_drawing("zero inked on the ring"), W, b),
        says("ink_outside", outside=0.37),
        "ink across the line",
    ),
    Wrong((RING + [[[142, 140]]], W, b), piece("not_half", -1), "one dot in the centre"),
    Wrong(
        (example_drawing("one") + RING, W, b),
        piece("ring_not_zero", 0) + a_digit(1) + piece("ring_not_zero", 1),
        "first stroke not a 0",
    ),
    Wrong(
        (example_drawing("filled zero"), ANY_INK_W, ANY_INK_B),
        piece("control_too", 0),
        "the control falls",
    ),
    Wrong(([[[1, 2, 3]], [[4, 5]]], W, b), not_read("what_first_stroke"), "bad points"),
]

ONE = example_drawing("one")
FOOLING_DRAWING = [
    Wrong(([], 1, W, b), says("pad_blank"), "blank pad"),
    Wrong(("a 1", 1, W, b), says("not_strokes", kind="str"), "a string"),
    Wrong((ONE, 1, W, b), read_as_meant(1), "read as meant"),
    Wrong((RING, 0, W, b), read_as_meant(0), "a plain 0"),
    Wrong((ONE, 10, W, b), says("meant_not_digit", meant=repr(10)), "meant 10"),
    Wrong((ONE, -1, W, b), says("meant_not_digit", meant=repr(-1)), "meant -1"),
    Wrong((ONE, 2.0, W, b), says("meant_not_digit", meant=repr(2.0)), "meant a float"),
    Wrong((ONE, True, W, b), says("meant_not_digit", meant=repr(True)), "meant True"),
    Wrong((ONE, "7", W, b), says("meant_not_digit", meant=repr("7")), "meant a string"),
    Wrong(([[[1, 2, 3]]], 7, W, b), not_read("what_drawing"), "bad points"),
]

CORPUS = {"evidence": EVIDENCE, "filled_zero": FILLED_ZERO, "fooling_drawing": FOOLING_DRAWING}
