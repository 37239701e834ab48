"""The drawing lab of 07: draw a digit with a mouse, a finger or the keys; the model reads it.

Taught in 07_draw_a_digit. DrawingPad is the canvas (an anywidget: its front end is
drawpad.js, shipped in this package, so it works offline and needs no build step); it syncs
the strokes to Python at the end of every stroke. Given the model (W and b as float32 bytes),
the pad reads each drawing in the browser, as helpers.drawing does, and shows the 28x28
image the model sees and the ten probabilities, also on a static page with no kernel.
DrawingLab adds what needs the kernel: the two evidence maps, in widgets.Image PNGs.
"""

from __future__ import annotations

import html
from pathlib import Path

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets

from helpers._inputs import NUM_CLASSES, as_parameters, whole_number
from helpers.drawing import (
    BlankDrawing,
    Pen,
    Reading,
    as_strokes,
    pixel_evidence,
    read_image,
    to_mnist,
)
from helpers.drawing_figure import ZOOM, colour_key_png, evidence_png, gray_png
from helpers.drawings_stored import as_lists, example_drawing
from helpers.environment import ANYWIDGET_RANGE
from helpers.messages import ENGLISH, catalog, entries, language

ESM = Path(__file__).with_name("drawpad.js")
RUNNER_UP = "runner-up"  # the compare choice that follows the second most probable class
BAR_PIXELS = 150  # the length of a bar at probability 1
PREDICTED_COLOUR, OTHER_COLOUR = "#ff7f0e", "#b0b0b0"  # matplotlib's C1, as plot_drawing
# The words drawpad.js shows, sent to it in the `texts` trait in the learner's language.
PAD_TEXTS = tuple(
    "draw_title undo undo_title clear clear_title help pad_label seen_title seen_label "
    "probabilities_title pad_blank verdict".split()
)

say = catalog("helpers.drawpad")


def _pad_texts() -> dict[str, str]:
    """The front end's words, key -> template (it fills {placeholders}), in the language now."""
    here, english = entries(say.domain, language()), entries(say.domain, ENGLISH)
    return {key: here.get(key) or english[key] for key in PAD_TEXTS}


class RefusedDrawing(traitlets.TraitError, ValueError):
    """A drawing the pad will not hold, in one sentence; a TraitError, so traitlets rolls back.

    Raised in 07_draw_a_digit when Python or a front end sets strokes to a bad drawing.
    """

    def _render_traceback_(self) -> list[str]:
        # IPython shows this line instead of a traceback, in a cell and in the kernel's log.
        return [f"{type(self).__name__}: {self}"]


class DrawingPad(anywidget.AnyWidget):
    """A 280 x 280 canvas to draw on with a mouse, pen, finger or keys, with Undo and Clear buttons.

    Taught in 07_draw_a_digit. strokes holds the drawing: a list of strokes, each a list of
    [x, y] points in canvas pixels; it changes at the end of each stroke, and setting it
    from Python redraws the canvas. W and b, the model as little-endian float32 bytes
    (784 x 10 row by row, then 10), let the front end read the drawing itself; empty, it
    only draws.
    """

    # The source itself, not its path: anywidget would watch a path for changes.
    _esm = ESM.read_text(encoding="utf-8")
    # Saved with the notebook, for a static page: any supported anywidget restores it.
    _model_module_version = traitlets.Unicode(ANYWIDGET_RANGE).tag(sync=True)
    _view_module_version = traitlets.Unicode(ANYWIDGET_RANGE).tag(sync=True)
    strokes = traitlets.List().tag(sync=True)
    # Stored with the notebook's widget state (31 KB), so a static page reads drawings too.
    W = traitlets.Bytes(b"").tag(sync=True)
    b = traitlets.Bytes(b"").tag(sync=True)
    # The pad's labels, from the catalog: the front end has no words of its own.
    texts = traitlets.Dict().tag(sync=True)

    @traitlets.default("texts")
    def _texts_now(self) -> dict[str, str]:
        return _pad_texts()

    @traitlets.validate("strokes")
    def _check_strokes(self, proposal: dict) -> list:
        # A TraitError, not a plain ValueError: only that makes traitlets put back the
        # drawing it held when a front end's update is refused.
        try:
            as_strokes(proposal["value"])
        except ValueError as refused:
            raise RefusedDrawing(str(refused)) from None
        return proposal["value"]

    def set_state(self, sync_data: dict) -> None:
        """A front end's update, checked before ipywidgets echoes it back or keeps it."""
        if "strokes" in sync_data:
            try:
                self._check_strokes({"value": sync_data["strokes"]})
            except RefusedDrawing:
                self.send_state("strokes")  # the front end redraws the drawing kept here
                raise
        super().set_state(sync_data)

    def __repr__(self) -> str:
        return f"DrawingPad({len(self.strokes)} strokes)"


def _float32(array: np.ndarray) -> bytes:
    """A checked parameter as little-endian float32 bytes, row by row, for the pad's front end."""
    return np.ascontiguousarray(array, dtype="<f4").tobytes()


def _bars(reading: Reading, strokes: int) -> str:
    """The ten probabilities as HTML bars, the predicted one coloured, with data attributes."""
    p = reading.probabilities
    data = " ".join(f'data-p{k}="{p[k]:.6g}"' for k in range(NUM_CLASSES))
    rows = []
    for k in range(NUM_CLASSES):
        colour = PREDICTED_COLOUR if k == reading.predicted else OTHER_COLOUR
        rows.append(
            f'<div class="drawing-bar" data-digit="{k}" style="display:flex;'
            f'align-items:center;gap:6px;height:17px">'
            f'<span style="width:1em;text-align:right">{k}</span>'
            f'<span style="display:inline-block;height:12px;width:{p[k] * BAR_PIXELS:.1f}px;'
            f'background:{colour}"></span><span>{p[k]:.1%}</span></div>'
        )
    return (
        f'<div class="drawing-readout" data-strokes="{strokes}" data-blank="false" '
        f'data-predicted="{reading.predicted}" {data}>'
        '<div style="margin-bottom:4px">'
        f"{say('lab_predicted', k=reading.predicted, p=p[reading.predicted])}</div>"
        f"{''.join(rows)}</div>"
    )


def _blank_readout(strokes: int = 0) -> str:
    return (
        f'<div class="drawing-readout" data-strokes="{strokes}" data-blank="true" '
        'style="max-width:16em">'
        f"<i>{html.escape(say('lab_blank'))}</i></div>"
    )


def _titled(title: widgets.HTML, picture: widgets.Widget) -> widgets.VBox:
    return widgets.VBox([title, picture], layout=widgets.Layout(margin="0 12px 0 0"))


def _image(css_class: str) -> widgets.Image:
    image = widgets.Image(
        format="png",
        width=28 * ZOOM,
        height=28 * ZOOM,
        layout=widgets.Layout(border="1px solid #ccc"),
    )
    image.add_class(css_class)
    return image


class DrawingLab:
    """The drawing pad with the model's reading of it, updated at the end of every stroke.

    Taught in 07_draw_a_digit; drawing_lab(W, b) makes one. Shown in a cell, it is the pad,
    the 28x28 image the model sees, the ten probabilities, and the evidence maps for the
    predicted class and for a class the learner picks (by default the runner-up). drawing()
    returns the strokes, load() draws an example or a stored drawing, reading() returns
    the model's Reading.
    """

    def __init__(self, W: np.ndarray, b: np.ndarray, *, compare: int | None = None) -> None:
        W, b = as_parameters(W, b)
        # Copies: training on after the lab is made must not change what it shows.
        self._W, self._b = W.copy(), b.copy()
        name = say("name_compare")
        start = RUNNER_UP if compare is None else whole_number(compare, name, 0, 9)
        self._reading: Reading | None = None
        self._pen = Pen()
        self.pad = DrawingPad(W=_float32(W), b=_float32(b))
        self._choice = widgets.ToggleButtons(
            options=[(say("runner_up_button"), RUNNER_UP), *((str(k), k) for k in range(10))],
            tooltips=[say("runner_up_tip"), *(say("class_tip", k=k) for k in range(10))],
            value=start,
            style={"button_width": "3.2em"},
        )
        self._readout = widgets.HTML(_blank_readout())
        self._readout.add_class("drawing-probabilities")
        self._seen = _image("drawing-seen")
        self._maps = (_image("drawing-evidence-predicted"), _image("drawing-evidence-compare"))
        self._titles = (widgets.HTML(), widgets.HTML())
        self._scale = widgets.HTML()
        key = widgets.Image(value=colour_key_png(), format="png", width=28 * ZOOM, height=10)
        self._reading_box = widgets.VBox(
            [
                widgets.HBox(
                    [_titled(t, m) for t, m in zip(self._titles, self._maps, strict=True)]
                ),
                widgets.VBox([key, self._scale]),
                widgets.HBox([widgets.Label(say("compare_with")), self._choice]),
            ]
        )
        seen = _titled(widgets.HTML(say("seen_title")), self._seen)
        self._seen_box = seen
        # The kernel's own image and readout are not shown: the pad shows the browser's, which
        # the browser test compares with these. The evidence maps need the kernel.
        kernel = widgets.HBox([seen, self._readout], layout=widgets.Layout(display="none"))
        self.widget = widgets.VBox([self.pad, kernel, self._reading_box])
        self.widget.add_class("drawing-lab")
        self.pad.observe(self._update, names="strokes")
        self._choice.observe(self._update, names="value")
        self._update()

    def _update(self, _change: object = None) -> None:
        """Read the pad's drawing and show the result, or the blank sentence."""
        try:
            image = to_mnist(self._pen.render(as_strokes(self.pad.strokes)))
        except BlankDrawing:
            self._reading = None
            self._readout.value = _blank_readout(len(self.pad.strokes))
            self._seen_box.layout.visibility = "hidden"
            self._reading_box.layout.display = "none"
            return
        reading = self._reading = read_image(image, self._W, self._b)
        other = self._choice.value
        if other == RUNNER_UP:
            other = int(np.argsort(reading.probabilities)[-2])
        x = image.reshape(-1)
        maps = [pixel_evidence(x, self._W, k) for k in (reading.predicted, other)]
        vmax = max(float(np.abs(m).max()) for m in maps) or 1.0
        self._seen.value = gray_png(image)
        second = "lab_evidence_runner_up" if self._choice.value == RUNNER_UP else "lab_evidence"
        for picture, title, evidence, k, key in zip(
            self._maps,
            self._titles,
            maps,
            (reading.predicted, other),
            ("lab_evidence_predicted", second),
            strict=True,
        ):
            picture.value = evidence_png(evidence, vmax)
            title.value = say(key, k=k, total=evidence.sum())
        self._scale.value = (
            f'<div style="display:flex;justify-content:space-between;width:{28 * ZOOM}px">'
            f"<span>-{vmax:.2f}</span><span>0</span><span>+{vmax:.2f}</span></div>"
            f"<i>{html.escape(say('scale_caption'))}</i>"
        )
        self._readout.value = _bars(reading, len(self.pad.strokes))
        self._seen_box.layout.visibility = "visible"
        self._reading_box.layout.display = None

    def drawing(self) -> list[list[list[float]]]:
        """A copy of the strokes drawn now: a list of strokes, each a list of [x, y] points."""
        return [[[float(x), float(y)] for x, y in stroke] for stroke in self.pad.strokes]

    def load(self, drawing: object) -> None:
        """Show a drawing on the pad: an example's name (see EXAMPLES) or a list of strokes."""
        strokes = example_drawing(drawing) if isinstance(drawing, str) else drawing
        self.pad.strokes = as_lists(as_strokes(strokes))

    def reading(self) -> Reading:
        """What the model makes of the drawing now; raises BlankDrawing for a blank pad."""
        if self._reading is None:
            raise BlankDrawing()
        return self._reading

    def _repr_mimebundle_(self, **kwargs: object) -> dict:
        # The widget's own view; its text, shown where widgets cannot be, says what it is.
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        return say("lab_repr")


def drawing_lab(W: np.ndarray, b: np.ndarray, *, compare: int | None = None) -> DrawingLab:
    """A DrawingLab for the model W (784, 10), b (10,); compare: a class 0 to 9, or None.

    Taught in 07_draw_a_digit. Show it by ending a cell with it. compare picks the class of
    the second evidence map at the start (None: the runner-up, the second most probable
    class); the learner can change it with the buttons under the maps.
    """
    return DrawingLab(W, b, compare=compare)
