"""The training explorer of 06: step through train_sgd's snapshots and watch the maps form.

Taught in 06_watching_training. The widgets (Play, a slider, a speed and a scale choice)
are linked in the browser (jslink) to an ExplorerView, which draws the figure that
ExplorerFigure draws from data sent once: stepping through a run needs no kernel.
save_training_gif writes the same frames as an animation, with matplotlib.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as widgets
from matplotlib.animation import PillowWriter

from helpers._inputs import describe, whole_number
from helpers.explorer_figure import (
    DPI,
    SCALES,
    ExplorerFigure,
    checked_scale,
    explorer_history,
)
from helpers.explorer_view import ExplorerView, explorer_data, scale_note_data
from helpers.history import History
from helpers.messages import catalog

say = catalog("helpers.explorer")
# The "ms per frame" slider: lowest, highest, step. Play's interval must lie on it.
SPEEDS = (50, 1000, 50)


def _controls(
    last: int, interval: int
) -> tuple[widgets.Play, widgets.IntSlider, widgets.IntSlider]:
    play = widgets.Play(
        value=0, min=0, max=last, step=1, interval=interval, description=say("play")
    )
    slider = widgets.IntSlider(
        value=0,
        min=0,
        max=last,
        description=say("snapshot"),
        readout=False,
        continuous_update=True,
        layout=widgets.Layout(width="420px", margin="0 2em 0 0"),
    )
    widgets.jslink((play, "value"), (slider, "value"))  # in the browser: Play moves the slider
    speed = widgets.IntSlider(
        value=interval,
        min=SPEEDS[0],
        max=SPEEDS[1],
        step=SPEEDS[2],
        description=say("ms_per_frame"),
        style={"description_width": "initial"},
    )
    widgets.jslink((speed, "value"), (play, "interval"))
    return play, slider, speed


def training_explorer(
    history: History, *, interval: int = 200, scale: str = "fixed"
) -> widgets.VBox:
    """The explorer: Play, a slider over the snapshots, the figure, a readout and scale choice.

    Taught in 06_watching_training. history is a History from train_sgd with test curves;
    interval is Play's milliseconds per frame (50 to 1000); scale is "fixed" (one colour
    scale for the whole run) or "frame" (rescaled to each frame). The browser gets every
    snapshot once and draws the chosen one itself (ExplorerView), so the controls need no
    kernel: they work on a static page too.
    """
    history = explorer_history(history)
    interval = whole_number(interval, say("name_interval"), *SPEEDS[:2])
    scale = checked_scale(scale)
    last = len(history.snapshot_steps) - 1
    play, slider, speed = _controls(last, interval)
    scales = widgets.ToggleButtons(
        options=[(say(f"scale_button_{key}"), key) for key in SCALES], value=scale
    )
    start = SCALES.index(scale)
    view = ExplorerView(data=explorer_data(history), scale=start)
    note = ExplorerView(part="note", data=scale_note_data(), scale=start)
    # In the browser: the slider picks the snapshot, the buttons the scale (their index).
    widgets.jslink((slider, "value"), (view, "index"))
    widgets.jslink((scales, "index"), (view, "scale"))
    widgets.jslink((scales, "index"), (note, "scale"))
    return widgets.VBox(
        [
            widgets.HBox([play, slider, speed]),
            view,
            widgets.HBox([widgets.Label(say("colour_scale")), scales]),
            note,
        ]
    )


def save_training_gif(
    history: History, path: str | Path, *, fps: int = 8, scale: str = "fixed"
) -> Path:
    """Write the explorer's frames as an animated GIF at path (deterministic); returns the path.

    Taught in 06_watching_training, which shows the animation for readers without a kernel;
    `make gif` writes it (tools/gif.py). Each frame is titled with its step, epoch and
    accuracy; the last is held for two seconds.
    """
    history, scale = explorer_history(history), checked_scale(scale)
    fps = whole_number(fps, "fps", 1, 50)  # browsers slow faster GIFs down
    if not isinstance(path, (str, os.PathLike)):
        raise ValueError(say("path_type", got=describe(path)))
    path = Path(path)
    shown = repr(str(path))
    if path.suffix.lower() != ".gif":
        raise ValueError(say("path_not_gif", path=shown))
    if not path.parent.is_dir():
        raise ValueError(say("path_no_folder", path=shown))
    if path.is_dir():
        raise ValueError(say("path_is_folder", path=shown))
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ValueError(say("path_not_writable", path=shown))
    figure = ExplorerFigure(history, readout=True)
    writer = PillowWriter(fps=fps)
    with writer.saving(figure.figure, str(path), DPI):
        for index in range(len(history.snapshot_steps)):
            figure.show(index, scale)
            writer.grab_frame()
        for _ in range(2 * fps):  # hold the final maps for two seconds before the loop restarts
            writer.grab_frame()
    return path
