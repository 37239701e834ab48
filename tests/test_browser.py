"""Notebook 06 in a real browser: JupyterLab in headless Chromium runs it and plays the explorer.

Needs Debian's chromium and playwright (playwright's own browser download does not work on
these machines). Without them the test is skipped, unless REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure. JupyterLab serves a temporary copy of notebooks/, so
its autosave can never write over the committed notebook.
"""

from __future__ import annotations

import contextlib
import os
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

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NOTEBOOK = "notebooks/06_watching_training.ipynb"
ARTIFACTS = ROOT / "tests" / "artifacts"
HOST = "127.0.0.1"
START_TIMEOUT_S = 90  # JupyterLab's first start on a busy machine
RUN_ALL_TIMEOUT_MS = 180_000  # the notebook runs in ~10 s; room for a slow CI machine
STEP_TIMEOUT_MS = 30_000  # any single wait in the page


def missing_browser() -> str | None:
    """Why the browser test cannot run here, or None if it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


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
        # A fresh settings folder that answers JupyterLab's "would you like news?" question
        # with no, so no notification covers the page and nothing asks the internet.
        settings = tmp / "user-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True)
        (settings / "notification.jupyterlab-settings").write_text(
            '{"fetchNews": "false", "checkForUpdates": false}'
        )
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
                f"--LabApp.user_settings_dir={tmp / 'user-settings'}",
                "--LabApp.news_url=None",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
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
def chromium_page(lab: Lab, console: list[str]):
    """A headless Chromium page that may only talk to the lab; console errors go to console."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, timeout=60_000
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(STEP_TIMEOUT_MS)

            def local_only(route):
                # Only 127.0.0.1 is reached. The header's Binder badge is an image on
                # mybinder.org; answer it with an empty picture instead of the network.
                if route.request.url.startswith(lab.url):
                    route.continue_()
                else:
                    route.fulfill(
                        status=200,
                        content_type="image/svg+xml",
                        body='<svg xmlns="http://www.w3.org/2000/svg"/>',
                    )

            page.route("**/*", local_only)
            page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: console.append(f"page error: {error}"))
            yield page
        finally:
            browser.close()


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


def image_digest(page) -> str:
    """SHA-256 of the bytes the explorer's <img> shows now."""
    return page.evaluate(
        """async () => {
            const img = document.querySelector('img.widget-image');
            const bytes = await (await fetch(img.src)).arrayBuffer();
            const digest = await crypto.subtle.digest('SHA-256', bytes);
            const hex = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0'));
            return hex.join('');
        }"""
    )


def require_browser() -> None:
    """Skip when the browser is missing; in CI (REQUIRE_BROWSER=1) fail instead."""
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def lab() -> Iterator[Lab]:
    require_browser()
    with running_jupyterlab() as running:
        yield running


def test_a_missing_browser_skips_on_a_laptop_and_fails_in_ci(monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no Chromium"):
        require_browser()
    monkeypatch.setenv("REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_BROWSER=1 but no Chromium"):
        require_browser()


def test_explorer_runs_and_responds_in_chromium(lab):
    console: list[str] = []
    with chromium_page(lab, console) as page:
        open_and_run_all(page, lab)
        page.locator("img.widget-image").wait_for(state="visible")
        page.locator("img.widget-image").scroll_into_view_if_needed()

        body = page.locator("body").inner_text()
        assert "Error displaying widget" not in body
        errors = page.locator(
            '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
        )
        assert errors.count() == 0, errors.first.inner_text()
        assert page.locator(".widget-html").filter(has_text="Step 0 of 1000").count() == 1

        # A key press on the slider: the slider moves and the picture changes.
        handle = snapshot_handle(page)
        assert float(handle.get_attribute("aria-valuenow")) == 0
        before_src, before_bytes = (
            page.locator("img.widget-image").get_attribute("src"),
            image_digest(page),
        )
        handle.click()
        handle.press("ArrowRight")
        page.wait_for_function(
            "src => document.querySelector('img.widget-image').src !== src", arg=before_src
        )
        assert float(handle.get_attribute("aria-valuenow")) == 1
        assert image_digest(page) != before_bytes
        page.locator(".widget-html").filter(has_text="Step 1 of 1000").wait_for()

        # Play advances the slider (jslink: no kernel round trip), then pause it.
        page.locator(".widget-play button").first.click()
        page.wait_for_function(
            """() => Number(Array.from(document.querySelectorAll('.widget-slider'))
                .find(s => s.innerText.includes('snapshot'))
                .querySelector('.noUi-handle').getAttribute('aria-valuenow')) >= 4"""
        )
        page.locator(".widget-play button").first.click()

        # The screenshot shows the end of training: End jumps the slider to the last frame.
        page.wait_for_timeout(500)  # let a step Play had scheduled land first
        handle.press("End")
        page.locator(".widget-html").filter(has_text="Step 1000 of 1000").wait_for()
        ARTIFACTS.mkdir(exist_ok=True)
        page.locator("img.widget-image").scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / "06_explorer.png")

    assert console == [], "browser console errors:\n" + "\n".join(console)
