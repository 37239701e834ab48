"""Shared code for the MNIST softmax-regression series; each piece is first taught in a notebook."""

# Notebooks import helpers before matplotlib, so that this runs before matplotlib loads.
from helpers.environment import (
    check_environment,
    show_figures_inline,
    skip_figures_while_autograding,
    use_writable_matplotlib_cache,
)

use_writable_matplotlib_cache()

from helpers.ceiling import (
    class_scores,
    deskew,
    random_one_pixel_shifts,
    shear_rows,
    shift_images,
    slant,
    template_labels,
)
from helpers.data import MNIST, DataFileError, load_mnist, verify_data_files
from helpers.drawing import BlankDrawing, evidence_map, read_drawing, render_strokes, to_mnist
from helpers.drawing_figure import plot_drawing
from helpers.drawings_stored import example_drawing
from helpers.drawpad import drawing_lab
from helpers.explorer import save_training_gif, training_explorer
from helpers.explorer_figure import snapshot_readout
from helpers.figure_language import use_cjk_fallback
from helpers.figures import get_alt_text, install_alt_text_metadata, set_alt_text
from helpers.maps import map_correlations, mean_difference_maps, settling_steps
from helpers.mlp import (
    MLP,
    init_mlp,
    mlp_accuracy,
    mlp_loss_and_gradients,
    mlp_predict,
    mlp_scores,
    train_mlp,
)
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
    "MLP",
    "MNIST",
    "BlankDrawing",
    "DataFileError",
    "History",
    "TrainingDiverged",
    "accuracy",
    "check_environment",
    "class_scores",
    "cross_entropy",
    "deskew",
    "drawing_lab",
    "evidence_map",
    "example_drawing",
    "get_alt_text",
    "gradient_check",
    "init_mlp",
    "load_mnist",
    "log_softmax",
    "loss_and_gradients",
    "map_correlations",
    "mean_difference_maps",
    "mlp_accuracy",
    "mlp_loss_and_gradients",
    "mlp_predict",
    "mlp_scores",
    "numerical_gradient",
    "plot_digits",
    "plot_drawing",
    "plot_learning_curves",
    "plot_map_correlations",
    "plot_map_rows",
    "plot_weight_maps",
    "predict",
    "random_one_pixel_shifts",
    "read_drawing",
    "relative_error",
    "render_strokes",
    "save_training_gif",
    "scores",
    "set_alt_text",
    "settling_steps",
    "shear_rows",
    "shift_images",
    "slant",
    "snapshot_readout",
    "snapshot_schedule",
    "softmax",
    "to_mnist",
    "template_labels",
    "train_mlp",
    "train_sgd",
    "training_explorer",
    "verify_data_files",
    "weight_images",
]

show_figures_inline()
skip_figures_while_autograding()
install_alt_text_metadata()
# Chinese (and any CJK) text in figures renders on every machine: the shipped font is the fallback.
use_cjk_fallback()
