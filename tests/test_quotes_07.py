"""Numbers and readings quoted in 07_draw_a_digit's prose, compared with the outputs they quote.

The model is 05's, a converged convex fit: its probabilities are printed to 3 decimals (2 for
the crossed 7s, whose smallest values sit near a third-decimal boundary), and the evidence sums
to 1 decimal where a second would sit within 0.001 of a rounding boundary.
"""

from __future__ import annotations

import re

import pytest

from tests.quotes import markdown, notebook, outputs, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("07_draw_a_digit")


def test_results_print_as_numbers_not_booleans(nb):
    assert not re.search(r"\b(True|False)\b", outputs(nb))


def test_the_ink_box_is_mnists_20_pixels(nb):
    rows = shown(nb, r"ink box: (\d+) rows x \d+ columns")
    columns = shown(nb, r"ink box: \d+ rows x (\d+) columns")
    assert max(rows, columns) == 20 and "The ink's longer side is now 20 pixels" in markdown(nb)


def test_moving_the_drawing_changes_no_pixel(nb):
    assert shown(nb, r"between the two 28 x 28 images: (\d\.\d+)") == 0
    assert "gives the same 28 x 28 image" in markdown(nb)


def test_the_evidence_adds_up_and_ignores_the_shift_where_the_vote_does_not(nb):
    assert shown(nb, r"sum of the evidence for 0: ([+-]\d+\.\d+)") == shown(
        nb, r"z_0 - mean z - \(b_0 - mean b\): ([+-]\d+\.\d+)"
    )
    assert shown(nb, r"largest \|mean weight\| of a pixel, over the 784: (\d\.\d+)") == 0
    vote = shown(nb, r"vote x \* w_0, W: sum +([+-]\d+\.\d+)")
    shifted = shown(nb, r"vote x \* w_0, W \+ v: sum +([+-]\d+\.\d+)")
    assert shown(nb, r"evidence e_0, W \+ v: sum +([+-]\d+\.\d+)") == vote
    added = shown(nb, r"x \. v, added to every class's score alike: ([+-]\d+\.\d+)")
    assert shifted == pytest.approx(vote + added, abs=0.011)
    # "changed at every inked pixel and nowhere else"
    assert shown(nb, r"pixels whose vote changed: (\d+)") == shown(nb, r"inked pixels: (\d+)")
    assert shown(nb, r"under W \+ v and the vote under W: (\d\.\d+)") == 0
    # "no pixel of the ring counts against 0 any more, though the 0's own evidence still finds some"
    assert shown(nb, r"vote x \* w_0, W \+ v: (\d+) pixels count against 0") == 0
    assert shown(nb, r"evidence e_0, W \+ v: (\d+) pixels count against 0") > 0
    assert "no pixel of the ring counts against 0 any more" in markdown(nb)


def _zero(nb, name: str) -> float:
    """P(0) printed for one of the four stored 0s."""
    return shown(nb, rf"(?m)^ *{name}: ink added +\d+ pad pixels, P\(0\) = (\d\.\d+)")


def _added(nb, name: str) -> float:
    """The ink added to the ring, in pad pixels, printed for one of the stored 0s."""
    return shown(nb, rf"(?m)^ *{name}: ink added +(\d+) pad pixels")


def test_the_zero_and_its_controls_are_quoted_right(nb):
    ring, centre = _zero(nb, "zero"), _zero(nb, "filled zero")
    on_ring, outside = _zero(nb, "zero inked on the ring"), _zero(nb, "zero inked outside")
    assert said(nb, r"sinks \$P\(0\)\$ to \*\*(\d\.\d+)\*\*") == centre
    assert "filled zero: ink added  4679 pad pixels, P(0) = 0.000, read as 8" in outputs(nb)
    assert said(nb, r"\$P\(0\)\$ stays at (\d\.\d+)") == on_ring
    assert said(nb, r"costs less \((\d\.\d+)\)") == outside
    assert said(nb, r"takes \$P\(0\)\$ from (\d\.\d+)") == ring
    assert said(nb, r"from \d\.\d+ to (\d\.\d+); the same ink") == centre
    assert said(nb, r"on the ring leaves it\n?\s*at (\d\.\d+)") == on_ring
    # "About the same amount of ink": the three scribbles add within 20% of one another.
    names = ("filled zero", "zero inked on the ring", "zero inked outside")
    added = [_added(nb, name) for name in names]
    assert max(added) < 1.2 * min(added)
    assert on_ring > ring > outside > 0.5 > centre


def _dot_table(nb) -> dict[int, list[float]]:
    rows = re.findall(r"height y = +(\d+): +([\d. ]+)", outputs(nb))
    return {int(y): [float(p) for p in ps.split()] for y, ps in rows}


def test_the_ones_dots_are_quoted_right(nb):
    p_one = shown(nb, r"P\(1\) of the 1 alone: (\d\.\d+)")
    table = _dot_table(nb)
    assert len(table) == 5 and all(len(row) == 3 for row in table.values())
    lower = sum(p < p_one for row in table.values() for p in row)
    assert shown(nb, r"lower than alone at (\d+) of 15 places") == lower
    assert said(nb, r"lowers \$P\(1\)\$ at \*\*(\d+) of 15\*\*") == lower
    # "at the foot of the 1 (y = 220) the two nearer pairs of dots raise P(1)", and only there
    raised = [(y, i) for y, row in table.items() for i, p in enumerate(row) if p > p_one]
    assert raised == [(220, 0), (220, 1)] and lower == 15 - len(raised)
    assert re.search(r"the\s+1 \(y = 220\) the two nearer pairs of dots raise", markdown(nb))
    assert said(nb, r"lower \$P\(1\)\$ at (\d+) of 15 places, the other two at its foot") == lower
    assert shown(nb, r"a dot on the stroke: P\(1\) from (\d\.\d+)") == p_one
    assert shown(nb, r"a dot on the stroke: P\(1\) from \d\.\d+ to (\d\.\d+)") == p_one
    share = shown(nb, r"pixels off the stroke \((\d\.\d+)\)")
    assert 0.7 <= share <= 0.8 and "About three quarters" in markdown(nb)
    rest = shown(nb, r"not against it: (\d+)")
    assert shown(nb, r"of which (\d+) in rows 19 to 27") > rest / 2  # "More than half"


def test_the_slanted_one_is_quoted_right(nb):
    def third(name: str, part: str) -> float:
        return shown(nb, rf"(?m)^ *{name}: P\(1\) = \d\.\d+, .*{part} ([+-]\d\.\d)")

    assert said(nb, r"third loses most, from ([+-]\d\.\d) to") == third("one", "middle")
    slanted_middle = said(nb, r"loses most, from [+-]\d\.\d to ([+-]\d\.\d)")
    assert slanted_middle == third("slanted one", "middle")
    assert said(nb, r"the top a little, from ([+-]\d\.\d) to") == third("one", "top")
    assert said(nb, r"a little, from [+-]\d\.\d to ([+-]\d\.\d)") == third("slanted one", "top")
    # "the middle third loses most": more than the top loses, while the bottom gains.
    losses = {part: third("one", part) - third("slanted one", part) for part in ("top", "middle")}
    assert losses["middle"] > losses["top"] > 0
    assert said(nb, r"\(([+-]\d\.\d) upright") == third("one", "bottom")
    assert said(nb, r"upright, ([+-]\d\.\d) slanted\)") == third("slanted one", "bottom")
    assert third("one", "bottom") < third("slanted one", "bottom") < 0  # "less when slanted"
    upright = shown(nb, r"(?m)^ *one: P\(1\) = (\d\.\d+)")
    assert shown(nb, r"slanted one: P\(1\) = (\d\.\d+)") < upright
    assert "A slanted 1 loses\n  most in its middle." in markdown(nb)


def test_the_crossed_sevens_are_quoted_right(nb):
    printed = outputs(nb)
    assert "drawn crossed seven: read as 7" in printed
    for i in (9009, 9015, 9024):
        assert f"test image {i} (a 7): read as 2, P(7) = 0.00" in printed
    assert "all three real crossed 7s are read as a **2**" in markdown(nb)
    assert said(nb, r"cuts \$P\(7\)\$ to (\d\.\d+)") == shown(
        nb, r"bar low and long: read as \d, P\(7\) = (\d\.\d+)"
    )
    plain = shown(nb, r"test 7s read as 7 without a bar: (\d\.\d+)")
    assert said(nb, r"still read as 7, against (\d\.\d+) without") == plain
    high = shown(nb, r"bar at rows 10-11: (\d\.\d+) still read as 7")
    middle = shown(nb, r"bar at rows 12-13: (\d\.\d+) still read as 7")
    assert said(nb, r"own top: (\d\.\d+) still read") == high > plain  # "helps high up"
    assert said(nb, r"rows 12-13: (\d\.\d+)\)") == middle
    lows = [shown(nb, rf"bar at rows {r}-{r + 1}: (\d\.\d+) still") for r in (14, 16)]
    assert middle < min(lows)  # "costs most across the middle"


def test_the_pad_is_said_to_read_without_a_kernel(nb):
    text = markdown(nb)
    assert "so it reads your digits\neven on a static copy of the series with no kernel" in text
    assert "the arrow keys move the pen and Space puts it down" in text
    assert "needs a running kernel" not in text and "the pad is not shown" not in text


def test_the_model_is_05s(nb):
    assert shown(nb, r"test accuracy (0\.\d+)") == shown(
        notebook("05_reading_the_weights"), r"test accuracy (0\.\d+)"
    )
