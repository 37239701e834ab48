"""Numbers quoted in 05_reading_the_weights' prose, compared with the outputs they quote."""

from __future__ import annotations

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("05_reading_the_weights")


def test_about_460_white_weights_are_strong_elsewhere(nb):
    assert said(nb, r"White is not \"does not matter\": about (\d+) weights") == shown(
        nb, r"of those, strong in another map: about (\d+)"
    )


def test_the_share_of_misread_digits(nb):
    misread = shown(nb, r"(\d+) of 10000 test digits are misread")
    assert said(nb, r"frame\), so the (\d+) misread digits") == misread
    assert said(nb, r"that: (\d+\.\d)% of the test digits fall outside") == misread / 100


def test_the_shift_figures_in_the_summary(nb):
    assert said(nb, r"from about 92% to about (\d+)%") == round(
        100 * shown(nb, r"shifted 2 px right: accuracy (0\.\d+)")
    )


def test_the_misread_digits_are_as_centred_and_differ_in_slant_and_ink(nb):
    def medians(name):
        misread = shown(nb, rf"{name}\s+(\d+\.\d+)\s+\d+\.\d+")
        right = shown(nb, rf"{name}\s+\d+\.\d+\s+(\d+\.\d+)")
        return misread, right

    position = medians(r"position \(px from centre\)")
    slant = medians(r"slant \(distance from usual\)")
    ink = medians(r"ink \(relative distance\)")
    assert abs(position[0] - position[1]) <= 0.02  # "as close to the centre as the others"
    assert slant[0] > slant[1] and ink[0] > ink[1]  # "further from ... usual"


def test_the_disc_counts_most_against_0_and_most_for_4_1_8(nb):
    # "The centre speaks most against a 0 and most for a 4, a 1 and an 8".
    text = "\n".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    lines = [
        line for line in text.splitlines() if line.startswith("digit ") and "in the disc" in line
    ]
    digits = [int(line.split()[1].rstrip(":")) for line in lines]
    assert len(digits) == 10 and digits[0] == 0 and digits[-3:] == [8, 1, 4]


def test_the_white_frame_is_exactly_zero(nb):
    assert shown(nb, r"training images: (\d+)") == 67
    assert "all of their weights are exactly 0: True" in "\n".join(
        o.get("text", "") for c in nb.cells for o in c.get("outputs", [])
    )
