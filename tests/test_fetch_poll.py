"""Polls end to end: a loopback server's feeds, sitemaps and pages into a real store, with faults."""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from fetchserver import FaultServer, Route
from test_fetch_client import fast_policy
from warbrief.config import Settings
from warbrief.fetch.live import fetch_sources
from warbrief.fetch.poll import Poll
from warbrief.fetch.sources import Source
from warbrief.fetch.state import FetchState, state_path_for
from warbrief.fetch.watch import watch
from warbrief.pipeline import Pipeline


def article(title: str, city: str) -> bytes:
    paragraphs = "".join(
        f"<p>{text}</p>" for text in [
            f"Russian forces launched a combined missile and drone attack on {city} overnight, regional officials "
            "said on Saturday, damaging residential buildings and a power substation.",
            f"Emergency services in {city} said firefighters worked through the night to put out fires in three "
            "districts, and that rescue work was still under way in the morning.",
            "Ukraine's air force said air defence units shot down most of the drones launched from the Russian "
            "side, while several missiles struck their targets in the region.",
        ]
    )
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}</article>"
            "</body></html>").encode()


def rss(*links: tuple[str, str]) -> bytes:
    items = "".join(f"<item><title>{t}</title><link>{u}</link><pubDate>Sat, 28 Dec 2024 08:00:00 GMT</pubDate>"
                    "</item>" for t, u in links)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test</title>{items}</channel></rss>'.encode()


@pytest.fixture()
def server():  # type: ignore[no-untyped-def]
    with FaultServer() as running:
        running.route("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        for n, city in enumerate(["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia"], start=1):
            running.route(f"/news/{n}", Route(article(f"Attack on {city}", city)))
        running.route("/private/9", Route(article("Hidden", "Lviv")))
        yield running


@pytest.fixture()
def pipeline(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Pipeline.open(Settings(db=str(tmp_path / "warbrief.db"))) as opened:
        yield opened


def feed_source(server: FaultServer, path: str = "/feed", **extra: object) -> Source:
    return Source(name="test-feed", outlet="Test Outlet", kind="feed", urls=(server.url(path),),
                  side="ukrainian-independent", allow_private=True, **extra)  # type: ignore[arg-type]


def stored_urls(pipeline: Pipeline) -> set[str]:
    return {raw.metadata["url"] for raw in pipeline.store.raw_documents()}


def test_a_feed_poll_stores_new_pages_and_skips_the_rest_with_reasons(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(rss(("Attack on Kharkiv", server.url("/news/1")),
                                    ("Attack on Odesa", "/news/2"),
                                    ("Hidden", server.url("/private/9")),
                                    ("Intranet", "http://10.0.0.5/x"),
                                    ("Local file", "file:///etc/passwd")),
                                content_type="application/rss+xml", etag='"f1"'))
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path / "a")
    assert report.ingest.added == 2 and report.ingest.articles == 2
    assert stored_urls(pipeline) == {server.url("/news/1"), server.url("/news/2")}
    reasons = {skip.origin: skip.reason for skip in report.ingest.skipped}
    assert reasons[server.url("/private/9")] == "disallowed by robots.txt"
    assert "private" in reasons["http://10.0.0.5/x"]
    assert all(u != "file:///etc/passwd" for u in reasons)  # not an http(s) link: never even queued
    articles = pipeline.store.articles()
    assert {a.outlet for a in articles} == {"Test Outlet"}
    assert {a.title for a in articles} == {"Attack on Kharkiv", "Attack on Odesa"}
    raw = next(pipeline.store.raw_documents())
    assert raw.metadata["side"] == "ukrainian-independent" and raw.origin.startswith("http://127.0.0.1")


def test_a_feed_that_changes_between_polls_fetches_only_what_is_new(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    feed = server.route("/feed", Route(rss(("Attack on Kharkiv", "/news/1")), content_type="application/rss+xml",
                                       etag='"f1"'))
    policy, source = fast_policy(server), feed_source(server)
    assert fetch_sources(pipeline, [source], policy=policy, archive_dir=tmp_path).ingest.added == 1
    second = fetch_sources(pipeline, [source], policy=policy, archive_dir=tmp_path)
    assert second.poll.sources["test-feed"].listings_unchanged == 1 and second.ingest.added == 0
    assert server.hits_for("/feed")[-1].headers["if-none-match"] == '"f1"'
    feed.body, feed.etag = rss(("Attack on Kharkiv", "/news/1"), ("Attack on Dnipro", "/news/3")), '"f2"'
    third = fetch_sources(pipeline, [source], policy=policy, archive_dir=tmp_path)
    assert third.ingest.added == 1 and third.poll.sources["test-feed"].queued == 1
    assert len(server.hits_for("/news/1")) == 1  # seen pages are not fetched again
    assert stored_urls(pipeline) == {server.url("/news/1"), server.url("/news/3")}


def test_a_malformed_feed_is_skipped_and_fetched_in_full_next_time(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(b"<rss><channel><item><link>/news/1</link></channel>", etag='"bad"',
                                content_type="application/rss+xml"))
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    [skip] = report.ingest.skipped
    assert skip.origin == server.url("/feed") and "not well-formed XML" in skip.reason
    fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    assert "if-none-match" not in server.hits_for("/feed")[-1].headers  # validators of a bad feed not kept


def test_a_feed_declaring_entities_is_refused_not_expanded(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><item><title>&c;</title>'
            b"<link>/news/1</link></item></channel></rss>")
    server.route("/feed", Route(bomb, content_type="application/rss+xml"))
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    [skip] = report.ingest.skipped
    assert "declares XML entities" in skip.reason and report.ingest.added == 0


def test_a_page_failing_this_poll_stays_queued_and_is_stored_by_the_next(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(rss(("Kharkiv", "/news/1"), ("Odesa", "/news/2")), content_type="application/rss+xml"))
    server.route("/news/2", Route(article("Attack on Odesa", "Odesa"), fault="500", faults=3))
    first = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    assert first.ingest.added == 1  # partial progress is kept
    [skip] = first.ingest.skipped
    assert skip.reason == "HTTP 500 after 3 attempt(s)"
    state = FetchState(state_path_for(pipeline.settings.db))
    assert state.page_state(server.url("/news/2")) == ("pending", 1, "HTTP 500 after 3 attempt(s)")
    state.close()
    second = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    assert second.ingest.added == 1 and not second.ingest.skipped
    assert stored_urls(pipeline) == {server.url("/news/1"), server.url("/news/2")}


def test_a_poll_stopped_mid_way_loses_nothing(server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(rss(*[(f"n{n}", f"/news/{n}") for n in range(1, 5)]),
                                content_type="application/rss+xml", etag='"f"'))
    state = FetchState(state_path_for(pipeline.settings.db))
    poll = Poll([feed_source(server)], state, tmp_path / "archive", policy=fast_policy(server))
    items = poll.items()
    first = next(items)
    pipeline.store.add_raw(first)  # type: ignore[arg-type]
    items.close()  # stopped here: the consumer never asked for the next page (e.g. Ctrl-C)
    state.close()
    # the feed's validators were saved with its queue, so the next poll gets 304 and still finds the pages
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    assert report.poll.sources["test-feed"].listings_unchanged == 1
    assert stored_urls(pipeline) == {server.url(f"/news/{n}") for n in range(1, 5)}
    assert report.ingest.added == 3 and report.ingest.duplicates == 1


def test_a_news_sitemap_index_queues_the_newest_pages_first(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/sitemap.xml", Route(
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/news-sitemap.xml</loc>'
        b"</sitemap></sitemapindex>", content_type="application/xml"))
    urls = "".join(
        f"<url><loc>{server.url(f'/news/{n}')}</loc><news:news><news:publication_date>2024-12-2{n}T08:00:00Z"
        f"</news:publication_date><news:title>Story {n}</news:title></news:news></url>" for n in range(1, 5))
    server.route("/news-sitemap.xml", Route(
        ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
         f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode(),
        content_type="text/xml"))
    source = Source(name="map", outlet="Map News", kind="sitemap", urls=(server.url("/sitemap.xml"),),
                    max_entries=2, allow_private=True)
    first = fetch_sources(pipeline, [source], policy=fast_policy(server), archive_dir=tmp_path)
    assert first.poll.sources["map"].queued == 4 and first.ingest.added == 2
    assert stored_urls(pipeline) == {server.url("/news/4"), server.url("/news/3")}
    fetch_sources(pipeline, [source], policy=fast_policy(server), archive_dir=tmp_path)
    assert len(stored_urls(pipeline)) == 4  # the rest of the queue, on the next poll


def test_a_fixed_page_is_stored_again_only_when_it_changes(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    page = server.route("/losses", Route(article("Losses", "Kyiv"), last_modified="Sat, 28 Dec 2024 06:00:00 GMT"))
    source = Source(name="losses", outlet="General Staff", kind="urls", urls=(server.url("/losses"),),
                    allow_private=True)
    assert fetch_sources(pipeline, [source], policy=fast_policy(server), archive_dir=tmp_path).ingest.added == 1
    second = fetch_sources(pipeline, [source], policy=fast_policy(server), archive_dir=tmp_path)
    assert second.ingest.added == 0 and second.poll.sources["losses"].unchanged == 1
    assert server.hits_for("/losses")[-1].headers["if-modified-since"] == "Sat, 28 Dec 2024 06:00:00 GMT"
    page.body, page.last_modified = article("Losses, updated", "Kyiv"), "Sun, 29 Dec 2024 06:00:00 GMT"
    assert fetch_sources(pipeline, [source], policy=fast_policy(server), archive_dir=tmp_path).ingest.added == 1


def test_wrong_or_missing_charset_still_gives_readable_text(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    ukrainian = ("<html><body><article><h1>Удар по Харкову</h1>" + "<p>Російські війська вночі атакували Харків "
                 "дронами та ракетами, пошкоджено житлові будинки і підстанцію, повідомили місцеві посадовці.</p>" * 3
                 + "</article></body></html>").encode("cp1251")
    server.route("/news/1", Route(ukrainian, content_type="text/html; charset=utf-8"))  # wrong charset
    server.route("/news/2", Route(ukrainian.replace("Харкову".encode("cp1251"), "Одесі".encode("cp1251")),
                                  content_type="text/html"))  # no charset
    server.route("/feed", Route(rss(("a", "/news/1"), ("b", "/news/2")), content_type="application/rss+xml"))
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path)
    assert report.ingest.added == 2
    texts = [a.text for a in pipeline.store.articles()]
    assert len(texts) == 2 and all("Російські війська" in t for t in texts)


def test_the_archive_alone_rebuilds_the_same_documents(server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(rss(("Attack on Kharkiv", "/news/1"), ("Attack on Odesa", "/news/2")),
                                content_type="application/rss+xml"))
    report = fetch_sources(pipeline, [feed_source(server)], policy=fast_policy(server), archive_dir=tmp_path / "a",
                           day=date(2024, 12, 28))
    [warc] = report.archives
    live = {r.id: (r.origin, r.metadata, r.day, r.fetched_at) for r in pipeline.store.raw_documents()}
    with Pipeline.open(Settings(db=str(tmp_path / "rebuilt.db"))) as rebuilt:
        again = rebuilt.ingest([warc])
        assert again.added == 2 and not again.skipped
        assert {r.id: (r.origin, r.metadata, r.day, r.fetched_at) for r in rebuilt.store.raw_documents()} == live
        assert sorted(a.title for a in rebuilt.store.articles()) == sorted(a.title for a in pipeline.store.articles())


def test_an_unreachable_feed_is_skipped_with_the_reason_and_the_other_sources_go_on(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/feed"
    server.route("/feed", Route(rss(("Attack on Kharkiv", "/news/1")), content_type="application/rss+xml"))
    down = Source(name="down", outlet="Down", kind="feed", urls=(dead,), allow_private=True)
    report = fetch_sources(pipeline, [down, feed_source(server)], policy=fast_policy(server, robots=False),
                           archive_dir=tmp_path)
    assert report.ingest.added == 1
    [skip] = report.ingest.skipped
    assert skip.origin == dead and skip.reason.startswith("feed not fetched: connection failed (ConnectError")
    assert skip.reason.endswith("after 3 attempt(s)")


def test_watch_runs_cycles_on_schedule_and_reports_what_changed(
        server: FaultServer, pipeline: Pipeline, tmp_path: Path) -> None:
    server.route("/feed", Route(rss(), content_type="application/rss+xml", etag='"empty"'))
    slept: list[float] = []
    reports = watch(pipeline, [feed_source(server)], 60, out=tmp_path / "out", day=date(2024, 12, 28),
                    policy=fast_policy(server), archive_dir=tmp_path, cycles=2, sleep=slept.append)
    assert len(reports) == 2 and len(slept) == 1 and 0 < slept[0] <= 60
    assert "briefing not rebuilt: no articles stored for 2024-12-28" in reports[0].summary()
    assert reports[1].summary() == ("cycle 2 (2024-12-28): 0 new page(s), 0 new article(s), 1 unchanged, 0 skipped; "
                                    "nothing new, briefing unchanged")

    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        watch(pipeline, [feed_source(server)], 60, out=tmp_path / "out", policy=fast_policy(server),
              archive_dir=tmp_path, sleep=interrupt)
