"""Notebook 07 in a real browser: strokes drawn with the mouse, a finger or the keys are read live.

JupyterLab in headless Chromium runs the notebook, as tests/test_browser.py does for 06 (its
lab, page and offline checks are reused here, with the same skip rule: skipped without
Chromium or playwright, a failure with REQUIRE_BROWSER=1). The strokes are real pointer
events over the pad's canvas, and key presses. Each drawing is read twice: by the pad's
front end in the browser (.drawpad-reading, shown) and by the kernel (.drawing-readout,
hidden), each with data attributes data-strokes, data-blank, data-predicted, data-p0 ...
data-p9; the two must agree, and every stroke still reaches the kernel.
"""

from __future__ import annotations

import math

import pytest

from tests import chromium
from tests.test_browser import (
    ARTIFACTS,
    assert_offline,
    chromium_page,
    open_and_run_all,
    running_jupyterlab,
)

NOTEBOOK = "notebooks/07_draw_a_digit.ipynb"
CANVAS = 280  # helpers.drawing.CANVAS: stroke points below are in canvas pixels
READOUT = ".drawing-readout"  # the kernel's reading
BROWSER = ".drawpad-reading"  # the pad's own reading, in the browser


@pytest.fixture(scope="module")
def lab():
    chromium.require_browser()
    with running_jupyterlab() as running:
        yield running


def on_page(box: dict, x: float, y: float) -> tuple[float, float]:
    """Page coordinates of canvas point (x, y), for a canvas whose bounding box is box."""
    return box["x"] + x * box["width"] / CANVAS, box["y"] + y * box["height"] / CANVAS


def bar() -> list[tuple[float, float]]:
    return [(140, 40 + 10 * i) for i in range(21)]


def ring() -> list[tuple[float, float]]:
    angles = [2 * math.pi * i / 48 for i in range(49)]
    return [(140 + 62 * math.sin(a), 140 - 92 * math.cos(a)) for a in angles]


def zigzag(half_width: float) -> list[tuple[float, float]]:
    """A scribble inside the ring: back and forth across its centre, moving down."""
    corners = [(140 + half_width * (-1) ** i, 80 + 20 * i) for i in range(7)]
    return [
        (x0 + (x1 - x0) * t / 8, y0 + (y1 - y0) * t / 8)
        for (x0, y0), (x1, y1) in zip(corners[:-1], corners[1:], strict=True)
        for t in range(8)
    ]


def pad_box(page) -> dict:
    """The pad's bounding box on the page, once the notebook's layout has stopped moving."""
    canvas = page.locator("canvas.drawpad-canvas")
    canvas.scroll_into_view_if_needed()
    # Outputs above the pad (figures, widgets) may still be laying out and push it down.
    boxes = [canvas.bounding_box()]
    for _ in range(50):
        page.wait_for_timeout(100)
        boxes.append(canvas.bounding_box())
        if len(boxes) >= 3 and boxes[-1] == boxes[-2] == boxes[-3]:
            return boxes[-1]
    raise AssertionError(f"the drawing pad kept moving: {boxes[-3:]}")


def mouse_stroke(page, points: list[tuple[float, float]]) -> None:
    """Press, move through points and release the mouse over the pad."""
    box = pad_box(page)
    page.mouse.move(*on_page(box, *points[0]))
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*on_page(box, *point), steps=2)
    page.mouse.up()


def touch_stroke(page, points: list[tuple[float, float]]) -> None:
    """The same with one finger, through the DevTools protocol's touch events."""
    box = pad_box(page)
    session = page.context.new_cdp_session(page)
    for kind, point in [
        ("touchStart", points[0]),
        *(("touchMove", p) for p in points[1:]),
        ("touchEnd", None),
    ]:
        if point is None:
            touches = []
        else:
            x, y = on_page(box, *point)
            touches = [{"x": x, "y": y}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})
    session.detach()


def reading(page, strokes: int) -> dict:
    """The browser's reading of a drawing of that many strokes, once the kernel's agrees."""
    readings = []
    for where in (BROWSER, READOUT):
        page.locator(f'{where}[data-strokes="{strokes}"]').wait_for(state="attached")
        readings.append(page.locator(where).evaluate("el => ({...el.dataset})"))
    browser, kernel = readings
    assert (browser["blank"], browser.get("predicted")) == (
        kernel["blank"],
        kernel.get("predicted"),
    )
    for k in range(10) if browser["blank"] == "false" else ():
        assert abs(float(browser[f"p{k}"]) - float(kernel[f"p{k}"])) < 1e-4, (browser, kernel)
    return browser


def verdict(page) -> str:
    """What the pad announces (its aria-live line)."""
    return page.locator('.drawpad-verdict[aria-live="polite"]').inner_text()


def keyboard_stroke(page, moves: list[str]) -> None:
    """Focus the pad, put the pen down, press the arrow keys in moves, lift it."""
    page.locator("canvas.drawpad-canvas").focus()
    page.keyboard.press("Space")
    for move in moves:
        page.keyboard.press(move)
    page.keyboard.press("Space")


def run_in_kernel(page, code: str) -> None:
    """Run code in the notebook's kernel, as a cell would, without adding a cell."""
    page.evaluate(
        """code => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel
            .requestExecute({code}).done""",
        code,
    )


def ink_on_pad(page) -> float:
    """The share of the pad's canvas pixels that are not blank."""
    return page.locator("canvas.drawpad-canvas").evaluate(
        """canvas => {
            const {data} = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
            let inked = 0;
            for (let i = 3; i < data.length; i += 4) inked += data[i] > 0;
            return inked / (canvas.width * canvas.height);
        }"""
    )


def pad_strokes(page) -> int:
    return int(page.locator(".drawpad").get_attribute("data-strokes"))


def test_strokes_drawn_in_chromium_are_read_live(lab, tmp_path):
    console, netlog = [], tmp_path / "netlog.json"
    with chromium_page(console, netlog) as page:
        open_and_run_all(page, lab, NOTEBOOK)
        canvas = page.locator("canvas.drawpad-canvas")
        assert canvas.count() == 1, "expected exactly one drawing pad in the notebook"
        canvas.scroll_into_view_if_needed()
        assert "Error displaying widget" not in page.locator("body").inner_text()
        errors = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        )
        assert errors.count() == 0, errors.first.inner_text()
        blank = reading(page, 0)
        assert blank["blank"] == "true"
        assert "The canvas is blank" in verdict(page)
        canvas_name = canvas.get_attribute("aria-label")
        assert canvas_name and "draw" in canvas_name.lower()

        # A vertical bar is a 1, and the pad says so.
        mouse_stroke(page, bar())
        one = reading(page, 1)
        assert (pad_strokes(page), one["blank"], one["predicted"]) == (1, "false", "1")
        assert verdict(page) == f"reads 1, probability {float(one['p1']):.2f}"

        # Clear: the pad and the readout are blank again.
        page.locator(".drawpad button").filter(has_text="Clear").click()
        assert reading(page, 0)["blank"] == "true" and pad_strokes(page) == 0

        # A ring is a 0; filled with scribbles, P(0) falls.
        mouse_stroke(page, ring())
        zero = reading(page, 1)
        assert zero["predicted"] == "0", zero
        page.locator(".drawing-evidence-predicted").scroll_into_view_if_needed()
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "07_ring.png")
        mouse_stroke(page, zigzag(30))
        mouse_stroke(page, zigzag(18))
        filled = reading(page, 3)
        assert float(filled["p0"]) < float(zero["p0"]) / 2, (zero, filled)
        page.screenshot(path=ARTIFACTS / "07_filled_ring.png")

        # Undo takes the scribbles back one by one: the ring's own reading returns.
        undo = page.locator(".drawpad button").filter(has_text="Undo")
        undo.click()
        assert reading(page, 2)["p0"] != zero["p0"]
        undo.click()
        assert reading(page, 1) == zero and pad_strokes(page) == 1

        # A finger draws too: a touch stroke is a stroke like any other.
        page.locator(".drawpad button").filter(has_text="Clear").click()
        reading(page, 0)
        touch_stroke(page, bar())
        touched = reading(page, 1)
        assert page.locator(".drawpad").get_attribute("data-pointer") == "touch"
        assert touched["predicted"] == "1", touched

        # Without a mouse: the keys draw a bar, from the centre down, and Undo is a button.
        page.locator(".drawpad button").filter(has_text="Clear").click()
        reading(page, 0)
        keyboard_stroke(page, ["ArrowUp"] * 10 + ["ArrowDown"] * 20)
        keyed = reading(page, 1)
        assert page.locator(".drawpad").get_attribute("data-pointer") == "keyboard"
        assert keyed["predicted"] == "1" and verdict(page).startswith("reads 1"), keyed

        # A drawing set from Python (an example loaded) is drawn on the pad and read.
        run_in_kernel(page, 'lab.load("seven")')
        seven = reading(page, 1)
        assert seven["predicted"] == "7" and ink_on_pad(page) > 0.05, seven
        page.locator(".drawpad button").filter(has_text="Clear").click()
        reading(page, 0)
        assert ink_on_pad(page) == 0

        assert "Error displaying widget" not in page.locator("body").inner_text()
    assert_offline(console, netlog)
