"""helpers.ceiling: the slant, the shear, deskewing, one-pixel shifts and the best template."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import ndimage

from helpers import (
    class_scores,
    deskew,
    random_one_pixel_shifts,
    shear_rows,
    shift_images,
    slant,
    template_labels,
)
from helpers.messages import message
from tests.test_inputs import is_sentence

CEILING, INPUTS = "helpers.ceiling", "helpers._inputs"


def refusal(call, *args) -> str:
    """The sentence of the ValueError that call(*args) raises."""
    with pytest.raises(ValueError) as err:
        call(*args)
    return str(err.value)


@pytest.fixture(scope="module")
def mnist_sample(mnist):
    """300 training images (float32, n x 784)."""
    return mnist[0][:300]


@pytest.fixture(scope="module")
def mnist_labels(mnist):
    return mnist[1][:300]


def stroke(lean: float, centre: float = 14.0) -> np.ndarray:
    """A 784-pixel image of a thick straight stroke moving `lean` columns right per row down."""
    r, c = np.mgrid[0:28, 0:28].astype(np.float64)
    ink = np.clip(1.5 - np.abs(c - (centre + lean * (r - 14))), 0, 1) * ((r > 4) & (r < 24))
    return ink.reshape(1, 784).astype(np.float32)


@pytest.mark.parametrize("lean", [-0.5, -0.2, 0.0, 0.3])
def test_slant_is_the_lean_of_a_straight_stroke(lean):
    assert slant(stroke(lean))[0] == pytest.approx(lean, abs=0.02)


def test_slant_sign_a_slash_leans_left_going_down():
    # "/": the top row's ink is to the right of the bottom row's, so s < 0.
    assert slant(stroke(-0.4))[0] < -0.3


def test_slant_of_a_blank_image_is_zero():
    assert slant(np.zeros((2, 784), np.float32)).tolist() == [0.0, 0.0]


def test_deskew_stands_a_leaning_stroke_upright_and_keeps_its_centre():
    image = stroke(0.45, centre=13.0)
    upright = deskew(image)
    assert abs(slant(upright)[0]) < 0.03
    columns = np.arange(28)

    def centre_column(x):
        return (x.reshape(28, 28).sum(axis=0) * columns).sum() / x.sum()

    assert centre_column(upright) == pytest.approx(centre_column(image), abs=0.05)


def test_deskew_is_scipy_affine_transform_with_linear_interpolation(mnist_sample):
    images = mnist_sample[:20]
    ours = deskew(images)
    rows = np.arange(28)
    for image, got in zip(images, ours, strict=True):
        picture = image.reshape(28, 28).astype(np.float64)
        r_mean = (picture.sum(axis=1) * rows).sum() / picture.sum()
        s = slant(image[None])[0]
        # output (r, c) reads input (r, c + s (r - r_mean))
        expected = ndimage.affine_transform(
            picture, np.array([[1, 0], [s, 1]]), offset=(0, -s * r_mean), order=1
        )
        np.testing.assert_allclose(got.reshape(28, 28), expected, atol=1e-5)


def test_deskew_keeps_dtype_range_and_shape(mnist_sample):
    out = deskew(mnist_sample)
    assert out.shape == mnist_sample.shape and out.dtype == np.float32
    assert out.min() >= 0 and out.max() <= 1


def test_deskew_does_the_same_in_chunks(monkeypatch, mnist_sample):
    import helpers.ceiling

    whole = deskew(mnist_sample)
    monkeypatch.setattr(helpers.ceiling, "CHUNK", 7)
    np.testing.assert_array_equal(deskew(mnist_sample), whole)


def test_deskew_refuses_raw_bytes():
    text = refusal(deskew, np.full((1, 784), 255.0))
    assert text == message(INPUTS, "pixels_raw_bytes", "en", name="images", high=255)


def test_shear_rows_moves_each_row_by_its_shift():
    image = np.zeros((1, 28, 28), np.float32)
    image[0, :, 10] = 1
    shifts = np.zeros((1, 28))
    shifts[0, 5] = 2  # row 5 reads two columns to the right: its ink moves 2 left
    shifts[0, 6] = 0.5  # half way: the ink is shared by two pixels
    out = shear_rows(image.reshape(1, 784), shifts).reshape(28, 28)
    assert out[5].nonzero()[0].tolist() == [8]
    np.testing.assert_allclose(out[6, 9:11], [0.5, 0.5])
    assert out[7].nonzero()[0].tolist() == [10]


def test_shear_rows_refuses_a_shift_per_image():
    text = refusal(shear_rows, np.zeros((1, 784)), np.zeros((1, 1)))
    assert text == message(CEILING, "shifts_shape", "en", shape="(1, 28)", got="(1, 1)")


def test_a_refusal_of_the_ceiling_is_said_in_chinese(monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    text = refusal(shear_rows, np.zeros((1, 784)), np.zeros((1, 1)))
    assert text == message(CEILING, "shifts_shape", "zh", shape="(1, 28)", got="(1, 1)")
    assert text.startswith("shifts 的形状应为 (1, 28)")


@pytest.mark.parametrize(("down", "right"), [(1, 0), (0, -1), (-2, 3), (0, 0)])
def test_shift_images_moves_ink_and_fills_blank(down, right):
    picture = np.zeros((28, 28), np.float32)
    picture[0, 0] = picture[27, 27] = picture[10, 12] = 1
    moved = shift_images(picture.reshape(1, 784), down, right).reshape(28, 28)
    assert moved[10 + down, 12 + right] == 1
    # the corner pixels either land inside the picture or are lost; none wraps round
    assert moved.sum() == sum(
        0 <= r + down < 28 and 0 <= c + right < 28 for r, c in [(0, 0), (27, 27), (10, 12)]
    )


def test_shift_images_refuses_a_fractional_move():
    text = refusal(shift_images, np.zeros((1, 784)), 0.5, 0)
    assert is_sentence(text, INPUTS, "not_whole") and text.startswith("Expected down ")


def test_random_one_pixel_shifts_uses_all_five_moves(mnist_sample):
    images = np.repeat(mnist_sample[:1], 200, axis=0)
    moved = random_one_pixel_shifts(images, np.random.default_rng(0))
    candidates = [
        shift_images(images[:1], d, r) for d, r in [(0, 0), (-1, 0), (1, 0), (0, -1), (0, 1)]
    ]
    which = [next(m for m, c in enumerate(candidates) if np.array_equal(x[None], c)) for x in moved]
    assert sorted(set(which)) == [0, 1, 2, 3, 4]
    assert np.array_equal(images, np.repeat(mnist_sample[:1], 200, axis=0))  # input untouched


def test_random_one_pixel_shifts_wants_a_generator():
    text = refusal(random_one_pixel_shifts, np.zeros((1, 784)), 0)
    assert text == message(CEILING, "not_a_generator", "en", kind="int")


def test_class_scores_is_the_best_template_of_each_digit():
    Z = np.arange(2 * 30, dtype=np.float64).reshape(2, 30)
    Z[0, 4] = 100  # digit 1 (columns 3 to 5 for k = 3), template 1
    best = class_scores(Z, 3)
    assert best.shape == (2, 10)
    assert best[0, 1] == 100 and best[0, 0] == 2 and best[1, 9] == 59


def test_class_scores_refuses_the_wrong_number_of_columns():
    text = refusal(class_scores, np.zeros((2, 20)), 3)
    assert text == message(CEILING, "sub_scores_columns", "en", columns=30, k=3, shape="(2, 20)")


def test_template_labels_groups_each_digit_apart(mnist_sample, mnist_labels):
    groups = template_labels(mnist_sample, mnist_labels, 2, seed=0, fit_on=50)
    assert (groups // 2 == mnist_labels).all()
    assert set(np.unique(groups % 2)) == {0, 1}
    np.testing.assert_array_equal(
        groups, template_labels(mnist_sample, mnist_labels, 2, seed=0, fit_on=50)
    )


def test_template_labels_needs_k_images_of_every_digit(mnist_sample, mnist_labels):
    text = refusal(template_labels, mnist_sample, mnist_labels, 1000)
    fewest = np.bincount(mnist_labels, minlength=10).min()
    assert text == message(CEILING, "too_few_images", "en", k=1000, count=fewest)


def test_template_labels_needs_k_images_to_fit_on(mnist_sample, mnist_labels):
    with pytest.raises(ValueError) as err:
        template_labels(mnist_sample, mnist_labels, 5, fit_on=3)
    span = message(INPUTS, "span_at_least", "en", low=5)
    assert str(err.value) == message(
        INPUTS, "whole_out_of_range", "en", name="fit_on", span=span, got=3
    )


def test_deskewed_digits_have_no_slant_left(mnist_sample):
    # linear interpolation keeps each row's ink and moves its centre by exactly the shift,
    # unless the shear pushes ink out of the picture
    upright = deskew(mnist_sample)
    left = np.abs(slant(upright)) >= 1e-4
    lost_ink = upright.sum(axis=1) < mnist_sample.sum(axis=1) - 1e-3
    assert (lost_ink[left]).all() and left.mean() < 0.01
