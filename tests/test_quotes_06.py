"""Numbers quoted in 06_watching_training's prose, compared with the outputs they quote."""

from __future__ import annotations

import re

import pytest

from tests.quotes import markdown, notebook, outputs, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("06_watching_training")


def test_the_first_ten_steps_reach_the_quoted_accuracy(nb):
    start = shown(nb, r"test accuracy (0\.\d+) at step 0")
    at_10 = shown(nb, r"(0\.\d+) at step 10\n")
    assert said(nb, r"leaps from (\d+)% to") == round(100 * start)
    assert said(nb, r"leaps from \d+% to (\d+)%") == round(100 * at_10)
    assert said(nb, r"already read (\d+)% of the test digits") == round(100 * at_10)
    assert said(nb, r"already\n  (\d+)% of the test digits right") == round(100 * at_10)


def test_notebook_05_section_3_holds_the_quoted_correlations(nb):
    nb05 = notebook("05_reading_the_weights")
    headings = [c.source.splitlines()[0] for c in nb05.cells if c.cell_type == "markdown"]
    section = next(h for h in headings if h.startswith("## 3."))
    assert headings.index(section) < headings.index("### Where the pictures come from")
    assert headings.index("### Where the pictures come from") < next(
        i for i, h in enumerate(headings) if h.startswith("## 4.")
    )
    assert 'notebook 05, section 3 ("Where the pictures come from")' in markdown(nb)
    table = re.search(r"corr\(map, mean minus others\)\n((?:.*\n){10})", outputs(nb05)).group(1)
    r_diff = [float(line.split()[-1]) for line in table.splitlines()]
    assert said(nb, r"still: (0\.\d+) to 0\.\d+ in notebook 05") == min(r_diff)
    assert said(nb, r"still: 0\.\d+ to (0\.\d+) in notebook 05") == max(r_diff)


def test_the_order_of_one_run_and_what_repeats_over_seeds(nb):
    order = re.findall(r"digit (\d): settled from step +(\d+)", outputs(nb))
    first = [d for d, step in order if step == order[0][1]]
    assert first == ["0", "4", "6"] and order[-1][0] == "8"
    assert "the 0, the 4 and the 6 settle first and the 8 last" in markdown(nb)
    places = {
        int(d): (int(lo), int(hi))
        for d, lo, hi in re.findall(r"^ +(\d) +(?:\d+ +){6}(\d+) to (\d+)$", outputs(nb), re.M)
    }
    assert len(places) == 10
    repeat = [d for d, (lo, hi) in places.items() if lo == hi]
    assert repeat == [0, 8] and places[0] == (1, 1) and places[8] == (10, 10)
    assert said(nb, r"the 3 comes anywhere from (\d)th") == places[3][0]
    assert said(nb, r"the 3 comes anywhere from \dth to (\d)th") == places[3][1]
    assert said(nb, r"the 4 from (\d)st to") == places[4][0]
    assert said(nb, r"the 4 from \dst to\n(\d)th") == places[4][1]


def test_settling_against_the_runs_own_end_moves_with_the_end(nb):
    assert shown(nb, r"at step 1000: (\d+)\n") == 0  # the same first 1000 steps
    end_1000 = shown(nb, r"against step 1000: settled from step \d+ to (\d+)")
    end_3000 = shown(nb, r"against step 3000: settled from step \d+ to (\d+)")
    assert said(nb, r"settles at step (\d+) of 1000") == end_1000
    assert said(nb, r"settles at step \d+ of 1000 and at\nstep (\d+) of 3000") == end_3000
    assert said(nb, r"\(at step (\d+) of 1000") == end_1000
    assert said(nb, r"at step (\d+) of 3000\)") == end_3000
    assert said(nb, r"At step (\d+), where the maps looked settled") == end_1000


def test_the_fixed_reference_and_how_close_the_maps_come(nb):
    assert shown(nb, r"correlation at least (0\.\d+) for every digit") >= 0.99
    rows = {
        int(step): (float(lo), digit, float(hi))
        for step, lo, digit, hi in re.findall(
            r"^ *(\d+) +(0\.\d+) \(digit (\d)\) to (0\.\d+)$", outputs(nb), re.M
        )
    }
    assert sorted(rows) == [108, 310, 626, 1000, 3000]
    assert {digit for _, digit, _ in rows.values()} == {"8"}
    lows = [rows[s][0] for s in sorted(rows)]
    assert lows == sorted(lows)  # still rising at every step shown
    assert said(nb, r"correlate only (0\.\d+) to") == rows[626][0]
    assert said(nb, r"correlate only 0\.\d+ to (0\.\d+)") == rows[626][2]
    assert said(nb, r"at step 1000 (0\.\d+) to") == rows[1000][0]
    assert said(nb, r"at step 1000 0\.\d+ to (0\.\d+);") == rows[1000][2]
    assert said(nb, r"step 1000 \((0\.\d+) to") == rows[1000][0]
    assert said(nb, r"step 1000 \(0\.\d+ to (0\.\d+)\)") == rows[1000][2]
    last = shown(nb, r"the last, digit 8, from step (\d+)")
    assert said(nb, r"within 0\.95 only from step (\d+)") == last
    assert said(nb, r"from step \d+, (\d\.\d+)\nepochs in") == shown(nb, r"\((\d\.\d+) epochs\)")
    furthest = re.findall(r"seed \d: furthest digit (\d)", outputs(nb))
    assert furthest == ["8"] * 6


def test_the_accuracy_gained_after_the_maps_looked_settled(nb):
    then = shown(nb, r"test accuracy (\d+\.\d)% at step 626")
    end = shown(nb, r"(\d+\.\d)% at step 1000,")
    ten = shown(nb, r"(\d+\.\d)% after ten epochs")
    assert said(nb, r"to step 1000 by \*\*(\d\.\d)\*\* points") == pytest.approx(end - then)
    assert said(nb, r"reaches (\d+\.\d)%, \*\*") == ten
    assert said(nb, r"reaches \d+\.\d%, \*\*(\d\.\d)\*\* points above step 626") == pytest.approx(
        ten - then
    )
    assert said(nb, r"rises \((\d\.\d) points from step 626") == pytest.approx(end - then)
    assert said(nb, r"to 1000, (\d\.\d) with ten epochs") == pytest.approx(ten - then)
    # The ten-epoch run is notebook 05's: the same settings and the same test accuracy.
    nb05 = notebook("05_reading_the_weights")
    assert any(
        "lr=0.5, batch_size=64, steps=9375, seed=0, decay=True" in c.source for c in nb05.cells
    )
    assert 100 * shown(nb05, r"b \(10,\), test accuracy (0\.\d+)") == pytest.approx(ten)
    assert shown(nb, r"test accuracy (0\.\d+) and") == pytest.approx(ten / 100)


def test_the_weights_still_move_and_grow(nb):
    moved = shown(nb, r"the weights still moved by (\d+)% of their size")
    first, last = (
        shown(nb, p) for p in (r"from step (\d+) to \d+ the", r"from step \d+ to (\d+) the")
    )
    assert said(nb, r"by (\d+)% of their\nsize in the last") == moved
    assert said(nb, r"size in the last (\d+) steps") == last - first
    norms = [float(v) for v in re.findall(r"\|W\| = (\d+\.\d)", outputs(nb))]
    assert len(norms) == 5 and norms == sorted(norms) and len(set(norms)) == 5


def explorer_state(nb) -> dict:
    """The stored widget state of the explorer's picture: what a page without a kernel draws."""
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    views = [m["state"] for m in state.values() if m["state"].get("part") == "figure"]
    assert len(views) == 1, "the stored 06 must keep the explorer's widget state"
    return views[0]


def test_the_explorer_works_without_a_kernel_as_the_prose_says(nb):
    prose = markdown(nb)
    assert "needs a running kernel" not in prose and "cannot draw" not in prose
    assert "the explorer keeps working while the kernel is busy, or in a saved page" in " ".join(
        prose.split()
    )
    # "it sends the 50 snapshots to your browser once": the stored state holds every one.
    sent = said(nb, r"it sends the (\d+) snapshots to your browser once")
    assert (
        sent
        == shown(nb, r"(\d+) snapshots, at steps:")
        == shown(nb, r"steps=1000, (\d+) snapshots")
    )
    data = explorer_state(nb)["data"]
    assert len(data["readouts"]) == len(data["steps"]) == len(data["peaks"]) == sent
    # Its last readout is the run the notebook trained: step 1000 at the printed accuracy.
    accuracy = shown(nb, r"snapshots, test accuracy (0\.\d+)\)")
    assert data["readouts"][-1].startswith("Step 1000 of 1000")
    assert f"test accuracy {accuracy:.1%}" in data["readouts"][-1]
