"""The test set moved by a pixel or two, for 05's shift_down_accuracy: accuracies and mistakes."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from helpers.checks.feedback import NotYet
from helpers.messages import catalog

say = catalog("checks.weights_shifts")


def needs_the_model() -> str:
    """What 05's checkers say when the notebook's W, b, X_test or y_test cannot be used.

    Used by weights (red_surround) as well as here.
    """
    return say("needs_the_model")


def _shift_images(images: np.ndarray, rows: int, cols: int) -> np.ndarray:
    """Move (n, 28, 28) images down by rows and right by cols (negative: up, left), zero fill."""
    out = np.zeros_like(images)
    src = images[:, max(0, -rows) : 28 - max(0, rows), max(0, -cols) : 28 - max(0, cols)]
    out[:, max(0, rows) : 28 + min(0, rows), max(0, cols) : 28 + min(0, cols)] = src
    return out


class Shifted(NamedTuple):
    """Test accuracies of the model on the test set as given and moved in several ways."""

    down: float  # one row down, zero fill: the answer
    rolled: float  # np.roll wraps the bottom row to the top; MNIST's is blank, so also right
    unshifted: float
    up: float
    right: float
    left: float
    two_down: float


def shifted_accuracies(W: object, b: object, X: object, y: object) -> Shifted:
    """The accuracies of Shifted, or ❌ when the notebook's W, b, X_test or y_test are gone."""
    try:
        W, b, X, y = (np.asarray(a) for a in (W, b, X, y))
        images = X.reshape(len(X), 28, 28)

        def acc(moved: np.ndarray) -> float:
            return float(((moved.reshape(len(X), 784) @ W + b).argmax(axis=1) == y).mean())

        return Shifted(
            down=acc(_shift_images(images, 1, 0)),
            rolled=acc(np.roll(images, 1, axis=1)),
            unshifted=acc(images),
            up=acc(_shift_images(images, -1, 0)),
            right=acc(_shift_images(images, 0, 1)),
            left=acc(_shift_images(images, 0, -1)),
            two_down=acc(_shift_images(images, 2, 0)),
        )
    except Exception:  # the learner may have overwritten W, b or X_test above
        raise NotYet(needs_the_model()) from None


# The other moves a learner makes by mistake: fields of Shifted, and keys of the catalog.
MOVES = ("unshifted", "up", "right", "left", "two_down")


def shift_mistakes(value: float, acc: Shifted) -> tuple[tuple[float, str], ...]:
    """(wrong answer, what that mistake is) for the accuracy of the digits moved down."""
    percentage, error_rate = say("percentage", value=value), say("error_rate", value=value)
    return (
        (100 * acc.down, percentage),
        (100 * acc.rolled, percentage),
        (1 - acc.down, error_rate),
        (1 - acc.rolled, error_rate),
        *((getattr(acc, name), say(name, value=value)) for name in MOVES),
    )
