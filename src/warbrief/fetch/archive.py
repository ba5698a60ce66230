"""Every fetched response, archived raw as WARC before anything reads it.

One gzip-compressed WARC per UTC day in the archive folder, appended to record by record (each record its
own gzip member, flushed and fsynced), so a run stopped at any moment leaves a readable archive with every
response it got. ``warbrief ingest FOLDER/warbrief-DAY.warc.gz`` rebuilds the store from it.

Bodies are archived as the fetcher read them: decoded from any Content-Encoding (the header is dropped and
Content-Length set to match), because those are the bytes the pipeline ingests and a size limit is only
meaningful on them.
"""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warbrief import __version__
from warbrief.ingest.warc import DAY_HEADER, METADATA_HEADER, ROLE_HEADER

_DROPPED = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(slots=True)
class ArchivedExchange:
    """One request and its response, as the fetcher saw them."""

    url: str
    status: int
    reason: str
    request_headers: Sequence[tuple[str, str]]
    response_headers: Sequence[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    role: str = "page"
    metadata: dict[str, Any] = field(default_factory=dict)
    day: date | None = None


def warc_date(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _header_value(value: str) -> str:
    """Header values from the web must not break the record: no CR/LF, bounded length."""
    return " ".join(value.split())[:4000]


class WarcArchive:
    """Appends request/response pairs to ``folder/PREFIX-YYYY-MM-DD.warc.gz`` (one file per UTC day)."""

    def __init__(self, folder: str | Path, prefix: str = "warbrief") -> None:
        self.folder = Path(folder)
        self.prefix = prefix
        self._lock = threading.Lock()
        self._handle: BinaryIO | None = None
        self._path: Path | None = None
        self.records = 0
        self.paths: list[Path] = []  # the WARC files written to, in order

    def path_for(self, moment: datetime) -> Path:
        return self.folder / f"{self.prefix}-{moment.astimezone(UTC).date().isoformat()}.warc.gz"

    def _writer(self, moment: datetime) -> WARCWriter:
        path = self.path_for(moment)
        if path != self._path or self._handle is None:
            self.close()
            self.folder.mkdir(parents=True, exist_ok=True)
            fresh = not path.exists() or path.stat().st_size == 0
            self._handle = path.open("ab")
            self._path = path
            if fresh:
                writer = WARCWriter(self._handle, gzip=True, warc_version="1.1")
                info = writer.create_warcinfo_record(path.name, {
                    "software": f"warbrief/{__version__}",
                    "format": "WARC File Format 1.1",
                    "description": "responses fetched by warbrief fetch/watch, archived before processing",
                })
                writer.write_record(info)
                self._sync()
        return WARCWriter(self._handle, gzip=True, warc_version="1.1")

    def _sync(self) -> None:
        assert self._handle is not None
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def write(self, exchange: ArchivedExchange) -> Path:
        """Archive one exchange durably; returns the WARC file it went to."""
        with self._lock:
            writer = self._writer(exchange.fetched_at)
            when = warc_date(exchange.fetched_at)
            request_id = f"<urn:uuid:{uuid.uuid4()}>"
            request_line = f"GET {_request_target(exchange.url)} HTTP/1.1"
            request_headers = StatusAndHeaders(
                request_line, [(k, _header_value(v)) for k, v in exchange.request_headers], is_http_request=True
            )
            request = writer.create_warc_record(
                exchange.url, "request", payload=BytesIO(b""), http_headers=request_headers,
                warc_headers_dict={"WARC-Date": when, "WARC-Record-ID": request_id},
            )
            headers = [(k, _header_value(v)) for k, v in exchange.response_headers if k.lower() not in _DROPPED]
            headers.append(("Content-Length", str(len(exchange.body))))
            status_line = f"{exchange.status} {_header_value(exchange.reason) or 'Unknown'}"
            extra = {
                "WARC-Date": when,
                "WARC-Concurrent-To": request_id,
                ROLE_HEADER: exchange.role,
                METADATA_HEADER: json.dumps(exchange.metadata, ensure_ascii=True, default=str, sort_keys=True),
            }
            if exchange.day:
                extra[DAY_HEADER] = exchange.day.isoformat()
            response = writer.create_warc_record(
                exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
                http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"), warc_headers_dict=extra,
            )
            writer.write_record(request)
            writer.write_record(response)
            self._sync()
            self.records += 1
            assert self._path is not None
            if self._path not in self.paths:
                self.paths.append(self._path)
            return self._path

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
        self._handle = None
        self._path = None


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
