"""Shared fixtures: MNIST is loaded once per test session."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")  # tests draw figures without a screen


@pytest.fixture(scope="session")
def mnist():
    from helpers import load_mnist

    return load_mnist()
