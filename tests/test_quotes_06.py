"""Numbers quoted in 06_watching_training's prose, compared with the outputs they quote."""

from __future__ import annotations

import re

import pytest

from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("06_watching_training")


def test_settled_step_and_the_accuracy_gained_after_it(nb):
    settled = shown(nb, r"all ten maps settled by step (\d+)")
    assert said(nb, r"from step (\d+) to step 1000 the test accuracy") == settled
    then = shown(nb, r"test accuracy (\d+\.\d)% then")
    end = shown(nb, r"then, (\d+\.\d)% at step 1000")
    assert said(nb, r"rises by \*\*(\d+\.\d)\*\* points") == pytest.approx(end - then)
    ten_epochs = 100 * shown(
        notebook("05_reading_the_weights"), r"b \(10,\), test accuracy (0\.\d+)"
    )
    assert said(nb, r"reaches (\d+\.\d)%, \*\*\d") == pytest.approx(ten_epochs)
    assert said(nb, r"reaches \d+\.\d%, \*\*(\d+\.\d)\*\* points") == pytest.approx(
        ten_epochs - then
    )
    assert said(nb, r"above step (\d+)\.") == settled


def test_the_summary_repeats_the_gains(nb):
    assert said(nb, r"accuracy still rises \((\d\.\d) points") == said(
        nb, r"rises by \*\*(\d+\.\d)\*\* points"
    )
    assert said(nb, r"step 1000, (\d\.\d) with ten epochs") == said(
        nb, r"reaches \d+\.\d%, \*\*(\d+\.\d)\*\* points"
    )


def test_the_norm_keeps_growing_after_the_maps_settle(nb):
    text = "\n".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    norms = [float(v) for v in re.findall(r"\|W\| = (\d+\.\d)", text)]
    assert norms == sorted(norms) and len(norms) == 4
    assert "grows by more than 10% after step 626: True" in text
