"""Checkers of 08_beyond_linear: every diagnosis, word for word."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import checks
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.messages import message
from tests.checks.corpus.mlp import all_images, count, kept_only, no_b2, precision, zeroes_H


def says(key: str, **fields: object) -> str:
    """A sentence of the English catalog of helpers/checks/mlp.py."""
    return message("checks.mlp", key, "en", **fields)


def not_yet(key: str, **fields: object) -> str:
    """The ❌ line of one sentence of the catalog."""
    return f"{NOT_YET} {says(key, **fields)}"


STUB = f"{NOT_ATTEMPTED} fill in the body of stub, then run this cell again."
RELU_HINT = says("relu_hint")
ABLATION_HINT = says("ablation_hint")


def stub(*args):
    """What a shipped exercise function does: its body is `...`."""
    ...


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        (
            ...,
            f"{NOT_ATTEMPTED} replace the ... with {says('count_what')}, then run this cell again.",
        ),
        (203530, f"{CORRECT} 203530 is {says('count_what')}."),
        *[
            (wrong, f"{NOT_YET} {wrong}: {says(key)}")
            for wrong, key in (
                (203264, "count_weights_only"),
                (7850, "count_linear"),
                (200704, "count_w1_only"),
                (2007040, "count_multiplied"),
            )
        ],
        (5, f"{NOT_YET} 5 is not {says('count_what')}. Hint: {says('count_hint')}"),
    ],
)
def test_mlp_parameter_count(said, answer, line):
    assert said(checks.mlp_parameter_count, answer) == line


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, STUB),
        (lambda dH, A: dH * (A > 0), f"{CORRECT} {says('relu_correct')}"),
        (lambda dH, A: dH, not_yet("relu_unchanged")),
        (lambda dH, A: dH * np.maximum(A, 0), not_yet("relu_value")),
        (lambda dH, A: dH * (A < 0), not_yet("relu_negative")),
        (lambda dH, A: np.maximum(dH, 0), not_yet("relu_on_dh")),
        (lambda dH, A: dH.T, not_yet("relu_shape", shape=(6, 5), got=(5, 6), hint=RELU_HINT)),
        (
            lambda dH, A: 2 * dH,
            not_yet("relu_wrong", context=says("relu_context", shape=(6, 5)), hint=RELU_HINT),
        ),
    ],
)
def test_relu_backward(said, func, line):
    assert said(checks.relu_backward, func) == line


@pytest.mark.parametrize(
    "func",
    [
        lambda dH, A: np.where(A > 0, dH, 0.0),
        lambda dH, A: dH * np.heaviside(A, 0.0),
        lambda dH, A: (dH * (A > 0)).astype(np.float32),
        lambda dH, A: [list(row) for row in dH * (A > 0)],
    ],
)
def test_relu_backward_passes_right_answers_written_any_way(said, func):
    # The wrong answers, A >= 0 among them, are in tests/checks/corpus/mlp.py.
    assert said(checks.relu_backward, func).startswith(CORRECT)


def solution(H, W2, b2, y, k, units):
    quiet = H[y == k]
    quiet[:, units] = 0
    return float(((quiet @ W2 + b2).argmax(axis=1) == k).mean())


def none_removed(H, W2, b2, y, k, units):
    return float(((H[y == k] @ W2 + b2).argmax(axis=1) == k).mean())


def not_a_share(kind: str) -> str:
    """The ❌ line for an answer that is not one number."""
    return not_yet("not_a_share", kind=kind, hint=ABLATION_HINT)


@pytest.mark.parametrize(
    ("func", "line"),
    [
        (stub, STUB),
        (solution, f"{CORRECT} {says('ablation_correct')}"),
        (zeroes_H, not_yet("changed_h")),
        (all_images, not_yet("ablation_all_images")),
        (no_b2, not_yet("ablation_no_b2")),
        (kept_only, not_yet("ablation_kept_only")),
        (none_removed, not_yet("ablation_none_removed")),
        (precision, not_yet("ablation_precision")),
        (count, not_yet("ablation_count")),
        (lambda *args: 1 - solution(*args), not_yet("ablation_error")),
        (lambda *args: 0.5, not_yet("ablation_wrong", hint=ABLATION_HINT)),
        (lambda *args: "high", not_a_share("str")),
        (lambda *args: np.array([0.5]), not_a_share("ndarray")),
        (lambda H, W2, b2, y, k, units: H[units], not_a_share("ndarray")),
    ],
)
def test_class_accuracy_without(said, func, line):
    assert said(checks.class_accuracy_without, func) == line


def test_mlp_parameter_count_knows_the_five_unit_network(said):
    line = said(checks.mlp_parameter_count, 3985)
    assert line == f"{NOT_YET} 3985: {says('count_five_units')}"


def test_relu_backward_refuses_the_slope_1_at_0(said):
    # Issue 17: A >= 0 passed while no case had an A of exactly 0; every case has some now.
    assert said(checks.relu_backward, lambda dH, A: dH * (A >= 0)) == not_yet("relu_at_zero")


def test_a_chinese_kernel_hears_each_mistake_in_chinese(said, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")

    def zh(key: str, **fields: object) -> str:
        return message("checks.mlp", key, "zh", **fields)

    line = said(checks.mlp_parameter_count, 203520)
    assert line.startswith("❌") and line.endswith(zh("count_no_b2")), line
    assert said(checks.relu_backward, lambda dH, A: dH).endswith(zh("relu_unchanged"))
    assert said(checks.class_accuracy_without, count).endswith(zh("ablation_count"))
