"""Numbers quoted in 08_beyond_linear's prose, compared with the outputs they quote.

The network's figures differ between CPUs in their last digits (SGD amplifies the rounding of
the BLAS kernel), so the notebook prints them rounded coarsely with a bound beside them, and
the prose quotes those; the tests also check that each bound holds for the value printed.
"""

from __future__ import annotations

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("08_beyond_linear")


def test_the_test_accuracies_in_the_summary(nb):
    test = shown(nb, r"network: test accuracy (0\.\d+) \(at least 0\.975\)")
    assert test >= 0.975
    assert said(nb, r"read \*\*(0\.\d+)\*\* of the test digits") == test
    assert said(nb, r"test digits, against \*\*(0\.\d+)\*\*") == shown(
        nb, r"linear model: test accuracy (0\.\d+)"
    )


def test_the_screening_chose_256_units(nb):
    best = shown(nb, r"hidden 256, lr 0\.3: validation (0\.\d+)")
    assert best >= shown(nb, r"hidden  64, lr 0\.3: validation (0\.\d+)")
    assert best > shown(nb, r"hidden 256, lr 0\.1: validation (0\.\d+)")
    assert shown(nb, r"the best reads about (\d+) more of the 10,000 images \(at least 20\)") >= 20
    assert said(nb, r"(256) units at `lr=0\.3` come first") == 256


def test_the_validation_curve_passes_the_linear_model(nb):
    first = shown(nb, r"network: validation (0\.\d+) after epoch 1")
    last = shown(nb, r"after epoch 1, (0\.\d+) after epoch 10 \(at least 0\.975\)")
    linear = shown(nb, r"linear model: validation (0\.\d+)")
    assert first > linear and last >= 0.975


def test_the_learned_change_ratio(nb):
    ratio = shown(nb, r"size of the learned change against the start: (0\.\d+)")
    assert said(nb, r"the random start \(\*\*(0\.\d+)\*\*\)") == ratio
    assert said(nb, r"the change is \*\*(0\.\d+)\*\* of it") == ratio
    assert ratio < 1


def test_the_best_match_statistic(nb):
    linear = shown(nb, r"linear maps: +median best correlation (0\.\d+)")
    trained = shown(nb, r"as trained: median best correlation (0\.\d+)")
    learned = shown(nb, r"the change: median best correlation (0\.\d+)")
    assert said(nb, r"The trained maps' \*\*(0\.\d+)\*\*") == trained
    assert said(nb, r"the learned change alone\s+scores \*\*(0\.\d+)\*\*") == learned
    assert said(nb, r"against \*\*(0\.\d+)\*\* for the linear maps") == linear
    assert trained < learned < linear


def test_the_rescued_and_lost_counts(nb):
    rescued = shown(nb, r"read only by the network: about (\d+) \(more than 500\)")
    lost = shown(nb, r"read only by the linear model: about (\d+) \(fewer than 50\)")
    assert said(nb, r"rescues about \*\*(\d+)\*\* validation digits") == rescued
    assert said(nb, r"and loses about \*\*(\d+)\*\*") == lost
    assert rescued > 500 and lost < 50


def test_the_rescued_digit(nb):
    three = shown(nb, r"linear scores: 3: (-?\d+\.\d+)")
    five = shown(nb, r"linear scores: 3: -?\d+\.\d+, 5: (-?\d+\.\d+)")
    assert said(nb, r"wrong by a small margin \(\*\*(\d+\.\d+)\*\*\)") == round(five - three, 2)
    assert shown(nb, r"3 ahead of 5 by about (\d+) \(at least 5\)") >= 5
    assert said(nb, r"\(units (\d+) and \d+\) worth") == shown(
        nb, r"the two strongest votes for 3: units (\d+) and"
    )
    assert said(nb, r"\(units \d+ and (\d+)\) worth") == shown(
        nb, r"the two strongest votes for 3: units \d+ and (\d+)"
    )


@pytest.mark.parametrize(
    ("quote", "output"),
    [
        (r"takes that class from \*\*(0\.\d+)\*\*", r"all 256 units: +(0\.\d+)"),
        (r"down to about \*\*(0\.\d+)\*\*", r"without its top 10: +(0\.\d+)"),
        (
            r"changes nothing you can see \(\*\*(0\.\d+)\*\*\)",
            r"without 10 random units: +(0\.\d+)",
        ),
        (r"20 strongest voters leave about \*\*(0\.\d+)\*\*", r"without its top 20: +(0\.\d+)"),
        (r"10 random units \(\*\*(0\.\d+)\*\* against", r"without its top 10: +(0\.\d+)"),
        (r"against \*\*(0\.\d+)\*\*\)\.", r"without 10 random units: +(0\.\d+)"),
    ],
)
def test_the_ablation(nb, quote, output):
    assert said(nb, quote) == shown(nb, output)


def test_the_ablation_bounds_hold(nb):
    assert shown(nb, r"all 256 units: +(0\.\d+) \(at least 0\.975\)") >= 0.975
    assert shown(nb, r"without its top 10: +(0\.\d+) \(below 0\.85\)") < 0.85
    assert shown(nb, r"without 10 random units: +(0\.\d+) \(at least 0\.975\)") >= 0.975
    assert shown(nb, r"without its top 20: +(0\.\d+) \(below 0\.4\)") < 0.4


def test_the_units_of_one_class_differ(nb):
    median = shown(nb, r"two top-5 units of a class: median correlation (0\.\d+) \(100 pairs\)")
    assert said(nb, r"A median of \*\*(0\.\d+)\*\*: the units") == median
    assert median < 0.5


def test_the_random_start_baseline(nb):
    start = shown(nb, r"random start, untrained: +median best correlation (0\.\d+)")
    assert said(nb, r"\*\*(0\.\d+)\*\* for random maps \(the\s+start\)") == start
    assert start < shown(nb, r"the change: median best correlation (0\.\d+)")
