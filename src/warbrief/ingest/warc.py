"""WARC archives (``.warc``, ``.warc.gz``) to RawDocuments: a briefing can be rebuilt from the archive alone.

``warbrief fetch`` archives every response before it is processed and turns archived pages into documents
with ``document_from_response`` below, the same function this reader uses, so a store rebuilt with
``warbrief ingest archive.warc.gz`` holds the same documents (same bytes, URL, outlet, day) as the live run.
WARCs written by other tools work too: their successful HTML and text responses are read as pages.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from warbrief.ingest.files import Skipped
from warbrief.records import RawDocument

# Extension fields of our WARC response records (WARC 1.1 allows custom fields).
ROLE_HEADER = "Warbrief-Role"
METADATA_HEADER = "Warbrief-Metadata"
DAY_HEADER = "Warbrief-Day"
PAGE_MEDIA_TYPES = {"text/html": "text/html", "application/xhtml+xml": "text/html", "text/plain": "text/plain"}
_MIB = 1024 * 1024


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz"))


def media_type_of(content_type: str | None) -> str | None:
    """The pipeline media type of an HTTP Content-Type, or None if it is not a page we read."""
    if not content_type:
        return None
    return PAGE_MEDIA_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def charset_of(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def document_from_response(
    url: str,
    status: int,
    content_type: str | None,
    body: bytes,
    fetched_at: datetime,
    metadata: dict[str, Any] | None = None,
    day: date | None = None,
) -> RawDocument | str:
    """The RawDocument an archived page response stands for, or the reason it is not one.

    ``fetched_at`` is kept to the second, as WARC-Date is, so the live and the rebuilt document agree.
    """
    if status != 200:
        return f"HTTP {status}"
    media_type = media_type_of(content_type)
    if media_type is None and not content_type:
        media_type = "text/html" if body[:1024].lstrip().lower().startswith((b"<!doctype html", b"<html")) else None
    if media_type is None:
        return f"not a page: content type {content_type or 'missing'}"
    if not body.strip():
        return "empty body"
    if b"\x00" in body[:8192] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data (NUL bytes) where a page was expected"
    meta = {k: v for k, v in (metadata or {}).items() if v not in (None, "")}
    meta["url"] = url
    charset = charset_of(content_type)
    if charset:
        meta["charset"] = charset
    return RawDocument(content=body, media_type=media_type, origin=url,
                       fetched_at=fetched_at.astimezone(UTC).replace(microsecond=0), day=day, metadata=meta)


def _warc_date(value: str | None) -> datetime:
    if value:
        try:
            return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
        except ValueError:
            pass
    return datetime.now(UTC)


def _recorded_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _cut_short(http_headers: Any, body: bytes) -> bool:
    """A body shorter than its declared length: a damaged archive must not yield a partial page."""
    declared = http_headers.get_header("Content-Length") or ""
    return not http_headers.get_header("Content-Encoding") and declared.isdigit() and len(body) < int(declared)


def _record_metadata(headers: Any) -> dict[str, Any]:
    raw = headers.get_header(METADATA_HEADER)
    if not raw:
        return {}
    try:
        meta = json.loads(raw)
    except json.JSONDecodeError:
        return {}
    return meta if isinstance(meta, dict) else {}


def read_warc(path: Path, day: date | None = None, max_bytes: int = 20 * _MIB) -> Iterator[RawDocument | Skipped]:
    """Documents of the page responses in a WARC file; Skipped for the pages that cannot be documents.

    ``day`` overrides the day a record was collected for (``Warbrief-Day``). Records other than page
    responses (requests, feeds, robots.txt, 304s) are not documents and pass silently. A corrupt or
    truncated archive yields what came before the damage and one Skipped naming where it stopped.
    """
    origin = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror or exc}")
        return
    number = 0
    with handle:
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                headers = record.rec_headers
                role = headers.get_header(ROLE_HEADER)
                status = int(record.http_headers.get_statuscode() or 0)
                if (role and role != "page") or status == 304:
                    continue
                url = headers.get_header("WARC-Target-URI") or f"{origin}#{number}"
                where = f"{origin}: {url}"
                body = record.content_stream().read(max_bytes + 1)
                if len(body) > max_bytes:
                    yield Skipped(where, f"record body is over the {max_bytes / _MIB:.0f} MiB limit")
                    continue
                if _cut_short(record.http_headers, body):
                    yield Skipped(where, "truncated record (body shorter than its Content-Length)")
                    continue
                record_day = day or _recorded_day(headers.get_header(DAY_HEADER))
                document = document_from_response(
                    url, status, record.http_headers.get_header("Content-Type"), body,
                    _warc_date(headers.get_header("WARC-Date")), _record_metadata(headers), record_day,
                )
                yield Skipped(where, document) if isinstance(document, str) else document
        # warcio raises a mix of errors on damaged input (AttributeError on a half-parsed header, among others)
        except (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError, AttributeError, KeyError, TypeError,
                IndexError) as exc:
            yield Skipped(origin, f"corrupt or truncated WARC after record {number}: {exc}")
