"""The explorer of 06 without a kernel: frames, readout, colour scales, GIF, inputs."""

from __future__ import annotations

import dataclasses
import inspect
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
    explorer,
    explorer_figure,
    save_training_gif,
    snapshot_readout,
    snapshot_schedule,
    train_sgd,
    training_explorer,
)
from helpers.explorer_figure import ExplorerFigure, _png_bytes
from tests.notebook_tools import NOTEBOOK_DIR, ROOT, read
from tools.gif import NOTEBOOK_RUN


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
    figure = ExplorerFigure(history)
    show, image = figure.show, figure.image
    assert image is figure.figure.axes[0].images[0]
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
    render_a, render_b = ExplorerFigure(history).render, ExplorerFigure(history).render
    for index in (0, 4, len(history.snapshot_steps) - 1):
        assert render_a(index, "frame") == render_b(index, "frame")


def test_frames_match_a_full_redraw(history):
    # Blitting draws only what changed; the result must be what drawing everything gives.
    render = ExplorerFigure(history).render
    figure = ExplorerFigure(history)
    for index in (2, len(history.snapshot_steps) - 1):
        figure.show(index, "frame")
        figure.figure.canvas.draw()
        full = np.asarray(figure.figure.canvas.buffer_rgba())[..., :3]
        blitted = np.asarray(Image.open(io.BytesIO(render(index, "frame"))))
        assert blitted.shape == full.shape
        assert np.abs(blitted.astype(int) - full).mean() < 0.5


def test_png_bytes_decode_to_the_same_pixels():
    rgb = np.random.default_rng(0).integers(0, 256, size=(7, 5, 3), dtype=np.uint8)
    decoded = np.asarray(Image.open(io.BytesIO(_png_bytes(rgb))))
    np.testing.assert_array_equal(decoded, rgb)


def test_the_step_markers_sit_on_the_curves_at_the_snapshots_step(history):
    figure = ExplorerFigure(history)
    figure.show(7)
    step = history.snapshot_steps[7]
    for (line, dot, curve), expected in zip(
        figure.step_markers, (history.test_loss, history.test_acc), strict=True
    ):
        np.testing.assert_array_equal(curve, expected)  # on the axis: nothing clipped
        assert list(line.get_xdata()) == [step, step]
        assert (dot.get_xdata()[0], dot.get_ydata()[0]) == (step, expected[7])


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
    with pytest.raises(ValueError, match="scale to be one of 'fixed', 'frame'"):
        training_explorer(history, scale="log")
    last = len(history.snapshot_steps) - 1
    with pytest.raises(ValueError, match=f"snapshot index to be a whole number from 0 to {last}"):
        snapshot_readout(history, last + 1)
    figure = ExplorerFigure(history)
    for index in (-1, 2.0, True):
        with pytest.raises(ValueError, match="snapshot index"):
            figure.show(index, "fixed")
    with pytest.raises(ValueError, match="snapshot index"):
        figure.render(last + 1)


@pytest.mark.parametrize("interval", [5, 20, 1200, 0.5])
def test_interval_outside_the_speed_sliders_range_is_refused(history, interval):
    # The speed slider is jslinked to Play's interval: a value it cannot show would be
    # clamped to its range in the browser, so the explorer refuses it instead.
    with pytest.raises(ValueError, match=r"interval \(milliseconds per frame\) to be a whole"):
        training_explorer(history, interval=interval)


@pytest.mark.parametrize("interval", [50, 1000])
def test_interval_at_the_ends_of_the_speed_slider_is_kept(history, interval):
    ui = parts(training_explorer(history, interval=interval))
    assert ui.play.interval == ui.speed.value == interval


@pytest.mark.parametrize(
    ("field", "index", "value"),
    [("W_snapshots", (3, 100, 2), np.nan), ("test_loss", 4, np.inf), ("test_acc", 5, np.nan)],
)
def test_a_diverged_history_is_refused_with_advice(history, field, index, value):
    broken = getattr(history, field).copy()
    broken[index] = value
    diverged = dataclasses.replace(history, **{field: broken})
    step = history.snapshot_steps[index if isinstance(index, int) else index[0]]
    message = (
        f"finite weights and curves, got NaN or infinity at step {step}: that run diverged, "
        r"so train again with a smaller learning rate, such as lr=0\.05\."
    )
    for call in (
        lambda: training_explorer(diverged),
        lambda: snapshot_readout(diverged, 0),
        lambda: save_training_gif(diverged, "unused.gif"),
    ):
        with pytest.raises(ValueError, match=message):
            call()


def test_save_training_gif_checks_its_arguments(history, tmp_path):
    with pytest.raises(ValueError, match=r"ending in \.gif"):
        save_training_gif(history, tmp_path / "maps.png")
    with pytest.raises(ValueError, match="fps to be a whole number from 1 to 50"):
        save_training_gif(history, tmp_path / "maps.gif", fps=0)
    with pytest.raises(ValueError, match="fps to be a whole number from 1 to 50"):
        save_training_gif(history, tmp_path / "maps.gif", fps=60)
    with pytest.raises(ValueError, match="path to be a str or Path, got int"):
        save_training_gif(history, 7)
    with pytest.raises(ValueError, match="in an existing folder"):
        save_training_gif(history, tmp_path / "missing" / "maps.gif")
    with pytest.raises(ValueError, match="scale to be one of"):
        save_training_gif(history, tmp_path / "maps.gif", scale="log")


def test_every_public_function_names_the_notebook_that_teaches_it():
    notebooks = {path.stem for path in NOTEBOOK_DIR.glob("*.ipynb")}
    for module in (explorer, explorer_figure):
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                taught = re.search(r"Taught in (\d\d_\w+)", obj.__doc__ or "")
                assert taught and taught[1] in notebooks, f"{module.__name__}.{name}"


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
