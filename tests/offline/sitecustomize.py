"""Refuse outbound network connections in every Python process the test suite starts.

conftest.py imports this in the pytest process and puts this folder on PYTHONPATH, so Python
imports it at start-up in each Jupyter kernel and server too. Loopback stays open (kernels
and JupyterLab talk over 127.0.0.1); anything else raises before a packet is sent.
"""

from __future__ import annotations

import ipaddress
import socket

MESSAGE = "network access is disabled in the test suite (the series must work offline)"
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _is_local(host: object) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:  # a host name: resolving it would itself ask a DNS server
        return False


def _check(sock: socket.socket, address: object) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
        raise ConnectionRefusedError(f"{MESSAGE}: refused {address!r}")


def _guarded_connect(self, address):
    _check(self, address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(self, address)
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if not _is_local(host.decode() if isinstance(host, bytes) else host):
        raise ConnectionRefusedError(f"{MESSAGE}: refused to resolve {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.getaddrinfo = _guarded_getaddrinfo
