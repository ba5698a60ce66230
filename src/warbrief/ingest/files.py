"""Local files and folders to RawDocuments, refusing what cannot be news text before it is stored.

Each refusal is a ``Skipped`` naming the input and the reason, so that a run over a messy folder goes
on and tells the user exactly what it left out and why.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from warbrief.records import RawDocument

DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # 20 MiB
_MIB = 1024 * 1024
TEXT_SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".md": "text/plain"}
HTML_SUFFIXES = {".html": "text/html", ".htm": "text/html", ".xhtml": "text/html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
RECORD_MEDIA_TYPE = "application/x-warbrief-record+json"
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF file (not supported yet)"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
    (b"\x1f\x8b", "gzip data"),
)


@dataclass(slots=True, frozen=True)
class Skipped:
    """An input that was not stored, and why."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.origin}: {self.reason}"


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Files named directly, and the files inside named folders (sorted; hidden files left out)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if child.is_file() or child.is_symlink():
                    yield child
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder")


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if b"\x00" in head[:8192] and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data (NUL bytes)"
    return None


def _read_bounded(path: Path, max_bytes: int) -> bytes | Skipped:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Skipped(str(path), f"cannot read: {exc.strerror or exc}")
    if size > max_bytes:
        return Skipped(str(path), f"file is {size / _MIB:.1f} MiB, over the {max_bytes / _MIB:.0f} MiB limit")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return Skipped(str(path), f"cannot read: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Skipped(str(path), f"file is over the {max_bytes / _MIB:.0f} MiB limit")
    return data


def _gunzip_bounded(data: bytes, origin: str, max_bytes: int) -> bytes | Skipped:
    """Decompress gzip (every member) without letting a small bomb expand past the size limit.

    A truncated stream is refused rather than stored as partial text.
    """
    out = bytearray()
    remaining = data
    while remaining:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(remaining, max_bytes + 1 - len(out))
        except zlib.error as exc:
            return Skipped(origin, f"corrupt gzip data ({exc})")
        if len(out) > max_bytes or inflater.unconsumed_tail:
            return Skipped(origin, f"decompresses to over the {max_bytes / _MIB:.0f} MiB limit")
        if not inflater.eof:
            return Skipped(origin, "truncated gzip data (the file ends mid-stream)")
        remaining = inflater.unused_data.lstrip(b"\x00")
    return bytes(out)


def _media_type(name: str, data: bytes) -> str | None:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return HTML_SUFFIXES[suffix]
    if suffix in TEXT_SUFFIXES:
        return TEXT_SUFFIXES[suffix]
    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in data[:4096].lower():
        return "text/html"
    return "text/plain"


def read_file(
    path: Path, day: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Skipped]:
    """The raw documents in one file: one for a page, one per line for a JSONL file, one per page of a WARC."""
    if path.name.lower().endswith((".warc", ".warc.gz")):
        from warbrief.ingest.warc import read_warc  # late: warc.py imports Skipped from here

        yield from read_warc(path, day=day, max_bytes=max_bytes)
        return
    origin = str(path)
    data = _read_bounded(path, max_bytes)
    if isinstance(data, Skipped):
        yield data
        return
    name = path.name
    if name.lower().endswith(".gz") or data.startswith(b"\x1f\x8b"):
        data = _gunzip_bounded(data, origin, max_bytes)
        if isinstance(data, Skipped):
            yield data
            return
        name = name[:-3] if name.lower().endswith(".gz") else name
    if not data.strip():
        yield Skipped(origin, "empty file")
        return
    kind = _binary_kind(data[:8192])
    if kind:
        yield Skipped(origin, f"not a text document: {kind}")
        return
    fetched = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    if Path(name).suffix.lower() in JSONL_SUFFIXES:
        yield from _read_jsonl(data, origin, fetched, day)
        return
    yield RawDocument(content=data, media_type=_media_type(name, data) or "text/plain", origin=origin,
                      fetched_at=fetched, day=day)


def _read_jsonl(data: bytes, origin: str, fetched: datetime, day: date | None) -> Iterator[RawDocument | Skipped]:
    """One record per line: url, title, date, outlet, and text or html."""
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Skipped(where, f"not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})")
            continue
        problem = _record_problem(record)
        if problem:
            yield Skipped(where, problem)
            continue
        metadata = {k: record[k] for k in ("url", "title", "date", "outlet", "language") if record.get(k)}
        yield RawDocument(content=line, media_type=RECORD_MEDIA_TYPE, origin=where, fetched_at=fetched, day=day,
                          metadata=metadata)


def _record_problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "a JSONL line must be an object with 'text' or 'html'"
    body = record.get("text") or record.get("html")
    if not isinstance(body, str) or not body.strip():
        return "record has no 'text' or 'html' string"
    for key in ("url", "title", "date", "outlet"):
        if key in record and record[key] is not None and not isinstance(record[key], str):
            return f"record field '{key}' must be a string"
    return None


def read_paths(
    paths: Iterable[str | Path], day: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Skipped]:
    for item in iter_input_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item, day=day, max_bytes=max_bytes)


