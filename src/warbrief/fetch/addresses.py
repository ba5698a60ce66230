"""Which URLs we may fetch at all: http(s) only, and no loopback, private or link-local address unless allowed.

Feeds and pages are untrusted, so a link in a feed (or a redirect) must not turn the fetcher against the
machine it runs on or its local network (SSRF). Only the user's own sources file may name such hosts.
The check resolves the host name, so a public name pointing at 10.0.0.1 is refused too, and the HTTP client
connects only through ``PublicOnlyBackend``, which checks the addresses it actually connects to.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Collection, Iterable
from urllib.parse import urlsplit

import httpcore


class UnsafeURL(ValueError):
    """The URL may not be fetched; the message says why."""


def _host_port(url: str) -> tuple[str, int]:
    """A URL's host name (lower case) and port (defaulting by scheme)."""
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def netloc_key(url: str) -> str:
    """``host:port`` of a URL, the unit of the allow-list (the port defaults by scheme)."""
    host, port = _host_port(url)
    return f"{host}:{port}"


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _allowed(url: str, allow_hosts: Collection[str]) -> bool:
    return is_allowed_host(*_host_port(url), allow_hosts)


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
        _, private = await _addresses(host)
    except OSError as exc:
        raise UnsafeURL(f"{url}: cannot resolve {host} ({exc})") from exc
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


async def _addresses(host: str) -> tuple[list[str], list[str]]:
    """The host's addresses (the host itself when it is one), and those of them that are not public."""
    addresses = [host] if _is_ip(host) else await _resolve(host)
    return addresses, [a for a in addresses if not _is_public(a)]


async def _resolve(host: str) -> list[str]:
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_allowed_host(host: str, port: int, allow_hosts: Collection[str]) -> bool:
    """Whether ``host:port`` (or the host on any port) is on the user's allow-list."""
    host = host.lower()
    return f"{host}:{port}" in allow_hosts or host in allow_hosts


class PublicOnlyBackend(httpcore.AsyncNetworkBackend):
    """The HTTP client's connections, made only to addresses checked at the moment of connecting.

    ``check_url`` resolves a host to refuse private addresses early with a clear reason, but the HTTP client
    resolves the name again when it connects; a DNS server that answers with a public address the first time
    and 127.0.0.1 the second (DNS rebinding) would slip past the first check. Here the name is resolved once,
    every address is checked, and the connection goes to a checked address itself. TLS still verifies the
    certificate against the host name (httpcore takes the name from the URL, not from the address).
    """

    def __init__(self, allow_hosts: Collection[str] = (), inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.allow_hosts = allow_hosts
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        if is_allowed_host(host, port, self.allow_hosts):
            return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        try:
            addresses, private = await _addresses(host)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        if private:
            raise UnsafeURL(f"{host} resolved to a loopback, private or reserved address ({private[0]}) "
                            "when connecting; name it in a source with allow_private: true to fetch it")
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return await self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise UnsafeURL(f"{path}: the fetcher does not connect to Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)
