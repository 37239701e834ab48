"""Shared code for the MNIST softmax-regression series; each piece is first taught in a notebook."""

# Notebooks import helpers before matplotlib, so that this runs before matplotlib loads.
from helpers.environment import (
    check_environment,
    show_figures_inline,
    use_writable_matplotlib_cache,
)

use_writable_matplotlib_cache()

from helpers.data import MNIST, DataFileError, load_mnist, verify_data_files
from helpers.explorer import save_training_gif, training_explorer
from helpers.explorer_figure import snapshot_readout
from helpers.maps import map_correlations, mean_difference_maps, settling_steps
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
from helpers.plotting import (
    plot_digits,
    plot_learning_curves,
    plot_map_correlations,
    plot_map_rows,
    plot_weight_maps,
    weight_images,
)
from helpers.training import History, TrainingDiverged, snapshot_schedule, train_sgd

__all__ = [
    "MNIST",
    "DataFileError",
    "History",
    "TrainingDiverged",
    "accuracy",
    "check_environment",
    "cross_entropy",
    "gradient_check",
    "load_mnist",
    "log_softmax",
    "loss_and_gradients",
    "map_correlations",
    "mean_difference_maps",
    "numerical_gradient",
    "plot_digits",
    "plot_learning_curves",
    "plot_map_correlations",
    "plot_map_rows",
    "plot_weight_maps",
    "predict",
    "relative_error",
    "scores",
    "save_training_gif",
    "settling_steps",
    "snapshot_schedule",
    "snapshot_readout",
    "softmax",
    "train_sgd",
    "training_explorer",
    "verify_data_files",
    "weight_images",
]

show_figures_inline()
