"""The suite runs with outbound connections refused, so passing tests prove offline work.

Python processes are guarded by tests/offline/sitecustomize.py; Chromium, which is not Python,
by its flags and the net-log check in tests/chromium.py.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from tests import chromium


def test_outbound_connections_are_refused_in_the_test_process():
    sock = socket.socket()
    sock.close()  # a closed socket: even if the guard were missing, no packet could leave
    with pytest.raises(ConnectionRefusedError, match="disabled in the test suite"):
        sock.connect(("203.0.113.7", 80))
    # Resolving a name would ask a DNS server; check the guard is there before trying.
    assert socket.getaddrinfo.__name__ == "_guarded_getaddrinfo"
    with pytest.raises(ConnectionRefusedError, match="refused to resolve"):
        socket.getaddrinfo("pypi.org", 443)


def test_loopback_stays_open():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with server, socket.create_connection(server.getsockname(), timeout=5):
        pass


def test_kernels_and_servers_inherit_the_guard():
    # Every kernel and JupyterLab server the suite starts is a Python child with this
    # environment; check that such a child patches socket at start-up.
    code = "import socket; print(socket.socket.connect.__name__)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=True,
    )
    assert out.stdout.strip() == "_guarded_connect"


def test_the_net_log_check_names_lookups_requests_connects_and_packets(tmp_path):
    kinds = ["URL_REQUEST_START_JOB", "DNS_TRANSACTION", "TCP_CONNECT", "UDP_CONNECT"]
    kinds += ["UDP_BYTES_SENT", "UDP_LOCAL_ADDRESS", "HOST_RESOLVER_MANAGER_REQUEST"]
    types = {kind: number for number, kind in enumerate(kinds)}

    def event(kind, source_id, source_type, params=None):
        source = {"id": source_id, "type": source_type}
        return {"type": types[kind], "source": source, "params": params or {}}

    url, socket_, udp = 0, 1, 2  # source types
    events = [
        event("URL_REQUEST_START_JOB", 1, url, {"url": "http://127.0.0.1:8888/lab"}),
        event("URL_REQUEST_START_JOB", 2, url, {"url": "https://cdn.example.org/x.js"}),
        event("URL_REQUEST_START_JOB", 3, url, {"url": "data:image/png;base64,AAAA"}),
        event("HOST_RESOLVER_MANAGER_REQUEST", 3, url, {"host": "https://~notfound"}),
        event("DNS_TRANSACTION", 4, url, {"hostname": "fonts.example.org"}),
        event("TCP_CONNECT", 5, socket_, {"address_list": ["203.0.113.7:443", "[::1]:80"]}),
        # Chromium's IPv6 route probe: a UDP connect that sends nothing.
        event("UDP_CONNECT", 6, udp, {"address": "[2001:4860:4860::8888]:443"}),
        event("UDP_CONNECT", 6, udp),
        event("UDP_LOCAL_ADDRESS", 6, udp, {"address": "192.0.2.2:5000"}),
        # A DNS query: a UDP connect, then a packet.
        event("UDP_CONNECT", 7, udp, {"address": "10.0.0.53:53"}),
        event("UDP_BYTES_SENT", 7, udp, {"byte_count": 39}),
    ]
    constants = {
        "logEventTypes": types,
        "logSourceType": {"URL_REQUEST": url, "SOCKET": socket_, "UDP_SOCKET": udp},
    }
    netlog = tmp_path / "netlog.json"
    # As Chromium streams it, cut off before the closing "]}" by a browser that did not close.
    netlog.write_text(json.dumps({"constants": constants, "events": events})[:-2] + ",\n")
    assert chromium.remote_hosts(netlog) == {
        "10.0.0.53": ["UDP_BYTES_SENT"],
        "203.0.113.7": ["TCP_CONNECT"],
        "cdn.example.org": ["URL_REQUEST_START_JOB"],
        "fonts.example.org": ["DNS_TRANSACTION"],
    }


def test_chromium_reaches_nothing_by_itself_and_a_remote_image_is_caught(tmp_path):
    chromium.require_browser()
    netlog, failures = tmp_path / "netlog.json", []
    with chromium.offline_browser(netlog) as browser:
        page = browser.new_page()
        page.on("requestfailed", lambda request: failures.append(request.failure))
        page.set_content('<img src="http://example.invalid/pixel.png">', wait_until="load")
    hosts = chromium.remote_hosts(netlog)
    # The page's image is caught, and Chromium's own services reached for nothing.
    assert list(hosts) == ["example.invalid"]
    # Its name was never asked of a DNS server: Chromium answered "not found" itself.
    assert not [kind for kind in hosts["example.invalid"] if kind.startswith("DNS")]
    assert failures == ["net::ERR_NAME_NOT_RESOLVED"]
