"""The README's animation: notebook 06's run, its weight maps forming, drawn by helpers.

Usage: python -m tools.gif [docs/weight_maps.gif]   (what `make gif` runs)
trains notebook 06's run (NOTEBOOK_RUN) and writes save_training_gif's animation of it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import load_mnist, save_training_gif, train_sgd

# The run notebook 06 trains and the GIF animates: the classic experiment of notebook 04.
NOTEBOOK_RUN = {"lr": 0.5, "batch_size": 64, "steps": 1000, "seed": 0}


def write_notebook_gif(path: str | Path = "docs/weight_maps.gif") -> Path:
    """Train notebook 06's run (NOTEBOOK_RUN) and write its animation to path."""
    X_train, y_train, X_test, y_test = load_mnist()
    history = train_sgd(X_train, y_train, X_test=X_test, y_test=y_test, **NOTEBOOK_RUN)
    return save_training_gif(history, path)


if __name__ == "__main__":
    write_notebook_gif(*sys.argv[1:2])
