"""Numbers quoted in 10_the_answer's prose, compared with the outputs they quote."""

from __future__ import annotations

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("10_the_answer")


def test_the_hardest_pair_and_the_median_pair(nb):
    hardest = shown(nb, r"3 against 5: (0\.\d+) of their training images")
    assert said(nb, r"3 against 5, is separated by one straight boundary for \*\*(0\.\d+)\*\*") == (
        hardest
    )
    assert said(nb, r"and 5, on (0\.\d+) of their training images") == hardest
    assert said(nb, r"half of the 45 pairs for more than \*\*(0\.\d+)\*\*") == shown(
        nb, r"median of the 45 pairs: (0\.\d+)"
    )
    # Far from XOR's ceiling of 3 in 4: the claim "nothing like XOR's 0.75".
    assert hardest > 0.9


def test_the_digits_that_need_a_conjunction(nb):
    group = shown(nb, r"prefer another digit: about (\d+)")
    assert said(nb, r"one validation digit in ten, \*\*(\d+)\*\*") == group
    assert round(group / 10000, 1) == 0.1
    linear = shown(nb, r"added halves wrong: linear reads (0\.\d) to")
    network = shown(nb, r"added halves wrong: .*network (0\.\d) to")
    assert said(nb, r"model reads between \*\*(0\.\d) and") == linear
    assert said(nb, r"network between \*\*(0\.\d) and") == network
    assert said(nb, r"on those the linear model reads (0\.\d) to") == linear
    assert said(nb, r"against the network's (0\.\d) to") == network
    # "loses more than one in five of them": its stretch ends at 0.8 at most.
    assert linear + 0.1 <= 0.8
    assert said(nb, r"against more than (0\.\d) of the control") == shown(
        nb, r"control: +linear reads (0\.\d) to"
    )
    assert said(nb, r"network misreads only about (\d+)\s+of nearly") == shown(
        nb, r"network misreads about (\d+) of them"
    )


@pytest.mark.parametrize(
    ("prose", "output"),
    [
        (r"About three quarters of the disc is red \(\*\*(0\.\d+)\*\*\)", "0: a red centre"),
        (r"Only \*\*(0\.\d+)\*\* of the disc makes", "the middle counts against a 0"),
        (r"it covers\s+\*\*(0\.\d+)\*\* of the band", "1: a vertical stroke"),
        (r"\"all else negative\" holds for \*\*(0\.\d+)\*\*", "1: all else negative"),
        (r"the ring is blue for (0\.\d+)", "0: a ring"),
        (r"the centre red for (0\.\d+)", "0: a red centre"),
        (r"the 1's band blue for (0\.\d+)", "1: a vertical stroke"),
        (r"\"all else\" red for (0\.\d+)", "1: all else negative"),
    ],
)
def test_each_claims_share_of_pixels(nb, prose, output):
    assert said(nb, prose) == shown(nb, rf"{output} *: \w+ +for (0\.\d+) of its pixels")


def test_the_claims_hold_on_average(nb):
    assert said(nb, r"negative in the disc\s+\(\*\*(-0\.\d+)\*\*\)") == shown(
        nb, r"0 map disc (-0\.\d+)"
    )
    assert shown(nb, r"ring \+(0\.\d+);") > 0
    assert shown(nb, r"1 map band \+(0\.\d+)") > 0
    assert shown(nb, r"all else (-0\.\d+)") < 0
    assert shown(nb, r"lowest mean weight in the disc: digit (\d)") == 0
    assert said(nb, r"(\d+) pixels are blank in every") == shown(
        nb, r"blank in every training image: (\d+)"
    )


def test_the_visible_digits_are_not_clearer(nb):
    shows_blue = shown(nb, r"2, 3, 7, 8: strokes blue (0\.\d+)")
    rest_blue = shown(nb, r"4, 5, 6, 9: strokes blue (0\.\d+)")
    assert said(nb, r"blue for\s+\*\*(0\.\d+)\*\* of their pixels") == shows_blue
    assert said(nb, r"4, 5, 6 and 9 for \*\*(0\.\d+)\*\*") == rest_blue
    rest_corr = shown(nb, r"4, 5, 6, 9: strokes blue 0\.\d+, correlation (0\.\d+)")
    shows_corr = shown(nb, r"2, 3, 7, 8: strokes blue 0\.\d+, correlation (0\.\d+)")
    assert said(nb, r"\*more\* \(\*\*(0\.\d+)\*\* against") == rest_corr
    assert said(nb, r"\*more\* \(\*\*0\.\d+\*\* against \*\*(0\.\d+)\*\*\)") == shows_corr
    assert rest_corr > shows_corr


def test_the_harder_digits_are_read_better(nb):
    rest = shown(nb, r"4, 5, 6, 9: test (0\.\d+)")
    shows = shown(nb, r"2, 3, 7, 8: test (0\.\d+)")
    assert said(nb, r"than the ones the answer says show\s+\(\*\*(0\.\d+)\*\*") == rest
    assert said(nb, r"against\s+\*\*(0\.\d+)\*\* on the test set") == shows
    assert rest > shows
    assert said(nb, r"it reads only \*\*(0\.\d+)\*\* of its own training images") == shown(
        nb, r"all ten: test 0\.\d+, training (0\.\d+)"
    )
    assert said(nb, r"which reads \*\*(0\.\d+)\*\* of the validation\s+digits") == shown(
        nb, r"network (0\.\d+) \(at least 0\.975\)"
    )


def test_the_summary_quotes_the_training_accuracy(nb):
    assert said(nb, r"the model fits only (0\.\d+) of its own training images") == shown(
        nb, r"all ten: test 0\.\d+, training (0\.\d+)"
    )


def test_the_nines_whose_halves_say_other_digits(nb):
    # "Two in five are 9s"
    assert shown(nb, r"9s: (0\.\d) of the group") == 0.4
    assert said(nb, r"a bar, is most often read as a (\d)") == shown(
        nb, r"top half +: most often read as (\d)"
    )
    assert said(nb, r"its bottom, a stem, as a (\d)") == shown(
        nb, r"bottom half +: most often read as (\d)"
    )
    assert said(nb, r"added up, their evidence still says (\d)") == shown(
        nb, r"added halves: most often read as (\d)"
    )
