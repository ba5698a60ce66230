"""Which URLs we may fetch at all: http(s) only, and no loopback, private or link-local address unless allowed.

Feeds and pages are untrusted, so a link in a feed (or a redirect) must not turn the fetcher against the
machine it runs on or its local network (SSRF). Only the user's own sources file may name such hosts.
The check resolves the host name, so a public name pointing at 10.0.0.1 is refused too.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection
from urllib.parse import urlsplit


class UnsafeURL(ValueError):
    """The URL may not be fetched; the message says why."""


def netloc_key(url: str) -> str:
    """``host:port`` of a URL, the unit of the allow-list (the port defaults by scheme)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _allowed(url: str, allow_hosts: Collection[str]) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return netloc_key(url) in allow_hosts or host in allow_hosts


def check_scheme(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURL(f"{url}: only http(s) URLs are fetched, not {parts.scheme or 'a relative URL'}")
    if not parts.hostname:
        raise UnsafeURL(f"{url}: no host name")
    if parts.username or parts.password:
        raise UnsafeURL(f"{url}: URLs with credentials are not fetched")


async def check_url(url: str, allow_hosts: Collection[str] = ()) -> None:
    """Raise UnsafeURL unless ``url`` is http(s) and resolves only to public addresses (or is allowed)."""
    check_scheme(url)
    if _allowed(url, allow_hosts):
        return
    host = urlsplit(url).hostname or ""
    try:
        addresses = [host] if _is_ip(host) else await _resolve(host)
    except OSError as exc:
        raise UnsafeURL(f"{url}: cannot resolve {host} ({exc})") from exc
    private = [a for a in addresses if not _is_public(a)]
    if private:
        raise UnsafeURL(
            f"{url}: {host} is a loopback, private or reserved address ({private[0]}); "
            "name it in a source with allow_private: true to fetch it"
        )


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


async def _resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})
