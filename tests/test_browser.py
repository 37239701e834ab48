"""Notebook 06 in a real browser: JupyterLab in headless Chromium runs it and plays the explorer.

Needs Debian's chromium and playwright (playwright's own browser download does not work on
these machines). Without them the test is skipped, unless REQUIRE_BROWSER=1 (set by .ci/run),
where a missing browser is a failure. JupyterLab serves a temporary copy of notebooks/, so
its autosave can never write over the committed notebook.

An offline classroom must see no errors: the tests fail on any console or page error, on the
"official Jupyter news?" pop-up (binder/overrides.json turns it off, as `make lab` and Binder
install it), and on any host other than this machine in Chromium's net log (tests/chromium.py).
"""

from __future__ import annotations

import contextlib
import json
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
from jupyterlab.commands import get_app_dir

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
    with chromium.offline_browser(netlog) as browser:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
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

        # The whole run long, JupyterLab never asked about Jupyter news.
        assert page.get_by_text(NEWS_QUESTION).count() == 0, "the news pop-up showed"

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
