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
