"""The fetcher against a real HTTP server on loopback, one injected fault per test."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from fetchserver import FaultServer, Route
from warbrief.fetch.archive import WarcArchive
from warbrief.fetch.client import Fetcher, FetchResult, Validators
from warbrief.fetch.policy import FEED_TYPES, PAGE_TYPES, FetchPolicy
from warbrief.ingest.warc import read_warc

PAGE = b"<html><head><title>Strike on Kharkiv</title></head><body><p>Russian drones hit Kharkiv.</p></body></html>"


def fast_policy(server: FaultServer, **overrides: Any) -> FetchPolicy:
    """Short time-outs and back-offs so faults cost milliseconds; loopback allowed by the allow-list."""
    values: dict[str, Any] = {
        "connect_timeout": 1.0, "read_timeout": 1.0, "retries": 2, "backoff_base": 0.01, "backoff_max": 0.05,
        "per_host_delay": 0.0, "max_body_bytes": 1024 * 1024, "allow_hosts": frozenset({server.netloc}),
    }
    values.update(overrides)
    return FetchPolicy(**values)


def fetch(server: FaultServer, path: str, archive: WarcArchive | None = None, policy: FetchPolicy | None = None,
          **kwargs: Any) -> FetchResult:
    async def go() -> FetchResult:
        async with Fetcher(policy or fast_policy(server), archive) as fetcher:
            return await fetcher.fetch(server.url(path) if path.startswith("/") else path, **kwargs)

    return asyncio.run(go())


@pytest.fixture()
def server():  # type: ignore[no-untyped-def]
    with FaultServer() as running:
        running.route("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        yield running


def test_500s_are_retried_with_backoff_then_the_page_arrives(server: FaultServer, tmp_path: Path) -> None:
    server.route("/page", Route(PAGE, fault="500", faults=2))
    archive = WarcArchive(tmp_path)
    result = fetch(server, "/page", archive)
    assert result.outcome == "ok" and result.body == PAGE
    assert result.attempts == 3 and len(server.hits_for("/page")) == 3
    archive.close()
    # every response is archived, the failed ones too; only the 200 is a document
    assert archive.records == 4  # robots.txt + 2 x 500 + 200
    *failed, document = list(read_warc(archive.paths[0]))
    assert [str(f) for f in failed] == [f"skipped {archive.paths[0]}: {server.url('/page')}: HTTP 500"] * 2
    assert document.content == PAGE and document.origin == server.url("/page")


def test_persistent_500_is_skipped_as_transient_after_the_retries(server: FaultServer) -> None:
    server.route("/page", Route(PAGE, fault="503", faults=99))
    result = fetch(server, "/page")
    assert result.outcome == "skipped" and result.transient
    assert result.reason == "HTTP 503 after 3 attempt(s)"
    assert len(server.hits_for("/page")) == 3


def test_a_slow_response_times_out_and_the_retry_succeeds(server: FaultServer) -> None:
    server.route("/slow", Route(PAGE, fault="slow", faults=1, delay=5.0))
    result = fetch(server, "/slow")
    assert result.outcome == "ok" and result.attempts == 2


def test_a_response_slower_than_every_attempt_is_skipped_as_timed_out(server: FaultServer) -> None:
    server.route("/slow", Route(PAGE, fault="slow", faults=99, delay=5.0))
    result = fetch(server, "/slow", policy=fast_policy(server, retries=1))
    assert result.outcome == "skipped" and result.transient
    assert "timed out" in result.reason and "2 attempt(s)" in result.reason


@pytest.mark.parametrize("fault", ["reset", "reset_mid"])
def test_connection_resets_are_retried(server: FaultServer, fault: str) -> None:
    server.route("/page", Route(PAGE, fault=fault, faults=1))
    result = fetch(server, "/page")
    assert result.outcome == "ok" and result.body == PAGE and result.attempts == 2


def test_a_redirect_loop_is_skipped_with_its_reason(server: FaultServer) -> None:
    server.route("/a", Route(status=302, location="/b"))
    server.route("/b", Route(status=301, location=server.url("/a")))
    result = fetch(server, "/a")
    assert result.outcome == "skipped" and not result.transient
    assert result.reason.startswith("redirect loop")
    assert len(server.hits_for("/a")) == 1 and len(server.hits_for("/b")) == 1


def test_redirects_are_followed_up_to_the_limit(server: FaultServer) -> None:
    for n in range(8):
        server.route(f"/r{n}", Route(status=307, location=f"/r{n + 1}"))
    server.route("/r8", Route(PAGE))
    assert fetch(server, "/r6").final_url == server.url("/r8")
    result = fetch(server, "/r0", policy=fast_policy(server, max_redirects=3))
    assert result.outcome == "skipped" and result.reason == "more than 3 redirects"


def test_a_redirect_to_a_private_address_is_refused(server: FaultServer) -> None:
    server.route("/out", Route(status=302, location="http://10.1.2.3/admin"))
    server.route("/home", Route(status=302, location=f"http://localhost:{server.port}/page"))
    for path in ("/out", "/home"):
        result = fetch(server, path)
        assert result.outcome == "skipped" and result.reason.startswith("refused:")
        assert "private" in result.reason


@pytest.mark.parametrize("send_length", [True, False])
def test_a_50_mb_body_is_refused_without_reading_it_all(server: FaultServer, tmp_path: Path, send_length: bool) -> None:
    server.route("/huge", Route(stream=(64 * 1024, 800), send_length=send_length))
    archive = WarcArchive(tmp_path)
    result = fetch(server, "/huge", archive)
    assert result.outcome == "skipped" and not result.transient
    assert "over the 1.0 MiB limit" in result.reason
    assert archive.records == 1  # robots.txt only: a refused body is never archived


def test_a_gzip_bomb_is_refused_while_decompressing(server: FaultServer) -> None:
    server.route("/bomb", Route(b"<p>" + b"a" * (8 * 1024 * 1024), gzip=True))
    result = fetch(server, "/bomb")
    assert result.outcome == "skipped" and "over the 1.0 MiB limit" in result.reason


def test_gzip_bodies_are_decoded_and_archived_decoded(server: FaultServer, tmp_path: Path) -> None:
    server.route("/gz", Route(PAGE, gzip=True))
    archive = WarcArchive(tmp_path)
    assert fetch(server, "/gz", archive).body == PAGE
    archive.close()
    [document] = list(read_warc(archive.paths[0]))
    assert document.content == PAGE


def test_robots_txt_disallow_is_honoured_and_the_page_never_requested(server: FaultServer) -> None:
    server.route("/private/secret", Route(PAGE))
    server.route("/public", Route(PAGE))
    result = fetch(server, "/private/secret")
    assert result.outcome == "skipped" and result.reason == "disallowed by robots.txt"
    assert server.hits_for("/private/secret") == []
    assert fetch(server, "/public").outcome == "ok"


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (500, False)])
def test_robots_txt_errors_follow_rfc_9309(status: int, allowed: bool) -> None:
    with FaultServer() as server:
        server.route("/robots.txt", Route(b"", status=status, content_type="text/plain"))
        server.route("/page", Route(PAGE))
        result = fetch(server, "/page")
    assert (result.outcome == "ok") is allowed
    if not allowed:
        assert "assuming the site disallows crawling" in result.reason


def test_conditional_get_gets_304_with_the_saved_validators(server: FaultServer) -> None:
    server.route("/feed", Route(b"<rss/>", etag='"v1"', last_modified="Sat, 28 Dec 2024 06:00:00 GMT"))
    first = fetch(server, "/feed")
    assert first.outcome == "ok" and first.validators == Validators('"v1"', "Sat, 28 Dec 2024 06:00:00 GMT")
    second = fetch(server, "/feed", validators=first.validators)
    assert second.outcome == "not_modified"
    assert server.hits_for("/feed")[-1].headers["if-none-match"] == '"v1"'


def test_wrong_content_type_is_skipped_with_reason(server: FaultServer) -> None:
    server.route("/image", Route(b"\x89PNG....", content_type="image/png"))
    result = fetch(server, "/image", accept=PAGE_TYPES)
    assert result.outcome == "skipped" and result.reason == "content type image/png is not one we read here"
    assert fetch(server, "/image", accept=FEED_TYPES).outcome == "skipped"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "http://10.0.0.7/", "http://[::1]:9/", "http://169.254.169.254/"])
def test_unsafe_urls_are_refused_before_any_request(server: FaultServer, url: str) -> None:
    result = fetch(server, url)
    assert result.outcome == "skipped" and result.reason.startswith("refused:")


def test_loopback_is_refused_unless_allowed(server: FaultServer) -> None:
    server.route("/page", Route(PAGE))
    result = fetch(server, "/page", policy=fast_policy(server, allow_hosts=frozenset()))
    assert result.outcome == "skipped" and "loopback, private or reserved" in result.reason
    assert server.hits == []


def test_a_name_rebound_to_loopback_after_the_check_is_refused_at_connect(
    server: FaultServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name's first answer (the address check) is public, the next one (the connection)
    is loopback. The connection is refused and the server never sees the request."""
    from warbrief.fetch import addresses

    real_resolve = addresses._resolve
    answers = iter([["93.184.216.34"]])  # the attacker's DNS: public once, then the truth (127.0.0.1)

    async def rebinding(host: str) -> list[str]:
        return next(answers, None) or await real_resolve(host)

    monkeypatch.setattr(addresses, "_resolve", rebinding)
    server.route("/page", Route(PAGE))
    port = server.netloc.rsplit(":", 1)[1]
    result = fetch(server, f"http://localhost:{port}/page", policy=fast_policy(server, allow_hosts=frozenset(),
                                                                                robots=False))
    assert result.outcome == "skipped" and result.reason.startswith("refused:")
    assert "when connecting" in result.reason and not result.transient
    assert server.hits == []


def test_the_user_agent_says_what_we_are(server: FaultServer) -> None:
    server.route("/page", Route(PAGE))
    fetch(server, "/page")
    agent = server.hits_for("/page")[0].headers["user-agent"]
    assert agent.startswith("warbrief/") and "robots.txt" in agent


def test_per_host_concurrency_is_bounded(server: FaultServer) -> None:
    for n in range(6):
        server.route(f"/p{n}", Route(PAGE, fault="slow", faults=1, delay=0.1))

    async def go() -> list[FetchResult]:
        policy = fast_policy(server, per_host_concurrency=1)
        async with Fetcher(policy) as fetcher:
            return await asyncio.gather(*(fetcher.fetch(server.url(f"/p{n}")) for n in range(6)))

    assert all(r.outcome == "ok" for r in asyncio.run(go()))
    assert len(server.hits) == 7 and server.max_inflight == 1  # one slot per host: requests never overlapped


def test_robots_crawl_delay_raises_the_per_host_gap_up_to_the_cap() -> None:
    with FaultServer() as server:
        server.route("/robots.txt", Route(b"User-agent: warbrief\nCrawl-delay: 120\n", content_type="text/plain"))
        server.route("/page", Route(PAGE))

        async def go() -> float:
            policy = fast_policy(server, max_crawl_delay=0.05)
            async with Fetcher(policy) as fetcher:
                assert fetcher.host_delay(server.url("/page")) == 0.0
                await fetcher.fetch(server.url("/page"))
                return fetcher.host_delay(server.url("/page"))

        assert asyncio.run(go()) == 0.05


def test_backoff_is_exponential_capped_and_jittered() -> None:
    policy = FetchPolicy(backoff_base=1.0, backoff_max=5.0)
    assert [policy.backoff(n, 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 5.0]
    assert [policy.backoff(n, 0.0) for n in (1, 2)] == [0.5, 1.0]
