"""Where plain HTTP may be used between a till and head office: only on this machine.

Both ends apply the rule (the till when it enrols, head office when it is asked to serve without
TLS), so it is stated once, here, in the leaf they share.
"""

from __future__ import annotations

import ipaddress
import socket


def is_loopback(host: str) -> bool:
    """True when every address `host` names is a loopback address (nothing else can listen in).

    A name that does not resolve, or resolves to nothing, is not loopback.
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None)
        except OSError:
            return False
        return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)
