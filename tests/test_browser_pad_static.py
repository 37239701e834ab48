"""The stored 07 as a static web page, no kernel: the drawing pad still reads what is drawn.

The stored notebook is exported by nbconvert with its stored widget state and local copies of
require.js, the widgets' html-manager and anywidget.js (tools/site_assets.py), served from
127.0.0.1, and opened in headless Chromium with every other host refused. The pad's front end
reads each drawing itself, from the model's W and b kept in the widget state: a bar drawn
with the mouse reads 1, a ring 0, and a bar drawn with the keys 1 again. Skipped without
Chromium, playwright or npm, a failure with REQUIRE_BROWSER=1, as the other browser tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from tests import chromium
from tests.test_browser_drawing import bar, keyboard_stroke, mouse_stroke, ring

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "07_draw_a_digit.ipynb"
BROWSER = ".drawpad-reading"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def stored_pad(notebook: Path) -> bool:
    """Whether the notebook keeps its widget state with a pad that holds the model."""
    state = nbformat.read(notebook, as_version=4).metadata.get("widgets", {}).get(WIDGET_STATE)
    models = (state or {}).get("state", {}).values()
    return any({"W", "b"} <= {b["path"][0] for b in m.get("buffers", [])} for m in models)


def exported(notebook: Path, folder: Path) -> Path:
    """The notebook as a static page in folder, with its local assets; skip if npm is missing."""
    from tools.site_assets import export_notebook

    try:
        return export_notebook(notebook, folder)
    except RuntimeError as missing:  # npm is needed once, to fetch the assets
        if os.environ.get("REQUIRE_BROWSER") == "1":
            raise
        pytest.skip(str(missing))


def drawn_reading(page, strokes: int) -> dict:
    """The pad's own reading once it has read a drawing of that many strokes."""
    page.locator(f'{BROWSER}[data-strokes="{strokes}"]').wait_for(state="attached")
    return page.locator(BROWSER).evaluate("el => ({...el.dataset})")


def read_on_a_static_page(notebook: Path, folder: Path) -> dict:
    """Draw a 1, a ring and a keyed 1 on the exported page; their readings, and what went wrong."""
    from tools.site_assets import serve

    html = exported(notebook, folder)
    netlog, errors, readings = folder / "netlog.json", [], {}
    viewport = {"width": 1280, "height": 900}
    with serve(folder) as base, chromium.offline_browser(netlog, viewport=viewport) as browser:
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(base + html.name)
        page.locator("canvas.drawpad-canvas").wait_for(timeout=60_000)
        readings["blank"] = drawn_reading(page, 0)
        mouse_stroke(page, bar())
        readings["bar"] = drawn_reading(page, 1)
        page.locator(".drawpad button").filter(has_text="Clear").click()
        drawn_reading(page, 0)
        mouse_stroke(page, ring())
        readings["ring"] = drawn_reading(page, 1)
        page.locator(".drawpad button").filter(has_text="Undo").click()
        drawn_reading(page, 0)
        keyboard_stroke(page, ["ArrowUp"] * 10 + ["ArrowDown"] * 20)
        readings["keys"] = drawn_reading(page, 1)
        readings["said"] = page.locator('.drawpad-verdict[aria-live="polite"]').inner_text()
    readings["errors"] = errors
    readings["hosts"] = chromium.remote_hosts(netlog)
    return readings


def test_the_pad_reads_digits_on_a_static_page_with_no_kernel(tmp_path):
    chromium.require_browser()
    assert stored_pad(NOTEBOOK), "the stored 07 keeps no pad with the model in its widget state"
    got = read_on_a_static_page(NOTEBOOK, tmp_path)
    assert got["blank"]["blank"] == "true"
    assert got["bar"]["predicted"] == "1", got["bar"]
    assert got["ring"]["predicted"] == "0", got["ring"]
    assert got["keys"]["predicted"] == "1", got["keys"]
    assert got["said"] == f"reads 1, probability {float(got['keys']['p1']):.2f}"
    assert got["errors"] == [] and got["hosts"] == {}, (got["errors"], got["hosts"])
