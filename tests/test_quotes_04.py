"""Numbers quoted in 04_training_by_hand's prose match the outputs they quote."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import train_sgd
from helpers.checks.sgd import SMALL_BATCH
from tests.quotes import notebook, said, shown


@pytest.fixture(scope="module")
def nb():
    return notebook("04_training_by_hand")


def percent(value: float) -> float:
    return round(100 * value, 1)


def test_the_classic_runs_validation_accuracy(nb):
    quoted = said(nb, r"About \*\*(\d+\.\d)%\*\* of the 10,000 validation digits")
    assert quoted == percent(shown(nb, r"after 1000 steps.*\nvalidation accuracy (0\.\d+)"))
    assert said(nb, r"lr 0\.5 and 1000 steps reach about \*\*(\d+\.\d)%\*\*") == quoted


def test_the_validation_accuracy_after_50_steps_passes_85_percent(nb):
    assert "passes 85% within the first 50 steps" in "".join(c.source for c in nb.cells)
    assert shown(nb, r"validation accuracy after 50 steps: (0\.\d+)") > 0.85


def test_the_epochs_of_the_classic_run(nb):
    assert shown(nb, r"after 1000 steps, (\d\.\d+) epochs") == 1000 * 64 / 50000
    assert "after about one and a quarter passes" in "".join(c.source for c in nb.cells)


def test_ten_epochs_error_rates(nb):
    first = said(nb, r"validation error from \*\*(\d\.\d)%\*\*")
    last = said(nb, r"validation error from \*\*\d\.\d%\*\* to \*\*(\d\.\d)%\*\*")
    assert first == shown(nb, r"validation error after 1 epoch: +(\d\.\d)%")
    assert last == shown(nb, r"validation error after 10 epochs: (\d\.\d)%")
    summary = r"take the validation error from (\d\.\d)% to \d\.\d%;"
    assert said(nb, summary) == first


def test_weight_decay_accuracies(nb):
    quoted = [
        said(nb, r"falls from \*\*(\d+\.\d)%\*\* without decay"),
        said(nb, r"to \*\*(\d+\.\d)%\*\* with \$\\lambda = 10\^\{-4\}\$"),
        said(nb, r"and \*\*(\d+\.\d)%\*\* with\s+\$10\^\{-3\}\$"),
    ]
    printed = [
        shown(nb, rf"lambda = {lam} +validation accuracy (0\.\d+)")
        for lam in ("0", "0.0001", "0.001")
    ]
    assert quoted == [percent(p) for p in printed]


def test_the_test_figures(nb):
    chosen = percent(shown(nb, r"chosen run, ten epochs: +test accuracy (0\.\d+)"))
    classic = percent(shown(nb, r"classic run, 1000 steps: test accuracy (0\.\d+)"))
    assert said(nb, r"\*\*(\d+\.\d)%\*\* of the 10,000 test digits right with the chosen") == chosen
    assert said(nb, r"and \*\*(\d+\.\d)%\*\* with the\s+classic 1000 steps") == classic
    assert said(nb, r"The test set, once: \*\*(\d+\.\d)%\*\*") == chosen


def test_the_boundary_arithmetic_of_an_epoch(nb):
    assert said(nb, r"50,000 is\s+(\d+) batches of 64") * 64 + 16 == 50000
    assert said(nb, r"Each epoch uses (\d+,\d+) images once") == 50000 - 16
    assert said(nb, r"ten epochs are (\d+) steps") == 10 * 781


def test_the_small_batch_solution_quotes_the_losses_the_check_measures(nb, mnist):
    # The solution's numbers are validation losses of the check's runs (batches of 8, 500 steps).
    solution = next(c.source for c in nb.cells if "small_batch_lr = 0.15" in c.source)
    X, y = mnist.X_train, mnist.y_train
    for lr, quoted in [
        (0.15, "0.15 reaches a validation loss of {}"),
        (0.07, "0.07 ({})"),
        (0.3, "0.3 ({})"),
        (0.05, "too timid ({})"),
        (0.5, "overshoots ({})"),
    ]:
        run = train_sgd(
            X[:50000],
            y[:50000],
            lr=lr,
            **SMALL_BATCH,
            X_val=X[50000:],
            y_val=y[50000:],
            snapshot_steps=[0, 500],
        )
        assert quoted.format(f"{run.val_loss[-1]:.3f}") in solution, lr
    assert np.isfinite(run.val_loss[-1])


def test_the_timid_learning_rate(nb):
    text = "".join(c.source for c in nb.cells)
    assert "the validation loss is still above 1.5 and the accuracy below\n80%" in text
    assert shown(nb, r"lr = 0\.001 .*validation loss (\d\.\d+)") > 1.5
    assert shown(nb, r"lr = 0\.001 .*validation accuracy (0\.\d+)") < 0.8


def test_the_gap_and_the_images_seen_twice(nb):
    gap = shown(nb, r"differ by at most (0\.\d+)")
    assert said(nb, r"the two accuracies differ by at most \*\*(0\.\d+)\*\*") == gap
    twice = shown(nb, r"images seen twice in 1000 steps: (\d+,\d+)")
    assert said(nb, r"so \*\*(\d+,\d+)\*\* images, 28%") == twice
    assert shown(nb, r"images seen twice in 1000 steps: \d+,\d+ \((\d+)%\)") == 28
    assert said(nb, r"curves coincide \((\d+,\d+) images are seen twice\)") == twice
    # the arithmetic behind it: steps 782 to 1000 start a second epoch
    assert twice <= (1000 - 781) * 64


def test_the_diverging_run_is_quoted_with_its_rounded_values(nb):
    assert shown(nb, r"worst mini-batch loss: +about (\d)e2 +\(over 100\)") == 4
    assert said(nb, r"The worst mini-batch costs about (\d+)") == 400
    assert shown(nb, r"final validation loss: +about 1e(\d)") == 1
    assert "the final validation loss is about 10," in "".join(c.source for c in nb.cells)
    accuracy = shown(nb, r"final validation accuracy: about (0\.\d)")
    assert said(nb, r"The accuracy survives\*\* \(about (0\.\d) here") == accuracy >= 0.8
    largest = shown(nb, r"largest \|w\|: +about (\d+) ")
    assert said(nb, r"the largest weight reaches about (\d+), more than") == largest
    classic = shown(nb, r"over 50 x lr = 0\.5's (0\.\d+)\)")
    assert largest / classic > 50


def test_the_reliability_diagram_is_quoted_right(nb):
    def row(low):
        # (digits, mean confidence, accuracy) of the bin that starts at `low`
        n, num = r"(\d+)", r"(\d\.\d+)"
        other_n, other_num = r"\d+", r"\d\.\d+"
        patterns = (
            rf"{low} to \d\.\d +{n} +{other_num} +{other_num}",
            rf"{low} to \d\.\d +{other_n} +{num} +{other_num}",
            rf"{low} to \d\.\d +{other_n} +{other_num} +{num}",
        )
        return [shown(nb, pattern) for pattern in patterns]

    top, seventy = row("0.9"), row("0.7")
    assert said(nb, r"Three quarters of the digits \(\*\*(\d+)\*\*\)") == top[0]
    assert said(nb, r"those are right\n\*\*(0\.\d+)\*\* of the time") == top[2]
    assert said(nb, r"right \*\*(0\.\d+)\*\* of the time\):") == seventy[2]
    assert said(nb, r"mean confidence (0\.\d+), right \*\*") == seventy[1]
    assert said(nb, r"the mean confidence is\n\*\*(0\.\d+)\*\*") == shown(
        nb, r"all digits +10000 +(0\.\d+)"
    )
    assert said(nb, r"against an accuracy of \*\*(0\.\d+)\*\*") == shown(
        nb, r"all digits +10000 +0\.\d+ +(0\.\d+)"
    )
    assert said(nb, r"hold only \*\*(\d+)\*\* and") == row("0.2")[0]
    assert said(nb, r"hold only \*\*\d+\*\* and \*\*(\d+)\*\*") == row("0.3")[0]
    # "From 0.4 up, every bin is right at least as often as its confidence says"
    for low in ("0.4", "0.5", "0.6", "0.7", "0.8", "0.9"):
        _, confidence, accuracy = row(low)
        assert accuracy >= confidence, low
