"""The archive's SQL that only PostgreSQL speaks: tsvector search, JSON operators, sequence columns.

The app must never change the store a pipeline is writing, so every connection runs read-only transactions
(``default_transaction_read_only``); psycopg connections are not shared between threads, so each serving thread
opens its own, and opens it again when the server dropped it.

Search reads the ``fts`` column of pg_schema.py (revision 1): title and text as weighted parts, ranked with
``ts_rank`` at the 5:1 ratio that SQLite's ``bm25(articles_fts, 5.0, 1.0)`` gives titles.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from datetime import date
from typing import Any

import psycopg

from warbrief.store import store_label
from warbrief.store.pg_schema import PG_REVISIONS
from warbrief.store.postgres import Row, _row_factory
from warbrief.store.schema import SCHEMA_VERSION
from warbrief.web.errors import DEFAULT_QUERY_TIMEOUT, ArchiveError, SearchQueryError

HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "\x02", "\x03"
#: ts_rank's weights, in its order {D, C, B, A}: the title (A) counts five times the text (B); normalization 1
#: divides the rank by 1 + log(document length), as BM25 discounts long articles.
_RANK = "ts_rank('{0, 0, 0.2, 1.0}', a.fts, %s, 1)"
#: About FTS5's ``snippet(..., 16)``: one fragment of up to 16 words around the matches.
_HEADLINE = (f'StartSel="{HIGHLIGHT_OPEN}", StopSel="{HIGHLIGHT_CLOSE}", MaxWords=16, MinWords=15, '
             'MaxFragments=1, FragmentDelimiter=" … "')
_ELLIPSIS = " … "
_WORD = re.compile(r"\w")
_ARTICLE_COLUMNS = "a.seq AS rowid, a.id, a.title, a.text, a.day, a.outlet, a.url, a.published, a.language"


def schema_state(db: psycopg.Connection[Row]) -> tuple[int, int] | None:
    """(schema version, PostgreSQL-only revision) of the store, or None when the database holds no store."""
    exists = db.execute("SELECT to_regclass('warbrief_schema') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return None
    row = db.execute("SELECT * FROM warbrief_schema").fetchone()
    if row is None:
        return None
    return int(row["version"]), int(row["revision"]) if "revision" in row.keys() else 0


def connect(url: str, connect_timeout: int = 5, query_timeout: float = DEFAULT_QUERY_TIMEOUT
            ) -> psycopg.Connection[Row]:
    """A read-only connection: every statement runs in a read-only transaction of its own, stopped by the server
    after ``query_timeout`` seconds (0: no limit)."""
    try:
        db = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout, row_factory=_row_factory)
    except psycopg.Error as exc:
        raise ArchiveError(f"{store_label(url)}: cannot connect to PostgreSQL ({_first_line(exc)})") from exc
    try:
        db.execute("SET default_transaction_read_only = on")
        # A query the page budget cannot afford should fail the request, not hold a server thread for ever.
        db.execute(f"SET statement_timeout = {max(0, round(query_timeout * 1000))}")
    except psycopg.Error as exc:
        db.close()
        raise ArchiveError(f"{store_label(url)}: cannot read from PostgreSQL ({_first_line(exc)})") from exc
    return db


class PostgresReader:
    """Read-only queries over one PostgreSQL store."""

    row_id = "seq"
    join_in_order = "JOIN"
    label_of_max_text = '(array_agg(label ORDER BY text COLLATE "C" DESC))[1]'

    def __init__(self, url: str, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        self.url = url
        self.label = store_label(url)
        self.query_timeout = query_timeout
        self._local = threading.local()

    @property
    def connection(self) -> psycopg.Connection[Row]:
        db: psycopg.Connection[Row] | None = getattr(self._local, "db", None)
        if db is None or db.closed or db.broken:
            db = connect(self.url, query_timeout=self.query_timeout)
            self._local.db = db
        return db

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Row]:
        """Run SQL written with ``?`` placeholders (the archive's queries are shared with SQLite)."""
        return self.connection.execute(sql.replace("%", "%%").replace("?", "%s"), params)  # type: ignore[arg-type]

    #: What a statement stopped at the time limit raises.
    timeout_errors: tuple[type[BaseException], ...] = (psycopg.errors.QueryCanceled,)

    def is_timeout(self, exc: BaseException) -> bool:
        """Whether ``exc`` is a statement the server stopped at this reader's time limit."""
        return isinstance(exc, psycopg.errors.QueryCanceled)

    def check_schema(self) -> None:
        try:
            state = schema_state(self.connection)
            if state is not None:
                self.execute("SELECT 1 FROM briefings LIMIT 1").fetchall()
        except psycopg.Error as exc:
            raise ArchiveError(f"{self.label}: not a warbrief store ({_first_line(exc)})") from exc
        if state is None:
            raise ArchiveError(f"{self.label}: no warbrief store in this database; run `warbrief ingest --db URL` "
                               "and `warbrief brief --db URL` first")
        version, revision = state
        if version > SCHEMA_VERSION or revision > len(PG_REVISIONS):
            raise ArchiveError(f"{self.label}: store schema v{version} (PostgreSQL revision {revision}) is newer "
                               f"than this warbrief (v{SCHEMA_VERSION}, revision {len(PG_REVISIONS)})")
        if (version, revision) < (SCHEMA_VERSION, len(PG_REVISIONS)):
            raise ArchiveError(
                f"{self.label}: store schema v{version} (PostgreSQL revision {revision}) is older than "
                f"v{SCHEMA_VERSION} (revision {len(PG_REVISIONS)}); run any `warbrief` command that writes "
                "(e.g. `warbrief brief`) once to upgrade it"
            )

    def binary(self, column: str) -> str:
        """The column compared by code point, as SQLite compares text, whatever the database's collation."""
        return f'{column} COLLATE "C"'

    # -- versions ------------------------------------------------------------------------------------------

    def briefing_version(self, day: date) -> str | None:
        """Changes whenever the day is rebuilt: the upsert gives the row a new ``xmin`` (its transaction)."""
        row = self.execute("SELECT xmin::text FROM briefings WHERE day = ?", (day.isoformat(),)).fetchone()
        return f"{day.isoformat()}.{row[0]}" if row else None

    def generation(self) -> tuple[Any, ...]:
        row = self.execute(
            "SELECT (SELECT max(seq) FROM articles), (SELECT max(xmin::text::bigint) FROM briefings),"
            " (SELECT count(*) FROM briefings), (SELECT max(seq) FROM stories)").fetchone()
        return tuple(row or ())

    # -- JSON inside the store (TEXT, parsed here: JSONB would reorder keys) -------------------------------

    def story_item(self, day: date, story_id: str) -> tuple[Any, str] | None:
        row = self.execute(
            "SELECT s.value ->> 'title', i.value::text FROM briefings b,"
            " json_array_elements(b.json::json -> 'sections') s, json_array_elements(s.value -> 'items') i"
            " WHERE b.day = ? AND s.value ->> 'id' != 'summary' AND i.value ->> 'story_id' = ? LIMIT 1",
            (day.isoformat(), story_id)).fetchone()
        return (row[0], row[1]) if row else None

    def losses(self, category: str) -> list[Any]:
        # ``->`` (not ``->>``) returns JSON, which psycopg reads as the number SQLite's json_extract gives.
        return self.execute(
            "SELECT day, json::json -> 'losses' -> ? -> 'today' AS today,"
            " json::json -> 'losses' -> ? -> 'total' AS total FROM briefings ORDER BY day",
            (category, category)).fetchall()

    def place_mentions(self) -> list[Any]:
        return self.execute(
            "SELECT m.entity, m.text, m.extra::json -> 'name', a.seq FROM mentions m"
            " JOIN articles a ON a.id = m.article_id WHERE m.label = 'PLACE'").fetchall()

    # -- search --------------------------------------------------------------------------------------------

    @staticmethod
    def _tsquery(terms: list[str], operator: str = "&&") -> tuple[str, list[Any]]:
        """Every term as a phrase (its words next to each other), all required; the words are read through the
        same ``warbrief_search_text`` as the indexed text, so punctuation separates words on both sides."""
        sql = f" {operator} ".join(["phraseto_tsquery('simple', warbrief_search_text(?))"] * len(terms))
        return f"({sql})", list(terms)

    def _condition(self, terms: list[str], allowed: set[int] | None) -> tuple[str, list[Any]]:
        query, params = self._tsquery(terms)
        where = f"a.fts @@ {query}"
        if allowed is not None:
            where += " AND a.seq = ANY(?)"
            params.append(sorted(allowed))
        return where, params

    def count_matches(self, terms: list[str], allowed: set[int] | None, cap: int) -> int:
        where, params = self._condition(terms, allowed)
        row = self._search(f"SELECT count(*) FROM (SELECT 1 FROM articles a WHERE {where} LIMIT ?) AS matched",
                           [*params, cap]).fetchone()
        return int(row[0]) if row else 0

    def scored_matches(self, terms: list[str], allowed: set[int] | None, limit: int) -> list[tuple[int, float]]:
        """(seq, score; lower is better) of the ``limit`` most recently stored matches.

        Reads the stored tsvector, never the text (TOASTed apart from the row)."""
        where, params = self._condition(terms, allowed)
        query, query_params = self._tsquery(terms)
        rank = _RANK.replace("%s", query)
        rows = self._search(f"SELECT a.seq, -{rank} FROM articles a WHERE {where} ORDER BY a.seq DESC LIMIT ?",
                            [*query_params, *params, limit]).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def snippets(self, terms: list[str], rowids: list[int]) -> dict[int, Any]:
        if not rowids:
            return {}
        # "<" is hidden from ts_headline's parser, which would skip "<img src=x onerror=...>" as one HTML tag
        # where FTS5 (and the indexed text) read words. Any term highlights: ts_headline marks nothing when the
        # terms do not all fit in one fragment, where FTS5 marks the terms its window holds.
        query, params = self._tsquery(terms, "||")
        rows = self._search(
            f"SELECT {_ARTICLE_COLUMNS}, ts_headline('simple', replace(a.text, '<', chr(1)), {query}, ?) AS snip"
            " FROM articles a"
            " WHERE a.seq = ANY(?)", [*params, _HEADLINE, rowids]).fetchall()
        out = {}
        for row in rows:
            values = dict(zip(row.keys(), row, strict=True))
            values["snip"] = _with_ellipses((values["snip"] or "").replace("\x01", "<"), values["text"])
            out[values["rowid"]] = values
        return out

    def _search(self, sql: str, params: list[Any]) -> psycopg.Cursor[Row]:
        try:
            return self.execute(sql, params)
        except psycopg.DataError as exc:  # pragma: no cover - the terms hold words only
            raise SearchQueryError(f"cannot run this search: {_first_line(exc)}") from exc


def _with_ellipses(headline: str, text: str) -> str:
    """The headline with " … " where it cuts the text, as FTS5's snippet marks a fragment that does not start or
    end the column (ts_headline marks only between fragments)."""
    plain = headline.replace(HIGHLIGHT_OPEN, "").replace(HIGHLIGHT_CLOSE, "")
    start = text.find(plain) if plain else -1
    if start < 0:
        return headline
    before = _ELLIPSIS if _WORD.search(text[:start]) else ""
    after = _ELLIPSIS if _WORD.search(text[start + len(plain):]) else ""
    return before + headline + after


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
