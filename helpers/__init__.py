"""Shared code for the MNIST softmax-regression series; each piece is first taught in a notebook."""

from helpers.checks import *  # noqa: F403  (every check_* function)
from helpers.data import MNIST, load_mnist
from helpers.environment import check_environment
from helpers.model import (
    accuracy,
    cross_entropy,
    gradient_check,
    log_softmax,
    loss_and_gradients,
    numerical_gradient,
    predict,
    relative_error,
    scores,
    softmax,
)
from helpers.plotting import plot_digits, plot_learning_curves, plot_weight_maps, weight_images
from helpers.training import History, snapshot_schedule, train_sgd

__all__ = [
    "MNIST",
    "History",
    "accuracy",
    "check_environment",
    "cross_entropy",
    "gradient_check",
    "load_mnist",
    "log_softmax",
    "loss_and_gradients",
    "numerical_gradient",
    "plot_digits",
    "plot_learning_curves",
    "plot_weight_maps",
    "predict",
    "relative_error",
    "scores",
    "snapshot_schedule",
    "softmax",
    "train_sgd",
    "weight_images",
]
