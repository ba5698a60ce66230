"""Reading WARC archives: ours, damaged ones, and pages that cannot be documents."""

from __future__ import annotations

import gzip
from datetime import UTC, date, datetime
from pathlib import Path

from warbrief.fetch.archive import ArchivedExchange, WarcArchive
from warbrief.ingest.files import Skipped, read_paths
from warbrief.records import RawDocument

WHEN = datetime(2024, 12, 28, 7, 30, 15, 123456, tzinfo=UTC)


def exchange(url: str, body: bytes, status: int = 200, content_type: str = "text/html", role: str = "page",
             **extra: object) -> ArchivedExchange:
    return ArchivedExchange(url, status, "OK", [("User-Agent", "warbrief")], [("Content-Type", content_type)],
                            body, WHEN, role, **extra)  # type: ignore[arg-type]


def archive_of(tmp_path: Path, *exchanges: ArchivedExchange) -> Path:
    archive = WarcArchive(tmp_path / "archive")
    for item in exchanges:
        archive.write(item)
    archive.close()
    [path] = archive.paths
    return path


def test_pages_come_back_with_their_metadata_and_the_rest_is_left_out(tmp_path: Path) -> None:
    path = archive_of(
        tmp_path,
        exchange("https://x.example/feed", b"<rss/>", content_type="application/rss+xml", role="feed"),
        exchange("https://x.example/robots.txt", b"User-agent: *", content_type="text/plain", role="robots"),
        exchange("https://x.example/a", b"<html><body><p>Kharkiv.</p></body></html>",
                 metadata={"outlet": "X News", "title": "Line\r\nbreak"}, day=date(2024, 12, 28)),
        exchange("https://x.example/gone", b"gone", status=404, content_type="text/plain"),
        exchange("https://x.example/pic", b"\x89PNG", content_type="image/png"),
    )
    assert path.name == "warbrief-2024-12-28.warc.gz"
    items = list(read_paths([path]))
    [page] = [i for i in items if isinstance(i, RawDocument)]
    assert page.origin == "https://x.example/a" and page.day == date(2024, 12, 28)
    assert page.metadata == {"outlet": "X News", "title": "Line\r\nbreak", "url": "https://x.example/a"}
    assert page.fetched_at == WHEN.replace(microsecond=0)
    reasons = sorted(i.reason for i in items if isinstance(i, Skipped))
    assert reasons == ["HTTP 404", "not a page: content type image/png"]
    # --day on ingest overrides the recorded day
    assert next(iter(read_paths([path], day=date(2025, 1, 1)))).day == date(2025, 1, 1)  # type: ignore[union-attr]


def test_a_truncated_archive_keeps_what_came_before_the_damage(tmp_path: Path) -> None:
    path = archive_of(tmp_path, exchange("https://x.example/a", b"<p>first page</p>" * 50),
                      exchange("https://x.example/b", b"<p>second page</p>" * 50))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_paths([path]))
    assert isinstance(items[0], RawDocument) and items[0].origin == "https://x.example/a"
    assert isinstance(items[-1], Skipped) and "corrupt or truncated WARC" in items[-1].reason


def test_a_file_that_is_not_a_warc_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n", "utf-8")
    [item] = list(read_paths([path]))
    assert isinstance(item, Skipped) and item.origin == str(path) and "corrupt or truncated WARC" in item.reason


def test_a_record_cut_mid_body_is_never_stored_as_a_partial_page(tmp_path: Path) -> None:
    path = archive_of(tmp_path, exchange("https://x.example/a", b"<p>first page</p>" * 50),
                      exchange("https://x.example/b", b"<p>second page</p>" * 50))
    plain = tmp_path / "cut.warc"
    data = gzip.decompress(path.read_bytes())
    plain.write_bytes(data[: len(data) - 300])
    first, second = list(read_paths([plain]))
    assert isinstance(first, RawDocument) and len(first.content) == 850
    assert isinstance(second, Skipped) and second.reason == "truncated record (body shorter than its Content-Length)"
