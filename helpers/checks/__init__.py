"""The exercise checkers, one module per notebook; notebooks call them as `checks.<name>(...)`.

Each checker prints one line, `✅ Correct:`, `❌ Not yet:` (what is wrong, and a hint) or
`⏳ Not attempted yet:`, and never raises on a learner's mistake; `feedback` holds what they
share. `tests/test_exercises.py` runs every notebook with its reference solutions pasted in
and requires CORRECT from every checker.
"""

from helpers.checks.answer import centre_pixels, share_negative
from helpers.checks.ceiling import best_template, shift_pixels, slant
from helpers.checks.drawing import evidence, filled_zero, fooling_drawing
from helpers.checks.feedback import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.checks.gradient import bias_gradient_at_zero, decayed_gradients, numerical_dW_entry
from helpers.checks.loading import idx_shape, mean_image, pixel_count, zero_pixel_share
from helpers.checks.mlp import class_accuracy_without, mlp_parameter_count, relu_backward
from helpers.checks.sgd import fast_learning_rate, sgd_loop
from helpers.checks.softmax import cross_entropy, parameter_count, stable_softmax
from helpers.checks.watching import correlation_with_final, mean_difference_maps, settling_steps
from helpers.checks.weights import contribution_map, red_surround, shift_down_accuracy

__all__ = [
    "CORRECT",
    "NOT_ATTEMPTED",
    "NOT_YET",
    # 00_welcome and 01_loading_mnist
    "pixel_count",
    "idx_shape",
    "zero_pixel_share",
    "mean_image",
    # 02_softmax_model
    "parameter_count",
    "stable_softmax",
    "cross_entropy",
    # 03_deriving_the_gradient
    "bias_gradient_at_zero",
    "decayed_gradients",
    "numerical_dW_entry",
    # 04_training_by_hand
    "sgd_loop",
    "fast_learning_rate",
    # 05_reading_the_weights
    "contribution_map",
    "red_surround",
    "shift_down_accuracy",
    # 06_watching_training
    "mean_difference_maps",
    "correlation_with_final",
    "settling_steps",
    # 07_draw_a_digit
    "evidence",
    "filled_zero",
    "fooling_drawing",
    # 08_beyond_linear
    "relu_backward",
    "mlp_parameter_count",
    "class_accuracy_without",
    # 09_the_ceiling
    "slant",
    "shift_pixels",
    "best_template",
    # 10_the_answer
    "centre_pixels",
    "share_negative",
]
