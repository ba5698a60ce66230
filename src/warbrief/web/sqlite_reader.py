"""The archive's SQL that only SQLite speaks: FTS5 search, JSON1 paths, rowids; read-only connections.

The app must never change the store a pipeline is writing, so the file is opened read-only (``mode=ro``, and
``query_only``), one connection per serving thread. A query that runs past the time limit is interrupted by SQLite's
progress handler (SQLite has no statement timeout): the deadline is set when a statement is run and covers its rows.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from warbrief.store.schema import SCHEMA_VERSION
from warbrief.web.errors import DEFAULT_QUERY_TIMEOUT, ArchiveError, SearchQueryError

HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"
# SQLite virtual-machine steps between two looks at the clock: a few microseconds of work each time.
PROGRESS_STEPS = 1000


class SqliteReader:
    """Read-only queries over one SQLite store file."""

    #: The column that orders rows as they were stored, in ``articles``, ``stories`` and ``story_articles``.
    row_id = "rowid"
    #: A join SQLite must run in the written order (see ``Archive._related``).
    join_in_order = "CROSS JOIN"
    #: The label of the row whose text is ``max(text)`` (SQLite takes a bare column from that row).
    label_of_max_text = "label"

    def __init__(self, path: str | Path, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        self.path = Path(path)
        self.label = str(self.path)
        if not self.path.is_file():
            raise ArchiveError(f"{self.path}: no store there; run `warbrief ingest` and `warbrief brief` first")
        self.query_timeout = query_timeout
        self._local = threading.local()

    #: What a query stopped at the time limit raises (``is_timeout`` tells it from other errors of that class).
    timeout_errors: tuple[type[BaseException], ...] = (sqlite3.OperationalError,)

    @property
    def connection(self) -> sqlite3.Connection:
        """This thread's connection; a statement run on it directly, not through ``execute``, has no time limit."""
        self._local.deadline = None
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA query_only=ON")
            if self.query_timeout > 0:
                db.set_progress_handler(self._past_deadline, PROGRESS_STEPS)
            self._local.db = db
        return db

    def _past_deadline(self) -> bool:
        deadline = getattr(self._local, "deadline", None)
        return deadline is not None and time.monotonic() > deadline

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        db = self.connection
        self._local.deadline = time.monotonic() + self.query_timeout if self.query_timeout > 0 else None
        return db.execute(sql, params)

    def is_timeout(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a query this reader stopped at its time limit."""
        return isinstance(exc, sqlite3.OperationalError) and "interrupted" in str(exc)

    def check_schema(self) -> None:
        db = self.connection  # at start-up, before any page: no time limit
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            db.execute("SELECT 1 FROM briefings LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: not a warbrief store ({exc})") from exc
        if version > SCHEMA_VERSION:
            raise ArchiveError(f"{self.path}: store schema v{version} is newer than this warbrief (v{SCHEMA_VERSION})")
        if version < SCHEMA_VERSION:
            raise ArchiveError(
                f"{self.path}: store schema v{version} is older than v{SCHEMA_VERSION}; run any `warbrief` command "
                "that writes (e.g. `warbrief brief`) once to upgrade it"
            )

    def binary(self, column: str) -> str:
        """The column compared by code point (SQLite's default), for orders both backends agree on."""
        return column

    # -- versions ------------------------------------------------------------------------------------------

    def briefing_version(self, day: date) -> str | None:
        """Changes whenever the day is rebuilt (INSERT OR REPLACE gives the row a new rowid).

        Read from the primary-key index only: created_at sits after the JSON in the row."""
        row = self.execute("SELECT rowid FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return f"{day.isoformat()}.{row[0]}" if row else None

    def generation(self) -> tuple[Any, ...]:
        # max(rowid) only: a briefing rewritten by INSERT OR REPLACE gets a new rowid, and reading any other
        # column of ``briefings`` would read its JSON.
        row = self.execute(
            "SELECT (SELECT max(rowid) FROM articles), (SELECT max(rowid) FROM briefings),"
            " (SELECT count(*) FROM briefings), (SELECT max(rowid) FROM stories)").fetchone()
        return tuple(row)

    # -- JSON inside the store -----------------------------------------------------------------------------

    def story_item(self, day: date, story_id: str) -> tuple[Any, str] | None:
        """(section title, item JSON) of the story's paragraph in the day's briefing.

        SQLite's JSON reader finds the one item in C, instead of building the whole day's briefing in Python."""
        row = self.execute(
            "SELECT json_extract(s.value, '$.title'), i.value FROM briefings b, json_each(b.json, '$.sections') s,"
            " json_each(s.value, '$.items') i WHERE b.day = ? AND json_extract(s.value, '$.id') != 'summary'"
            " AND json_extract(i.value, '$.story_id') = ? LIMIT 1", (day.isoformat(), story_id)).fetchone()
        return (row[0], row[1]) if row else None

    def losses(self, category: str) -> list[Any]:
        """(day, today, total) of the category in every briefing, oldest first."""
        return self.execute(
            "SELECT day, json_extract(json, '$.losses.' || ? || '.today') AS today,"
            " json_extract(json, '$.losses.' || ? || '.total') AS total FROM briefings ORDER BY day",
            (category, category)).fetchall()

    def place_mentions(self) -> list[Any]:
        """(entity, text as written, gazetteer name, article rowid) of every linked place mention."""
        return self.execute(
            "SELECT m.entity, m.text, json_extract(m.extra, '$.name'), a.rowid FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.label = 'PLACE'").fetchall()

    # -- search --------------------------------------------------------------------------------------------

    @staticmethod
    def _match(terms: list[str]) -> str:
        return " ".join(f'"{term}"' for term in terms)

    def _condition(self, terms: list[str], allowed: set[int] | None) -> tuple[str, list[Any]]:
        where, params = "articles_fts MATCH ?", [self._match(terms)]
        if allowed is not None:
            # ``rowid + 0`` keeps SQLite from probing the FTS index once per allowed rowid.
            where += " AND articles_fts.rowid + 0 IN (SELECT value FROM json_each(?))"
            params.append(json.dumps(sorted(allowed)))
        return where, params

    def count_matches(self, terms: list[str], allowed: set[int] | None, cap: int) -> int:
        where, params = self._condition(terms, allowed)
        return int(self._search(f"SELECT count(*) FROM (SELECT 1 FROM articles_fts WHERE {where} LIMIT ?)",
                                [*params, cap]).fetchone()[0])

    def scored_matches(self, terms: list[str], allowed: set[int] | None, limit: int) -> list[tuple[int, float]]:
        """(rowid, score; lower is better) of the ``limit`` most recently stored matches: BM25, titles 5:1.

        Reads only the FTS index: joining ``articles`` would read each match's text (stored before ``day``)."""
        where, params = self._condition(terms, allowed)
        rows = self._search(f"SELECT rowid, bm25(articles_fts, 5.0, 1.0) FROM articles_fts WHERE {where}"
                            " ORDER BY rowid DESC LIMIT ?", [*params, limit]).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def snippets(self, terms: list[str], rowids: list[int]) -> dict[int, Any]:
        """The articles of these rowids, each with ``snip``: up to 16 tokens of its text around the matches."""
        if not rowids:
            return {}
        rows = self._search(
            "SELECT a.rowid AS rowid, a.*, snippet(articles_fts, 1, ?, ?, ' … ', 16) AS snip"
            " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
            f" WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({','.join('?' * len(rowids))})",
            [HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE, self._match(terms), *rowids]).fetchall()
        return {r["rowid"]: r for r in rows}

    def _search(self, sql: str, params: list[Any]) -> sqlite3.Cursor:
        try:
            return self.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if self.is_timeout(exc):
                raise  # the app answers 503: the search was valid, only too slow
            raise SearchQueryError(f"cannot run this search: {exc}") from exc  # pragma: no cover - terms are quoted
