"""Debian's Chromium, launched so that it cannot reach the network, and the check that proves it.

tests/offline/sitecustomize.py guards every Python process, but Chromium is not Python. So:
its own background services are switched off (CHROMIUM_ARGS, and PREFERENCES for the one no
switch stops); every host name but 127.0.0.1
resolves to "not found" inside Chromium, so no DNS query or connection can leave the machine;
and Chromium writes a net log in which `remote_hosts` finds every other host that it asked
for, looked up, connected to or sent a packet to. The browser tests fail if there is one.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
# Port 9 of 127.0.0.1, which Chromium refuses to open (ERR_UNSAFE_PORT): a request sent there
# ends inside Chromium, before any connection.
NOWHERE = "http://127.0.0.1:9"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    # Chromium's own traffic: background services, component updates, sync and sign-in,
    # first-run pages, default apps, error reports, metrics, pings. Playwright passes most of
    # these too; listed here, they hold whoever launches Chromium.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--metrics-recording-only",
    "--no-pings",
    # Three services ignore those switches (Chromium 156): the on-device AI model's download
    # (update.googleapis.com), sign-in's list of Google accounts (accounts.google.com) and
    # autofill's questions about the forms on a page (content-autofill.googleapis.com).
    f"--component-updater=url-source={NOWHERE}",
    f"--gaia-url={NOWHERE}",
    f"--autofill-server-url={NOWHERE}",
    # Chromium 150 also checks in with Google's push-message service (GCM) a few seconds in,
    # whatever the switches above say: android.clients.google.com/checkin.
    f"--gcm-checkin-url={NOWHERE}/checkin",
    f"--gcm-registration-url={NOWHERE}/register",
    f"--gcm-mcs-endpoint={NOWHERE}",
    # And should anything slip through, no name but the lab's address resolves.
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# Once a text field is typed in (the hub's login form), Chromium downloads a spelling
# dictionary for its language from redirector.gvt1.com, and once a password is sent, asks
# passwordsleakcheck-pa.googleapis.com about it. No switch stops either (Chromium 150); the
# profile's preferences do, so each browser starts from a fresh profile holding these.
PREFERENCES = {
    "browser": {"enable_spellchecking": False},
    "spellcheck": {"dictionaries": [], "dictionary": "", "use_spelling_service": False},
    "credentials_enable_service": False,
    "profile": {"password_manager_leak_detection": False},
}
# The net-log fields that name a host, an address or a URL.
HOST_FIELDS = ("url", "host", "hostname", "qname", "destination", "address", "address_list")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    return None


def require_browser() -> None:
    """Skip when the browser is missing; in CI (REQUIRE_BROWSER=1) fail instead."""
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@contextlib.contextmanager
def offline_browser(netlog: Path, viewport: dict[str, int] | None = None):
    """A headless Chromium on a fresh profile that writes its net log to netlog (complete once
    it closes); yields its browser context, whose new_page() opens a tab."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        (Path(profile) / "Default").mkdir()
        (Path(profile) / "Default" / "Preferences").write_text(json.dumps(PREFERENCES))
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path=str(CHROMIUM),
                args=[*CHROMIUM_ARGS, f"--log-net-log={netlog}", "--net-log-capture-mode=Default"],
                headless=True,
                timeout=60_000,
                viewport=viewport,
            )
            try:
                yield context
            finally:
                context.close()


def host_of(field: str, value: str) -> str:
    """The host in a URL, in an address ("1.2.3.4:53", "[::1]:80"), or a bare host name."""
    if field == "url" or "://" in value:
        return urlsplit(value).hostname or ""  # data: and blob: URLs have none
    if value.startswith("["):
        return value[1 : value.index("]")]
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def is_this_machine(host: str) -> bool:
    """True for localhost and loopback addresses, and for URLs without a host (data:, blob:)."""
    if host in ("", "localhost") or host.startswith("~"):  # "~notfound": a blocked lookup
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def remote_hosts(netlog: Path) -> dict[str, list[str]]:
    """Every other host Chromium tried to reach, with the kinds of net-log event that name it."""
    text = netlog.read_text()
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # a browser that did not close cleanly leaves the list open
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    kind_of = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    source_of = {number: name for name, number in log["constants"]["logSourceType"].items()}
    found: dict[str, set[str]] = {}
    udp_peers: dict[int, list] = {}
    for event in log["events"]:
        kind, params, source = kind_of[event["type"]], event.get("params", {}), event["source"]
        if kind.endswith("LOCAL_ADDRESS"):
            continue  # this machine's end of a socket
        named = [(field, params[field]) for field in HOST_FIELDS if field in params]
        if source_of[source["type"]].startswith("UDP"):
            # Connecting a UDP socket sends nothing (Chromium does it to ask the kernel whether
            # IPv6 has a route): a UDP peer counts once a packet goes to it.
            if kind == "UDP_CONNECT" and named:
                udp_peers[source["id"]] = named
            named = (named or udp_peers.get(source["id"], [])) if kind == "UDP_BYTES_SENT" else []
        for field, value in named:
            for item in value if isinstance(value, list) else [value]:
                host = host_of(field, str(item))
                if not is_this_machine(host):
                    found.setdefault(host, set()).add(kind)
    return {host: sorted(kinds) for host, kinds in sorted(found.items())}
