"""The polite, defensive HTTP fetcher: one ``Fetcher.fetch`` call per URL, whatever the web does.

Per host: robots.txt first, at most ``per_host_concurrency`` requests at once and one start every
``per_host_delay`` seconds (more if robots.txt asks). Per request: safe addresses only (re-checked at every
redirect hop), connect/read time-outs and an overall deadline, conditional GET, a body limit enforced while
streaming and while decompressing, retries with exponential backoff and jitter on time-outs, resets and
5xx. Every complete response is archived before it is returned. A failure is a ``FetchResult`` with a
reason, never an exception, so one bad source cannot stop a poll.
"""

from __future__ import annotations

import asyncio
import logging
import random
import zlib
from collections.abc import AsyncIterator, Collection
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx

from warbrief.fetch.addresses import PublicOnlyBackend, UnsafeURL, check_url, netloc_key
from warbrief.fetch.archive import ArchivedExchange, WarcArchive
from warbrief.fetch.policy import FetchPolicy
from warbrief.fetch.robots import ROBOTS_MAX_BYTES, RobotsRules

log = logging.getLogger(__name__)
Outcome = Literal["ok", "not_modified", "skipped"]
_REDIRECTS = {301, 302, 303, 307, 308}
_MIB = 1024 * 1024


@dataclass(slots=True, frozen=True)
class Validators:
    """What a server told us last time, sent back so it can answer 304 Not Modified."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {k: v for k, v in found.items() if v}


@dataclass(slots=True)
class FetchResult:
    """What fetching one URL came to. ``transient`` failures may pass by the next poll; others will not."""

    url: str
    outcome: Outcome
    final_url: str = ""
    status: int = 0
    content_type: str | None = None
    body: bytes = b""
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    validators: Validators = field(default_factory=Validators)
    reason: str = ""
    transient: bool = False
    attempts: int = 0

    def __post_init__(self) -> None:
        self.final_url = self.final_url or self.url


class _Refused(Exception):
    """A response we stop reading: the message is the skip reason (never retried)."""


class _Transient(Exception):
    """A failure worth retrying: time-out, reset, 5xx."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass(slots=True)
class _Answer:
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes
    request_headers: list[tuple[str, str]]
    fetched_at: datetime


class _Host:
    """Per-host politeness: a concurrency slot and a minimum gap between request starts."""

    def __init__(self, concurrency: int, delay: float) -> None:
        self.slots = asyncio.Semaphore(concurrency)
        self.delay = delay
        self.next_start = 0.0
        self.lock = asyncio.Lock()
        self.robots: RobotsRules | None = None
        self.robots_lock = asyncio.Lock()


class _BoundedDecoder:
    """Content-Encoding decoding that cannot expand past the body limit (gzip bombs)."""

    def __init__(self, encoding: str, limit: int, url: str) -> None:
        self.limit, self.url = limit, url
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self.inflater: Any = None
        elif encoding in ("gzip", "x-gzip"):
            self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self.inflater = zlib.decompressobj(32 + zlib.MAX_WBITS)  # zlib or gzip header, auto-detected
        else:
            raise _Refused(f"unsupported Content-Encoding {encoding!r}")
        self.out = bytearray()

    def feed(self, chunk: bytes) -> None:
        if self.inflater is None:
            self.out += chunk
        else:
            try:
                self.out += self.inflater.decompress(chunk, self.limit + 1 - len(self.out))
            except zlib.error as exc:
                raise _Refused(f"corrupt compressed body ({exc})") from exc
            if self.inflater.unconsumed_tail:
                self.out += b"x"  # more remains than the limit allows
        if len(self.out) > self.limit:
            raise _Refused(f"body is over the {self.limit / _MIB:.1f} MiB limit")


def _content_type_ok(content_type: str | None, accept: Collection[str]) -> bool:
    if not accept or not content_type:
        return True  # missing: the parser sniffs and decides
    return content_type.split(";", 1)[0].strip().lower() in accept


def _retry_after(headers: httpx.Headers) -> float | None:
    value = headers.get("retry-after", "")
    return float(value) if value.strip().isdigit() else None


def _without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool built on ``PublicOnlyBackend`` (httpx exposes no option for
    the network backend, so the pool it made is replaced by an identical one that has it)."""

    def __init__(self, backend: httpcore.AsyncNetworkBackend, limits: httpx.Limits) -> None:
        super().__init__(limits=limits, trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


class Fetcher:
    """Fetches URLs politely into a WARC archive. Use as ``async with Fetcher(policy, archive) as fetcher``."""

    def __init__(self, policy: FetchPolicy | None = None, archive: WarcArchive | None = None,
                 allow_hosts: Collection[str] = ()) -> None:
        self.policy = policy or FetchPolicy()
        self.archive = archive
        self.allow_hosts = set(self.policy.allow_hosts) | set(allow_hosts)
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None
        self._random = random.Random()
        self._total = asyncio.Semaphore(self.policy.total_concurrency)

    async def __aenter__(self) -> Fetcher:
        policy = self.policy
        timeout = httpx.Timeout(connect=policy.connect_timeout, read=policy.read_timeout,
                                write=policy.read_timeout, pool=None)
        limits = httpx.Limits(max_connections=policy.total_concurrency)
        self._client = httpx.AsyncClient(
            timeout=timeout, follow_redirects=False, trust_env=False, limits=limits,
            transport=_GuardedTransport(PublicOnlyBackend(self.allow_hosts), limits),
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()
        self._client = None

    def _host(self, url: str) -> _Host:
        key = netloc_key(url)
        if key not in self._hosts:
            self._hosts[key] = _Host(self.policy.per_host_concurrency, self.policy.per_host_delay)
        return self._hosts[key]

    def host_delay(self, url: str) -> float:
        """Seconds between request starts to ``url``'s host now (robots.txt Crawl-delay may have raised it)."""
        return self._host(url).delay

    @asynccontextmanager
    async def _slot(self, url: str) -> AsyncIterator[None]:
        host = self._host(url)
        async with self._total, host.slots:
            loop = asyncio.get_running_loop()
            async with host.lock:
                now = loop.time()
                wait = host.next_start - now
                host.next_start = max(now, host.next_start) + host.delay
            if wait > 0:
                await asyncio.sleep(wait)
            yield

    # -- one HTTP exchange ---------------------------------------------------------------------------

    async def _exchange(self, url: str, headers: dict[str, str], accept: Collection[str], limit: int) -> _Answer:
        assert self._client is not None, "use Fetcher as an async context manager"
        request = self._client.build_request("GET", url, headers=headers)
        try:
            async with asyncio.timeout(self.policy.connect_timeout + 4 * self.policy.read_timeout):
                response = await self._client.send(request, stream=True)
                try:
                    return await self._read(request, response, accept, limit)
                finally:
                    await response.aclose()
        except UnsafeURL as exc:  # the address connected to, checked by PublicOnlyBackend (DNS rebinding)
            raise _Refused(f"refused: {exc}") from exc
        except TimeoutError as exc:
            raise _Transient("response took longer than the overall deadline") from exc
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out ({type(exc).__name__})") from exc
        except (httpx.TransportError, httpx.DecodingError) as exc:
            raise _Transient(f"connection failed ({type(exc).__name__}: {exc or 'reset'})") from exc

    async def _read(self, request: httpx.Request, response: httpx.Response, accept: Collection[str],
                    limit: int) -> _Answer:
        status = response.status_code
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _Refused(f"body is {int(declared) / _MIB:.1f} MiB (Content-Length), over the "
                           f"{limit / _MIB:.1f} MiB limit")
        content_type = response.headers.get("content-type")
        if status == 200 and not _content_type_ok(content_type, accept):
            raise _Refused(f"content type {content_type} is not one we read here")
        decoder = _BoundedDecoder(response.headers.get("content-encoding", ""), limit, str(request.url))
        raw = 0
        async for chunk in response.aiter_raw():
            raw += len(chunk)
            if raw > limit:
                raise _Refused(f"body is over the {limit / _MIB:.1f} MiB limit")
            decoder.feed(chunk)
        return _Answer(status, response.reason_phrase, response.headers, bytes(decoder.out),
                       list(request.headers.items()), datetime.now(UTC))

    async def _attempts(self, url: str, headers: dict[str, str], accept: Collection[str], limit: int,
                        role: str, metadata: dict[str, Any], day: date | None) -> tuple[_Answer | str, int, bool]:
        """The answer (archived), or the reason we gave up, the attempts made, and whether it was transient."""
        attempts = self.policy.retries + 1
        reason = ""
        for attempt in range(1, attempts + 1):
            retry_after = None
            try:
                async with self._slot(url):
                    answer = await self._exchange(url, headers, accept, limit)
                self._archive(url, answer, role, metadata, day)
                if answer.status < 500 and answer.status != 429:
                    return answer, attempt, False
                reason = f"HTTP {answer.status}"
                retry_after = _retry_after(answer.headers)
            except _Refused as exc:
                return str(exc), attempt, False
            except _Transient as exc:
                reason = str(exc)
            if attempt < attempts:
                delay = self.policy.backoff(attempt, self._random.random())
                if retry_after is not None:
                    delay = max(delay, min(retry_after, self.policy.backoff_max))
                log.info("%s: %s; retry %d of %d in %.2fs", url, reason, attempt, attempts - 1, delay)
                await asyncio.sleep(delay)
        return f"{reason} after {attempts} attempt(s)", attempts, True

    def _archive(self, url: str, answer: _Answer, role: str, metadata: dict[str, Any], day: date | None) -> None:
        if self.archive is None:
            return
        self.archive.write(ArchivedExchange(
            url=url, status=answer.status, reason=answer.reason, request_headers=answer.request_headers,
            response_headers=list(answer.headers.multi_items()), body=answer.body, fetched_at=answer.fetched_at,
            role=role, metadata=metadata, day=day,
        ))

    # -- robots.txt ----------------------------------------------------------------------------------

    async def _robots_refusal(self, url: str) -> str | None:
        host = self._host(url)
        async with host.robots_lock:
            if host.robots is None:
                parts = urlsplit(url)
                robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
                result = await self.fetch(robots_url, role="robots", accept=(), check_robots=False,
                                          limit=ROBOTS_MAX_BYTES)
                if result.outcome == "ok" or (result.status and not result.transient):
                    host.robots = RobotsRules.from_response(result.status, result.body)
                elif result.status:
                    host.robots = RobotsRules.from_response(result.status, b"")
                else:
                    host.robots = RobotsRules.unreachable(result.reason)
                delay = host.robots.crawl_delay()
                if delay:
                    host.delay = max(host.delay, min(delay, self.policy.max_crawl_delay))
        return host.robots.refusal(url)

    # -- the public call -----------------------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        role: str = "page",
        accept: Collection[str] = (),
        validators: Validators | None = None,
        metadata: dict[str, Any] | None = None,
        day: date | None = None,
        check_robots: bool = True,
        limit: int | None = None,
    ) -> FetchResult:
        """Fetch ``url`` following up to ``max_redirects`` safe redirects; never raises for web failures."""
        limit = limit or self.policy.max_body_bytes
        metadata = metadata or {}
        current = _without_fragment(url)
        visited: set[str] = set()
        attempts = 0
        for _hop in range(self.policy.max_redirects + 1):
            try:
                await check_url(current, self.allow_hosts)
            except UnsafeURL as exc:
                return FetchResult(url, "skipped", current, reason=f"refused: {exc}")
            if check_robots and self.policy.robots:
                refusal = await self._robots_refusal(current)
                if refusal:
                    return FetchResult(url, "skipped", current, reason=refusal)
            visited.add(current)
            headers = {"Accept": "*/*", **(validators.headers() if validators else {})}
            answer, used, transient = await self._attempts(current, headers, accept, limit, role, metadata, day)
            attempts += used
            if isinstance(answer, str):
                return FetchResult(url, "skipped", current, reason=answer, transient=transient, attempts=attempts)
            if answer.status in _REDIRECTS and answer.headers.get("location"):
                target = _without_fragment(urljoin(current, answer.headers["location"]))
                if target in visited:
                    return FetchResult(url, "skipped", current, answer.status,
                                       reason=f"redirect loop ({current} -> {target})", attempts=attempts)
                current = target
                continue
            return self._result(url, current, answer, attempts)
        return FetchResult(url, "skipped", current, reason=f"more than {self.policy.max_redirects} redirects",
                           attempts=attempts)

    def _result(self, url: str, final: str, answer: _Answer, attempts: int) -> FetchResult:
        validators = Validators(answer.headers.get("etag"), answer.headers.get("last-modified"))
        common: dict[str, Any] = {"final_url": final, "status": answer.status, "attempts": attempts,
                                  "content_type": answer.headers.get("content-type"), "validators": validators,
                                  "fetched_at": answer.fetched_at}
        if answer.status == 304:
            return FetchResult(url, "not_modified", **common)
        if answer.status != 200:
            return FetchResult(url, "skipped", reason=f"HTTP {answer.status}", **common)
        return FetchResult(url, "ok", body=answer.body, **common)
