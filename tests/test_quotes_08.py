"""Numbers quoted in 08_beyond_linear's prose, compared with the outputs they quote.

The network's figures differ between CPUs in their last digits (SGD amplifies the rounding of
the BLAS kernel), so the notebook prints them rounded or as verdicts against far thresholds,
and the prose quotes those.
"""

from __future__ import annotations

import re

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("08_beyond_linear")


def _outputs(nb) -> str:
    return "\n".join(
        output.get("text", "") for cell in nb.cells for output in cell.get("outputs", [])
    )


def test_the_test_accuracy_in_the_introduction_and_summary(nb):
    test = shown(nb, r"test accuracy (0\.\d+); at least 0\.975: True")
    assert test >= 0.975
    assert said(nb, r"it reads \*\*(0\.\d+)\*\* of\s+the test digits") == test
    assert said(nb, r"256 units reach \*\*(0\.\d+)\*\*") == test
    assert said(nb, r"against \*\*(0\.\d+)\*\* for the linear model") == shown(
        nb, r"linear model: validation 0\.\d+, test (0\.\d+)"
    )


def test_the_chosen_setting_is_the_best_on_validation(nb):
    ranking = re.search(
        r"validation accuracy, best first:\n\s+(hidden +\d+, lr [\d.]+)\n", _outputs(nb)
    )
    assert ranking is not None
    assert ranking.group(1) == "hidden 256, lr 0.3"
    assert "best ahead of the runner-up by more than 0.002: True" in _outputs(nb)


@pytest.mark.parametrize(
    ("quote", "pixels"),
    [
        (r"moved by 1 pixel it still reads more than \*\*(0\.\d+)\*\*", 1),
        (r"at 2 pixels more than \*\*(0\.\d+)\*\* against", 2),
        (r"little more than half \(above \*\*(0\.\d+)\*\*\) at 3 pixels", 3),
    ],
)
def test_the_network_floors_under_shifts(nb, quote, pixels):
    floor = shown(nb, rf"shift {pixels} px: linear 0\.\d+, network above (0\.\d+): True")
    assert said(nb, quote) == floor


@pytest.mark.parametrize(
    ("quote", "pixels"),
    [
        (r"the linear model \*\*(0\.\d+)\*\*, and at 2", 1),
        (r"against \*\*(0\.\d+)\*\*\.\s+But it falls", 2),
    ],
)
def test_the_linear_model_under_shifts(nb, quote, pixels):
    assert said(nb, quote) == shown(nb, rf"shift {pixels} px: linear (0\.\d+)")


def test_the_network_is_ahead_at_every_shift(nb):
    assert len(re.findall(r"ahead by more than 0\.05: True", _outputs(nb))) == 4


def test_the_groups_of_digits(nb):
    assert said(nb, r"The network reads \*\*more than (\d+)\*\* test digits") == shown(
        nb, r"only the network right, more than (\d+): True"
    )
    assert said(nb, r"\*\*fewer than (\d+)\*\* wrong that the linear model reads") == shown(
        nb, r"only the linear model right, fewer than (\d+): True"
    )
    assert said(nb, r"\(The fewer\s+than (\d+) digits only the linear") == shown(
        nb, r"only the linear model right, fewer than (\d+): True"
    )
    assert said(nb, r"misread \(\*\*fewer than (\d+)\*\*\)") == shown(
        nb, r"both wrong, fewer than (\d+): True"
    )


def test_the_slant_and_ink_verdicts(nb):
    for group in ["only the network right", "only the linear model right", "both wrong"]:
        assert re.search(rf"{group}\s+True\s+True\n", _outputs(nb)), group
