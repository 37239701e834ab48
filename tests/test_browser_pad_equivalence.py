"""One definition of MNIST's preprocessing: the pad's drawpad.js reads as helpers.drawing does.

The browser's 28x28 image must equal helpers.drawing's to within one grey level (1/255), and
its probabilities to 1e-4, on 200 MNIST test digits drawn back as strokes and on every stored
drawing. drawpad.js is imported as it is shipped into a blank page of headless Chromium (no
server, nothing else loaded) and its readDrawing is called on the same strokes as
read_drawing.

Drawing a digit back: the digit's ink (pixels above 0.5) is thinned to its one-pixel centre
line (Zhang and Suen, 1984), and every pair of neighbouring centre-line pixels becomes a
stroke of two points, an isolated pixel a tap, each pixel's centre scaled ten times onto the
280 x 280 pad. With the pen 20 pad pixels wide (2 MNIST pixels), that draws the digit's
skeleton as a pen would retrace it; the order of the strokes does not change the ink, so no
tracing order has to be chosen. The 200 digits are drawn from the test set with a fixed seed.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import load_mnist, read_drawing, train_sgd
from helpers.drawing import BlankDrawing
from helpers.drawings_stored import EXAMPLES, example_drawing
from helpers.drawpad import ESM
from tests import chromium

DIGITS = 200
SEED = 19  # issue 19
SCALE = 10  # MNIST pixels to pad pixels
GREY_LEVEL = 1 / 255
# The eight neighbours of a pixel, clockwise from north (Zhang and Suen's P2 ... P9).
RING = [(-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1)]

# Loads drawpad.js from its text into a blank page, as a module, and reads drawings with it.
IMPORT_JS = """async source => {
    const url = URL.createObjectURL(new Blob([source], {type: 'text/javascript'}));
    window.pad = await import(url);
    return Object.keys(window.pad).sort();
}"""
READ_JS = """([drawings, W, b, incremental]) => drawings.map(strokes => {
    const [w, bias] = [new Float32Array(W), new Float32Array(b)];
    let reading = null;
    if (incremental) {  // one stroke more each time, as the pad reads a drawing being drawn
        const sheet = window.pad.blankSheet();
        for (let n = 1; n <= strokes.length; n++)
            reading = window.pad.readDrawing(strokes.slice(0, n), w, bias, sheet);
    } else reading = window.pad.readDrawing(strokes, w, bias);
    return reading && {image: Array.from(reading.image),
                       probabilities: Array.from(reading.probabilities),
                       predicted: reading.predicted};
})"""


def thin(ink: np.ndarray) -> np.ndarray:
    """Zhang and Suen's thinning of a boolean image: its centre line, one pixel wide."""
    image = np.pad(ink, 1).astype(np.uint8)
    while True:
        removed = 0
        for step in (0, 1):
            p = [np.roll(image, (-dr, -dc), axis=(0, 1)) for dr, dc in RING]
            count = sum(p)
            turns = sum((p[i] == 0) & (p[(i + 1) % 8] == 1) for i in range(8))
            if step == 0:
                spare = (p[0] * p[2] * p[4] == 0) & (p[2] * p[4] * p[6] == 0)
            else:
                spare = (p[0] * p[2] * p[6] == 0) & (p[0] * p[4] * p[6] == 0)
            gone = (image == 1) & (count >= 2) & (count <= 6) & (turns == 1) & spare
            image[gone] = 0
            removed += int(gone.sum())
        if removed == 0:
            return image[1:-1, 1:-1].astype(bool)


def digit_strokes(digit: np.ndarray) -> list:
    """A (28, 28) MNIST digit drawn back on the pad: its centre line as two-point strokes."""
    line = thin(digit > 0.5)

    def at(r: int, c: int) -> list[float]:
        return [float(SCALE * c + SCALE / 2), float(SCALE * r + SCALE / 2)]

    strokes = []
    for r, c in zip(*np.nonzero(line), strict=True):
        # Each neighbouring pair once: towards the east, south-east, south and south-west.
        pairs = [(r + dr, c + dc) for dr, dc in ((0, 1), (1, 1), (1, 0), (1, -1))]
        ends = [(r2, c2) for r2, c2 in pairs if 0 <= r2 < 28 and 0 <= c2 < 28 and line[r2, c2]]
        alone = not any(
            line[r + dr, c + dc] for dr, dc in RING if 0 <= r + dr < 28 and 0 <= c + dc < 28
        )
        strokes += [[at(r, c), at(*end)] for end in ends] + ([[at(r, c)]] if alone else [])
    return strokes


def chosen() -> np.ndarray:
    """The indices of the DIGITS test digits, drawn with a fixed seed."""
    return np.sort(np.random.default_rng(SEED).choice(10_000, DIGITS, replace=False))


@pytest.fixture(scope="module")
def model():
    X_train, y_train, _, _ = load_mnist()
    history = train_sgd(X_train, y_train, lr=0.5, batch_size=64, steps=2000, seed=0)
    return history.W, history.b


@pytest.fixture(scope="module")
def drawings():
    _, _, X_test, _ = load_mnist()
    digits = {f"test digit {i}": digit_strokes(X_test[i].reshape(28, 28)) for i in chosen()}
    return digits | {f"stored {name!r}": example_drawing(name) for name in EXAMPLES}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    chromium.require_browser()
    netlog = tmp_path_factory.mktemp("netlog") / "netlog.json"
    with chromium.offline_browser(netlog) as browser:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.set_content("<!doctype html><title>drawpad.js</title>")
        exported = page.evaluate(IMPORT_JS, ESM.read_text(encoding="utf-8"))
        assert {"readDrawing", "blankSheet"} <= set(exported), exported
        yield page
        assert errors == []
    assert chromium.remote_hosts(netlog) == {}


def browser_readings(page, drawings: dict, W, b, incremental: bool = False) -> list:
    args = [list(drawings.values()), W.astype("<f4").ravel().tolist(), b.tolist(), incremental]
    return page.evaluate(READ_JS, args)


def test_the_derived_drawings_look_like_their_digits(drawings, model):
    # The strokes are a fair test only if they are digits: most must be read as their label.
    _, _, X_test, y_test = load_mnist()
    W, b = model
    indices = chosen()
    read = [read_drawing(drawings[f"test digit {i}"], W, b).predicted for i in indices]
    assert (np.array(read) == y_test[indices]).mean() > 0.7
    assert all(len(strokes) <= 200 for strokes in drawings.values())


@pytest.mark.parametrize("incremental", [False, True], ids=["whole", "stroke by stroke"])
def test_the_browser_reads_every_drawing_as_helpers_drawing_does(
    page, drawings, model, incremental
):
    W, b = model
    chosen_drawings = drawings if not incremental else dict(list(drawings.items())[-20:])
    got = browser_readings(page, chosen_drawings, W, b, incremental)
    worst_pixel, worst_p = 0.0, 0.0
    for (name, strokes), browser in zip(chosen_drawings.items(), got, strict=True):
        try:
            python = read_drawing(strokes, W, b)
        except BlankDrawing:
            assert browser is None, name
            continue
        image = np.array(browser["image"]).reshape(28, 28)
        gap = float(np.abs(image - python.image).max())
        p_gap = float(np.abs(np.array(browser["probabilities"]) - python.probabilities).max())
        assert gap <= GREY_LEVEL, f"{name}: the 28x28 images differ by {gap * 255:.2f} grey levels"
        assert p_gap <= 1e-4, f"{name}: the probabilities differ by {p_gap:.2g}"
        assert browser["predicted"] == python.predicted, name
        worst_pixel, worst_p = max(worst_pixel, gap), max(worst_p, p_gap)
    print(f"largest gaps: {worst_pixel * 255:.3g} grey levels, probabilities {worst_p:.2g}")


def test_a_blank_drawing_has_no_reading_in_the_browser(page, model):
    W, b = model
    assert browser_readings(page, {"blank": []}, W, b) == [None]
