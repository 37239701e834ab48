"""Checkers of 07_draw_a_digit: the evidence map's diagnoses, and the two drawing claims."""

from __future__ import annotations

from string import Formatter

import numpy as np
import pytest

from helpers import checks, train_sgd
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.drawings_stored import example_drawing
from helpers.messages import entries, message


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/drawing.py."""
    return message("checks.drawing", key, "en", **fields)


def not_yet(key: str, **fields: object) -> str:
    """The ❌ line of one sentence of the catalog."""
    return f"{NOT_YET} {says(key, **fields)}"


@pytest.fixture(scope="module")
def model(mnist):
    """05's model, as 07 trains it."""
    history = train_sgd(mnist[0], mnist[1], lr=0.5, batch_size=64, steps=9375, seed=0, decay=True)
    return history.W, history.b


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


def narrow_zero() -> list:
    """A 0 drawn tall and narrow: its ink runs down the middle, where the 0's map is red."""
    angles = np.linspace(0, 2 * np.pi, 30)
    return [[[140 + 25 * np.cos(t), 140 + 110 * np.sin(t)] for t in angles]]


def in_float32(x, W, k):
    x, W = x.astype(np.float32), W.astype(np.float32)
    return x * (W[:, k] - W.mean(axis=1))


@pytest.mark.parametrize(
    ("answer", "start"),
    [
        (stub, f"{NOT_ATTEMPTED} fill in the body of stub, then"),
        (lambda x, W, k: x * (W[:, k] - W.mean(axis=1)), f"{CORRECT} {says('evidence_correct')}"),
        # float32 as 05's W, and written in other ways: still the evidence (the wrong answers
        # are in tests/checks/corpus/drawing.py)
        (in_float32, CORRECT),
        (lambda x, W, k: x * W[:, k] - x * W.mean(axis=1), CORRECT),
        (lambda x, W, k: x * (W[:, k] - W.sum(axis=1) / 10), CORRECT),
    ],
)
def test_evidence_passes_right_answers_written_any_way(said, answer, start):
    assert said(checks.evidence, answer).startswith(start)


RING = example_drawing("zero")
ON_THE_LINE = not_yet("ink_on_ring", centre=0.0, ring=1.0)


def outside(share: int) -> str:
    """The ❌ line for added ink of which share % lies outside the ring."""
    return not_yet("ink_outside", outside=share / 100)


@pytest.mark.parametrize(
    ("drawn", "line"),
    [
        ([], not_yet("pad_blank")),
        ("ring", not_yet("not_strokes", kind="str")),
        (RING, not_yet("one_stroke")),
        (
            example_drawing("one") + RING,
            not_yet("ring_not_zero", digit=says("a_digit", digit=1), p=0.0),
        ),
        (RING + RING, ON_THE_LINE),  # the ring twice over
        (RING + [[RING[0][10]]], ON_THE_LINE),  # a dot on the ring (issue 17: it passed)
        (RING + [[[190, 200], [215, 250], [225, 270]]], outside(99)),  # a tail (issue 17)
        (example_drawing("zero inked outside"), outside(97)),  # the control outside
        (example_drawing("zero inked on the ring"), outside(37)),  # across the ring's line
        (
            RING + [[[142, 140]]],  # one dot in the centre: too little ink
            not_yet("not_half", before=0.99, after=0.93),
        ),
        (
            [[[1, 2, 3]], [[4, 5]]],
            # The reason is helpers.drawing's own sentence.
            not_yet(
                "unreadable",
                what=says("what_first_stroke"),
                error="Expected strokes[0] to be a list of (x, y) points, got list [[1, 2, 3]].",
            ),
        ),
        (
            example_drawing("filled zero"),
            f"{CORRECT} "
            + says(
                "filled_correct",
                before=0.99,
                after=0.0,
                centre=1.0,
                digit=says("an_digit", digit=8),
                control=1.0,
            ),
        ),
    ],
)
def test_filled_zero_names_each_mistake(said, model, drawn, line):
    assert said(checks.filled_zero, drawn, *model) == line


def test_filled_zero_is_not_attempted_while_the_stub_stands(said, model):
    assert said(checks.filled_zero, ..., *model).startswith(
        f"{NOT_ATTEMPTED} replace the ... with {says('filled_todo')}"
    )


def test_filled_zero_refuses_a_model_that_any_ink_sinks(said):
    # A model that counts ink against a 0 wherever it lies: the centre fill passes every
    # other test, and only the control (the same ink on the ring's line) tells it apart.
    W, b = np.zeros((784, 10)), np.zeros(10)
    W[:, 0], b[0] = -0.1, 12.0
    assert said(checks.filled_zero, example_drawing("filled zero"), W, b) == not_yet(
        "control_too", before=0.62, control=0.06, after=0.02
    )


def test_a_typed_fill_passes_as_the_solution_says(said, model):
    typed = RING + [[[120, 100], [165, 110], [120, 130], [165, 145], [120, 165]]]
    line = said(checks.filled_zero, typed, *model)
    start = entries("checks.drawing")["filled_correct"].split(" to ")[0].format(before=0.99)
    assert line.startswith(f"{CORRECT} {start}"), line


def test_fooling_drawing_says_what_was_read_and_where(said, model):
    W, b = model
    line = said(checks.fooling_drawing, narrow_zero(), 0, W, b)
    # The probabilities' digits depend on the machine: the sentence is matched around them.
    template = entries("checks.drawing")["fooling_correct"]
    meant, got = says("a_digit", digit=0), says("an_digit", digit=8)
    start = template.split(" (P(")[0].format(meant_digit=meant, got_digit=got)
    assert line.startswith(f"{CORRECT} {start}"), line
    parts = list(Formatter().parse(template))
    at = next(i for i, (_, field, *_) in enumerate(parts) if field == "where")
    where = parts[at][0] + says("where_middle_centre") + parts[at + 1][0].split(".")[0]
    assert where in line, line
    line = said(checks.fooling_drawing, example_drawing("one"), 1, W, b)
    assert line == not_yet("read_as_meant", meant=1, digit=says("a_digit", digit=1), p=0.99)
    assert said(checks.fooling_drawing, narrow_zero(), ..., W, b) == (
        f"{NOT_ATTEMPTED} replace the ... with {says('meant_todo')}, then run this cell again."
    )
    for meant in (10, 2.0, True, "0"):
        line = said(checks.fooling_drawing, narrow_zero(), meant, W, b)
        assert line == not_yet("meant_not_digit", meant=repr(meant))


def test_evidence_refuses_a_class_typed_in(said):
    # Issue 17: one k was tested, so k = 3 typed in passed; the cases now vary k.
    def fixed_class(x, W, k):
        return x * (W[:, 3] - W.mean(axis=1))

    assert said(checks.evidence, fixed_class) == not_yet("other_class", other=3, k=0)


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, model, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.drawing", key, "zh", **fields)

    line = said(checks.filled_zero, RING, *model)
    assert line.startswith("❌") and line.endswith(zh("one_stroke")), line
    line = said(checks.fooling_drawing, example_drawing("one"), 1, *model)
    assert line.endswith(zh("read_as_meant", meant=1, digit=zh("a_digit", digit=1), p=0.99))
    assert said(checks.evidence, lambda x, W, k: W[:, k] - W.mean(axis=1)).endswith(zh("no_x"))
