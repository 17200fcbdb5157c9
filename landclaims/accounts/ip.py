"""The client's address for lockouts, taken from a proxy header only when told to trust one.

X-Forwarded-For is written by whoever sends the request: trusting it without a proxy in
front lets an attacker pick a new address for every guess (and never be locked out), or
pick a victim's address to lock them out. So the default trusts nothing and uses the TCP
peer; behind N proxies (TRUSTED_PROXY_COUNT=N) the client is the Nth entry from the right,
the one the outermost trusted proxy appended.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    peer = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return peer
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in hops if hop]
    # Fewer entries than proxies: the request did not come through them all; use the peer.
    return hops[-proxies] if len(hops) >= proxies else peer
