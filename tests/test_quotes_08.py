"""Numbers quoted in 08_beyond_linear's prose, compared with the outputs they quote."""

from __future__ import annotations

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("08_beyond_linear")


def test_the_test_accuracy_in_the_introduction_and_summary(nb):
    test = shown(nb, r"test accuracy (0\.\d+); at least 0\.975")
    assert test >= 0.975
    assert said(nb, r"it reads \*\*(0\.\d+)\*\* of\s+the test digits") == test
    assert said(nb, r"256 units reach \*\*(0\.\d+)\*\*") == test
    assert said(nb, r"against \*\*(0\.\d+)\*\* for the linear model") == shown(
        nb, r"linear model: validation 0\.\d+, test (0\.\d+)"
    )


def test_the_chosen_setting_is_the_best_on_validation(nb):
    chosen = shown(nb, r"hidden 256, lr 0\.3: validation accuracy (0\.\d+)")
    others = [
        shown(nb, r"hidden  64, lr 0\.3: validation accuracy (0\.\d+)"),
        shown(nb, r"hidden 256, lr 0\.1: validation accuracy (0\.\d+)"),
    ]
    assert chosen > max(others)


@pytest.mark.parametrize(
    ("quote", "model", "pixels"),
    [
        (r"moved by 1 pixel it still reads \*\*(0\.\d+)\*\*", "network", 1),
        (r"the linear model \*\*(0\.\d+)\*\*, and at 2", "linear", 1),
        (r"at 2 pixels \*\*(0\.\d+)\*\* against", "network", 2),
        (r"against \*\*(0\.\d+)\*\*\. But it falls", "linear", 2),
        (r"too, to \*\*(0\.\d+)\*\* at 3 pixels", "network", 3),
    ],
)
def test_the_shifted_digit_figures(nb, quote, model, pixels):
    pattern = {
        "linear": rf"shift {pixels} px: linear (0\.\d+)",
        "network": rf"shift {pixels} px: linear 0\.\d+, network (0\.\d+)",
    }[model]
    assert said(nb, quote) == shown(nb, pattern)


def test_the_groups_of_digits(nb):
    assert said(nb, r"The network reads \*\*(\d+)\*\* test digits") == shown(
        nb, r"only the network right\s+(\d+)\n"
    )
    assert said(nb, r"gets only \*\*(\d+)\*\*") == shown(
        nb, r"only the linear model right\s+(\d+)\n"
    )
    assert said(nb, r"\(The (\d+) digits only the linear") == shown(
        nb, r"only the linear model right\s+(\d+)\n"
    )
    assert said(nb, r"The \*\*(\d+)\*\* digits both models misread") == shown(
        nb, r"both wrong\s+(\d+)\n"
    )


@pytest.mark.parametrize(
    ("quote", "group", "column"),
    [
        (r"usual slant \(median\s+\*\*(\d\.\d+)\*\*", "only the network right", 0),
        (r"against \*\*(\d\.\d+)\*\*\) and ink", "both right", 0),
        (r"and ink \(\*\*(\d+)\*\* against", "only the network right", 1),
        (r"against \*\*(\d+)\*\* inked pixels", "both right", 1),
        (r"\(\*\*(\d\.\d+)\*\* and \*\*\d+\*\*\)", "both wrong", 0),
        (r"\(\*\*\d\.\d+\*\* and \*\*(\d+)\*\*\)", "both wrong", 1),
    ],
)
def test_the_slant_and_ink_medians(nb, quote, group, column):
    values = [r"(\d+\.\d+)\s+\d+\b", r"\d+\.\d+\s+(\d+)\b"][column]
    assert said(nb, quote) == shown(nb, rf"{group}\s+{values}")
