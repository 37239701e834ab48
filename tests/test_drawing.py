"""helpers.drawing and helpers.drawpad (07_draw_a_digit): the pen, MNIST's preprocessing,
the examples read by a model trained as in 05, the evidence maps, and the lab without a browser.

Conventions checked here, as to_mnist documents them: pixel centres count from 0, so the
centre of a 28 x 28 image is (14, 14) where MNIST's own digits have their mean centre of
mass; the shift is a whole number of pixels, so the centre of mass lands within half a pixel.
"""

from __future__ import annotations

import html
import io
import os
import re
import subprocess
import sys
from importlib import resources
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
import traitlets
from PIL import Image

import helpers
from helpers import (
    BlankDrawing,
    drawing,
    drawing_figure,
    drawing_lab,
    drawpad_pen,
    evidence_map,
    example_drawing,
    plot_drawing,
    read_drawing,
    render_strokes,
    scores,
    to_mnist,
    train_sgd,
)
from helpers.drawing import CANVAS, PEN_WIDTH, Pen, as_strokes
from helpers.drawings_stored import EXAMPLES, STEP
from helpers.drawpad import PAD_TEXTS, ZOOM, DrawingPad, RefusedDrawing
from helpers.messages import entries
from tests.catalog_tools import helper_said, sentence_pattern

ROOT = Path(__file__).resolve().parent.parent


said = helper_said


def pattern(module: str, key: str, **fields: object) -> str:
    """A regex for an English sentence of helpers.<module>: the fields given filled in."""
    return sentence_pattern(f"helpers.{module}", key, **fields)


def refused(call, *args, error=ValueError, **kwargs) -> str:
    """The message of the error that call raises: one sentence starting with Expected."""
    with pytest.raises(error) as raised:
        call(*args, **kwargs)
    text = str(raised.value)
    assert text.startswith("Expected") and text.endswith(".") and "\n" not in text, text
    return text


def ink_box(image: np.ndarray) -> tuple[int, int]:
    """Height and width of the bounding box of the pixels above 0."""
    rows, cols = np.flatnonzero(image.any(axis=1)), np.flatnonzero(image.any(axis=0))
    return rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    """(row, column) of the centre of mass, with pixel centres at 0, 1, ..."""
    rows, cols = np.indices(image.shape)
    return (image * rows).sum() / image.sum(), (image * cols).sum() / image.sum()


@pytest.fixture(scope="module")
def model(mnist):
    """W and b trained exactly as notebook 05 trains them."""
    history = train_sgd(
        mnist.X_train, mnist.y_train, lr=0.5, batch_size=64, steps=9375, seed=0, decay=True
    )
    return history.W, history.b


# The pen


def test_a_tap_is_a_round_dot_of_the_pen_width():
    canvas = render_strokes([[(140, 140)]])
    assert canvas.shape == (CANVAS, CANVAS) and canvas.dtype == np.float64
    assert canvas.min() == 0 and canvas.max() == 1
    # The ink is the pen's disc: area pi r^2, and as wide as it is tall.
    assert canvas.sum() == pytest.approx(np.pi * (PEN_WIDTH / 2) ** 2, rel=0.03)
    assert ink_box(canvas > 0.5) == (PEN_WIDTH, PEN_WIDTH)
    np.testing.assert_allclose(canvas, canvas.T, atol=1e-12)  # round: a mirror of itself


def test_a_stroke_is_pen_width_wide_with_an_anti_aliased_edge():
    canvas = render_strokes([[(140.3, 40), (140.3, 240)]])
    row = canvas[140]
    assert row.sum() == pytest.approx(PEN_WIDTH, abs=0.3)  # 20 pixels of ink across
    grey = row[(row > 0) & (row < 1)]
    assert 1 <= len(grey) <= 2  # the edge pixels are partly covered: grey, not black
    # Extra points along the same line draw the same line.
    dense = render_strokes([[(140.3, y) for y in range(40, 241, 4)]])
    assert np.abs(dense - canvas).max() < 0.3 and abs(dense.sum() - canvas.sum()) < 20


def test_the_order_of_strokes_does_not_matter():
    strokes = example_drawing("crossed seven")
    np.testing.assert_array_equal(render_strokes(strokes), render_strokes(strokes[::-1]))


def test_the_lab_pen_that_adds_strokes_draws_what_a_fresh_canvas_draws():
    filled, seven = (as_strokes(example_drawing(n)) for n in ("filled zero", "crossed seven"))
    pen = Pen()
    # One stroke more each time, then Undo, Clear, and another drawing altogether.
    for strokes in [filled[:1], filled[:2], filled, filled[:1], [], seven, seven[:1] + filled]:
        np.testing.assert_array_equal(pen.render(strokes), render_strokes(strokes))


# MNIST's preprocessing


@pytest.mark.parametrize("name", EXAMPLES)
def test_to_mnist_fits_the_ink_in_20_pixels_centred_by_mass(name):
    image = to_mnist(render_strokes(example_drawing(name)))
    assert image.shape == (28, 28) and image.dtype == np.float32
    assert image.min() >= 0 and image.max() <= 1 and image.max() > 0.9
    assert max(ink_box(image)) == 20
    row, col = centre_of_mass(image)
    assert abs(row - 14) <= 0.5 + 1e-4 and abs(col - 14) <= 0.5 + 1e-4, (row, col)


def test_to_mnist_keeps_the_aspect_ratio():
    tall = to_mnist(render_strokes([[(140, 40), (140, 240)]]))  # 20 x 220 canvas pixels
    height, width = ink_box(tall)
    assert height == 20 and width <= 3
    wide = to_mnist(render_strokes([[(40, 140), (240, 140)]]))
    assert ink_box(wide) == (width, height)
    # A rectangle twice as tall as wide stays so: its box is 20 x 10.
    rectangle = [[(100, 40), (180, 40), (180, 200), (100, 200), (100, 40)]]
    height, width = ink_box(to_mnist(render_strokes(rectangle)))
    assert height == 20 and abs(width - (80 + PEN_WIDTH) / (160 + PEN_WIDTH) * 20) <= 1


def test_a_real_mnist_digit_drawn_ten_times_larger_comes_back_as_itself(mnist):
    # Every pixel a 10 x 10 square: to_mnist must find MNIST's own 20-pixel box and centre.
    digits = mnist.X_test[:200].reshape(-1, 28, 28)
    for digit in digits:
        back = to_mnist(np.kron(digit, np.ones((10, 10))))
        np.testing.assert_allclose(back, digit, atol=1e-6)


def test_ink_near_an_edge_is_never_cut_off():
    # An upside-down T with a heavy foot: its centre of mass sits low in its box, so moving
    # that up to row 14 would push the top of the stem out of the frame. The box touches the
    # top edge instead, and the centre of mass stays below row 14.
    foot = [[(40, 266 - 8 * i), (240, 266 - 8 * i)] for i in range(4)]
    image = to_mnist(render_strokes([[(140, 12), (140, 266)], *foot]))
    assert ink_box(image)[0] == 20  # nothing cut off: the whole 20-pixel box is there
    assert image[0].sum() > 0
    assert centre_of_mass(image)[0] > 14.5


def test_a_blank_canvas_says_so_in_one_sentence():
    for call in (
        lambda: to_mnist(np.zeros((CANVAS, CANVAS))),
        lambda: read_drawing([], np.zeros((784, 10)), np.zeros(10)),
    ):
        with pytest.raises(BlankDrawing) as raised:
            call()
        assert str(raised.value) == said("drawing", "blank_canvas")
    # Ink fainter than float32 can hold (1e-50) is no ink: blank, not NaN.
    faint = np.zeros((CANVAS, CANVAS))
    faint[100, 100] = 1e-50
    with pytest.raises(BlankDrawing):
        to_mnist(faint)
    # A ValueError, so `except ValueError` catches it; Jupyter shows the sentence alone.
    assert isinstance(raised.value, ValueError)
    assert raised.value._render_traceback_() == [f"BlankDrawing: {said('drawing', 'blank_canvas')}"]


# Bad input: one sentence each


@pytest.mark.parametrize(
    "strokes, key, fields",
    [
        ("one", "strokes_not_a_list", {}),
        (None, "strokes_not_a_list", {}),
        (np.zeros((3, 2)), "strokes_not_a_list", {}),
        ([[1, 2]], "stroke_not_points", {"name": "strokes[0]"}),
        ([[(1, 2, 3)]], "stroke_not_points", {"name": "strokes[0]"}),
        ([[(1, 2)], [(1, 2), (3,)]], "stroke_not_points", {"name": "strokes[1]"}),
        ([[("a", "b")]], "stroke_not_points", {"name": "strokes[0]"}),
        ([[]], "stroke_empty", {"name": "strokes[0]"}),
        ([[(np.nan, 3)]], "stroke_nan", {"name": "strokes[0]"}),
        ([[(10, 10), (300, 5)]], "point_outside", {"name": "strokes[0]", "x": 300, "y": 5}),
        ([[(-1, 5)]], "point_outside", {"x": -1, "y": 5}),
        ([[(10**20, 5)]], "point_outside", {"x": 1e20, "y": 5}),
        ([[(140, 140)]] * 1_001, "too_many_strokes", {"limit": 1000, "count": 1001}),
    ],
)
def test_bad_strokes_are_refused_in_one_sentence(strokes, key, fields):
    if key == "point_outside":
        fields = {"canvas": CANVAS, **fields}
    assert re.fullmatch(pattern("drawing", key, **fields), refused(render_strokes, strokes))


def test_bad_canvases_images_and_classes_are_refused_in_one_sentence():
    shape = pattern("drawing", "canvas_shape", canvas=CANVAS)
    assert re.fullmatch(shape, refused(to_mnist, np.zeros((28, 28))))
    ink = said("drawing", "canvas_range", low=255.0, high=255.0)
    assert refused(to_mnist, np.full((CANVAS, CANVAS), 255.0)) == ink
    W = np.zeros((784, 10))
    shape = pattern("drawing", "image_shape")
    assert re.fullmatch(shape, refused(evidence_map, np.zeros((20, 20)), W, 0))
    assert re.fullmatch(shape, refused(evidence_map, np.zeros((16, 49)), W, 0))
    pixels = said("drawing", "image_range", low=255.0, high=255.0)
    assert refused(evidence_map, np.full(784, 255.0), W, 0) == pixels
    assert said("drawing", "name_k") in refused(evidence_map, np.zeros(784), W, 10)
    assert "transpose" in refused(evidence_map, np.zeros(784), W.T, 0)
    assert "name to be one of" in refused(example_drawing, "eight")
    compare = said("drawpad", "name_compare")
    assert compare in refused(drawing_lab, W, np.zeros(10), compare=12)
    assert said("drawing_figure", "name_compare") in refused(
        plot_drawing, example_drawing("one"), W, np.zeros(10), compare=12
    )


# The examples, read by the model of 05


def test_example_drawings_are_plain_lists_the_same_on_every_call():
    assert set(EXAMPLES) >= {"one", "slanted one", "zero", "filled zero", "seven", "crossed seven"}
    assert {"zero inked on the ring", "zero inked outside"} <= set(EXAMPLES)
    first = example_drawing("zero")
    assert isinstance(first, list) and isinstance(first[0][0], list)
    assert all(isinstance(v, float) for point in first[0] for v in point)
    first[0].clear()  # a copy: changing it changes no later call
    assert example_drawing("zero") == example_drawing("zero") != first


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_stored_drawings_look_written_by_hand_not_ruled(name):
    for stroke in as_strokes(example_drawing(name)):
        if len(stroke) < 8:
            continue
        steps = np.hypot(*np.diff(stroke, axis=0).T)
        assert 1 < np.median(steps) < 2 * STEP  # sampled about as densely as the pad does
        assert steps.std() > 0.2  # a hand's pace varies; a ruler's linspace does not
        # No three consecutive legs in one straight line: the path bends all along.
        turns = np.diff(np.unwrap(np.arctan2(*np.diff(stroke, axis=0).T[::-1])))
        assert np.mean(np.abs(turns) > 0.02) > 0.5, name


def test_the_examples_are_read_as_drawn_by_a_wide_margin(model):
    W, b = model
    for name, digit in [
        ("one", 1),
        ("slanted one", 1),
        ("zero", 0),
        ("zero inked on the ring", 0),
        ("seven", 7),
        ("crossed seven", 7),
    ]:
        reading = read_drawing(example_drawing(name), W, b)
        p = np.sort(reading.probabilities)
        assert reading.predicted == digit, (name, reading.probabilities.round(3))
        # Ten times likelier than the runner-up: no BLAS difference can swap them.
        assert p[-1] > 10 * p[-2], (name, reading.probabilities.round(3))
    ring = read_drawing(example_drawing("zero"), W, b).probabilities[0]
    filled = read_drawing(example_drawing("filled zero"), W, b).probabilities[0]
    assert ring > 0.9 and filled < 0.1, (ring, filled)  # ink in the centre counts against 0
    # The control outside the ring costs some probability, far from what the centre costs.
    outside = read_drawing(example_drawing("zero inked outside"), W, b)
    assert outside.predicted == 0 and 0.6 < outside.probabilities[0] < 0.9


def test_a_reading_is_softmax_of_the_image_through_the_model(model):
    W, b = model
    reading = read_drawing(example_drawing("seven"), W, b)
    assert reading.image.shape == (28, 28) and reading.probabilities.shape == (10,)
    z = scores(W, b, reading.image.reshape(1, 784))[0]
    np.testing.assert_allclose(reading.probabilities, np.exp(z) / np.exp(z).sum(), rtol=1e-5)
    assert reading.predicted == int(np.argmax(z)) and isinstance(reading.predicted, int)


# Evidence maps


def test_evidence_sums_to_the_score_above_the_mean_score_biases_aside():
    rng = np.random.default_rng(3)
    # Columns that do not sum to zero per pixel, unlike a model trained from zero: a map of
    # x * w_k alone would then sum to something else.
    W, b = rng.normal(0.05, 0.1, (784, 10)), rng.normal(0, 1, 10)
    image = to_mnist(render_strokes(example_drawing("seven")))
    z = scores(W, b, image.reshape(1, 784))[0]
    for k in range(10):
        evidence = evidence_map(image, W, k)
        assert evidence.shape == (28, 28)
        assert evidence.sum() == pytest.approx(z[k] - z.mean() - (b[k] - b.mean()), abs=1e-9)
    assert np.all(evidence[image == 0] == 0)  # paper is no evidence either way
    np.testing.assert_array_equal(evidence_map(image.reshape(784), W, 9), evidence)
    # Adding one vector to every column changes no prediction, and no evidence map.
    shifted = W + rng.normal(0, 1, (784, 1))
    np.testing.assert_allclose(evidence_map(image, shifted, 3), evidence_map(image, W, 3))


# The static picture


def test_plot_drawing_shows_the_drawing_the_image_the_bars_and_two_maps(model):
    W, b = model
    fig = plot_drawing(example_drawing("one"), W, b)
    titles = [ax.get_title() for ax in fig.axes]
    assert len(fig.axes) == 6  # five panels and the colour bar
    assert titles[0] == said("drawing_figure", "as_drawn", canvas=CANVAS)
    assert titles[1] == said("drawing_figure", "model_sees")
    p = read_drawing(example_drawing("one"), W, b).probabilities[1]
    assert titles[2] == said("drawing_figure", "predicted", k=1, p=p)
    assert re.fullmatch(pattern("drawing_figure", "evidence_predicted", k=1), titles[3])
    assert re.fullmatch(pattern("drawing_figure", "evidence_runner_up"), titles[4])
    assert fig.axes[5].get_ylabel() == said("drawing_figure", "evidence_bar")
    maps = [ax.get_images()[0] for ax in fig.axes[3:5]]
    assert all(m.get_cmap().name == "RdBu" for m in maps)
    low, high = maps[0].get_clim()
    assert low == -high and maps[1].get_clim() == (low, high)  # one symmetric scale
    plt.close(fig)
    fig = plot_drawing(example_drawing("one"), W, b, compare=7)
    assert re.fullmatch(pattern("drawing_figure", "evidence", k=7), fig.axes[4].get_title())
    plt.close(fig)
    with pytest.raises(BlankDrawing):
        plot_drawing([], W, b)


# The lab, without a browser: the pad's strokes set from Python, as the front end sets them


def png_size(data: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(data)).size


def test_the_lab_reads_each_new_drawing_and_shows_a_sentence_when_blank(model):
    W, b = model
    lab = drawing_lab(W, b)
    assert html.escape(said("drawpad", "lab_blank")) in lab._readout.value
    assert 'data-blank="true"' in lab._readout.value
    assert lab._reading_box.layout.display == "none"
    with pytest.raises(BlankDrawing):
        lab.reading()

    lab.pad.strokes = example_drawing("one")
    assert lab.reading().predicted == 1
    assert 'data-predicted="1"' in lab._readout.value and 'data-strokes="1"' in lab._readout.value
    assert lab._reading_box.layout.display is None
    seen = lab._seen.value
    assert png_size(seen) == (28 * ZOOM, 28 * ZOOM)
    # The picture is the image the model sees, each pixel a ZOOM x ZOOM square.
    shown = np.asarray(Image.open(io.BytesIO(seen)).convert("L"))[::ZOOM, ::ZOOM]
    np.testing.assert_allclose(1 - shown / 255, lab.reading().image, atol=0.5 / 255 + 1e-6)
    assert re.fullmatch(pattern("drawpad", "lab_evidence_predicted", k=1), lab._titles[0].value)
    p = lab.reading().probabilities[1]
    assert said("drawpad", "lab_predicted", k=1, p=p) in lab._readout.value

    ring = example_drawing("zero")
    lab.pad.strokes = ring
    p_ring = lab.reading().probabilities[0]
    assert lab.reading().predicted == 0 and lab._seen.value != seen
    lab.pad.strokes = example_drawing("filled zero")  # the ring, then a scribble inside
    assert lab.reading().probabilities[0] < p_ring
    assert 'data-strokes="2"' in lab._readout.value

    lab.pad.strokes = []  # Clear
    assert 'data-blank="true"' in lab._readout.value
    assert lab._reading_box.layout.display == "none"


def test_the_lab_compares_with_the_class_the_learner_picks(model):
    W, b = model
    lab = drawing_lab(W, b, compare=4)
    lab.load("seven")
    assert re.fullmatch(pattern("drawpad", "lab_evidence", k=4), lab._titles[1].value)
    before = lab._maps[1].value
    lab._choice.value = 1
    assert re.fullmatch(pattern("drawpad", "lab_evidence", k=1), lab._titles[1].value)
    assert lab._maps[1].value != before
    lab._choice.value = "runner-up"
    runner_up = int(np.argsort(lab.reading().probabilities)[-2])
    second = pattern("drawpad", "lab_evidence_runner_up", k=runner_up)
    assert re.fullmatch(second, lab._titles[1].value)


def test_drawing_and_load_round_trip_and_copy(model):
    W, b = model
    lab = drawing_lab(W, b)
    lab.load("crossed seven")
    drawn = lab.drawing()
    assert drawn == example_drawing("crossed seven")
    drawn[0].clear()  # a copy: the lab keeps its strokes
    assert lab.drawing() == example_drawing("crossed seven")
    other = drawing_lab(W, b)
    other.load(lab.drawing())  # a stored drawing, loaded into another lab
    assert other.reading().predicted == 7
    other.load([[(140, 40.25), (140, 240)]])  # tuples and more decimals: kept as lists
    assert other.pad.strokes == [[[140.0, 40.2], [140.0, 240.0]]]
    assert "strokes[0]" in refused(other.load, [[(1, 2, 3)]])
    assert other.reading().predicted == 1  # a refused drawing changes nothing


def test_the_pad_refuses_bad_strokes_and_ships_its_front_end():
    pad = DrawingPad()
    message = refused(setattr, pad, "strokes", [[(400, 1)]], error=RefusedDrawing)
    assert re.fullmatch(pattern("drawing", "point_outside", canvas=CANVAS, x=400, y=1), message)
    assert pad.strokes == [] and repr(pad) == "DrawingPad(0 strokes)"
    # A TraitError, so traitlets rolls a front end's update back; a ValueError for `except`.
    assert issubclass(RefusedDrawing, traitlets.TraitError)
    assert issubclass(RefusedDrawing, ValueError)
    shipped = resources.files("helpers").joinpath("drawpad.js").read_text(encoding="utf-8")
    assert pad._esm == shipped and "export default" in shipped and "render" in shipped
    # No import from the network or a bundler: the front end is one self-contained module.
    assert not re.search(r"^\s*import\b", shipped, re.MULTILINE) and "http" not in shipped
    shipped_data = (ROOT / "pyproject.toml").read_text().split("[tool.setuptools.package-data]")[1]
    assert '"*.js"' in shipped_data.split("\n[")[0]  # every front end ships


def comm_update(strokes: object) -> dict:
    """A front end's update of the pad, as ipywidgets receives it on the widget's comm."""
    return {"content": {"data": {"method": "update", "state": {"strokes": strokes}}}, "buffers": []}


@pytest.mark.parametrize(
    "payload",
    [None, [None], [[None]], [[[1, 2, 3]]], [[[400, 1]]], [[]], [[[float("nan"), 1]]], "abc"],
)
def test_a_refused_update_from_the_front_end_is_rolled_back(model, payload):
    W, b = model
    lab = drawing_lab(W, b)
    lab.load("one")
    sent = []
    lab.pad.comm.send = lambda data=None, buffers=None, **_: sent.append(data)
    lab.pad._handle_msg(comm_update(payload))  # ipywidgets logs the sentence, raises nothing
    assert lab.drawing() == example_drawing("one") and lab.reading().predicted == 1
    assert sent[-1]["state"] == {"strokes": lab.pad.strokes}  # the front end redraws it
    refused(lab.pad.set_state, {"strokes": payload}, error=RefusedDrawing)
    lab.pad._handle_msg(comm_update(example_drawing("zero")))  # and the next one is read
    assert lab.reading().predicted == 0


def test_a_payload_too_big_for_a_hand_is_refused_by_counting(model):
    pad = drawing_lab(*model).pad
    huge = [[[1.5, 2.5]] * 3_000_000]  # 3 million points: counted, never converted
    points = said(
        "drawing", "too_many_points", limit=50_000, count=3_000_000, most=3_000_000, index=0
    )
    assert refused(pad.set_state, {"strokes": huge}, error=RefusedDrawing) == points
    taps = [[[140.0, 140.0]]] * 1_001
    strokes = said("drawing", "too_many_strokes", limit=1_000, count=1_001)
    assert refused(pad.set_state, {"strokes": taps}, error=RefusedDrawing) == strokes
    assert pad.strokes == []


def test_the_lab_shows_itself_with_a_stable_text(model):
    W, b = model
    lab = drawing_lab(W, b)
    bundle = lab._repr_mimebundle_()
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"] == lab.widget.model_id
    # nbval compares a widget's text; the lab's names no memory address.
    assert bundle["text/plain"] == repr(lab) and "0x" not in repr(lab)
    assert repr(lab) == said("drawpad", "lab_repr")


def test_the_pad_gets_its_words_from_the_catalog():
    # Every word drawpad.js shows is a key it asks `texts` for, and Python sends each.
    shipped = resources.files("helpers").joinpath("drawpad.js").read_text(encoding="utf-8")
    asked = set(re.findall(r'\btext\(\s*"(\w+)"', shipped))
    assert asked == set(PAD_TEXTS)
    # Templates: the front end fills their {placeholders} itself.
    assert DrawingPad().texts == {key: entries("helpers.drawpad")[key] for key in PAD_TEXTS}


def test_the_pads_front_end_draws_with_pythons_pen_and_sizes():
    # drawpad.js reads drawings itself: its pen and sizes must be the ones written in Python.
    shipped = resources.files("helpers").joinpath("drawpad.js").read_text(encoding="utf-8")
    constants = dict(re.findall(r"^(?:export )?const ([A-Z_]+) = (\d+);", shipped, re.MULTILINE))
    expected = {
        "CANVAS": drawpad_pen.CANVAS,
        "PEN_WIDTH": drawpad_pen.PEN_WIDTH,
        "SUPERSAMPLE": drawpad_pen.SUPERSAMPLE,
        "SIDE": drawing.SIDE,
        "BOX": drawing.BOX,
        "CENTRE": drawing.CENTRE,
        "ZOOM": drawing_figure.ZOOM,
    }
    assert {name: float(constants[name]) for name in expected} == expected
    assert "const RADIUS = PEN_WIDTH / 2;" in shipped and drawpad_pen.RADIUS == PEN_WIDTH / 2


def test_a_chinese_learner_meets_the_drawing_lab_in_chinese(model, monkeypatch):
    monkeypatch.setenv("SERIES_LANGUAGE", "zh")
    with pytest.raises(ValueError) as raised:
        render_strokes([[]])
    assert str(raised.value) == said("drawing", "stroke_empty", "zh", name="strokes[0]")
    assert str(raised.value).startswith("strokes[0] 应是")
    with pytest.raises(BlankDrawing) as blank:
        to_mnist(np.zeros((CANVAS, CANVAS)))
    assert str(blank.value) == said("drawing", "blank_canvas", "zh")
    lab = drawing_lab(*model)
    assert repr(lab) == said("drawpad", "lab_repr", "zh")
    assert lab.pad.texts["undo"] == entries("helpers.drawpad", "zh")["undo"] == "撤销"
    lab.load("one")
    assert re.search(r"<b>支持 1 的证据</b>", lab._titles[0].value)
    fig = plot_drawing(example_drawing("one"), *model)
    assert fig.axes[1].get_title() == said("drawing_figure", "model_sees", "zh")
    plt.close(fig)


def test_the_public_names_are_exported():
    names = {"drawing_lab", "read_drawing", "to_mnist", "render_strokes", "evidence_map"}
    names |= {"plot_drawing", "example_drawing", "BlankDrawing"}
    assert names <= set(helpers.__all__)


def test_import_and_use_print_nothing_on_stderr():
    code = (
        "import numpy as np, helpers\n"
        "W, b = np.zeros((784, 10)), np.zeros(10)\n"
        "lab = helpers.drawing_lab(W, b)\n"
        "lab.load('zero'); lab.load([]); lab._repr_mimebundle_()\n"
        "helpers.plot_drawing(helpers.example_drawing('one'), W, b)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],  # Python's default warning filters, as a kernel has
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "MPLBACKEND": "agg"},
        timeout=120,
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
