"""The sources file, the shipped war list, feed and sitemap parsing, intervals and address checks."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

from warbrief.fetch.addresses import UnsafeURL, check_url
from warbrief.fetch.feeds import FeedEntry, FeedError, parse_feed
from warbrief.fetch.sitemaps import parse_sitemap
from warbrief.fetch.sources import SourcesError, load_sources, parse_sources, select_sources
from warbrief.fetch.state import state_path_for
from warbrief.fetch.watch import IntervalError, parse_interval


def test_the_shipped_list_covers_the_outlets_an_analyst_follows() -> None:
    sources = load_sources()
    names = {s.name for s in sources}
    assert {"isw", "kyiv-independent", "kyiv-post", "ukrinform", "ukrainska-pravda", "meduza",
            "general-staff-losses"} <= names
    assert all(s.side != "unknown" and s.urls for s in sources)
    assert {"ukrainian-government", "ukrainian-independent", "russian-state", "russian-independent",
            "western", "think-tank", "osint"} <= {s.side for s in sources}
    assert not any(s.allow_private for s in sources)
    assert {s.kind for s in sources} == {"feed", "sitemap", "urls"}


@pytest.mark.parametrize(("text", "problem"), [
    ("- name: a\n  outlet: A\n  kind: podcast\n  url: https://a.example/\n", "kind 'podcast' is not one of"),
    ("- name: a\n  outlet: A\n  kind: feed\n  url: file:///etc/passwd\n", "is not an http(s) URL"),
    ("- name: a\n  kind: feed\n  url: https://a.example/\n", "'outlet' is required"),
    ("- name: a\n  outlet: A\n  kind: feed\n", "give 'url' or a non-empty list 'urls'"),
    ("- name: a\n  outlet: A\n  kind: feed\n  url: https://a.example/\n  colour: red\n", "unknown field(s) ['colour']"),
    ("- name: a\n  outlet: A\n  kind: feed\n  url: https://a.example/\n  max_entries: 0\n", "max_entries"),
    ("sources: [a: [", "not valid YAML"),
    ("{}", "expected a non-empty list"),
])
def test_a_bad_sources_file_names_the_file_the_entry_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(SourcesError) as caught:
        load_sources(path)
    assert str(caught.value).startswith(str(path)) and problem in str(caught.value)


def test_unknown_source_names_are_refused_with_the_known_ones() -> None:
    sources = parse_sources("- {name: a, outlet: A, kind: feed, url: 'https://a.example/'}\n")
    with pytest.raises(SourcesError, match=r"unknown source.*known: a"):
        select_sources(sources, ["b"])
    with pytest.raises(SourcesError, match="sources file not found"):
        load_sources("/no/such/sources.yaml")


def test_atom_and_rdf_feeds_are_read() -> None:
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="alternate" href="/a"/>'
            b"<published>2024-12-28T07:00:00Z</published></entry><entry><title>No link</title></entry></feed>")
    assert parse_feed(atom, "https://x.example/feed") == [FeedEntry("https://x.example/a", "A", date(2024, 12, 28))]
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
           b"<item><title>B</title><link>https://x.example/b</link></item></rdf:RDF>")
    assert [e.url for e in parse_feed(rdf, "https://x.example/")] == ["https://x.example/b"]


def test_not_a_feed_and_external_entities_are_errors() -> None:
    with pytest.raises(FeedError, match="is not rss, RDF or Atom"):
        parse_feed(b"<html><body>hi</body></html>", "https://x.example/")
    xxe = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel/></rss>'
    with pytest.raises(FeedError, match="refused"):
        parse_feed(xxe, "https://x.example/")
    with pytest.raises(FeedError, match="not well-formed"):
        parse_sitemap(b"<urlset><url>", "https://x.example/")


@pytest.mark.parametrize(("text", "seconds"), [("30m", 1800), ("1h30m", 5400), ("90s", 90), ("2h", 7200)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "30", "m", "0m", "1x", "30m-"])
def test_bad_intervals_are_refused(text: str) -> None:
    with pytest.raises(IntervalError):
        parse_interval(text)


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://192.168.1.1/", "http://[::ffff:10.0.0.1]/",
                                 "http://0.0.0.0/", "https://user:pw@example.com/", "ftp://example.com/"])
def test_unsafe_addresses(url: str) -> None:
    with pytest.raises(UnsafeURL):
        asyncio.run(check_url(url))


def test_the_allow_list_opens_one_host_and_port_only() -> None:
    asyncio.run(check_url("http://127.0.0.1:8080/x", {"127.0.0.1:8080"}))
    with pytest.raises(UnsafeURL):
        asyncio.run(check_url("http://127.0.0.1:8081/x", {"127.0.0.1:8080"}))


@pytest.mark.parametrize(("db", "state"), [
    ("warbrief.db", "warbrief.fetch.sqlite"),
    ("/data/x.db", "/data/x.fetch.sqlite"),
    ("postgresql://bob:secret@db.example:5432/news", "db.example-news.fetch.sqlite"),
])
def test_the_fetch_state_lives_beside_the_store_and_never_names_credentials(db: str, state: str) -> None:
    assert str(state_path_for(db)) == state
