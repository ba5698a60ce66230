"""What the fetcher remembers between runs, in a small SQLite file beside the store.

Validators (ETag, Last-Modified) make the next poll a conditional GET; the ``pages`` table is the queue
of pages found in feeds and sitemaps, so a page is fetched once, a failure is retried on later polls, and
a poll stopped at any moment resumes with nothing lost: a listing's new pages and its validators are
saved in one transaction, and a page is marked stored only after the store has committed it.
It is a sidecar file (``warbrief.fetch.sqlite`` next to ``warbrief.db``) so the store schema stays the
store's own business.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from warbrief.fetch.client import Validators
from warbrief.fetch.feeds import FeedEntry

SCHEMA = """
CREATE TABLE IF NOT EXISTS http_cache (
    url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, status INTEGER, content_hash TEXT, fetched_at TEXT
);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY, source TEXT NOT NULL, title TEXT, published TEXT, discovered_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, reason TEXT,
    content_hash TEXT, updated_at TEXT
);
CREATE INDEX IF NOT EXISTS pages_pending ON pages (source, state);
CREATE TABLE IF NOT EXISTS polls (
    id INTEGER PRIMARY KEY, source TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT,
    stored INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
    note TEXT
);
"""
MAX_PAGE_ATTEMPTS = 5


def state_path_for(db: str | Path) -> Path:
    """The sidecar file of a store: ``warbrief.db`` -> ``warbrief.fetch.sqlite``.

    A server store (``postgresql://user@host/news``) has no folder of its own, so its sidecar goes in the
    working folder, named after the host and database (never the credentials): ``host-news.fetch.sqlite``.
    """
    text = str(db)
    if "://" in text:
        parts = urlsplit(text)
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", f"{parts.hostname or 'local'}-{parts.path.strip('/')}").strip("-")
        return Path(f"{name}.fetch.sqlite")
    path = Path(db)
    return path.with_name(f"{path.stem}.fetch.sqlite")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True, frozen=True)
class PendingPage:
    url: str
    source: str
    title: str | None
    published: date | None
    attempts: int


class FetchState:
    """The fetcher's memory. One connection, one thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.path, isolation_level=None, timeout=10)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- conditional GET ---------------------------------------------------------------------------

    def validators(self, url: str) -> Validators | None:
        row = self.db.execute("SELECT etag, last_modified FROM http_cache WHERE url = ?", (url,)).fetchone()
        return Validators(row[0], row[1]) if row else None

    def last_hash(self, url: str) -> str | None:
        row = self.db.execute("SELECT content_hash FROM http_cache WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def save_validators(self, url: str, validators: Validators, status: int, content_hash: str | None = None) -> None:
        self.db.execute(
            "INSERT INTO http_cache (url, etag, last_modified, status, content_hash, fetched_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, status = excluded.status, "
            "content_hash = COALESCE(excluded.content_hash, http_cache.content_hash), fetched_at = excluded.fetched_at",
            (url, validators.etag, validators.last_modified, status, content_hash, _now()),
        )

    # -- the page queue ------------------------------------------------------------------------------

    def add_listing(self, source: str, listing_url: str, entries: Iterable[FeedEntry], validators: Validators,
                    status: int) -> int:
        """Queue a listing's pages not seen before and remember its validators, atomically; returns how many."""
        now = _now()
        added = 0
        with self._transaction():
            for entry in entries:
                cursor = self.db.execute(
                    "INSERT OR IGNORE INTO pages (url, source, title, published, discovered_at) VALUES (?, ?, ?, ?, ?)",
                    (entry.url, source, entry.title, entry.published.isoformat() if entry.published else None, now),
                )
                added += cursor.rowcount
            self.save_validators(listing_url, validators, status)
        return added

    def pending(self, source: str, limit: int) -> list[PendingPage]:
        rows = self.db.execute(
            "SELECT url, source, title, published, attempts FROM pages WHERE source = ? AND state = 'pending' "
            "ORDER BY published IS NULL, published DESC, rowid LIMIT ?", (source, limit),
        ).fetchall()
        return [PendingPage(r[0], r[1], r[2], date.fromisoformat(r[3]) if r[3] else None, r[4]) for r in rows]

    def mark_stored(self, url: str, content_hash: str) -> None:
        self.db.execute("UPDATE pages SET state = 'stored', content_hash = ?, reason = NULL, updated_at = ? "
                        "WHERE url = ?", (content_hash, _now(), url))

    def mark_failed(self, url: str, reason: str, transient: bool) -> str:
        """Record a failure; a transient one stays queued until MAX_PAGE_ATTEMPTS. Returns the page's state."""
        row = self.db.execute("SELECT attempts FROM pages WHERE url = ?", (url,)).fetchone()
        attempts = (row[0] if row else 0) + 1
        state = "pending" if transient and attempts < MAX_PAGE_ATTEMPTS else "skipped"
        self.db.execute("UPDATE pages SET state = ?, attempts = ?, reason = ?, updated_at = ? WHERE url = ?",
                        (state, attempts, reason, _now(), url))
        return state

    def page_state(self, url: str) -> tuple[str, int, str | None] | None:
        row = self.db.execute("SELECT state, attempts, reason FROM pages WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    # -- poll log --------------------------------------------------------------------------------------

    def record_poll(self, source: str, started: str, stored: int, unchanged: int, skipped: int, note: str) -> None:
        self.db.execute(
            "INSERT INTO polls (source, started_at, finished_at, stored, unchanged, skipped, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", (source, started, _now(), stored, unchanged, skipped, note),
        )

    def last_poll(self, source: str) -> str | None:
        row = self.db.execute("SELECT MAX(finished_at) FROM polls WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def _transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if kind else "COMMIT")
