"""Notebook 06 in a real browser: JupyterLab in headless Chromium runs it and plays the explorer,
with a busy kernel and with none, and the stored 06 exported to a static page steps with no kernel.

Needs Debian's chromium and playwright (playwright's own browser download does not work on
these machines). Without them the test is skipped, unless REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure. JupyterLab serves a temporary copy of notebooks/, so
its autosave can never write over the committed notebook.

An offline classroom must see no errors: the tests fail on any console or page error, on the
"official Jupyter news?" pop-up (binder/overrides.json turns it off, as `make lab` and Binder
install it), and on any host other than this machine in Chromium's net log (tests/chromium.py).
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from jupyterlab.commands import get_app_dir
from PIL import Image
from playwright.sync_api import expect

from tests import chromium

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "notebooks/06_watching_training.ipynb"
ARTIFACTS = ROOT / "tests" / "artifacts"
HOST = "127.0.0.1"
START_TIMEOUT_S = 90  # JupyterLab's first start on a busy machine
RUN_ALL_TIMEOUT_MS = 180_000  # the notebook runs in ~10 s; room for a slow CI machine
STEP_TIMEOUT_MS = 30_000  # any single wait in the page
NEWS_QUESTION = "Would you like to get notified about official Jupyter news?"
NEWS_SETTINGS = "lab/api/settings/@jupyterlab/apputils-extension:notification"
# Where JupyterLab reads settings overrides: its application directory, in the environment.
INSTALLED_OVERRIDES = Path(get_app_dir()) / "settings" / "overrides.json"


@dataclass
class Lab:
    url: str
    token: str
    root: Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_jupyterlab() -> Iterator[Lab]:
    """JupyterLab on a free loopback port with a token, over a temporary copy of the series."""
    with tempfile.TemporaryDirectory(prefix="lab-06-") as tmp:
        tmp = Path(tmp)
        root = tmp / "repo"
        # notebooks/ plus what they read or show: data/ (MNIST) and docs/ (the GIF that a
        # markdown cell shows; missing, it would be a 404 in the console).
        for folder in ("notebooks", "data", "docs"):
            shutil.copytree(ROOT / folder, root / folder)
        port, token = free_port(), secrets.token_hex(16)
        env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp / "runtime")}
        log = (tmp / "lab.log").open("wb")
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--allow-root",
                f"--ServerApp.ip={HOST}",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={root}",
                "--LabApp.expose_app_in_browser=True",
                f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
                # Empty user settings, as on a learner's new machine: what JupyterLab asks
                # then comes from the environment's overrides.json, as with `make lab`.
                f"--LabApp.user_settings_dir={tmp / 'user-settings'}",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        url = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if server.poll() is not None:
                    raise RuntimeError(
                        f"JupyterLab exited: {(tmp / 'lab.log').read_text()[-2000:]}"
                    )
                try:
                    with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=5):
                        break
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise TimeoutError(
                            f"JupyterLab did not answer in {START_TIMEOUT_S} s"
                        ) from None
                    time.sleep(0.5)
            yield Lab(url, token, root)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
            log.close()


@contextlib.contextmanager
def chromium_page(console: list[str], netlog: Path):
    """A page in offline Chromium; console and page errors go to console, its net log to netlog."""
    with chromium.offline_browser(netlog, viewport={"width": 1400, "height": 1000}) as browser:
        page = browser.new_page()
        page.set_default_timeout(STEP_TIMEOUT_MS)
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: console.append(f"page error: {error}"))
        yield page


def assert_offline(console: list[str], netlog: Path) -> None:
    """No console or page error, and Chromium reached for no host but this machine."""
    assert console == [], "browser console errors:\n" + "\n".join(console)
    hosts = chromium.remote_hosts(netlog)
    assert hosts == {}, "Chromium reached beyond this machine:\n" + "\n".join(
        f"{host}: {', '.join(kinds)}" for host, kinds in hosts.items()
    )


def put_news_setting(lab: Lab, raw: str) -> None:
    """Save the user's notification settings (JSON text) through JupyterLab's settings API."""
    request = urllib.request.Request(
        f"{lab.url}/{NEWS_SETTINGS}",
        data=json.dumps({"raw": raw}).encode(),
        headers={"Authorization": f"token {lab.token}"},
        method="PUT",
    )
    with urllib.request.urlopen(request, timeout=10):
        pass


def open_and_run_all(page, lab: Lab, notebook: str = NOTEBOOK) -> None:
    """Open a notebook, clear its stored outputs, run every cell and wait until all ran."""
    page.goto(f"{lab.url}/lab/tree/{notebook}?token={lab.token}")
    page.wait_for_function(
        "() => window.jupyterapp?.shell.currentWidget?.sessionContext?.session?.kernel"
        "?.status === 'idle'",
        timeout=RUN_ALL_TIMEOUT_MS,
    )
    page.evaluate("window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs')")
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        """() => {
            const panel = window.jupyterapp.shell.currentWidget;
            const cells = panel.content.widgets.filter(c => c.model.type === 'code');
            return cells.every(c => c.model.executionCount !== null)
                && panel.sessionContext.session.kernel.status === 'idle';
        }""",
        timeout=RUN_ALL_TIMEOUT_MS,
        polling=250,
    )


def snapshot_handle(page):
    """The handle of the explorer's snapshot slider (the other slider sets Play's speed)."""
    return page.locator(".widget-slider").filter(has_text="snapshot").locator(".noUi-handle")


CANVAS = "canvas.explorer-canvas"


def picture(page) -> str:
    """The explorer's picture now, as a PNG data URL of its canvas."""
    return page.evaluate(f"document.querySelector('{CANVAS}').toDataURL()")


def shown_index(page) -> int:
    """The snapshot the canvas was last drawn at (explorer_view.js sets data-index)."""
    return int(page.locator(CANVAS).get_attribute("data-index"))


def readout_starts(readout, text: str) -> None:
    """Wait (up to the step timeout) until the explorer's readout starts with text."""
    expect(readout).to_have_text(re.compile("^" + re.escape(text)), timeout=STEP_TIMEOUT_MS)


def wait_for_index(page, index: int) -> None:
    page.wait_for_function(f"document.querySelector('{CANVAS}')?.dataset.index === '{index}'")


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    chromium.require_browser()
    with running_jupyterlab() as running:
        yield running


def test_a_missing_browser_skips_on_a_laptop_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(chromium, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        chromium.require_browser()
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1 but no Chromium"):
        chromium.require_browser()


def test_the_shipped_settings_override_is_where_jupyterlab_reads_it():
    shipped = ROOT / "binder" / "overrides.json"
    assert INSTALLED_OVERRIDES.exists(), (
        f"{INSTALLED_OVERRIDES} is missing: `make setup` copies {shipped.name} there"
    )
    assert json.loads(INSTALLED_OVERRIDES.read_text()) == json.loads(shipped.read_text()), (
        f"{INSTALLED_OVERRIDES} differs from binder/overrides.json: run `make setup`"
    )


def test_explorer_runs_and_responds_in_chromium(lab, tmp_path):
    console, netlog = [], tmp_path / "netlog.json"
    with chromium_page(console, netlog) as page:
        open_and_run_all(page, lab)
        page.locator(CANVAS).wait_for(state="visible")
        page.locator(CANVAS).scroll_into_view_if_needed()
        wait_for_index(page, 0)

        body = page.locator("body").inner_text()
        assert "Error displaying widget" not in body
        errors = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        )
        assert errors.count() == 0, errors.first.inner_text()
        readout = page.locator(".explorer-readout")
        readout_starts(readout, "Step 0 of 1000")
        assert readout.get_attribute("aria-live") == "polite"

        # Keyboard only: Tab from Play reaches the slider, and an arrow key moves it.
        handle = snapshot_handle(page)
        assert float(handle.get_attribute("aria-valuenow")) == 0
        before = picture(page)
        page.locator(".widget-play button").first.focus()
        for _ in range(4):  # Play, Stop, Repeat, then the slider
            if handle.evaluate("h => h === document.activeElement"):
                break
            page.keyboard.press("Tab")
        assert handle.evaluate("h => h === document.activeElement"), "Tab missed the slider"
        page.keyboard.press("ArrowRight")
        wait_for_index(page, 1)
        assert float(handle.get_attribute("aria-valuenow")) == 1
        assert picture(page) != before
        readout_starts(readout, "Step 1 of 1000")
        assert "at step 1 of 1000" in page.locator(CANVAS).get_attribute("aria-label")

        # Shift+Tab back to Play, Enter: Play advances the slider (jslink: no kernel round
        # trip); Enter again pauses it.
        play = page.locator(".widget-play button").first
        for _ in range(4):
            if play.evaluate("b => b === document.activeElement"):
                break
            page.keyboard.press("Shift+Tab")
        assert play.evaluate("b => b === document.activeElement"), "Shift+Tab missed Play"
        page.keyboard.press("Enter")
        page.wait_for_function(f"Number(document.querySelector('{CANVAS}').dataset.index) >= 4")
        page.keyboard.press("Enter")

        # The screenshot shows the end of training: End jumps the slider to the last frame.
        page.wait_for_timeout(500)  # let a step Play had scheduled land first
        handle.press("End")
        wait_for_index(page, 49)
        readout_starts(readout, "Step 1000 of 1000")
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator(CANVAS).scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "06_explorer.png")

        # The whole run long, JupyterLab never asked about Jupyter news.
        assert page.get_by_text(NEWS_QUESTION).count() == 0, "the news pop-up showed"

    assert_offline(console, netlog)


def test_explorer_needs_no_kernel_once_shown(lab, tmp_path):
    # The kernel is kept busy: a frame it had to draw would wait until it is free. The
    # slider, the scale buttons and the readout must still change the picture at once.
    console, netlog = [], tmp_path / "netlog.json"
    with chromium_page(console, netlog) as page:
        open_and_run_all(page, lab)
        wait_for_index(page, 0)
        kernel = "window.jupyterapp.shell.currentWidget.sessionContext.session.kernel"
        page.evaluate(f"{kernel}.requestExecute({{code: 'import time; time.sleep(60)'}})")
        page.wait_for_function(f"{kernel}.status === 'busy'")
        handle = snapshot_handle(page)
        pictures = {picture(page)}
        handle.focus()
        for index in (1, 2, 3):
            page.keyboard.press("ArrowRight")
            wait_for_index(page, index)
            pictures.add(picture(page))
        page.locator(".widget-toggle-button").filter(has_text="rescaled per frame").click()
        page.wait_for_function(
            "document.querySelector('.explorer-note').innerText.startsWith('Rescaled')"
        )
        pictures.add(picture(page))
        assert len(pictures) == 5, "a step or the scale did not change the picture"
        readout_starts(page.locator(".explorer-readout"), "Step 3 of 1000")
        assert page.evaluate(f"{kernel}.status") == "busy", "the kernel was free meanwhile"
        # Then with no kernel at all: shut down, the explorer still steps.
        page.evaluate(f"{kernel}.shutdown()")
        page.wait_for_function(
            "!window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel"
            " || window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.status"
            " === 'dead'"
        )
        handle.press("End")
        wait_for_index(page, 49)
        readout_starts(page.locator(".explorer-readout"), "Step 1000 of 1000")
    assert_offline(console, netlog)


def test_without_the_override_the_news_question_would_show(lab, tmp_path):
    # The check above can only fail if the question shows when it is not answered: a user
    # setting of "none" (ask) wins over the override, and the question must then appear.
    put_news_setting(lab, '{"fetchNews": "none"}')
    try:
        with chromium_page([], tmp_path / "netlog.json") as page:
            page.goto(f"{lab.url}/lab?token={lab.token}")
            page.get_by_text(NEWS_QUESTION).wait_for(state="visible")
    finally:
        put_news_setting(lab, "{}")


# --- the stored 06 as a static page: no kernel, no server but a file server ------------------


def stored_explorer_state(notebook: Path) -> dict:
    """The stored widget state of the explorer's picture (an ExplorerView) in notebook."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    state = nb["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    views = [
        model["state"]
        for model in state.get("state", {}).values()
        if model["state"].get("part") == "figure" and "readouts" in model["state"].get("data", {})
    ]
    assert len(views) == 1, (
        f"{notebook.name} stores no explorer state: a static page can only show the stored "
        "first frame. Re-execute it with tools.execute, which must keep the widget state."
    )
    return views[0]


@pytest.fixture(scope="module")
def static_page(tmp_path_factory) -> Path:
    """notebooks/06 exported to HTML with local copies of the widget scripts (tools.site_assets)."""
    chromium.require_browser()
    notebook = ROOT / NOTEBOOK
    stored_explorer_state(notebook)
    from tools.site_assets import export_notebook

    folder = tmp_path_factory.mktemp("static-06")
    try:
        return export_notebook(notebook, folder)
    except RuntimeError as missing:  # npm, to fetch the html-manager and require.js once
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but the static page cannot be built: {missing}")
        pytest.skip(f"no static page: {missing}")


def go_to(page, index: int) -> None:
    """Step the slider to snapshot index with the keyboard: Home, then arrow keys (End: last)."""
    handle = snapshot_handle(page)
    handle.focus()
    last = round(float(handle.get_attribute("aria-valuemax")))
    page.keyboard.press("Home")
    for _ in range(index if index < last else 0):
        page.keyboard.press("ArrowRight")
    if index == last:
        page.keyboard.press("End")
    wait_for_index(page, index)


def canvas_pixels(page) -> np.ndarray:
    """The explorer's canvas as an RGB array."""
    url = picture(page)
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1]))).convert("RGB"))


def test_stored_explorer_steps_on_a_static_page_without_a_kernel(static_page, tmp_path):
    from tools.site_assets import serve

    console, netlog = [], tmp_path / "netlog.json"
    with serve(static_page.parent) as base, chromium_page(console, netlog) as page:
        page.goto(base + static_page.name)
        page.locator(CANVAS).scroll_into_view_if_needed()
        wait_for_index(page, 0)
        first = picture(page)
        handle = snapshot_handle(page)
        handle.focus()
        page.keyboard.press("ArrowRight")
        wait_for_index(page, 1)
        assert picture(page) != first
        page.keyboard.press("End")
        wait_for_index(page, 49)
        assert picture(page) != first
        assert page.locator(".explorer-readout").inner_text() == (
            "Step 1000 of 1000 · epoch 1.067 · test accuracy 91.6% (snapshot 50 of 50)"
        )
        # Play steps through the run from the start, as in JupyterLab.
        page.keyboard.press("Home")
        wait_for_index(page, 0)
        page.locator(".widget-play button").first.click()
        page.wait_for_function(f"Number(document.querySelector('{CANVAS}').dataset.index) >= 3")
        page.locator(".widget-play button").first.click()
    assert_offline(console, netlog)


def red_marker_x(rgb: np.ndarray, box: list[float]) -> float:
    """The mean column of the red step marker's pixels inside one curve's axes box."""
    left, top, width, height = (round(v) for v in box)
    area = rgb[top : top + height, left : left + width].astype(int)
    red = np.abs(area - [214, 39, 40]).max(axis=2) < 40  # matplotlib's C3
    return left + float(np.nonzero(red)[1].mean())


def test_the_browser_draws_what_matplotlib_draws(static_page, tmp_path):
    # The same figure as ExplorerFigure (and so as the GIF), pixel for pixel where it matters:
    # the maps match their own frame far better than the next one, and the markers sit on
    # the same step. Text and marker edges differ only in anti-aliasing.
    from helpers import load_mnist, train_sgd
    from helpers.explorer_figure import ExplorerFigure
    from tools.gif import NOTEBOOK_RUN
    from tools.site_assets import serve

    X_train, y_train, X_test, y_test = load_mnist()
    history = train_sgd(X_train, y_train, X_test=X_test, y_test=y_test, **NOTEBOOK_RUN)
    figure = ExplorerFigure(history)
    data = stored_explorer_state(ROOT / NOTEBOOK)["data"]
    left, top, width, height = (round(v) for v in data["tiles"]["box"])

    def drawn_by_matplotlib(index: int, scale: str) -> np.ndarray:
        return np.asarray(Image.open(io.BytesIO(figure.render(index, scale)))).astype(int)

    def maps_difference(a: np.ndarray, b: np.ndarray) -> float:
        return float(np.abs(a - b)[top : top + height, left : left + width].max(axis=2).mean())

    console, netlog = [], tmp_path / "netlog.json"
    with serve(static_page.parent) as base, chromium_page(console, netlog) as page:
        page.goto(base + static_page.name)
        wait_for_index(page, 0)
        for index, scale in ((0, "fixed"), (10, "fixed"), (49, "fixed"), (3, "frame")):
            if scale == "frame":
                page.locator(".widget-toggle-button").filter(has_text="rescaled per frame").click()
                page.wait_for_function(
                    "document.querySelector('.explorer-note').innerText.startsWith('Rescaled')"
                )
            go_to(page, index)
            drawn = canvas_pixels(page).astype(int)
            expected = drawn_by_matplotlib(index, scale)
            assert drawn.shape == expected.shape
            assert np.abs(drawn - expected).max(axis=2).mean() < 1.5  # the whole figure
            own = maps_difference(drawn, expected)
            assert own < 0.6, f"maps at snapshot {index} ({scale}) differ by {own:.2f}"
            for other in (index - 1, index + 1):
                if 0 <= other < len(data["steps"]):
                    assert own < maps_difference(drawn, drawn_by_matplotlib(other, scale)) / 2
            for curve in data["curves"]:
                assert red_marker_x(drawn, curve["box"]) == pytest.approx(
                    red_marker_x(expected.astype(np.uint8), curve["box"]), abs=1.0
                )
    assert_offline(console, netlog)
