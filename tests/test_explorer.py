"""The explorer of 06 without a kernel: frames, readout, colour scales, GIF, inputs, checkers."""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import ipywidgets as widgets
import numpy as np
import pytest
from ipywidgets.widgets.widget import _instances
from ipywidgets.widgets.widget_link import Link
from PIL import Image

from helpers import (
    check_correlation_with_final,
    check_mean_difference_maps,
    check_settling_steps,
    map_correlations,
    mean_difference_maps,
    save_training_gif,
    settling_steps,
    snapshot_readout,
    snapshot_schedule,
    train_sgd,
    training_explorer,
)
from helpers.checks import CORRECT, NOT_ATTEMPTED, NOT_YET
from helpers.explorer import (
    NOTEBOOK_RUN,
    explorer_figure,
    frame_renderer,
    plot_map_rows,
    png_bytes,
)
from tests.notebook_tools import NOTEBOOK_DIR, ROOT, read


@pytest.fixture(scope="module")
def history(mnist):
    """A short run on part of MNIST: 200 steps, 25 snapshots, with test curves."""
    return train_sgd(
        mnist.X_train[:5000],
        mnist.y_train[:5000],
        lr=0.5,
        steps=200,
        seed=0,
        X_test=mnist.X_test[:1000],
        y_test=mnist.y_test[:1000],
        snapshot_steps=snapshot_schedule(200, num=25),
    )


def parts(box: widgets.VBox) -> SimpleNamespace:
    """The explorer's widgets by role, found by type and description."""
    found: list[widgets.Widget] = []

    def walk(widget: widgets.Widget) -> None:
        found.append(widget)
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(box)

    def one(kind: type, description: str | None = None) -> widgets.Widget:
        matches = [
            w
            for w in found
            if type(w) is kind and (description is None or w.description == description)
        ]
        assert len(matches) == 1, f"expected one {kind.__name__} {description or ''}"
        return matches[0]

    htmls = [w for w in found if type(w) is widgets.HTML]
    return SimpleNamespace(
        play=one(widgets.Play),
        slider=one(widgets.IntSlider, "snapshot"),
        speed=one(widgets.IntSlider, "ms per frame"),
        image=one(widgets.Image),
        scales=one(widgets.ToggleButtons),
        readout=htmls[0],
        note=htmls[1],
    )


def link_between(source: tuple, target: tuple) -> bool:
    """True if a browser-side jslink joins the two (widget, trait) pairs."""
    return any(
        type(w) is Link and {w.source, w.target} == {source, target}
        for w in list(_instances.values())
    )


def plain_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


# --- the widget ---------------------------------------------------------------------------


def test_a_frame_update_changes_the_image_and_the_readout(history):
    ui = parts(training_explorer(history))
    first_image = bytes(ui.image.value)
    assert first_image.startswith(b"\x89PNG")
    assert plain_text(ui.readout.value).startswith("Step 0 of 200 · epoch 0.000")
    ui.slider.value = 5
    assert bytes(ui.image.value) != first_image
    step = int(history.snapshot_steps[5])
    assert plain_text(ui.readout.value) == (
        f"{snapshot_readout(history, 5)} (snapshot 6 of {len(history.snapshot_steps)})"
    )
    assert f"Step {step} of 200" in ui.readout.value
    ui.slider.value = 0
    assert bytes(ui.image.value) == first_image  # the same frame again: from the cache, same bytes


def test_readout_names_step_epoch_and_test_accuracy(history):
    last = len(history.snapshot_steps) - 1
    epoch = 200 * 64 / 5000
    accuracy = history.test_acc[-1]
    assert snapshot_readout(history, last) == (
        f"Step 200 of 200 · epoch {epoch:.3f} · test accuracy {accuracy:.1%}"
    )


def test_play_moves_the_slider_and_the_speed_control_sets_plays_interval(history):
    ui = parts(training_explorer(history, interval=300))
    assert link_between((ui.play, "value"), (ui.slider, "value"))
    assert link_between((ui.speed, "value"), (ui.play, "interval"))
    assert ui.play.interval == ui.speed.value == 300
    assert ui.play.max == ui.slider.max == len(history.snapshot_steps) - 1


def test_fixed_scale_keeps_the_run_peak_and_per_frame_scale_follows_the_frame(history):
    fig, show = explorer_figure(history)
    image = fig.axes[0].images[0]
    run_peak = float(np.abs(history.W_snapshots).max())
    frame_peak = float(np.abs(history.W_snapshots[3]).max())
    assert frame_peak < run_peak / 2  # early weights are small: the two scales differ
    show(3, "fixed")
    assert image.get_clim() == pytest.approx((-run_peak, run_peak))
    show(3, "frame")
    assert image.get_clim() == pytest.approx((-frame_peak, frame_peak))
    show(0, "frame")  # all weights 0: nothing to rescale to, so the run's scale is kept
    assert image.get_clim() == pytest.approx((-run_peak, run_peak))


def test_choosing_the_scale_redraws_and_explains_it(history):
    ui = parts(training_explorer(history))
    ui.slider.value = 3
    fixed_image, fixed_note = bytes(ui.image.value), ui.note.value
    assert "Fixed over the whole run" in fixed_note
    ui.scales.value = "frame"
    assert bytes(ui.image.value) != fixed_image
    assert "Rescaled per frame" in ui.note.value
    # Per frame, the small early weights get the full colour range: more saturated pixels.
    saturation = [
        np.ptp(np.asarray(Image.open(io.BytesIO(png)))[:, :560].astype(int), axis=2).mean()
        for png in (fixed_image, bytes(ui.image.value))
    ]
    assert saturation[1] > 1.5 * saturation[0]


def test_frames_and_text_repr_are_deterministic(history):
    first, second = training_explorer(history), training_explorer(history)
    assert repr(first) == repr(second)
    assert "model_id" not in repr(first)
    render_a, render_b = frame_renderer(history), frame_renderer(history)
    for index in (0, 4, len(history.snapshot_steps) - 1):
        assert render_a(index, "frame") == render_b(index, "frame")


def test_frames_match_a_full_redraw(history):
    # Blitting draws only what changed; the result must be what drawing everything gives.
    render = frame_renderer(history)
    fig, show = explorer_figure(history)
    for index in (2, len(history.snapshot_steps) - 1):
        show(index, "frame")
        fig.canvas.draw()
        full = np.asarray(fig.canvas.buffer_rgba())[..., :3]
        blitted = np.asarray(Image.open(io.BytesIO(render(index, "frame"))))
        assert blitted.shape == full.shape
        assert np.abs(blitted.astype(int) - full).mean() < 0.5


def test_png_bytes_decode_to_the_same_pixels():
    rgb = np.random.default_rng(0).integers(0, 256, size=(7, 5, 3), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(png_bytes(rgb))))
    np.testing.assert_array_equal(decoded, rgb)
    with pytest.raises(ValueError, match="uint8 array of shape"):
        png_bytes(rgb.astype(np.float32))


# --- input validation -----------------------------------------------------------------------


def test_explorer_rejects_bad_input_with_a_sentence(history, mnist):
    with pytest.raises(ValueError, match="Expected the History that train_sgd returns"):
        training_explorer(history.W)
    no_test = train_sgd(mnist.X_train[:500], mnist.y_train[:500], lr=0.5, steps=5)
    with pytest.raises(ValueError, match="pass X_test and y_test"):
        training_explorer(no_test)
    one = train_sgd(
        mnist.X_train[:500],
        mnist.y_train[:500],
        lr=0.5,
        steps=5,
        X_test=mnist.X_test[:100],
        y_test=mnist.y_test[:100],
        snapshot_steps=[5],
    )
    with pytest.raises(ValueError, match="at least 2 snapshots"):
        training_explorer(one)
    with pytest.raises(ValueError, match="interval between 20 and 5000"):
        training_explorer(history, interval=5)
    with pytest.raises(ValueError, match="interval to be a whole number"):
        training_explorer(history, interval=0.5)
    with pytest.raises(ValueError, match="scale to be one of"):
        training_explorer(history, scale="log")
    last = len(history.snapshot_steps) - 1
    with pytest.raises(ValueError, match=f"snapshot index from 0 to {last}"):
        snapshot_readout(history, last + 1)
    _, show = explorer_figure(history)
    with pytest.raises(ValueError, match="snapshot index"):
        show(-1, "fixed")


def test_save_training_gif_checks_its_arguments(history, tmp_path):
    with pytest.raises(ValueError, match=r"ending in \.gif"):
        save_training_gif(history, tmp_path / "maps.png")
    with pytest.raises(ValueError, match="fps to be a whole number"):
        save_training_gif(history, tmp_path / "maps.gif", fps=0)


# --- the static animation -------------------------------------------------------------------


def test_gif_has_one_frame_per_snapshot_and_is_deterministic(history, tmp_path):
    first = save_training_gif(history, tmp_path / "a.gif")
    second = save_training_gif(history, tmp_path / "b.gif")
    assert first.read_bytes() == second.read_bytes()
    with Image.open(first) as gif:
        assert gif.format == "GIF"
        assert gif.n_frames == len(history.snapshot_steps)  # the held last frame merges


def test_readme_gif_is_notebook_06s_run_and_small_enough():
    gif = ROOT / "docs" / "weight_maps.gif"
    assert gif.stat().st_size <= 2 * 1024 * 1024, "make gif: the README's GIF must stay <= 2 MB"
    with Image.open(gif) as image:
        assert image.n_frames == len(snapshot_schedule(NOTEBOOK_RUN["steps"]))
    # The notebook trains the run the GIF shows: the same settings, written out in its cell.
    nb = read(NOTEBOOK_DIR / "06_watching_training.ipynb")
    training = next(c.source for c in nb.cells if "train_sgd(" in c.source)
    for name, value in NOTEBOOK_RUN.items():
        assert f"{name}={value}" in training, f"notebook 06 and `make gif` differ in {name}"


# --- measuring the maps ---------------------------------------------------------------------


def test_mean_difference_maps_is_class_mean_minus_overall_mean():
    rng = np.random.default_rng(0)
    y = rng.permutation(np.arange(40) % 10)
    X = rng.random((40, 784), dtype=np.float32)
    expected = np.stack([X[y == k].mean(axis=0) - X.mean(axis=0) for k in range(10)], axis=1)
    np.testing.assert_allclose(mean_difference_maps(X, y), expected, atol=1e-6)
    with pytest.raises(ValueError, match=r"every class 0 to 9 in y, got none of \[9\]"):
        mean_difference_maps(X[y != 9], y[y != 9])


def test_map_correlations_is_pearson_per_class():
    rng = np.random.default_rng(1)
    W = rng.normal(size=(3, 784, 10))
    reference = rng.normal(size=(784, 10))
    got = map_correlations(W, reference)
    expected = [
        [np.corrcoef(W[i, :, k], reference[:, k])[0, 1] for k in range(10)] for i in range(3)
    ]
    np.testing.assert_allclose(got, expected, atol=1e-12)
    np.testing.assert_allclose(map_correlations(2 * W + 1, W[0])[0], 1.0)
    with pytest.raises(ValueError, match="Leave out step 0"):
        map_correlations(np.zeros((2, 784, 10)), reference)
    with pytest.raises(ValueError, match=r"shape \(k, 784, 10\)"):
        map_correlations(W[0], reference)


def test_settling_steps_needs_the_threshold_for_good():
    steps = np.array([1, 2, 5, 10])
    corr = np.tile([[0.5], [0.96], [0.9], [0.97]], (1, 10))
    corr[:, 1] = [0.96, 0.97, 0.98, 0.99]  # above from the start
    corr[:, 2] = [0.5, 0.6, 0.7, 0.8]  # never gets there
    settled = settling_steps(corr, steps, 0.95)
    assert settled[0] == 10  # touched 0.95 at step 2, dropped, settled at step 10
    assert settled[1] == 1
    assert settled[2] == -1
    with pytest.raises(ValueError, match=r"steps of shape \(4,\)"):
        settling_steps(corr, steps[:3])


# --- the exercises' checkers ----------------------------------------------------------------


def verdict(capsys, check, attempt) -> str:
    check(attempt)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    return lines[0]


def test_check_mean_difference_maps_explains_common_mistakes(capsys):
    def means(X, y):
        return np.stack([X[y == k].mean(axis=0) for k in range(10)], axis=1)

    def right(X, y):
        return means(X, y) - X.mean(axis=0)[:, None]

    check = check_mean_difference_maps
    assert verdict(capsys, check, lambda X, y: ...).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, right).startswith(CORRECT)
    assert "subtract the mean image of all rows" in verdict(capsys, check, means)
    mean_of_means = verdict(capsys, check, lambda X, y: means(X, y) - means(X, y).mean(1)[:, None])
    assert "average of the ten class means" in mean_of_means
    assert "(784, 10)" in verdict(capsys, check, lambda X, y: right(X, y).T)
    assert verdict(capsys, check, lambda X, y: 1 / 0).startswith(NOT_YET)


def test_check_correlation_with_final_explains_common_mistakes(capsys):
    def right(W):
        return map_correlations(W, W[-1])

    def cosine(W):
        return np.einsum("kpc,pc->kc", W, W[-1]) / (
            np.linalg.norm(W, axis=1) * np.linalg.norm(W[-1], axis=0)
        )

    check = check_correlation_with_final
    assert verdict(capsys, check, lambda W: None).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, right).startswith(CORRECT)
    assert "cosine similarity" in verdict(capsys, check, cosine)
    assert "one row per snapshot" in verdict(capsys, check, lambda W: right(W).T)


def test_check_settling_steps_explains_common_mistakes(capsys):
    def first_crossing(corr, steps, threshold):
        return steps[np.argmax(corr >= threshold, axis=0)]

    check = check_settling_steps
    assert verdict(capsys, check, lambda c, s, t: ...).startswith(NOT_ATTEMPTED)
    assert verdict(capsys, check, settling_steps).startswith(CORRECT)
    assert "dips back below" in verdict(capsys, check, first_crossing)
    positions = verdict(capsys, check, lambda c, s, t: np.searchsorted(s, settling_steps(c, s, t)))
    assert "row positions" in positions


def test_plot_map_rows_titles_the_digits_and_labels_the_rows():
    rng = np.random.default_rng(0)
    fig = plot_map_rows(
        {"first": rng.normal(size=(784, 10)), "second": np.ones((784, 10))}, title="two rows"
    )
    axes = fig.axes
    assert [ax.get_title() for ax in axes[:10]] == [f"digit {d}" for d in range(10)]
    assert [ax.get_ylabel() for ax in (axes[0], axes[10])] == ["first", "second"]
    assert fig.get_suptitle() == "two rows"
