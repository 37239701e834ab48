"""Benchmark the explorer of 06: key press on the slider to new picture, in Chromium.

Run: make benchmark   (or .venv/bin/python benchmarks/bench_explorer.py [--no-browser])
Target (issue 19): a key press on the slider shows the new picture within 20 ms (median),
in JupyterLab and on a static page (no kernel). Before issue 19 the kernel drew each frame:
72 ms on a first visit, 41 ms cached.

Kernel: notebook 06's run; building the explorer (the data sent to the browser, once) and
the size of that data, and of the stored notebook. Browser: the time from a key press (the
event's own time stamp) to the animation frame after the canvas was redrawn; 20 steps to
snapshots never shown before, then 20 back ("cached": the browser keeps nothing per frame, so
both draw the same way). JupyterLab and headless Chromium as in tests/test_browser.py; the
static page is the stored 06 exported with tools.site_assets.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.test_browser and tests.chromium: the lab recipe

from benchmarks.latency import report  # noqa: E402
from helpers import load_mnist, train_sgd, training_explorer  # noqa: E402
from helpers.explorer_view import explorer_data  # noqa: E402
from tools.gif import NOTEBOOK_RUN  # noqa: E402

BROWSER_TARGET_MS = 20
BROWSER_STEPS = 20
NOTEBOOK = ROOT / "notebooks" / "06_watching_training.ipynb"

# Installed in the page: each key press stamps the time; each redraw of the canvas (it sets
# data-index after drawing) records press-to-frame at the next animation frame.
MEASURE_JS = """() => {
    window.__latencies = [];
    let pressed = null;
    document.addEventListener('keydown', event => { pressed = event.timeStamp; }, true);
    const canvas = document.querySelector('canvas.explorer-canvas');
    new MutationObserver(() => {
        const start = pressed;
        pressed = null;
        if (start === null) return;
        requestAnimationFrame(() => window.__latencies.push(performance.now() - start));
    }).observe(canvas, {attributes: true, attributeFilter: ['data-index']});
}"""


def kernel_side() -> None:
    """Print what building the explorer costs and how much it stores."""
    X_train, y_train, X_test, y_test = load_mnist()
    history = train_sgd(X_train, y_train, X_test=X_test, y_test=y_test, **NOTEBOOK_RUN)
    start = time.perf_counter()
    training_explorer(history)
    built = (time.perf_counter() - start) * 1000
    data = len(json.dumps(explorer_data(history)))
    print("kernel: the explorer is built once, then the browser draws every frame")
    print(f"  training_explorer(history)   {built:6.0f} ms (once)")
    print(f"  data sent to the browser     {data / 1000:6.0f} kB for 50 snapshots")
    print(f"  stored notebook 06           {NOTEBOOK.stat().st_size / 1000:6.0f} kB")


def step_latencies(page) -> dict[str, list[float]]:
    """Key press to redrawn canvas, BROWSER_STEPS forward from snapshot 0, then back."""
    from tests.test_browser import snapshot_handle, wait_for_index

    wait_for_index(page, 0)
    page.evaluate(MEASURE_JS)
    handle = snapshot_handle(page)
    handle.focus()
    page.wait_for_timeout(500)
    results = {}
    for key, kind in (("ArrowRight", "first visit"), ("ArrowLeft", "revisit (cached)")):
        start = page.evaluate("window.__latencies.length")
        for step in range(BROWSER_STEPS):
            page.keyboard.press(key)
            page.wait_for_function(
                f"window.__latencies.length >= {start + step + 1}", timeout=10_000
            )
            page.wait_for_timeout(150)  # one step at a time, as a learner presses
        results[kind] = page.evaluate(f"window.__latencies.slice({start})")
    return results


def browser_latencies() -> None:
    """Report key press to new picture in JupyterLab (kernel running) and on a static page."""
    from tests.chromium import missing_browser
    from tests.test_browser import chromium_page, open_and_run_all, running_jupyterlab
    from tools.site_assets import export_notebook, serve

    reason = missing_browser()
    if reason:
        raise SystemExit(f"browser benchmark needs Chromium and playwright: {reason}")
    console: list[str] = []
    folder = Path(tempfile.mkdtemp())
    with running_jupyterlab() as lab, chromium_page(console, folder / "lab.json") as page:
        open_and_run_all(page, lab)
        lab_results = step_latencies(page)
    report("browser, JupyterLab: key press -> canvas redrawn", lab_results, BROWSER_TARGET_MS)
    static = export_notebook(NOTEBOOK, folder / "static")
    with serve(static.parent) as base, chromium_page(console, folder / "static.json") as page:
        page.goto(base + static.name)
        static_results = step_latencies(page)
    report("browser, static page (no kernel)", static_results, BROWSER_TARGET_MS)
    if console:
        print("browser console errors:", *console, sep="\n  ")


def main(argv: list[str]) -> None:
    kernel_side()
    if "--no-browser" not in argv:
        browser_latencies()


if __name__ == "__main__":
    main(sys.argv[1:])
