"""The suite runs with outbound connections refused, so passing tests prove offline work."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest


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
