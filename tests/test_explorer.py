"""The explorer of 06 in Python: the data sent to the browser, frames, readout, GIF, inputs."""

from __future__ import annotations

import base64
import dataclasses
import inspect
import io
import json
import re
import zlib
from importlib import resources
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
    explorer_view,
    save_training_gif,
    snapshot_readout,
    snapshot_schedule,
    train_sgd,
    training_explorer,
)
from helpers.explorer_figure import SCALES, ExplorerFigure, _png_bytes
from helpers.explorer_view import VIEW_TEXTS, ExplorerView, explorer_data
from helpers.messages import entries
from tests.catalog_tools import helper_said, sentence_pattern
from tests.notebook_tools import NOTEBOOK_DIR, ROOT, read
from tools.gif import NOTEBOOK_RUN

said = helper_said


def pattern(module: str, key: str, **fields: object) -> str:
    """A regex for an English sentence of helpers.<module>: the fields given filled in."""
    return sentence_pattern(f"helpers.{module}", key, **fields)


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

    views = {w.part: w for w in found if isinstance(w, ExplorerView)}
    assert sorted(views) == ["figure", "note"]
    return SimpleNamespace(
        play=one(widgets.Play),
        slider=one(widgets.IntSlider, said("explorer", "snapshot")),
        speed=one(widgets.IntSlider, said("explorer", "ms_per_frame")),
        scales=one(widgets.ToggleButtons),
        view=views["figure"],
        note=views["note"],
    )


def link_between(source: tuple, target: tuple) -> bool:
    """True if a browser-side jslink joins the two (widget, trait) pairs."""
    return any(
        type(w) is Link and {w.source, w.target} == {source, target}
        for w in list(_instances.values())
    )


def unpack_maps(data: dict) -> np.ndarray:
    """The maps as the browser gets them: inflate, then add up the frame differences (int8)."""
    deltas = np.frombuffer(zlib.decompress(base64.b64decode(data["maps"])), dtype=np.int8)
    deltas = deltas.reshape(len(data["steps"]), 10, 784)
    return np.cumsum(deltas, axis=0, dtype=np.int8)  # wraps as JavaScript's Int8Array does


def png_pixels(base64_png: str) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(base64_png))))


# --- the widget ---------------------------------------------------------------------------


def test_the_controls_are_linked_in_the_browser_to_the_view(history):
    ui = parts(training_explorer(history))
    # jslink: the slider and the scale buttons reach the view with no kernel in between.
    assert link_between((ui.slider, "value"), (ui.view, "index"))
    assert link_between((ui.scales, "index"), (ui.view, "scale"))
    assert link_between((ui.scales, "index"), (ui.note, "scale"))
    assert ui.view.index == ui.slider.value == 0
    # The Python side observes nothing: moving the slider asks the kernel for nothing.
    assert not ui.slider._trait_notifiers.get("value", {}).get("change")


def test_the_view_gets_every_snapshots_readout_and_maps_once(history):
    data = parts(training_explorer(history)).view.data
    n = len(history.snapshot_steps)
    assert data["readouts"] == [snapshot_readout(history, i) for i in range(n)]
    assert data["steps"] == history.snapshot_steps.tolist() and data["total_steps"] == 200
    maps = unpack_maps(data).astype(float) * np.array(data["peaks"])[:, None, None] / 127
    weights = history.W_snapshots.transpose(0, 2, 1)
    # 8 bits per frame, scaled to the frame's own peak: off by at most half a level.
    limit = np.abs(weights).max(axis=(1, 2))[:, None, None] / 254 + 1e-9
    assert np.all(np.abs(maps - weights) <= limit)
    assert data["peaks"][0] == 0 and data["run_peak"] == pytest.approx(np.abs(weights).max())


def test_the_background_leaves_out_what_moves(history):
    data = explorer_data(history)
    background = png_pixels(data["background"])
    assert background.shape == (data["height"], data["width"], 3)
    # Where the maps go, the background is white but for the "digit k" titles: no map drawn.
    left, top, width, height = (round(v) for v in data["tiles"]["box"])
    area = background[top + 10 : top + height, left : left + width].astype(int)
    coloured = np.ptp(area, axis=2) > 30  # red or blue pixels; titles are grey
    assert coloured.mean() < 0.001
    figure = ExplorerFigure(history)
    full = np.asarray(Image.open(io.BytesIO(figure.render(5, "frame")))).astype(int)
    assert (np.ptp(full[top + 10 : top + height, left : left + width], axis=2) > 30).mean() > 0.1


def test_markers_go_where_matplotlib_puts_them(history):
    data = explorer_data(history)
    figure = ExplorerFigure(history)
    figure.show(7)
    height = data["height"]
    for (_line, dot, _curve), curve in zip(figure.step_markers, data["curves"], strict=True):
        x, y = dot.axes.transData.transform(np.column_stack(dot.get_data()))[0]
        assert (curve["x"][7], curve["y"][7]) == pytest.approx((x, height - y), abs=0.01)
        left, top, width, box_height = curve["box"]
        assert left <= curve["x"][7] <= left + width and top <= curve["y"][7] <= top + box_height


def test_the_stored_state_stays_small(history):
    # What the notebook stores for the explorer: the 50 snapshots of 06's run, about 230 KB.
    data = explorer_data(history)
    per_snapshot = len(json.dumps(data)) / len(history.snapshot_steps)
    assert per_snapshot < 8_000, f"{per_snapshot:.0f} bytes per snapshot"


def test_the_view_ships_a_self_contained_front_end():
    view = ExplorerView()
    shipped = resources.files("helpers").joinpath("explorer_view.js").read_text(encoding="utf-8")
    assert view._esm == shipped and "export default { render }" in shipped
    # No import from the network or a bundler: it must run offline on a static page.
    assert not re.search(r"^\s*import\b", shipped, re.MULTILINE) and "http" not in shipped
    # Any anywidget the project supports restores the stored state (pyproject's minimum).
    minimum = re.search(r'"anywidget>=([\d.]+)"', (ROOT / "pyproject.toml").read_text())[1]
    assert view._model_module_version == view._view_module_version == f">={minimum}.0"
    assert view.part == "figure"


def test_the_note_names_the_chosen_scale(history):
    ui = parts(training_explorer(history, scale="frame"))
    notes = [said("explorer_figure", f"scale_note_{scale}") for scale in SCALES]
    assert ui.note.data["notes"] == notes and SCALES == ("fixed", "frame")
    assert ui.scales.value == "frame" and ui.scales.index == ui.note.scale == ui.view.scale == 1
    assert ui.scales.options == tuple(
        (said("explorer", f"scale_button_{scale}"), scale) for scale in SCALES
    )


def test_the_front_end_gets_its_words_from_the_catalogs():
    # Every word explorer_view.js shows is a key it asks `texts` for, and Python sends each.
    shipped = resources.files("helpers").joinpath("explorer_view.js").read_text(encoding="utf-8")
    calls = re.findall(r"\btext\(([^,)]*)", shipped)  # the key argument of each text(...)
    asked = {key for call in calls for key in re.findall(r'"(\w+)"', call)}
    sent = {key for keys in VIEW_TEXTS.values() for key in keys}
    assert asked == sent
    # Templates: the front end fills their {placeholders} itself.
    assert ExplorerView().texts == {
        key: entries(domain)[key] for domain, keys in VIEW_TEXTS.items() for key in keys
    }


def test_readout_names_step_epoch_and_test_accuracy(history):
    last = len(history.snapshot_steps) - 1
    epoch = 200 * 64 / 5000
    accuracy = history.test_acc[-1]
    fields = {"step": 200, "steps": 200, "epoch": epoch, "accuracy": accuracy}
    assert snapshot_readout(history, last) == said("explorer_figure", "readout", **fields)
    assert snapshot_readout(history, last) == (
        f"Step 200 of 200 · epoch {epoch:.3f} · test accuracy {accuracy:.1%}"
    )  # the catalog's English is the readout notebook 06 quotes


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


def test_frames_data_and_text_repr_are_deterministic(history):
    first, second = training_explorer(history), training_explorer(history)
    assert repr(first) == repr(second)
    assert "model_id" not in repr(first)
    assert parts(first).view.data == parts(second).view.data
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
    with pytest.raises(ValueError, match=pattern("plotting", "not_a_history")):
        training_explorer(history.W)
    with pytest.raises(ValueError, match=pattern("plotting", "not_a_history")):
        explorer_data({"W": history.W})
    no_test = train_sgd(mnist.X_train[:500], mnist.y_train[:500], lr=0.5, steps=5)
    with pytest.raises(ValueError) as refused:
        training_explorer(no_test)
    assert str(refused.value) == said("explorer_figure", "no_test_curves")
    one = train_sgd(
        mnist.X_train[:500],
        mnist.y_train[:500],
        lr=0.5,
        steps=5,
        X_test=mnist.X_test[:100],
        y_test=mnist.y_test[:100],
        snapshot_steps=[5],
    )
    with pytest.raises(ValueError) as refused:
        training_explorer(one)
    assert str(refused.value) == said("explorer_figure", "too_few_snapshots", count=1)
    with pytest.raises(ValueError, match="scale to be one of 'fixed', 'frame'"):
        training_explorer(history, scale="log")
    last = len(history.snapshot_steps) - 1
    index_name = re.escape(said("explorer_figure", "name_index"))
    with pytest.raises(ValueError, match=f"{index_name} .*0 .*{last}"):
        snapshot_readout(history, last + 1)
    figure = ExplorerFigure(history)
    for index in (-1, 2.0, True):
        with pytest.raises(ValueError, match=index_name):
            figure.show(index, "fixed")
    with pytest.raises(ValueError, match=index_name):
        figure.render(last + 1)


@pytest.mark.parametrize("interval", [5, 20, 1200, 0.5])
def test_interval_outside_the_speed_sliders_range_is_refused(history, interval):
    # The speed slider is jslinked to Play's interval: a value it cannot show would be
    # clamped to its range in the browser, so the explorer refuses it instead.
    with pytest.raises(ValueError, match=re.escape(said("explorer", "name_interval"))):
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
    message = pattern("plotting", "history_diverged", step=step, lr=0.05)
    for call in (
        lambda: training_explorer(diverged),
        lambda: explorer_data(diverged),
        lambda: snapshot_readout(diverged, 0),
        lambda: save_training_gif(diverged, "unused.gif"),
    ):
        with pytest.raises(ValueError, match=message):
            call()


def test_save_training_gif_checks_its_arguments(history, tmp_path):
    with pytest.raises(ValueError) as refused:
        save_training_gif(history, tmp_path / "maps.png")
    assert str(refused.value) == said(
        "explorer", "path_not_gif", path=repr(str(tmp_path / "maps.png"))
    )
    with pytest.raises(ValueError, match="fps to be a whole number from 1 to 50"):
        save_training_gif(history, tmp_path / "maps.gif", fps=0)
    with pytest.raises(ValueError, match="fps to be a whole number from 1 to 50"):
        save_training_gif(history, tmp_path / "maps.gif", fps=60)
    with pytest.raises(ValueError, match=pattern("explorer", "path_type")):
        save_training_gif(history, 7)
    with pytest.raises(ValueError, match=pattern("explorer", "path_no_folder")):
        save_training_gif(history, tmp_path / "missing" / "maps.gif")
    with pytest.raises(ValueError, match=pattern("explorer", "path_is_folder")):
        (tmp_path / "folder.gif").mkdir()
        save_training_gif(history, tmp_path / "folder.gif")
    with pytest.raises(ValueError, match="scale to be one of"):
        save_training_gif(history, tmp_path / "maps.gif", scale="log")


def test_every_public_function_names_the_notebook_that_teaches_it():
    notebooks = {path.stem for path in NOTEBOOK_DIR.glob("*.ipynb")}
    for module in (explorer, explorer_figure, explorer_view):
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(obj) or inspect.isclass(obj):
                # Or, public only for another module's use: which module uses it.
                taught = re.search(r"Taught in (\d\d_\w+)", obj.__doc__ or "")
                used = re.search(r"Used by helpers\.(\w+)", obj.__doc__ or "")
                known = (taught and taught[1] in notebooks) or (used and used[1] != module.__name__)
                assert known, f"{module.__name__}.{name}"


def test_a_chinese_learner_meets_the_explorer_in_chinese(history, tmp_path, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    ui = parts_in_chinese(training_explorer(history))
    assert ui.scales.options[0] == (said("explorer", "scale_button_fixed", "zh"), "fixed")
    assert ui.note.data["notes"][1] == said("explorer_figure", "scale_note_frame", "zh")
    assert ui.view.texts["snapshot_of"] == entries("helpers.explorer_view", "zh")["snapshot_of"]
    fields = {"step": 0, "steps": 200, "epoch": 0.0, "accuracy": history.test_acc[0]}
    assert ui.view.data["readouts"][0] == said("explorer_figure", "readout", "zh", **fields)
    assert ui.view.data["readouts"][0].startswith("第 0 步")
    with pytest.raises(ValueError) as refused:
        save_training_gif(history, tmp_path / "maps.png")
    path = repr(str(tmp_path / "maps.png"))
    assert str(refused.value) == said("explorer", "path_not_gif", "zh", path=path)


def parts_in_chinese(box: widgets.VBox) -> SimpleNamespace:
    """The explorer's scale buttons and views, found by type only."""
    found, todo = [], [box]
    while todo:
        widget = todo.pop()
        found.append(widget)
        todo.extend(getattr(widget, "children", ()))
    views = {w.part: w for w in found if isinstance(w, ExplorerView)}
    scales = next(w for w in found if isinstance(w, widgets.ToggleButtons))
    return SimpleNamespace(scales=scales, view=views["figure"], note=views["note"])


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
