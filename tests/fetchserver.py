"""A real HTTP server on 127.0.0.1 for the fetch tests, with faults injected per path.

Not a mock: httpx talks to it over a real socket, so time-outs, connection resets (RST via SO_LINGER 0),
truncated and oversized bodies happen the way they do on the web. Each route says what to serve and which
faults to inject on its first requests; every request is recorded for the tests to inspect.
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    # Faults on the first `faults` requests: "500", "503", "reset" (RST before answering), "slow" (sleep
    # `delay` seconds before answering), "reset_mid" (RST after half the body).
    fault: str | None = None
    faults: int = 0
    delay: float = 0.0
    # A large body streamed in chunks without holding it in memory: (chunk size, chunk count).
    stream: tuple[int, int] | None = None
    send_length: bool = True
    gzip: bool = False
    location: str | None = None
    served: int = 0


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        return None  # resets and refused bodies are the point of these tests, not errors


@dataclass
class Hit:
    path: str
    headers: dict[str, str]


class FaultServer:
    """``with FaultServer() as server: server.route("/feed", Route(...)); server.url("/feed")``."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.inflight = 0
        self.max_inflight = 0  # most requests being answered at once
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # keep test output clean
                return None

            def do_GET(self) -> None:
                owner._handle(self)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def __enter__(self) -> FaultServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def netloc(self) -> str:
        return f"127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.netloc}{path}"

    def route(self, path: str, route: Route) -> Route:
        with self._lock:
            self.routes[path] = route
        return route

    def hits_for(self, path: str) -> list[Hit]:
        return [h for h in self.hits if h.path == path]

    # -- serving -----------------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.inflight += 1
            self.max_inflight = max(self.max_inflight, self.inflight)
        try:
            self._answer(request)
        finally:
            with self._lock:
                self.inflight -= 1

    def _answer(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.hits.append(Hit(request.path, {k.lower(): v for k, v in request.headers.items()}))
            route = self.routes.get(request.path)
            if route is not None:
                route.served += 1
                faulty = route.fault is not None and route.served <= route.faults
            else:
                faulty = False
        if route is None:
            _send(request, 404, {"Content-Type": "text/plain"}, b"not found")
            return
        if faulty and route.fault in ("500", "503"):
            _send(request, int(route.fault), {"Content-Type": "text/plain"}, b"server error")
            return
        if faulty and route.fault == "reset":
            _reset(request)
            return
        if faulty and route.fault == "slow":
            time.sleep(route.delay)
        if route.location:
            _send(request, route.status, {"Location": route.location, "Content-Length": "0"}, b"")
            return
        inm = request.headers.get("If-None-Match")
        ims = request.headers.get("If-Modified-Since")
        by_date = route.last_modified and not route.etag and ims == route.last_modified
        if (route.etag and inm == route.etag) or by_date:
            _send(request, 304, _validators(route), b"")
            return
        headers = {**_validators(route), **route.headers}
        if route.content_type:
            headers["Content-Type"] = route.content_type
        if route.stream:
            _stream(request, route, headers)
            return
        body = gzip.compress(route.body) if route.gzip else route.body
        if route.gzip:
            headers["Content-Encoding"] = "gzip"
        if faulty and route.fault == "reset_mid":
            headers["Content-Length"] = str(len(body))
            _head(request, route.status, headers)
            request.wfile.write(body[: len(body) // 2])
            request.wfile.flush()
            _reset(request)
            return
        _send(request, route.status, headers, body)


def _validators(route: Route) -> dict[str, str]:
    found = {"ETag": route.etag, "Last-Modified": route.last_modified}
    return {k: v for k, v in found.items() if v}


def _head(request: BaseHTTPRequestHandler, status: int, headers: dict[str, str]) -> None:
    request.send_response(status)
    for key, value in headers.items():
        request.send_header(key, value)
    request.end_headers()


def _send(request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes) -> None:
    headers = {**headers, "Content-Length": str(len(body))}
    try:
        _head(request, status, headers)
        request.wfile.write(body)
    except OSError:
        pass  # the client gave up (e.g. it refused the body); that is its right


def _chunks(route: Route) -> Iterator[bytes]:
    size, count = route.stream or (0, 0)
    chunk = b"<p>" + b"x" * (size - 8) + b"</p>\n"
    for _ in range(count):
        yield chunk


def _stream(request: BaseHTTPRequestHandler, route: Route, headers: dict[str, str]) -> None:
    size, count = route.stream or (0, 0)
    if route.send_length:
        headers["Content-Length"] = str(size * count)
    else:
        headers["Connection"] = "close"
        request.close_connection = True
    try:
        _head(request, route.status, headers)
        for chunk in _chunks(route):
            request.wfile.write(chunk)
    except OSError:
        pass


def _reset(request: BaseHTTPRequestHandler) -> None:
    """Close with a TCP RST (SO_LINGER on, timeout 0) instead of an orderly FIN."""
    sock: socket.socket = request.connection
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    request.close_connection = True
    sock.close()


Factory = Callable[[], FaultServer]
