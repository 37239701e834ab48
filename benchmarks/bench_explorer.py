"""Benchmark the explorer of 06: kernel-side frame updates, and slider-to-picture in Chromium.

Run: make benchmark   (or .venv/bin/python benchmarks/bench_explorer.py [--kernel-only])
Targets (issue 6): a frame update costs at most 40 ms in the kernel (median over all
snapshots), and in a browser a slider step shows the new picture within 100 ms (median).

Kernel: notebook 06's run, then `slider.value = i` for every snapshot, timed from the
assignment to the new PNG and readout being set; first visits (drawn) and revisits (cached).
Browser: JupyterLab and headless Chromium as in tests/test_browser.py; the time from a key
press on the slider (the event's own time stamp) to the frame in which the new picture,
decoded, is painted; 20 steps to frames never drawn before, then 20 back to cached ones.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # for tests.test_browser and tests.chromium: the lab recipe

from benchmarks.latency import report  # noqa: E402
from helpers import load_mnist, train_sgd, training_explorer  # noqa: E402
from tools.gif import NOTEBOOK_RUN  # noqa: E402

KERNEL_TARGET_MS = 40
BROWSER_TARGET_MS = 100
BROWSER_STEPS = 20

# Installed in the page: each key press stamps the time; each new src of the explorer's
# image, once decoded, records press-to-paint at the next animation frame (the frame that
# draws it).
MEASURE_JS = """() => {
    window.__latencies = [];
    let pressed = null;
    document.addEventListener('keydown', event => { pressed = event.timeStamp; }, true);
    const img = document.querySelector('img.widget-image');
    new MutationObserver(() => {
        const start = pressed;
        pressed = null;
        if (start === null) return;
        img.decode().then(() => requestAnimationFrame(
            () => window.__latencies.push(performance.now() - start)));
    }).observe(img, {attributes: true, attributeFilter: ['src']});
}"""


def kernel_frame_times() -> dict[str, list[float]]:
    """Milliseconds per `slider.value = i` over all snapshots, per scale, drawn and cached."""
    X_train, y_train, X_test, y_test = load_mnist()
    history = train_sgd(X_train, y_train, X_test=X_test, y_test=y_test, **NOTEBOOK_RUN)
    times: dict[str, list[float]] = {}
    for scale in ("fixed", "frame"):
        box = training_explorer(history, scale=scale)
        slider = box.children[0].children[1]
        indices = list(range(1, len(history.snapshot_steps))) + [0]
        for kind in ("first visit", "revisit"):
            measured = []
            for index in indices:
                start = time.perf_counter()
                slider.value = index
                measured.append((time.perf_counter() - start) * 1000)
            times[f"{scale} scale, {kind}"] = measured
    return times


def browser_latencies() -> dict[str, list[float]]:
    """Milliseconds from key press to new picture, for frames drawn fresh and from the cache."""
    import tempfile

    from tests.chromium import missing_browser
    from tests.test_browser import (
        chromium_page,
        open_and_run_all,
        running_jupyterlab,
        snapshot_handle,
    )

    reason = missing_browser()
    if reason:
        raise SystemExit(f"browser benchmark needs Chromium and playwright: {reason}")
    console: list[str] = []
    results = {}
    netlog = Path(tempfile.mkdtemp()) / "netlog.json"
    with running_jupyterlab() as lab, chromium_page(console, netlog) as page:
        open_and_run_all(page, lab)
        page.locator("img.widget-image").wait_for(state="visible")
        page.evaluate(MEASURE_JS)
        handle = snapshot_handle(page)
        handle.click()  # focus; the handle is at snapshot 0, so the click does not move it
        page.wait_for_timeout(500)
        for key, kind in (("ArrowRight", "first visit"), ("ArrowLeft", "revisit (cached)")):
            start = page.evaluate("window.__latencies.length")
            for step in range(BROWSER_STEPS):
                handle.press(key)
                page.wait_for_function(
                    f"window.__latencies.length >= {start + step + 1}", timeout=10_000
                )
                page.wait_for_timeout(150)  # one step at a time, as a learner presses
            results[kind] = page.evaluate(f"window.__latencies.slice({start})")
    if console:
        print("browser console errors:", *console, sep="\n  ")
    return results


def main(argv: list[str]) -> None:
    report(
        "kernel: slider.value = i -> new PNG and readout", kernel_frame_times(), KERNEL_TARGET_MS
    )
    if "--kernel-only" not in argv:
        report(
            "browser: key press on the slider -> new picture painted",
            browser_latencies(),
            BROWSER_TARGET_MS,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
